"""The analyst's review of release 2026-12-01 (scratch/review-analyst/report.md): each case below was once a table of
zeros, an empty frame, a frame of mixed measures, a bare KeyError or an AttributeError, and is now a right answer or
an error naming what there is. Numbered as in the review."""

from __future__ import annotations

import datetime as dt
import inspect
import warnings

import pandas as pd
import pytest

import pdukit
from pdukit.analysis import measures, summaries
from pdukit.analysis.official import staffing_beside_outcomes
from pdukit.errors import (
    InvalidValue,
    MixedMeasuresError,
    NotARelease,
    NotInRelease,
    NotKnownLeftOut,
    PdukitError,
    ReleaseNotFound,
    UndatedLeftOut,
    UnknownName,
)

OLD = "2026-11-22b"  # the release before the official tables


@pytest.fixture(scope="module")
def old():
    return pdukit.load_release(OLD)


# --- 1. share_table: a table of zeros for 2021, "2" or a PDU's name ---------------------------------------------
@pytest.mark.parametrize("column, value, count", [("framework", 2021, 36), ("framework", "2021", 36),
                                                  ("round", "2", 43), ("round", 2, 43), ("round", 2.0, 43)])
def test_share_table_counts_a_value_typed_either_way(release, column, value, count):
    total = pdukit.share_table(release.inspections, "region", column, value, total="E&W").iloc[-1]
    assert (total.n, total["count"]) == (79, count)


def test_share_table_checks_a_column_with_no_vocabulary_against_its_own_values(release):
    with pytest.raises(UnknownName, match="'west-sussex'"):
        pdukit.share_table(release.inspections, "region", "pdu_id", "West Sussex")
    with pytest.raises(UnknownName, match="'1', '2'"):
        pdukit.share_table(release.inspections, "region", "round", 3)
    west_sussex = pdukit.share_table(release.inspections, "region", "pdu_id", "west-sussex", total="E&W").iloc[-1]
    assert west_sussex["count"] == 2


def test_share_table_never_gives_zeros_for_a_value_no_row_holds(release):
    with pytest.raises(NotInRelease, match="no row of the frame has overall_rating 'Outstanding'.*'Inadequate'"):
        pdukit.share_table(release.inspections, "region", "overall_rating", "Outstanding")
    with pytest.raises(UnknownName):  # NotInRelease is an UnknownName: one except catches every naming mistake
        pdukit.rating_shares(release, "Outstanding")
    with pytest.raises(InvalidValue):
        pdukit.share_table(release.inspections, "region", "overall_rating", None)


# --- 2. published_between on the inspections of public protection -----------------------------------------------
def test_published_between_dates_the_inspections_of_public_protection(release):
    protection = pdukit.public_protection_inspections(release)
    since = pdukit.published_between(release, "2025", frame=protection, warn=False)
    assert since.region.astype(str).tolist() == ["Kent, Surrey and Sussex"]  # published 2026-01-29
    assert since.attrs["undated_left_out"] == 4  # the other four have no date, and are not "no known inspection"
    statements = pdukit.public_protection(release, region="Kent, Surrey and Sussex")
    assert len(pdukit.published_between(release, "2026", frame=statements, warn=False)) == len(statements)


def test_published_between_counts_rows_about_no_inspection_apart_from_the_undated(release):
    staffing = release.staffing
    with pytest.warns(UndatedLeftOut, match="left out 10 with no known publication date and 15 about no inspection"):
        since = pdukit.published_between(release, "2024", frame=staffing)  # once 25 "undated", listed as 'None'
    regional = int(staffing.inspection_id.isna().sum())
    assert (since.attrs["undated_left_out"], since.attrs["no_inspection_left_out"]) == (10, regional) == (10, 15)
    assert "None" not in since.attrs["left_out"] and all(i in release.inspection_labels for i in since.attrs["left_out"])
    assert pdukit.published_between(release, "2024", warn=False).attrs["no_inspection_left_out"] == 0


