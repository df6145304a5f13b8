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


def source_link(url: str) -> str:
    """A web address as it is, or a seed document's path in the repository (data/raw/seeds/<file>)."""
    url = str(url)
    return "data/raw/seeds/" + url.removeprefix("seed:") if url.startswith("seed:") else url


def with_sources(release: HasSources, frame: pd.DataFrame, column: str = "source_ids", long: bool = False) -> pd.DataFrame:
    """Return `frame` with the title, publisher, date and link of each row's sources.

    By default the rows stay as they are and each added column holds one entry per source, ' | '-separated, in
    the order of `column`; with `long=True` there is one row per (row, source) instead, for filtering and joins.
    A frame without `column` raises UnknownName naming the columns that could hold source ids.

        >>> gwent = release.ratings.query("inspection_id == 'gwent-1'")
        >>> release.with_sources(gwent)[["standard", "rating", "source_title", "source_link"]]
    """
    if not isinstance(frame, pd.DataFrame):
        raise InvalidValue(f"with_sources needs a DataFrame with a {column!r} column, not {type(frame).__name__}")
    if column not in frame.columns:
        columns = [str(c) for c in frame.columns]
        candidates = [c for c in columns if c.endswith("source_ids")]
        hint = (f"columns with source ids: {', '.join(map(repr, candidates))}" if candidates
                else f"closest columns: {closest(column, columns)}" if columns else "it has no columns")
        raise UnknownName(f"the frame has no {column!r} column, so its sources cannot be looked up ({hint}); keep "
                          "source_ids when selecting columns, or pass column=")
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
