"""Release 2026-12-01: official staffing as its own dated series, the 2025-26 dynamic inspections of public
protection under their own framework, publication days and frameworks, and sources a reader can follow. Release
2026-12-02: vacancies at December 2023 and a second count of staff in post (written answer of 20 March 2024),
readable titles for the register's sources, and facts resting only on a mirror said to be so."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlparse

import pandas as pd
import pytest

import pdukit
from pdukit import REGIONS, load_release
from pdukit.dataset.sources import split_ids
from pdukit.errors import MixedMeasuresError, NotInRelease, UnknownName

VERSION = "2026-12-01"


@pytest.fixture(scope="module")
def release():
    return load_release(VERSION)


# --- official staffing -----------------------------------------------------------------------------------------
def test_london_had_457_fte_vacancies_in_september_2023(release):
    regions = pdukit.regional_staffing(release, as_of="2023-09").set_index("scope")
    london = regions.loc["London"]
    assert (london.vacancies_fte, london.unit, london.grade) == (457, "fte", "overall")
    assert "parliament-wq-10822" in london.source_ids


def test_all_12_regions_have_an_official_figure_at_september_2023(release):
    regions = pdukit.regional_staffing(release, as_of="2023-09")
    assert list(regions.scope.astype(str)) == list(REGIONS)
    assert regions.series.nunique() == 1 and regions.vacancies_fte.notna().all()
    gm = regions.set_index("scope").loc["Greater Manchester"]
    assert gm.vacancies_fte == 0 and "as printed" in gm.note  # a printed 0 is kept, and said to be as printed


def test_one_wmt_caseload_year(release):
    caseload = pdukit.staffing_series(release, "caseload_avg", "po")
    year = caseload[(caseload.period_from == "2022-07") & (caseload.as_of == "2023-06")]
    assert year.cases_per_practitioner.tolist() == [37.1] and year.unit.tolist() == ["cases"]
    assert caseload.cases_per_practitioner.tolist() == [36.0, 37.1, 35.2]


def test_an_england_and_wales_series_of_at_least_four_dates(release):
    series = pdukit.official_series(release, scope="England and Wales")
    assert (series.n >= 4).any()
    courts = pdukit.staffing_series(release, "court_staff_in_post", "po_and_pso", series="courts_function_answer")
    assert len(courts) == 8 and courts.as_of.is_monotonic_increasing and courts.as_of.is_unique


def test_series_of_different_vintages_or_definitions_are_never_joined_silently(release):
    with pytest.raises(MixedMeasuresError, match="hmpps_workforce_2022_23.*hmpps_workforce_2024_25"):
        pdukit.staffing_series(release, "staff_in_post", "po")
    old = pdukit.staffing_series(release, "staff_in_post", "po", series="hmpps_workforce_2022_23").set_index("as_of")
    assert old.loc["2023-06-30", "staff_in_post_fte"] == 4418
    new = pdukit.staffing_series(release, "staff_in_post", "po", series="hmpps_workforce_2024_25").set_index("as_of")
    assert new.loc["2024-06-30", "staff_in_post_fte"] == 5160 and "Revised vintage" in new.loc["2024-06-30", "note"]
    nps = pdukit.staffing_series(release, "staff_in_post", "po", series="hmpps_workforce_nps_2020")
    assert nps.note.str.contains("before unification").all()


def test_a_count_is_a_count_and_no_rate_is_computed(release):
    figures = pdukit.official_staffing(release, long=True)
    rates = figures[figures.measure.isin(["vacancy_rate", "pct_of_target_in_post", "leaving_rate", "workload_pct"])]
    assert (rates.unit == "percent").all()
    assert set(figures[figures.measure == "vacancies"].unit) <= {"fte", "headcount", "count", "unstated"}
    # the only vacancy rate is the one a source printed (Police Oracle, 29%)
    assert figures[figures.measure == "vacancy_rate"].value.tolist() == [29]


def test_second_hand_figures_are_marked(release):
    workload = pdukit.official_staffing(release, measure="workload_pct", long=True)
    assert workload.note.str.contains("Second-hand").all()
    kinds = release.sources.set_index("source_id").kind
    assert kinds["channel4-factcheck-probation-capacity"] == "news" and kinds["parliament-wq-10822"] == "official"


def test_every_official_figure_has_its_quote_in_the_evidence(release):
    evidence = release.evidence[release.evidence.fact_id.str.startswith("official-")]
    for row in pdukit.official_staffing(release, long=True).itertuples():
        quotes = evidence[(evidence.subject == row.scope) & (evidence.measure == f"official:{row.measure}:{row.grade}")
                          & evidence.source_ids.isin(row.source_ids.split(";"))]
        assert len(quotes) and quotes.quote.str.len().gt(0).all(), row


def test_arguments_are_checked_against_the_vocabulary(release):
    with pytest.raises(UnknownName, match="'vacancies'"):
        pdukit.official_staffing(release, measure="vacancy")
    with pytest.raises(UnknownName, match="London"):
        pdukit.official_staffing(release, scope="Londn")


def test_a_release_before_the_tables_says_so_and_the_reports_can_ask_first():
    old = load_release("2026-11-22b")
    assert not pdukit.has_official(old) and pdukit.has_official(load_release(VERSION))
    with pytest.raises(NotInRelease, match="release 2026-11-22b has no official_staffing table; it was added in 2026-12-01"):
        pdukit.official_staffing(old)
    with pytest.raises(NotInRelease, match="no public_protection table"):
        pdukit.public_protection(old)
    from pdukit.analysis.official import staffing_beside_outcomes

    with pytest.raises(NotInRelease, match="no official_staffing table"):
        staffing_beside_outcomes(old)  # once an empty frame: the reports ask has_official first


# --- the dynamic inspections of public protection ----------------------------------------------------------------
def test_kent_surrey_and_sussex_dynamic_inspection(release):
    inspections = pdukit.public_protection_inspections(release).set_index("region")
    kss = inspections.loc["Kent, Surrey and Sussex"]
    assert (kss.cases_inspected, kss.report_number, kss.published, kss.framework) == (56, 1, "2026-01-29",
                                                                                    "2025-public-protection")
    assert inspections.cases_inspected.to_dict() == {"Kent, Surrey and Sussex": 56, "South Central": 56,
                                                     "South West": 64, "Greater Manchester": 72, "West Midlands": 84}


def test_shares_are_numbers_only_where_printed(release):
    cases = pdukit.public_protection(release, kind="case_quality")
    printed = cases[cases.pct.notna()]
    assert printed[["region", "topic", "pct", "counted"]].astype(str).values.tolist() == [
        ["West Midlands", "keeping_safe", "49.0", "assignments"]]
    words = cases[cases.pct.isna()]
    assert words.value_text.notna().all()  # the rest stay the source's words
    kss = cases[cases.region == "Kent, Surrey and Sussex"].set_index("topic").value_text
    assert kss["assessment"] == "less than half the cases"
    staffing = pdukit.public_protection(release, region="Kent, Surrey and Sussex", kind="staffing").set_index("topic")
    assert "just under two-thirds" in staffing.loc["po_target_staffing", "value_text"]


def test_the_public_protection_framework_is_never_a_pdu_inspections(release):
    assert "2025-public-protection" not in set(release.inspections.framework.dropna().astype(str))
    assert "2025-public-protection" not in pdukit.dataset.schema.TABLES["inspections"].column("framework").allowed
    assert set(release.regional_inspections.framework) == {"2025-public-protection"}


# --- dates and frameworks ----------------------------------------------------------------------------------------
def test_lewisham_and_bromley_is_dated_to_the_day_and_the_blogs_date_is_kept(release):
    row = release.inspections.set_index("inspection_id").loc["lewisham-and-bromley-1"]
    assert row.published == "2022-11-23" and "web-3a34f2" in row.published_source_ids
    d = release.disagreements
    other = d[(d.key == "lewisham-and-bromley-1") & (d.field == "published")]
    assert other[["value", "other_value"]].values.tolist() == [["2022-11-23", "2022-11-24"]]
    assert "Police Oracle" in other.resolution.iloc[0]


def test_every_inspection_has_a_framework_from_a_rule_kept_as_data(release):
    inspections = release.inspections
    assert inspections.framework.notna().all()
    undated = inspections[inspections.published.isna()]
    assert set(undated[undated["round"] == 2].framework) == {"2023"}
    rules = release.rule_frameworks
    by_round = {(int(r.round), "" if pd.isna(r.published_year) else r.published_year): r.framework for r in rules.itertuples()}
    assert by_round == {(1, ""): "2021", (2, "2024"): "2024", (2, "2025"): "2025", (2, ""): "2023"}
    assert rules.source_ids.notna().all()


def test_the_three_defects(release):
    ratings = release.ratings
    assert ratings[(ratings.inspection_id == "bedfordshire-2") & (ratings.standard == "planning")].empty
    d = release.disagreements
    assert set(d[d.key == "bedfordshire-2|planning"].other_value) == {"Inadequate", "Requires improvement"}
    lincs = release.inspections.set_index("inspection_id").loc["east-and-west-lincolnshire-2"]
    assert pd.isna(lincs.score) and pd.isna(lincs.score_max) and "2/25" in lincs.note
    words = release.findings[(release.findings.inspection_id == "east-and-west-lincolnshire-2")
                             & (release.findings.measure == "published_score_text")]
    assert words.value_text.tolist() == ["2/25"] and words.value.isna().all()


# --- sources a reader can follow ---------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def looks_like_an_address(title: str, url: str) -> bool:
    """A title made from a web address: an id or fragment, a query, or a URL segment with its hyphens turned into
    spaces and nothing a headline has (capitals, quotes, punctuation)."""
    title = title.strip()
    if re.search(r"\?[A-Za-z]+=|\.html?\b|https?://|www\.|\bnode/", title) or " " not in title:
        return True
    if not re.match(r"^[a-z]+://", url or ""):
        return False
    parts = urlparse(url)
    segments = [p for p in parts.path.split("/") if p] + [v for _, v in parse_qsl(parts.query)] + [parts.netloc]
    for segment in segments:
        words = _norm(segment.replace("-", " ").replace("_", " "))
        if _norm(title) in (words, re.sub(r"^\d+ | \d+$", "", words)) and re.fullmatch(r".[a-z0-9 .]*", title):
            return True
    return False


def test_no_source_title_looks_like_a_slug_or_an_address_fragment(release):
    slugs = [(r.source_id, r.title) for r in release.sources.itertuples() if looks_like_an_address(r.title, r.url)]
    assert slugs == []


def test_the_slug_check_catches_what_the_earlier_release_had():
    old = load_release("2026-11-22b").sources
    caught = {r.source_id for r in old.itertuples() if looks_like_an_address(r.title, r.url)}
    assert {"bbc-07c4bf", "hmip-28cc5c", "napo-d27296", "hmip-280dab"} <= caught  # Cljy1r9xn2go, Kyathpdu2024, 1812
    assert not looks_like_an_address("Probation service for Cumbria ‘Requires improvement’",
                                     "https://hmiprobation.justiceinspectorates.gov.uk/news/probation-service-for-cumbria-requires-improvement")


def test_seeds_are_cited_by_their_own_title_author_date_and_public_address(release):
    seeds = release.sources.set_index("source_id").loc[["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"]]
    assert seeds.loc["seed-000", ["title", "author"]].tolist() == ["Response to HMIP Reports", "Peter Brandt"]
    assert seeds.loc["seed-001", "url"] == "http://probationmatters.blogspot.com/2022/10/inspection-scores-zero.html"
    assert seeds.loc["seed-001", "linked"] and seeds.loc["seed-001", "copy"] == "seed:001_ea4e4f16e45084c1.txt"
    assert not seeds.drop("seed-001").linked.any() and seeds["copy"].notna().all()
    assert release.sources.title.notna().all() and release.sources.publisher.notna().all()


def test_values_resting_only_on_unlinked_documents_are_marked(release):
    ratings = release.ratings
    only = pdukit.unlinked_only(release, ratings)
    tameside = ratings[(ratings.inspection_id == "tameside-1")]
    assert only[tameside.index].all()  # transcribed from the unlinked regional letter (seed 004) alone
    hfkcw = ratings[ratings.inspection_id == "hammersmith-fulham-kensington-chelsea-and-westminster-1"]
    assert not only[hfkcw.index].any()  # seed 001 has a public address
    assert 0 < only.sum() < len(ratings)


# --- release 2026-12-02 ----------------------------------------------------------------------------------------
ANSWER_2024_03 = "parliament-wq-2024-03-20-vacancies"


@pytest.fixture(scope="module")
def december():
    return load_release("2026-12-02")


def test_london_had_463_fte_vacancies_in_december_2023(december):
    london = pdukit.regional_staffing(december, as_of="2023-12").set_index("scope").loc["London"]
    assert (london.vacancies_fte, london.unit, london.grade) == (463, "fte", "overall")
    assert london.series == "regional_vacancies_answer_2024_03" and london.source_ids == ANSWER_2024_03
    answer = december.sources.set_index("source_id").loc[ANSWER_2024_03]
    assert (answer.published, answer.author, answer.kind) == ("2024-03-20", "Edward Argar", "official")


def test_greater_manchester_had_15_fte_vacancies_in_december_2023_and_only_the_stored_regions_are_held(december):
    regions = pdukit.regional_staffing(december, as_of="2023-12").set_index("scope").vacancies_fte
    assert regions.to_dict() == {"North East": 50, "Greater Manchester": 15, "East Midlands": 21,
                                 "East of England": 277, "London": 463, "Kent, Surrey and Sussex": 121}
    september = pdukit.regional_staffing(december, as_of="2023-09").set_index("scope")  # unchanged, its own series
    assert september.loc["Greater Manchester", "vacancies_fte"] == 0 and len(september) == 12
    assert set(september.series) == {"regional_vacancies_answer_2024_01"}
    with pytest.raises(MixedMeasuresError, match="regional_vacancies_answer_2024_01.*regional_vacancies_answer_2024_03"):
        pdukit.regional_staffing(december, as_of="2023")  # two dates and series never side by side


def test_the_two_counts_of_staff_in_post_at_31_december_2023_stay_apart(december):
    figures = pdukit.official_staffing(december, measure="staff_in_post", grade="overall", scope="England and Wales",
                                       as_of="2023-12-31")
    assert dict(zip(figures.series, figures.staff_in_post_fte, strict=True)) == {"data_justice": 20477,
                                                                                 "written_answer_2024_03": 20806}
    answer = figures.set_index("series").loc["written_answer_2024_03"]
    assert "Approved Premises" in answer.definition and "20,477" in answer.note
    with pytest.raises(MixedMeasuresError, match="data_justice.*written_answer_2024_03"):
        pdukit.staffing_series(december, "staff_in_post", "overall", as_of="2023-12-31")


def test_register_sources_are_titled_by_what_they_hold(december):
    register = december.sources[december.sources.url.str.contains("hmpps-probation-estate-api")].set_index("source_id")
    assert len(register) == 16 and register.title.str.startswith("Ministry of Justice probation estate register").all()
    assert not register.title.str.contains(r"migration|V1\.|onboard", case=False).any()
    assert register.loc["moj-8a5cc8", "title"] == ("Ministry of Justice probation estate register (HMPPS Probation "
                                                    "Estate API): North West and Greater Manchester PDUs")
    earlier = load_release(VERSION).sources.set_index("source_id")  # the earlier release keeps its titles
    assert earlier.loc["moj-8a5cc8", "title"] == "HMPPS probation estate register, migration V1.15: onboard manchester north west"
    assert not december.sources.title.str.contains("#").any()


def test_facts_resting_only_on_a_mirror_stay_and_say_so(december):
    mirrors = set(december.sources[december.sources.url.str.contains("snackydog|daily8|bbctodays")].source_id)
    for table in ("findings", "case_quality", "public_protection"):
        frame = december.tables[table]
        only = frame[frame.source_ids.map(lambda cell: set(split_ids(cell)) <= mirrors)]
        assert len(only) and only.note.str.contains("Single weak source").all(), table
    north_tyneside = december.inspections.set_index("inspection_id").loc["north-tyneside-and-northumberland-2"]
    assert north_tyneside.published == "2025-07-31" and "web-b5c0d2" in north_tyneside.published_source_ids
    assert "the North East region's window" in north_tyneside.note
