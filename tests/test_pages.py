"""What a reader meets on a page, tested at the library that writes it: headlines that agree with the tables
under them, one formatter of numbers, plain words for every code, charts a phone can read, downloads that carry
their title, source and licence."""

from __future__ import annotations

import html
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


def test_vacancy_points_compare_like_grade_with_like_date_as_the_table_and_say_a_median_once(release):
    """Issues: Knowsley and St Helens set its PSO rate beside the PO median; Tameside's 'SPO 47%, PO 38% and PSO
    5% (January 2023)' dated all three while its table shows SPO and PO 'at inspection'; Northamptonshire said the
    same median twice; Essex North's latest figure (41% of target POs in post, 2024) was left out."""
    def said(pdu_id):
        return [p for p in mainpoints.pdu(release, pdu_id) if "vacancy" in p.headline or "in post" in p.headline]

    knowsley = said("knowsley-and-st-helens")
    assert [p.headline for p in knowsley] == ["At its 2023 inspection, the PSO vacancy rate was 0%."]
    assert "The national median PSO vacancy rate, over the 11 inspections with one, is 22%." in knowsley[0].detail
    assert "probation officer" not in knowsley[0].detail  # no PO median beside a PSO rate
    comparison = outcomes.pdu_comparison(outcomes.staffing_outcomes(release), "knowsley-and-st-helens",
                                         release.inspection_labels)
    assert (comparison["national median"].iloc[0], comparison["national n"].iloc[0]) == (22, 11)  # the table agrees

    tameside = said("tameside")[0]
    assert tameside.headline == "At its 2023 inspection, vacancy rates were SPO 47% and PO 38%; the PSO rate was 5% in January 2023."
    table = readable.staffing_figures(release, release.staffing[release.staffing.inspection_id == "tameside-1"])
    as_of = dict(zip(table.grade + " " + table.measure, table.as_of, strict=True))
    assert as_of["Senior probation officer Vacancy rate (% of target posts vacant)"] == as_of["Probation officer Vacancy rate (% of target posts vacant)"] == "at inspection"
    assert as_of["Probation services officer Vacancy rate (% of target posts vacant)"] == "January 2023"
    assert "SPO 32% (n = 8), PO 27% (n = 16) and PSO 22% (n = 11)" in tameside.detail
    assert "rest only on one unpublished document" in tameside.detail

    northants = said("northamptonshire")
    assert sum(p.detail.count("median") for p in northants) == 1
    essex = said("essex-north")
    assert [p.headline for p in essex] == ["At its 2022 inspection, vacancy rates were SPO 61%, PO 26% and PSO 58%.",
                                           "At its 2024 inspection, 41% of the target number of probation officers were in post."]
    assert "not a vacancy rate" in essex[1].detail


def test_coverage_counts_agree_with_the_coverage_table(release):
    """Issue: the national main point said '79 inspections of 63 of the 108 PDUs' beside a coverage table of
    '112 | 65'; Greater Manchester's said '3 inspections of 2 of the 8 PDUs' while listing 3 PDUs. The sentence
    counts what the table counts (every PDU of the register), then current and merged or split PDUs apart."""
    point = mainpoints.coverage_point(release, release.inspections)
    total = summaries.coverage_by_region(release).set_index("Region")
    cov = pdukit.pdu_coverage(release).set_index("region").loc["England and Wales"]
    assert point.headline.startswith("The data hold 79 inspections of 65 of the 112 PDUs in the register for England "
                                     "and Wales")
    assert (total.at["England and Wales", "PDUs (register)"], total.at["England and Wales", "PDUs inspected"]) == (112, 65)
    assert point.detail.startswith("Of those 112, 108 are current PDUs (63 inspected) and 4 have since merged or split "
                                   "(2 inspected); 45 current PDUs have no inspection in the data")
    assert len(summaries.never_inspected(release)) == cov.current - cov.current_inspected == 45
    for region, listed in (("Greater Manchester", 3), ("West Midlands", 3)):
        ins = release.inspections[release.inspections.region == region]
        assert ins.pdu_id.nunique() == listed == total.at[region, "PDUs inspected"]
        point = mainpoints.coverage_point(release, ins, region)
        assert f"of {listed} of the {total.at[region, 'PDUs (register)']} PDUs in the register" in point.headline
    gm = mainpoints.coverage_point(release, release.inspections[release.inspections.region == "Greater Manchester"],
                                   "Greater Manchester")
    assert "8 are current PDUs (2 inspected) and 3 have since merged or split (1 inspected)" in gm.detail
    wm = mainpoints.coverage_point(release, release.inspections[release.inspections.region == "West Midlands"],
                                   "West Midlands")
    assert "1 has since merged or split (1 inspected)" in wm.detail and "1 more PDU have" not in wm.detail


def test_every_headline_is_at_most_25_words_and_has_a_second_line(release):
    audit = pdukit.run_audit(release)
    points = (mainpoints.national(release) + mainpoints.audit(release, audit)
              + [p for r in pdukit.REGIONS for p in mainpoints.region(release, r)]
              + [p for pdu in sorted(set(release.inspections.pdu_id)) for p in mainpoints.pdu(release, pdu)])
    assert all(len(p.headline.split()) <= 25 for p in points)
    assert all(p.detail for p in points)
    with pytest.raises(ValueError, match="at most 25"):
        mainpoints.Point(" ".join(["word"] * 26))


