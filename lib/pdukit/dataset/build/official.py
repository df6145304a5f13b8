"""From release 2026-12-01: the tables built from curation files of statements rather than from the harvest.

- official_staffing: official staffing figures (curation/official_staffing.csv), each dated, in its series;
- regional_inspections and public_protection: the 2025-26 dynamic inspections of public protection, region by
  region (curation/public_protection.csv), under their own framework so they are never pooled with PDU ratings;
- rule_frameworks: which framework an inspection of a round (and year) was under (curation/frameworks.csv);
- publication days curation decided where sources differ (curation/publication_dates.csv).

Every curation row carries its source and verbatim quote and becomes an evidence row. A figure stated twice is
one row citing both sources; two statements of one figure that differ stop the build (curation must say which to
keep), so nothing is silently averaged or overwritten.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from pdukit.dataset.build.inputs import Inputs, Row
from pdukit.dataset.build.merge import Fact, number, same
from pdukit.dataset.names import slug
from pdukit.dataset.schema import NATIONAL, OFFICIAL_RELEASE, PUBLIC_PROTECTION_FRAMEWORK, REGIONS
from pdukit.errors import BuildError

OFFICIAL_KEY = ("scope", "measure", "grade", "unit", "series", "period_from", "as_of")
REGIONAL_FIELDS = ("report_number", "announced", "fieldwork", "published", "cases_inspected", "judgement")


def _statements(inputs: Inputs, name: str) -> list[tuple[int, Row]]:
    """The rows of a curation file of statements in force, numbered as a spreadsheet counts them; each must
    carry its source and quote."""
    rows = []
    for number_, row in enumerate(inputs.curation(name, since=OFFICIAL_RELEASE), start=2):
        if not (row.get("source") or "").strip() or not (row.get("quote") or "").strip():
            raise BuildError(f"curation/{name}:{number_}: expected a source and a verbatim quote on every row")
        rows.append((number_, row))
    return rows


def _evidence(fact_id: str, subject: str, measure: str, value: str, source_id: str, quote: str, note: str) -> Row:
    if not value:
        raise BuildError(f"{fact_id}: statement about {subject} {measure} has neither a value nor words; expected one")
    return dict(fact_id=fact_id, subject=subject, measure=measure, value=value, basis="stated", source_ids=source_id,
                quote=quote, note=note)


def _joined(values: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def build_official_staffing(inputs: Inputs, source_id: Callable[[str], str]) -> tuple[list[Row], list[Row], list[str]]:
    """official_staffing rows, their evidence rows and the source references they cite."""
    name = "official_staffing.csv"
    groups: dict[tuple[str, ...], list[tuple[int, Row]]] = defaultdict(list)
    evidence, refs = [], []
    for i, (line, r) in enumerate(_statements(inputs, name), start=1):
        if r["value"].strip() and not number(r["value"]):
            raise BuildError(f"curation/{name}:{line}:value: found {r['value']!r}; expected a plain number (words go "
                             "in value_text)")
        groups[tuple(r[k].strip() for k in OFFICIAL_KEY)].append((line, r))
        refs.append(r["source"])
        evidence.append(_evidence(f"official-{i}", r["scope"], f"official:{r['measure']}:{r['grade']}",
                                  r["value"] or r["value_text"], source_id(r["source"]), r["quote"], r["note"]))
    rows = []
    for key, group in groups.items():
        first = group[0][1]
        for line, r in group[1:]:
            if not same(r["value"] or r["value_text"], first["value"] or first["value_text"]):
                raise BuildError(f"curation/{name}:{line}: {r['value'] or r['value_text']!r} differs from "
                                 f"{first['value'] or first['value_text']!r} on line {group[0][0]} for {key}; expected "
                                 "figures that differ to be in different series, or one of them left out with a reason")
        rows.append(dict(zip(OFFICIAL_KEY, key, strict=True)) | dict(
            value=first["value"], value_text=first["value_text"], definition=first["definition"],
            source_ids=";".join(sorted({source_id(r["source"]) for _, r in group})),
            note=_joined(r["note"] for _, r in group)))
    scopes = {s: i for i, s in enumerate((NATIONAL, *REGIONS))}
    rows.sort(key=lambda r: (scopes[r["scope"]], r["measure"], r["grade"], r["series"], r["as_of"], r["period_from"]))
    return rows, evidence, refs


def inspection_id(region: str) -> str:
    """The id of a region's dynamic inspection of public protection: '<region>-public-protection'."""
    return f"{slug(region)}-public-protection"


