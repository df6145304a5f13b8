"""The helper library on real inspections: scores, bands, measures, statistics, recommendations and the audit."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pdukit.analysis.audit import COLUMNS, run_audit
from pdukit.analysis.measures import (
    MixedMeasuresError,
    require_same_measure,
    staffing_measure,
    upw_backlog,
    vacancy_by_grade,
)
from pdukit.analysis.outcomes import staffing_outcomes, vacancy_against, vacancy_by_rating
from pdukit.analysis.recommendations import risk_activities, themes_of
from pdukit.analysis.scoring import (
    band_for_score,
    inspection_scores,
    rating_from_pct,
    rules_from_release,
    score_from_ratings,
)
from pdukit.analysis.stats import MIN_N, spearman
from pdukit.analysis.summaries import coverage_by_region, ratings_by_year, regional_summary
from pdukit.cli import main


@pytest.fixture(scope="module")
def scores(release):
    return inspection_scores(release).set_index("inspection_id")


@pytest.mark.parametrize("inspection_id, expected", [
    ("swansea-neath-port-talbot-1", (4, 27)),
    ("gwent-1", (6, 27)),
    ("tameside-1", (7, 27)),
    ("manchester-north-1", (10, 24)),  # court work not rated: out of 24
])
def test_scores_recomputed_from_standard_ratings(scores, inspection_id, expected):
    row = scores.loc[inspection_id]
    assert (row.recomputed_score, row.recomputed_max) == expected == (row.published_score, row.published_max)


def test_score_needs_every_required_standard(release):
    rules = rules_from_release(release)
    result = score_from_ratings({"leadership": "Good"}, "2021", rules)
    assert result.score is None and "assessment" in result.missing
    unknown = score_from_ratings({"leadership": "Good"}, "2025", rules)
    assert unknown.score is None and not unknown.verified


def test_bands_come_from_the_release_and_say_they_are_unverified(release):
    rules = rules_from_release(release)
    assert band_for_score(4, 27, "2021", rules).rating == "Inadequate"
    assert band_for_score(6, 27, "2021", rules).rating == "Requires improvement"
    gap = band_for_score(5, 27, "2021", rules)  # between observed ranges: unknown, not guessed
    assert gap.rating is None and gap.verified is False


def test_case_thresholds_are_data(release):
    rules = rules_from_release(release)
    assert rating_from_pct(34, "2021", rules).rating == "Inadequate"
    assert rating_from_pct(66, "2021", rules).rating == "Good"
    assert rating_from_pct(66, "2021", rules).verified is False


def test_west_sussex_backlog_recomputes_to_27_percent(release):
    u = upw_backlog(release).set_index("inspection_id")
    assert round(u.loc["west-sussex-1", "recomputed_pct"]) == 27
    assert u.loc["west-sussex-1", "published_pct"] == 70
    assert pd.isna(u.loc["gwent-1", "recomputed_pct"])  # beyond-12-month count not published


def test_caseload_and_workload_cannot_be_mixed(release):
    caseload = staffing_measure(release, "caseload_avg")
    workload = staffing_measure(release, "workload_pct")
    assert require_same_measure(caseload, caseload) == "caseload_avg"
    with pytest.raises(MixedMeasuresError):
        require_same_measure(caseload, workload)
    assert set(workload.unit) == {"% of capacity on the Workload Measurement Tool"}


def test_vacancy_by_grade_keeps_negative_rates(release):
    wide = vacancy_by_grade(release).set_index("inspection_id")
    assert wide.loc["gwent-1", "po"] == -9 and wide.loc["gwent-1", "pso"] == 11


def test_spearman_refuses_below_minimum_n():
    result = spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])
    assert result.rho is None and result.n == 5 and "below the minimum" in result.refused
    assert "no correlation reported" in result.describe()


def test_spearman_reports_rho_interval_and_n():
    x = list(range(12))
    y = [0, 2, 1, 3, 5, 4, 6, 8, 7, 9, 11, 10]
    result = spearman(x, y, n_boot=500)
    assert result.n == 12 and result.rho == pytest.approx(1 - 6 * 8 / (12 * 143))
    assert result.low <= result.rho <= result.high <= 1
    assert result.describe().startswith("Spearman rho +0.97")


def test_staffing_outcomes_join(release):
    frame = staffing_outcomes(release).set_index("inspection_id")
    assert frame.loc["tameside-1", "spo"] == 47 and frame.loc["tameside-1", "score_pct"] == pytest.approx(25.9)
    corr = vacancy_against(release, "spo", "score_pct")
    assert corr.n == frame[["spo", "score_pct"]].dropna().shape[0]
    assert corr.n < MIN_N and corr.rho is None  # only a handful of inspections give both: refused


def test_regional_summary_and_trends_count_every_inspection(release):
    summary = regional_summary(release)
    assert len(summary) == 12 and summary.inspections.sum() == len(release.inspections)
    wales = summary.set_index("region").loc["Wales"]
    assert wales.inspections == 8
    years = ratings_by_year(release)
    assert years.n.sum() == len(release.inspections)
    assert years.set_index("year").loc["2022", "Inadequate"] >= 3
    assert coverage_by_region(release).set_index("Region").loc["England and Wales", "Inspections"] == len(release.inspections)
    assert vacancy_by_rating(release, "po").n.sum() > 0


def test_recommendation_themes():
    assert themes_of("HMPPS should expedite vetting of staff") == ["vetting"]
    assert risk_activities("improve the quality of work to assess, manage and review risk of harm") == ["assess", "manage", "review"]


def test_audit_rows_match_the_seeds(release):
    audit = run_audit(release)
    assert list(audit.columns) == COLUMNS and set(audit.status) <= {"consistent", "disputed", "not_recomputable"}
    by = audit.set_index(["check", "subject"])
    ws = by.loc[("upw_backlog", "west-sussex-1")]
    assert (ws.published, ws.recomputed, ws.status) == ("70%", "27.2%", "disputed")
    assert by.loc[("score_sum", "gwent-1")].status == "consistent"
    gwent_risk = by.loc[("recommendations", "gwent-1|risk of harm")]
    assert gwent_risk.status == "disputed" and "leaves out plan (Requires improvement)" in gwent_risk.detail
    vetting = by.loc[("recommendations", "vetting (round 1)")]
    assert vetting.status == "disputed" and "4 different wordings" in vetting.detail
    lift = by.loc[("rating_lift", "northamptonshire-1")]
    assert lift.recomputed.startswith("7/27") and "gwent-1 6/27" in lift.detail


def test_audit_cli_csv(capsys):
    assert main(["audit", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(frame.columns) == COLUMNS and len(frame) > 20


def test_correlation_table_reports_n_and_refusals(release):
    from pdukit.analysis.outcomes import correlation_table

    table = correlation_table(release)
    assert len(table) == 9 and set(table["vacancy grade"]) == {"SPO", "PO", "PSO"}
    po_rating = table[(table["vacancy grade"] == "PO") & (table.outcome == "overall rating")].iloc[0]
    assert po_rating.n == 16 and po_rating.result.startswith("Spearman rho")
    spo_score = table[(table["vacancy grade"] == "SPO") & (table.outcome == "score, % of maximum")].iloc[0]
    assert spo_score.result.startswith("no correlation reported")


def test_highest_inadequate_share_and_pdu_comparison(release):
    from pdukit.analysis.outcomes import pdu_comparison
    from pdukit.analysis.summaries import highest_inadequate_share

    worst = highest_inadequate_share(regional_summary(release))
    assert worst.region == "East Midlands" and (worst.Inadequate, worst.rated) == (6, 8)
    table = pdu_comparison(staffing_outcomes(release), "gwent", release.inspection_labels).set_index("measure")
    assert table.loc["PO vacancy %", "this PDU"] == -9 and table.loc["PO vacancy %", "region median"] == -6.5
    assert table.loc["score, % of maximum", "this PDU"] == pytest.approx(22.2)


def test_measure_chart_refuses_mixed_measures(release):
    from pdukit.report.charts import measure_bars

    caseload = staffing_measure(release, "caseload_avg", pdu_level=False)
    workload = staffing_measure(release, "workload_pct", pdu_level=False)
    mixed = pd.concat([caseload, workload]).assign(label="x")
    mixed.attrs = {}
    with pytest.raises(MixedMeasuresError):
        measure_bars(mixed, release, "mixed", "units")
