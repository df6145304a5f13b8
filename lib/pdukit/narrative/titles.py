"""Chart titles that state what their chart shows, computed from the same frame the chart draws.

A title must be true of its chart: each function here reads only the numbers the chart plots."""

from __future__ import annotations

import pandas as pd

from pdukit.narrative.words import count, listing, month_year, percent, plural, share_of

GOOD_OR_BETTER = ("Good", "Outstanding")


def ratings_by_year(by_year: pd.DataFrame) -> str:
    """'Only 1 of 78 rated inspections was Good or better, 2022 to 2025' (from `summaries.ratings_by_year`)."""
    rated = int(by_year[[c for c in ("Inadequate", "Requires improvement", *GOOD_OR_BETTER) if c in by_year]].sum().sum())
    good = int(by_year[[c for c in GOOD_OR_BETTER if c in by_year]].sum().sum())
    years = [y for y in by_year.year if str(y)[:1].isdigit()]
    span = f", {years[0]} to {years[-1]}" if len(years) > 1 else (f", {years[0]}" if years else "")
    verb = "was" if good == 1 else "were"
    return f"{'Only ' if good * 4 < rated else ''}{count(good)} of {count(rated)} rated inspections {verb} Good or better{span}"


def ratings_by_round(by_round: pd.DataFrame) -> str:
    """'Rated Inadequate: 22 of 37 (59%) in round 1 and 17 of 41 (41%) in round 2'."""
    parts = []
    for _, row in by_round.iterrows():
        known = int(row["n"]) - int(row.get("Not known", 0))
        parts.append(f"{share_of(int(row['Inadequate']), known)} in round {int(row['round'])}")
    return "Rated Inadequate: " + listing(parts)


def highest_share(shares: pd.DataFrame, category: str, national) -> str:
    """'East Midlands had the highest share Inadequate (6 of 8); England and Wales 39 of 78'."""
    rated = shares[shares.n > 0]
    top = rated[rated.share == rated.share.max()]
    names = listing([str(x) for x in top[category]])
    first = top.iloc[0]
    verb = "had" if len(top) == 1 else "shared"
    return (f"{names} {verb} the highest share rated Inadequate ({count(first['count'])} of {count(first.n)}); "
            f"England and Wales {count(national['count'])} of {count(national.n)}")


def standards(counts: pd.DataFrame, case: tuple[str, ...]) -> str:
    """'Case supervision standards: 69 of 73 known ratings Inadequate'."""
    mine = counts[counts.standard.isin(case)]
    return f"Case supervision standards: {count(int(mine.Inadequate.sum()))} of {count(int(mine.n.sum()))} known ratings Inadequate"


def change(tally: dict[str, int], total: int) -> str:
    """'3 of 14 PDUs inspected twice improved, 3 got worse, 7 kept their rating and 1 cannot be compared': the
    parts add up to the whole."""
    unknown = total - tally.get("improved", 0) - tally.get("worse", 0) - tally.get("no change", 0)
    return (f"{count(tally['improved'])} of {plural(total, 'PDU')} inspected twice improved, "
            f"{count(tally['worse'])} got worse{',' if unknown else ' and'} {count(tally['no change'])} kept their rating"
            + (f" and {count(unknown)} cannot be compared" if unknown else ""))


def vacancy_range(vacancy: pd.DataFrame, place: str, grade: str = "po", name: str = "probation officer") -> str:
    """'North West: probation officer vacancy rates from 12% to 33% at 5 inspections'."""
    values = vacancy[grade].dropna() if grade in vacancy else pd.Series(dtype=float)
    if len(values) >= 2:
        return (f"{place}: {name} vacancy rates from {percent(values.min())} to {percent(values.max())} at "
                f"{plural(len(values), 'inspection')}")
    if len(values) == 1:
        return f"{place}: {name} vacancy rate {percent(values.iloc[0])} at its one inspection that gives it"
    return f"{place}: vacancy rates by grade at {plural(len(vacancy), 'inspection')}"


def month_of(value) -> str:
    """'September 2023' for '2023-09' or '2023-09-30' (a header or label naming a figure's date)."""
    return month_year(value)


UNPUBLISHED = "an unpublished document held by the compilers"  # what a source with no public address is
UNPUBLISHED_MARK = f"† Rests only on a document with no public web address ({UNPUBLISHED}): it cannot be checked online."


def marked_labels(release, rows: pd.DataFrame, labels: dict[str, str]) -> dict[str, str]:
    """Inspection labels for a chart, a † after each inspection whose every row of `rows` (figures with
    inspection_id and source_ids) rests only on a document with no public web address: 'Gwent (2022) †'. Say
    what the mark means in the chart's note (`UNPUBLISHED_MARK`)."""
    from pdukit.analysis.official import unlinked_only

    marked = dict(labels)
    if rows.empty:
        return marked
    flags = pd.Series(unlinked_only(release, rows).to_numpy(), index=rows.inspection_id.to_numpy())
    for inspection_id, flag in flags.groupby(level=0).all().items():
        if flag:
            marked[str(inspection_id)] = f"{labels.get(str(inspection_id), inspection_id)} †"
    return marked


def marked_rows(release, frame: pd.DataFrame, column: str) -> tuple[pd.DataFrame, str]:
    """`frame` with a † after `column`'s text in each row whose every source has no public web address, and the
    note to put under its chart ('' when no row is marked): for bar charts labelled by a column, e.g. grades."""
    from pdukit.analysis.official import unlinked_only

    if frame.empty or "source_ids" not in frame:
        return frame, ""
    marks = unlinked_only(release, frame).to_numpy()
    if not marks.any():
        return frame, ""
    text = frame[column].astype(str)
    return frame.assign(**{column: text.where(~marks, text + " †")}), UNPUBLISHED_MARK
