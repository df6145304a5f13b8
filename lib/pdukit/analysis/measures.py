"""Comparable measures: one definition per measure, units attached, and no silent mixing of different ones.

Caseload (cases held per practitioner) and workload (per cent of capacity on the Workload Measurement Tool) are
different measures: a frame returned here carries its measure in `frame.attrs['measure']`, and
`require_same_measure` refuses to put two different ones side by side.
"""

from __future__ import annotations

import pandas as pd

from pdukit.dataset import vocabulary
from pdukit.dataset.release import Release
from pdukit.dataset.schema import STAFFING_MEASURES

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


from pdukit.errors import MixedMeasuresError  # noqa: E402 (re-exported: raised by require_same_measure)


def staffing_measure(release: Release, measure: str, pdu_level: bool | None = None) -> pd.DataFrame:
    """Return the staffing rows of one measure (value in its UNITS), tagged so it cannot be mixed with another.

    pdu_level True keeps inspection figures, False keeps region-wide figures, None keeps both."""
    if measure not in STAFFING_MEASURES:
        raise ValueError(f"unknown staffing measure {measure!r}; expected one of {', '.join(STAFFING_MEASURES)}")
    frame = release.staffing[release.staffing.measure == measure].copy()
    if pdu_level is not None:
        frame = frame[frame.inspection_id.notna() == pdu_level]
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
    """Return one row per inspection with vacancy rates (%) by grade as columns spo, po, pso, overall (negative kept)."""
    frame = staffing_measure(release, "vacancy_rate", pdu_level=True)
    wide = frame.pivot_table(index="inspection_id", columns="grade", values="value", aggfunc="first", observed=True)
    wide = wide.reindex(columns=[g for g in ("spo", "po", "pso", "overall") if g in wide.columns])
    wide = wide.dropna(how="all")  # an inspection that gives a rate only for another team has no row here
    wide.columns = list(wide.columns.astype(str))
    wide.attrs["measure"] = "vacancy_rate"
    return wide.reset_index()


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
