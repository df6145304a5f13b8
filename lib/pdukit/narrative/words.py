"""Plain words for readers: dates as "February 2022", grades written out, counts that agree with their nouns,
rating mixes as sentences, and the one formatter of numbers (counts, shares, intervals, published per cents) that
sentences, charts, tables and CSV downloads all use.

Standard library only (pandas is not imported: the renderer uses this module before any kernel starts).
"""

from __future__ import annotations

import math
import numbers

from pdukit.dataset import vocabulary as v
from pdukit.dataset.schema import RATINGS

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def missing(value) -> bool:
    """True for None, NaN, pandas' NA and empty text."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return (isinstance(value, float) and value != value) or not str(value).strip()


# --- numbers: one formatter ---------------------------------------------------------------------------------
MINUS = "\u2212"  # the typographic minus sign, for every negative number a reader sees


def count(value) -> str:
    """A count as a whole number: 10.0 -> '10', 1500 -> '1,500', -237 -> '−237' ('—' when unknown)."""
    if missing(value):
        return "—"
    return f"{half_up(float(value)):,}".replace("-", MINUS)


def percent(value, digits: int | None = None) -> str:
    """A figure published as a per cent, as published: 47.0 -> '47%', 28.4 -> '28.4%'; `digits` fixes the places."""
    if missing(value):
        return "—"
    number_ = float(value)
    text = (f"{number_:g}" if abs(number_) < 1e6 else f"{number_:,.0f}") if digits is None else f"{number_:.{digits}f}"
    return text.replace("-", MINUS) + "%"


def half_up(value: float) -> int:
    """Round half away from zero, as readers do (62.5 -> 63), not to the even neighbour as Python's round does."""
    return int(math.floor(abs(value) + 0.5)) * (1 if value >= 0 else -1)


def share(fraction) -> str:
    """A share (a fraction from 0 to 1) as a rounded per cent: 0.714 -> '71%', 0.625 -> '63%' (never a raw
    fraction)."""
    if missing(fraction):
        return "—"
    value = float(fraction) * 100
    return f"{half_up(value)}%" if not math.isnan(value) else "—"


def interval(low, high) -> str:
    """A 95% interval of a share as rounded per cents: '45% to 88%'."""
    if missing(low) or missing(high):
        return "—"
    return f"{share(low)} to {share(high)}"


FEW = 5  # below this many, a per cent reads as a rate the count cannot carry ('0 of 1 (0%)'): the count alone


def share_of(part: int, n: int) -> str:
    """'6 of 8 (75%)'; '1 of 2' (no per cent of fewer than FEW)."""
    return f"{count(part)} of {count(n)} ({share(part / n)})" if n >= FEW else f"{count(part)} of {count(n)}"


def number(value, unit: str = "") -> str:
    """A value in its unit, as a reader writes it: counts whole, per cents as published, shares rounded."""
    if missing(value):
        return "—"
    if unit == v.SHARE:
        return share(value)
    if unit == v.PERCENT:
        return percent(value)
    if unit in (v.COUNT, v.RANK):
        return count(value)
    if unit in (v.CASES, v.POINTS, v.FTE, v.DAYS):
        text = (f"{float(value):,g}" if float(value) != int(float(value)) else f"{int(float(value)):,}").replace("-", MINUS)
        return text + ("" if unit in (v.POINTS,) else {v.CASES: " cases", v.FTE: " FTE", v.DAYS: " days"}[unit])
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        value = float(value)  # type: ignore[arg-type]
        text = f"{value:,.0f}" if value.is_integer() else (f"{value:,g}" if abs(value) >= 1000 else f"{value:g}")
        return text.replace("-", MINUS)
    return str(value)


def signed(value: float) -> str:
    """A correlation or a difference with its sign: '+0.31', '−0.63'."""
    return f"{value:+.2f}".replace("-", MINUS)


def possessive(name: str) -> str:
    """"Wales'", "London's": the possessive as a reader writes it."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


# --- dates ------------------------------------------------------------------------------------------------
def when(value, unknown: str = "date not known") -> str:
    """A partial date as a reader writes it: '2022-02-17' -> '17 February 2022', '2022-02' -> 'February 2022'."""
    if missing(value):
        return unknown
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def month_year(value, unknown: str = "date not known") -> str:
    """A partial date to the month at most: '2022-02-17' -> 'February 2022' (for tables and sentences)."""
    if missing(value):
        return unknown
    return when("-".join(str(value).split("-")[:2]), unknown)


# --- words ------------------------------------------------------------------------------------------------
def grades(code: str) -> str:
    """'po' -> 'probation officers (POs)': the plural, for sentences about a grade's staff."""
    return v.term(v.GRADES, code, "grade").many()


def grade(code: str, short: bool = False) -> str:
    """'po' -> 'probation officer (PO)', or 'PO' with `short`."""
    return v.term(v.GRADES, code, "grade").name(short)


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """'1 inspection' / '3 inspections' (the count written whole)."""
    return f"{count(n)} {noun if int(n) == 1 else (plural_form or noun + 's')}"


def sentence(text: str) -> str:
    """Text with its first letter in upper case and the rest untouched (rating names keep their case)."""
    return text[:1].upper() + text[1:]


def rating_mix(ratings, noun: str = "rated inspections") -> str:
    """'38 of 77 rated inspections were Inadequate, 38 Requires improvement, 1 Good'."""
    rated = ratings.dropna()
    if rated.empty:
        return f"no {noun} in this selection"
    counts = rated.astype(str).value_counts()
    order = [r for r in RATINGS if counts.get(r, 0)]
    first, rest = order[0], order[1:]
    verb = "was" if int(counts[first]) == 1 else "were"
    text = f"{count(counts[first])} of {count(len(rated))} {noun} {verb} {first}"
    return text + "".join(f", {count(counts[r])} {r}" for r in rest)


def listing(items: list[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(i) for i in items]
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
