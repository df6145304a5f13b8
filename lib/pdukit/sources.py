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
