"""Load a release into tidy, typed pandas DataFrames.

Ratings are ordered categoricals (Inadequate < Requires improvement < Good < Outstanding), regions are
categoricals in the official order, counts are nullable integers, and every partial date column `x` gains
`x_start` (the first day it can mean) and `x_precision` ('year', 'month' or 'day').
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .manifest import read_manifest, sha256
from .paths import resolve_release
from .schema import RATINGS, REGIONS, TABLES, Table
from .validate import Problem, validate_release

RATING_TYPE = pd.CategoricalDtype(list(RATINGS), ordered=True)
REGION_TYPE = pd.CategoricalDtype(list(REGIONS), ordered=True)
PRECISION_TYPE = pd.CategoricalDtype(["year", "month", "day"], ordered=True)


ACCESSED: set[str] = set()  # names of tables read since the last reset: what a rendered report depended on


class TrackedTables(dict):
    """A dict of tables that records which ones are read, so a report's cache entry knows its data inputs."""

    def __getitem__(self, name: str) -> pd.DataFrame:
        ACCESSED.add(name)
        return super().__getitem__(name)


class ReleaseError(ValueError):
    """A release that failed validation; `problems` lists every fault, one line each."""

    def __init__(self, release_dir: Path, problems: list[Problem]):
        self.release_dir = release_dir
        self.problems = problems
        lines = "\n".join(str(p) for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"release {release_dir} has {len(problems)} problem(s):\n{lines}{more}")


@dataclass
class Release:
    """One data release: its version, folder, manifest and typed tables (see `pdukit.schema` for columns)."""

    version: str
    path: Path
    manifest: dict
    tables: dict[str, pd.DataFrame] = field(repr=False)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def checksum(self) -> str:
        """sha256 of the manifest, which itself holds every file's sha256: one fingerprint of the release."""
        return sha256(self.path / "datapackage.json")

    def source_label(self, source_ids: str | list[str]) -> str:
        """Return 'publisher (date); ...' for source ids, the short form used under charts and tables."""
        ids = source_ids.split(";") if isinstance(source_ids, str) else list(source_ids)
        sources = self.tables["sources"].set_index("source_id")
        parts = []
        for sid in dict.fromkeys(i for i in ids if i):
            if sid in sources.index:
                row = sources.loc[sid]
                when = f", {row['published']}" if pd.notna(row["published"]) else ""
                parts.append(f"{row['publisher']}{when}")
        return "; ".join(dict.fromkeys(parts))


def _precision(value) -> str | None:
    if pd.isna(value):
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(str(value)))


def _typed_table(path: Path, table: Table) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8").replace("", pd.NA)
    for column in table.columns:
        values = frame[column.name]
        if column.allowed == RATINGS:
            frame[column.name] = values.astype(RATING_TYPE)
        elif column.name == "region":
            frame[column.name] = values.astype(REGION_TYPE)
        elif column.allowed:
            frame[column.name] = values.astype(pd.CategoricalDtype(list(column.allowed)))
        elif column.kind == "integer":
            frame[column.name] = pd.to_numeric(values).astype("Int64")
        elif column.kind == "number":
            frame[column.name] = pd.to_numeric(values).astype("Float64")
        elif column.kind == "boolean":
            frame[column.name] = values.str.lower().map({"true": True, "false": False}).astype("boolean")
        elif column.kind == "partial_date":
            frame[column.name] = values.astype("string")
            frame[f"{column.name}_start"] = pd.to_datetime(values, format="mixed", errors="coerce")
            frame[f"{column.name}_precision"] = values.map(_precision).astype(PRECISION_TYPE)
        else:
            frame[column.name] = values.astype("string")
    return frame


def load_release(spec: str | os.PathLike | None = "latest", validate: bool = True) -> Release:
    """Return the release named by `spec` ('latest', a version or a folder) as typed DataFrames.

    With `validate` (the default) a release with any problem raises ReleaseError listing them all, so no analysis
    runs on data that does not match its schema or its manifest.
    """
    path = resolve_release(spec)
    key = _fingerprint(path)
    if key not in _CACHE:
        _CACHE.clear()  # keep one release: a kernel reused for many reports reads and checks the files once
        problems = validate_release(path)
        frames = {} if problems else {name: _typed_table(path / t.filename, t) for name, t in TABLES.items()}
        _CACHE[key] = (problems, frames)
    problems, frames = _CACHE[key]
    if problems and validate:
        raise ReleaseError(path, problems)
    if problems:  # asked not to validate: read what is there
        frames = {name: _typed_table(path / t.filename, t) for name, t in TABLES.items()}
    tables = TrackedTables({name: frame.copy() for name, frame in frames.items()})
    manifest = read_manifest(path)
    return Release(version=manifest.get("version", path.name), path=path, manifest=manifest, tables=tables)


def _fingerprint(path: Path) -> tuple:
    """Name, size and modification time of every file: changes whenever any file is rewritten."""
    return (str(path),) + tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(path.iterdir()) if p.is_file())


_CACHE: dict[tuple, tuple[list[Problem], dict[str, pd.DataFrame]]] = {}