def build_public_protection(inputs: Inputs, source_id: Callable[[str], str]) -> tuple[list[Row], list[Row], list[Row], list[str]]:
    """regional_inspections rows, public_protection rows, their evidence rows and the source references."""
    name = "public_protection.csv"
    regional: dict[str, Row] = {}
    found: dict[tuple[str, ...], list[tuple[int, Row]]] = defaultdict(list)
    evidence, refs = [], []
    for i, (line, r) in enumerate(_statements(inputs, name), start=1):
        region = r["region"].strip()
        if region and region not in REGIONS:
            raise BuildError(f"curation/{name}:{line}:region: found {region!r}; expected a region or empty (the "
                             "programme as a whole)")
        subject = inspection_id(region) if region else NATIONAL
        field = r["field"].strip()
        refs.append(r["source"])
        evidence.append(_evidence(f"pp-{i}", subject, f"public_protection:{field}", r["value"] or r["value_text"] or
                                  (f"{r['numerator']} of {r['denominator']}" if r["numerator"] else ""),
                                  source_id(r["source"]), r["quote"], r["note"]))
        if field in REGIONAL_FIELDS:
            if not region:
                raise BuildError(f"curation/{name}:{line}:field: {field} belongs to a region's inspection; expected a region")
            row = regional.setdefault(region, dict(
                inspection_id=inspection_id(region), region=region, framework=PUBLIC_PROTECTION_FRAMEWORK,
                _sources=set(), _published=set(), _notes=[]))
            value = r["value"].strip() or r["value_text"].strip()
            if row.get(field) and not same(row[field], value):
                raise BuildError(f"curation/{name}:{line}: {field} {value!r} differs from {row[field]!r} for {region}; "
                                 "expected one value per field (leave the weaker statement out, with its reason)")
            row[field] = value
            row["_sources"].add(source_id(r["source"]))
            if field == "published":
                row["_published"].add(source_id(r["source"]))
            row["_notes"].append(r["note"])
            continue
        kind, _, topic = field.partition(":")
        found[(inspection_id(region) if region else "", kind, topic)].append((line, r))
        if region:
            regional.setdefault(region, dict(inspection_id=inspection_id(region), region=region,
                                             framework=PUBLIC_PROTECTION_FRAMEWORK, _sources=set(), _published=set(),
                                             _notes=[]))["_sources"].add(source_id(r["source"]))
    inspections = []
    for region in sorted(regional, key=REGIONS.index):
        row = regional[region]
        inspections.append({k: v for k, v in row.items() if not k.startswith("_")} | dict(
            published_source_ids=";".join(sorted(row["_published"])), source_ids=";".join(sorted(row["_sources"])),
            note=_joined(row["_notes"])))
    statements = []
    for (subject, kind, topic), group in found.items():
        first = group[0][1]
        for line, r in group[1:]:
            for column in ("value", "numerator", "denominator"):
                if r[column].strip() and first[column].strip() and not same(r[column], first[column]):
                    raise BuildError(f"curation/{name}:{line}:{column}: {r[column]!r} differs from {first[column]!r} on "
                                     f"line {group[0][0]}; expected one figure per inspection, kind and topic")
        statements.append(dict(
            inspection_id=subject, kind=kind, topic=topic, pct=first["value"], numerator=first["numerator"],
            denominator=first["denominator"], counted=first["counted"], value_text=first["value_text"],
            as_of=first["as_of"], source_ids=";".join(sorted({source_id(r["source"]) for _, r in group})),
            note=_joined(r["note"] for _, r in group)))
    order = {inspection_id(r): i for i, r in enumerate(REGIONS)}
    statements.sort(key=lambda r: (order.get(r["inspection_id"], -1), r["kind"], r["topic"]))
    return inspections, statements, evidence, refs


def framework_rules(inputs: Inputs, source_id: Callable[[str], str]) -> tuple[list[Row], list[Row], list[Row], list[str]]:
    """The curated rules (as the builder reads them), the rule_frameworks rows, evidence rows and references."""
    rules, rows, evidence, refs = [], [], [], []
    for i, (_, r) in enumerate(_statements(inputs, "frameworks.csv"), start=1):
        rules.append(r)
        refs.append(r["source"])
        rows.append(dict(round=r["round"], published_year=r["published_year"], framework=r["framework"],
                         verified=r["verified"], source_ids=source_id(r["source"]), note=r["note"]))
        evidence.append(_evidence(f"framework-{i}", f"round {r['round']}", "framework", r["framework"],
                                  source_id(r["source"]), r["quote"], r["note"]))
    return rules, rows, evidence, refs


def publication_statements(inputs: Inputs) -> tuple[list[Fact], dict[str, tuple[str, str]]]:
    """Statements of a report's publication day (as facts, prefix 'date'), and the day curation keeps for each
    inspection whose sources differ, with why."""
    facts, decided = [], {}
    for i, (line, r) in enumerate(_statements(inputs, "publication_dates.csv"), start=1):
        if not re.fullmatch(r"[a-z0-9-]+-\d", r["inspection"]):
            raise BuildError(f"curation/publication_dates.csv:{line}:inspection: found {r['inspection']!r}; expected "
                             "<pdu_id>-<round>")
        facts.append(Fact(f"date-{i}", r["pdu"], "", "", "report_published", r["published"], r["source"], r["quote"],
                          "stated", r["note"], inspection=r["inspection"]))
        if r["kept"] == "true":
            decided[r["inspection"]] = (r["published"], r["why"])
    return facts, decided
