"""Never a silent wrong answer: every name an analyst types is checked, and a mistake is an error naming the closest
valid choices, never a frame of zeros, an empty frame or a bare KeyError. Each case below was once answered wrongly
without a word (issue 18)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import pdukit
from pdukit.analysis import measures, outcomes, scoring, summaries
from pdukit.analysis.audit import run_audit
from pdukit.errors import InvalidValue, MixedMeasuresError, ReleaseError, ReleaseNotFound, UndatedLeftOut, UnknownName
from pdukit.paths import list_releases


# --- rating_shares: once 0 of n for every region for "inadequate", and a bare KeyError for by="regoin" -----------
@pytest.mark.parametrize("typed, says", [("inadequate", "did you mean 'Inadequate'"), ("Inadequte", "'Inadequate'"),
                                         ("Excellent", "'Inadequate'")])
def test_rating_shares_refuses_a_rating_that_does_not_exist(release, typed, says):
    with pytest.raises(UnknownName, match=says):
        pdukit.rating_shares(release, typed)


def test_rating_shares_refuses_a_column_that_does_not_exist(release):
    with pytest.raises(UnknownName, match="closest valid: 'region'"):
        pdukit.rating_shares(release, by="regoin")
    with pytest.raises(UnknownName, match="'Inadequate'"):
        summaries.overall_share(release, "inadequate")
    with pytest.raises(UnknownName, match="'overall_rating'"):
        pdukit.share_table(release.inspections, "region", "overall_ratings", "Inadequate")
    with pytest.raises(UnknownName, match="value of framework"):
        pdukit.share_table(release.inspections, "region", "framework", "2012")


def test_rating_shares_gives_england_and_wales_on_request_and_easy_to_leave_out(release):
    shares = pdukit.rating_shares(release, "Inadequate", total=True).set_index("region")
    assert shares.index[-1] == "England and Wales" and len(shares) == 13
    total = shares.loc["England and Wales"]
    assert (total.n, total["count"]) == (78, 39) == (shares.n.iloc[:-1].sum(), shares["count"].iloc[:-1].sum())
    assert (shares.loc["East Midlands", "n"], shares.loc["East Midlands", "count"]) == (8, 6)
    national = summaries.overall_share(release)
    assert (national.n, national["count"]) == (total.n, total["count"])
    regions = pdukit.rating_shares(release, "Inadequate")
    assert "England and Wales" not in set(regions.region.astype(str)) and len(regions) == 12
    by_round = pdukit.rating_shares(release, "Inadequate", by="round", total=True)
    assert by_round.n.iloc[-1] == by_round.n.iloc[:-1].sum()


# --- frameworks: once sorted 2021, 2024, 2025, 2023, and read as three frameworks where the data hold one ----------
def test_frameworks_sort_in_time_and_a_share_by_framework_says_round_2_is_split_by_year(release):
    assert list(release.inspections.framework.cat.categories) == ["2021", "2023", "2024", "2025"]
    shares = pdukit.rating_shares(release, "Inadequate", by="framework")
    assert shares.framework.astype(str).tolist() == ["2021", "2023", "2024", "2025"]
    labels = dict(zip(shares.framework.astype(str), shares.framework_label, strict=True))
    assert labels["2021"] == "2021 framework (round 1)"
    assert labels["2024"] == "Round 2 (programme from October 2023), published 2024"
    assert "year of publication not known" in labels["2023"]
    assert "publication year, not of framework" in shares.attrs["note"] and "'round'" in shares.attrs["note"]
    rounds = pdukit.rating_shares(release, "Inadequate", by="round")  # the two programmes, as the note says
    assert rounds.n.tolist() == [36, shares.n.iloc[1:].sum()]
    from pdukit.analysis.compare import FRAMEWORK_CAVEAT

    assert "2025 revision" not in FRAMEWORK_CAVEAT and "October 2023" in FRAMEWORK_CAVEAT


# --- diff_releases: once [] for version names, every row "added" for a typo, TypeError for Release objects ------
def test_diff_releases_takes_versions_folders_and_release_objects_alike(release):
    old, new = (p.name for p in list_releases()[:2])
    by_name = pdukit.diff_releases(old, new)
    assert list(by_name.columns) == ["table", "key", "column", "old", "new", "change", "old_source_ids",
                                     "new_source_ids", "source_ids"] and len(by_name) > 100
    by_folder = pdukit.diff_releases(list_releases()[0], list_releases()[1])
    by_object = pdukit.diff_releases(pdukit.load_release(old), pdukit.load_release(new))
    pd.testing.assert_frame_equal(by_name, by_folder)
    pd.testing.assert_frame_equal(by_name, by_object)
    assert pdukit.diff_releases(release.version, release).empty  # the same release: no differences


def test_diff_releases_refuses_an_unknown_release(tmp_path):
    old = list_releases()[0].name
    with pytest.raises(ReleaseNotFound, match="2026-11-22b"):
        pdukit.diff_releases(old, "2026-11-23")
    with pytest.raises(ReleaseNotFound):
        pdukit.diff_releases(old, str(list_releases()[0]) + "x")  # a mistyped folder
    with pytest.raises(ReleaseNotFound, match="not a release or draft"):
        pdukit.diff_releases(old, tmp_path)  # an empty folder holds no release
    (tmp_path / "pdus.csv").write_text("pdu_id\n", encoding="utf-8")
    with pytest.raises(ReleaseError, match="sources.csv.*file is missing"):
        pdukit.diff_releases(old, tmp_path)  # a folder with a stray table is not a whole release


def test_a_region_move_is_a_change_not_a_removal_and_an_addition():
    changes = pdukit.diff_releases("2026-11-22", "2026-11-22b")
    northants = changes[changes.key.str.startswith("northamptonshire")]
    assert set(northants.change.astype(str)) == {"changed"}
    moved = northants[northants.column == "region"]
    assert set(moved.table) == {"pdus", "inspections", "staffing", "case_quality", "findings"}
    assert set(zip(moved.old, moved.new, strict=True)) == {("East Midlands", "East of England")}
    staffing = moved[moved.table == "staffing"]
    assert len(staffing) == 6 and "northamptonshire-1|East of England|vacancy_rate|po|" in set(staffing.key)
    removed = changes[(changes.table == "staffing") & (changes.change == "removed")]
    assert not removed.key.str.contains("northamptonshire").any()


def test_diff_cli_shows_the_move_as_a_change(capsys):
    from pdukit.cli import main

    assert main(["diff", "2026-11-22", "2026-11-22b"]) == 0
    out = capsys.readouterr().out
    assert ("inspections northamptonshire-1: changed region 'East Midlands' -> 'East of England'" in out
            and "staffing: 0 added, 6 changed, 1 removed" in out)
    assert main(["diff", "2026-11-22", "2026-11-2"]) == 2


# --- an empty release name: once the latest release, and "no differences" from a diff of "" and latest ----------
@pytest.mark.parametrize("blank", ["", "  "])
def test_an_empty_release_name_is_refused_not_read_as_latest(blank):
    with pytest.raises(ReleaseNotFound, match="is not a release name: it is (empty|blank).*'latest'.*2026-11-22b"):
        pdukit.load_release(blank)
    with pytest.raises(ReleaseNotFound, match="not a release name"):
        pdukit.diff_releases(blank, "latest")
    with pytest.raises(ReleaseNotFound, match="not a release name"):
        pdukit.diff_summary("latest", blank)
    assert pdukit.load_release(None).version == pdukit.load_release().version  # the default, left as it is


@pytest.mark.parametrize("command", [["validate", ""], ["diff", "", "latest", "--summary"], ["diff", "latest", " "],
                                     ["audit", "--data", ""], ["render", "--data", "", "--no-progress"]])
def test_the_command_line_refuses_an_empty_release_name_as_a_usage_error(command, capsys):
    from pdukit.cli import main
    from pdukit.exitcodes import EXIT_USAGE

    assert main(command) == EXIT_USAGE == 2  # the README's table: 2, no such release
    captured = capsys.readouterr()
    assert "not a release name" in captured.err and "no differences" not in captured.out


# --- a release of headers alone: once "valid", then tables of zeros, empty frames and an AttributeError ---------
def test_a_release_whose_tables_hold_no_rows_is_refused_naming_each_file(release_copy, capsys):
    from pdukit.cli import main

    for path in release_copy.glob("*.csv"):
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    (release_copy / "datapackage.json").unlink()  # a draft: the checksums are not what is under test
    assert main(["validate", str(release_copy)]) == 1
    out = capsys.readouterr().out
    for name in ("inspections.csv", "ratings.csv", "pdus.csv", "official_staffing.csv"):
        assert f"{name}:0:-: holds no rows, only its header" in out, name
    with pytest.raises(ReleaseError, match="inspections.csv:0:-: holds no rows"):
        pdukit.load_release(release_copy)
    unchecked = pdukit.load_release(release_copy, validate=False)  # asked for: the audit is empty, not an error
    assert run_audit(unchecked).empty and "status" in run_audit(unchecked)


def test_every_published_release_still_validates():
    from pdukit.dataset.validate import validate_release

    assert {p.name: validate_release(p) for p in list_releases()} == {p.name: [] for p in list_releases()}


# --- caseload and workload: once averaged as one column (Greater Manchester's 38 cases with 137% to 87.5) --------
def test_caseload_and_workload_never_share_a_column(release):
    caseload = measures.staffing_measure(release, "caseload_avg", pdu_level=False)
    workload = measures.staffing_measure(release, "workload_pct", pdu_level=False)
    assert "value" not in caseload and "value" not in workload
    both = pd.concat([caseload, workload])
    manchester = both[(both.region == "Greater Manchester") & (both.grade == "po")]
    assert manchester.cases_per_practitioner.dropna().tolist() == [38]
    assert manchester.workload_pct_of_capacity.dropna().tolist() == [137]
    assert manchester.cases_per_practitioner.mean() == 38  # never (38 + 137) / 2
    with pytest.raises(MixedMeasuresError):
        measures.require_same_measure(both)
    assert measures.value_column("workload_pct") == "workload_pct_of_capacity"


def test_an_unknown_measure_or_grade_names_the_closest(release):
    with pytest.raises(UnknownName, match="'caseload_avg'"):
        measures.staffing_measure(release, "caseload")
    with pytest.raises(UnknownName, match="'po'"):
        outcomes.vacancy_by_rating(release, "p0")
    with pytest.raises(UnknownName, match="'score_pct'"):
        outcomes.vacancy_against(release, "po", "score")
    with pytest.raises(UnknownName, match="'gwent'"):
        outcomes.pdu_comparison(outcomes.staffing_outcomes(release), "gwnet", release.inspection_labels)


def test_change_between_two_ratings_refuses_a_word_that_is_not_one():
    from pdukit.analysis.compare import direction

    assert direction("Inadequate", "Good") == "improved" and direction(None, "Good") == "not known"
    with pytest.raises(UnknownName, match="'Requires improvement'"):
        direction("Requires Improvement", "Good")


def test_scoring_names_are_checked(release):
    rules = scoring.rules_from_release(release)
    with pytest.raises(UnknownName, match="unknown framework '2012'; closest valid: "):
        scoring.band_for_score(6, 27, "2012", rules)
    with pytest.raises(UnknownName, match="'court_work'"):
        scoring.score_from_ratings({"courtwork": "Good"}, "2021", rules)
    with pytest.raises(UnknownName, match="'Good'"):
        scoring.score_from_ratings({"court_work": "good"}, "2021", rules)


# --- impossible inputs: once (0.0, 1.0) for 5 of 3, and rating None for 30 of 27 or 150% --------------------------
def test_impossible_inputs_to_the_statistics_and_the_rules_are_refused(release):
    from pdukit.analysis import stats

    rules = scoring.rules_from_release(release)
    for call, says in [(lambda: stats.wilson_interval(5, 3), "count 5 is impossible: expected a whole number from 0 to 3"),
                       (lambda: stats.wilson_interval(-1, 3), "count -1 is impossible"),
                       (lambda: stats.wilson_interval(1.5, 3), "must be a whole number"),
                       (lambda: stats.wilson_interval(1, 3, level=95), "level"),
                       (lambda: scoring.band_for_score(30, 27, "2021", rules), "score 30 is impossible: .* 0 to 27"),
                       (lambda: scoring.band_for_score(-1, 27, "2021", rules), "score -1 is impossible"),
                       (lambda: scoring.band_for_score(5, 30, "2021", rules), "score_max 30 is impossible: .* 1 to 27"),
                       (lambda: scoring.rating_from_pct(150, "2021", rules), "pct 150 is impossible: .* 0 to 100"),
                       (lambda: scoring.rating_from_pct(-5, "2021", rules), "pct -5 is impossible"),
                       (lambda: scoring.points_to_next_band(101, "2021", rules), "pct 101 is impossible")]:
        with pytest.raises(InvalidValue, match=says):
            call()
    assert stats.wilson_interval(0, 0) == (None, None) and stats.wilson_interval(3, 3)[1] == 1.0  # possible: answered
    assert scoring.band_for_score(6, 27, "2021", rules).rating == "Requires improvement"
    assert scoring.rating_from_pct(100, "2021", rules).rating == "Outstanding"


# --- bare exceptions: once AttributeError for a list of frames, ValueError for sides of unequal length -------------
def test_a_list_of_frames_is_taken_and_unequal_sides_are_refused(release):
    caseload = measures.staffing_measure(release, "caseload_avg")
    workload = measures.staffing_measure(release, "workload_pct")
    with pytest.raises(MixedMeasuresError, match="'caseload_avg' .*'workload_pct'"):
        measures.require_same_measure([caseload, workload])  # once AttributeError: 'list' object has no attribute
    assert measures.require_same_measure([caseload, caseload]) == "caseload_avg"
    with pytest.raises(InvalidValue, match="takes DataFrames.*argument 2 is list"):
        measures.require_same_measure(caseload, [workload])
    with pytest.raises(InvalidValue, match="x has 9 values and y 8"):
        pdukit.spearman([1] * 9, [1] * 8)  # once ValueError: All arrays must be of the same length
    with pytest.raises(InvalidValue, match="needs a DataFrame"):
        release.with_sources(release.ratings.source_ids)  # once TypeError


# --- date filters: once silently dropped the 24 undated inspections ---------------------------------------------
def test_published_between_counts_what_it_leaves_out(release):
    ratings = release.standard_ratings()
    rated_24 = ratings[(ratings.standard == "implementation_and_delivery") & ratings.rating.notna()]
    with pytest.warns(UndatedLeftOut, match="kept 6 of 18 rows and left out 2 with no known publication date"):
        since = pdukit.published_between(release, "2023", frame=rated_24)
    assert len(since) == 6 and since.attrs["undated_left_out"] == 2  # "6 since 2023, and 2 undated"
    assert since.attrs["left_out"] == ["bradford-and-calderdale-2", "west-sussex-2"]
    assert set(since.columns) == set(rated_24.columns)
    everything = pdukit.published_between(release, warn=False)
    assert len(everything) + everything.attrs["undated_left_out"] == len(release.inspections) == 79
    assert everything.attrs["undated_left_out"] == 24


def test_published_between_keeps_a_partial_date_only_when_all_of_it_is_in_range(release):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        august = pdukit.published_between(release, "2024-08", "2024-08-31", frame=release.inspections.dropna(subset=["published"]))
    assert august.inspection_id.tolist() == ["essex-north-2"]  # published "2024-08"
    mid_2025 = pdukit.published_between(release, "2025-06", "2025-12", warn=False)
    year_only = release.inspections.published.astype(str).eq("2025").sum()
    assert mid_2025.attrs["imprecise_left_out"] == year_only > 0  # "2025" may or may not be after June


def test_published_between_refuses_what_is_not_a_date(release):
    with pytest.raises(InvalidValue, match="expected YYYY"):
        pdukit.published_between(release, "since 2023")
    with pytest.raises(InvalidValue, match="after end"):
        pdukit.published_between(release, "2024", "2023")
    with pytest.raises(UnknownName, match="inspection_id"):
        pdukit.published_between(release, "2023", frame=release.sources)


# --- coverage: once counted merged PDUs as never inspected (Greater Manchester 8, of 6 current) --------------------
def test_coverage_counts_current_pdus_never_inspected(release):
    manchester = pdukit.pdu_coverage(release).set_index("region").loc["Greater Manchester"]
    assert manchester.never_inspected == 6 and manchester.merged_never_inspected == 2


# --- PDUs wherever an inspection is: standard_ratings("gwent") once gave 0 rows ----------------------------------
@pytest.mark.parametrize("subject", ["gwent", "Gwent", "GWENT", "gwent-1"])
def test_standard_ratings_of_a_pdu_by_any_of_its_names(release, subject):
    ratings = release.standard_ratings(subject)
    rated = ratings.dropna(subset=["rating"])
    assert len(rated) == 9 and set(rated.inspection_id) == {"gwent-1"}
    assert set(rated.inspection) == {"Gwent (2022)"}
    # gwent-2 has no standard ratings: said, in a row of its own and in attrs, never silently left out
    assert ratings.attrs["without_ratings"] == ([] if subject == "gwent-1" else ["gwent-2"])
    assert len(ratings) == len(rated) + len(ratings.attrs["without_ratings"])


def test_a_pdu_means_all_its_inspections_and_each_row_says_which(release):
    west_sussex = release.standard_ratings("West Sussex")
    assert west_sussex.inspection_id.value_counts().to_dict() == {"west-sussex-1": 7, "west-sussex-2": 4}
    code = release.pdus.set_index("pdu_id").at["west-sussex", "pdu_code"]
    assert len(release.standard_ratings(code)) == 11
    counts = pdukit.standard_counts(release, "West Sussex")
    assert counts.n.sum() == 11
    assert release.pdu_name("West Sussex") == release.pdu_name("west-sussex") == "West Sussex"
    with pytest.raises(UnknownName, match="'Gwent'"):
        release.standard_ratings("Gwnet")
    with pytest.raises(UnknownName, match="'gwent-1'"):
        pdukit.standard_counts(release, ["gwent-1", "gwent-3"])


# --- a PDU of the register never inspected: once an empty frame, [] and "for no inspection" --------------------
@pytest.mark.parametrize("call", [lambda r: r.standard_ratings("Bolton"), lambda r: r.inspections_of("bolton"),
                                  lambda r: pdukit.standard_counts(r, ["Bolton"]),
                                  lambda r: r.without_standard_ratings("Bolton"),
                                  lambda r: r.resolve_inspections(["gwent-1", "Bolton"])])
def test_a_pdu_never_inspected_says_it_is_in_the_register_with_no_inspection(release, call):
    with pytest.raises(pdukit.NotInRelease, match=r"Bolton \(Greater Manchester\) is in the register but has no "
                                                  r"inspection in release 20\d\d-\d\d-\d\d"):
        call(release)
    with pytest.raises(pdukit.NotInRelease, match=r"Salford \(Greater Manchester\) is in the register \(since merged"):
        release.standard_ratings("Salford")


@pytest.mark.parametrize("call", [lambda r: r.standard_ratings([]), lambda r: pdukit.standard_counts(r, []),
                                  lambda r: r.resolve_inspections(())])
def test_an_empty_list_of_inspections_is_refused_not_answered_with_nothing(release, call):
    with pytest.raises(InvalidValue, match="no inspection or PDU was named.*pass None for every inspection"):
        call(release)


# --- the audit: disputed apart from cannot be recomputed -----------------------------------------------------------
def test_audit_tells_disputed_from_not_recomputable(release):
    audit = run_audit(release).set_index(["check", "subject"])
    assert audit.loc[("upw_backlog", "gwent-1")].status == "not_recomputable"
    assert audit.loc[("upw_backlog", "west-sussex-1")].status == "disputed"
    assert set(audit.status) == {"consistent", "disputed", "not_recomputable"}


def test_audit_cli_lists_what_is_flagged(capsys):
    from pdukit.cli import main

    assert main(["audit"]) == 0
    out = capsys.readouterr().out
    assert "west-sussex-1" in out and "gwent-1" in out
    assert "11 consistent, 6 disputed, 18 not_recomputable" in out  # 14 scores only inside their rating's observed range
