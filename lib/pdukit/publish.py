"""Make a new release: draft a copy of the latest one, edit it, then publish it with a manifest and a changelog entry.

A release folder is never edited in place. `draft` copies the latest release into data/drafts/<version>;
`publish` validates the draft, writes its manifest (checksums included), adds a CHANGELOG entry built from the diff
against the previous release, and moves the folder into data/releases in one rename.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from .diff import diff_releases, summarise
from .manifest import MANIFEST, write_manifest
from .paths import VERSION_PATTERN, list_releases, project_root, releases_dir
from .validate import Problem, validate_release


class PublishError(ValueError):
    """The draft cannot become a release; the message says why and what to do."""


def drafts_dir() -> Path:
    """Return data/drafts, where new releases are edited before publishing."""
    return project_root() / "data" / "drafts"


def _check_version(version: str) -> None:
    if not VERSION_PATTERN.match(version):
        raise PublishError(f"version {version!r}: expected an ISO date, optionally with a suffix (2026-11-22, 2026-11-22b)")
    if (releases_dir() / version).exists():
        raise PublishError(f"release {version} exists already: releases are immutable; choose a new version")
    latest = list_releases()
    if latest and version <= latest[-1].name:
        raise PublishError(f"version {version} does not sort after the latest release {latest[-1].name}")


def draft(version: str, base: Path | None = None) -> Path:
    """Copy the latest (or `base`) release into data/drafts/<version> and return that folder."""
    _check_version(version)
    base = base or list_releases()[-1]
    target = drafts_dir() / version
    if target.exists():
        raise PublishError(f"draft {target} exists already: edit it, or delete it to start again")
    shutil.copytree(base, target)
    (target / MANIFEST).unlink(missing_ok=True)  # a draft has no manifest until it is published
    return target


def publish(draft_dir: Path, note: str, changelog: Path | None = None) -> tuple[Path, list[Problem]]:
    """Validate a draft and move it into data/releases with a manifest and a changelog entry.

    Returns the release folder and an empty problem list; if the draft has problems nothing is written and the
    problems are returned instead.
    """
    draft_dir = Path(draft_dir)
    version = draft_dir.name
    _check_version(version)
    if not note.strip():
        raise PublishError("a changelog note is required: say what the release adds or corrects, and why")
    problems = validate_release(draft_dir, check_checksums=False)
    if problems:
        return draft_dir, problems
    previous = list_releases()[-1] if list_releases() else None
    write_manifest(draft_dir, version, date.today().isoformat(), note.strip())
    changes = diff_releases(previous, draft_dir) if previous else []
    changelog = changelog or project_root() / "data" / "CHANGELOG.md"
    entry = f"## {version}\n\n{note.strip()}\n\nCompared with {previous.name if previous else 'nothing'}:\n\n" + \
        "\n".join(f"- {line}" for line in summarise(changes).splitlines()) + "\n\n"
    target = releases_dir() / version
    staging = releases_dir() / f".{version}.tmp"
    shutil.copytree(draft_dir, staging)
    staging.rename(target)
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else "# Data changelog\n\n"
    head, _, rest = text.partition("\n## ")
    changelog.write_text(head.rstrip() + "\n\n" + entry + ("## " + rest if rest else ""), encoding="utf-8")
    shutil.rmtree(draft_dir)
    return target, []