def test_published_between_refuses_ids_that_are_no_inspection(release):
    with pytest.raises(UnknownName, match="'gwent-3'.*closest: 'gwent-2'"):
        pdukit.published_between(release, "2023", frame=pd.DataFrame({"inspection_id": ["gwent-1", "gwent-3"]}))


@pytest.mark.parametrize("start, says", [(pd.NaT, "missing date"), ("01/01/2024", "did you mean '2024-01-01'"),
                                         ("September 2023", "did you mean '2023-09'"),
                                         ("2023-9", "did you mean '2023-09'")])
def test_published_between_refuses_a_missing_or_foreign_date_with_the_format(release, start, says):
    with pytest.raises(InvalidValue, match=says):
        pdukit.published_between(release, start)


@pytest.mark.parametrize("typed, says", [
    ("12/31/2024", "'2024-12-31' \\(read month first, as in the US: 31 cannot be a month\\)"),  # once "day first"
    ("31/12/2024", "'2024-12-31' \\(read day first, as in the UK\\)"),
    ("05/06/2024", "'2024-06-05' \\(read day first, as in the UK; month first, as in the US, it is '2024-05-06'\\)"),
    ("2023/09", "did you mean '2023-09'\\?"), ("20230930", "did you mean '2023-09-30'\\?"),  # once no hint
    ("2024/01/02", "did you mean '2024-01-02'\\?")])  # year first: never read as 1 February
def test_a_date_in_another_order_is_read_as_written_and_the_hint_says_how(release, typed, says):
    with pytest.raises(InvalidValue, match=says):
        pdukit.published_between(release, typed)
    with pytest.raises(InvalidValue, match=says):
        pdukit.regional_staffing(release, as_of=typed)


def test_no_hint_for_what_is_no_date(release):
    for typed in ("2024-13", "13/13/2024", "since 2023"):
        with pytest.raises(InvalidValue) as raised:
            pdukit.published_between(release, typed)
        assert "did you mean" not in str(raised.value)


# --- 3. official staffing: empty frames for as_of, grade or scope -----------------------------------------------
@pytest.mark.parametrize("as_of", ["2023-09", "2023-09-30", dt.date(2023, 9, 30), pd.Timestamp("2023-09-01"), "2023"])
def test_regional_staffing_takes_a_month_a_day_or_a_date(release, as_of):
    # from release 2026-12-02 the year 2023 holds two dates (September and December), so the year names its series
    series = "regional_vacancies_answer_2024_01" if as_of == "2023" else None
    regions = pdukit.regional_staffing(release, as_of=as_of, series=series).set_index("scope")
    assert len(regions) == 12 and regions.vacancies_fte["London"] == 457


def test_a_year_holding_two_dates_of_regional_figures_is_refused_naming_both(release):
    with pytest.raises(MixedMeasuresError, match="regional_vacancies_answer_2024_01 .*2023-09.*"
                                                 "regional_vacancies_answer_2024_03 .*2023-12"):
        pdukit.regional_staffing(release, as_of="2023")


@pytest.mark.parametrize("as_of, says", [("September 2023", "expected YYYY, YYYY-MM or YYYY-MM-DD.*'2023-09'"),
                                         ("2023-9", "'2023-09'"), (pd.NaT, "missing date")])
def test_regional_staffing_refuses_a_date_in_another_format(release, as_of, says):
    with pytest.raises(InvalidValue, match=says):
        pdukit.regional_staffing(release, as_of=as_of)


def test_official_figures_that_do_not_exist_name_those_that_do(release):
    with pytest.raises(NotInRelease, match="grades with one .*at 2023-09.*: 'overall'"):
        pdukit.regional_staffing(release, grade="po")
    with pytest.raises(NotInRelease, match="dates with one .*'2022', '2023-09'"):
        pdukit.regional_staffing(release, as_of="2024")
    with pytest.raises(NotInRelease, match="scopes with one .*'England and Wales', 'East Midlands'"):
        pdukit.official_staffing(release, measure="caseload_avg", scope="London")
    with pytest.raises(UnknownName, match="'London'"):
        pdukit.official_staffing(release, scope="Londn")
    assert len(pdukit.official_staffing(release, measure="caseload_avg", scope="east midlands")) == 2  # any case


