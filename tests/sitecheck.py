"""The whole-site check: every rendered page opened in headless Chromium (Selenium + chromium-driver) at a phone's and
a desktop's width, and every defect a reader would see listed, not just the first.

Each check is a plain function from what the browser measured on one page (a `Snapshot`) to a list of `Defect`s
(check, page, width, description). `check_page` loads one page and runs them all; `check_site` does every page at
every width, one browser per width; `summary` groups the defects by check with counts, the worst page and examples.
tests/test_site.py is the pytest wrapper; run this file directly to check a folder rendered already:

    .venv/bin/python tests/sitecheck.py /tmp/site [--report report.txt] [--json defects.json] [--screenshots DIR]
"""

from __future__ import annotations

import argparse
import csv
import html.parser
import importlib.util
import io
import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

WIDTHS = (390, 1280)
HEIGHTS = {390: 844, 1280: 900}
# axe at the phone's width only: it is the stricter one (smaller type makes colour contrast stricter; tables scroll
# sideways there, so scroll boxes must be focusable) and axe is most of the check's time (about 0.8 s a page).
AXE_WIDTHS = (390,)
MIN_CHART_TEXT_PX = {390: 11.0, 1280: 12.0}  # the smallest chart text on screen, in CSS px
OVERLAP_PX = 2.0  # two labels' boxes may touch by this much in both directions
MAX_ROW_PX = {390: 160.0}  # the tallest table row allowed (only checked at these widths)
EXAMPLES = 15

# The key columns of the reports' tables: the column a reader opens the table for (the rating, the change, the
# audit's result, the measured value, the share). Matched case-insensitively against the header cell's text, with a
# trailing unit in brackets ("Share (%)") ignored. At 390 px their right edge must be on screen without scrolling
# sideways, inside the table's own scroll box as well as the page.
KEY_COLUMNS = ("overall rating", "rating", "latest rating", "change", "result", "value", "share", "this pdu",
               "per cent sufficient", "recomputed", "kept", "status")

CHECKS = {
    "program-text": "Python warnings, tracebacks, error lines or file-system paths in the page's text",
    "raw-number": "counts shown as decimals, shares or intervals shown as raw fractions (text, charts, tables, CSV), "
                  "dates written as 2024-01-25 (text, charts, tables: a CSV keeps them)",
    "broken-link": "a relative link or #anchor whose file or id does not exist",
    "small-chart-text": "chart text under 11 px on screen at 390 px, under 12 px at 1280 px (smallest per chart)",
    "label-overlap": "two chart labels whose boxes overlap by more than 2 px",
    "label-split": "a chart label broken inside a word",
    "tall-row": "a table row over 160 px tall at 390 px",
    "key-column": "a table's key column (KEY_COLUMNS: rating, change, result, value, share...) off screen at 390 px",
    "axe": "an axe-core violation of impact serious or critical (at 390 px)",
    "console": "anything printed to the browser console",
    "empty-section": "a section heading with nothing under it before the next heading of its level",
}


@dataclass(frozen=True, order=True)
class Defect:
    check: str
    page: str
    width: int
    description: str

    def __str__(self) -> str:
        return f"{self.page} @{self.width}px: {self.description}"


@dataclass
class Snapshot:
    """What the browser measured on one page at one width (see SNAPSHOT_JS for the fields)."""
    page: str
    width: int
    data: dict
    console: list[str] = field(default_factory=list)
    axe: list[dict] | None = None


# ---------------------------------------------------------------------------------------------------------------
# The browser

def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def axe_script() -> str | None:
    """axe.min.js as bundled by the PyPI package axe-playwright-python (only the script is used, not Playwright)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "axe.min.js"
    return path.read_text(encoding="utf-8") if path.exists() else None


def start_browser(width: int, profile: Path | None = None):  # -> selenium WebDriver
    """Headless Chromium at `width` CSS px (a phone, with its viewport meta honoured, below 600 px), network off,
    console logged, a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = profile or Path(tempfile.mkdtemp(prefix="sitecheck-profile-"))
    options = Options()
    options.binary_location = chromium() or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
                 f"--user-data-dir={profile}", f"--window-size={width},{HEIGHTS.get(width, 900)}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": HEIGHTS.get(width, 900), "deviceScaleFactor": 1, "mobile": width < 600})
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(60)
    driver.sitecheck_profile = profile  # removed by stop_browser
    return driver


