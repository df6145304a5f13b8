"""Comparable measures: one definition per measure, units attached, and no silent mixing of different ones.

Caseload (cases held per practitioner) and workload (per cent of capacity on the Workload Measurement Tool) are
different measures: a frame returned here holds its figures in a column named for its measure
(`cases_per_practitioner`, `workload_pct_of_capacity`, ...: `vocabulary.MEASURE_COLUMNS`), so two measures put
in one frame (`pd.concat`, a merge) stay in two columns and are never averaged as one; the frame also carries its
measure in `frame.attrs['measure']`, and `require_same_measure` refuses to put two different ones side by side.
"""

from __future__ import annotations

import pandas as pd

from pdukit.dataset import vocabulary
from pdukit.dataset.release import Release
from pdukit.dataset.schema import STAFFING_MEASURES
from pdukit.dataset.sources import join_ids
from pdukit.dataset.vocabulary import check_choice

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
GRADE_LABELS = {code: term.short or term.label for code, term in vocabulary.GRADES.items()}  # chart labels
VACANCY_GRADES = ("spo", "po", "pso", "overall")  # the columns of vacancy_by_grade


from pdukit.errors import MixedMeasuresError  # noqa: E402 (re-exported: raised by require_same_measure)


def value_column(measure: str) -> str:
    """The column a measure's figures are in ('caseload_avg' -> 'cases_per_practitioner'); UnknownName for a
    measure that does not exist."""
    return vocabulary.MEASURE_COLUMNS[check_choice(measure, STAFFING_MEASURES, "staffing measure")]


def staffing_measure(release: Release, measure: str, pdu_level: bool | None = None) -> pd.DataFrame:
    """Return the staffing rows of one measure, its figures in a column named for it (`value_column(measure)`,
    e.g. `cases_per_practitioner` for caseload_avg, `workload_pct_of_capacity` for workload_pct) with its UNITS in
    `unit`, tagged so it cannot be mixed with another (`pd.concat` of two measures gives two columns).

    pdu_level True keeps inspection figures, False keeps region-wide figures, None keeps both. An unknown measure
    raises UnknownName naming the closest.

        >>> staffing_measure(release, "caseload_avg", pdu_level=False)[["region", "grade", "cases_per_practitioner"]]
    """
    column = value_column(measure)
    frame = release.staffing[release.staffing.measure == measure].copy()
    if pdu_level is not None:
        frame = frame[frame.inspection_id.notna() == pdu_level]
    frame = frame.rename(columns={"value": column})
    frame["unit"] = UNITS[measure]
    frame.attrs["measure"] = measure
    return frame


def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Return staffing rows with a `label` for charts: the grade, and the date where one grade has several."""
    labels = frame.grade.map(GRADE_LABELS).astype(str)
    repeated = frame.duplicated(subset=["region", "grade"], keep=False)
    dated = frame.as_of.notna() & repeated
    labels = labels.where(~dated, labels + " (" + frame.as_of.astype(str) + ")")
    out = frame.assign(label=labels)
    out.attrs = dict(frame.attrs)
    return out


def require_same_measure(*frames: pd.DataFrame) -> str:
    """Return the one measure shared by all frames; raise MixedMeasuresError when they differ or are untagged."""
    measures = {f.attrs.get("measure") for f in frames}
    if len(measures) != 1 or None in measures:
        raise MixedMeasuresError(f"refusing to combine different measures: {sorted(map(str, measures))}")
    return measures.pop()


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


def upw_backlog(release: Release) -> pd.DataFrame:
    """Return unpaid-work backlog figures with the published percentage beside one recomputed definition:
    requirements beyond 12 months over all requirements, in per cent (None where a count is not published)."""
    frame = release.unpaid_work.copy()
    total, beyond = frame.requirements_total.astype("Float64"), frame.requirements_beyond_12m.astype("Float64")
    frame["recomputed_pct"] = (beyond / total * 100).round(1)
    frame["difference_pts"] = (frame.published_pct - frame.recomputed_pct).round(1)
    frame["comparable"] = frame.recomputed_pct.notna()
    return frame
