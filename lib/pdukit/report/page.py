"""The page a report notebook writes: one `Page` per report holds the release, the place it is about, the links to
other reports, and the sources of everything it showed, so the notebook only narrates and calls.

    page = report.start("region", data_version, place="Wales")
    page.main_points(mainpoints.region(page.release, "Wales"))
    page.table(frame, "Inspections in Wales region", links={"pdu": page.pdu_links()})
    page.sources()          # exactly the documents behind what the page showed

Every piece of text that comes from the data is escaped before it reaches HTML, so a name containing markup stays
inert text in a shared report.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from pdukit.dataset.names import slug
from pdukit.dataset.release import Release, load_release
from pdukit.dataset.sources import split_ids, web_address
from pdukit.narrative.mainpoints import Point
from pdukit.narrative.readable import CODED_COLUMNS, header, sources_credit, sources_line
from pdukit.narrative.titles import UNPUBLISHED, UNPUBLISHED_MARK
from pdukit.narrative.words import when
from pdukit.report import display

KINDS = ("national", "regions", "pdus", "audit", "notebook")
KERNEL_WARNING_FILTERS: list = []  # the kernel's warning filters as it started, restored between reports


def escape(value) -> str:
    """Return `value` as text safe inside HTML: tags and entities neutralised ('not known' for a missing value)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "not known"
    return html.escape(str(value), quote=True)


def href(kind: str, name: str, here: str) -> str:
    """The relative link from a page of kind `here` ('national', 'audit', 'regions', 'pdus') to a region's or a
    PDU's page, or to the national, audit or glossary page. One slug function names every page."""
    root = "../" if here in ("regions", "pdus") else ""
    if kind == "region":
        return f"{root}regions/{slug(name)}.html"
    if kind == "pdu":
        return f"{root}pdus/{slug(name)}.html"
    return f"{root}{kind}.html"