def stop_browser(driver) -> None:
    driver.quit()
    shutil.rmtree(getattr(driver, "sitecheck_profile", ""), ignore_errors=True)


def load(driver, path: Path) -> list[str]:
    """Open a page; return what it printed to the console while loading."""
    driver.get_log("browser")  # drop what an earlier page printed
    driver.get(path.resolve().as_uri())
    driver.execute_script("return document.fonts ? document.fonts.ready.then(() => true) : true")
    return [f"{e['level']}: {e['message']}" for e in driver.get_log("browser")]


def full_page_screenshot(driver, target: Path) -> None:
    """A PNG of the whole page at the browser's width (full height)."""
    import base64

    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    target.write_bytes(base64.b64decode(shot["data"]))


# One call per page: opens every <details> (a reader opens them), then measures text, charts, tables and links.
SNAPSHOT_JS = r"""
document.querySelectorAll('details').forEach(d => { d.open = true; });
document.scrollingElement.scrollLeft = 0;
const visible = el => { const cs = getComputedStyle(el);
  return cs.display !== 'none' && cs.visibility !== 'hidden' && el.getClientRects().length > 0; };
const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const clip = (s, n) => { s = (s || '').replace(/\s+/g, ' ').trim(); return s.length > n ? s.slice(0, n - 1) + '…' : s; };
const out = {text: document.body ? document.body.innerText : '', attrs: [], charts: [], tables: [], links: [],
             ids: [], downloads: [], innerWidth: window.innerWidth};
document.querySelectorAll('[aria-label], [title], [alt]').forEach(el => {
  for (const a of ['aria-label', 'title', 'alt']) if (el.hasAttribute(a)) out.attrs.push(el.getAttribute(a)); });
document.querySelectorAll('[id]').forEach(el => out.ids.push(el.id));
document.querySelectorAll('a[name]').forEach(el => out.ids.push(el.getAttribute('name')));
document.querySelectorAll('a[href], area[href]').forEach(a => out.links.push([a.getAttribute('href'), clip(a.textContent, 60)]));
document.querySelectorAll('a[download]').forEach(a => out.downloads.push([a.getAttribute('download'), a.getAttribute('href') || '']));
const chartName = (svg, i) => { const fig = svg.closest('figure');
  const t = fig && (fig.querySelector('.chart-title') || fig.querySelector('figcaption'));
  return clip((t && t.textContent) || svg.getAttribute('aria-label') || ('chart ' + (i + 1)), 70); };
document.querySelectorAll('svg').forEach((svg, i) => {
  if (!svg.querySelector('text') || !visible(svg)) return;
  const groups = new Map(); const gid = el => { if (!groups.has(el)) groups.set(el, groups.size); return groups.get(el); };
  const lines = [];
  const line = (el, group) => { const t = el.textContent; if (!t.trim() || !visible(el)) return;
    const m = el.getScreenCTM(); const scale = m ? Math.hypot(m.a, m.b) : 1;
    lines.push({text: t, box: box(el), size: parseFloat(getComputedStyle(el).fontSize) * scale, group: gid(group)}); };
  svg.querySelectorAll('text').forEach(t => {
    const spans = [...t.querySelectorAll('tspan')].filter(s => s.textContent.trim());
    const tops = new Set(spans.map(s => Math.round(s.getBoundingClientRect().top)));
    if (spans.length > 1 && tops.size > 1) spans.forEach(s => line(s, t)); else line(t, t.parentElement);
  });
  out.charts.push({name: chartName(svg, i), lines});
});
document.querySelectorAll('table').forEach((table, i) => {
  if (!visible(table)) return;
  let scroller = table.parentElement;
  while (scroller && scroller !== document.body && !['auto', 'scroll', 'hidden'].includes(getComputedStyle(scroller).overflowX))
    scroller = scroller.parentElement;
  let visibleRight = window.innerWidth;
  if (scroller && scroller !== document.body) { scroller.scrollLeft = 0;
    const r = scroller.getBoundingClientRect(); visibleRight = Math.min(visibleRight, r.left + scroller.clientLeft + scroller.clientWidth); }
  const fig = table.closest('figure');
  const cap = (table.caption && table.caption.textContent) || (fig && (fig.querySelector('.chart-title, .table-caption') || {}).textContent)
    || (scroller && scroller.getAttribute && scroller.getAttribute('aria-label')) || ('table ' + (i + 1));
  const headRow = table.tHead && table.tHead.rows.length ? table.tHead.rows[table.tHead.rows.length - 1]
    : [...table.rows].find(r => [...r.cells].every(c => c.tagName === 'TH'));
  const headers = headRow ? [...headRow.cells].map(c => ({text: clip(c.innerText, 80), right: c.getBoundingClientRect().right})) : [];
  const rows = [...table.rows].map(r => ({height: r.getBoundingClientRect().height, head: r === headRow || r.parentElement.tagName === 'THEAD',
    cells: [...r.cells].map(c => clip(c.innerText, 200))}));
  out.tables.push({name: clip(cap, 70), visibleRight, headers, rows});
});
const hide = [...document.querySelectorAll('table, svg')].map(el => [el, el.style.display]);
hide.forEach(([el]) => { el.style.display = 'none'; });
out.prose = document.body ? document.body.innerText : '';  // the text outside tables and charts
hide.forEach(([el, was]) => { el.style.display = was; });
return out;
"""

