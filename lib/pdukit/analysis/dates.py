"""Filters by date that say what they leave out.

Publication dates are partial ('2025', '2024-08', '2022-10-18': only the precision a source gives) and 24
inspections have none. A filter that dropped those silently would make "6 rated Inadequate on standard 2.4 since
2023" read as the whole answer when 2 more may belong to it; `published_between` keeps count of every row it
leaves out for want of a date, and warns.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import warnings

import pandas as pd

from pdukit.dataset.names import closest
from pdukit.dataset.release import Release, takes_release
from pdukit.dataset.validate import partial_date_start
from pdukit.dataset.vocabulary import check_flag
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


# Dates written with numbers in another order or with other separators, and how to read each: (pattern, the
# groups' order). Read explicitly, never guessed by a parser that may swap day and month without saying so.
NUMERIC_DATES = ((re.compile(r"(\d{4})[-/.](\d{1,2})"), "ym"), (re.compile(r"(\d{4})(\d{2})"), "ym"),
                 (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), "ymd"), (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd"),
                 (re.compile(r"(\d{1,2})[-/.](\d{4})"), "my"), (re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})"), "??y"))


def _numeric_suggestion(text: str) -> str | None:
    """'; did you mean '2024-12-31' (read month first, as in the US: 31 cannot be a month)?' for a date in numbers
    written another way ('2023/09', '20230930', '31/12/2024', '12/31/2024'); '' for one that is no real date;
    None when `text` is not numbers in any of those shapes."""
    for pattern, order in NUMERIC_DATES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = [int(g) for g in match.groups()]
        how = ""
        if order == "??y":  # day and month: whichever cannot be a month is the day; both can: day first, as in the UK
            first, second, year = parts
            month_first = first <= 12 < second
            other = f"; month first, as in the US, it is '{year}-{first:02d}-{second:02d}'" \
                if first != second and max(first, second) <= 12 else ""
            how = (f" (read month first, as in the US: {second} cannot be a month)" if month_first
                   else f" (read day first, as in the UK{other})")
            parts, order = ([year, first, second] if month_first else [year, second, first]), "ymd"
        elif order == "my":
            parts, order = parts[::-1], "ym"
        try:
            day = dt.date(parts[0], parts[1], parts[2] if order == "ymd" else 1)
        except ValueError:
            return ""
        return f"; did you mean {day.strftime('%Y-%m-%d' if order == 'ymd' else '%Y-%m')!r}{how}?"
    return None


def _suggestion(text: str) -> str:
    """'; did you mean '2024-01-01'?' for a date written another way ('01/01/2024' read day first, as in the UK;
    '12/31/2024' month first, saying so; '2023/09', '20230930', '2023-9'; 'September 2023', '1 January 2024'),
    else ''."""
    text = text.strip()
    numeric = _numeric_suggestion(text)
    if numeric is not None:
        return numeric
    if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}", text):
        precision = "%Y-%m-%d"
    elif re.fullmatch(r"[A-Za-z]+\.?,?\s+\d{4}", text):
        precision = "%Y-%m"
    else:
        return ""
    try:  # the month in words: no day and month to confuse
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = pd.to_datetime(text)
    except (ValueError, TypeError, OverflowError):
        return ""
    return "" if pd.isna(parsed) else f"; did you mean {parsed.strftime(precision)!r}?"


def date_bounds(value: DateLike, what: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day `value` can mean: a date (or datetime, or Timestamp) is one day, 'YYYY', 'YYYY-MM'
    or 'YYYY-MM-DD' its whole span; None for None. Anything else (a missing date such as NaT, 'September 2023',
    '01/01/2024') raises InvalidValue giving the format, and the date it may have meant."""
    if value is None:
        return None
    try:
        missing = not isinstance(value, str) and bool(pd.isna(value))
    except (TypeError, ValueError):
        missing = False
    if missing:
        raise InvalidValue(f"{what} {value!r} is a missing date; expected YYYY, YYYY-MM or YYYY-MM-DD (or a date), "
                           "or None to leave that side open")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    span = date_span(value)
    if span is None:
        raise InvalidValue(f"{what} {value!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD (or a date)"
                           + _suggestion(str(value)))
    return span


@takes_release
def publication_dates(release: Release) -> dict[str, object]:
    """{inspection_id: its publication date as the release writes it}, of the PDU inspections and (from release
    2026-12-01) the dynamic inspections of public protection (regional_inspections)."""
    dates = dict(zip(release.inspections.inspection_id, release.inspections.published, strict=True))
    if "regional_inspections" in release.tables:
        regional = release.tables["regional_inspections"]
        dates.update(zip(regional.inspection_id, regional.published, strict=True))
    return dates


