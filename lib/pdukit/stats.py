"""Staffing against outcomes, honestly: rank correlations with bootstrap intervals and n, refused below a minimum n.

Nothing here implies causation: a correlation between vacancies and scores across a few inspections says the two
move together in this sample, not that one drives the other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps

from .load import Release
from .measures import vacancy_by_grade
from .schema import RATINGS, REGIONS
from .scoring import inspection_scores

MIN_N = 8  # below this a rank correlation is too unstable to report


@dataclass(frozen=True)
class Correlation:
    """Spearman's rho with a percentile bootstrap interval; `refused` says why no value is given."""

    rho: float | None
    low: float | None
    high: float | None
    n: int
    p_value: float | None
    refused: str | None = None

    def describe(self) -> str:
        """Return a one-line summary such as 'Spearman rho -0.52 (95% CI -0.85 to -0.02), n = 11'."""
        if self.refused:
            return f"no correlation reported: {self.refused}"
        return f"Spearman rho {self.rho:+.2f} (95% CI {self.low:+.2f} to {self.high:+.2f}), n = {self.n}"


def spearman(x, y, min_n: int = MIN_N, n_boot: int = 2000, seed: int = 0, level: float = 0.95) -> Correlation:
    """Return Spearman's rank correlation of paired values (pairs with a missing side dropped) with a bootstrap
    interval at `level`; refuses (rho None) below `min_n` pairs or when either side is constant."""
    pairs = pd.DataFrame({"x": pd.to_numeric(pd.Series(x), errors="coerce").astype(float).to_numpy(),
                          "y": pd.to_numeric(pd.Series(y), errors="coerce").astype(float).to_numpy()}).dropna()
    n = len(pairs)
    if n < min_n:
        return Correlation(None, None, None, n, None, f"n = {n} is below the minimum of {min_n}")
    if pairs.x.nunique() < 2 or pairs.y.nunique() < 2:
        return Correlation(None, None, None, n, None, f"one variable is constant across the n = {n} pairs")
    result = sps.spearmanr(pairs.x, pairs.y)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, (n_boot, n))  # all resamples at once: Pearson correlation of within-sample ranks
    rx = sps.rankdata(pairs.x.to_numpy()[idx], axis=1)
    ry = sps.rankdata(pairs.y.to_numpy()[idx], axis=1)
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    denominator = np.sqrt((rx ** 2).sum(axis=1) * (ry ** 2).sum(axis=1))
    usable = denominator > 0  # a resample with a constant side has no correlation
    boots = (rx * ry).sum(axis=1)[usable] / denominator[usable]
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(boots, [tail, 100 - tail])
    return Correlation(float(result.statistic), float(low), float(high), n, float(result.pvalue))


def staffing_outcomes(release: Release) -> pd.DataFrame:
    """Return one row per inspection with vacancy rates by grade (%), the published score as a per cent of its
    maximum, the overall rating, the round, and any case-quality percentage on risk of harm."""
    scores = inspection_scores(release)
    frame = scores[["inspection_id", "pdu_id", "region", "framework", "overall_rating", "published_score",
                    "published_max"]].merge(vacancy_by_grade(release), on="inspection_id", how="left")
    frame["score_pct"] = (frame.published_score / frame.published_max * 100).astype("Float64").round(1)
    cq = release.case_quality.dropna(subset=["inspection_id", "pct"])
    risk = cq[cq.topic.str.contains("risk|keeping_safe")].groupby("inspection_id").pct.min()
    frame["risk_cases_pct"] = frame.inspection_id.map(risk).astype("Float64")
    meta = release.inspections.set_index("inspection_id")
    frame["round"] = frame.inspection_id.map(meta["round"])
    frame["published"] = frame.inspection_id.map(meta["published"])
    frame["rating_rank"] = frame.overall_rating.cat.codes.where(frame.overall_rating.notna()).astype("Int64")
    return frame


def vacancy_against(release: Release, grade: str, outcome: str = "score_pct", min_n: int = MIN_N,
                    outcomes: pd.DataFrame | None = None) -> Correlation:
    """Return the rank correlation between the vacancy rate of `grade` (%) and an outcome column of
    `staffing_outcomes` (score_pct, rating_rank or risk_cases_pct); pass `outcomes` to reuse a computed join."""
    frame = staffing_outcomes(release) if outcomes is None else outcomes
    if grade not in frame.columns:
        return Correlation(None, None, None, 0, None, f"no {grade} vacancy rates in this release")
    return spearman(frame[grade], frame[outcome], min_n=min_n)