AXE_RUN_JS = r"""
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,
  help: v.help, nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160), impact: n.impact}))}))))
  .catch(e => done({error: String(e)}));
"""


def snapshot(driver, root: Path, page: str, width: int, axe: str | None = None) -> Snapshot:
    """Load `page` (relative to `root`) and measure it; with `axe`, run axe-core on it too."""
    console = load(driver, root / page)
    data = driver.execute_script(SNAPSHOT_JS)
    found = None
    if axe:
        driver.execute_script(axe)
        found = driver.execute_async_script(AXE_RUN_JS)
        if isinstance(found, dict):  # axe itself failed: say so as a defect, do not hide it
            found = [{"id": "axe-error", "impact": "critical", "help": found.get("error", "?"), "nodes": []}]
    return Snapshot(page, width, data, console, found)


# ---------------------------------------------------------------------------------------------------------------
# The checks: each a plain function of a Snapshot (and, for links, the folder) returning defects

def _clip(text: str, n: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _around(text: str, match: re.Match, n: int = 40) -> str:
    return _clip(text[max(0, match.start() - n): match.end() + n], 2 * n + 40)


PROGRAM_TEXT = [
    ("a Python warning", re.compile(r"\b[A-Z]\w*Warning\b|\bWarning:")),
    ("a traceback", re.compile(r"Traceback \(most recent call last\)|^\s*File \"[^\"]+\", line \d+")),
    ("a Python error line", re.compile(r"^[\s>]*(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Interrupt)(?::|\s*$)")),
    ("an 'Error:' line", re.compile(r"^\s*Error:")),
    ("a file-system path", re.compile(r"(?<![\w.:/])(?:/(?:work|home|tmp|root|usr|opt|var|srv|mnt)/[\w.\-/]*"
                                      r"|[A-Za-z]:\\[\w\\.\- ]+)")),
    ("site-packages", re.compile(r"site-packages|dist-packages|\.venv\b")),
    ("a source line reference", re.compile(r"\.(?:py|pyx|ipynb):\d+|\.py\", line \d+|\bline \d+, in \w+")),
    ("a path inside the repository", re.compile(r"(?<![\w/])(?:data|lib|notebooks)/(?:raw|curation|releases|pdukit)/")),
]


def check_program_text(snap: Snapshot) -> list[Defect]:
    """Program text a reader should never see: Python warnings, tracebacks, error lines, file-system paths. One
    defect per line of text, naming every kind found on it."""
    defects = []
    texts = [("text", snap.data["prose"])] + [("an attribute", a) for a in snap.data["attrs"]]
    texts += [(f'chart "{c["name"]}"', "\n".join(ln["text"] for ln in c["lines"])) for c in snap.data["charts"]]
    texts += [(f'table "{t["name"]}"', "\n".join(c for r in t["rows"] for c in r["cells"])) for t in snap.data["tables"]]
    for name, href in snap.data["downloads"]:  # a download's reader has the file, not the repository
        rows = decode_csv(href)
        if rows:
            texts.append((f"download {name}", "\n".join(c for row in rows for c in row)))
    for where, text in texts:
        for line in text.splitlines():
            kinds = [what for what, pattern in PROGRAM_TEXT if pattern.search(line)]
            if kinds:
                first = min((m for _, p in PROGRAM_TEXT for m in [p.search(line)] if m), key=lambda m: m.start())
                defects.append(Defect("program-text", snap.page, snap.width,
                                      f"{' and '.join(kinds)} in the {where}: {_around(line, first, 30)!r}"))
    return _dedupe(defects)


NUMBER = r"(?<![\w.])[-+−]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.]*\d)"
LONG_DECIMAL = re.compile(r"(?<![\w.])[-+−]?\d+\.\d{4,}(?:[eE][-+]?\d+)?(?![\w])")
SCIENTIFIC = re.compile(r"(?<![\w.])[-+−]?\d+(?:\.\d+)?[eE][-+]?\d+(?![\w.])")
RAW_FRACTION = re.compile(r"(?<![\w.])[-+−]?0\.\d{3,}(?![\w.])")
DECIMAL_COUNT = re.compile(r"(?<![\w.])\d+\.0\s+(?:of|out of)\s+\d+(?:\.\d+)?(?![\w.])|(?<![\w.])\d+\s+(?:of|out of)\s+"
                           r"\d+\.0(?![\w.])|\b[nN]\s*=\s*\d+\.\d+(?![\w.])|(?<![\w.])\d+\.0\s+(?:inspections?|PDUs?|"
                           r"cases|ratings?|recommendations?|requirements|documents?|sources?|standards?)\b")
NUMERIC_CELL = re.compile(r"^\s*[-+−]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\s*%?\s*$")
PERCENT_HEADER = re.compile(r"%|\bper ?cent\b|\bshare\b|\bpercentage\b", re.I)
COUNT_HEADER = re.compile(r"^n$|\b(?:count|number|inspections?|cases|PDUs|ratings|rated|known|stated|implied|documents|"
                          r"sources|requirements|inadequate|good|outstanding|requires improvement)\b", re.I)
RATIO_HEADER = re.compile(r"\b(?:rho|r|correlation|coefficient|ratio|score|standard)\b", re.I)


NUMBER_KINDS = (("a count shown as a decimal", DECIMAL_COUNT), ("a number in scientific notation", SCIENTIFIC),
                ("a number with 4+ decimals", LONG_DECIMAL), ("a raw fraction", RAW_FRACTION))
SHORT_KINDS = {"a count shown as a decimal": "counts as decimals", "a number in scientific notation": "scientific notation",
               "a number with 4+ decimals": "4+ decimals", "a raw fraction": "raw fractions"}


def _raw_numbers(text: str) -> list[tuple[str, re.Match]]:
    """(kind, match) for every number in `text` that no reader should see: one kind per number."""
    found: list[tuple[str, re.Match]] = []
    for label, pattern in NUMBER_KINDS:
        for m in pattern.finditer(text):
            if not any(m.start() < o.end() and o.start() < m.end() for _, o in found):
                found.append((label, m))
    return found


def _number(cell: str) -> float | None:
    cell = cell.strip().replace("−", "-").rstrip("%").strip()
    if not NUMERIC_CELL.match(cell):
        return None
    try:
        return float(cell)
    except ValueError:
        return None


WEB_ADDRESS = re.compile(r"https?://|data/raw/seeds/")


def _table_defects(headers: list[str], rows: list[list[str]], where: str) -> list[str]:
    """One description per column of a table (shown or downloaded) with numbers no reader should see: raw
    fractions, long decimals, scientific notation, counts as decimals ('6.0 of 27'), whole numbers written as
    decimals ('12.0') down the column, fractions (0 to 1) beside columns given in per cent."""
    found = []
    percent_table = any(PERCENT_HEADER.search(h) for h in headers)
    for i in range(max([len(headers)] + [len(r) for r in rows])):
        header = headers[i] if i < len(headers) else f"column {i + 1}"
        # a web address is not a number a reader reads: '...?id=20.51887' is part of a link
        cells = [r[i] for r in rows if i < len(r) and r[i].strip() and not WEB_ADDRESS.search(r[i])]
        problems: Counter[str] = Counter()
        examples: list[str] = []
        for cell in cells:
            for kind, m in _raw_numbers(cell):
                problems[SHORT_KINDS[kind]] += 1
                examples.append(m.group().strip())
        numbers = [(c, _number(c)) for c in cells]
        numbers = [(c.strip(), v) for c, v in numbers if v is not None]
        if numbers and len(numbers) >= len(cells) / 2:
            whole = [c for c, _ in numbers if re.fullmatch(r"[-+]?\d+\.0+", c)]
            if (whole and len(whole) == len(numbers) and not PERCENT_HEADER.search(header)
                    and (len(whole) >= 2 or COUNT_HEADER.search(header))):
                problems["whole numbers written as decimals"] = len(whole)
                examples += whole
            fractions = [c for c, v in numbers if 0 <= v <= 1 and "." in c]
            if (percent_table and fractions and not PERCENT_HEADER.search(header) and not RATIO_HEADER.search(header)
                    and all(0 <= v <= 1 for _, v in numbers)):
                problems["fractions beside per-cent columns"] = len(fractions)
                examples += fractions
        if problems:
            said = ", ".join(f"{k} ({n})" for k, n in problems.items())
            shown = ", ".join(dict.fromkeys(_clip(e, 24) for e in examples[:3]))
            found.append(f"column {header!r} of {where}: {said}; e.g. {shown}")
    return found


def decode_csv(href: str) -> list[list[str]] | None:
    if not href.startswith("data:text/csv"):
        return None
    meta, _, payload = href.partition(",")
    if ";base64" in meta:
        import base64
        text = base64.b64decode(payload).decode("utf-8", "replace")
    else:
        text = unquote(payload)
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))  # the byte-order mark Excel needs


