"""Where the project's data and reports live, and how a release name ('latest', a version, a path) resolves."""

from __future__ import annotations

import difflib
import os
import re
from datetime import date
from pathlib import Path

from pdukit.errors import ReleaseNotFound

# A release version is the day it was made, with one letter for a second release that day: 2026-11-22, 2026-11-22b.
# Versions sort as their releases were made, which `list_releases` and publishing rely on.
VERSION_PATTERN = re.compile(r"^(\d{4}-\d{2}-\d{2})([a-z]?)$")
MANIFEST = "datapackage.json"
DRAFT_STAMP = ".draft.json"  # what a draft was built from (written by `pdukit release draft`)


def version_date(version: str) -> date | None:
    """The day a version names, or None when it is not `YYYY-MM-DD` (a real date) with an optional letter."""
    match = VERSION_PATTERN.match(version)
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:  # 2026-21-01, 2026-02-30: shaped like a date, not one
        return None


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
    return sorted(p for p in base.iterdir() if p.is_dir() and version_date(p.name) is not None)


def _known() -> tuple[list[str], list[str]]:
    releases = [p.name for p in list_releases()]
    drafts = sorted(p.name for p in drafts_dir().iterdir() if p.is_dir()) if drafts_dir().is_dir() else []
    return releases, drafts


def resolve_release(spec: str | os.PathLike | None = "latest") -> Path:
    """Return the absolute folder of a release given 'latest', a version name such as '2026-11-22', a draft's
    version (a folder in data/drafts), or a path (relative to the working directory).

    The folder is resolved once, here, and is absolute, so whoever reads it next (a kernel started in notebooks/,
    a scheduler elsewhere) reads the same folder. A path is taken as a path: an existing folder wins over a version
    of the same name, and a path that does not exist is not looked up as a version. 'latest' is taken in any case;
    None (the default left as it is) means 'latest' too, but empty or blank text does not: it is more often a
    variable or a shell argument that went missing than a choice of the latest release.
    ReleaseNotFound (an UnknownName, exit 2) for no such folder, release or draft (naming the releases and drafts,
    and the closest of them), for a folder that holds no release (no manifest, no table), and for anything that is
    not a name or a path (`2026`, `""`)."""
    if spec is not None and not isinstance(spec, (str, os.PathLike)):
        raise ReleaseNotFound(_not_a_name(f"{spec!r} ({type(spec).__name__}) is not a release name", "(as text)"))
    if isinstance(spec, str) and not spec.strip():
        raise ReleaseNotFound(_not_a_name(f"{spec!r} is not a release name: it is {'blank' if spec else 'empty'}", ""))
    text = "latest" if spec is None else os.fspath(spec)
    if text == "latest" or (isinstance(spec, str) and text.strip().lower() == "latest"):
        releases = list_releases()
        if not releases:
            raise ReleaseNotFound(f"no release in {releases_dir()}")
        return releases[-1].resolve()
    path = Path(text).expanduser()
    if path.is_dir():
        return release_folder(path.resolve())
    if not _looks_like_path(text):
        for candidate in (releases_dir() / text, drafts_dir() / text):
            if candidate.is_dir():
                return release_folder(candidate.resolve())
        names, drafts = _known()
        near = difflib.get_close_matches(text.strip().lower(), ["latest", *names, *drafts], n=2, cutoff=0.6)
        hint = f"; closest: {', '.join(map(repr, near))}" if near else ""
        raise ReleaseNotFound(f"{text}: no such release or draft (releases: {', '.join(names) or 'none'}; drafts: "
                              f"{', '.join(drafts) or 'none'}){hint}")
    raise ReleaseNotFound(f"{text}: no such release or draft folder ({Path.cwd() / path} does not exist); expected a "
                          "release or draft folder, or a version such as 'latest'")


def _not_a_name(what: str, kind: str) -> str:
    """The message for a release spec that is no name at all, listing what would be one."""
    names, drafts = _known()
    example = names[-1] if names else "2026-12-01"
    return (f"{what}; pass 'latest', a version such as '{example}'{' ' + kind if kind else ''}, or a folder "
            f"(releases: {', '.join(names) or 'none'}; drafts: {', '.join(drafts) or 'none'})")


def _looks_like_path(text: str) -> bool:
    """True for text written as a path ('data/drafts/x', './x', '~/x'), which is never looked up as a version."""
    return os.sep in text or "/" in text or text.startswith((".", "~"))


def release_folder(path: Path) -> Path:
    """Return `path` when it holds a release or a draft (a manifest, a draft's stamp or any of the tables, even one
    that validation will refuse); ReleaseNotFound names a folder that holds none (`--data /etc`)."""
    # Only names are looked at (nothing is opened), and no table is named here: the base layer knows no schema.
    try:
        names = set(os.listdir(path))
    except OSError:
        names = set()
    if MANIFEST in names or DRAFT_STAMP in names or any(n.endswith(".csv") for n in names):
        return path
    raise ReleaseNotFound(f"{path} is a folder, not a release or draft: it holds no {MANIFEST} and no table "
                          "(.csv file) of a release")
