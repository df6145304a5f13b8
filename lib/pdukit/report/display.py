"""The HTML of what a page shows: tables that stack into cards on a phone, charts as inline SVG with their title,
sources, numbers and two downloads (the data as CSV, the chart itself as SVG with its title, source and licence
inside the image), main points as headlines, and sources by title.

Every function here returns markup; `pdukit.report.page.Page` decides what to show and keeps the sources of what
it showed. Everything from the data is escaped before it reaches HTML; every CSV cell a spreadsheet would run as a
formula is neutralised. All of it works offline from one file: charts are inline SVG and downloads are `data:` URIs.
"""

from __future__ import annotations

import functools
import html
import io
import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

import pandas as pd

from pdukit.dataset.names import slug
from pdukit.dataset.sources import web_address
from pdukit.dataset.validate import looks_like_formula
from pdukit.narrative.mainpoints import Point
from pdukit.narrative.readable import for_reader
from pdukit.narrative.titles import UNPUBLISHED
from pdukit.narrative.words import when
from pdukit.report import licence as licence_words

e = html.escape


# --- CSV ----------------------------------------------------------------------------------------------------
def neutralise(value):
    """A CSV cell a spreadsheet would run as a formula gets a leading apostrophe; numbers pass unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """A frame as CSV for a spreadsheet: readable headers, codes in words, shares as rounded per cents, empty for
    unknown, formula-like cells neutralised."""
    shown = for_reader(frame, csv=True).astype(object).map(neutralise)
    if "Sources" in frame.columns:  # links added by the page, kept last
        shown["Sources"] = frame["Sources"].to_numpy()
    buffer = io.StringIO()
    shown.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


BOM = "\ufeff"  # so Excel on Windows reads a CSV as UTF-8 (curly quotes and dashes stay themselves)


def download(data: str, filename: str, mime: str, text: str) -> str:
    """An offline download link holding `data` itself."""
    href = f"data:{mime};charset=utf-8," + quote(data)
    return f'<a class="download" download="{e(filename)}" href="{href}">{e(text)}</a>'


def file_name(name: str, fallback: str = "data") -> str:
    """A download's file name (no extension): the slug of `name`."""
    return slug(name) or fallback


def csv_link(frame: pd.DataFrame, filename: str) -> str:
    """'Download the data (CSV, 12 rows)': UTF-8 with a byte-order mark, as Excel needs it."""
    rows = len(frame)
    return download(BOM + csv_text(frame), f"{file_name(filename)}.csv", "text/csv",
                    f"Download the data (CSV, {rows} row{'s' if rows != 1 else ''})")