# a date as a machine writes it; a release's version (a name that happens to be a date) is its name, not a date
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}[a-z]?(?![\w-])")
VERSION_BEFORE = re.compile(r"(?:release|draft|version)\s*(?:<[^>]*>\s*)*$", re.I)


def _iso_dates(text: str) -> list[re.Match]:
    return [m for m in ISO_DATE.finditer(text) if not VERSION_BEFORE.search(text[max(0, m.start() - 40):m.start()])]


def check_raw_numbers(snap: Snapshot) -> list[Defect]:
    """Counts as decimals ('10.0 of 14.0', 'n = 12.0') and shares or intervals not shown as rounded percentages
    (0.0632251, 5.55e-17, a fraction column beside '%' columns) in the text, chart labels, tables (one defect per
    column) and CSV downloads (decoded from their data: links; one defect per column)."""
    found: list[str] = []
    prose = snap.data["prose"]  # the text outside tables and charts: those are checked below
    found += [f"{kind} in the text: {m.group().strip()!r} in {_around(prose, m, 30)!r}" for kind, m in _raw_numbers(prose)]
    for chart in snap.data["charts"]:
        for line in chart["lines"]:
            found += [f'{kind} in a label of chart "{chart["name"]}": {line["text"].strip()!r}'
                      for kind, _ in _raw_numbers(line["text"])]
    for table in snap.data["tables"]:
        body = [r["cells"] for r in table["rows"] if not r["head"]]
        found += _table_defects([h["text"] for h in table["headers"]], body, f'table "{table["name"]}"')
    found += [f"a date written as {m.group()!r} in the text: {_around(prose, m, 30)!r}" for m in _iso_dates(prose)]
    for chart in snap.data["charts"]:
        found += [f'a date written as {m.group()!r} in a label of chart "{chart["name"]}"'
                  for line in chart["lines"] for m in _iso_dates(line["text"])]
    for table in snap.data["tables"]:
        dates = [m.group() for r in table["rows"] for c in r["cells"] for m in _iso_dates(c)]
        if dates:
            found.append(f'{len(dates)} dates written as {dates[0]!r} in table "{table["name"]}"')
    for name, href in snap.data["downloads"]:
        rows = decode_csv(href)
        if rows:
            found += _table_defects(rows[0], rows[1:], f"download {name}")
    return _dedupe(Defect("raw-number", snap.page, snap.width, f) for f in found)


