"""Source ids as they appear in every table (';'-separated), parsed in one place, and a frame's sources looked up."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import pandas as pd

from pdukit.dataset.names import closest
from pdukit.errors import InvalidValue, UnknownName


class HasSources(Protocol):
    """What `with_sources` needs of a release: its sources table."""

    @property
    def sources(self) -> pd.DataFrame: ...


class HasEvidence(Protocol):
    """What `with_quotes` needs of a release: its evidence table."""

    @property
    def evidence(self) -> pd.DataFrame: ...


def split_ids(values: Any) -> list[str]:
    """Return the distinct source ids in one cell ('a;b'), a list of ids, or a column of cells, in first-seen order.

        >>> split_ids("hmip-1;bbc-2")
        ['hmip-1', 'bbc-2']
    """
    if values is None:
        return []
    cells: Iterable[Any]
    if isinstance(values, str):
        cells = [values]
    elif isinstance(values, (pd.Series, pd.Index, list, tuple, set)):
        cells = values
    else:
        cells = [values]
    found: dict[str, None] = {}
    for cell in cells:
        if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
            continue
        for part in str(cell).split(";"):
            part = part.strip()
            if part and part != "nan":
                found[part] = None
    return list(found)


def join_ids(*values: Any) -> str:
    """The source ids of a derived row: the union of its inputs' ids (cells, lists or columns), sorted, ';'-joined.

        >>> join_ids(["hmip-1;bbc-2", "hmip-1"], "seed-000")
        'bbc-2;hmip-1;seed-000'
    """
    return ";".join(sorted({i for value in values for i in split_ids(value)}))


SOURCE_COLUMNS = ("source_title", "source_publisher", "source_published", "source_link")


def web_address(url: object) -> str | None:
    """The source's public web address, or None for a document with no public address (a seed document, an
    unrecorded address): what a reader outside the repository can follow."""
    text = "" if url is None or (not isinstance(url, str) and bool(pd.isna(url))) else str(url)
    return text if text.startswith(("http://", "https://")) else None


def source_link(url: str) -> str:
    """A web address as it is, or a seed document's path in the repository (data/raw/seeds/<file>)."""
    url = str(url)
    return "data/raw/seeds/" + url.removeprefix("seed:") if url.startswith("seed:") else url


def _check_source_column(frame: object, column: str, caller: str) -> None:
    """InvalidValue for what is not a DataFrame; UnknownName, naming the columns that hold source ids, for a frame
    without `column`."""
    if not isinstance(frame, pd.DataFrame):
        raise InvalidValue(f"{caller} needs a DataFrame with a {column!r} column, not {type(frame).__name__}")
    if column not in frame.columns:
        columns = [str(c) for c in frame.columns]
        candidates = [c for c in columns if c.endswith("source_ids")]
        hint = (f"columns with source ids: {', '.join(map(repr, candidates))}" if candidates
                else f"closest columns: {closest(column, columns)}" if columns else "it has no columns")
        raise UnknownName(f"the frame has no {column!r} column, so its sources cannot be looked up ({hint}); keep "
                          "source_ids when selecting columns, or pass column=")


def with_sources(release: HasSources, frame: pd.DataFrame, column: str = "source_ids", long: bool = False) -> pd.DataFrame:
    """Return `frame` with the title, publisher, date and link of each row's sources.

    By default the rows stay as they are and each added column holds one entry per source, ' | '-separated, in
    the order of `column`; with `long=True` there is one row per (row, source) instead, for filtering and joins.
    A frame without `column` raises UnknownName naming the columns that could hold source ids.

        >>> gwent = release.ratings.query("inspection_id == 'gwent-1'")
        >>> release.with_sources(gwent)[["standard", "rating", "source_title", "source_link"]]
    """
    _check_source_column(frame, column, "with_sources")
    sources = release.sources.set_index("source_id")
    positions = pd.RangeIndex(len(frame))
    exploded = pd.DataFrame({"_row": positions, "source_id": [split_ids(v) for v in frame[column]]}).explode("source_id")
    known = exploded.source_id.isin(sources.index).to_numpy()
    looked = sources.reindex(exploded.source_id)
    added = pd.DataFrame({
        "source_title": looked.title.to_numpy(), "source_publisher": looked.publisher.to_numpy(),
        "source_published": looked.published.to_numpy(),
        "source_link": looked.url.map(lambda u: source_link(u) if pd.notna(u) else pd.NA).to_numpy(),
    }, index=exploded.index)
    added.loc[~known, list(SOURCE_COLUMNS)] = pd.NA
    added["_row"] = exploded._row.to_numpy()
    if long:
        body = frame.reset_index(drop=True).iloc[added._row.to_numpy()].reset_index(drop=True)
        return pd.concat([body.assign(source_id=exploded.source_id.to_numpy()),
                          added.drop(columns="_row").reset_index(drop=True)], axis=1)
    joined = added.groupby("_row", sort=True)[list(SOURCE_COLUMNS)].agg(
        lambda values: " | ".join("not known" if pd.isna(v) else str(v) for v in values))
    out = frame.copy()
    for name in SOURCE_COLUMNS:
        out[name] = joined[name].reindex(positions).to_numpy()
    out.attrs = dict(frame.attrs)
    return out


