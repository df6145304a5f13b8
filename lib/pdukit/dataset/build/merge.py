"""Statements about one thing merged into one value, and every difference between them kept.

The better-ranked source wins (inspectorate > other > news; a stated value over an implied one). Sources of
equal rank that contradict each other leave the value empty. Each difference becomes a disagreements.csv row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pdukit.dataset.build.inputs import Row

KIND_RANK = {"inspectorate": 3, "other": 2, "news": 1}


@dataclass
class Fact:
    """One statement: a harvested or transcribed value with its source and quote, and where it belongs."""

    fact_id: str
    pdu: str
    region: str
    published: str
    measure: str
    value: str
    source: str
    quote: str
    basis: str = "stated"
    note: str = ""
    subject: str = ""  # inspection_id, region name, or "national"
    pdu_id: str = ""
    round: int = 0
    kind: str = ""
    source_id: str = ""
    ignore_published: bool = False
    inspection: str = ""  # set by curation where the statement's inspection is known without a date

    @property
    def rank(self) -> float:
        return KIND_RANK[self.kind] + (0.5 if self.basis == "stated" else 0)


@dataclass
class Merged:
    """The value kept, the sources that state it, its basis and the notes that travel with it."""

    value: str = ""
    sources: list[str] = field(default_factory=list)
    basis: str = "stated"
    notes: list[str] = field(default_factory=list)


def year(value: str) -> int | None:
    """The year a partial date starts with, or None."""
    return int(value[:4]) if re.match(r"^\d{4}", value or "") else None


def number(value: str) -> str:
    """The value as a plain number, or '' where the source gives wording ('>33', 'two thirds', 'a quarter')."""
    return value if re.fullmatch(r"-?\d+(\.\d+)?", value.strip()) else ""


def as_of(fact: Fact) -> str:
    """The date a figure refers to, where the fact's note gives one (as_of=YYYY[-MM[-DD]])."""
    found = re.search(r"as_of=(\d{4}(-\d{2}(-\d{2})?)?)", fact.note)
    return found.group(1) if found else ""


def same(a: str, b: str) -> bool:
    """True when two values say the same thing (numbers compared as numbers, words without case)."""
    try:
        return float(a) == float(b)
    except ValueError:
        return a.strip().lower() == b.strip().lower()


def ids(facts: Iterable[Fact]) -> str:
    """The sorted, ';'-joined source ids of some facts."""
    return ";".join(sorted({f.source_id for f in facts}))


def _difference(table: str, key: str, field_name: str, value: str, agreeing: list[Fact], other: str,
                others: list[Fact], resolution: str) -> Row:
    return dict(table=table, key=key, field=field_name, value=value, value_source_ids=ids(agreeing),
                other_value=other, other_source_ids=ids(others), resolution=resolution)


FIRST_RELEASE = "2026-11-22"  # its wording of resolutions is kept so that it rebuilds byte for byte


def merge(facts: list[Fact], table: str, key: str, field_name: str, disagreements: list[Row],
          version: str = "") -> Merged:
    """One value from several statements: the best-ranked value, with every source that states it."""
    best = max(f.rank for f in facts)
    top_values: list[str] = []
    for f in facts:
        if f.rank == best and not any(same(f.value, v) for v in top_values):
            top_values.append(f.value)
    chosen = top_values[0] if len(top_values) == 1 else ""
    agreeing = [f for f in facts if chosen and same(f.value, chosen)]
    for other in sorted({f.value for f in facts if not (chosen and same(f.value, chosen))}):
        others = [f for f in facts if same(f.value, other)]
        if chosen:
            resolution = "kept the better-ranked source (inspectorate > other > news; stated > implied)"
        elif len({f.source_id for f in facts}) == 1 and version > FIRST_RELEASE:
            resolution = "one source states both values: the value is left empty"
        else:
            resolution = "sources of equal rank contradict each other: the value is left empty"
        disagreements.append(_difference(table, key, field_name, chosen, agreeing, other, others, resolution))
    notes = sorted({re.sub(r";?\s*as_of=\S+( \([^)]*\))?;?\s*", "", f.note).strip() for f in agreeing if f.note} - {""})
    basis = "stated" if any(f.basis == "stated" for f in agreeing) or not agreeing else "implied"
    return Merged(chosen, [f.source_id for f in agreeing], basis, notes)


def _consistent(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _date_candidates(facts: list[Fact]) -> list[tuple[str, Fact, float]]:
    candidates = []
    for f in facts:
        if f.measure == "report_published":
            candidates.append((f.value, f, f.rank))
        elif f.measure == "previous_rating":
            found = re.search(r"\b(20\d\d)\b", f.quote)
            if found:  # a later report's mention of the year: the weakest evidence of a date
                candidates.append((found.group(1), f, 0))
        elif f.published and not f.source.startswith("seed:") and not f.ignore_published \
                and "regional window" not in f.value:
            candidates.append((f.published, f, f.rank))
    return candidates


def merge_published(facts: list[Fact], key: str, disagreements: list[Row], version: str,
                    decided: tuple[str, str] | None = None) -> Merged:
    """The report's publication date: the best-supported date of the best-ranked sources, made more precise
    only where every more precise date agrees; or, where curation decided between sources that disagree
    (`decided`: the date and why), that date, every other date kept as a disagreement."""
    candidates = _date_candidates(facts)
    if not candidates:
        return Merged()
    if decided:
        chosen, why = decided
        agree = [f for v, f, _ in candidates if _consistent(v, chosen)]
        for value in sorted({v for v, _, _ in candidates if not _consistent(v, chosen)}):
            disagreements.append(_difference("inspections", key, "published", chosen, agree, value,
                                             [f for v, f, _ in candidates if v == value], why))
        return Merged(chosen, [f.source_id for f in agree])
    best = max(r for _, _, r in candidates)

    def support(value: str) -> int:  # how many statements agree with a date
        return sum(_consistent(value, v) for v, _, _ in candidates)

    chosen = max((v for v, _, r in candidates if r == best), key=lambda v: (support(v), len(v)))
    finer = {v for v, _, _ in candidates if len(v) > len(chosen) and v.startswith(chosen)}
    finest = max(finer, key=len) if finer else ""
    if finest and all(_consistent(finest, v) for v in finer):  # refine only where the finer dates agree
        chosen = finest
    elif finer:
        for value in sorted(finer):
            disagreements.append(_difference(
                "inspections", key, "published", chosen, [f for v, f, _ in candidates if v == chosen], value,
                [f for v, f, _ in candidates if v == value],
                "more precise dates disagree with each other: kept the precision they share"))
    agree = [f for v, f, _ in candidates if chosen.startswith(v)]
    for value in sorted({v for v, _, _ in candidates if not _consistent(v, chosen)}):
        disagreements.append(_difference(
            "inspections", key, "published", chosen, agree, value, [f for v, f, _ in candidates if v == value],
            _date_resolution(chosen, value, version)))
    return Merged(chosen, [f.source_id for f in agree])


def _date_resolution(chosen: str, other: str, version: str) -> str:
    if version <= FIRST_RELEASE:
        return "kept the date of the better-ranked, more precise source"
    if len(chosen) < len(other):
        return "kept the date that more of the best-ranked sources agree on, though it is less precise"
    return "kept the date of the better-ranked, more precise source"