def _show(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


class Page:
    """One report page: its release, its kind and place, and the sources of what it has shown so far."""

    def __init__(self, release: Release, kind: str, place: str = "") -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown page kind {kind!r}; expected one of {', '.join(KINDS)}")
        self.release = release
        self.kind = kind
        self.place = place
        self.shown: dict[str, None] = {}  # source ids of everything displayed, in order
        self.figures = 0

    # --- names ------------------------------------------------------------------------------------------
    @property
    def page_slug(self) -> str:
        """The page's name in its downloads' file names: 'england-and-wales', 'audit', 'wales', 'essex-north'."""
        if self.kind == "national":
            return "england-and-wales"
        if self.kind == "audit":
            return "audit"
        return slug(self.place) if self.place else ""

    def file_name(self, name: str) -> str:
        """A download's file name (no extension), prefixed with the page's slug so two pages' downloads never share a
        name: 'sources' on Essex North's page is 'essex-north-sources'; a name that starts with the slug already is
        left as it is ('wales-inspections')."""
        base = slug(name) or "data"
        if not self.page_slug or base == self.page_slug or base.startswith(self.page_slug + "-"):
            return base
        return f"{self.page_slug}-{base}"

    def about(self, title: str, ids: Sequence[str]) -> list[tuple[str, str]]:
        """The 'About' sheet of an Excel download: what it is, where it comes from, its terms and its release."""
        from datetime import UTC, datetime

        from pdukit.report import licence

        made = datetime.now(UTC)
        release = (f"draft {self.release.version} (not a published data release)" if self.release.draft
                   else f"pdukit data release {self.release.version}")
        sources = sources_line(self.release, ids).replace("; each listed under Sources below.",
                                                          "; each listed under Sources on the page this file came from.")
        return [("Title", title), ("Sources", sources or "Not given."),
                ("Links", "The Sources column gives the web address of each row's documents."),
                ("Licence", licence.DATA), ("Made by", licence.MAKER), ("Data release", release),
                ("Made", f"{made.day} {made:%B %Y}")]

    # --- links ------------------------------------------------------------------------------------------
    def href(self, kind: str, name: str = "") -> str:
        """The relative link from this page to another report ('pdu', 'region', 'national', 'audit', 'glossary')."""
        return href(kind, name, self.kind)

    def pdu_links(self, pdu_names: Iterable[str] | None = None) -> dict[str, str]:
        """{PDU name: link to its page} for the inspected PDUs (or those named), to link a table's PDU column."""
        inspected = set(self.release.inspections.pdu_id)
        names = [self.release.pdu_names[p] for p in inspected] if pdu_names is None else list(pdu_names)
        return {name: self.href("pdu", name) for name in names}

    def inspection_links(self) -> dict[str, str]:
        """{'Gwent (2022)': link to Gwent's page} for every inspection label."""
        return {label: self.href("pdu", self.release.pdu_name(self.release.pdu_of(i)))
                for i, label in self.release.inspection_labels.items()}

    def region_links(self) -> dict[str, str]:
        """{region: link to its page}."""
        from pdukit.dataset.schema import REGIONS

        return {r: self.href("region", r) for r in REGIONS}

    # --- showing ----------------------------------------------------------------------------------------
    def cite(self, source_ids) -> None:
        """Add documents to the page's Sources that no table or chart showed (e.g. the PDU register's entry)."""
        self._remember(source_ids)

    def _remember(self, source_ids) -> None:
        for source_id in split_ids(source_ids):
            self.shown[source_id] = None

    def _ids(self, frame: pd.DataFrame | None, source_ids) -> list[str]:
        if source_ids is not None:
            return split_ids(source_ids)
        if frame is not None and "source_ids" in frame:
            return split_ids(frame["source_ids"])
        return []

    def title(self, text: str) -> None:
        """The page's H1, naming its place ("Gwent PDU", "Wales region")."""
        _show(f"<h1>{html.escape(text)}</h1>")

    def main_points(self, points: Sequence[Point]) -> None:
        """The opening box of headlines; their sources join the page's list."""
        for point in points:
            self._remember(point.source_ids)
        _show(display.main_points_html(points))

    def paragraph(self, text: str, css: str = "", source_ids=None) -> None:
        """A paragraph of computed text (escaped)."""
        self._remember(source_ids)
        _show(f'<p class="{css}">{html.escape(text)}</p>' if css else f"<p>{html.escape(text)}</p>")

    def bullets(self, items: Sequence[str], heading: str = "") -> None:
        """A short list of computed sentences."""
        _show((f"<p><strong>{html.escape(heading)}</strong></p>" if heading else "")
              + "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")

    def links(self, items: Sequence[tuple[str, str]], heading: str = "") -> None:
        """A short list of links to related reports (relative, so the folder can be published anywhere)."""
        lis = "".join(f'<li><a href="{html.escape(h)}">{html.escape(t)}</a></li>' for t, h in items)
        _show((f"<p><strong>{html.escape(heading)}</strong></p>" if heading else "") + f'<ul class="related">{lis}</ul>')

    def _download_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame for download: its source ids replaced by the sources' links, under 'Sources'."""
        if "source_ids" not in frame:
            return frame
        sources = self.release.sources.set_index("source_id")
        links = frame["source_ids"].map(lambda ids: " ; ".join(_citable(sources.loc[i]) for i in split_ids(ids)
                                                                if i in sources.index))
        return frame.drop(columns=["source_ids"]).assign(Sources=links)

    def table(self, frame: pd.DataFrame, caption: str, *, links: Mapping[str, Mapping[str, str]] | None = None,
              note: str = "", filename: str | None = None, key: str | None = None, source_ids=None,
              excel: bool = False, layout: str | None = None, block: str = "",
              download: pd.DataFrame | None = None) -> None:
        """Show a table: readable headers and values from the vocabulary, a caption, its note and sources, and a
        CSV download of every row (with the sources' links; named after the page, see `file_name`). `links` maps a
        column to {cell text: href}; `key` names the column a phone reader must see first; `layout` 'records'
        shows rows of text as a list whatever their length (otherwise chosen by `display.layout_of`); `excel` adds
        an Excel download with an 'About' sheet; `download` is the frame the downloads hold instead of `frame`
        (e.g. numbers as numbers where the page shows '6 of 27'), with its own source_ids or `frame`'s; `block`
        names the table for another page to include (see `pdukit.render.pages.lift_block`)."""
        ids = self._ids(frame, source_ids)
        self._remember(ids)
        links_by_header = {header(c): dict(v) for c, v in (links or {}).items()}
        shown = frame.drop(columns=[c for c in ("source_ids",) if c in frame])
        shown, same = _said_once(shown, keep={key, *(links or {})})
        shown, unlinked = self._mark_unlinked(frame, shown, links_by_header)
        note = " ".join(x for x in (same, note, unlinked) if x)
        if download is not None:
            self._remember(self._ids(download, None))
            if "source_ids" not in download and "source_ids" in frame and len(download) == len(frame):
                download = download.assign(source_ids=frame["source_ids"].to_numpy())
        markup = display.table_figure(shown, caption, sources=sources_line(self.release, ids), note=note,
                                      filename=self.file_name(filename or caption),
                                      download_frame=self._download_frame(frame if download is None else download),
                                      links=links_by_header, key=header(key) if key else None, excel=excel,
                                      layout=layout, about=self.about(caption, ids) if excel else ())
        # a named block can be lifted whole into another page (the index shows the table of every inspection)
        _show(f"<!--pdukit-block:{block}-->{markup}<!--/pdukit-block:{block}-->" if block else markup)

    def _mark_unlinked(self, frame: pd.DataFrame, shown: pd.DataFrame, links: dict) -> tuple[pd.DataFrame, str]:
        """Mark (†) the rows whose every source is a document with no public web address, and say what the mark
        means: a reader cannot check those values online."""
        from pdukit.analysis.official import unlinked_only

        if "source_ids" not in frame or shown.empty:
            return shown, ""
        marks = unlinked_only(self.release, frame).to_numpy()
        if not marks.any():
            return shown, ""
        first = shown.columns[0]
        coded = CODED_COLUMNS.get(str(first), {})  # the mark follows the word a reader sees, not the code ('region')

        def words(x) -> str:
            if x is None or (not isinstance(x, str) and pd.isna(x)):
                return ""
            return coded[str(x)].label if str(x) in coded else str(x)

        plain = shown[first].astype(object).map(words)
        marked = plain.where(~marks, plain + " †")
        column_links = links.get(header(first), {})
        column_links.update({m: column_links[p] for p, m in zip(plain, marked, strict=True) if p in column_links})
        return shown.assign(**{first: marked}), UNPUBLISHED_MARK

    def figure(self, fig, *, title: str, alt: str, data: pd.DataFrame, subtitle: str = "", note: str = "",
               filename: str | None = None, source_ids=None, licence: str | None = None) -> None:
        """Show a chart: its title and subtitle, the chart as inline SVG labelled with `alt` (the finding, for
        screen readers), a note and its sources, the numbers behind it (collapsed), and downloads of the numbers
        (CSV) and of the chart with its title, source and licence line inside (SVG; `licence` replaces pdukit's
        line, `pdukit.report.licence.CHART`, when the caller knows better)."""
        _show(self._figure_markup(fig, title=title, alt=alt, data=data, subtitle=subtitle, note=note,
                                  filename=filename, source_ids=source_ids, licence=licence))

    def pair(self, first: dict, second: dict) -> None:
        """Two charts side by side on a wide screen (one above the other on a phone), e.g. ratings over time beside
        staffing over time; each dict holds `figure`'s arguments, the Figure under 'fig'."""
        _show('<div class="figure-pair">' + self._figure_markup(**first) + self._figure_markup(**second) + "</div>")

    def _figure_markup(self, fig, *, title: str, alt: str, data: pd.DataFrame, subtitle: str = "", note: str = "",
                       filename: str | None = None, source_ids=None, licence: str | None = None) -> str:
        import matplotlib
        import matplotlib.pyplot as plt

        from pdukit.report import licence as licence_words

        self.figures += 1
        if len(alt.strip()) < 20:
            raise ValueError(f"alt text {alt!r} is too short: say what the chart shows")
        buffer = io.StringIO()
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"pdukit-{self.figures}"}):
            fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        plt.close(fig)
        ids = self._ids(data, source_ids)
        self._remember(ids)
        numbers = data.drop(columns=[c for c in ("source_ids",) if c in data])
        credit = sources_credit(self.release, ids)
        return display.chart_figure(buffer.getvalue(), title=title, alt=alt, subtitle=subtitle, note=note,
                                    sources=sources_line(self.release, ids), numbers=numbers,
                                    download_frame=self._download_frame(data),
                                    filename=self.file_name(filename or title), anchor=slug(filename or title),
                                    credit=credit, licence=licence or licence_words.CHART)

    def standards(self, ratings: pd.DataFrame, place: str, filename: str) -> None:
        """The grid of standard ratings (framework order, 'i' for implied) of some inspections, titled with its
        counts and with the stated and implied split in its subtitle."""
        from pdukit.narrative.mainpoints import standards_title
        from pdukit.report.charts import rating_grid, standard_key

        known = ratings.dropna(subset=["rating"])
        title, subtitle, alt = standards_title(known, place)
        data = known.assign(inspection=known.inspection_id.map(self.release.inspection_labels))[
            ["inspection", "standard_label", "rating", "basis", "source_ids"]]
        self.figure(rating_grid(known, self.release.inspection_labels), title=title, alt=alt, data=data,
                    subtitle=subtitle, note=standard_key(known), filename=filename)

    def anchored_lists(self, groups: Sequence[tuple[str, str, list[str]]], href_of) -> None:
        """One heading per group, anchored by its id (so other pages can link to it) and linked to
        `href_of(name)`, with its lines as a list: e.g. the audit's rows under each PDU."""
        parts = [f'<h3 id="{html.escape(anchor)}"><a href="{html.escape(href_of(name))}">{html.escape(name)}</a></h3>'
                 "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"
                 for anchor, name, lines in groups]
        _show("".join(parts))

    def sources(self) -> None:
        """The page's sources: every document behind what it showed, by title, publisher and date; a CSV of them."""
        frame = self.release.sources
        known = frame[frame.source_id.isin(list(self.shown))].sort_values(["publisher", "published", "title"])
        public = known.url.map(lambda u: web_address(u) or f"none: {UNPUBLISHED}")
        table = known[["title", "publisher", "published"]].assign(url=public)
        _show(display.sources_html(known) + display.csv_link(table, self.file_name("sources")))


