"""The latest release holds the real, sourced figures the seeds and harvested pages state."""

from __future__ import annotations

import pandas as pd

from pdukit.dataset.schema import REGIONS, tables_for
from pdukit.dataset.validate import validate_release


def inspection(release, inspection_id):
    rows = release.inspections[release.inspections.inspection_id == inspection_id]
    assert len(rows) == 1, inspection_id
    return rows.iloc[0]


def rating(release, inspection_id, standard):
    r = release.ratings
    return r[(r.inspection_id == inspection_id) & (r.standard == standard)].iloc[0]["rating"]


def test_latest_release_is_valid(release):
    assert validate_release(release.path) == []


def test_gwent_2022_scored_6_of_27_requires_improvement_with_outstanding_court_work(release):
    gwent = inspection(release, "gwent-1")
    assert (gwent.score, gwent.score_max, gwent.overall_rating) == (6, 27, "Requires improvement")
    assert gwent.published == "2022-02"
    assert rating(release, "gwent-1", "court_work") == "Outstanding"


def test_hfkcw_scored_zero(release):
    row = inspection(release, "hammersmith-fulham-kensington-chelsea-and-westminster-1")
    assert (row.score, row.score_max, row.overall_rating) == (0, 27, "Inadequate")


def test_tameside_spo_vacancy_47_and_gm_regional_figures(release):
    s = release.staffing
    tameside = s[(s.inspection_id == "tameside-1") & (s.measure == "vacancy_rate") & (s.grade == "spo")]
    assert tameside.value.tolist() == [47]
    gm = s[s.inspection_id.isna() & (s.region == "Greater Manchester")].set_index(["measure", "grade"]).value
    assert gm[("caseload_avg", "po")] == 38 and gm[("workload_pct", "po")] == 137 and gm[("vacancy_rate", "po")] == 24


def test_negative_vacancy_is_kept(release):
    s = release.staffing
    snpt = s[(s.inspection_id == "swansea-neath-port-talbot-1") & (s.measure == "vacancy_rate")].set_index("grade").value
    assert snpt.to_dict() == {"po": -4, "pso": -8, "spo": -6}


def test_at_least_70_rated_inspections_across_all_12_regions(release):
    rated = release.inspections.dropna(subset=["overall_rating"])
    assert len(rated) >= 70
    assert set(rated.region.astype(str)) == set(REGIONS)


def test_pdu_inspected_twice_has_two_rows(release):
    essex = release.inspections[release.inspections.pdu_id == "essex-north"].set_index("round")
    assert essex.loc[1, "overall_rating"] == "Inadequate" and essex.loc[2, "overall_rating"] == "Requires improvement"


def test_every_row_carries_a_source(release):
    for table in tables_for(release.version):
        name = table.name
        if "source_ids" in table.column_names:
            frame = release.tables[name]
            assert frame.source_ids.notna().all(), name
    assert release.sources.url.notna().all()


def test_unknown_stays_empty_never_zero(release):
    hull = inspection(release, "hull-and-east-riding-2")  # inspected in the 2024 window; no rating in any source
    assert pd.isna(hull.overall_rating) and pd.isna(hull.score)
    assert release.inspections.score.isna().sum() > 50  # most pages give no score: not filled with 0


def test_first_twelve_inspections_reproduce_the_chief_inspectors_count(release):
    """Seed 001 (18 Oct 2022): of the first twelve PDUs inspected, nine Inadequate and three Requires improvement."""
    published = release.inspections[release.inspections.published_start <= "2022-10-18"]
    assert len(published) == 12
    counts = published.overall_rating.value_counts()
    claims = release.findings.set_index("measure").value
    assert counts["Inadequate"] == claims["claim:first12_inadequate"] == 9
    assert counts["Requires improvement"] == claims["claim:first12_requires_improvement"] == 3


def test_ratings_are_ordered_categories(release):
    ratings = release.inspections.overall_rating
    assert ratings.cat.ordered and list(ratings.cat.categories) == ["Inadequate", "Requires improvement", "Good", "Outstanding"]
    assert release.inspections.published_precision.dropna().isin(["year", "month", "day"]).all()


def test_implied_ratings_are_marked(release):
    r = release.ratings
    lambeth = r[r.inspection_id == "lambeth-1"]
    assert set(lambeth.basis) == {"implied"} and set(lambeth.rating) == {"Inadequate"}
    assert r[(r.inspection_id == "gwent-1")].basis.eq("stated").all()


