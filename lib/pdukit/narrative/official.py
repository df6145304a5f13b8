"""Official staffing and the inspections of public protection in words: titles, caveats and reader tables.

Every sentence says the date of its figures; a count is called a count; figures of different dates or series are
put side by side only with their dates shown, and the page says how far apart an inspection and a staffing
figure may be.
"""

from __future__ import annotations

import pandas as pd

from pdukit.dataset import vocabulary as v
from pdukit.dataset.release import Release
from pdukit.narrative.words import count, listing, month_year, number, plural, share_of, when

UNIT_WORDS = {"fte": "FTE", "headcount": "people", "count": "", "cases": "cases", "people": "people", "percent": "%",
              "unstated": ""}


# Measures of staff in post, as a title says them after the grade ("probation officers in post").
IN_POST = {"staff_in_post": "in post", "court_staff_in_post": "in post in court teams"}


def amount(value, unit: str) -> str:
    """'457 FTE', '37.1 cases', '29%': an official figure in its unit."""
    if unit == "percent":
        return number(value, v.PERCENT)
    if unit == "cases":
        return number(value, v.CASES)
    text = f"{float(value):,.1f}".rstrip("0").rstrip(".") if float(value) != int(float(value)) else f"{int(float(value)):,}"
    words = UNIT_WORDS.get(unit, "")
    return f"{text} {words}".strip()


def values_of(frame: pd.DataFrame) -> pd.Series:
    """The figures of a frame of one official measure: its `value` column (the long form), else the column named
    for its measure (`frame.attrs['value_column']`, e.g. `vacancies_fte`)."""
    return frame["value"] if "value" in frame.columns else frame[frame.attrs["value_column"]]


def _months(a: pd.Timestamp, b: pd.Timestamp) -> int:
    return abs((a.year - b.year) * 12 + a.month - b.month)


def beside_outcomes_title(frame: pd.DataFrame) -> str:
    """'London had the most vacancies in September 2023 (457 FTE); the answer printed 0 for Greater Manchester and
    Wales' (a printed 0 is said as printed, never as 'none' or 'no vacancies')."""
    if frame.empty:
        return "No region has an official staffing figure in this release"
    values = values_of(frame).astype(float)
    top = frame.loc[values.idxmax()]
    zero = frame[values == 0].region.astype(str).tolist()
    measure = v.term(v.OFFICIAL_MEASURES, frame.attrs.get("measure", "vacancies"), "official measure").plural
    text = f"{top.region} had the most {measure} in {month_year(top.as_of)} ({amount(values.max(), top.unit)})"
    return text + (f"; the answer printed 0 for {listing(zero)}" if zero else "")


def beside_outcomes_caveat(frame: pd.DataFrame, release: Release) -> str:
    """What the regional figures are and are not, and how far apart they are from the inspections beside them."""
    if frame.empty:
        return ""
    as_of = pd.Timestamp(str(frame.as_of.iloc[0]) + ("-01" if len(str(frame.as_of.iloc[0])) == 7 else ""))
    ins = release.inspections[release.inspections.region.isin(frame.region)].dropna(subset=["published_start"])
    gap = max((_months(d, as_of) for d in ins.published_start), default=0)
    first, last = ins.published_start.min(), ins.published_start.max()
    unit = UNIT_WORDS.get(str(frame.unit.iloc[0]), "")
    span = month_year(first.strftime("%Y-%m"))
    span = span if first.strftime("%Y-%m") == last.strftime("%Y-%m") else f"{span} to {month_year(last.strftime('%Y-%m'))}"
    zero = frame[values_of(frame).astype(float) == 0].region.astype(str).tolist()
    return (f"These are counts ({unit or 'as the source counts them'}), not rates: regions differ in size and no "
            f"source here gives each region's target staffing, so the counts cannot be compared as rates. The figures "
            f"are at {month_year(frame.as_of.iloc[0])}; the inspections beside them were published {span}, so an "
            f"inspection and its region's figure can be up to {plural(gap, 'month')} apart."
            + (f" The answer prints 0 for {listing(zero)}, as given here." if zero else "")
            + " A region's vacancies and its ratings going together would not show that one causes the other.")


def mixed_figures_note(frame: pd.DataFrame) -> str:
    """The note under a list of official figures: how many dates and series it holds, so none is compared with
    another of a different date or definition without the reader seeing both dates."""
    dates, series = frame.as_of.dropna().astype(str).nunique(), frame.series.astype(str).nunique()
    if dates <= 1 and series <= 1:
        return "One series at one date."
    return (f"Figures from {plural(series, 'series', 'series')} at {plural(dates, 'date')}, each with its own date and "
            "definition: compare two only where both are shown with their dates.")


