"""What a release is built from: raw files (data/raw, copied unchanged from public sources) and curation files
(data/curation, the decisions: transcriptions, mappings, corrections), each read as a list of dicts.

A curation row with a `since` column applies to releases from that version on, so a later decision never
changes how an earlier release rebuilds.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdukit.dataset.manifest import sha256
from pdukit.errors import BuildError
from pdukit.paths import project_root

Row = dict[str, Any]  # one CSV row or one row of a table being built: column -> value


def raw_dir(root: Path | None = None) -> Path:
    """Return data/raw: public source files kept byte for byte as they were received."""
    return (root or project_root()) / "data" / "raw"


def curation_dir(root: Path | None = None) -> Path:
    """Return data/curation: every decision the build takes, as data."""
    return (root or project_root()) / "data" / "curation"


def read_rows(path: Path) -> list[Row]:
    """Return a CSV file's rows as dicts; BuildError names a missing file."""
    if not path.exists():
        raise BuildError(f"{path}: file is missing; expected a build input")
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def applies(row: Row, version: str) -> bool:
    """True when a curation row is in force for `version` (no `since`, or `since` not after it)."""
    since = (row.get("since") or "").strip()
    return not since or since <= version


@dataclass
class Inputs:
    """Every file one build reads, filtered to the rows in force for its version."""

    version: str
    root: Path
    files: dict[str, Path] = field(default_factory=dict)

    def raw(self, name: str) -> list[Row]:
        """Rows of a raw CSV file (all of them: raw files carry no decisions)."""
        path = raw_dir(self.root) / name
        self.files[f"raw/{name}"] = path
        return read_rows(path)

    def curation(self, name: str) -> list[Row]:
        """Rows of a curation CSV file in force for this version."""
        path = curation_dir(self.root) / name
        self.files[f"curation/{name}"] = path
        return [row for row in read_rows(path) if applies(row, self.version)]

    def hashes(self) -> dict[str, str]:
        """sha256 of every input read so far, by path relative to data/."""
        return {name: sha256(path) for name, path in sorted(self.files.items())}
