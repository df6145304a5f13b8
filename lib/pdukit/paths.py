"""Where the project's data and reports live, and how a release name ('latest', a version, a path) resolves."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from pdukit.errors import ReleaseNotFound

VERSION_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}([a-z0-9.-]*)$")



MANIFEST = "datapackage.json"


def project_root() -> Path:
    """Return the project folder: $PDUKIT_ROOT, else the folder holding lib/pdukit (an editable install)."""
    if os.environ.get("PDUKIT_ROOT"):
        return Path(os.environ["PDUKIT_ROOT"]).resolve()
    return Path(__file__).resolve().parents[2]


def releases_dir() -> Path:
    """Return data/releases under the project folder."""
    return project_root() / "data" / "releases"


def drafts_dir() -> Path:
    """Return data/drafts, where new releases are prepared before publishing."""
    return project_root() / "data" / "drafts"


def is_draft(path: Path) -> bool:
    """True for a folder that is not yet a release: it has no manifest."""
    return not (Path(path) / MANIFEST).exists()


def list_releases(base: Path | None = None) -> list[Path]:
    """Return release folders in release order (their ISO-date names sort that way)."""
    base = base or releases_dir()
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and VERSION_PATTERN.match(p.name))


def _known() -> tuple[list[str], list[str]]:
    releases = [p.name for p in list_releases()]
    drafts = sorted(p.name for p in drafts_dir().iterdir() if p.is_dir()) if drafts_dir().is_dir() else []
    return releases, drafts


def resolve_release(spec: str | os.PathLike | None = "latest") -> Path:
    """Return the folder of a release given 'latest' (any case), a version name such as '2026-11-22', a draft's
    version (a folder in data/drafts), or a path. Anything else raises ReleaseNotFound (an UnknownName) naming the
    releases and drafts, and the closest of them."""
    spec = "latest" if spec is None or (isinstance(spec, str) and not spec.strip()) else spec
    if not isinstance(spec, (str, os.PathLike)):
        releases, drafts = _known()
        raise ReleaseNotFound(f"{spec!r} ({type(spec).__name__}) is not a release name: pass 'latest', a version "
                              f"such as '{releases[-1] if releases else '2026-12-01'}' (as text), or a folder "
                              f"(releases: {', '.join(releases) or 'none'}; drafts: {', '.join(drafts) or 'none'})")
    if isinstance(spec, str) and spec.strip().lower() == "latest":
        releases_found = list_releases()
        if not releases_found:
            raise ReleaseNotFound(f"no release in {releases_dir()}")
        return releases_found[-1]
    path = Path(spec)
    if path.is_dir():
        return path.resolve()
    for candidate in (releases_dir() / str(spec), drafts_dir() / str(spec)):
        if candidate.is_dir():
            return candidate
    releases, drafts = _known()
    near = difflib.get_close_matches(str(spec).strip().lower(), ["latest", *releases, *drafts], n=2, cutoff=0.6)
    hint = f"; closest: {', '.join(map(repr, near))}" if near else ""
    raise ReleaseNotFound(f"{spec}: no such release or draft (releases: {', '.join(releases) or 'none'}; drafts: "
                          f"{', '.join(drafts) or 'none'}){hint}")
