"""Staffing against outcomes: one row per inspection joining vacancy rates by grade to the published score,
rating and risk-of-harm case quality, and the comparisons the reports make from that join.

Associations only: nothing here shows that vacancies cause low ratings.
"""

from __future__ import annotations

import pandas as pd

from pdukit.analysis.measures import vacancy_by_grade
from pdukit.analysis.scoring import inspection_scores
from pdukit.analysis.stats import MIN_N, Correlation, spearman
from pdukit.dataset import vocabulary
from pdukit.dataset.release import Release, takes_release
from pdukit.dataset.schema import RATINGS
from pdukit.dataset.sources import join_ids
from pdukit.dataset.vocabulary import check_choice


@takes_release
def staffing_outcomes(release: Release) -> pd.DataFrame:
    """Return one row per inspection with its PDU (`pdu_id`, `pdu`), vacancy rates by grade (%), the published
    score as a per cent of its maximum, the overall rating, the round, any case-quality percentage on risk of harm,
    and the source_ids of the inspection, its vacancy rates and its risk-of-harm case figures."""
    scores = inspection_scores(release)
    vacancies = vacancy_by_grade(release).rename(columns={"source_ids": "_vacancy_sources"})
    frame = scores[["inspection_id", "pdu_id", "region", "framework", "overall_rating", "published_score",
                    "published_max"]].merge(vacancies, on="inspection_id", how="left")
    frame.insert(2, "pdu", frame.pdu_id.map(release.pdu_names))
    frame["score_pct"] = (frame.published_score / frame.published_max * 100).astype("Float64").round(1)
    cq = release.case_quality.dropna(subset=["inspection_id", "pct"])
    risk_rows = cq[cq.topic.str.contains("risk|keeping_safe")]
    risk = risk_rows.groupby("inspection_id").pct.min()
    frame["risk_cases_pct"] = frame.inspection_id.map(risk).astype("Float64")
    meta = release.inspections.set_index("inspection_id")
    frame["round"] = frame.inspection_id.map(meta["round"])
    frame["published"] = frame.inspection_id.map(meta["published"])
    frame["rating_rank"] = frame.overall_rating.cat.codes.where(frame.overall_rating.notna()).astype("Int64")
    risk_sources = {i: g.source_ids for i, g in risk_rows.groupby("inspection_id")}
    frame["source_ids"] = [join_ids(meta.at[i, "source_ids"], vac, risk_sources.get(i))
                           for i, vac in zip(frame.inspection_id, frame._vacancy_sources, strict=True)]
    return frame.drop(columns="_vacancy_sources")


def _check_grade(grade: str) -> str:
    return check_choice(grade, vocabulary.CORE_GRADES + ("overall",), "vacancy grade")


@takes_release
def vacancy_against(release: Release, grade: str, outcome: str = "score_pct", min_n: int = MIN_N,
                    outcomes: pd.DataFrame | None = None) -> Correlation:
    """Return the rank correlation between the vacancy rate of `grade` (spo, po, pso or overall; %) and an
    outcome column of `staffing_outcomes` (score_pct, rating_rank or risk_cases_pct); pass `outcomes` to reuse a
    computed join. A grade or outcome that does not exist raises UnknownName."""
    grade = _check_grade(grade)
    outcome = check_choice(outcome, vocabulary.OUTCOMES, "outcome")
    frame = staffing_outcomes(release) if outcomes is None else outcomes
    if grade not in frame.columns:
        return Correlation(None, None, None, 0, f"no {grade} vacancy rates in this release")
    return spearman(frame[grade], frame[outcome], min_n=min_n)


@takes_release
def vacancy_by_rating(release: Release, grade: str, outcomes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return, per overall rating, n and the median, minimum and maximum vacancy rate (%) of `grade`, and the
    source_ids of the inspections counted."""
    grade = _check_grade(grade)
    frame = (staffing_outcomes(release) if outcomes is None else outcomes).dropna(subset=["overall_rating"])
    if grade not in frame.columns:
        return pd.DataFrame(columns=["overall_rating", "n", "median", "min", "max", "source_ids"])
    known = frame.dropna(subset=[grade])
    grouped = known.groupby("overall_rating", observed=False)
    out = grouped[grade].agg(["count", "median", "min", "max"]).rename(columns={"count": "n"})
    out["source_ids"] = grouped.source_ids.agg(join_ids) if "source_ids" in known else ""
    out = out.reset_index()
    return out[out.overall_rating.isin(RATINGS)]


OUTCOME_LABELS = {"score_pct": "score, % of maximum", "rating_rank": "overall rating",
                  "risk_cases_pct": "risk-of-harm cases sufficient, %"}
GRADE_NAMES = {g: vocabulary.GRADES[g].short for g in vocabulary.CORE_GRADES}


@takes_release
def correlation_table(release: Release, outcomes: pd.DataFrame | None = None, min_n: int = MIN_N) -> pd.DataFrame:
    """Return one row per (vacancy grade, outcome): n, the Spearman result or the reason it is refused, and the
    source_ids of the inspections paired."""
    frame = staffing_outcomes(release) if outcomes is None else outcomes
    rows = []
    for grade, grade_name in GRADE_NAMES.items():
        for outcome, label in OUTCOME_LABELS.items():
            result = vacancy_against(release, grade, outcome, min_n=min_n, outcomes=frame)
            paired = frame.dropna(subset=[grade, outcome]) if grade in frame else frame.iloc[:0]
            rows.append({"vacancy grade": grade_name, "outcome": label, "n": result.n, "result": result.describe(),
                         "source_ids": join_ids(paired.get("source_ids"))})
    return pd.DataFrame(rows)


def pdu_comparison(outcomes: pd.DataFrame, pdu_id: str, labels: dict[str, str]) -> pd.DataFrame:
    """Return each of a PDU's published vacancy rates (%) and score (% of maximum) beside the medians of its
    region and of all inspections that publish the same figure, each with its n, and the source_ids of every
    figure behind the row (the PDU's own, its region's and the nation's). `pdu_id` must be a PDU of `outcomes`
    (UnknownName names the closest)."""
    check_choice(pdu_id, sorted(set(outcomes.pdu_id)), "PDU id (of an inspected PDU)")
    own = outcomes[outcomes.pdu_id == pdu_id]
    region = outcomes[outcomes.region.isin(own.region)]
    measures = [(g, f"{n} vacancy %") for g, n in GRADE_NAMES.items() if g in outcomes] + [("score_pct", "score, % of maximum")]
    has_sources = "source_ids" in outcomes
    rows = []
    for row in own.itertuples():
        for column, label in measures:
            value = getattr(row, column)
            if pd.notna(value):
                out = {"inspection": labels[row.inspection_id], "measure": label, "this PDU": value,
                       "region median": region[column].median(), "region n": int(region[column].notna().sum()),
                       "national median": outcomes[column].median(), "national n": int(outcomes[column].notna().sum())}
                if has_sources:
                    out["source_ids"] = join_ids(outcomes.source_ids[outcomes[column].notna()])
                rows.append(out)
    return pd.DataFrame(rows, columns=["inspection", "measure", "this PDU", "region median", "region n",
                                       "national median", "national n", *(["source_ids"] if has_sources else [])])
