"""What a reader meets on a page, tested at the library that writes it: headlines that agree with the tables
under them, one formatter of numbers, plain words for every code, charts a phone can read, downloads that carry
their title, source and licence."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import pdukit
from pdukit.analysis import outcomes, summaries
from pdukit.dataset import vocabulary as v
from pdukit.errors import UnknownName
from pdukit.narrative import mainpoints, readable, titles
from pdukit.narrative.glossary import mark_terms
from pdukit.narrative.words import count, interval, number, share, share_of
from pdukit.report import charts, display


# --- no sentence contradicts its page -------------------------------------------------------------------------
def test_a_pdu_whose_recommendations_are_counted_but_not_quoted_says_so(release):
    counted = release.findings[(release.findings.measure == "recommendations") & release.findings.inspection_id.notna()]
    quoted = set(release.recommendations.inspection_id)
    inspection = next(i for i in counted.inspection_id if i not in quoted)
    pdu_id = release.pdu_of(inspection)
    findings = release.findings[release.findings.inspection_id.isin(release.inspections_of(pdu_id))]
    sentence = readable.no_recommendations_sentence(release, findings)
    n = int(counted[counted.inspection_id == inspection].value.iloc[0])
    assert f"made {n} recommendation" in sentence and "none of their wording" in sentence
    assert "no recommendations" not in sentence


def test_an_unrated_undated_inspection_is_said_plainly(release):
    headline = mainpoints.pdu(release, "hull-and-east-riding")[0].headline
    assert headline == ("Hull and East Riding was rated Requires improvement in March 2023; no source gives the "
                        "rating of its round 2 inspection.")
    assert "rated, but" not in headline


def test_vacancy_points_name_their_own_inspection(release):
    points = [p.headline for p in mainpoints.pdu(release, "northamptonshire") if "vacancy" in p.headline]
    assert points == ["At its 2022 inspection, vacancy rates were SPO 20%, PO 0% and PSO 28%.",
                      "At its round 2 inspection, the PO vacancy rate was 40%."]


def test_coverage_counts_agree_with_the_coverage_table(release):
    point = mainpoints.coverage_point(release, release.inspections)
    total = summaries.coverage_by_region(release).iloc[-1]
    cov = pdukit.pdu_coverage(release).set_index("region").loc["England and Wales"]
    assert f"of the {cov.current} PDUs" in point.headline and cov.current + cov.merged == 112
    assert str(int(total.iloc[1])) in ("112", "108")  # the table's PDU column is the register's count
    assert len(summaries.never_inspected(release)) == cov.current - cov.current_inspected == 45


def test_every_headline_is_at_most_25_words_and_has_a_second_line(release):
    audit = pdukit.run_audit(release)
    points = (mainpoints.national(release) + mainpoints.audit(release, audit)
              + [p for r in pdukit.REGIONS for p in mainpoints.region(release, r)]
              + [p for pdu in sorted(set(release.inspections.pdu_id)) for p in mainpoints.pdu(release, pdu)])
    assert all(len(p.headline.split()) <= 25 for p in points)
    assert all(p.detail for p in points)
    with pytest.raises(ValueError, match="at most 25"):
        mainpoints.Point(" ".join(["word"] * 26))


def test_a_correlation_says_its_direction_in_words():
    frame = pd.DataFrame({"po": range(20), "rating_rank": [3 - i // 6 for i in range(20)], "source_ids": "x"})
    point = mainpoints.association_point(frame, "po")
    assert point.headline.startswith("Higher probation officer (PO) vacancy rates went with worse overall ratings")
    assert "Spearman's rho −" in point.detail and "not cause" in point.detail
    few = mainpoints.association_point(frame.head(5), "po")
    assert few.headline.startswith("Too few inspections (5)")


# --- one formatter -----------------------------------------------------------------------------------------
def test_one_formatter_for_counts_shares_and_intervals():
    assert (count(10.0), count(1500), share(0.0632251), share(5.551115123125783e-17)) == ("10", "1,500", "6%", "0%")
    assert interval(0.4, 0.8846) == "40% to 88%" and share_of(6, 8) == "6 of 8 (75%)"
    assert number(38, v.CASES) == "38 cases" and number(137.0, v.PERCENT) == "137%" and number(0.71, v.SHARE) == "71%"


def test_tables_and_csvs_show_shares_as_rounded_per_cents(release):
    shares = pdukit.rating_shares(release, "Inadequate")
    shown = readable.for_reader(shares)
    assert shown.columns.tolist()[:3] == ["Region", "n", "Count"]
    assert all(re.fullmatch(r"\d{1,3}%|—", x) for x in shown["Share"])
    csv = display.csv_text(shares)
    assert csv.splitlines()[0].startswith("Region,n,Count,Share (%),95% interval from (%),95% interval to (%)")
    assert not re.search(r"\d\.\d{3,}|e-\d", csv)


def test_codes_reach_readers_as_words(release):
    staff = release.staffing[release.staffing.inspection_id == "gwent-1"]
    shown = readable.for_reader(readable.staffing_figures(release, staff))
    assert set(shown["Grade"]) <= {"Senior probation officer", "Probation officer", "Probation services officer"}
    assert set(shown["Measure"]) == {"Vacancy rate"} and all(x.endswith("%") for x in shown["Value"])
    audit, _ = readable.audit_for_readers(pdukit.run_audit(release), release)
    assert set(audit["Result"]) <= {"Consistent", "Disputed", "Cannot be recomputed"}
    with pytest.raises(UnknownName, match="closest known"):
        v.label(v.GRADES, "po_officer", "grade")


def test_every_code_in_the_release_has_a_label(release):
    for column, vocab in (("measure", v.FINDINGS), ("topic", v.TOPICS)):
        table = release.findings if column == "measure" else release.case_quality
        missing = set(table[column].dropna().astype(str)) - set(vocab)
        assert not missing, f"{column} codes with no reader's label: {sorted(missing)}"
    assert set(release.staffing.grade.astype(str)) <= set(v.GRADES)


def test_every_inspection_table_has_each_inspection_once(release):
    table = readable.every_inspection(release)
    assert len(table) == len(release.inspections) == 79
    assert {"pdu", "pdu_code", "region", "round", "published", "overall_rating", "score", "2.4 Implementation and delivery",
            "PO vacancy rate at inspection (%)"} <= set(table.columns)
    gwent = table[(table.pdu == "Gwent") & (table["round"] == 1)].iloc[0]
    assert gwent.score == "6 of 27" and gwent["PO vacancy rate at inspection (%)"] == -9


def test_ratings_by_round_count_every_inspection(release):
    by_round = summaries.ratings_by_round(release)
    assert by_round.n.sum() == 79 and list(by_round["round"]) == [1, 2]
    assert titles.ratings_by_round(by_round).startswith("Rated Inadequate: ")


# --- charts a phone can read -------------------------------------------------------------------------------
def test_labels_wrap_at_word_boundaries_only():
    assert charts.wrap("Staffordshire and Stoke (2022)", 12) == "Staffordshire\nand Stoke\n(2022)"
    assert charts.wrap("Northamptonshire (2022)", 12) == "Northamptonshire\n(2022)"


def test_chart_height_grows_with_its_labels_and_axes_fit_their_data(release):
    short, _ = charts.layout(["a", "b"])
    tall, _ = charts.layout(["a\nb\nc", "d\ne\nf", "g\nh"])
    assert tall.get_figheight() > short.get_figheight()
    plt.close("all")
    frame = pd.DataFrame({"inspection_id": ["x-1", "y-1"], "po": [33.0, -9.0], "spo": [None, 5.0]})
    fig = charts.vacancy_dots(frame, {"x-1": "Bradford (2024)", "y-1": "Gwent (2022)"}, 27, "median")
    low, high = fig.axes[0].get_xlim()
    assert low < -9 and high > 33
    plt.close(fig)


def test_a_downloaded_chart_carries_its_title_source_and_licence(release):
    fig = charts.stacked_rating_bars(summaries.ratings_by_year(release), "year")
    import io

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    svg = display.standalone_svg(buffer.getvalue(), title="Only 1 of 78 rated inspections was Good",
                                 subtitle="By year", source="Source: HM Inspectorate of Probation.")
    texts = " ".join(re.findall(r'<text x="4"[^>]*>([^<]*)</text>', svg))
    assert "Only 1 of 78 rated inspections was Good" in texts and "By year" in texts
    assert "Source: HM Inspectorate of Probation. Licence: Open Government Licence v3.0." in texts
    assert svg.startswith("<svg") and svg.count("<svg") == 2  # the chart nested inside the captioned image


# --- glossary ----------------------------------------------------------------------------------------------
def test_first_use_of_a_term_is_explained_once_outside_headings_and_charts():
    page = "<h2>PDU</h2><p>The PDU and the PDU.</p><svg><text>PDU</text></svg><p>MAPPA cases</p>"
    marked = mark_terms(page)
    assert marked.count("<abbr") == 2 and marked.startswith("<h2>PDU</h2>")
    assert '<abbr title="Multi-Agency Public Protection Arrangements">MAPPA</abbr>' in marked


def test_the_glossary_has_the_terms_readers_asked_for():
    assert {"unpaid work", "court work", "risk of harm", "MAPPA", "HMPPS", "Spearman's rho", "95% interval"} <= set(v.GLOSSARY)


def test_staffing_outcomes_and_pressure_never_mix_measures(release):
    pressure = readable.staffing_pressure(release)
    caseload = pressure[pressure.measure == "Average caseload"]
    workload = pressure[pressure.measure == "Workload"]
    assert caseload.value.str.endswith("cases").all() and workload.value.str.endswith("%").all()
    assert outcomes.staffing_outcomes(release).shape[0] == 79


def test_a_printed_zero_is_reported_as_printed_never_as_no_vacancies(release):
    from pdukit.analysis.official import staffing_beside_outcomes
    from pdukit.narrative import official as official_words

    beside = staffing_beside_outcomes(release)
    assert official_words.beside_outcomes_title(beside).startswith("London had the most vacancies in September 2023 (457 FTE)")
    assert "The answer prints 0 for Greater Manchester and Wales, as given here." in \
        official_words.beside_outcomes_caveat(beside, release)
    point = mainpoints.official_point(release, "Greater Manchester")
    assert point.headline == "The written answer to Parliament prints 0 vacancies for Greater Manchester region in September 2023."
    assert "probation officer vacancy rates of 24% to 38%" in point.detail and "no vacancies" not in point.headline
    national = mainpoints.official_point(release)
    assert "reported none" not in national.headline


def test_ties_share_a_rank_and_a_year_only_date_is_a_range(release):
    assert mainpoints.official_point(release, "North West").headline.endswith("joint fourth most of the 12 regions.")
    assert mainpoints.official_point(release, "East Midlands").headline.endswith("the third fewest of the 12 regions.")
    dyfed = " ".join(p.detail for p in mainpoints.pdu(release, "dyfed-powys"))
    assert "was published in 2025, 16 to 27 months after that figure" in dyfed
    gateshead = " ".join(p.detail for p in mainpoints.pdu(release, "gateshead-and-south-tyneside"))
    assert "latest report (round 2) has no known publication date" in gateshead