def test_a_pdu_page_leads_with_its_lowest_case_quality_figure_dated_with_n_and_like_for_like(release):
    """Review 4, defect 1: Warwickshire's 'Keeping people safe 9%', Knowsley's 24%, Essex South's 23% and
    Leicester's 'Court work 5%' sat in tables under a lone 'was rated' point."""
    def quality(pdu_id):
        return next(p for p in mainpoints.pdu(release, pdu_id) if "judged sufficient" in p.headline
                    or "sufficient on" in p.headline)

    assert quality("warwickshire").headline == ("At its August 2022 inspection, 9% of inspected cases were judged "
                                                "sufficient on keeping people safe.")
    assert "median" not in quality("warwickshire").detail  # no other PDU inspection on that topic: no comparison
    knowsley = quality("knowsley-and-st-helens")
    assert knowsley.headline == ("At its June 2023 inspection, 24% of inspected cases were judged sufficient on "
                                 "assessment of risk of harm.")
    assert "Across the 6 PDU inspections whose sources give a figure on assessment of risk of harm, this one " \
           "included, the median is 32% (n = 6)." in knowsley.detail
    assert quality("essex-south").headline.startswith("At its round 2 inspection (date not known), 23% of inspected")
    leicester = quality("leicester-leicestershire-and-rutland")
    assert leicester.headline == ("At its February 2023 inspection, 5% of inspected cases were judged sufficient on "
                                  "court work.")  # the lowest of its two rows, the other said in the detail
    assert "arrangements to manage risk of harm, 34 of 93 inspected cases (37%)" in leicester.detail
    lincs = quality("east-and-west-lincolnshire")
    assert lincs.headline.startswith("At its June 2025 inspection, 13 of 50 inspected cases (26%) were judged")
    west_kent = quality("west-kent")  # words stay words
    assert west_kent.headline.endswith("only in words: “a quarter”.") and "25%" not in west_kent.detail
    assert "sufficient in only a quarter of the cases we looked at.”" in west_kent.detail


def test_a_pdu_page_gives_its_all_staff_vacancy_rate_and_cases_with_no_practitioner(release):
    """Review 4, defect 2: Hammersmith's 43% all-staff vacancy rate and over 900 cases with no practitioner, and
    Stockton's 10%, never reached the main points; Leicester's 43% was of one team, which the detail names."""
    def staffing(pdu_id):
        return [p for p in mainpoints.pdu(release, pdu_id) if "vacancy" in p.headline or "practitioner" in p.headline]

    [hammersmith] = staffing("hammersmith-fulham-kensington-chelsea-and-westminster")
    assert hammersmith.headline == ("At its 2022 inspection, the all-staff vacancy rate was 43% and over 900 cases "
                                    "had no practitioner.")
    assert "58 MAPPA cases" in hammersmith.detail and "seed-001" in hammersmith.source_ids
    assert [p.headline for p in staffing("stockton-and-hartlepool")] == [
        "At its 2025 inspection, the all-staff vacancy rate was 10%."]
    [leicester] = staffing("leicester-leicestershire-and-rutland")
    assert leicester.headline == "At its 2023 inspection, one team's vacancy rate was 43%."
    assert "court team had a 43% vacancy rate" in leicester.detail
    northants = staffing("northamptonshire")[1]  # a grade rate leads; the all-staff rate is said beside it
    assert northants.headline == "At its round 2 inspection, the PO vacancy rate was 40%."
    assert "the all-staff vacancy rate was 40%" in northants.detail


def test_a_share_in_post_is_never_under_a_vacancy_rate_caption(release):
    """Review 4, defect 6: Tameside's table, headed 'vacancy rate: % of target posts vacant', held 'PO 38%' beside
    '50% of target in post'."""
    table = readable.staffing_figures(release, release.staffing[release.staffing.inspection_id == "tameside-1"])
    assert set(table.measure) == {"Vacancy rate (% of target posts vacant)",
                                  "Staff in post against target (% of target posts filled)"}
    assert "vacancy rate:" not in readable.STAFFING_CAPTION.lower()
    tameside = next(p for p in mainpoints.pdu(release, "tameside") if "vacancy" in p.headline)
    assert "in post" not in tameside.headline and "a share in post, a different measure" in tameside.detail


def test_a_pdu_headline_gives_a_count_without_a_per_cent_of_fewer_than_five_ratings(release):
    """Review 4, defect 7: '0 of 1 (0%) of its known organisational ratings' (Cwm Taf Morgannwg, Suffolk)."""
    heads = {p: mainpoints.pdu(release, p)[-1 if p != "gwent" else 2].headline
             for p in ("cwm-taf-morgannwg", "suffolk", "gwent")}
    assert heads["suffolk"] == "Its one known organisational rating, 1.1 Leadership, was Good."
    assert heads["cwm-taf-morgannwg"] == "Its one known organisational rating, 1.1 Leadership, was Good."
    assert heads["gwent"] == "3 of 4 of its known case supervision ratings were Inadequate."
    essex = next(p for p in mainpoints.pdu(release, "essex-north") if "supervision" in p.headline)
    assert essex.headline.startswith("8 of 8 (100%)")  # from 5 ratings, the per cent stays
    for pdu_id in set(release.inspections.pdu_id):
        for point in mainpoints.pdu(release, pdu_id):
            assert not re.search(r"\b[1-4] of [1-4] \(", point.headline), point.headline


