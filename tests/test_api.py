"""The analyst's API: discoverable tables, answers to common questions in one call, exports that work."""

from __future__ import annotations

import pandas as pd
import pytest

import pdukit


def test_dir_lists_the_tables_and_a_typo_names_the_valid_ones(release):
    listed = dir(release)
    assert {"inspections", "ratings", "pdus", "staffing", "with_sources", "standard_ratings"} <= set(listed)
    with pytest.raises(AttributeError, match="did you mean inspections"):
        release.inspection  # noqa: B018 - the attribute access is the test
    with pytest.raises(pdukit.UnknownName, match="did you mean inspections"):  # one of pdukit's errors too
        release.inspection  # noqa: B018
    with pytest.raises(AttributeError, match=r"pdukit.compare_rounds\(release"):
        release.compare_rounds()  # the questions live in pdukit.analysis now


def test_top_level_exposes_what_an_analyst_needs():
    for name in ("load_release", "Release", "compare_rounds", "rating_shares", "pdu_coverage", "share_table", "spearman", "RATINGS", "REGIONS",
                 "ReleaseError", "UnknownName", "published_between", "diff_releases", "describe", "standard_counts"):
        assert hasattr(pdukit, name) and name in pdukit.__all__
    assert all(hasattr(pdukit, name) for name in pdukit.__all__)


def test_compare_rounds_orders_ratings_not_text(release):
    compared = pdukit.compare_rounds(release).set_index("pdu_id")
    assert len(compared) >= 14
    assert compared.loc["gateshead-and-south-tyneside", "change"] == "worse"  # the only Good, then Requires improvement
    assert compared.loc["essex-north", "change"] == "improved"
    assert compared.loc["swansea-neath-port-talbot", "change"] == "improved"
    assert compared.loc["hull-and-east-riding", "change"] == "not known"
    assert isinstance(compared.first_rating.dtype, pd.CategoricalDtype) and compared.first_rating.cat.ordered


def test_with_sources_gives_gwents_nine_2022_ratings_with_titles_and_links(release):
    gwent = release.with_sources(release.standard_ratings("gwent-1"))
    assert gwent.standard_label.astype(str).tolist()[:2] == ["1.1 Leadership", "1.2 Staff"]
    assert len(gwent) == 9 and gwent.source_title.notna().all()
    assert gwent.source_title.str.contains("Letter to the Regional Probation Director, Probation Service Wales region").all()
    assert gwent.source_link.str.contains("data/raw/seeds/002_e9634e9afcece682.txt").all()
    long = release.with_sources(release.standard_ratings("gwent-1"), long=True)
    assert len(long) > 9 and long.source_title.notna().all()
    web = release.with_sources(release.inspections[release.inspections.inspection_id == "gwent-2"])
    assert web.source_link.iloc[0].startswith("https://")


def test_rating_shares_have_n_and_intervals(release):
    shares = pdukit.rating_shares(release, "Inadequate").set_index("region")
    east_midlands = shares.loc["East Midlands"]
    assert (east_midlands.n, east_midlands["count"]) == (8, 6) and east_midlands.share == pytest.approx(0.75)
    assert east_midlands.low < 0.75 < east_midlands.high
    assert shares.n.sum() == release.inspections.overall_rating.notna().sum()


def test_pdu_coverage_against_the_register(release):
    coverage = pdukit.pdu_coverage(release).set_index("region")
    total = coverage.loc["England and Wales"]
    assert (total.pdus, total.current, total.inspected, total.never_inspected) == (112, 108, 65, 45)
    assert (total.merged, total.merged_inspected, total.merged_never_inspected) == (4, 2, 2)
    manchester = coverage.loc["Greater Manchester"]  # 8 current PDUs, 2 inspected: 6 never (not 8: 2 are merged)
    assert (manchester.current, manchester.current_inspected, manchester.never_inspected) == (8, 2, 6)
    assert (manchester.merged, manchester.merged_inspected, manchester.merged_never_inspected) == (3, 1, 2)


def test_exports_to_csv_and_excel(release, tmp_path):
    frame = pdukit.compare_rounds(release)
    frame.to_csv(tmp_path / "changes.csv", index=False)
    frame.to_excel(tmp_path / "changes.xlsx", index=False)
    back = pd.read_excel(tmp_path / "changes.xlsx")
    assert len(back) == len(frame) and "change" in back


def test_with_quotes_gives_the_words_behind_a_row(release):
    """Review 3: no helper gave the quotes behind a row; evidence.csv had to be filtered by hand."""
    tameside = release.staffing.query("inspection_id == 'tameside-1' and grade == 'spo'")
    quoted = release.with_quotes(tameside)
    assert quoted.quote_measure.tolist() == ["vacancy_rate:spo"] and quoted.value.tolist() == [47]
    assert "senior probation officer vacancy rate of 47 per cent in Tameside" in quoted.quote.iloc[0]
    london = pdukit.regional_staffing(release, as_of="2023-09").query("scope == 'London'")
    assert release.with_quotes(london).quote_value.tolist() == ["457"]  # the one figure of the written answer
    gwent = release.with_quotes(release.inspections.query("inspection_id == 'gwent-1'"))
    assert {"score", "overall_rating", "rating:court_work"} <= set(gwent.quote_measure)  # an inspection: all of it
    assert set(gwent[gwent.quote_measure == "score"].quote_value) == {"6"}
    unsourced = pd.DataFrame({"inspection_id": ["gwent-1"], "source_ids": ["no-such-source"]})
    assert release.with_quotes(unsourced).quote.isna().tolist() == [True]  # kept, with no quote: never dropped
    with pytest.raises(pdukit.UnknownName, match="'source_ids'"):
        release.with_quotes(tameside.drop(columns="source_ids"))
    with pytest.raises(pdukit.InvalidValue, match="needs a DataFrame"):
        release.with_quotes(tameside.source_ids)


def test_the_evidence_codes_are_documented():
    described = pdukit.describe("evidence").set_index("column")
    for code in ("rating:<standard>", "vacancy_rate:spo", "official:<measure>:<grade>", "other:<measure>",
                 "release.with_quotes"):
        assert code in described.at["measure", "note"], code
    assert "'national'" in described.at["subject", "note"]


def test_a_table_a_release_predates_says_when_it_came():
    old = pdukit.load_release("2026-11-22b")
    with pytest.raises(pdukit.NotInRelease, match="release 2026-11-22b has no official_staffing table; it was added "
                                                  "in release 2026-12-01"):
        old.official_staffing  # noqa: B018 - once "did you mean staffing?"
    assert not hasattr(old, "public_protection")  # still an AttributeError too
    with pytest.raises(AttributeError, match="official_staffing \\(from release 2026-12-01\\)"):
        old.offical_staffing  # noqa: B018