def _citable(source: pd.Series) -> str:
    """A source as a download's reader can follow it: its web address, or (a document with no public address) its
    title, publisher and date, never a path inside the repository the reader does not have."""
    link = web_address(source["url"])
    if link:
        return link
    date = f", {when(source['published'])}" if pd.notna(source["published"]) else ""
    return f"{source['title']} ({source['publisher']}{date}; no public web address)"


def _said_once(frame: pd.DataFrame, keep: set) -> tuple[pd.DataFrame, str]:
    """A column with the same value in every row (of two or more) is said once, under the table, not in each row:
    'In every row: As of: at inspection.' The download keeps it."""
    from pdukit.narrative.readable import for_reader

    if len(frame) < 2 or len(frame.columns) < 3:
        return frame, ""
    shown = for_reader(frame)
    same = [c for c, h in zip(frame.columns[1:], shown.columns[1:], strict=True)
            if c not in keep and shown[h].nunique() == 1]
    if not same:
        return frame, ""
    values = {c: shown[header(c)].iloc[0] for c in same}
    # a column empty in every row is left out (the download keeps it): 'Note: —' tells a reader nothing
    text = "; ".join(f"{header(c)}: {x}" for c, x in values.items() if x != "—")
    return frame.drop(columns=same), (f"In every row, {text}." if text else "")


def start(kind: str = "notebook", data_version: str = "latest", place: str = "") -> Page:
    """Apply the chart style and return the page a notebook writes, on the validated release it reports on."""
    from pdukit.report.charts import set_theme  # here, not at import: modules that only need labels stay light

    set_theme()
    return Page(load_release(data_version), kind, place)


def reset() -> None:
    """Forget per-report state between reports run in one kernel (a Page holds its own; nothing module-level)."""
