"""Plain words for readers: dates as "February 2022", grades written out, counts that agree with their nouns,
rating mixes as sentences. Every report sentence that holds a number is built from these and the data."""

from __future__ import annotations

from pdukit.dataset.schema import RATINGS

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
GRADES = {"spo": "senior probation officer", "po": "probation officer", "pso": "probation services officer",
          "overall": "all staff", "other": "other team", "unpaid_work": "unpaid work staff",
          "accredited_programmes": "accredited programmes staff", "statutory_victim_work": "victim work staff"}
GRADE_SHORT = {"spo": "SPO", "po": "PO", "pso": "PSO"}


def missing(value) -> bool:
    """True for None, NaN, pandas' NA and empty text (pandas is not imported: the renderer uses this module)."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return (isinstance(value, float) and value != value) or not str(value).strip()


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


def grades(code: str) -> str:
    """'po' -> 'probation officers (POs)': the plural, for sentences about a grade's staff."""
    names = {"spo": "senior probation officers (SPOs)", "po": "probation officers (POs)",
             "pso": "probation services officers (PSOs)", "overall": "all staff"}
    return names.get(code, GRADES.get(code, code))


def grade(code: str, short: bool = False) -> str:
    """'po' -> 'probation officer (PO)', or 'PO' with `short`."""
    if short:
        return GRADE_SHORT.get(code, GRADES.get(code, code))
    name = GRADES.get(code, code)
    return f"{name} ({GRADE_SHORT[code]})" if code in GRADE_SHORT else name


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """'1 inspection' / '3 inspections'."""
    return f"{n} {noun if n == 1 else (plural_form or noun + 's')}"


def sentence(text: str) -> str:
    """Text with its first letter in upper case and the rest untouched (rating names keep their case)."""
    return text[:1].upper() + text[1:]


def pct(value, digits: int = 0) -> str:
    """47.0 -> '47%'; 0.75 share with digits -> use share()."""
    return f"{float(value):.{digits}f}%"


def share(count: int, n: int) -> str:
    """'6 of 8 (75%)'."""
    return f"{count} of {n} ({count / n:.0%})" if n else f"{count} of {n}"


def rating_mix(ratings, noun: str = "rated inspections") -> str:
    """'38 of 77 rated inspections were Inadequate, 38 Requires improvement, 1 Good'."""
    rated = ratings.dropna()
    if rated.empty:
        return f"no {noun} in this selection"
    counts = rated.astype(str).value_counts()
    order = [r for r in RATINGS if counts.get(r, 0)]
    first, rest = order[0], order[1:]
    text = f"{counts[first]} of {len(rated)} {noun} were {first}"
    return text + "".join(f", {counts[r]} {r}" for r in rest)


def listing(items: list[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(i) for i in items]
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
