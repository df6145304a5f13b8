"""Reports that travel, checked in a real browser (Debian's chromium through chromium-driver, with Selenium): no
sideways scroll on a phone, charts with real alternative text, a CSV download under every chart and every table
of five or more rows (safe to open in a spreadsheet), breadcrumbs and links between reports, no console error, no
request leaving the file, and every page prints to PDF."""

from __future__ import annotations

import base64
import csv
import io
import os
import re
import shutil
from urllib.parse import unquote

import pytest

from pdukit.dataset.validate import looks_like_formula

pytestmark = pytest.mark.slow
DRIVER = shutil.which("chromedriver")
if not (DRIVER and shutil.which("chromium")) and not os.environ.get("CI"):
    pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)", allow_module_level=True)

PAGES = ["index.html", "glossary.html", "national.html", "audit.html", "regions/wales.html", "pdus/gwent.html"]


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=390,844"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1,
                                                                  "mobile": True})
    yield driver
    driver.quit()


def _open(browser, path):
    browser.get(path.as_uri())
    browser.get_log("browser")  # drop anything from an earlier page
    browser.get_log("performance")
    browser.refresh()
    return browser


def _csv(href: str) -> list[list[str]]:
    assert href.startswith("data:text/csv;charset=utf-8,")
    return list(csv.reader(io.StringIO(unquote(href.split(",", 1)[1]))))


@pytest.mark.parametrize("page", PAGES)
def test_a_page_on_a_phone(rendered, browser, page):
    from selenium.webdriver.common.by import By

    path = rendered / page
    assert path.stat().st_size < 2_000_000, "a report must stay one file under 2 MB"
    b = _open(browser, path)
    assert b.execute_script("return document.documentElement.scrollWidth") <= b.execute_script("return window.innerWidth"), \
        "the page scrolls sideways at 390 px"
    errors = [e for e in b.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == [], errors
    leaving = [e["message"] for e in b.get_log("performance") if '"Network.requestWillBeSent"' in e["message"]
               and '"url":"http' in e["message"].replace(" ", "")]
    assert leaving == [], leaving
    assert b.find_elements(By.CSS_SELECTOR, 'nav[aria-label="Breadcrumb"]'), "no breadcrumbs"
    assert b.find_elements(By.CSS_SELECTOR, 'a[href$="glossary.html"]') or page == "glossary.html"
    for chart in b.find_elements(By.CSS_SELECTOR, "figure.chart"):
        label = chart.find_element(By.CSS_SELECTOR, "svg").get_attribute("aria-label") or ""
        assert len(label) >= 20 and label.strip().lower() not in ("chart", "figure"), label
        assert chart.find_elements(By.CSS_SELECTOR, "a.download[download]"), "a chart without its data"
    for figure in b.find_elements(By.CSS_SELECTOR, "figure.table"):
        rows = len(figure.find_elements(By.CSS_SELECTOR, "tbody tr"))
        if rows >= 5:
            assert figure.find_elements(By.CSS_SELECTOR, "a.download[download]"), "a table of 5+ rows without its data"
    for link in b.find_elements(By.CSS_SELECTOR, "a.download"):
        href = link.get_attribute("href")
        if href.startswith("data:image/svg+xml"):  # the chart itself, with its title, source and licence inside
            svg = unquote(href.split(",", 1)[1])
            words = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
            assert svg.startswith("<svg") and "Licence: Open Government Licence v3.0" in words
            continue
        if href.startswith("data:application/vnd.openxmlformats"):  # the Excel twin of a CSV
            continue
        table = _csv(href)
        assert len(table) >= 2 and all(len(r) == len(table[0]) for r in table)
        assert not any("_" in h and h == h.lower() for h in table[0]), table[0]
        for row in table[1:]:
            for cell in row:
                assert not looks_like_formula(cell), cell


def test_links_between_reports(rendered, browser):
    from selenium.webdriver.common.by import By

    def hrefs(page):
        b = _open(browser, rendered / page)
        return [a.get_attribute("href") for a in b.find_elements(By.CSS_SELECTOR, "main a[href], header a[href]")]

    national = hrefs("national.html")
    assert sum("/regions/" in h for h in set(national)) >= 12 and any(h.endswith("/audit.html") for h in national)
    gwent = hrefs("pdus/gwent.html")
    assert any(h.endswith("/regions/wales.html") for h in gwent) and any(h.endswith("/national.html") for h in gwent)
    assert any("/audit.html#gwent" in h for h in gwent)
    wales = hrefs("regions/wales.html")
    assert any(h.endswith("/pdus/gwent.html") for h in wales)
    audit = hrefs("audit.html")
    assert any("/pdus/" in h for h in audit)
    b = _open(browser, rendered / "pdus" / "gwent.html")
    crumbs = [li.text for li in b.find_elements(By.CSS_SELECTOR, 'nav[aria-label="Breadcrumb"] li')]
    assert crumbs == ["All reports", "Wales region", "Gwent PDU"]


@pytest.mark.parametrize("page", ["national.html", "regions/wales.html", "pdus/gwent.html", "audit.html"])
def test_every_report_prints_to_pdf(rendered, browser, page):
    _open(browser, rendered / page)
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
