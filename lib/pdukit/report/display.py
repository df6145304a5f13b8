"""The HTML of what a page shows: tables that stack into cards on a phone, charts as inline SVG with their title,
sources, numbers and two downloads (the data as CSV, the chart itself as SVG with its title, source and licence
inside the image), main points as headlines, and sources by title.

Every function here returns markup; `pdukit.report.page.Page` decides what to show and keeps the sources of what
it showed. Everything from the data is escaped before it reaches HTML; every CSV cell a spreadsheet would run as a
formula is neutralised. All of it works offline from one file: charts are inline SVG and downloads are `data:` URIs.
"""

from __future__ import annotations

import html
import io
import re
import textwrap
from collections.abc import Mapping, Sequence
from urllib.parse import quote

import pandas as pd

from pdukit.dataset.names import slug
from pdukit.dataset.sources import source_link
from pdukit.dataset.validate import looks_like_formula
from pdukit.narrative.mainpoints import Point
from pdukit.narrative.readable import for_reader

LICENCE = "Open Government Licence v3.0"
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


def download(data: str, filename: str, mime: str, text: str) -> str:
    """An offline download link holding `data` itself."""
    href = f"data:{mime};charset=utf-8," + quote(data)
    return f'<a class="download" download="{e(filename)}" href="{href}">{e(text)}</a>'


def csv_link(frame: pd.DataFrame, filename: str) -> str:
    """'Download the data (CSV, 12 rows)'."""
    rows = len(frame)
    return download(csv_text(frame), f"{slug(filename) or 'data'}.csv", "text/csv",
                    f"Download the data (CSV, {rows} row{'s' if rows != 1 else ''})")


def excel_link(frame: pd.DataFrame, filename: str) -> str:
    """'Download as Excel (79 rows)': the same cells as the CSV, in one worksheet, held in the page itself."""
    import base64

    buffer = io.BytesIO()
    shown = for_reader(frame, csv=True).astype(object).map(neutralise)
    if "Sources" in frame.columns:
        shown["Sources"] = frame["Sources"].to_numpy()
    shown.to_excel(buffer, index=False, sheet_name="data")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return (f'<a class="download" download="{e(slug(filename) or "data")}.xlsx" href="data:{mime};base64,{data}">'
            f"Download as Excel ({len(frame)} rows)</a>")


# --- tables -------------------------------------------------------------------------------------------------
PHONE_PX = 358  # the text width of a 390 px phone
CHAR_PX = 7.4  # an average character of 14 px table text
CELL_PAD_PX = 16
WRAP_CHARS = 18  # a cell's text wraps at about this many characters before its column gets wider
HALF_LINE = 24  # characters: a stacked card's cell longer than this takes the card's whole width
LONG_TEXT = 64  # characters: a table with a cell this long is text to read, shown as a list of records
WIDE_COLUMNS = 7  # a table wider than this scrolls sideways on a phone (key column second); narrower ones stack


def layout_of(shown: pd.DataFrame) -> str:
    """How a table is laid out on a phone: 'fit' (it fits as a table), 'stack' (each row a card), 'wide' (it
    scrolls sideways, its first and key columns in view) or 'records' (long text: a list of records)."""
    if any(len(str(text)) > LONG_TEXT for text in shown.to_numpy().ravel()):
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
    head = "".join(f'<th scope="col"{" class=" + chr(34) + "key" + chr(34) if c == key else ""}>{e(c)}</th>'
                   for c in columns)
    rows = []
    for record in shown.itertuples(index=False):
        cells = []
        for position, (column, text) in enumerate(zip(columns, record, strict=True)):
            classes = " ".join(c for c in ("first" if position == 0 else "", "key" if column == key and position else "",
                                           "empty" if text == "—" else "", "long" if len(text) > HALF_LINE else "") if c)
            cls = f' class="{classes}"' if classes else ""
            cells.append(f'<td data-label="{e(column)}"{cls}>{_cell(text, links.get(column, {}).get(text))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="table-scroll {layout}" role="region" tabindex="0" aria-label="{e(caption or "table")}">'
            f'<table class="pdukit-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def table_figure(frame: pd.DataFrame, caption: str, *, sources: str, note: str = "", filename: str,
                 download_frame: pd.DataFrame, links=None, key: str | None = None, max_rows: int = 300,
                 excel: bool = False, layout: str | None = None) -> str:
    """A captioned table with its note, its sources and a CSV download of every row (and an Excel one)."""
    notes = [n for n in (note, sources) if n]
    if len(frame) > max_rows:
        notes.insert(0, f"First {max_rows} of {len(frame)} rows; the download has them all.")
    return (f'<figure class="pdukit-figure table"><figcaption class="table-caption">{e(caption)}</figcaption>'
            + table_html(frame.head(max_rows), caption, links, key, layout)
            + (f'<p class="figure-note">{" ".join(e(n) for n in notes)}</p>' if notes else "")
            + '<p class="downloads">' + csv_link(download_frame, filename)
            + (excel_link(download_frame, filename) if excel else "") + "</p></figure>")


