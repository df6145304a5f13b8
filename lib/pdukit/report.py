"""Helpers the notebooks call to narrate: start-up, escaped text and tables, names, and headline sentences.

Every piece of text that comes from the data (PDU names, recommendation text, source titles) passes through
`escape` before it reaches HTML, so a name containing markup stays inert text in a shared report.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from .charts import set_theme
from .load import Release, load_release
from .names import UnknownName, resolve_pdu_record, resolve_region, slug  # noqa: F401 (re-exported for notebooks)
from .schema import RATINGS

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape(value) -> str:
    """Return `value` as text safe inside HTML: tags and entities neutralised ('not known' for a missing value)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "not known"
    return html.escape(str(value), quote=True)


def escape_md(value) -> str:
    """Return `value` as text safe inside Markdown: HTML neutralised and Markdown syntax backslash-escaped."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "not known"
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(str(value), quote=False))


def _display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole numbers without '.0', and '—' for every missing value whatever its dtype."""
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_float_dtype(values) and values.dropna().mod(1).eq(0).all():
            shown[column] = values.astype("Int64")
    shown = shown.astype(object)
    return shown.where(shown.notna(), "—")


_STATE = {"figures": 0}  # per report: reset between reports run in one kernel
KERNEL_WARNING_FILTERS: list = []  # the kernel's warning filters as it started, restored between reports


def reset() -> None:
    """Forget per-report state (figure numbering), so a report does not depend on the one run before it."""
    _STATE["figures"] = 0


def start(data_version: str = "latest") -> Release:
    """Apply the chart style and return the validated release a notebook reports on."""
    set_theme()
    return load_release(data_version)


def md(template: str, **values) -> None:
    """Display Markdown written by the notebook, with every `{name}` filled by an escaped data value."""
    from IPython.display import Markdown, display

    display(Markdown(template.format(**{k: escape_md(v) for k, v in values.items()})))


def table(frame: pd.DataFrame, caption: str = "", release: Release | None = None, source_ids=(), max_rows: int = 200) -> None:
    """Display a DataFrame as an HTML table (cells escaped, unknown shown as '—') with a caption and its sources."""
    from IPython.display import HTML, display

    body = _display_frame(frame.head(max_rows)).to_html(index=False, escape=True, border=0, classes="pdukit-table")
    parts = [f"<figure class='pdukit-figure'>{body}"]
    notes = []
    if len(frame) > max_rows:
        notes.append(f"First {max_rows} of {len(frame)} rows.")
    if caption:
        notes.insert(0, escape(caption))
    if release is not None and len(source_ids):
        ids = sorted({s for ids in source_ids for s in str(ids).split(";") if s and s != "nan"})
        notes.append("Sources: " + escape(release.source_label(ids)))
    if notes:
        parts.append(f"<figcaption>{' '.join(notes)}</figcaption>")
    display(HTML("".join(parts) + "</figure>"))


def pdu_names(release: Release) -> dict[str, str]:
    """Return {pdu_id: name}."""
    return dict(zip(release.pdus.pdu_id, release.pdus.name, strict=True))


def resolve_pdu(release: Release, name: str) -> str:
    """Return the pdu_id for a PDU name, alias, slug or id; UnknownName lists the closest valid names."""
    return resolve_pdu_record(name, release.pdus.to_dict("records"))["pdu_id"]


def inspection_labels(release: Release) -> dict[str, str]:
    """Return {inspection_id: 'PDU name (year or round)'} for chart and table labels."""
    names = pdu_names(release)
    labels = {}
    for row in release.inspections.itertuples():
        when = row.published[:4] if pd.notna(row.published) else f"round {row.round}"
        labels[row.inspection_id] = f"{names[row.pdu_id]} ({when})"
    return labels


def plural(n: int, noun: str) -> str:
    """Return '1 inspection' / '3 inspections'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def sentence(text: str) -> str:
    """Return text with its first letter in upper case and the rest untouched (rating names keep their case)."""
    return text[:1].upper() + text[1:]


def rating_mix_sentence(ratings: pd.Series) -> str:
    """Return e.g. '38 of 77 rated inspections were Inadequate, 38 Requires improvement, 1 Good'."""
    rated = ratings.dropna()
    if rated.empty:
        return "no inspection in this selection has a known overall rating"
    counts = rated.value_counts()
    order = [r for r in RATINGS if counts.get(r, 0)]
    first, rest = order[0], order[1:]
    text = f"{counts[first]} of {len(rated)} rated inspections were {first}"
    return text + "".join(f", {counts[r]} {r}" for r in rest)


def sources_table(release: Release, source_ids) -> None:
    """Display the sources behind a report as a table with safe links (only http(s) addresses become links)."""
    from IPython.display import HTML, display

    ids = sorted({s for ids in source_ids for s in str(ids).split(";") if s and s != "nan"})
    sources = release.sources[release.sources.source_id.isin(ids)].sort_values(["kind", "publisher", "published"])
    rows = []
    for s in sources.itertuples():
        url = str(s.url)
        link = (f"<a href='{html.escape(url, quote=True)}'>{escape(s.title)}</a>" if re.match(r"^https?://", url)
                else escape(f"{s.title} ({url})"))
        rows.append(f"<tr><td>{escape(s.source_id)}</td><td>{link}</td><td>{escape(s.publisher)}</td>"
                    f"<td>{escape(s.published) if pd.notna(s.published) else '—'}</td><td>{escape(s.kind)}</td></tr>")
    display(HTML("<table class='pdukit-table'><thead><tr><th>id</th><th>title</th><th>publisher</th><th>published</th>"
                 f"<th>kind</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"))


def show(fig) -> None:
    """Display a chart as an embedded PNG whose alternative text is its title (the finding), then close it."""
    import base64
    import io

    import matplotlib.pyplot as plt
    from IPython.display import HTML, display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    alt = escape(" ".join(titles).replace("\n", ". ") or "Chart")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    display(HTML(f"<img class='pdukit-chart' alt=\"{alt}\" src=\"data:image/png;base64,{data}\">"))


# --- for the reader-facing reports ---------------------------------------------------------------------------
def title(text: str) -> None:
    """The page's H1, naming its place ("Gwent PDU", "Wales region")."""
    from IPython.display import HTML, display

    display(HTML(f"<h1>{escape(text)}</h1>"))


def href(kind: str, name: str, here: str) -> str:
    """The relative link from a page of kind `here` ('national', 'audit', 'regions', 'pdus') to a region's or a
    PDU's page, or to the national or audit page."""
    root = "../" if here in ("regions", "pdus") else ""
    if kind == "region":
        return f"{root}regions/{slug(name)}.html"
    if kind == "pdu":
        return f"{root}pdus/{slug(name)}.html"
    return f"{root}{kind}.html"


def readable_inspections(release: Release, frame: pd.DataFrame) -> pd.DataFrame:
    """Inspections as a reader reads them: PDU name, round, month and year, rating, 'score of maximum', note."""
    from .words import month_year

    names = pdu_names(release)
    return pd.DataFrame({
        "PDU": frame.pdu_id.map(names), "Round": frame["round"], "Published": frame.published.map(month_year),
        "Overall rating": frame.overall_rating.astype(object),
        "Score": [f"{s} of {m}" if pd.notna(s) else None for s, m in zip(frame.score, frame.score_max, strict=True)],
        "Framework": frame.framework, "Note": frame.note, "source_ids": frame.source_ids})
