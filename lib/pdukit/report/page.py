"""What every report notebook does first and the names it uses: start-up (theme, release), per-report state,
the page title, labels for inspections, and relative links between reports. Display lives in `pdukit.display`,
sentences in `pdukit.words` and `pdukit.mainpoints`.

Every piece of text that comes from the data passes through `escape` (or `display`) before it reaches HTML, so a
name containing markup stays inert text in a shared report.
"""

from __future__ import annotations

import html

import pandas as pd

from pdukit.dataset.names import UnknownName, resolve_pdu_record, resolve_region, slug  # noqa: F401 (re-exported for notebooks)
from pdukit.dataset.release import Release, load_release


def escape(value) -> str:
    """Return `value` as text safe inside HTML: tags and entities neutralised ('not known' for a missing value)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "not known"
    return html.escape(str(value), quote=True)


_STATE = {"figures": 0}  # per report: reset between reports run in one kernel
KERNEL_WARNING_FILTERS: list = []  # the kernel's warning filters as it started, restored between reports


def reset() -> None:
    """Forget per-report state (figure numbering), so a report does not depend on the one run before it."""
    _STATE["figures"] = 0


def start(data_version: str = "latest") -> Release:
    """Apply the chart style and return the validated release a notebook reports on."""
    from pdukit.report.charts import set_theme  # here, not at import: modules that only need labels stay light

    set_theme()
    return load_release(data_version)


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


# --- for the reader-facing reports ---------------------------------------------------------------------------
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
    from pdukit.narrative.words import month_year

    names = pdu_names(release)
    return pd.DataFrame({
        "PDU": frame.pdu_id.map(names), "Round": frame["round"], "Published": frame.published.map(month_year),
        "Overall rating": frame.overall_rating.astype(object),
        "Score": [f"{s} of {m}" if pd.notna(s) else None for s, m in zip(frame.score, frame.score_max, strict=True)],
        "Framework": frame.framework, "Note": frame.note, "source_ids": frame.source_ids})