QUOTE_COLUMNS = ("quote", "quote_measure", "quote_value", "quote_fact_id", "quote_source_ids")
SUBJECT_COLUMNS = ("inspection_id", "scope", "region")  # what a row is about, most precise first
CODE_COLUMNS = ("measure", "grade", "standard", "topic")  # the codes a statement's measure names (vacancy_rate:spo)
VALUE_COLUMNS = ("value", "rating", "pct")  # a row's figure, beside its own value column (attrs['value_column'])


def _subject(row: pd.Series) -> str | None:
    """What a row is about, as evidence.csv names it: its inspection, else its area (a region-wide figure)."""
    for name in SUBJECT_COLUMNS:
        if name in row.index and not pd.isna(row[name]):
            return str(row[name])
    return None


def _same(a: object, b: object) -> bool:
    """Two figures alike as numbers (47 and '47.0') or as text ('Good')."""
    try:
        return float(a) == float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(a) == str(b)


def _behind(row: pd.Series, facts: list[int], evidence: pd.DataFrame, value_column: object) -> list[int]:
    """The statements of `facts` that are about the row's own figure: those whose measure names the row's codes
    (vacancy_rate:spo for a row of vacancy_rate, spo), then of those the ones giving its value; a step that would
    keep none keeps what it was given, so a row's statements are narrowed, never all dropped."""
    codes = {str(row[c]) for c in CODE_COLUMNS if c in row.index and not pd.isna(row[c])}
    if not codes:  # a row about many things (an inspection): every statement of its sources about it
        return facts
    named = [i for i in facts if codes <= set(str(evidence.measure.iloc[i]).split(":"))] or facts
    figure = next((row[c] for c in (value_column, *VALUE_COLUMNS) if c in row.index and not pd.isna(row[c])), None)
    return [i for i in named if _same(evidence.value.iloc[i], figure)] or named if figure is not None else named


def with_quotes(release: HasEvidence, frame: pd.DataFrame, column: str = "source_ids") -> pd.DataFrame:
    """The statements behind each row of `frame`, verbatim: one row per (row, statement) with `quote`,
    `quote_measure` (evidence.csv's code: `vacancy_rate:spo`, `rating:leadership`, `official:vacancies:overall`;
    `pdukit.describe("evidence")` says how they are formed), `quote_value`, `quote_fact_id` and
    `quote_source_ids`. A statement is behind a row when one of its sources is one of the row's, it is about what
    the row is about (its inspection_id, else its scope or region) and, where the row names a measure, grade,
    standard or topic, it states that figure (its value, where one does). A row of an inspection gets every
    statement its sources make about it. A row no statement is behind keeps one row with the quote empty.

    For the rows of the release's tables and frames that keep their inspection_id (or region); for a derived row
    (a share, a count), ask for the rows it was computed from.

        >>> tameside = release.staffing.query("inspection_id == 'tameside-1' and grade == 'spo'")
        >>> release.with_quotes(tameside)[["value", "quote_measure", "quote"]]   # 47, 'vacancy_rate:spo', its words
    """
    _check_source_column(frame, column, "with_quotes")
    evidence = release.evidence.reset_index(drop=True)
    by_source: dict[str, list[int]] = {}
    for position, cell in enumerate(evidence.source_ids):
        for source in split_ids(cell):
            by_source.setdefault(source, []).append(position)
    rows: list[int] = []
    found: list[int] = []
    for position, (_, row) in enumerate(frame.iterrows()):
        subject = _subject(row)
        facts = list(dict.fromkeys(i for s in split_ids(row[column]) for i in by_source.get(s, [])
                                   if subject is None or str(evidence.subject.iloc[i]) == subject))
        facts = _behind(row, facts, evidence, frame.attrs.get("value_column")) if facts else [-1]
        rows += [position] * len(facts)
        found += facts
    picked = evidence.reindex(found)  # -1: no statement, an empty quote
    quotes = pd.DataFrame({"quote": picked.quote.to_numpy(), "quote_measure": picked.measure.to_numpy(),
                           "quote_value": picked.value.to_numpy(), "quote_fact_id": picked.fact_id.to_numpy(),
                           "quote_source_ids": picked.source_ids.to_numpy()})
    out = pd.concat([frame.reset_index(drop=True).iloc[rows].reset_index(drop=True), quotes], axis=1)
    out.attrs = dict(frame.attrs)
    return out
