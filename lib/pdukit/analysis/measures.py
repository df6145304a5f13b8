"""Comparable measures: one definition per measure, units attached, and no silent mixing of different ones.

Caseload (cases held per practitioner) and workload (per cent of capacity on the Workload Measurement Tool) are
different measures: a frame returned here holds its figures in a column named for its measure
(`cases_per_practitioner`, `workload_pct_of_capacity`, ...: `vocabulary.MEASURE_COLUMNS`), so two measures put
in one frame (`pd.concat`, a merge) stay in two columns and are never averaged as one; the frame also carries its
measure in `frame.attrs['measure']`, and `require_same_measure` refuses to put two different ones side by side.

The official figures (`pdukit.analysis.official`, from release 2026-12-01) follow the same rule: a frame of one
official measure holds its figures in the column `value_column(measure, unit)` names (the same column as the
staffing table's for the same measure: an official WMT caseload is in `cases_per_practitioner`; a count in
another unit gets its own, `vacancies_fte`, `vacancies_headcount`), so official caseloads and workloads never
share a column either.
"""

from __future__ import annotations

import pandas as pd

from pdukit.dataset import vocabulary
from pdukit.dataset.release import Release, takes_release
from pdukit.dataset.schema import OFFICIAL_UNITS, STAFFING_MEASURES
from pdukit.dataset.sources import join_ids
from pdukit.dataset.vocabulary import check_choice, check_optional_flag

UNITS = {
    "vacancy_rate": "% of target posts vacant (negative = over target)",
    "caseload_avg": "cases held per practitioner",
    "workload_pct": "% of capacity on the Workload Measurement Tool",
    "pct_of_target_in_post": "% of target staff in post",
    "headcount": "staff",
    "sickness_days_avg": "working days lost per person per year",
}
SHORT_NAMES = {
    "vacancy_rate": "vacancy rate by grade",
    "caseload_avg": "average caseload",
    "workload_pct": "workload against capacity",
    "pct_of_target_in_post": "staff in post against target",
    "headcount": "headcount",
    "sickness_days_avg": "sickness absence",
}
VACANCY_GRADES = ("spo", "po", "pso", "overall")  # the columns of vacancy_by_grade


from pdukit.errors import InvalidValue, MixedMeasuresError  # noqa: E402 (MixedMeasuresError re-exported)

# The one unit each official measure comes in, where it has one (vacancies, staff in post and staff required come
# in FTE, headcount, a count or a unit the source does not state), and the column of those measures the staffing
# table does not have.
NATURAL_UNITS = {"vacancy_rate": "percent", "pct_of_target_in_post": "percent", "caseload_avg": "cases",
                 "workload_pct": "percent", "leaving_rate": "percent", "people_on_probation": "people",
                 "regions_beyond_capacity": "count", "staff_required_underestimate": "count"}
OFFICIAL_COLUMNS = {"leaving_rate": "leaving_pct", "people_on_probation": "people_on_probation",
                    "regions_beyond_capacity": "regions_beyond_capacity",
                    "staff_required_underestimate": "staff_required_underestimate"}
STAFFING_UNITS = {"vacancy_rate": "percent", "caseload_avg": "cases", "workload_pct": "percent",
                  "pct_of_target_in_post": "percent", "headcount": "headcount", "sickness_days_avg": "days"}


def value_column(measure: str, unit: str | None = None) -> str:
    """The column a measure's figures are in: 'caseload_avg' -> 'cases_per_practitioner', for the staffing table
    and the official figures alike. An official measure counted in several units needs its unit:
    `value_column('vacancies', 'fte')` -> 'vacancies_fte' ('vacancies_unit_unstated' where the source does not
    say). UnknownName for a measure or unit that does not exist; InvalidValue when the unit is needed."""
    measures = [*STAFFING_MEASURES, *(m for m in vocabulary.OFFICIAL_MEASURES if m not in STAFFING_MEASURES)]
    measure = check_choice(measure, measures, "staffing measure")
    if unit is not None:
        unit = check_choice(unit, OFFICIAL_UNITS, "unit")
    natural = NATURAL_UNITS.get(measure, STAFFING_UNITS.get(measure))
    if unit is None or unit == natural:
        if measure in vocabulary.MEASURE_COLUMNS:
            return vocabulary.MEASURE_COLUMNS[measure]
        if measure in OFFICIAL_COLUMNS:
            return OFFICIAL_COLUMNS[measure]
        raise InvalidValue(f"{measure} comes in several units ({', '.join(u for u in OFFICIAL_UNITS if u in UNIT_SUFFIX)}"
                           f"), each in a column of its own: name one, e.g. value_column({measure!r}, 'fte') -> "
                           f"{measure + '_fte'!r}")
    return f"{measure}_{UNIT_SUFFIX.get(unit, unit)}"


UNIT_SUFFIX = {"fte": "fte", "headcount": "headcount", "count": "count", "unstated": "unit_unstated"}