# --- charts -------------------------------------------------------------------------------------------------
VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')
PT = 96 / 72  # matplotlib's SVG user unit is the point; CSS px per pt


def inline_svg(svg: str, alt: str) -> str:
    """The chart as inline SVG: labelled with `alt` for screen readers, sized by CSS up to 1.5 times its natural
    width (text stays legible on a phone and does not balloon on a desktop)."""
    svg = svg[svg.index("<svg"):]
    match = VIEWBOX.search(svg)
    width = float(match.group(1)) * PT if match else 420.0
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{e(alt, quote=True)}" '
                              f'style="max-width:{width * 1.5:.0f}px"', 1)
    return re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + f"<title>{e(alt)}</title>", svg, count=1)


def _lines(text: str, width_px: float, font_px: float) -> list[str]:
    per_line = max(20, int(width_px / (font_px * 0.55)))
    return textwrap.wrap(text, per_line, break_long_words=False, break_on_hyphens=False) or [""]


def standalone_svg(svg: str, *, title: str, subtitle: str, source: str, licence: str = LICENCE) -> str:
    """The chart as a file a journalist can reuse: its title and subtitle above it, its source and licence below,
    all inside the image (text stays text)."""
    svg = svg[svg.index("<svg"):]
    match = VIEWBOX.search(svg)
    width, height = (float(match.group(1)), float(match.group(2))) if match else (320.0, 240.0)
    width = max(width, 300.0)
    parts, y = [], 6.0
    for text, size, weight, colour in ((title, 13.0, "bold", "#1d1d1d"), (subtitle, 10.0, "normal", "#555555")):
        for line in _lines(text, width, size) if text else []:
            y += size * 1.3
            parts.append(f'<text x="4" y="{y:.1f}" font-size="{size}" font-weight="{weight}" fill="{colour}">'
                         f"{e(line)}</text>")
    top = y + 6
    body = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    body = body.replace("<svg", f'<svg x="0" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}"', 1)
    y = top + height + 4
    for line in _lines(f"{source} Licence: {licence}. Made with pdukit.", width, 8.0):
        y += 10.5
        parts.append(f'<text x="4" y="{y:.1f}" font-size="8" fill="#555555">{e(line)}</text>')
    total = y + 6
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{width * PT:.0f}" height="{total * PT:.0f}" viewBox="0 0 {width:.1f} {total:.1f}" '
            f'font-family="DejaVu Sans, Arial, sans-serif"><rect width="100%" height="100%" fill="#ffffff"/>'
            + "".join(parts) + body + "</svg>")


def chart_figure(svg: str, *, title: str, alt: str, subtitle: str, note: str, sources: str, numbers: pd.DataFrame,
                 download_frame: pd.DataFrame, filename: str, credit: str) -> str:
    """A chart with its title and subtitle in HTML (they wrap on a phone), the chart, its note and sources, the
    numbers behind it (collapsed), and downloads of the data (CSV) and of the chart itself (SVG)."""
    notes = " ".join(e(n) for n in (note, sources) if n)
    image = standalone_svg(svg, title=title, subtitle=subtitle, source=credit)
    name = slug(filename) or "chart"
    return (f'<figure class="pdukit-figure chart" id="chart-{e(name)}"><figcaption><p class="chart-title">{e(title)}</p>'
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
    """The page's sources: title (linked when it has a web address), publisher and date; no ids."""
    items = []
    for s in sources.itertuples():
        link = source_link(s.url)
        title = e(s.title)
        shown = (f'<a href="{e(link)}">{title}</a> <span class="url">{e(link)}</span>'
                 if link.startswith(("http://", "https://")) else
                 f'{title} <span class="url">(no public web address: a copy is {e(link)} in the pdukit repository)</span>')
        date = f", {e(str(s.published))}" if pd.notna(s.published) else ""
        items.append(f"<li>{shown}. {e(s.publisher)}{date}.</li>")
    return f'<ol class="sources">{"".join(items)}</ol>'
