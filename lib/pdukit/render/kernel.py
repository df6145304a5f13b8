"""Imported inside a render worker's kernel (never by the renderer itself): the warnings a report raises.

A warning printed while a report runs would reach its page as a stderr output, file path and all. Instead, from
the start of each report, every warning that passes the kernel's filters is recorded here (category and the first
line of its message, no path) and not printed; the worker reads the record when the report ends, reports it in the
render's log, and in strict mode fails the report on it. A warning caught on purpose (`catch_warnings(record=True)`)
is not shown, so not recorded.
"""

from __future__ import annotations

import json
import warnings

_RECORDED: list[str] = []
MARKER = "PDUKIT-WARNINGS "


def _record(message, category, filename, lineno, file=None, line=None) -> None:
    """warnings.showwarning's replacement: note 'Category: first line of the message'."""
    text = next((part.strip() for part in str(message).splitlines() if part.strip()), "")
    entry = f"{getattr(category, '__name__', 'Warning')}: {text}" if text else getattr(category, "__name__", "Warning")
    if entry not in _RECORDED:
        _RECORDED.append(entry)


def record_warnings() -> None:
    """Start a report: forget earlier reports' warnings and record, not print, every warning shown from now on."""
    _RECORDED.clear()
    warnings.showwarning = _record


def recorded() -> list[str]:
    """The warnings recorded since the report started, each once, in the order they first came."""
    return list(_RECORDED)


def print_recorded() -> None:
    """Print the record on one marked line, for the worker to read from the cell's output."""
    print(MARKER + json.dumps(recorded()))