def test_staffing_series_says_what_undated_figures_it_leaves_out(release):
    with pytest.raises(NotInRelease, match="no date .*34 cases"):
        pdukit.staffing_series(release, "caseload_avg", "po", scope="East Midlands")  # once an empty frame
    with pytest.raises(NotInRelease, match="no date"):
        pdukit.staffing_series(release, "staff_in_post", "po", scope="Wales")  # 235, date not stated
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing dropped: no warning
        dated = pdukit.staffing_series(release, "caseload_avg", "po")
    assert dated.attrs["undated_left_out"] == 0 and len(dated) == 3


def test_staffing_series_warns_about_and_counts_the_undated_figures_it_drops(release, monkeypatch):
    official = release.official_staffing
    extra = official[(official.scope == "England and Wales") & (official.measure == "caseload_avg")].iloc[[0]].copy()
    extra[["as_of", "period_from"]] = pd.NA
    extra["as_of_start"] = pd.NaT
    extra["value"] = 40.0
    monkeypatch.setitem(release.tables._frames, "official_staffing", pd.concat([official, extra], ignore_index=True))
    with pytest.warns(UndatedLeftOut, match="kept 3 dated figures .* left out 1 with no date"):
        series = pdukit.staffing_series(release, "caseload_avg", "po")
    assert series.attrs["undated_left_out"] == 1 and series.attrs["left_out"] == ["wmt_caseload_answer_2024_09: 40 cases"]
    assert series.cases_per_practitioner.tolist() == [36.0, 37.1, 35.2]


# --- court teams only, under the generic staff_in_post and po_and_pso (review 3, defect 1) ------------------------
@pytest.mark.parametrize("call", [lambda r: pdukit.staffing_series(r, "staff_in_post", "po_and_pso"),
                                  lambda r: pdukit.staffing_series(r, "staff_in_post", "po_and_pso", scope="Wales"),
                                  lambda r: pdukit.official_staffing(r, measure="staff_in_post", scope="Wales", unit="fte")])
def test_court_team_figures_never_come_under_a_generic_name(release, call):
    with pytest.raises(NotInRelease, match="series courts_function_answer \\(court teams only.* measure "
                                           "'court_staff_in_post'"):
        call(release)  # once 1036.8 ... 1140.4 FTE (48.8 ... 79.7 in Wales): court staff as if the service's


def test_court_team_figures_say_courts_in_their_measure_column_and_label(release):
    from pdukit.dataset import vocabulary as v

    wales = pdukit.staffing_series(release, "court_staff_in_post", "po_and_pso", scope="Wales")
    assert wales.court_staff_in_post_fte.tolist() == [48.8, 56.4, 54.3, 53.7, 52.4, 56.5, 64.0, 79.7]
    assert "court teams" in v.OFFICIAL_MEASURES["court_staff_in_post"].label
    figures = release.official_staffing
    court_only = figures.definition.str.contains("court", case=False)
    assert court_only.any() and (figures[court_only].measure == "court_staff_in_post").all()
    assert not figures[figures.measure == "staff_in_post"].definition.str.contains("court", case=False).any()
    published = pd.read_csv(release.path / "official_staffing.csv")  # the release's file keeps the published code
    assert set(published[published.series == "courts_function_answer"].measure) == {"staff_in_post"}
    quotes = release.evidence[release.evidence.source_ids == "parliament-wq-48157"]  # their quotes follow
    assert len(quotes) == 16 and set(quotes.measure) == {"official:court_staff_in_post:po_and_pso"}