@takes_release
def published_between(release: Release, start: DateLike = None, end: DateLike = None,
                      frame: pd.DataFrame | None = None, warn: bool = True) -> pd.DataFrame:
    """The rows of `frame` whose inspection was published from `start` to `end`, both included, and a count of
    the rows left out because their date is not known.

    `frame` is the inspections (the default) or any frame with an `inspection_id` column (e.g.
    `release.standard_ratings()`, `pdukit.staffing_outcomes(release)`, `pdukit.public_protection_inspections(release)`:
    an inspection of public protection is dated from regional_inspections). An id that is no inspection of the
    release raises UnknownName; a row with no inspection id (a region-wide figure) is about no inspection, and is
    left out and counted apart from the undated. `start` and `end` are dates or partial
    dates ('2023' means from 1 January 2023 as a start, to 31 December 2023 as an end); None leaves that side open.
    A row is kept when the whole of its inspection's date lies in the range: '2023-05' is in 'since 2023'.

    The answer keeps `frame`'s columns and index; its `attrs` say what was left out, and a warning
    (`pdukit.errors.UndatedLeftOut`, off with `warn=False`) says the same:

    - `undated_left_out`: rows whose inspection has no publication date;
    - `imprecise_left_out`: rows dated too roughly to place ('2023' when the range starts in June 2023);
    - `no_inspection_left_out`: rows about no inspection (no `inspection_id`: region-wide staffing figures), which
      no publication date can place;
    - `left_out`: the inspection ids of the undated and the imprecise, for a closer look.

        >>> ratings = release.standard_ratings()
        >>> inadequate_24 = ratings[(ratings.standard == "implementation_and_delivery") & (ratings.rating == "Inadequate")]
        >>> since = pdukit.published_between(release, "2023", frame=inadequate_24)
        >>> f"{len(since)} since 2023, and {since.attrs['undated_left_out']} undated"
        '5 since 2023, and 2 undated'
    """
    low, high = date_bounds(start, "start"), date_bounds(end, "end")
    if low and high and low[0] > high[1]:
        raise InvalidValue(f"start {start!r} is after end {end!r}; expected start no later than end")
    warn = check_flag(warn, "warn")
    frame = release.inspections if frame is None else frame
    if not isinstance(frame, pd.DataFrame):
        raise InvalidValue(f"frame must be a DataFrame with an 'inspection_id' column, not {type(frame).__name__}")
    if "inspection_id" not in frame.columns:
        raise UnknownName("published_between needs a frame with an 'inspection_id' column (the inspection whose "
                          f"publication date places each row); this one has {', '.join(map(str, frame.columns))}")
    published = publication_dates(release)
    ids = [None if i is None or (not isinstance(i, str) and pd.isna(i)) else str(i) for i in frame.inspection_id]
    unknown = sorted({i for i in ids if i is not None and i not in published})
    if unknown:
        raise UnknownName(f"{len(unknown)} inspection id(s) of the frame are not inspections of release "
                          f"{release.version}: {', '.join(map(repr, unknown[:5]))}{', ...' if len(unknown) > 5 else ''}; "
                          f"closest: {closest(unknown[0], list(published))}")
    spans = [date_span(published.get(i)) if i is not None else None for i in ids]
    about_none = [i is None for i in ids]  # a region-wide row: about no inspection, not an undated one
    undated = [span is None and i is not None for span, i in zip(spans, ids, strict=True)]
    inside = [span is not None and (low is None or span[0] >= low[0]) and (high is None or span[1] <= high[1])
              for span in spans]
    outside = [span is not None and ((low is not None and span[1] < low[0]) or (high is not None and span[0] > high[1]))
               for span in spans]
    imprecise = [not (n or u or i or o) for n, u, i, o in zip(about_none, undated, inside, outside, strict=True)]
    out = frame[inside].copy()
    left = [str(i) for i, u, m in zip(ids, undated, imprecise, strict=True) if u or m]
    counts = {"undated_left_out": sum(undated), "imprecise_left_out": sum(imprecise),
              "no_inspection_left_out": sum(about_none)}
    out.attrs = dict(frame.attrs) | counts | {"left_out": sorted(set(left)), "between": (start, end)}
    if warn and any(counts.values()):
        warnings.warn(f"published_between kept {len(out)} of {len(frame)} rows and left out {_left_out(counts)}; "
                      "see .attrs['left_out']", UndatedLeftOut, stacklevel=3)  # the caller of takes_release's wrapper
    return out


def _left_out(counts: dict[str, int]) -> str:
    """'3 with no known publication date, 1 dated too roughly to place and 15 about no inspection (region-wide)'."""
    words = {"undated_left_out": "with no known publication date", "imprecise_left_out": "dated too roughly to place",
             "no_inspection_left_out": "about no inspection (region-wide rows)"}
    parts = [f"{n} {words[k]}" for k, n in counts.items() if n or k == "undated_left_out"]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
