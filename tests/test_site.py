"""The whole-site check (tests/sitecheck.py): every report rendered once, every page opened in headless Chromium at
390 and 1280 px, one test per check, each failing with every defect of its class (count, pages, worst page,
examples). Then small synthetic pages, one defect each, showing that every check can fail and that a clean page
passes them all.

Run it alone: .venv/bin/python -m pytest tests/test_site.py (about 3 minutes: render 50 s, the pages 2 min)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

import sitecheck
from conftest import shared_once
from sitecheck import CHECKS, Defect

# make test runs --dist loadfile: this file's tests run on one worker (which renders and checks the site once) while
# the other worker runs the rest of the suite. Under any other distribution shared_once still renders and checks
# once per run, and a second worker waits for the result.
pytestmark = pytest.mark.slow
if not (shutil.which("chromedriver") and sitecheck.chromium()) and not os.environ.get("CI"):
    pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)", allow_module_level=True)

AXE = sitecheck.axe_script()


@pytest.fixture(scope="session")
def site_defects(rendered_site, tmp_path_factory) -> list[Defect]:
    """Every defect on every page at every width, found once per test run; the full report is written beside."""

    def check(folder: Path) -> None:
        start = time.monotonic()
        defects = sitecheck.check_site(rendered_site, axe=AXE)
        seconds = time.monotonic() - start
        (folder / "defects.json").write_text(json.dumps([d.__dict__ for d in defects]))
        (folder / "report.txt").write_text(sitecheck.report(defects, seconds, len(sitecheck.site_pages(rendered_site))))

    folder = shared_once(tmp_path_factory, "site-check", check)
    return [Defect(**d) for d in json.loads((folder / "defects.json").read_text())]


def test_every_report_renders_and_every_page_is_checked(rendered_site):
    failed = sorted(p.name for p in (rendered_site / "failed").glob("*")) if (rendered_site / "failed").exists() else []
    assert (rendered_site.parent / "render-exit-code").read_text() == "0", f"reports failed to render: {failed}"
    pages = sitecheck.site_pages(rendered_site)
    assert {"index.html", "national.html", "audit.html", "glossary.html"} <= set(pages)
    assert sum(p.startswith("regions/") for p in pages) == 12 and sum(p.startswith("pdus/") for p in pages) >= 60
    assert not any(p.startswith(("failed/", "notebooks/")) for p in pages)


@pytest.mark.parametrize("check", list(CHECKS))
def test_site(site_defects, check):
    if check == "axe" and AXE is None:
        pytest.skip("axe-playwright-python (which bundles axe.min.js) is not installed")
    found = [d for d in site_defects if d.check == check]
    assert not found, "\n" + sitecheck.summary(site_defects, check)


# ---------------------------------------------------------------------------------------------------------------
# Each check can fail: a clean synthetic page passes every check; each variant has exactly one defect of one kind.

@pytest.fixture(scope="module")
def browsers():
    started: dict[int, object] = {}

    def get(width: int):
        if width not in started:
            started[width] = sitecheck.start_browser(width)
        return started[width]

    yield get
    for driver in started.values():
        sitecheck.stop_browser(driver)


CSV_CLEAN = "data:text/csv;charset=utf-8,Region%2CInadequate%2CShare%20(%25)%0AWales%2C2%2C25%0ALondon%2C4%2C67%0A"
CSV_FRACTIONS = ("data:text/csv;charset=utf-8,Region%2CShare%20(%25)%2CInterval%20from%0AWales%2C25%2C0.0714792"
                 "%0ALondon%2C67%2C0.3%0A")
CSV_DECIMAL_COUNTS = "data:text/csv;charset=utf-8,Region%2CInspections%0AWales%2C8.0%0ALondon%2C6.0%0A"
CHART_TEXT = '<text x="10" y="20" style="font-size: 13px">Wales</text><text x="10" y="60" style="font-size: 13px">London</text>'
TABLE_ROWS = "<tr><td>Gwent</td><td>Requires improvement</td><td>6 of 27</td></tr>"


def synthetic_page(chart: str = CHART_TEXT, table_head: str = "<th>PDU</th><th>Rating</th><th>Score</th>",
                   rows: str = TABLE_ROWS, body: str = "", csv: str = CSV_CLEAN) -> str:
    """A small page shaped like a report (landmarks, a chart, a table in a scroll box, links, a download)."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Synthetic report</title>