def test_official_staffing_says_how_it_is_sorted_and_which_series_it_holds(release):
    """Review 3: the docstring said 'sorted by scope, measure and date', but 2022-09 came before 2020-06."""
    po = pdukit.official_staffing(release, measure="staff_in_post", grade="po", scope="England and Wales", unit="fte")
    assert po.attrs["series"] == list(dict.fromkeys(po.series.astype(str))) and len(po.attrs["series"]) == 5
    assert "hmpps_workforce_nps_2020" in po.attrs["series"]  # from before unification, in the same column
    for _, one in po.groupby(po.series.astype(str)):
        assert one.as_of_start.is_monotonic_increasing  # in date order within a series, not across them
    assert not po.as_of_start.is_monotonic_increasing
    doc = " ".join(pdukit.official_staffing.__doc__.split())
    assert "measure, grade and series, and by date within a series" in doc and 'attrs["series"]' in doc


# --- 4. standard ratings of a PDU whose inspections have none ---------------------------------------------------
def test_standard_ratings_say_which_inspections_have_none(release):
    sheffield = release.standard_ratings("Sheffield")  # inspected twice, no standard rating in any source
    assert sheffield.inspection_id.tolist() == ["sheffield-1", "sheffield-2"] and sheffield.rating.isna().all()
    assert sheffield.note.str.contains("no standard ratings").all()
    assert sheffield.attrs["without_ratings"] == ["sheffield-1", "sheffield-2"]
    assert release.with_sources(sheffield).source_title.notna().all()  # the pages that were read
    gwent = release.standard_ratings("Gwent")
    assert gwent.inspection.drop_duplicates().tolist() == ["Gwent (2022)", "Gwent (2025)"]
    assert gwent.attrs["without_ratings"] == ["gwent-2"]
    assert release.standard_ratings("Gwent", unrated=False).inspection_id.unique().tolist() == ["gwent-1"]
    everything = release.standard_ratings()
    assert everything.rating.notna().sum() == len(release.ratings) and len(everything.attrs["without_ratings"]) == 54


