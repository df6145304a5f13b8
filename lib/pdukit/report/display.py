"""What a notebook shows a reader: main points, charts as SVG figures with HTML captions, tables with readable
headers, a "Download the data (CSV)" link under every chart and every table of five or more rows, and sources by
title. Everything from the data is escaped before it reaches HTML; every CSV cell a spreadsheet would run as a
formula is neutralised.

All of it works offline from one HTML file: charts are inline SVG (their text stays text: searchable, sharp when
zoomed), downloads are `data:` URIs with the `download` attribute.
"""

from __future__ import annotations

import html
import io
import re
from urllib.parse import quote

import pandas as pd

from pdukit.dataset.names import slug
from pdukit.dataset.sources import source_link, split_ids
from pdukit.dataset.validate import looks_like_formula

DOWNLOAD_MIN_ROWS = 5
CODE_NAME = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")  # a header like score_max: never shown to a reader
COLUMN_LABELS = {
    "pdu": "PDU", "region": "Region", "round": "Round", "published": "Published", "fieldwork": "Fieldwork",
    "framework": "Framework", "overall_rating": "Overall rating", "score": "Score", "score_max": "Out of",
    "note": "Note", "standard_label": "Standard", "rating": "Rating", "basis": "Stated or implied", "grade": "Grade",
    "measure": "Measure", "value": "Value", "value_text": "In the source's words", "as_of": "As of", "unit": "Unit",
    "topic": "Topic", "pct": "Per cent sufficient", "numerator": "Cases sufficient", "denominator": "Cases inspected",
    "addressee": "Asked of", "number": "Number", "text": "Recommendation", "inspection": "Inspection",
    "change": "Change", "first_rating": "First rating", "second_rating": "Latest rating",
    "first_published": "First published", "second_published": "Latest published", "n": "n",
}