def beside_outcomes_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The regional figures beside the outcomes, in words: region, the figure with its unit and date, the rated
    inspections and how many were Inadequate (with the share), and when those inspections were published."""
    measure = v.term(v.OFFICIAL_MEASURES, frame.attrs.get("measure", "vacancies"), "official measure").label
    rows = []
    for r, value in zip(frame.itertuples(), values_of(frame), strict=True):
        first, last = month_year(r.first_published, ""), month_year(r.last_published, "")
        span = f"{first} to {last}" if first and last and first != last else (first or "no date in any source")
        rows.append({"region": r.region, f"{measure}, {month_year(r.as_of)}": amount(value, r.unit),
                     "Rated inspections": count(r.n),
                     "Rated Inadequate": share_of(int(r.count), int(r.n)) if r.n else "none rated",
                     "Inspections published": span, "source_ids": r.source_ids})
    return pd.DataFrame(rows)


def beside_outcomes_download(frame: pd.DataFrame) -> pd.DataFrame:
    """The same rows for a spreadsheet: numbers as numbers (the figure, counts, the share and its 95% interval as
    rounded per cents), each column's unit in its header, dates as the sources give them."""
    measure = v.term(v.OFFICIAL_MEASURES, frame.attrs.get("measure", "vacancies"), "official measure").label
    units = set(frame.unit.dropna().astype(str))
    (only,) = units if len(units) == 1 else ("",)
    unit = v.OFFICIAL_UNITS[only].label if only in v.OFFICIAL_UNITS else ""
    return pd.DataFrame({
        "region": frame.region.astype(str).to_numpy(),
        f"{measure}{f' ({unit})' if unit else ''}": values_of(frame),
        "as_of": frame.as_of.to_numpy(),
        "Rated inspections": frame.n.astype(int).to_numpy(), "Rated Inadequate": frame["count"].astype(int).to_numpy(),
        "share": frame.share.to_numpy(), "low": frame.low.to_numpy(), "high": frame.high.to_numpy(),
        "first_published": frame.first_published.to_numpy(), "Last published": frame.last_published.to_numpy(),
        "source_ids": frame.source_ids.to_numpy()})


def series_title(frame: pd.DataFrame) -> str:
    """'Probation officers in post, England and Wales: 5,519 FTE in June 2025, the latest of 9 figures from 4
    series'."""
    if frame.empty:
        return "No official series in this release"
    frame = frame.assign(value=values_of(frame))
    latest = frame.sort_values("as_of_start").iloc[-1]
    measure = v.term(v.OFFICIAL_MEASURES, latest.measure, "official measure")
    grade = v.GRADES[str(latest.grade)].plural if str(latest.grade) in v.GRADES else str(latest.grade)
    series = frame.series.astype(str).nunique()
    in_post = IN_POST.get(str(latest.measure))
    what = f"{grade} {in_post}" if in_post else f"{grade}: {measure.label.lower()}"
    at = "at" if len(str(latest.as_of)) == 10 else "in"
    return (f"{what[:1].upper() + what[1:]}, {latest.scope}: "
            f"{amount(latest.value, latest.unit)} {at} {when(latest.as_of)}, the latest of "
            f"{plural(len(frame), 'figure')} from {plural(series, 'series', 'series')}")


def series_note(frame: pd.DataFrame) -> str:
    """The series a chart shows, each by its name, so a reader knows which points may be joined."""
    names = [v.OFFICIAL_SERIES[s].label if s in v.OFFICIAL_SERIES else s for s in dict.fromkeys(frame.series.astype(str))]
    return ("Each series is one publisher's figures on one definition and vintage; points are joined only within "
            "a series, never across: " + "; ".join(names) + ".")


def public_protection_table(release: Release, frame: pd.DataFrame) -> pd.DataFrame:
    """The dynamic inspections of public protection as a reader reads them: region, report number, published,
    cases inspected and the inspectorate's judgement in its own words."""
    return pd.DataFrame({
        "region": frame.region.astype(str), "published": frame.published, "cases_inspected": frame.cases_inspected,
        "judgement": [_cut(j, n) for j, n in zip(frame.judgement, frame.note, strict=True)],
        "note": frame.note, "source_ids": frame.source_ids})


def _cut(judgement, note) -> str | None:
    """The judgement as stored, marked where the stored copy stops mid-sentence (its note says so)."""
    if pd.isna(judgement):
        return None
    stops = isinstance(note, str) and "stops mid-sentence" in note
    return f"{judgement} …" if stops and not str(judgement).rstrip().endswith((".", "…")) else str(judgement)


def public_protection_findings(frame: pd.DataFrame) -> pd.DataFrame:
    """What those inspections state, one row per statement: region, what it is about, the per cent where one is
    printed (with what was counted), else the source's words."""
    def said(r) -> str:
        if pd.notna(r.pct):
            counted = v.PP_COUNTED[str(r.counted)].label.lower() if pd.notna(r.counted) and str(r.counted) in v.PP_COUNTED else "cases"
            return f"{number(r.pct, v.PERCENT)} of {counted}"
        return str(r.value_text) if pd.notna(r.value_text) else "—"

    return pd.DataFrame({
        "region": frame.region.astype(object).fillna("The whole programme").astype(str),
        "topic": [v.PP_TOPICS[str(t)].label if str(t) in v.PP_TOPICS else str(t) for t in frame.topic],
        "value": [said(r) for r in frame.itertuples()], "source_ids": frame.source_ids})