def excel_bytes(frame: pd.DataFrame, about: Sequence[tuple[str, str]] = ()) -> bytes:
    """The frame as an Excel workbook: the same cells as the CSV (numbers as numbers) on a sheet 'Data' with its
    header row frozen, a filter on every column and widths that fit the columns' text, then a sheet 'About' of
    (label, text) rows: title, sources, licence, data release."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    shown = for_reader(frame, csv=True).astype(object).map(neutralise)
    if "Sources" in frame.columns:
        shown["Sources"] = frame["Sources"].to_numpy()
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        shown.to_excel(writer, index=False, sheet_name="Data")
        sheet = writer.sheets["Data"]
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for i, column in enumerate(shown.columns, start=1):
            longest = max([len(str(column)) * 0.8] + [len(str(x)) for x in shown[column] if x is not None and x == x])
            sheet.column_dimensions[get_column_letter(i)].width = min(60.0, max(9.0, longest * 1.1 + 2))
        if about:
            info = writer.book.create_sheet("About")
            for label, text in about:
                info.append([label, text])
            info.column_dimensions["A"].width = 16
            info.column_dimensions["B"].width = 100
            for row in info.iter_rows():
                row[0].font = Font(bold=True)
                row[0].alignment = Alignment(vertical="top")
                row[1].alignment = Alignment(wrap_text=True, vertical="top")
    return buffer.getvalue()


def excel_link(frame: pd.DataFrame, filename: str, about: Sequence[tuple[str, str]] = ()) -> str:
    """'Download as Excel (79 rows)': the same cells as the CSV and a sheet 'About' (see `excel_bytes`), held in
    the page itself."""
    import base64

    data = base64.b64encode(excel_bytes(frame, about)).decode("ascii")
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return (f'<a class="download" download="{e(file_name(filename))}.xlsx" href="data:{mime};base64,{data}">'
            f"Download as Excel ({len(frame)} rows)</a>")


# --- tables -------------------------------------------------------------------------------------------------
PHONE_PX = 358  # the text width of a 390 px phone
CHAR_PX = 7.4  # an average character of 14 px table text
CELL_PAD_PX = 16
WRAP_CHARS = 18  # a cell's text wraps at about this many characters before its column gets wider
HALF_LINE = 24  # characters: a stacked card's cell longer than this takes the card's whole width
LONG_TEXT = 64  # characters: a table with a cell this long is text to read, shown as a list of records...
WIDE_TEXT = 140  # ...unless it is a wide table of data whose longest cell still fits a row under 160 px on a phone
WIDE_COLUMNS = 7  # a table wider than this scrolls sideways on a phone (key column second); narrower ones stack
TALL_ROWS = 20  # a scrolling table of more rows than this scrolls inside a box a screen high, its header in view


def layout_of(shown: pd.DataFrame) -> str:
    """How a table is laid out on a phone: 'fit' (it fits as a table), 'stack' (each row a card), 'wide' (it
    scrolls sideways, its first and key columns in view) or 'records' (long text: a list of records). A table of
    many columns with a few longish cells (the table of every inspection) stays a table that scrolls: as records
    its every row would be a screen of its own."""
    longest = max((len(str(text)) for text in shown.to_numpy().ravel()), default=0)
    if longest > LONG_TEXT and (len(shown.columns) <= WIDE_COLUMNS or longest > WIDE_TEXT):
        return "records"
    width = sum(min(max([len(str(x)) for x in shown[c]] + [max(len(w) for w in str(c).split() or [""])]), WRAP_CHARS)
                * CHAR_PX + CELL_PAD_PX for c in shown.columns)
    if width <= PHONE_PX:
        return "fit"
    return "stack" if len(shown.columns) <= WIDE_COLUMNS else "wide"


def _cell(text: str, href: str | None) -> str:
    return f'<a href="{e(href)}">{e(text)}</a>' if href else e(text)


def records_html(shown: pd.DataFrame, caption: str, links: Mapping[str, Mapping[str, str]], key: str) -> str:
    """Rows whose cells hold long text, as a list of records: the first column and the key column as the record's
    heading, its short cells on a line, its long text below (readable at any width)."""
    columns = list(shown.columns)
    first = columns[0]
    items = []
    for record in shown.to_dict("records"):
        title = _cell(record[first], links.get(first, {}).get(record[first]))
        head = f'<p class="record-head"><span class="record-title">{title}</span>' + (
            f' <span class="record-key">{e(key)}: <strong>{_cell(record[key], links.get(key, {}).get(record[key]))}'
            "</strong></span>" if key != first else "") + "</p>"
        short = [c for c in columns if c not in (first, key) and len(record[c]) <= 40 and record[c] != "—"]
        long = [c for c in columns if c not in (first, key) and len(record[c]) > 40]
        meta = " · ".join(f'<span class="record-field">{e(c)}: {_cell(record[c], links.get(c, {}).get(record[c]))}</span>'
                          for c in short)
        body = "".join(f'<p class="record-text"><span class="record-label">{e(c)}:</span> {e(record[c])}</p>'
                       for c in long)
        items.append(f"<li>{head}" + (f'<p class="record-meta">{meta}</p>' if meta else "") + body + "</li>")
    return f'<ul class="records" aria-label="{e(caption or "records")}">{"".join(items)}</ul>'


def table_html(frame: pd.DataFrame, caption: str, links: Mapping[str, Mapping[str, str]] | None = None,
               key: str | None = None, layout: str | None = None) -> str:
    """A table: readable headers, '—' for unknown, laid out for a phone by `layout_of`: a table that fits stays a
    table; a wider one stacks each row into a card headed by its first and `key` columns (default: the first), or
    scrolls sideways with the key column second, so the figure that matters is never off-screen; long text becomes
    a list of records. `links` maps a column to {cell text: href}."""
    shown = for_reader(frame)
    links = {k: dict(v) for k, v in (links or {}).items()}
    columns = list(shown.columns)
    key = str(key) if key in columns else (str(columns[0]) if columns else "")
    layout = layout or layout_of(shown)
    if layout == "records":
        return records_html(shown, caption, links, key)
    if layout == "wide" and key in columns[2:]:  # it scrolls: bring its key column next to the first
        columns.remove(key)
        columns.insert(1, key)
        shown = shown[columns]
    def th(column: str) -> str:
        classes = " ".join(c for c in ("key" if column == key else "", "long" if len(column) > HALF_LINE else "") if c)
        return f'<th scope="col"{f" class={chr(34)}{classes}{chr(34)}" if classes else ""}>{e(column)}</th>'

    head = "".join(th(c) for c in columns)
    # a column with a long value is long in every row: every card of a stacked table is laid out alike
    long = {c for c in columns if any(len(str(text)) > HALF_LINE for text in shown[c])}
    rows = []
    for record in shown.itertuples(index=False):
        cells = []
        for position, (column, text) in enumerate(zip(columns, record, strict=True)):
            classes = " ".join(c for c in ("first" if position == 0 else "", "key" if column == key and position else "",
                                           "empty" if text == "—" else "", "long" if column in long else "") if c)
            cls = f' class="{classes}"' if classes else ""
            cells.append(f'<td data-label="{e(column)}"{cls}>{_cell(text, links.get(column, {}).get(text))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    tall = " tall" if layout == "wide" and len(rows) > TALL_ROWS else ""
    note = (f'<p class="print-note">This table ({len(rows)} rows, {len(columns)} columns) is too big for paper: read it '
            "on the page online, or download its data from there.</p>" if tall else "")
    return (f'<div class="table-scroll {layout}{tall}" role="region" tabindex="0" aria-label="{e(caption or "table")}">'
            f'<table class="pdukit-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
            + note)


def table_figure(frame: pd.DataFrame, caption: str, *, sources: str, note: str = "", filename: str,
                 download_frame: pd.DataFrame, links=None, key: str | None = None, max_rows: int = 300,
                 excel: bool = False, layout: str | None = None, about: Sequence[tuple[str, str]] = ()) -> str:
    """A captioned table with its note, its sources and a CSV download of every row (and an Excel one, whose
    'About' sheet holds `about`)."""
    notes = [n for n in (note, sources) if n]
    if len(frame) > max_rows:
        notes.insert(0, f"First {max_rows} of {len(frame)} rows; the download has them all.")
    return (f'<figure class="pdukit-figure table"><figcaption class="table-caption">{e(caption)}</figcaption>'
            + table_html(frame.head(max_rows), caption, links, key, layout)
            + (f'<p class="figure-note">{" ".join(e(n) for n in notes)}</p>' if notes else "")
            + '<p class="downloads">' + csv_link(download_frame, filename)
            + (excel_link(download_frame, filename, about) if excel else "") + "</p></figure>")


# --- charts -------------------------------------------------------------------------------------------------
VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')
PT = 96 / 72  # matplotlib's SVG user unit is the point; CSS px per pt


MAX_SCALE = 1.0  # a chart is shown at most at its natural size: its 12 pt type is then 16 px, the body text's size


def inline_svg(svg: str, alt: str) -> str:
    """The chart as inline SVG: labelled with `alt` for screen readers, as wide as its column up to its natural
    width (MAX_SCALE), so its type is never larger than the body text on a desktop and stays 11 px or more on a
    390 px phone."""
    svg = svg[svg.index("<svg"):]
    match = VIEWBOX.search(svg)
    width = float(match.group(1)) * PT if match else 420.0
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{e(alt, quote=True)}" '
                              f'style="max-width:{width * MAX_SCALE:.0f}px"', 1)
    return re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + f"<title>{e(alt)}</title>", svg, count=1)


TITLE_PT, SUBTITLE_PT, FOOTER_PT = 13.0, 10.0, 8.0


@functools.lru_cache(maxsize=4096)  # a chart's title is measured word by word as it wraps: measure each line once
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of a line of text in DejaVu Sans (the downloaded chart's first font, wider than the Arial a viewer
    may fall back to): measured from the font, not guessed from a character count
    (bold is about 0.62 em a character, not 0.55), in the units of `size` (an SVG's user units)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal", size=size)
    return float(TextToPath().get_text_width_height_descent(text, font, ismath=False)[0])


def wrap_to(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `width` (at `size`, measured), broken at spaces only; a word wider than the
    whole line stands alone on its line (the image is then widened to hold it: see `standalone_svg`)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size, bold) * 1.03 <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def standalone_svg(svg: str, *, title: str, subtitle: str, source: str, licence: str = licence_words.CHART) -> str:
    """The chart as a file a journalist can reuse: its title and subtitle above it, its source and licence line
    below, all inside the image (text stays text), each wrapped to the image's real width by measuring the text,
    so nothing is cut off at the right. `licence` is the line the caller can state (by default pdukit's: the
    chart is pdukit's, the figures are their sources')."""
    svg = svg[svg.index("<svg"):]
    match = VIEWBOX.search(svg)
    width, height = (float(match.group(1)), float(match.group(2))) if match else (320.0, 240.0)
    chart_width, width = width, max(width, 300.0)
    blocks = [(text, size, bold, colour) for text, size, bold, colour in (
        (title, TITLE_PT, True, "#1d1d1d"), (subtitle, SUBTITLE_PT, False, "#555555"),
        (f"{source} {licence}".strip(), FOOTER_PT, False, "#555555")) if text]
    wrapped = [(wrap_to(text, width - 8, size, bold), size, bold, colour) for text, size, bold, colour in blocks]
    # a single word wider than the chart (a long name) widens the image rather than run off its edge
    width = max([width] + [text_width(line, size, bold) * 1.03 + 8 for lines, size, bold, _ in wrapped for line in lines])
    parts, y = [], 6.0

    def put(lines: list[str], size: float, bold: bool, colour: str, y: float) -> float:
        for line in lines:
            y += size * 1.3
            weight = ' font-weight="bold"' if bold else ""
            parts.append(f'<text x="4" y="{y:.1f}" font-size="{size:g}"{weight} fill="{colour}">{e(line)}</text>')
        return y

    for lines, size, bold, colour in wrapped:
        if size != FOOTER_PT:
            y = put(lines, size, bold, colour, y)
    top = y + 6
    body = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    body = body.replace("<svg", f'<svg x="0" y="{top:.1f}" width="{chart_width:.1f}" height="{height:.1f}"', 1)
    y = top + height + 2
    for lines, size, bold, colour in wrapped:
        if size == FOOTER_PT:
            y = put(lines, size, bold, colour, y)
    total = y + 6
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{width * PT:.0f}" height="{total * PT:.0f}" viewBox="0 0 {width:.1f} {total:.1f}" '
            f'font-family="DejaVu Sans, Arial, sans-serif"><rect width="100%" height="100%" fill="#ffffff"/>'
            + "".join(parts) + body + "</svg>")


def chart_figure(svg: str, *, title: str, alt: str, subtitle: str, note: str, sources: str, numbers: pd.DataFrame,
                 download_frame: pd.DataFrame, filename: str, credit: str, anchor: str = "",
                 licence: str = licence_words.CHART) -> str:
    """A chart with its title and subtitle in HTML (they wrap on a phone), the chart, its note and sources, the
    numbers behind it (collapsed), and downloads of the data (CSV) and of the chart itself (SVG, `licence` under
    its source line); the figure's id is 'chart-' and `anchor` (default: the file name)."""
    notes = " ".join(e(n) for n in (note, sources) if n)
    image = standalone_svg(svg, title=title, subtitle=subtitle, source=credit, licence=licence)
    name = file_name(filename, "chart")
    return (f'<figure class="pdukit-figure chart" id="chart-{e(file_name(anchor or filename, "chart"))}"><figcaption><p class="chart-title">{e(title)}</p>'
            + (f'<p class="chart-subtitle">{e(subtitle)}</p>' if subtitle else "")
            + f'</figcaption><div class="chart-svg">{inline_svg(svg, alt)}</div>'
            + (f'<p class="figure-note">{notes}</p>' if notes else "")
            + f'<details><summary>The numbers behind this chart</summary>{table_html(numbers, title)}</details>'
            + '<p class="downloads">' + csv_link(download_frame, filename)
            + download(image, f"{name}.svg", "image/svg+xml", "Download the chart (SVG)") + "</p></figure>")


