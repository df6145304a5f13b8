"""Filters by date that say what they leave out.

Publication dates are partial ('2025', '2024-08', '2022-10-18': only the precision a source gives) and 24
inspections have none. A filter that dropped those silently would make "6 rated Inadequate on standard 2.4 since
2023" read as the whole answer when 2 more may belong to it; `published_between` keeps count of every row it
leaves out for want of a date, and warns.
"""

from __future__ import annotations

import calendar
import datetime as dt
import warnings

import pandas as pd

from pdukit.dataset.release import Release
from pdukit.dataset.validate import partial_date_start
from pdukit.errors import InvalidValue, UndatedLeftOut, UnknownName

DateLike = str | dt.date | None


def date_span(value: object) -> tuple[dt.date, dt.date] | None:
    """The first and last day a partial date can mean ('2023' -> 1 January to 31 December 2023); None when it
    is empty or not a date."""
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return None
    text = str(value)
    first = partial_date_start(text)
    if first is None:
        return None
    parts = text.split("-")
    if len(parts) == 1:
        return first, dt.date(first.year, 12, 31)
    if len(parts) == 2:
        return first, dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return first, first


def _bound(value: DateLike, what: str) -> tuple[dt.date, dt.date] | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    span = date_span(value)
    if span is None:
        raise InvalidValue(f"{what} {value!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD (or a date)")
    return span


def published_between(release: Release, start: DateLike = None, end: DateLike = None,
                      frame: pd.DataFrame | None = None, warn: bool = True) -> pd.DataFrame:
    """The rows of `frame` whose inspection was published from `start` to `end`, both included, and a count of
    the rows left out because their date is not known.

    `frame` is the inspections (the default) or any frame with an `inspection_id` column (e.g.
    `release.standard_ratings()`, `pdukit.staffing_outcomes(release)`). `start` and `end` are dates or partial
    dates ('2023' means from 1 January 2023 as a start, to 31 December 2023 as an end); None leaves that side open.
    A row is kept when the whole of its inspection's date lies in the range: '2023-05' is in 'since 2023'.

    The answer keeps `frame`'s columns and index; its `attrs` say what was left out, and a warning
    (`pdukit.errors.UndatedLeftOut`, off with `warn=False`) says the same:

    - `undated_left_out`: rows whose inspection has no publication date (or that are about no inspection);
    - `imprecise_left_out`: rows dated too roughly to place ('2023' when the range starts in June 2023);
    - `left_out`: the inspection ids of both kinds, for a closer look.

        >>> ratings = release.standard_ratings()
        >>> inadequate_24 = ratings[(ratings.standard == "implementation_and_delivery") & (ratings.rating == "Inadequate")]
        >>> since = pdukit.published_between(release, "2023", frame=inadequate_24)
        >>> f"{len(since)} since 2023, and {since.attrs['undated_left_out']} undated"
        '5 since 2023, and 2 undated'
    """
    low, high = _bound(start, "start"), _bound(end, "end")
    if low and high and low[0] > high[1]:
        raise InvalidValue(f"start {start!r} is after end {end!r}; expected start no later than end")
    frame = release.inspections if frame is None else frame
    if "inspection_id" not in frame.columns:
        raise UnknownName("published_between needs a frame with an 'inspection_id' column (the inspection whose "
                          f"publication date places each row); this one has {', '.join(map(str, frame.columns))}")
    published = release.inspections.set_index("inspection_id").published
    spans = [date_span(published.get(i)) if isinstance(i, str) else None for i in frame.inspection_id]
    undated = [span is None for span in spans]
    inside = [span is not None and (low is None or span[0] >= low[0]) and (high is None or span[1] <= high[1])
              for span in spans]
    outside = [span is not None and ((low is not None and span[1] < low[0]) or (high is not None and span[0] > high[1]))
               for span in spans]
    imprecise = [not (u or i or o) for u, i, o in zip(undated, inside, outside, strict=True)]
    keep = inside
    out = frame[keep].copy()
    ids = frame.inspection_id.astype(object)
    left = [str(i) for i, u, m in zip(ids, undated, imprecise, strict=True) if u or m]
    out.attrs = dict(frame.attrs) | {"undated_left_out": sum(undated), "imprecise_left_out": sum(imprecise),
                                     "left_out": sorted(set(left)), "between": (start, end)}
    if warn and (sum(undated) or sum(imprecise)):
        rough = f" and {sum(imprecise)} dated too roughly to place" if sum(imprecise) else ""
        warnings.warn(f"published_between kept {len(out)} of {len(frame)} rows and left out {sum(undated)} with no "
                      f"known publication date{rough}; see .attrs['left_out']", UndatedLeftOut, stacklevel=2)
    return out
