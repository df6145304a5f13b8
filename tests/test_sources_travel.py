"""Sources travel with every frame: each table the analysis API returns keeps the source_ids of the rows it came
from (a derived row: the union of its inputs'), so `release.with_sources` works on all of them."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pandas as pd
import pytest

import pdukit
import pdukit.analysis
from pdukit.analysis import measures, outcomes, summaries
from pdukit.dataset.sources import split_ids
from pdukit.errors import UnknownName

# Public analysis functions that need more than the release to answer, called with a real example.
EXAMPLES = {
    "share_table": lambda r: pdukit.share_table(r.inspections, "region", "overall_rating", "Inadequate"),
    "staffing_measure": lambda r: measures.staffing_measure(r, "caseload_avg"),
    "staffing_series": lambda r: pdukit.staffing_series(r, "staff_in_post", "po", series="hmpps_workforce_2024_25"),
    "official_staffing": lambda r: pdukit.official_staffing(r, long=True),
    "vacancy_by_rating": lambda r: outcomes.vacancy_by_rating(r, "po"),
    "pdu_comparison": lambda r: outcomes.pdu_comparison(outcomes.staffing_outcomes(r), "gwent", r.inspection_labels),
    "highest_inadequate_share": lambda r: summaries.highest_inadequate_share(summaries.regional_summary(r)),
    "published_between": lambda r: pdukit.published_between(r, "2023", None, warn=False),
}
# Public analysis functions that do not return a table, and what they return instead.
NOT_TABLES = {
    "direction": "a word", "change_counts": "a dict of counts", "require_same_measure": "a measure name",
    "value_column": "a column name", "spearman": "a Correlation", "wilson_interval": "two numbers",
    "vacancy_against": "a Correlation", "rules_from_release": "the rule tables", "points_for": "points",
    "score_from_ratings": "a ScoreResult", "band_for_score": "a BandResult", "rating_from_pct": "a BandResult",
    "points_to_next_band": "a number", "rating_rank": "a number", "check_framework": "a framework name",
    "publication_year": "a year", "date_span": "two dates", "inspections_by_year": "a dict of ids", "themes_of": "a list of themes",
    "complete_lists": "a set of ids", "risk_activities": "a list of words", "rules_sources": "a list of ids",
    "check_score_sum": "audit rows (run_audit's table is walked)",
    "check_rating_band": "audit rows", "check_upw_backlog": "audit rows", "check_standard_from_cases": "audit rows",
    "check_rating_lifts": "audit rows", "check_recommendations": "audit rows",
    "unlinked_only": "a True/False per row of the frame it is given", "has_official": "True or False",
    "date_bounds": "two dates", "publication_dates": "a dict of dates",
}


def public_functions():
    for info in pkgutil.iter_modules(pdukit.analysis.__path__):
        module = importlib.import_module(f"pdukit.analysis.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                yield name, function


def _answer(release, name, function):
    if name in EXAMPLES:
        return EXAMPLES[name](release)
    parameters = list(inspect.signature(function).parameters.values())
    needed = [p for p in parameters[1:] if p.default is inspect.Parameter.empty]
    assert parameters and parameters[0].name == "release" and not needed, (
        f"{function.__module__}.{name} needs arguments: add an example to EXAMPLES (or to NOT_TABLES)")
    return function(release)


WALKED = sorted((n, f) for n, f in public_functions() if n not in NOT_TABLES)


@pytest.mark.parametrize("name, function", WALKED, ids=[n for n, _ in WALKED])
def test_every_public_analysis_table_keeps_its_sources(release, name, function):
    answer = _answer(release, name, function)
    if isinstance(answer, pd.Series):  # one row of a table (overall_share, highest_inadequate_share)
        answer = answer.to_frame().T
    assert isinstance(answer, pd.DataFrame), f"{name} returned {type(answer).__name__}: add it to NOT_TABLES"
    assert "source_ids" in answer.columns, f"{name} drops source_ids"
    known = set(release.sources.source_id)
    ids = split_ids(answer.source_ids)
    assert ids and set(ids) <= known, name
    looked = release.with_sources(answer)
    assert len(looked) == len(answer) and looked.source_title.notna().all()
    with_ids = answer.source_ids.fillna("").astype(str) != ""
    assert looked.source_title[with_ids.to_numpy()].str.contains("not known").sum() == 0


def test_the_walk_covers_the_named_questions():
    walked = {n for n, _ in WALKED}
    assert {"compare_rounds", "rating_shares", "pdu_coverage", "staffing_outcomes", "standard_counts",
            "ratings_by_year", "vacancy_by_grade", "correlation_table", "run_audit", "upw_backlog",
            "inspection_scores", "recommendation_themes", "published_between"} <= walked


def test_compare_rounds_rows_carry_both_inspections_sources(release):
    compared = pdukit.compare_rounds(release).set_index("pdu_id")
    ins = release.inspections.set_index("inspection_id")
    gwent = set(split_ids(compared.loc["gwent", "source_ids"]))
    assert set(split_ids(ins.loc["gwent-1", "source_ids"])) | set(split_ids(ins.loc["gwent-2", "source_ids"])) <= gwent
    looked = release.with_sources(pdukit.compare_rounds(release))
    assert looked.source_link.str.len().gt(0).all()


def test_staffing_outcomes_names_the_pdu_and_its_sources(release):
    frame = pdukit.staffing_outcomes(release).set_index("inspection_id")
    assert frame.loc["tameside-1", "pdu"] == "Tameside"
    tameside = release.staffing[release.staffing.inspection_id == "tameside-1"]
    assert set(split_ids(tameside.source_ids)) <= set(split_ids(frame.loc["tameside-1", "source_ids"]))


def test_rating_shares_sources_are_the_inspections_counted(release):
    shares = pdukit.rating_shares(release).set_index("region")
    wales = release.inspections[(release.inspections.region == "Wales") & release.inspections.overall_rating.notna()]
    assert set(split_ids(shares.loc["Wales", "source_ids"])) == set(split_ids(wales.source_ids))


def test_with_sources_on_a_frame_without_source_ids_says_so(release):
    frame = pdukit.compare_rounds(release).drop(columns="source_ids")
    with pytest.raises(UnknownName, match="no 'source_ids' column"):
        release.with_sources(frame)
    disagreements = release.disagreements
    with pytest.raises(UnknownName, match="'value_source_ids', 'other_source_ids'"):
        release.with_sources(disagreements)
    assert release.with_sources(disagreements, column="value_source_ids").source_title.notna().all()


def test_with_sources_keeps_rows_of_a_frame_with_a_repeated_index(release):
    caseload = measures.staffing_measure(release, "caseload_avg")
    both = pd.concat([caseload, caseload])
    looked = release.with_sources(both)
    assert len(looked) == len(both) and list(looked.index) == list(both.index)
