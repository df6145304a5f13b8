"""Make a new release: draft it from the curation files, check it, optionally edit it by hand, publish it.

`draft` builds data/drafts/<version> from data/raw and data/curation (the same build every release comes from).
`publish` records any hand edits made to the draft as data (data/curation/edits/<version>.csv), rebuilds the
release from curation plus those edits (so what is published is exactly what `rebuild` reproduces), validates it,
writes the manifest, the release's row in curation/releases.csv and a CHANGELOG entry, and moves it into
data/releases in one rename.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pdukit.dataset.build import build_tables, release_metadata, write_release
from pdukit.dataset.build.corrections import edits_dir, record_edits
from pdukit.dataset.build.inputs import curation_dir
from pdukit.dataset.diff import Change, list_changes, summarise
from pdukit.dataset.validate import Problem, read_release, validate_release
from pdukit.errors import PublishError
from pdukit.files import write_atomic
from pdukit.paths import DRAFT_STAMP, MANIFEST, drafts_dir, list_releases, project_root, releases_dir, version_date


def _today() -> date:
    """Today as the latest of the local and the UTC date, so a release made just after midnight is not refused."""
    return max(date.today(), datetime.now(UTC).date())


def check_version(version: str) -> None:
    """Refuse (PublishError) a version that is not a real date no later than today, with an optional letter for a
    second release the same day, or that exists or does not sort after the latest release: a release is
    immutable, so a bad version would stay and refuse every real release after it."""
    day, today = version_date(version), _today()
    if day is None or day > today:
        raise PublishError(f"version {version!r}: expected a real date written YYYY-MM-DD, no later than today "
                           f"({today.isoformat()}), with one lower-case letter after it for a second release the same "
                           "day (2026-11-22, 2026-11-22b)")
    if (releases_dir() / version).exists():
        raise PublishError(f"release {version} exists already: releases are immutable; choose a new version")
    latest = list_releases()
    if latest and version <= latest[-1].name:
        raise PublishError(f"version {version} does not sort after the latest release {latest[-1].name}")


def _created() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def draft(version: str, replace: bool = False) -> Path:
    """Build data/drafts/<version> from the curation files; return the folder."""
    check_version(version)
    target = drafts_dir() / version
    if target.exists():
        if not replace:
            raise PublishError(f"draft {target} exists already: edit it, or run 'pdukit release draft {version} --replace' "
                               "to build it again from the curation files")
        shutil.rmtree(target)
    tables, inputs = build_tables(version)
    write_release(tables, inputs, target, "", "", manifest=False)
    (target / DRAFT_STAMP).write_text(json.dumps({"version": version, "inputs": inputs.hashes()}, indent=1), encoding="utf-8")
    return target


def resolve_draft(path_or_version: str | Path) -> Path:
    """Return a draft folder from its path or version; PublishError lists the drafts when there is none."""
    path = Path(path_or_version)
    candidates = [path, drafts_dir() / path.name]
    for candidate in candidates:
        if candidate.is_dir() and (candidate / DRAFT_STAMP).exists():
            return candidate
    found = sorted(p.name for p in drafts_dir().iterdir() if p.is_dir()) if drafts_dir().is_dir() else []
    raise PublishError(f"no such draft: {path_or_version}; drafts: {', '.join(found) or 'none'} "
                       "(make one with 'pdukit release draft VERSION')")


def _frames_as_rows(folder: Path, version: str) -> dict[str, list[dict[str, Any]]]:
    from pdukit.dataset.schema import TABLES, columns_for
    from pdukit.dataset.validate import parse_table

    rows = {}
    for name, table in TABLES.items():
        frame, _ = parse_table(folder / table.filename, table, version)
        rows[name] = [] if frame is None else frame.fillna("").astype(str)[columns_for(table, version)].to_dict("records")
    return rows


def publish(draft_dir: Path | str, note: str, changelog: Path | None = None) -> tuple[Path, list[Problem]]:
    """Validate a draft and release it; return the release folder and an empty list, or the draft and its problems
    (nothing is written then)."""
    draft_dir = resolve_draft(draft_dir)
    version = draft_dir.name
    check_version(version)
    if not note.strip():
        raise PublishError("a changelog note is required: say what the release adds or corrects, and why")
    problems = validate_release(draft_dir, check_checksums=False, version=version)
    if problems:
        return draft_dir, problems
    stamp = json.loads((draft_dir / DRAFT_STAMP).read_text(encoding="utf-8"))
    built, inputs = build_tables(version)
    if {k: v for k, v in inputs.hashes().items() if not k.startswith("curation/edits/")} != \
            {k: v for k, v in stamp["inputs"].items() if not k.startswith("curation/edits/")}:
        raise PublishError(f"the curation files changed after draft {version} was built: run 'pdukit release draft "
                           f"{version} --replace' (hand edits to the draft are lost) or undo the curation change")
    edits = edits_dir() / f"{version}.csv"
    count = record_edits(built, _frames_as_rows(draft_dir, version), edits)
    created = _created()
    try:
        tables, inputs = build_tables(version)  # curation plus the edits just recorded: what rebuild reproduces
        previous = list_releases()[-1] if list_releases() else None
        target = write_release(tables, inputs, releases_dir() / version, created, note.strip())
    except Exception:
        edits.unlink(missing_ok=True)
        raise
    _record_release(version, created, note.strip())
    changes = list_changes(previous, target) if previous else []
    _add_changelog(changelog or project_root() / "data" / "CHANGELOG.md", version, note.strip(), previous, changes, count)
    shutil.rmtree(draft_dir)
    return target, []


def _record_release(version: str, created: str, note: str) -> None:
    import csv

    path = curation_dir() / "releases.csv"
    with open(path, "a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerow([version, created, note])


def _add_changelog(path: Path, version: str, note: str, previous: Path | None, changes: list[Change],
                   edits: int) -> None:
    lines = "\n".join(f"- {line}" for line in summarise(changes).splitlines())
    by_hand = f"\n\n{edits} row(s) edited by hand in the draft, recorded in `data/curation/edits/{version}.csv`." if edits else ""
    entry = f"## {version}\n\n{note}{by_hand}\n\nCompared with {previous.name if previous else 'nothing'}:\n\n{lines}\n\n"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Data changelog\n\n"
    head, _, rest = text.partition("\n## ")
    write_atomic(path, head.rstrip() + "\n\n" + entry + ("## " + rest if rest else ""))


def rebuild(version: str, out: Path) -> tuple[Path, list[str]]:
    """Rebuild a published release from the repository into out/<version>; return it and the files that differ
    from the release (empty: identical byte for byte)."""
    meta = release_metadata(version)
    tables, inputs = build_tables(version)
    target = write_release(tables, inputs, Path(out) / version, meta["created"], meta["note"])
    released = releases_dir() / version
    different = [p.name for p in sorted(released.iterdir()) if p.is_file()
                 and (not (target / p.name).exists() or (target / p.name).read_bytes() != p.read_bytes())]
    if "pdukit_build_inputs" not in json.loads((released / MANIFEST).read_text(encoding="utf-8")):
        # the first release's manifest predates the record of build inputs and today's column descriptions:
        # its tables are compared, its manifest cannot be
        different = [name for name in different if name != MANIFEST]
    return target, different


def check_draft(path: Path) -> list[Problem]:
    """Every problem of a draft, the manifest aside (it has none until published)."""
    return read_release(path, check_checksums=False)[1]