class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if value and (key == "id" or (key == "name" and tag == "a")):
                self.ids.add(value)


_IDS: dict[Path, set[str]] = {}


def page_ids(path: Path) -> set[str]:
    """The ids (and <a name>s) of a page on disk; the reports have no scripts, so these are the DOM's ids."""
    path = path.resolve()
    if path not in _IDS:
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        _IDS[path] = parser.ids
    return _IDS[path]


def check_links(snap: Snapshot, root: Path) -> list[Defect]:
    """Every relative link and #anchor resolves: the file exists, and the anchor is an id in the target page."""
    defects = []
    here = (root / snap.page).resolve()
    own = set(snap.data["ids"])
    for href, text in snap.data["links"]:
        href = (href or "").strip()
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//") or not href:
            continue  # http(s), mailto, data: downloads; tests/test_browser.py keeps the network out
        target = (here.parent / unquote(parts.path)).resolve() if parts.path else here
        what = f"link {href!r} ({text!r})"
        if parts.path and not target.exists():
            defects.append(Defect("broken-link", snap.page, snap.width, f"{what}: no file {_rel(target, root)}"))
            continue
        if parts.path and target.is_dir():
            defects.append(Defect("broken-link", snap.page, snap.width, f"{what}: {_rel(target, root)} is a folder"))
            continue
        if parts.fragment:
            ids = own if target == here else page_ids(target)
            if parts.fragment not in ids and unquote(parts.fragment) not in ids:
                defects.append(Defect("broken-link", snap.page, snap.width,
                                      f"{what}: no id {unquote(parts.fragment)!r} in {_rel(target, root)}"))
    return _dedupe(defects)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def check_chart_text_size(snap: Snapshot) -> list[Defect]:
    """Chart text on screen at least 11 px at 390 px wide (12 px at 1280): the smallest text of each chart."""
    limit = MIN_CHART_TEXT_PX.get(snap.width, MIN_CHART_TEXT_PX[max(MIN_CHART_TEXT_PX)])
    defects = []
    for chart in snap.data["charts"]:
        small = [ln for ln in chart["lines"] if ln["size"] < limit - 0.05]
        if small:
            worst = min(small, key=lambda ln: ln["size"])
            defects.append(Defect("small-chart-text", snap.page, snap.width,
                                  f'chart "{chart["name"]}": smallest text {worst["size"]:.1f} px (< {limit:g}), '
                                  f'{_clip(worst["text"], 40)!r}; {len(small)} of {len(chart["lines"])} texts under {limit:g} px'))
    return defects