# --- text ---------------------------------------------------------------------------------------------------
def main_points_html(points: Sequence[Point]) -> str:
    """The page's opening box: each point a headline, with its n, sources and caveat on a second line."""
    items = "".join(f'<li><p class="headline">{e(p.headline)}</p>'
                    + (f'<p class="detail">{e(p.detail)}</p>' if p.detail else "") + "</li>" for p in points)
    return (f'<section class="main-points" aria-labelledby="main-points"><h2 id="main-points">Main points</h2>'
            f"<ul>{items}</ul></section><!--/main-points-->")


def sources_html(sources: pd.DataFrame) -> str:
    """The page's sources: title (linked when it has a web address), publisher and date; no ids. A long list is
    folded under a summary that counts it (it prints unfolded)."""
    items = []
    for s in sources.itertuples():
        link = web_address(s.url)
        title = e(s.title)
        shown = (f'<a href="{e(link)}">{title}</a> <span class="url">{e(link)}</span>' if link else
                 f'{title} <span class="unlinked">(no public web address: {UNPUBLISHED})</span>')
        date = f", {e(when(s.published))}" if pd.notna(s.published) and when(s.published) not in str(s.title) else ""
        items.append(f"<li>{shown}. {e(s.publisher)}{date}.</li>")
    listing = f'<ol class="sources">{"".join(items)}</ol>'
    if len(items) <= FOLD_SOURCES:
        return listing
    return (f'<details class="sources"><summary>Show all {len(items)} documents behind this page (title, '
            f"publisher, date)</summary>{listing}</details>")


FOLD_SOURCES = 8  # a list of more sources than this is folded
