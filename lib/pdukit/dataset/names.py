"""Names of regions and PDUs as users type them: slugs, and close-match suggestions for unknown names.

Standard library only, so the renderer can check names before importing anything heavy.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from pdukit.dataset.schema import REGIONS
from pdukit.errors import UnknownName as UnknownName  # raised here, importable from here


def slug(name: str) -> str:
    """Return a file-name slug: 'Kent, Surrey and Sussex' -> 'kent-surrey-and-sussex'."""
    return re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")


def closest(name: str, choices: Iterable[object], n: int = 3) -> str:
    """Return up to `n` of `choices` closest to `name` (the same text in another case first, then close spellings,
    then choices that contain it), quoted and comma-separated; every choice when none is close (so the message
    always shows what would have been valid).

        >>> closest("manchster", ["Greater Manchester", "Wales"])
        "'Greater Manchester'"
    """
    options = list(dict.fromkeys(str(c) for c in choices))
    wanted = str(name).strip().lower()
    by_lower: dict[str, str] = {}
    for option in options:
        by_lower.setdefault(option.lower(), option)
    found = [by_lower[wanted]] if wanted in by_lower else []
    found += [by_lower[m] for m in difflib.get_close_matches(wanted, list(by_lower), n=n, cutoff=0.6)]
    if wanted:
        found += [o for o in options if wanted in o.lower() or (len(o) > 2 and o.lower() in wanted)]
    if not found:
        found = [by_lower[m] for m in difflib.get_close_matches(wanted, list(by_lower), n=n, cutoff=0.4)]
    found = list(dict.fromkeys(found))[:n]
    if found:
        return ", ".join(repr(c) for c in found)
    return "none close; valid names are " + ", ".join(repr(c) for c in sorted(options))


def resolve_region(name: str) -> str:
    """Return the official region name for `name` (any case, or its slug); UnknownName lists the closest ones."""
    wanted = str(name).strip().lower()
    for region in REGIONS:
        if wanted in (region.lower(), slug(region)):
            return region
    raise UnknownName(f"unknown region {name!r}; closest valid names: {closest(str(name), list(REGIONS))}")


def resolve_pdu_record(name: str, pdus: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the PDU record (pdu_id, name, aliases, ...) matching a name, alias, slug, official code or id (any
    case)."""
    wanted = str(name).strip().lower()
    for pdu in pdus:
        aliases = [a.strip().lower() for a in str(pdu.get("aliases") or "").split(";") if a.strip()]
        code = str(pdu.get("pdu_code") or "").lower()
        if wanted in (str(pdu["pdu_id"]), str(pdu["name"]).lower(), slug(pdu["name"]), *aliases, *([code] if code else [])):
            return pdu
    raise UnknownName(f"unknown PDU {name!r}; closest valid names: {closest(name, [str(p['name']) for p in pdus])}")