def test_standard_counts_raise_for_nothing_known_and_warn_for_a_part(release):
    with pytest.raises(NotInRelease, match="sheffield-1 .*sheffield-2 .*no source gives them"):
        pdukit.standard_counts(release, "Sheffield")  # once an empty table
    with pytest.warns(NotKnownLeftOut, match="counted 1 of 2 inspections; gwent-2 .* has no standard ratings"):
        gwent = pdukit.standard_counts(release, "Gwent")
    assert gwent.n.sum() == 9 and gwent.attrs["without_ratings"] == ["gwent-2"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdukit.standard_counts(release, "Gwent", warn=False)
        everything = pdukit.standard_counts(release)  # every inspection: listed, not warned about
    assert len(everything.attrs["without_ratings"]) == 54


def test_a_region_given_as_a_pdu_says_it_is_a_region(release):
    with pytest.raises(UnknownName, match="'London' is a region, not a PDU"):
        release.standard_ratings("London")
    with pytest.raises(UnknownName, match="is a region"):
        pdukit.standard_counts(release, "greater manchester")


# --- 5. official figures of different measures never share a column ---------------------------------------------
def test_official_figures_of_one_measure_are_in_a_column_named_for_it(release):
    caseload = pdukit.official_staffing(release, measure="caseload_avg", grade="po", scope="England and Wales")
    workload = pdukit.official_staffing(release, measure="workload_pct")
    assert "value" not in caseload and "value" not in workload
    assert caseload.attrs["measure"] == "caseload_avg" and caseload.attrs["unit"] == "cases"
    both = pd.concat([caseload, workload])
    assert both.cases_per_practitioner.dropna().tolist() == [36.0, 37.1, 35.2]
    assert both.workload_pct_of_capacity.dropna().tolist() == [120.0, 117.0]
    assert measures.value_column("caseload_avg") == "cases_per_practitioner"  # the staffing table's column too
    assert measures.value_column("vacancies", "fte") == "vacancies_fte"
    with pytest.raises(InvalidValue, match="several units.*'fte'"):
        measures.value_column("vacancies")  # once "unknown staffing measure"


def test_several_official_measures_only_in_the_long_form_asked_for(release):
    with pytest.raises(MixedMeasuresError, match="10 measures or units: .*caseload_avg \\(cases.*long=True"):
        pdukit.official_staffing(release, grade="po")
    with pytest.raises(MixedMeasuresError, match="vacancies \\(fte.*vacancies \\(headcount"):
        pdukit.official_staffing(release, measure="vacancies")
    long = pdukit.official_staffing(release, grade="po", long=True)
    assert {"value", "measure", "unit"} <= set(long.columns) and "measure" not in long.attrs
    assert long[["measure", "unit"]].drop_duplicates().shape[0] == 10


def test_require_same_measure_refuses_two_official_measures_and_names_an_untagged_frame(release):
    caseload = pdukit.official_staffing(release, measure="caseload_avg")
    workload = pdukit.official_staffing(release, measure="workload_pct")
    with pytest.raises(MixedMeasuresError, match="'caseload_avg' \\(in cases_per_practitioner\\), 'workload_pct'"):
        measures.require_same_measure(caseload, workload)  # once "different measures: ['None']"
    with pytest.raises(MixedMeasuresError, match="untagged frame \\(frame 2 of 2"):
        measures.require_same_measure(caseload, release.staffing)
    assert measures.require_same_measure(caseload, measures.staffing_measure(release, "caseload_avg")) == "caseload_avg"
    fte = pdukit.official_staffing(release, measure="vacancies", unit="fte")
    headcount = pdukit.official_staffing(release, measure="vacancies", unit="headcount")
    with pytest.raises(MixedMeasuresError, match="vacancies_fte.*vacancies_headcount"):
        measures.require_same_measure(fte, headcount)


def test_figures_both_tables_hold_are_marked(release):
    east_midlands = pdukit.official_staffing(release, measure="caseload_avg", scope="East Midlands")
    assert east_midlands.also_in_staffing.all()  # the BBC's 34 and 41, also region-wide rows of staffing
    assert not pdukit.regional_staffing(release).also_in_staffing.any()


# --- 6. a release before the official tables -----------------------------------------------------------------------
@pytest.mark.parametrize("call, table", [
    (lambda r: pdukit.staffing_series(r, "staff_in_post", "po"), "official_staffing"),  # once KeyError 'as_of_start'
    (lambda r: pdukit.official_staffing(r, measure="vacancies"), "official_staffing"),
    (lambda r: pdukit.official_series(r), "official_staffing"),
    (lambda r: pdukit.regional_staffing(r), "official_staffing"),
    (lambda r: pdukit.public_protection(r), "public_protection"),
    (lambda r: pdukit.public_protection_inspections(r), "regional_inspections")])
def test_a_release_before_the_official_tables_says_which_table_and_when_it_came(old, call, table):
    with pytest.raises(NotInRelease, match=f"release 2026-11-22b has no {table} table; it was added in 2026-12-01"):
        call(old)


def test_the_reports_ask_first_and_keep_working_on_an_older_release(old, release):
    assert not pdukit.has_official(old) and pdukit.has_official(release)
    assert pdukit.has_official(release, "public_protection") and not pdukit.has_official(old, "regional_inspections")
    with pytest.raises(NotInRelease, match="release 2026-11-22b has no official_staffing table"):
        staffing_beside_outcomes(old)  # once an empty frame, against the promise of never an empty table
    assert len(staffing_beside_outcomes(release)) == 12
    from pdukit.narrative import mainpoints

    assert mainpoints.official_point(old) is None and mainpoints.official_point(release) is not None
    assert mainpoints.national(old) and mainpoints.region(old, "Wales")


# --- 7. what a release changed: with its sources, counted by row ------------------------------------------------
def test_a_diff_keeps_the_sources_of_both_sides(release):
    diff = pdukit.diff_releases(OLD, release)
    looked = release.with_sources(diff)  # once UnknownName: no source_ids
    assert len(looked) == len(diff) and looked.source_title.notna().all()
    assert (diff.source_ids.fillna("") != "").all()
    removed = diff[(diff.table == "ratings") & (diff.change == "removed")].iloc[0]
    assert (removed.old_source_ids, removed.new_source_ids, removed.source_ids) == ("web-bf545b", "", "web-bf545b")
    changed = diff[(diff.table == "inspections") & (diff.change == "changed")]
    assert changed.old_source_ids.notna().all() and changed.new_source_ids.notna().all()


def test_a_diff_counted_by_row_matches_the_command_line(capsys):
    from pdukit.cli import main

    release = pdukit.load_release("2026-12-01")  # the release this review read: its counts stay true as releases follow
    rows = pdukit.diff_releases(OLD, release, rows=True)
    by_row = rows.groupby(["table", "change"], observed=True).size()
    assert by_row[("inspections", "changed")] == 25 and by_row[("sources", "changed")] == 179  # the cells: 50, 393
    summary = pdukit.diff_summary(OLD, release.version)
    assert main(["diff", OLD, release.version, "--summary"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed == [f"{r.table}: {r.added} added, {r.changed} changed, {r.removed} removed"
                       for r in summary.itertuples()]
    assert (summary.set_index("table")[["added", "changed", "removed"]].stack()[lambda s: s > 0]
            .rename_axis(["table", "change"]).sort_index().to_dict() == by_row.sort_index().to_dict())
    assert release.with_sources(summary).source_title.notna().all()
    with pytest.raises(InvalidValue, match="rows must be True or False"):
        pdukit.diff_releases(OLD, release, rows="yes")


# --- 8. a rank correlation of a category ------------------------------------------------------------------------
def test_spearman_refuses_ratings_and_says_to_rank_them(release):
    joined = pdukit.staffing_outcomes(release)
    with pytest.raises(InvalidValue, match="y is not numeric.*use rating_rank"):
        pdukit.spearman(joined.po, joined.overall_rating)  # once "n = 0 is below the minimum of 8"
    with pytest.raises(InvalidValue, match="x is not numeric"):
        pdukit.spearman(joined.overall_rating.astype(object), joined.po)
    assert pdukit.spearman(joined.po, joined.rating_rank).n == 16


# --- 9. flags and regions ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("call", [
    lambda r: pdukit.staffing_measure(r, "caseload_avg", pdu_level="False"),
    lambda r: pdukit.staffing_measure(r, "caseload_avg", pdu_level="yes"),
    lambda r: pdukit.rating_shares(r, latest_only="no"),
    lambda r: pdukit.rating_shares(r, total="True"),
    lambda r: pdukit.published_between(r, "2023", warn="no"),
    lambda r: pdukit.official_staffing(r, long="yes"),
    lambda r: r.standard_ratings("Gwent", unrated="no"),
    lambda r: r.with_sources(r.ratings, long="no"),
    lambda r: pdukit.load_release(validate="no")])
def test_a_flag_given_as_text_is_refused(release, call):
    with pytest.raises(InvalidValue, match="must be True"):
        call(release)


def test_every_region_argument_is_resolved(release):
    london = summaries.never_inspected(release, "london")  # once 0 rows
    assert len(london) > 0 and set(london.region.astype(str)) == {"London"}
    with pytest.raises(UnknownName, match="'London'"):
        summaries.never_inspected(release, "Londn")
    with pytest.raises(NotInRelease, match="no dynamic inspection of public protection in London.*'Kent, Surrey"):
        pdukit.public_protection(release, region="London")  # once an empty frame
    assert len(pdukit.public_protection(release, region="south west")) > 0


def test_the_other_names_a_function_takes_are_checked_too(release):
    from pdukit.analysis.audit import rules_sources

    with pytest.raises(UnknownName, match="'source_ids'"):
        pdukit.unlinked_only(release, release.ratings, column="sources_ids")  # once a bare KeyError
    with pytest.raises(UnknownName, match="'rule_bands'"):
        rules_sources(release, "rule_band", "2021")


# --- 11. messages ----------------------------------------------------------------------------------------------------
def _takes_release():
    import importlib
    import pkgutil

    import pdukit.analysis

    for info in pkgutil.iter_modules(pdukit.analysis.__path__):
        module = importlib.import_module(f"pdukit.analysis.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            parameters = list(inspect.signature(function).parameters)
            if function.__module__ == module.__name__ and not name.startswith("_") and parameters[:1] == ["release"]:
                yield name, function


TAKES_RELEASE = sorted(_takes_release())


@pytest.mark.parametrize("name, function", TAKES_RELEASE, ids=[n for n, _ in TAKES_RELEASE])
def test_every_function_of_a_release_refuses_something_else(name, function):
    needed = [p for p in list(inspect.signature(function).parameters.values())[1:] if p.default is inspect.Parameter.empty]
    with pytest.raises(NotARelease, match=r"pass a Release: release = pdukit.load_release\(\)"):
        function("Inadequate", *[None] * len(needed))


def test_a_forgotten_release_is_a_clear_error():
    assert len(TAKES_RELEASE) > 30
    with pytest.raises(NotARelease, match="rating_shares\\(\\) takes a Release .*not str 'Inadequate'"):
        pdukit.rating_shares("Inadequate")
    with pytest.raises(PdukitError, match="pdukit.load_release\\('latest'\\)"):
        pdukit.compare_rounds("latest")


@pytest.mark.parametrize("spec", ["Latest", "LATEST", " latest "])
def test_latest_in_any_case(spec, release):
    assert pdukit.load_release(spec).version == release.version


def test_a_release_that_is_not_a_name_names_the_releases():
    with pytest.raises(ReleaseNotFound, match="2026 \\(int\\) is not a release name.*2026-11-22b"):
        pdukit.load_release(2026)
    with pytest.raises(UnknownName, match="closest: '2026-11-22'"):  # README: a mistyped release is an UnknownName
        pdukit.load_release("2026-11-23")
    with pytest.raises(ReleaseNotFound, match="closest: 'latest'"):
        pdukit.load_release("lastest")


# --- 10. the docs say what the code does ----------------------------------------------------------------------------
def _python_blocks(path) -> list[str]:
    import re

    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def test_the_readme_and_api_examples_run():
    from conftest import ROOT

    blocks = [_python_blocks(ROOT / "README.md")[0], _python_blocks(ROOT / "docs" / "api.md")[0]]
    assert "pdukit.official_staffing(" in blocks[0] and "pdukit.regional_staffing(" in blocks[1]
    for block in blocks:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UndatedLeftOut)
            exec(compile(block, "<docs>", "exec"), {})


def test_the_api_docs_list_every_function_and_the_new_tables():
    from conftest import ROOT

    api, readme = (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), (ROOT / "README.md").read_text(encoding="utf-8")
    functions = [n for n in pdukit.__all__ if callable(getattr(pdukit, n)) and not inspect.isclass(getattr(pdukit, n))]
    missing = [n for n in functions if f"`{n}(" not in api and f"pdukit.{n}(" not in api]
    assert missing == [], f"docs/api.md does not list {missing}"
    official = ["official_staffing", "official_series", "staffing_series", "regional_staffing", "public_protection",
                "public_protection_inspections", "unlinked_only", "has_official"]
    python = readme[readme.index("In Python"):readme.index("## How it is built")]
    assert [n for n in official if f"pdukit.{n}(" not in python] == []
    for table in ("official_staffing", "regional_inspections", "public_protection", "rule_frameworks"):
        assert f"`{table}`" in api and f"`{table}`" in python, table


def test_the_rating_shares_example_gives_the_releases_numbers(release):
    import re

    said = re.search(r"England and Wales, (\d+) of (\d+)", summaries.rating_shares.__doc__)
    total = pdukit.rating_shares(release, "Inadequate", total=True).iloc[-1]
    assert said and (int(said.group(1)), int(said.group(2))) == (total["count"], total.n) == (39, 78)


def test_start_here_exports_outside_the_repository_by_default():
    import jupytext

    from conftest import ROOT

    notebook = jupytext.read(ROOT / "notebooks" / "start-here.py")
    cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    namespace: dict = {}
    exec(cell.source, namespace)
    target = (ROOT / "notebooks" / pdukit.paths.Path(namespace["export_dir"]).expanduser()).resolve()  # it runs there
    assert not target.is_relative_to(ROOT.resolve()), f"start-here writes into the repository: {target}"