def _intersection(a: list[float], b: list[float]) -> tuple[float, float]:
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


def check_label_overlap(snap: Snapshot) -> list[Defect]:
    """No two texts of one chart whose on-screen boxes overlap by more than OVERLAP_PX in both directions."""
    defects = []
    for chart in snap.data["charts"]:
        lines = chart["lines"]
        for i, a in enumerate(lines):
            for b in lines[i + 1:]:
                dx, dy = _intersection(a["box"], b["box"])
                if dx > OVERLAP_PX and dy > OVERLAP_PX:
                    defects.append(Defect("label-overlap", snap.page, snap.width,
                                          f'chart "{chart["name"]}": {_clip(a["text"], 40)!r} and '
                                          f'{_clip(b["text"], 40)!r} overlap by {dx:.0f}x{dy:.0f} px'))
    return defects


WORD = re.compile(r"[A-Za-z\u00C0-\u024F']+")


def check_label_split(snap: Snapshot) -> list[Defect]:
    """No chart label broken inside a word: one line of a label ends in a letter, the next starts with a lowercase
    letter, and the two pieces joined make a word that appears unbroken elsewhere on the page ("Staffordshir" + "e")."""
    words = {w.lower() for w in WORD.findall(snap.data["text"])}
    for chart in snap.data["charts"]:
        for line in chart["lines"]:
            words |= {w.lower() for w in WORD.findall(line["text"])}
    words |= {w.lower() for a in snap.data["attrs"] for w in WORD.findall(a)}
    defects = []
    for chart in snap.data["charts"]:
        groups: dict[int, list[dict]] = {}
        for line in chart["lines"]:
            groups.setdefault(line["group"], []).append(line)
        for lines in groups.values():
            lines = sorted(lines, key=lambda ln: (round(ln["box"][1]), ln["box"][0]))
            for upper, lower in zip(lines, lines[1:], strict=False):
                first, second = upper["text"].rstrip("\n"), lower["text"].lstrip()
                if not (first and second and first[-1].isalpha() and second[0].isalpha() and second[0].islower()):
                    continue
                head = WORD.findall(first)[-1] if WORD.findall(first) else ""
                tail = WORD.match(second)
                joined = (head + (tail.group() if tail else "")).lower()
                if head and tail and joined in words:
                    defects.append(Defect("label-split", snap.page, snap.width,
                                          f'chart "{chart["name"]}": label {_clip(first, 40)!r} + {_clip(second, 40)!r} '
                                          f'breaks the word {joined!r}'))
    return defects


def check_tall_rows(snap: Snapshot) -> list[Defect]:
    """No table row taller than MAX_ROW_PX at the widths it is set for (390 px)."""
    limit = MAX_ROW_PX.get(snap.width)
    if limit is None:
        return []
    defects = []
    for table in snap.data["tables"]:
        for n, row in enumerate(table["rows"], start=1):
            if row["height"] > limit:
                tallest = max(row["cells"], key=len) if row["cells"] else ""
                defects.append(Defect("tall-row", snap.page, snap.width,
                                      f'table "{table["name"]}" row {n} ({_clip(row["cells"][0] if row["cells"] else "", 30)!r}) '
                                      f'is {row["height"]:.0f} px tall (> {limit:g}); longest cell {_clip(tallest, 50)!r}'))
    return defects