def _esc(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return html.escape(str(value), quote=True)


def _show(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


def label(column: str) -> str:
    """The reader's name for a column; refuses a code name that has no label."""
    text = COLUMN_LABELS.get(column, column)
    if CODE_NAME.match(text):
        raise ValueError(f"column {column!r} has no reader-facing label: rename it or add it to COLUMN_LABELS")
    return text


def neutralise(value):
    """A CSV cell a spreadsheet would run as a formula gets a leading apostrophe; numbers pass unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV for a spreadsheet: readable headers, formula-like cells neutralised, empty for unknown."""
    shown = frame.rename(columns={c: label(c) for c in frame.columns}).astype(object)
    shown = shown.map(neutralise)
    buffer = io.StringIO()
    shown.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def download_link(frame: pd.DataFrame, filename: str) -> str:
    """An offline "Download the data (CSV)" link holding the frame itself."""
    href = "data:text/csv;charset=utf-8," + quote(csv_text(frame))
    name = slug(filename) or "data"
    return (f'<a class="download" download="{html.escape(name)}.csv" href="{href}">Download the data (CSV, '
            f"{len(frame)} row{'s' if len(frame) != 1 else ''})</a>")


def with_links(frame: pd.DataFrame, release, column: str = "source_ids") -> pd.DataFrame:
    """The frame for download: its source ids replaced by the sources' links, under 'Sources'."""
    if release is None or column not in frame:
        return frame
    sources = release.sources.set_index("source_id")
    links = frame[column].map(lambda ids: " ; ".join(source_link(sources.at[i, "url"]) for i in split_ids(ids) if i in sources.index))
    return frame.drop(columns=[column]).assign(Sources=links)


def sources_line(release, source_ids) -> str:
    """'Sources: HM Inspectorate of Probation (12 documents), BBC News (3) ...' with the full list in the report's
    Sources section."""
    ids = split_ids(source_ids)
    if release is None or not ids:
        return ""
    known = release.sources[release.sources.source_id.isin(ids)]
    if len(known) <= 3:
        parts = [f"{r.publisher}, {r.title}" + (f" ({r.published})" if pd.notna(r.published) else "") for r in known.itertuples()]
        return "Sources: " + "; ".join(parts) + "."
    counts = known.publisher.value_counts()
    others = int(counts.iloc[3:].sum())
    return (f"Sources: {len(known)} documents, " + ", ".join(f"{p} {n}" for p, n in counts.head(3).items())
            + (f" and {others} from {len(counts) - 3} other publishers" if others else "") + "; each listed under Sources below.")


def _table_html(frame: pd.DataFrame, caption: str, links: dict | None = None) -> str:
    links = links or {}
    head = "".join(f'<th scope="col">{html.escape(label(c))}</th>' for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            text = _esc(value)
            href = links.get(column, {}).get(value) if value is not None and not (not isinstance(value, str) and pd.isna(value)) else None
            cells.append(f'<td><a href="{html.escape(href)}">{text}</a></td>' if href else f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{html.escape(caption or "table")}">'
            f'<table class="pdukit-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def table(frame: pd.DataFrame, caption: str, release=None, source_ids=(), filename: str | None = None,
          links: dict | None = None, note: str = "", max_rows: int = 300) -> None:
    """Display a table: readable headers, '—' for unknown, a caption, its sources, and a CSV download (with the
    sources' links) when it has five or more rows. `links` maps a column to {cell value: href}."""
    ids = source_ids if len(source_ids) else (frame.get("source_ids", ()))
    shown = frame.drop(columns=[c for c in ("source_ids",) if c in frame])
    parts = [f'<figure class="pdukit-figure table"><figcaption class="table-caption">{html.escape(caption)}</figcaption>',
             _table_html(shown.head(max_rows), caption, links)]
    notes = [html.escape(n) for n in (note, sources_line(release, ids)) if n]
    if len(shown) > max_rows:
        notes.insert(0, f"First {max_rows} of {len(shown)} rows; the download has them all.")
    if notes:
        parts.append(f'<p class="figure-note">{" ".join(notes)}</p>')
    if len(frame) >= DOWNLOAD_MIN_ROWS:
        parts.append(download_link(with_links(frame, release), filename or caption))
    _show("".join(parts) + "</figure>")


def figure(fig, title: str, alt: str, data: pd.DataFrame, release=None, source_ids=(), subtitle: str = "",
           note: str = "", filename: str | None = None) -> None:
    """Display a chart: its title and subtitle as HTML, the chart as inline SVG labelled with `alt` (the finding,
    for screen readers), a note and its sources, the numbers behind it (collapsed) and a CSV download."""
    import matplotlib
    import matplotlib.pyplot as plt

    from pdukit.report.page import _STATE

    _STATE["figures"] += 1
    if len(alt.strip()) < 20:
        raise ValueError(f"alt text {alt!r} is too short: say what the chart shows")
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"pdukit-{_STATE['figures']}"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(alt, quote=True)}"', 1)
    svg = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + f"<title>{html.escape(alt)}</title>", svg, count=1)
    ids = source_ids if len(source_ids) else (data.get("source_ids", ()))
    numbers = data.drop(columns=[c for c in ("source_ids",) if c in data])
    notes = " ".join(html.escape(n) for n in (note, sources_line(release, ids)) if n)
    _show(f'<figure class="pdukit-figure chart"><figcaption><p class="chart-title">{html.escape(title)}</p>'
          + (f'<p class="chart-subtitle">{html.escape(subtitle)}</p>' if subtitle else "")
          + f'</figcaption><div class="chart-svg">{svg}</div>'
          + (f'<p class="figure-note">{notes}</p>' if notes else "")
          + f'<details><summary>The numbers behind this chart</summary>{_table_html(numbers, title)}</details>'
          + download_link(with_links(data, release), filename or title) + "</figure>")


def title(text: str) -> None:
    """The page's H1, naming its place ("Gwent PDU", "Wales region")."""
    _show(f"<h1>{html.escape(text)}</h1>")


def main_points(points: list[str]) -> None:
    """The page's opening: three to six sentences a reader could quote, each with its n and source."""
    items = "".join(f"<li>{html.escape(p)}</li>" for p in points)
    _show(f'<section class="main-points" aria-labelledby="main-points"><h2 id="main-points">Main points</h2>'
          f"<ul>{items}</ul></section><!--/main-points-->")


def paragraph(text: str, css: str = "") -> None:
    """A paragraph of computed text (escaped)."""
    _show(f'<p class="{css}">{html.escape(text)}</p>' if css else f"<p>{html.escape(text)}</p>")


def links(items: list[tuple[str, str]], heading: str = "") -> None:
    """A short list of links to related reports (relative, so the folder can be published anywhere)."""
    lis = "".join(f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>' for text, href in items)
    _show((f"<p><strong>{html.escape(heading)}</strong></p>" if heading else "") + f'<ul class="related">{lis}</ul>')


def sources(release, source_ids) -> None:
    """The report's sources: title (linked when it has a web address), publisher and date; no ids."""
    ids = split_ids(source_ids)
    known = release.sources[release.sources.source_id.isin(ids)].sort_values(["publisher", "published", "title"])
    items = []
    for s in known.itertuples():
        link = source_link(s.url)
        title = html.escape(s.title)
        shown = (f'<a href="{html.escape(link)}">{title}</a> <span class="url">{html.escape(link)}</span>'
                 if link.startswith(("http://", "https://")) else f"{title} <span class=\"url\">({html.escape(link)} in the pdukit repository)</span>")
        date = f", {html.escape(str(s.published))}" if pd.notna(s.published) else ""
        items.append(f"<li>{shown}. {html.escape(s.publisher)}{date}.</li>")
    frame = known[["title", "publisher", "published", "url"]].rename(columns={"title": "Title", "publisher": "Publisher",
                                                                             "published": "Published", "url": "Link"})
    frame["Link"] = frame["Link"].map(source_link)
    _show(f'<ol class="sources">{"".join(items)}</ol>' + (download_link(frame, "sources") if len(frame) >= DOWNLOAD_MIN_ROWS else ""))


def standards_figure(release, ratings: pd.DataFrame, labels: dict[str, str], place: str, filename: str) -> None:
    """The grid of standard ratings (framework order, 'i' for implied) of some inspections, titled with its counts
    and with the stated and implied split in its subtitle."""
    from pdukit.report.charts import rating_grid

    known = ratings.dropna(subset=["rating"])
    bad = int((known.rating == "Inadequate").sum())
    stated, implied = int((known.basis == "stated").sum()), int((known.basis == "implied").sum())
    inspections = known.inspection_id.nunique()
    figure(rating_grid(known, labels),
           f"{bad} of {len(known)} known standard ratings Inadequate, over {inspections} inspection{'s' if inspections != 1 else ''}",
           f"Grid of {place}'s standard ratings by inspection: {bad} of {len(known)} known ratings Inadequate.",
           known.assign(inspection=known.inspection_id.map(labels))[["inspection", "standard_label", "rating", "basis", "source_ids"]],
           release, subtitle=f"{stated} stated, {implied} implied ('i'); grey: not in any source.", filename=filename)


def anchored_lists(groups: list[tuple[str, str, list[str]]], href_of) -> None:
    """One heading per group, anchored by its id (so other pages can link to it) and linked to `href_of(name)`,
    with its lines as a list: e.g. the audit's rows under each PDU."""
    parts = [f'<h3 id="{html.escape(anchor)}"><a href="{html.escape(href_of(name))}">{html.escape(name)}</a></h3>'
             "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"
             for anchor, name, lines in groups]
    _show("".join(parts))