def test_disagreements_are_recorded_not_hidden(release):
    d = release.disagreements
    west_kent = d[(d.key == "west-kent-1|information_and_facilities")].iloc[0]
    assert (west_kent.value, west_kent.other_value) == ("Requires improvement", "Inadequate")
    northants = d[d.key == "northamptonshire-2|vacancy_rate"].iloc[0]
    assert (northants.value, northants.other_value) == ("po", "overall")
    bedford = release.ratings[(release.ratings.inspection_id == "bedfordshire-2") & (release.ratings.standard == "planning")]
    assert bedford.empty  # one page says both Inadequate and Requires improvement: no row claims a stated rating
    assert set(d[d.key == "bedfordshire-2|planning"].other_value) == {"Inadequate", "Requires improvement"}


def test_west_sussex_unpaid_work_figures(release):
    u = release.unpaid_work.set_index("inspection_id")
    assert (u.loc["west-sussex-1", "requirements_total"], u.loc["west-sussex-1", "requirements_beyond_12m"],
            u.loc["west-sussex-1", "published_pct"]) == (580, 158, 70)
    assert (u.loc["gwent-1", "requirements_total"], u.loc["gwent-1", "published_pct"]) == (617, 23)


def test_recommendations_have_addressees(release):
    recs = release.recommendations
    gwent = recs[recs.inspection_id == "gwent-1"]
    assert gwent.addressee.value_counts().to_dict() == {"hmpps": 4, "pdu": 5, "region": 1}
    assert recs.text.str.contains("vetting").sum() == 4


def test_pdus_are_the_moj_register_with_codes_and_its_regions(release):
    pdus = release.pdus
    current = pdus[pdus.status == "current"]
    assert len(current) == 108 and len(pdus) == 112 and pdus.pdu_code.is_unique and pdus.pdu_code.notna().all()
    assert set(pdus[pdus.status == "merged"].name) == {"Salford", "Stockport and Trafford", "Tameside", "Staffordshire and Stoke"}
    assert pdus.set_index("pdu_id").loc["northamptonshire", ["region", "pdu_code"]].tolist() == ["East of England", "N56NRTH"]
    assert pdus.set_index("pdu_id").loc["gwent", "pdu_code"] == "WPTGWT"
    # the inspectorate's spelling is the name; the register's is an alias
    snpt = pdus.set_index("pdu_id").loc["swansea-neath-port-talbot"]
    assert snpt["name"] == "Swansea Neath Port Talbot" and "Swansea, Neath Port-Talbot" in snpt.aliases


def test_inspected_flag_and_the_never_inspected_count(release):
    pdus = release.pdus
    inspected_ids = set(release.inspections.pdu_id)
    assert set(pdus[pdus.inspected.astype(bool)].pdu_id) == inspected_ids
    assert len(inspected_ids) == 65 and (~pdus.inspected.astype(bool)).sum() == 47


def test_northamptonshire_region_disagreement_is_kept(release):
    d = release.disagreements
    row = d[(d.table == "pdus") & (d.key == "northamptonshire")].iloc[0]
    assert (row.value, row.other_value) == ("East of England", "East Midlands")
    assert "register" in row.resolution and pd.isna(row.other_source_ids)
    assert set(release.inspections[release.inspections.pdu_id == "northamptonshire"].region) == {"East of England"}


def test_reviewed_facts_are_in(release):
    assert inspection(release, "york-2").overall_rating == "Inadequate"
    r = release.ratings
    west_sussex = r[r.inspection_id == "west-sussex-2"].set_index("standard")
    assert set(west_sussex.index) == {"assessment", "planning", "implementation_and_delivery", "reviewing"}
    assert (west_sussex.rating == "Inadequate").all() and (west_sussex.basis == "implied").all()
    lincs = r[r.inspection_id == "east-and-west-lincolnshire-2"].set_index("standard")
    assert lincs.loc[["leadership", "staff"], "rating"].tolist() == ["Requires improvement"] * 2
    assert (lincs.drop(["leadership", "staff"]).rating == "Inadequate").sum() == 5
    assert rating(release, "gateshead-and-south-tyneside-1", "court_work") == "Outstanding"


def test_words_stay_words_and_later_figures_are_not_the_inspections(release):
    cq = release.case_quality
    west_kent = cq[(cq.inspection_id == "west-kent-1") & (cq.topic == "risk_of_serious_harm")].iloc[0]
    assert west_kent.value_text == "a quarter" and pd.isna(west_kent.pct)
    s = release.staffing
    assert s[(s.inspection_id == "lewisham-and-bromley-1") & (s.grade == "overall")].empty
    f = release.findings
    later = f[(f.inspection_id == "lewisham-and-bromley-1") & (f.measure == "vacancy_rate_reported_after_inspection")]
    assert later.value_text.tolist() == ["in the region of 25%"] and later.value.isna().all()
    assert pd.isna(inspection(release, "dorset-1").published)
    assert "weak source" in inspection(release, "east-and-west-lincolnshire-2").note