@takes_release
def staffing_measure(release: Release, measure: str, pdu_level: bool | None = None) -> pd.DataFrame:
    """Return the staffing rows of one measure, its figures in a column named for it (`value_column(measure)`,
    e.g. `cases_per_practitioner` for caseload_avg, `workload_pct_of_capacity` for workload_pct) with its UNITS in
    `unit`, tagged so it cannot be mixed with another (`pd.concat` of two measures gives two columns).

    pdu_level True keeps inspection figures, False keeps region-wide figures, None keeps both. An unknown measure
    raises UnknownName naming the closest.

        >>> staffing_measure(release, "caseload_avg", pdu_level=False)[["region", "grade", "cases_per_practitioner"]]
    """
    column = value_column(measure)
    pdu_level = check_optional_flag(pdu_level, "pdu_level")
    frame = release.staffing[release.staffing.measure == measure].copy()
    if pdu_level is not None:
        frame = frame[frame.inspection_id.notna() == pdu_level]
    frame = frame.rename(columns={"value": column})
    frame["unit"] = UNITS[measure]
    frame.attrs.update(measure=measure, unit=STAFFING_UNITS[measure], value_column=column)
    return frame


def require_same_measure(*frames: pd.DataFrame | list[pd.DataFrame] | tuple[pd.DataFrame, ...]) -> str:
    """Return the one measure shared by all frames (in one unit: the same value column); raise
    MixedMeasuresError when they differ, naming each, or when a frame is untagged (has no attrs['measure']:
    frames from staffing_measure, official_staffing(measure=...), staffing_series and regional_staffing are
    tagged, and pd.concat of frames with one tag keeps it). The frames come one by one or as one list
    (`require_same_measure([a, b])`); anything but a DataFrame raises InvalidValue.

        >>> require_same_measure(caseload, workload)     # MixedMeasuresError: 'caseload_avg' ..., 'workload_pct' ...
    """
    frames = _frames_given(frames)
    if not frames:
        raise MixedMeasuresError("require_same_measure needs at least one frame")
    untagged = [i for i, f in enumerate(frames, 1) if not f.attrs.get("measure")]
    if untagged:
        which = ", ".join(map(str, untagged))
        raise MixedMeasuresError(
            f"refusing to combine an untagged frame (frame {which} of {len(frames)} has no attrs['measure'], so what "
            "it measures is not known): take frames from staffing_measure, official_staffing(measure=...), "
            "staffing_series or regional_staffing, or a pd.concat of frames of one measure")
    found = {(str(f.attrs["measure"]), str(f.attrs.get("value_column", f.attrs["measure"]))) for f in frames}
    if len(found) != 1:
        shown = ", ".join(f"{m!r} (in {c})" for m, c in sorted(found))
        raise MixedMeasuresError(f"refusing to combine different measures or units: {shown}")
    return found.pop()[0]


def _frames_given(given: tuple) -> tuple[pd.DataFrame, ...]:
    """The frames passed one by one, or as one list or tuple of them (the two ways an analyst types it)."""
    frames = tuple(given[0]) if len(given) == 1 and isinstance(given[0], (list, tuple)) else tuple(given)
    wrong = [f"{i} is {type(f).__name__}" for i, f in enumerate(frames, 1) if not isinstance(f, pd.DataFrame)]
    if wrong:
        raise InvalidValue(f"require_same_measure takes DataFrames (one by one, or one list of them); argument "
                           f"{'; '.join(wrong)}")
    return frames


@takes_release
def vacancy_by_grade(release: Release) -> pd.DataFrame:
    """Return one row per inspection with vacancy rates (%) by grade as columns spo, po, pso, overall (negative
    kept), and the source_ids of those rates."""
    frame = staffing_measure(release, "vacancy_rate", pdu_level=True)
    frame = frame[frame.grade.isin(VACANCY_GRADES)]
    column = value_column("vacancy_rate")
    wide = frame.pivot_table(index="inspection_id", columns="grade", values=column, aggfunc="first", observed=True)
    wide = wide.reindex(columns=[g for g in VACANCY_GRADES if g in wide.columns])
    wide = wide.dropna(how="all")  # an inspection that gives a rate only for another team has no row here
    wide.columns = list(wide.columns.astype(str))
    known = frame.dropna(subset=[column])
    sources = {i: join_ids(group.source_ids) for i, group in known.groupby("inspection_id")}
    out = wide.reset_index()
    out["source_ids"] = out.inspection_id.map(sources)
    out.attrs["measure"] = "vacancy_rate"
    return out


UPW_CAVEAT = ("Published figures use different definitions (share of requirements, or of hours, outstanding beyond "
              "12 months; some appear to use another denominator). The recomputed figure applies one definition to "
              "the report's own counts, so the two are not a correction of each other; see the audit.")


@takes_release
def upw_backlog(release: Release) -> pd.DataFrame:
    """Return unpaid-work backlog figures with the published percentage beside one recomputed definition:
    requirements beyond 12 months over all requirements, in per cent (None where a count is not published)."""
    frame = release.unpaid_work.copy()
    total, beyond = frame.requirements_total.astype("Float64"), frame.requirements_beyond_12m.astype("Float64")
    frame["recomputed_pct"] = (beyond / total * 100).round(1)
    frame["difference_pts"] = (frame.published_pct - frame.recomputed_pct).round(1)
    frame["comparable"] = frame.recomputed_pct.notna()
    return frame