def test_the_public_protection_headline_speaks_for_every_region_and_names_no_report_number(release):
    """Review 4, defect 4: the headline picked Greater Manchester because its report was 'the highest-numbered'."""
    point = mainpoints.public_protection_point(release)
    assert point.headline.startswith("The data hold 2025-26 inspections of public protection for 5 of the 12 regions")
    for words in ("report 4", "highest-numbered", "report number"):
        assert words not in point.headline + point.detail
    assert "South West, on work to keep people safe, “Fewer than a third of all cases”" in point.detail
    assert not re.search(r"\d+%", point.detail.split("“less than half of the assignments")[0])  # words stay words


def test_national_main_points_lead_with_the_story_and_include_the_newest_inspections(release):
    """Issue: the national and index main points opened with coverage bookkeeping ('79 inspections of ... 10
    dated only to the year') and left out the 2025-26 inspections of public protection."""
    points = mainpoints.national(release)
    assert points[0].headline == "39 of 78 rated inspections were Inadequate, 38 Requires improvement, 1 Good."
    assert points[1].headline == ("The data hold 2025-26 inspections of public protection for 5 of the 12 regions; "
                                  "each says in words what share of cases had sufficient work.")
    assert points[1].detail.startswith("What each found sufficient, in the inspectorate's words: Kent, Surrey and Sussex")
    assert "West Midlands, on work to keep people safe, “less than half of the assignments inspected (49 per cent)”" \
        in points[1].detail
    assert points[-1].headline.startswith("The data hold 79 inspections")


def test_public_protection_points_read_as_sentences_and_name_their_topic(release):
    """Issue: 'found keeping people safe sufficient in: “Less than half of the cases inspected”' on 5 region pages;
    Kent, Surrey and Sussex's and South Central's lines were about assessment, not keeping people safe overall."""
    heads = {r: mainpoints.public_protection_point(release, r).headline
             for r in ("Greater Manchester", "West Midlands", "Kent, Surrey and Sussex", "South Central")}
    assert heads["Greater Manchester"] == ("Greater Manchester's inspection of public protection (2025-26, 72 cases) "
                                           "found less than half of the cases inspected had sufficient work to keep "
                                           "people safe.")
    assert heads["West Midlands"].endswith("found 49% of the assignments inspected had sufficient work to keep people safe.")
    assert heads["Kent, Surrey and Sussex"].endswith("found less than half the cases had sufficient assessment to keep "
                                                     "people safe.")
    assert heads["South Central"].endswith("found just over a third of the cases had sufficient assessment of risk of harm.")
    assert not [h for h in heads.values() if ": “" in h or "sufficient in:" in h]
    gm = mainpoints.public_protection_point(release, "Greater Manchester")
    assert gm.detail.startswith("In the inspectorate's words: “Less than half of the cases inspected”.")


