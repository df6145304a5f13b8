"""What a release is built from: raw files (data/raw, copied unchanged from public sources) and curation files
(data/curation, the decisions: transcriptions, mappings, corrections), each read as a list of dicts.

A curation row with a `since` column applies to releases from that version on, so a later decision never
changes how an earlier release rebuilds. A release's manifest records the sha256 of each input as in force for
it (the file without the rows of a later `since`), so adding a row for a later release leaves every earlier
manifest as it was; a curation file a release predates (`Inputs.curation(name, since=...)`) is not read for it.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

    def curation(self, name: str, since: str = "") -> list[Row]:
        """Rows of a curation CSV file in force for this version; none (and the file not read) for a version
        before `since`, the first release that reads the file."""
        if since and self.version < since:
            return []
        path = curation_dir(self.root) / name
        self.files[f"curation/{name}"] = path
        return [row for row in read_rows(path) if applies(row, self.version)]

    def hashes(self) -> dict[str, str]:
        """sha256 of every input read so far as in force for this version, by path relative to data/."""
        return {name: in_force_sha256(path, self.version) for name, path in sorted(self.files.items())}


def in_force_bytes(path: Path, version: str) -> bytes:
    """A file's bytes without the records of a `since` later than `version` (all of them when none is later): the
    input exactly as an earlier release read it, when rows were only added since."""
    raw = path.read_bytes()
    if not path.name.endswith(".csv"):
        return raw
    text = raw.decode("utf-8")
    lines = list(io.StringIO(text, newline=""))  # the physical lines the csv reader consumes, ends kept
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header or "since" not in header:
        return raw
    column, kept, start = header.index("since"), lines[: reader.line_num], reader.line_num
    for record in reader:
        end = reader.line_num
        since = record[column].strip() if len(record) > column else ""
        if not since or since <= version:
            kept += lines[start:end]
        start = end
    return "".join(kept).encode("utf-8")


def in_force_sha256(path: Path, version: str) -> str:
    """The hex sha256 of `in_force_bytes`: the file's own sha256 when every row is in force."""
    return hashlib.sha256(in_force_bytes(path, version)).hexdigest()