<style>body {{ font: 16px/1.5 sans-serif; margin: 0 16px; }} .table-scroll {{ overflow-x: auto; max-width: 100%; }}
td, th {{ padding: 4px 8px; text-align: left; }}</style></head>
<body><header><nav aria-label="Breadcrumb"><a href="other.html#top">All reports</a></nav></header>
<main><h1 id="top">Gwent PDU</h1>
<p>Staffordshire and Stoke: 2 of 8 (25%) Inadequate; standards 2.2 to 2.5; Spearman rho -0.19 (95% interval -0.63
to +0.31). <a href="#ratings">Ratings</a>.</p>
<figure><figcaption class="chart-title">Ratings by region</figcaption>
<svg role="img" aria-label="Bar chart of ratings by region" width="300" height="100" viewBox="0 0 300 100">{chart}</svg>
</figure>
<figure><figcaption class="table-caption" id="ratings">Ratings</figcaption>
<div class="table-scroll" role="region" aria-label="Ratings" tabindex="0"><table><thead><tr>{table_head}</tr></thead>
<tbody>{rows}</tbody></table></div><a class="download" download="ratings.csv" href="{csv}">Download the data (CSV)</a>
</figure>{body}</main></body></html>"""


WIDE = "".join(f'<th style="min-width: 150px">Column {i}</th>' for i in range(4))
CASES = {
    # name: (check, width, page keyword arguments, a phrase the one defect's description must contain)
    "a warning": ("program-text", 390, {"body": "<pre>/work/x/lib/pdukit/display.py:155: UserWarning: no layout</pre>"},
                  "a Python warning and a file-system path and a source line reference"),
    "a traceback": ("program-text", 390, {"body": "<pre>Traceback (most recent call last):</pre>"}, "a traceback"),
    "an error line": ("program-text", 390, {"body": "<pre>KeyError: 'region'</pre>"}, "a Python error line"),
    "a decimal count": ("raw-number", 390, {"body": "<p>Wales: 2.0 of 8.0 rated inspections Inadequate.</p>"},
                        "'2.0 of 8.0'"),
    "a repository path in prose": ("program-text", 390, {"body": "<p>Source: data/raw/seeds/004_x.txt</p>"},
                                   "a path inside the repository"),
    "an empty section": ("empty-section", 390, {"body": "<h2>Findings</h2><h2>Recommendations</h2><p>None.</p>"},
                         "nothing under 'Findings'"),
    "an ISO date in prose": ("raw-number", 390, {"body": "<p>Answered 25 January 2024 (2024-01-25).</p>"},
                             "a date written as '2024-01-25'"),
    "a raw fraction in a label": ("raw-number", 390, {"chart": CHART_TEXT + '<text x="150" y="20">0.0632251</text>'},
                                  "4+ decimals in a label"),
    "scientific notation in a cell": ("raw-number", 390, {"rows": TABLE_ROWS + "<tr><td>Kent</td><td>Good</td>"
                                                          "<td>5.55e-17</td></tr>"}, "column 'Score'"),
    "fractions in a download": ("raw-number", 390, {"csv": CSV_FRACTIONS},
                                "column 'Interval from' of download ratings.csv: 4+ decimals (1), fractions beside"),
    "counts as decimals in a download": ("raw-number", 390, {"csv": CSV_DECIMAL_COUNTS},
                                         "column 'Inspections' of download ratings.csv: whole numbers written as decimals"),
    "a missing file": ("broken-link", 390, {"body": '<a href="regions/nowhere.html">Nowhere</a>'}, "no file"),
    "a missing anchor": ("broken-link", 390, {"body": '<a href="#nowhere">Nowhere</a>'}, "no id 'nowhere'"),
    "a missing anchor in another page": ("broken-link", 390, {"body": '<a href="other.html#gwent">Gwent</a>'},
                                         "no id 'gwent' in other.html"),
    "small chart text": ("small-chart-text", 390, {"chart": CHART_TEXT + '<text x="150" y="90" style="font-size: 9px">'
                                                   'tiny</text>'}, "smallest text 9.0 px"),
    "text under 12 px on a desktop": ("small-chart-text", 1280, {"chart": CHART_TEXT + '<text x="150" y="90" '
                                      'style="font-size: 11.5px">small</text>'}, "11.5 px (< 12)"),
    "overlapping labels": ("label-overlap", 390, {"chart": CHART_TEXT + '<text x="14" y="24" style="font-size: 13px">'
                                                  'Swansea</text>'}, "'Wales' and 'Swansea' overlap"),
    "a label split mid-word": ("label-split", 390, {"chart": '<g><text x="10" y="20" style="font-size: 13px">'
                               'Staffordshir</text><text x="10" y="40" style="font-size: 13px">e and Stoke</text></g>'},
                               "breaks the word 'staffordshire'"),
    "a split label in tspans": ("label-split", 390, {"chart": '<text style="font-size: 13px"><tspan x="10" y="20">'
                                'Northamptons</tspan><tspan x="10" y="40">hire (2022)</tspan></text>',
                                "body": "<p>Northamptonshire</p>"}, "breaks the word 'northamptonshire'"),
    "a tall row": ("tall-row", 390, {"rows": TABLE_ROWS + '<tr><td>Kent</td><td><div style="height: 200px">Good</div>'
                                     '</td><td>—</td></tr>'}, "row 3 ('Kent')"),
    "a key column off screen": ("key-column", 390, {"table_head": f"<th>PDU</th>{WIDE}<th>Rating</th>",
                                                    "rows": "<tr>" + "<td>x</td>" * 6 + "</tr>"}, "column 'Rating'"),
    "an unnamed button": ("axe", 390, {"body": "<button></button>"}, "button-name (critical"),
    "a console message": ("console", 390, {"body": "<script>console.log('left in by mistake')</script>"},
                          "left in by mistake"),
}


def _check(browsers, tmp_path: Path, width: int, **page) -> list[Defect]:
    (tmp_path / "page.html").write_text(synthetic_page(**page), encoding="utf-8")
    (tmp_path / "other.html").write_text('<!DOCTYPE html><html lang="en"><title>Other</title><main id="top">'
                                         "</main></html>", encoding="utf-8")
    return sitecheck.check_page(browsers(width), tmp_path, "page.html", width, AXE)


@pytest.mark.parametrize("width", sitecheck.WIDTHS)
def test_a_clean_page_passes_every_check(browsers, tmp_path, width):
    assert AXE is not None, "axe-playwright-python (which bundles axe.min.js) is not installed"
    assert _check(browsers, tmp_path, width) == []


@pytest.mark.parametrize("case", list(CASES))
def test_each_check_finds_its_defect(browsers, tmp_path, case):
    check, width, page, phrase = CASES[case]
    if check == "axe" and AXE is None:
        pytest.skip("axe-playwright-python (which bundles axe.min.js) is not installed")
    defects = _check(browsers, tmp_path, width, **page)
    assert [d.check for d in defects] == [check], defects
    assert phrase in defects[0].description and defects[0].page == "page.html" and defects[0].width == width, defects[0]


def test_every_check_has_a_case_that_fails():
    assert {c for c, *_ in CASES.values()} == set(CHECKS)


def test_the_summary_groups_and_counts():
    defects = [Defect("tall-row", f"pdus/p{i % 3}.html", 390, f"row {i}") for i in range(20)]
    text = sitecheck.summary(defects, "tall-row")
    assert text.startswith("tall-row: 20 defects on 3 pages") and "worst page pdus/p0.html (7)" in text
    assert text.count("\n  pdus/") == sitecheck.EXAMPLES and "... and 5 more" in text
    assert sitecheck.summary(defects, "axe") == "axe: no defects"
