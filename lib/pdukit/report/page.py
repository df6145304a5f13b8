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


