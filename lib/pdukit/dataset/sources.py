"""Source ids as they appear in every table (';'-separated), parsed in one place."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def split_ids(values) -> list[str]:
    """Return the distinct source ids in one cell ('a;b'), a list of ids, or a column of cells, in first-seen order.

        >>> split_ids("hmip-1;bbc-2")
        ['hmip-1', 'bbc-2']
    """
    if values is None:
        return []
    if isinstance(values, str):
        cells: Iterable = [values]
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


SOURCE_COLUMNS = ("source_title", "source_publisher", "source_published", "source_link")


def source_link(url: str) -> str:
    """A web address as it is, or a seed document's path in the repository (data/raw/seeds/<file>)."""
    url = str(url)
    return "data/raw/seeds/" + url.removeprefix("seed:") if url.startswith("seed:") else url


def with_sources(release, frame: pd.DataFrame, column: str = "source_ids", long: bool = False) -> pd.DataFrame:
    """Return `frame` with the title, publisher, date and link of each row's sources.

    By default the rows stay as they are and each added column holds one entry per source, ' | '-separated, in
    the order of `column`; with `long=True` there is one row per (row, source) instead, for filtering and joins.

        >>> gwent = release.ratings.query("inspection_id == 'gwent-1'")
        >>> release.with_sources(gwent)[["standard", "rating", "source_title", "source_link"]]
    """
    sources = release.sources.set_index("source_id")
    exploded = frame.assign(source_id=frame[column].map(split_ids)).explode("source_id")
    known = exploded.source_id.isin(sources.index)
    looked = sources.reindex(exploded.source_id)
    exploded["source_title"] = looked.title.to_numpy()
    exploded["source_publisher"] = looked.publisher.to_numpy()
    exploded["source_published"] = looked.published.to_numpy()
    exploded["source_link"] = looked.url.map(lambda u: source_link(u) if pd.notna(u) else pd.NA).to_numpy()
    exploded.loc[~known, list(SOURCE_COLUMNS)] = pd.NA
    if long:
        return exploded.reset_index(drop=True)
    joined = exploded.groupby(level=0, sort=False)[list(SOURCE_COLUMNS)].agg(
        lambda values: " | ".join("not known" if pd.isna(v) else str(v) for v in values))
    return frame.join(joined)
