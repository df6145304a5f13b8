"""What one release added, changed or removed compared with another, table by table and key by key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pdukit.dataset.schema import TABLES
from pdukit.dataset.validate import parse_table, release_version


@dataclass(frozen=True)
class Change:
    """One difference: kind is 'added', 'removed' or 'changed'; `cells` lists (column, old, new) for changes."""

    table: str
    key: str
    kind: str
    cells: tuple[tuple[str, str, str], ...] = ()

    def __str__(self) -> str:
        if self.kind != "changed":
            return f"{self.table} {self.key}: {self.kind}"
        detail = "; ".join(f"{col} {old!r} -> {new!r}" for col, old, new in self.cells)
        return f"{self.table} {self.key}: changed {detail}"


def _keyed(frame: pd.DataFrame, key: tuple[str, ...]) -> dict[str, dict]:
    frame = frame.fillna("")
    return {"|".join(str(row[k]) for k in key): row for row in frame.to_dict("records")}


def diff_releases(old_dir: Path, new_dir: Path) -> list[Change]:
    """Return every added, removed and changed row between two release folders, ordered by table then key."""
    changes: list[Change] = []
    old_version, new_version = release_version(Path(old_dir)), release_version(Path(new_dir))
    for table in TABLES.values():
        old, _ = parse_table(Path(old_dir) / table.filename, table, old_version)
        new, _ = parse_table(Path(new_dir) / table.filename, table, new_version)
        if old is None and new is None:
            continue
        key = table.key or tuple(table.column_names)
        before = _keyed(old, key) if old is not None else {}
        after = _keyed(new, key) if new is not None else {}
        for k in sorted(after.keys() - before.keys()):
            changes.append(Change(table.name, k, "added"))
        for k in sorted(before.keys() - after.keys()):
            changes.append(Change(table.name, k, "removed"))
        for k in sorted(before.keys() & after.keys()):
            cells = tuple((c, str(before[k].get(c, "")), str(after[k].get(c, ""))) for c in table.column_names
                          if str(before[k].get(c, "")) != str(after[k].get(c, "")))
            if cells:
                changes.append(Change(table.name, k, "changed", cells))
    return changes


def summarise(changes: list[Change]) -> str:
    """Return one line per table: how many rows were added, changed and removed."""
    counts: dict[str, dict[str, int]] = {}
    for change in changes:
        counts.setdefault(change.table, {"added": 0, "changed": 0, "removed": 0})[change.kind] += 1
    if not counts:
        return "no differences"
    return "\n".join(f"{t}: {c['added']} added, {c['changed']} changed, {c['removed']} removed" for t, c in counts.items())