def vacancy_by_rating(release: Release, grade: str, outcomes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return, per overall rating, n and the median, minimum and maximum vacancy rate (%) of `grade`."""
    frame = (staffing_outcomes(release) if outcomes is None else outcomes).dropna(subset=["overall_rating"])
    if grade not in frame.columns:
        return pd.DataFrame(columns=["overall_rating", "n", "median", "min", "max"])
    grouped = frame.dropna(subset=[grade]).groupby("overall_rating", observed=False)[grade]
    out = grouped.agg(["count", "median", "min", "max"]).rename(columns={"count": "n"}).reset_index()
    return out[out.overall_rating.isin(RATINGS)]


def regional_summary(release: Release, outcomes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per region: inspections held, rated, count per rating, and the median and range of
    PO vacancy rates (%) with their n."""
    ins = release.inspections
    vac = staffing_outcomes(release) if outcomes is None else outcomes
    rows = []
    for region in REGIONS:
        mine = ins[ins.region == region]
        po = vac[vac.region == region]["po"].dropna() if "po" in vac else pd.Series(dtype=float)
        row = dict(region=region, inspections=len(mine), rated=int(mine.overall_rating.notna().sum()))
        for rating in RATINGS:
            row[rating] = int((mine.overall_rating == rating).sum())
        row.update(po_vacancy_n=len(po), po_vacancy_median=po.median() if len(po) else None,
                   po_vacancy_min=po.min() if len(po) else None, po_vacancy_max=po.max() if len(po) else None)
        rows.append(row)
    return pd.DataFrame(rows)


def ratings_by_quarter(release: Release) -> pd.DataFrame:
    """Return counts of overall ratings per publication quarter ('2022Q2'); inspections dated only to a year, or
    not dated, are counted under 'undated' so nothing is silently dropped."""
    ins = release.inspections.dropna(subset=["overall_rating"]).copy()
    precise = ins.published_precision.isin(["month", "day"])
    ins["quarter"] = "undated"
    ins.loc[precise, "quarter"] = ins.loc[precise, "published_start"].dt.to_period("Q").astype(str)
    table = ins.pivot_table(index="quarter", columns="overall_rating", values="inspection_id", aggfunc="count",
                            observed=False, fill_value=0)
    table = table.reindex(columns=list(RATINGS), fill_value=0)
    order = sorted(q for q in table.index if q != "undated") + (["undated"] if "undated" in table.index else [])
    table = table.loc[order]
    table["n"] = table[list(RATINGS)].sum(axis=1)
    return table.reset_index()


def coverage(release: Release) -> pd.DataFrame:
    """Return, per region and publication year, how many inspections the release holds and how many of them have
    a rating, a score, standard ratings and staffing figures: what the data has and what it lacks."""
    ins = release.inspections.copy()
    ins["year"] = ins.published.str[:4].fillna("undated")
    has_std = set(release.ratings.dropna(subset=["rating"]).inspection_id)
    has_staff = set(release.staffing.dropna(subset=["inspection_id"]).inspection_id)
    ins["rated"] = ins.overall_rating.notna()
    ins["scored"] = ins.score.notna()
    ins["standards"] = ins.inspection_id.isin(has_std)
    ins["staffing"] = ins.inspection_id.isin(has_staff)
    out = ins.groupby(["region", "year"], observed=True).agg(
        inspections=("inspection_id", "count"), rated=("rated", "sum"), scored=("scored", "sum"),
        with_standards=("standards", "sum"), with_staffing=("staffing", "sum")).reset_index()
    return out


OUTCOME_LABELS = {"score_pct": "score, % of maximum", "rating_rank": "overall rating",
                  "risk_cases_pct": "risk-of-harm cases sufficient, %"}
GRADE_NAMES = {"spo": "SPO", "po": "PO", "pso": "PSO"}


def correlation_table(release: Release, outcomes: pd.DataFrame | None = None, min_n: int = MIN_N) -> pd.DataFrame:
    """Return one row per (vacancy grade, outcome): n and the Spearman result or the reason it is refused."""
    frame = staffing_outcomes(release) if outcomes is None else outcomes
    rows = []
    for grade, grade_name in GRADE_NAMES.items():
        for outcome, label in OUTCOME_LABELS.items():
            result = vacancy_against(release, grade, outcome, min_n=min_n, outcomes=frame)
            rows.append({"vacancy grade": grade_name, "outcome": label, "n": result.n, "result": result.describe()})
    return pd.DataFrame(rows)


def highest_inadequate_share(summary: pd.DataFrame) -> pd.Series:
    """Return the row of `regional_summary` whose rated inspections are most often Inadequate."""
    rated = summary[summary.rated > 0]
    return rated.assign(share=rated.Inadequate / rated.rated).sort_values("share", ascending=False).iloc[0]


def pdu_comparison(outcomes: pd.DataFrame, pdu_id: str, labels: dict[str, str]) -> pd.DataFrame:
    """Return each of a PDU's published vacancy rates (%) and score (% of maximum) beside the medians of its
    region and of all inspections that publish the same figure, with the national n."""
    own = outcomes[outcomes.pdu_id == pdu_id]
    region = outcomes[outcomes.region.isin(own.region)]
    measures = [(g, f"{n} vacancy %") for g, n in GRADE_NAMES.items() if g in outcomes] + [("score_pct", "score, % of maximum")]
    rows = []
    for row in own.itertuples():
        for column, label in measures:
            value = getattr(row, column)
            if pd.notna(value):
                rows.append({"inspection": labels[row.inspection_id], "measure": label, "this PDU": value,
                             "region median": region[column].median(), "national median": outcomes[column].median(),
                             "national n": int(outcomes[column].notna().sum())})
    return pd.DataFrame(rows, columns=["inspection", "measure", "this PDU", "region median", "national median", "national n"])