def _key(header: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", " ".join(header.split())).strip().lower()


def check_key_columns(snap: Snapshot) -> list[Defect]:
    """At 390 px, the key columns of every table (KEY_COLUMNS) end inside the visible width of the table's scroll
    box and the page, with nothing scrolled sideways."""
    if snap.width >= 600:
        return []
    defects = []
    for table in snap.data["tables"]:
        edge = min(table["visibleRight"], snap.data["innerWidth"])
        for header in table["headers"]:
            if _key(header["text"]) in KEY_COLUMNS and header["right"] > edge + 1:
                defects.append(Defect("key-column", snap.page, snap.width,
                                      f'table "{table["name"]}": column {header["text"]!r} ends at '
                                      f'{header["right"]:.0f} px, {header["right"] - edge:.0f} px past the visible {edge:.0f} px'))
    return defects


def check_axe(snap: Snapshot) -> list[Defect]:
    """axe-core violations of impact serious or critical: one defect per rule and page, with its first nodes."""
    defects = []
    for v in snap.axe or []:
        if v.get("impact") not in ("serious", "critical"):
            continue
        nodes = v.get("nodes", [])
        example = "; ".join(f"{n['target']} {_clip(n['html'], 70)}" for n in nodes[:2])
        defects.append(Defect("axe", snap.page, snap.width, f"{v['id']} ({v['impact']}, {len(nodes)} elements): "
                              f"{v.get('help', '')}; e.g. {example}"))
    return defects


def check_console(snap: Snapshot) -> list[Defect]:
    """Nothing printed to the browser console while the page loads."""
    return [Defect("console", snap.page, snap.width, _clip(line, 200)) for line in snap.console]


HEADING = re.compile(r"<h([1-3])\b[^>]*>(.*?)</h\1>", re.S)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def _words(markup: str) -> str:
    text = re.sub(r"<[^>]+>", " ", SCRIPT_OR_STYLE.sub(" ", markup))
    return html.unescape(text).replace("¶", "").strip()


def check_empty_sections(snap: Snapshot, root: Path) -> list[Defect]:
    """A heading (h2, h3) followed by nothing a reader can read (no text, table or chart) before the next heading of
    the same or a higher level: a section left empty. Read from the page's file (the reports have no scripts)."""
    page = (root / snap.page).read_text(encoding="utf-8")
    main = page.split("<main", 1)[-1].split("</main>", 1)[0] if "<main" in page else page
    headings = list(HEADING.finditer(main))
    defects = []
    for i, heading in enumerate(headings):
        level = int(heading.group(1))
        if level == 1:
            continue
        end = next((h.start() for h in headings[i + 1:] if int(h.group(1)) <= level), len(main))
        body = main[heading.end():end]
        if not _words(body) and "<svg" not in body and "<table" not in body:
            defects.append(Defect("empty-section", snap.page, snap.width, f"nothing under {_words(heading.group(2))!r}"))
    return defects


def _dedupe(defects: Iterable[Defect]) -> list[Defect]:
    return list(dict.fromkeys(defects))


PAGE_CHECKS: dict[str, Callable[[Snapshot], list[Defect]]] = {
    "program-text": check_program_text,
    "raw-number": check_raw_numbers,
    "small-chart-text": check_chart_text_size,
    "label-overlap": check_label_overlap,
    "label-split": check_label_split,
    "tall-row": check_tall_rows,
    "key-column": check_key_columns,
    "axe": check_axe,
    "console": check_console,
}


# What the page says, not how it is laid out: the same at every width, so check_site runs these at the first only.
CONTENT_CHECKS = ("program-text", "raw-number", "broken-link", "label-split", "empty-section")


def run_checks(snap: Snapshot, root: Path, content: bool = True) -> list[Defect]:
    """Every check on one measured page; with content=False, only those that depend on the width."""
    defects = check_links(snap, root) + check_empty_sections(snap, root) if content else []
    for name, check in PAGE_CHECKS.items():
        if content or name not in CONTENT_CHECKS:
            defects += check(snap)
    return defects


def check_page(driver, root: Path, page: str, width: int, axe: str | None = None, content: bool = True) -> list[Defect]:
    """Load one page in `driver` (already at `width`) and run every check on it (see run_checks)."""
    return run_checks(snapshot(driver, root, page, width, axe), root, content)


# ---------------------------------------------------------------------------------------------------------------
# The site

def site_pages(root: Path) -> list[str]:
    """Every .html under the folder but the failed/ and notebooks/ folders, as paths relative to it."""
    pages = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root)
        if rel.parts[0] not in ("failed", "notebooks"):
            pages.append(rel.as_posix())
    return pages


