"""Reports a reader understands: main points computed from the data, honest counts (each inspection once, stated
and implied apart), change between inspections, and plain words on every page."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import pdukit
from pdukit import load_release
from pdukit.analysis import summaries
from pdukit.dataset.manifest import write_manifest
from pdukit.narrative import mainpoints

PAGES = ["national.html", "audit.html", "regions/wales.html", "pdus/gwent.html", "index.html", "glossary.html"]


def test_national_main_points_state_real_counts_with_n(release):
    points = mainpoints.national(release)
    assert 3 <= len(points) <= 8
    assert all(len(p.headline.split()) <= 25 and p.detail for p in points)
    text = " ".join(f"{p.headline} {p.detail}" for p in points)
    assert "39 of 78 rated inspections were Inadequate, 38 Requires improvement, 1 Good" in text
    assert "79 inspections of 65 of the 112 PDUs in the register for England and Wales" in text
    assert "108 are current PDUs (63 inspected) and 4 have since merged or split (2 inspected)" in text
    assert "not cause" in text
    assert "London had the most probation vacancies of the 12 regions in September 2023: 457 FTE" in text


def test_main_points_change_when_the_data_change(release_copy):
    path = release_copy / "inspections.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("gwent-2,"))
    path.write_text(text.replace(row, row.replace("Requires improvement", "Inadequate")), encoding="utf-8")
    write_manifest(release_copy, release_copy.name, "2026-11-22T00:00:00Z")
    changed = load_release(release_copy)
    assert "40 of 78 rated inspections were Inadequate, 37 Requires improvement" in mainpoints.national(changed)[0].headline
    assert "Requires improvement in February 2022 and Inadequate in 2025" in mainpoints.pdu(changed, "gwent")[0].headline


def test_time_chart_counts_each_inspection_once_under_its_best_known_year(release):
    by_year = summaries.inspections_by_year(release)
    assert {"cardiff-and-the-vale-2", "gwent-2", "north-wales-2", "sunderland-2"} <= set(by_year["2025"])
    undated = set(release.inspections[release.inspections.published.isna()].inspection_id)
    assert set(by_year[summaries.NO_DATE]) == undated
    table = summaries.ratings_by_year(release)
    assert table.n.sum() == len(release.inspections) == sum(len(v) for v in by_year.values())
    assert table.year.iloc[-1] == summaries.NO_DATE


def test_standard_counts_keep_stated_and_implied_apart(release):
    counts = summaries.standard_counts(release).set_index("standard")
    case = counts.loc[list(mainpoints.CASE_STANDARDS)]
    assert (int(case.n.sum()), int(case.Inadequate.sum())) == (73, 69)
    assert (int(case.inadequate_stated.sum()), int(case.inadequate_implied.sum())) == (23, 46)
    assert (counts.inadequate_stated + counts.inadequate_implied == counts.Inadequate).all()
    assert list(counts.index[:2]) == ["leadership", "staff"]  # framework order


def test_change_between_inspections_names_direction(release):
    point = mainpoints.change_point(release)
    assert point.headline == "Of 14 PDUs inspected twice, 3 improved, 7 kept their rating, 3 got worse and 1 cannot be compared."
    assert "Gateshead and South Tyneside (Good to Requires improvement)" in point.detail
    assert "framework changed" in point.detail


def test_pdu_point_and_unpaid_work_caveat(release):
    assert mainpoints.pdu(release, "gwent")[0].headline == (
        "Gwent was rated Requires improvement in February 2022 and again in 2025.")
    west_sussex = " ".join(f"{p.headline} {p.detail}" for p in mainpoints.pdu(release, "west-sussex"))
    assert "published as 70%" in west_sussex and "27.2%" in west_sussex and "another definition" in west_sussex


def test_association_sentence_is_honest(release):
    from pdukit.analysis.outcomes import staffing_outcomes
    from pdukit.narrative.mainpoints import association_sentence

    sentence = association_sentence(staffing_outcomes(release), "po")
    assert sentence.startswith("No clear link between probation officer (PO) vacancy rates and overall ratings "
                               "across 16 inspections.")
    assert "higher probation officer (PO) vacancy rates went slightly with worse overall ratings" in sentence
    assert "Spearman's rho −0.19, 95% interval −0.63 to +0.31, n = 16" in sentence and "not cause" in sentence


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_pages_speak_plain_words(rendered, page):
    text = (rendered / page).read_text(encoding="utf-8")
    headers = re.findall(r"<th[^>]*>(.*?)</th>", text, re.S)
    assert not [h for h in headers if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", h.strip())], headers
    body = text.split("<main", 1)[1].split("</main>", 1)[0]
    visible = re.sub(r"<svg.*?</svg>|<span class=\"url\">.*?</span>", " ", body, flags=re.S)  # a URL is not an id
    visible = re.sub(r"<[^>]+>", " ", re.sub(r'href="[^"]*"|download="[^"]*"', "", visible))
    assert not re.findall(r"\b(?:seed|hmip|bbc|web|blog|council|napo|moj)-[0-9a-f]{3,6}\b", visible)
    assert not re.findall(r"\b[a-z]+(?:-[a-z]+)*-[12]\b", visible), "a raw inspection id is visible"
    assert "glossary.html" in text


@pytest.mark.slow
@pytest.mark.parametrize("page,title", [("national.html", "England and Wales"), ("regions/wales.html", "Wales region"),
                                        ("pdus/gwent.html", "Gwent PDU")])
def test_each_report_opens_with_its_place_and_main_points(rendered, page, title):
    text = (rendered / page).read_text(encoding="utf-8")
    main = text.split("<main", 1)[1]
    assert re.search(r"<h1[^>]*>[^<]*" + re.escape(title.split()[0]), main)
    assert main.index('class="main-points"') < main.index("<h2", main.index("Main points") + 20)
    assert f"<title>{title}" in text


def test_rating_by_year_table_has_no_zero_for_unknown(release):
    table = summaries.ratings_by_year(release)
    assert isinstance(table, pd.DataFrame) and "Not known" in table.columns


def test_csv_downloads_neutralise_formulas_and_use_readable_headers():
    from pdukit.narrative.readable import header
    from pdukit.report.display import csv_text

    frame = pd.DataFrame({"overall_rating": ["Good"], "note": ['=HYPERLINK("http://x.example","click")'],
                          "value": [-4.0], "text": ["+ more"]})
    text = csv_text(frame)
    assert text.splitlines()[0] == "Overall rating,Note,Value,Recommendation"
    assert "'=HYPERLINK" in text and "'+ more" in text and ",-4," in text
    with pytest.raises(ValueError, match="no reader's label"):
        header("with_standards")


def test_charts_draw_edge_cases_without_error(release):
    import matplotlib.pyplot as plt

    from pdukit.report import charts

    empty = pd.DataFrame({"inspection_id": ["x-1"], "po": [pd.NA]})
    plt.close(charts.vacancy_dots(empty.astype({"po": "Float64"}), {}))
    plt.close(charts.change_chart(pdukit.compare_rounds(release).head(1)))
    plt.close(charts.stacked_rating_bars(summaries.ratings_by_year(release).head(1), "year"))