def test_a_correlation_says_its_direction_in_words():
    frame = pd.DataFrame({"po": range(20), "rating_rank": [3 - i // 6 for i in range(20)], "source_ids": "x"})
    point = mainpoints.association_point(frame, "po")
    assert point.headline.startswith("Higher probation officer (PO) vacancy rates went with worse overall ratings")
    assert "Spearman's rho −" in point.detail and "not cause" in point.detail
    few = mainpoints.association_point(frame.head(5), "po")
    assert few.headline.startswith("Too few inspections (5)")


def test_figures_resting_only_on_unpublished_documents_say_so_in_sentences_and_charts(release):
    """Issue: 'Published probation officer vacancy rates ranged from −9% to 45% across 16 inspections' while 9 of
    the 16 rest only on unpublished documents (WLPF slides, a Greater Manchester letter), and 'the highest
    published workload: ... 137%' was one of only two workload figures, both from that letter."""
    point = mainpoints.staffing_point(release)
    assert point.headline == ("Probation officer vacancy rates ranged from −9% to 45% across 16 inspections; 9 rest "
                              "only on unpublished documents.")
    assert not re.search(r"(?<!un)published", point.headline, re.I)
    assert "9 of these 16 rates rest only on unpublished documents" in point.detail
    assert "“Westminster Legal Policy Forum conference, 5 July 2022: slides” (6 rates)" in point.detail
    assert ("The data hold only 2 workload figures (per cent of capacity on the Workload Measurement Tool): probation "
            "officers (POs) at 137% and probation services officers (PSOs) at 88% (Greater Manchester, region-wide, "
            "January 2023). Both rest only on one unpublished document, HM Inspectorate of Probation's “Regional "
            "review letter to Greater Manchester RPD” (May 2023)") in point.detail
    assert "highest published workload" not in point.detail
    gm = mainpoints.staffing_point(release, set(release.inspections_of("manchester-north") + release.inspections_of(
        "tameside") + release.inspections_of("wigan")), "Greater Manchester")
    assert gm.headline.endswith("across 3 inspections; all 3 rest only on one unpublished document.")
    association = mainpoints.association_point(pdukit.staffing_outcomes(release), "po", release=release)
    assert association.headline.endswith("across 16 inspections, 9 resting only on unpublished documents.")
    assert "9 of these 16 rates rest only on unpublished documents" in association.detail
    # charts: a † after each row label resting only on an unpublished document; rings on the national dot plot
    vacancy = pdukit.staffing_measure(release, "vacancy_rate", pdu_level=True)
    labels = titles.marked_labels(release, vacancy, release.inspection_labels)
    assert labels["gwent-1"] == "Gwent (2022) †" and labels["dorset-1"] == "Dorset (round 1)"
    assert titles.UNPUBLISHED_MARK.startswith("† Rests only on a document with no public web address")
    joined = pdukit.staffing_outcomes(release)
    rings = [i for i in joined.dropna(subset=["po", "overall_rating"]).inspection_id if labels[i].endswith("†")]
    assert len(rings) == 9
    fig = charts.vacancy_by_rating(joined, "po", hollow=rings)
    hollow = [c for c in fig.axes[0].collections if len(c.get_facecolors()) and tuple(c.get_facecolors()[0]) == (1, 1, 1, 1)]
    assert sum(len(c.get_offsets()) for c in hollow) == 9
    assert "(†)" in " ".join(t.get_text() for t in fig.legends[0].get_texts())
    plt.close(fig)
    workload = readable.with_labels(pdukit.staffing_measure(release, "workload_pct", pdu_level=False))
    bars, note = titles.marked_rows(release, workload, "label")
    assert list(bars.label) == ["PO †", "PSO †"] and note == titles.UNPUBLISHED_MARK  # Greater Manchester's 137% and 88%


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
    assert set(shown["Measure"]) == {"Vacancy rate (% of target posts vacant)"} and all(x.endswith("%") for x in shown["Value"])
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
            "PO vacancy rate (%)"} <= set(table.columns)
    gwent = table[(table.pdu == "Gwent") & (table["round"] == 1)].iloc[0]
    assert gwent.score == "6 of 27" and gwent["PO vacancy rate (%)"] == -9


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


def _svg(fig) -> str:
    import io

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    return buffer.getvalue()


def test_a_downloaded_chart_carries_its_title_source_and_licence(release):
    from pdukit.report import licence

    svg = display.standalone_svg(_svg(charts.stacked_rating_bars(summaries.ratings_by_year(release), "year")),
                                 title="Only 1 of 78 rated inspections was Good", subtitle="By year",
                                 source="Source: HM Inspectorate of Probation.")
    texts = " ".join(re.findall(r'<text x="4"[^>]*>([^<]*)</text>', svg))
    assert "Only 1 of 78 rated inspections was Good" in texts and "By year" in texts
    # the truth about terms, whatever the sources: the chart is pdukit's, the figures their sources'
    assert "Source: HM Inspectorate of Probation. " + licence.CHART in texts
    assert "Licence: Open Government Licence" not in texts
    assert svg.startswith("<svg") and svg.count("<svg") == 2  # the chart nested inside the captioned image
    said = display.standalone_svg(_svg(charts.value_bars(["a"], [1], "x")), title="T", subtitle="", source="S.",
                                  licence="Chart: a publisher's own licence line.")
    assert "S. Chart: a publisher's own licence line." in html.unescape(" ".join(re.findall(r">([^<]*)</text>", said)))


def test_a_downloaded_charts_title_and_footer_are_never_cut_off():
    """Issue: about 30 downloaded SVGs clipped their bold titles ('...Kensington, Chelse'): lines are wrapped to
    the image's width by measuring the text, bold wider than regular."""
    title = ("Hammersmith, Fulham, Kensington, Chelsea and Westminster: probation officer vacancy rate 32% at its "
             "one inspection that publishes it, the highest of 12 regions")
    source = "Source: " + ", ".join(f"Publisher number {i}" for i in range(12)) + "."
    svg = display.standalone_svg(_svg(charts.value_bars(["a", "b"], [1, 2], "x")), title=title, subtitle=title,
                                 source=source)
    width = float(re.search(r'viewBox="0 0 ([0-9.]+) ', svg).group(1))
    lines = re.findall(r'<text x="4" y="[0-9.]+" font-size="([0-9.]+)"( font-weight="bold")?[^>]*>([^<]*)</text>', svg)
    assert len(lines) > 6
    for size, bold, text in lines:
        assert 4 + display.text_width(html.unescape(text), float(size), bool(bold)) <= width - 2, text
    assert display.text_width("Westminster", 13, bold=True) > display.text_width("Westminster", 13) * 1.05
    words = " ".join(html.unescape(t) for _, _, t in lines).split()
    assert words == (title + " " + title + " " + source + " " + licence_line()).split()  # nothing lost


def licence_line() -> str:
    from pdukit.report import licence

    return licence.CHART


def test_a_chart_on_a_desktop_is_shown_at_its_natural_size_at_most(release):
    svg = display.inline_svg(_svg(charts.stacked_rating_bars(summaries.ratings_by_year(release), "year")), "alt text")
    natural = float(re.search(r'viewBox="0 0 ([0-9.]+) ', svg).group(1)) * display.PT
    assert f"max-width:{natural:.0f}px" in svg  # 12 pt type at 16 px: the body text's size, never twice it


def _label_boxes(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [t for t in fig.axes[0].texts if t.get_text().strip()], renderer


def test_the_standards_grid_gives_its_cells_the_full_width_and_each_cell_a_white_border(release):
    """Issue: on a phone the grid's column labels ran together ('1.11.21.31.4...') beside row labels on the left,
    and two cells of one colour merged."""
    ratings = release.standard_ratings("Essex North")
    fig = charts.rating_grid(ratings.dropna(subset=["rating"]), release.inspection_labels)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == []  # names above their rows, not in a left margin
    cells = [p for p in ax.patches if p.get_width() == 1]
    assert len(cells) == 2 * 9 and {p.get_edgecolor() for p in cells} == {(1.0, 1.0, 1.0, 1.0)}
    assert all(p.get_linewidth() >= 2 for p in cells)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels()]
    scale = 358 / fig.get_figwidth() / fig.dpi  # as shown on a 390 px phone
    gaps = [(b.x0 - a.x1) * scale for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) == 9 and min(gaps) >= 6, gaps  # '1.1 1.2 1.3', never '1.11.21.3'
    names, renderer = _label_boxes(fig)
    for name in (t for t in names if "(" in t.get_text()):
        assert name.get_window_extent(renderer).x0 <= ax.get_window_extent(renderer).x0 + 1
    plt.close(fig)


def test_vacancy_dots_keep_each_rows_label_apart_from_every_dot_and_line(release):
    """Issue: London's PDU labels sat over gridlines and the median line, and between one row's dots and the
    next's."""
    frame = pd.DataFrame({"inspection_id": ["x-1", "y-1", "z-1"], "po": [33.0, -9.0, 20.0], "spo": [None, 5.0, 40.0],
                          "overall": [43.0, 10.0, None]})
    labels = {"x-1": "Hammersmith, Fulham, Kensington, Chelsea and Westminster (2022)", "y-1": "Gwent (2022)",
              "z-1": "Lewisham and Bromley (2022)"}
    fig = charts.vacancy_dots(frame, labels, 27, "median")
    ax = fig.axes[0]
    names, renderer = _label_boxes(fig)
    inverse = ax.transData.inverted()
    marks = [y for collection in ax.collections if collection.get_offsets().size
             for y in collection.get_offsets()[:, 1] if hasattr(collection, "get_sizes") and len(collection.get_sizes())]
    segments = [seg for collection in ax.collections if hasattr(collection, "get_segments")
                for seg in collection.get_segments()]
    assert len(names) == 3 and len(marks) == 9 and len(segments) > 6  # 3 grades of 3 rows (2 not known)
    for name in names:
        box = name.get_window_extent(renderer)
        top, bottom = sorted(inverse.transform([(box.x0, box.y1), (box.x0, box.y0)])[:, 1])
        assert not any(top <= y <= bottom for y in marks), name.get_text()  # no dot inside a label's band
        for seg in segments:  # gridlines, zero and reference lines stop short of every label
            low, high = sorted(seg[:, 1])
            assert high < top or low > bottom, (name.get_text(), seg)
    plt.close(fig)


def test_a_chart_of_counts_starts_its_axis_at_zero():
    frame = pd.DataFrame({"as_of_start": pd.to_datetime(["2021-06-30", "2023-06-30", "2025-06-30"]),
                          "value": [3500.0, 4400.0, 5519.0], "series": ["a", "a", "b"]})
    fig = charts.series_chart(frame, "Probation officers in post (FTE)")
    low, high = fig.axes[0].get_ylim()
    assert low == 0 and high > 5519
    plt.close(fig)


# --- downloads ---------------------------------------------------------------------------------------------
def _decoded(link: str) -> tuple[str, str]:
    from urllib.parse import unquote

    name = re.search(r'download="([^"]+)"', link).group(1)
    return name, unquote(html.unescape(re.search(r'href="([^"]+)"', link).group(1)).split(",", 1)[1])


def test_a_csv_download_starts_with_a_byte_order_mark_for_excel():
    name, data = _decoded(display.csv_link(pd.DataFrame({"note": ["the Inspectorate’s “view” – 2022"]}), "Notes"))
    assert name == "notes.csv" and data == "\ufeffNote\nthe Inspectorate’s “view” – 2022\n"


def test_the_excel_download_has_a_frozen_filtered_header_fitting_widths_and_an_about_sheet():
    import io

    import openpyxl

    frame = pd.DataFrame({"pdu": ["Gwent", "Hammersmith, Fulham, Kensington, Chelsea and Westminster"],
                          "round": [1, 2], "score": [6, None], "Sources": ["https://example.org/a", ""]})
    about = [("Title", "Every inspection"), ("Licence", "OGL"), ("Data release", "pdukit data release 2026-12-01")]
    book = openpyxl.load_workbook(io.BytesIO(display.excel_bytes(frame, about)))
    assert book.sheetnames == ["Data", "About"]
    sheet = book["Data"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D3"
    assert sheet["B2"].value == 1 and isinstance(sheet["C2"].value, int | float)  # numbers stay numbers
    widths = {c: sheet.column_dimensions[c].width for c in "ABCD"}
    assert widths["A"] > widths["B"] and 9 <= widths["B"] <= 60 and widths["A"] <= 60
    assert [tuple(r) for r in book["About"].iter_rows(values_only=True)] == about
    link = display.excel_link(frame, "every-inspection", about)
    assert 'download="every-inspection.xlsx"' in link and "data:application/vnd.openxmlformats" in link


def _captured(monkeypatch):
    from pdukit.report import page as report

    shown: list[str] = []
    monkeypatch.setattr(report, "_show", shown.append)
    return shown


def test_every_download_is_named_after_its_page(release, monkeypatch):
    """Issue: every page's source list downloaded as 'sources.csv', and the national and region pages shared
    'inadequate-share-by-region.csv'."""
    from pdukit.report.page import Page

    shown = _captured(monkeypatch)
    assert Page(release, "regions", "Wales").file_name("inadequate-share-by-region") == "wales-inadequate-share-by-region"
    assert Page(release, "regions", "Wales").file_name("Wales inspections") == "wales-inspections"
    assert Page(release, "national").file_name("inadequate-share-by-region") == "england-and-wales-inadequate-share-by-region"
    assert Page(release, "audit").file_name("audit-points") == "audit-points"
    assert Page(release, "notebook").file_name("Changes") == "changes"
    page = Page(release, "pdus")
    page.place = "Essex North"  # a PDU page learns its place after it starts
    page.cite(release.sources.source_id.head(3))
    page.sources()
    assert 'download="essex-north-sources.csv"' in shown[-1]


def test_a_table_can_download_another_frame_than_it_shows(release, monkeypatch):
    from pdukit.report.page import Page

    shown = _captured(monkeypatch)
    page = Page(release, "national")
    ins = release.inspections.head(6)
    readable_frame = ins[["pdu_id", "score", "source_ids"]].assign(score=lambda f: f.score.map(lambda x: f"{x} of 27"))
    numbers = ins[["pdu_id", "score", "score_max"]]
    page.table(readable_frame, "Scores", filename="scores", excel=True, download=numbers)
    markup = shown[-1]
    assert "of 27</td>" in markup
    _, data = _decoded(re.search(r'<a class="download" download="england-and-wales-scores.csv"[^>]*>', markup).group(0))
    head, *rows = data.lstrip("\ufeff").splitlines()
    assert "of 27" not in data and "Sources" in head  # numbers as numbers, with the shown frame's sources
    assert 'download="england-and-wales-scores.xlsx"' in markup


def test_a_wide_table_of_data_scrolls_rather_than_becoming_a_screen_per_row(release):
    """Issue: the table of every inspection was 79 cards on a phone (one cell of 129 characters made it 'records')."""
    table = readable.every_inspection(release)
    shown = readable.for_reader(table)
    assert display.layout_of(shown) == "wide"
    markup = display.table_html(table, "Every inspection", key="Overall rating")
    assert 'class="table-scroll wide tall"' in markup and 'class="print-note"' in markup
    assert display.layout_of(pd.DataFrame({"a": ["x" * 70], "b": ["y"]})) == "records"


def test_a_long_source_list_is_folded_and_names_no_file_path(release):
    many = display.sources_html(release.sources.head(30))
    assert many.startswith('<details class="sources"><summary>Show all 30 documents')
    few = display.sources_html(release.sources.head(3))
    assert few.startswith('<ol class="sources">')
    unlinked = release.sources[~release.sources.url.astype(str).str.startswith("http")]
    assert len(unlinked) and "data/raw" not in display.sources_html(unlinked)
    assert "held by the compilers" in display.sources_html(unlinked)


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
    """Issue: 'Greater Manchester and Wales reported none' headed the table on 13 pages while their inspections
    gave vacancy rates of 26% to 38%; the Greater Manchester range mixed a region-wide 24% into 'its inspections'."""
    from pdukit.analysis.official import staffing_beside_outcomes
    from pdukit.narrative import official as official_words

    beside = staffing_beside_outcomes(release)
    title = official_words.beside_outcomes_title(beside)
    assert title == ("London had the most vacancies in September 2023 (457 FTE); the answer printed 0 for Greater "
                     "Manchester and Wales")
    assert "The answer prints 0 for Greater Manchester and Wales, as given here." in \
        official_words.beside_outcomes_caveat(beside, release)
    point = mainpoints.official_point(release, "Greater Manchester")
    assert point.headline == ("A written answer to Parliament prints 0 for Greater Manchester region's probation "
                           "vacancies in September 2023; a printed 0 need not mean none.")
    assert ("Greater Manchester's 3 inspections with a probation officer vacancy rate gave 26% to 38% (reports "
            "published May 2023)") in point.detail
    assert "24%" not in point.detail and "Its inspections" not in point.detail  # the region-wide rate is not an inspection's
    national = mainpoints.official_point(release)
    for text in (title, national.headline, *(mainpoints.official_point(release, r).headline for r in pdukit.REGIONS)):
        assert "reported none" not in text and "no vacancies" not in text


def test_ties_share_a_rank_and_a_printed_zero_is_never_ranked_fewest(release):
    """Issue: 'East Midlands ... the third fewest of the 12 regions' counted the two printed zeros as real."""
    assert mainpoints.official_point(release, "North West").headline.endswith("joint fourth most of the 12 regions.")
    east = mainpoints.official_point(release, "East Midlands")
    assert east.headline == ("East Midlands region had 28 FTE probation vacancies in September 2023, the fewest of the "
                             "10 regions not printed as 0.")
    assert "a printed 0 need not mean no vacancies, so they are left out of this ranking" in east.detail
    assert mainpoints.official_point(release, "North East").headline.endswith(
        "joint second fewest of the 10 regions not printed as 0.")
    assert not [r for r in pdukit.REGIONS if "fewest of the 12" in mainpoints.official_point(release, r).headline]


def test_a_mark_for_an_unpublished_source_keeps_the_word_a_reader_sees(release, monkeypatch):
    """Issue: recommendations resting on an unpublished letter read 'Asked of: region †' (the code, not the word);
    their download's Sources column held a path inside the repository (data/raw/seeds/...)."""
    from pdukit.analysis import recommendations
    from pdukit.analysis.official import unlinked_only
    from pdukit.report.page import Page

    shown = _captured(monkeypatch)
    recs = recommendations.recommendation_themes(release)
    unlinked = recs[unlinked_only(release, recs).to_numpy()]
    assert len(unlinked), "the bundled release has recommendations resting only on an unpublished document"
    page = Page(release, "regions", "Greater Manchester")
    page.table(unlinked[["addressee", "theme", "source_ids"]], "Themes", filename="themes")
    markup = shown[-1]
    assert re.search(r'data-label="Asked of"[^>]*>The (?:PDU|region) †<', markup), markup[:800]
    assert not re.search(r">(?:pdu|region|hmpps) †<", markup)
    _, data = _decoded(re.search(r'<a class="download" download="greater-manchester-themes.csv"[^>]*>', markup).group(0))
    assert "data/raw" not in data and "no public web address" in data


def test_a_constant_column_empty_in_every_row_is_left_out_not_said():
    """Issue: 'In every row, Note: not in any source.' under 27 tables."""
    from pdukit.report.page import _said_once

    frame = pd.DataFrame({"pdu_id": ["gwent", "wrexham"], "rating": ["Inadequate", "Good"], "note": [None, None]})
    shown, said = _said_once(frame, keep=set())
    assert list(shown.columns) == ["pdu_id", "rating"] and said == ""



def test_a_pdu_page_keeps_its_regions_vacancy_count_out_of_its_main_points(release):
    """Issue: every PDU page's main points carried 'London region had 457 FTE probation vacancies in September
    2023', read as the PDU's own staffing (40 pages had no figure of their own). It is said in the staffing
    section instead, as region-wide, dated against the PDU's latest report, with the region's size."""
    pdus = sorted(set(release.inspections.pdu_id))
    assert len(pdus) == 65
    for pdu_id in pdus:
        text = " ".join(f"{p.headline} {p.detail}" for p in mainpoints.pdu(release, pdu_id))
        assert "probation vacancies in" not in text and "prints 0 vacancies" not in text, pdu_id
    lewisham, ids = mainpoints.regional_staffing(release, "lewisham-and-bromley")
    assert lewisham.startswith("A region-wide figure, not this PDU's own: London region had 457 FTE probation "
                               "vacancies in September 2023, the most of the 12 regions.")
    assert "latest report (round 1) was published in November 2022, 10 months before that figure" in lewisham
    assert "London region has 18 current PDUs in the Ministry of Justice register" in lewisham and ids
    assert "was published in 2025, 16 to 27 months after that figure" in mainpoints.regional_staffing(release, "dyfed-powys")[0]
    assert "latest report (round 2) has no known publication date" in \
        mainpoints.regional_staffing(release, "gateshead-and-south-tyneside")[0]
    tameside = mainpoints.regional_staffing(release, "tameside")[0]
    assert "own: a written answer to Parliament prints 0 for Greater Manchester region's probation vacancies" in tameside
    assert "Its inspections" not in tameside and "Greater Manchester's 3 inspections" in tameside


def test_a_pdus_comparison_gives_each_median_its_n_and_a_disagreement_is_one_row(release):
    """Issues: 'Region median' figures carried no n (Lewisham and Bromley's was its own 32%); Bedfordshire's
    disagreement about planning was printed twice, once per other value."""
    comparison = outcomes.pdu_comparison(outcomes.staffing_outcomes(release), "lewisham-and-bromley",
                                         release.inspection_labels)
    table = readable.comparison_table(release, comparison).set_index("Figure")
    assert table.at["PO vacancy % (2022)", "Region median"] == "only this PDU's figure (n = 1)"
    assert table.at["PO vacancy % (2022)", "National median"] == "27% (n = 16)"
    tameside = readable.comparison_table(release, outcomes.pdu_comparison(
        outcomes.staffing_outcomes(release), "tameside", release.inspection_labels)).set_index("Figure")
    assert tameside.at["PO vacancy % (2023)", "Region median"] == "27% (n = 3)"
    bedfordshire = readable.readable_disagreements(release, "bedfordshire")
    assert len(bedfordshire) == 1 and bedfordshire["Other value"].iloc[0] == "Inadequate; Requires improvement"
    assert len(readable.readable_disagreements(release)) == len(release.disagreements) - 1


def test_a_later_official_figure_is_said_beside_the_one_ranked_never_ranked_with_it(release):
    """Release 2026-12-02: the answer of March 2024 gives Greater Manchester 15 FTE vacancies in December 2023,
    after the September 2023 answer printed 0; London 463 after 457. Said beside, dated, never ranked together."""
    gm = mainpoints.official_point(release, "Greater Manchester")
    assert gm.headline == ("A written answer to Parliament prints 0 for Greater Manchester region's probation "
                           "vacancies in September 2023; a printed 0 need not mean none.")
    assert "A later written answer gives 15 FTE for December 2023, after the answer that printed 0" in gm.detail
    assert "parliament-wq-2024-03-20-vacancies" in gm.source_ids
    london = mainpoints.official_point(release, "London")
    assert london.headline.endswith("457 FTE probation vacancies in September 2023, the most of the 12 regions.")
    assert "463 FTE for December 2023" in london.detail and "not read as a trend" in london.detail
    assert "later written answer" not in mainpoints.official_point(release, "Wales").detail  # no December figure


def test_the_national_medians_can_be_rebuilt_from_the_table_of_every_inspection(release):
    """Issue: the PSO median said n = 11 but the every-inspection download held 8 PSO rates (Greater Manchester's
    three, dated by their source, were text in 'Other staffing figures')."""
    table = readable.every_inspection(release)
    staffed = outcomes.staffing_outcomes(release)
    for grade, short in (("spo", "SPO"), ("po", "PO"), ("pso", "PSO")):
        column = table[f"{short} vacancy rate (%)"].astype(float)
        assert column.notna().sum() == staffed[grade].notna().sum(), grade
        assert column.median() == staffed[grade].astype(float).median(), grade
    tameside = table[table.pdu == "Tameside"]
    assert tameside["PSO vacancy rate (%)"].tolist() == [5]
    assert tameside["Vacancy rates as of"].tolist() == ["SPO and PO at inspection; PSO January 2023"]


def test_headline_parts_add_up_and_few_inspections_get_no_per_cent(release):
    """Review 4: 'Of 14 PDUs inspected twice, 3 improved, 7 kept their rating and 3 got worse' summed to 13 (Hull
    and East Riding's latest rating is in no source); 'Greater Manchester: 0 of 3 (0%) ... against 50%' set a share
    of three beside the nation's."""
    assert mainpoints.change_point(release).headline == ("Of 14 PDUs inspected twice, 3 improved, 7 kept their "
                                                         "rating, 3 got worse and 1 cannot be compared.")
    assert titles.change({"improved": 3, "worse": 3, "no change": 7}, 14).endswith("7 kept their rating and 1 cannot "
                                                                                   "be compared")
    assert titles.change({"improved": 3, "worse": 3, "no change": 8}, 14).endswith("3 got worse and 8 kept their rating")
    ins = release.inspections
    gm = mainpoints.ratings_point(release, ins[ins.region == "Greater Manchester"], "Greater Manchester")
    assert gm.headline == ("0 of Greater Manchester's 3 rated inspections were Inadequate; too few to compare with "
                           "England and Wales (50%).")
    east = mainpoints.ratings_point(release, ins[ins.region == "East Midlands"], "East Midlands")
    assert east.headline == "6 of 8 (75%) of East Midlands' rated inspections were Inadequate, against 50% in England and Wales."
    assert share_of(1, 2) == "1 of 2" and share_of(4, 5) == "4 of 5 (80%)"


def test_the_correlation_says_whether_the_rates_a_reader_can_check_carry_it(release):
    """Review 4: 'No clear link' rests on 16 rates, 9 of them unpublished; the 7 a reader can check are too few
    alone for pdukit's threshold of 8, and the point says so rather than report a correlation of 7."""
    point = mainpoints.association_point(outcomes.staffing_outcomes(release), "po", release=release)
    assert "9 resting only on unpublished documents" in point.headline
    assert "The 7 that can be checked online are too few on their own to tell either way" in point.detail


def test_a_score_inside_its_own_ratings_observed_range_is_not_called_consistent(release):
    """Review 4: '14 consistent' rested on bands inferred from the same published scores: circular. Gwent's 6 of 27
    lies in the range of scores published as Requires improvement, which checks no rule."""
    from pdukit.analysis.audit import run_audit

    table = run_audit(release)
    bands = table[table.check == "rating_band"]
    gwent = bands[bands.subject == "gwent-1"].iloc[0]
    assert gwent.status == "not_recomputable" and "no published band table" in gwent.detail
    assert not (bands.status == "consistent").any()


def test_official_figures_beside_outcomes_download_as_numbers(release):
    """Review 4: the download held '32 FTE' and '2 of 9 (22%)' as text."""
    from pdukit.analysis import official as official_figures
    from pdukit.narrative import official as official_words

    frame = official_words.beside_outcomes_download(official_figures.staffing_beside_outcomes(release))
    shown = readable.for_reader(frame, csv=True)
    london = shown[shown.Region == "London"].iloc[0]
    assert london["Vacancies (FTE)"] == 457 and london["Rated inspections"] == 6 and london["Rated Inadequate"] == 4
    assert london["Share (%)"] == 67 and london["As of"] == "2023-09"


def test_a_score_out_of_24_says_why(release):
    """Review 4: Manchester North's '10 of 24', where every other page says 'of 27', was explained only in the
    glossary."""
    score = mainpoints.pdu(release, "manchester-north")[1]
    assert score.headline == "It scored 10 of 24 in May 2023."
    assert "court work (2.1) was not rated here, so the most is 24" in score.detail
    gwent = [p for p in mainpoints.pdu(release, "gwent") if p.headline.startswith("It scored 6 of 27")]
    assert gwent and "most is 24" not in gwent[0].detail


def test_the_backlog_headline_keeps_its_definition_and_its_unpublished_source(release):
    """Review 4: 'its own counts give 27.2%' dropped that one definition was applied and that the counts rest on an
    unpublished GMB/SCOOP document."""
    from pdukit.analysis.audit import run_audit

    expected = "one definition applied to its own counts gives 27.2%, counts from an unpublished document."
    assert any(p.headline.endswith(expected) for p in mainpoints.audit(release, run_audit(release)))
    assert any(p.headline.endswith(expected) for p in mainpoints.pdu(release, "west-sussex"))