def _check_width(root: Path, pages: list[str], width: int, axe: str | None, content: bool) -> list[Defect]:
    driver = start_browser(width)
    try:
        defects = []
        for page in pages:
            defects += check_page(driver, root, page, width, axe if width in AXE_WIDTHS else None, content)
        return defects
    finally:
        stop_browser(driver)


def check_site(root: Path, widths: Iterable[int] = WIDTHS, axe: str | None = None) -> list[Defect]:
    """Every page at every width, one browser per width (the widths run side by side); the content checks at the
    first width only."""
    root, pages, widths = Path(root), site_pages(Path(root)), list(widths)
    with ThreadPoolExecutor(max_workers=len(widths)) as pool:
        results = list(pool.map(lambda w: _check_width(root, pages, w, axe, w == widths[0]), widths))
    return sorted(d for found in results for d in found)


def worst_page(defects: list[Defect]) -> tuple[str, int] | None:
    return Counter(d.page for d in defects).most_common(1)[0] if defects else None


def _kind(description: str) -> str:
    """A defect's description without its particulars (quoted text, numbers): what kind of defect it is."""
    return re.sub(r"'[^']*'|\"[^\"]*\"|[\d.]+", "", description)[:48]


def summary(defects: list[Defect], check: str, examples: int = EXAMPLES) -> str:
    """One check's defects for a developer: count, pages, worst page, then examples of every kind of defect in
    turn (the commonest first), each from a page not shown yet where there is one, worst pages first."""
    mine = [d for d in defects if d.check == check]
    if not mine:
        return f"{check}: no defects"
    pages = Counter(d.page for d in mine)
    worst, most = pages.most_common(1)[0]
    lines = [f"{check}: {len(mine)} defects on {len(pages)} pages ({CHECKS[check]}); worst page {worst} ({most})"]
    kinds: dict[str, list[Defect]] = {}
    for d in sorted(mine, key=lambda d: (-pages[d.page], d.page, d.width)):
        kinds.setdefault(_kind(d.description), []).append(d)
    queues = sorted(kinds.values(), key=len, reverse=True)
    picked: list[Defect] = []
    shown: set[str] = set()
    while len(picked) < min(examples, len(mine)):
        for queue in queues:
            if queue and len(picked) < examples:
                d = queue.pop(next((i for i, d in enumerate(queue) if d.page not in shown), 0))
                picked.append(d)
                shown.add(d.page)
    lines += [f"  {d}" for d in picked]
    if len(mine) > len(picked):
        lines.append(f"  ... and {len(mine) - len(picked)} more")
    return "\n".join(lines)


def report(defects: list[Defect], seconds: float | None = None, pages: int | None = None) -> str:
    head = f"{len(defects)} defects"
    if pages is not None:
        head += f" on {pages} pages at {', '.join(map(str, WIDTHS))} px"
    if seconds is not None:
        head += f", checked in {seconds:.0f} s"
    return "\n\n".join([head] + [summary(defects, check) for check in CHECKS])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder rendered by pdukit render --out")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    parser.add_argument("--json", type=Path, help="also write every defect to this file as JSON")
    parser.add_argument("--screenshots", type=Path, help="save a 390-px full-page PNG of each check's worst page here")
    args = parser.parse_args(argv)
    start = time.monotonic()
    defects = check_site(args.folder, axe=axe_script())
    text = report(defects, time.monotonic() - start, len(site_pages(args.folder)))
    print(text)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps([d.__dict__ for d in defects], indent=1), encoding="utf-8")
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
        driver = start_browser(390)
        try:
            for check in CHECKS:
                worst = worst_page([d for d in defects if d.check == check and d.width == 390]) or \
                    worst_page([d for d in defects if d.check == check])
                if worst:
                    load(driver, args.folder / worst[0])
                    driver.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; });")
                    full_page_screenshot(driver, args.screenshots / f"{check}--{worst[0].replace('/', '_')[:-5]}.png")
        finally:
            stop_browser(driver)
    return 1 if defects else 0


if __name__ == "__main__":
    sys.exit(main())
