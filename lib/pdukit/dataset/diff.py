"""What one release added, changed or removed compared with another, table by table and row by row.

Rows are matched on a stable identity: the table's key, except that a row about one inspection is matched
without its region (the inspection fixes it), so a PDU that moved region between releases shows as a change of
`region`, not as a removal and an addition. `diff_releases` answers as a DataFrame; `list_changes` gives the
same differences one object per row, for the `pdukit diff` command and the changelog.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pdukit.dataset.schema import TABLES, Table, tables_for
from pdukit.dataset.validate import parse_table, release_version
from pdukit.errors import ReleaseError
from pdukit.paths import resolve_release

if TYPE_CHECKING:
    from pdukit.dataset.release import Release

KINDS = ("added", "changed", "removed")
FRAME_COLUMNS = ["table", "key", "column", "old", "new", "change"]


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


def release_folder(spec: str | os.PathLike[str] | Release) -> Path:
    """The folder of a release given as a Release, a version name ('2026-11-22b', 'latest', a draft's version)
    or a path; ReleaseNotFound (naming the releases) for anything else."""
    path = getattr(spec, "path", None)
    if isinstance(path, Path):
        return path
    return resolve_release(spec)  # anything but a name or a folder: ReleaseNotFound naming the releases


def _identity(row: dict[str, str], key: tuple[str, ...]) -> tuple[str, ...]:
    """What a row is about, whatever region it is filed under: the key without `region` where the row names its
    inspection."""
    if "region" in key and "inspection_id" in key and row.get("inspection_id"):
        return tuple(row[k] for k in key if k != "region")
    return tuple(row[k] for k in key)


def _rows(frame: pd.DataFrame | None, key: tuple[str, ...]) -> dict[tuple[str, ...], dict[str, str]]:
    if frame is None:
        return {}
    records = [{str(k): "" if pd.isna(v) else str(v) for k, v in r.items()} for r in frame.to_dict("records")]
    by_identity = {_identity(r, key): r for r in records}
    if len(by_identity) < len(records):  # two rows of one inspection under different regions: match on the key
        return {tuple(r[k] for k in key): r for r in records}
    return by_identity


def _read(folder: Path, table: Table) -> pd.DataFrame | None:
    """The table's rows; None for a table the release predates (all its rows in a later release are 'added')."""
    version = release_version(folder)
    if table.name not in {t.name for t in tables_for(version)}:
        return None
    frame, problems = parse_table(folder / table.filename, table, version)
    if frame is None:
        raise ReleaseError(folder, problems)
    return frame


def list_changes(old: str | os.PathLike[str] | Release, new: str | os.PathLike[str] | Release) -> list[Change]:
    """Every added, removed and changed row from release `old` to release `new`, ordered by table then key.

    Each side is a Release, a version name or a folder; an unknown one raises ReleaseNotFound, and a folder that
    is not a release (a table file missing or unreadable) raises ReleaseError, never 'every row added'."""
    old_dir, new_dir = release_folder(old), release_folder(new)
    changes: list[Change] = []
    for table in TABLES.values():
        key = table.key or tuple(table.column_names)
        before, after = _rows(_read(old_dir, table), key), _rows(_read(new_dir, table), key)
        found: list[tuple[str, Change]] = []
        for identity in after.keys() - before.keys():
            shown = "|".join(after[identity][k] for k in key)
            found.append((shown, Change(table.name, shown, "added")))
        for identity in before.keys() - after.keys():
            shown = "|".join(before[identity][k] for k in key)
            found.append((shown, Change(table.name, shown, "removed")))
        for identity in before.keys() & after.keys():
            was, now = before[identity], after[identity]
            cells = tuple((c, was.get(c, ""), now.get(c, "")) for c in table.column_names
                          if was.get(c, "") != now.get(c, ""))
            if cells:
                shown = "|".join(now[k] for k in key)
                found.append((shown, Change(table.name, shown, "changed", cells)))
        order = {kind: i for i, kind in enumerate(("added", "removed", "changed"))}
        changes += [c for _, c in sorted(found, key=lambda item: (order[item[1].kind], item[0]))]
    return changes


def changes_frame(changes: list[Change]) -> pd.DataFrame:
    """The changes as a DataFrame: one row per added or removed row (column, old and new empty) and one per
    changed cell."""
    rows: list[dict[str, object]] = []
    for change in changes:
        if change.kind == "changed":
            rows += [dict(table=change.table, key=change.key, column=column, old=was, new=now, change="changed")
                     for column, was, now in change.cells]
        else:
            rows.append(dict(table=change.table, key=change.key, column=None, old=None, new=None, change=change.kind))
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS).astype("string")
    frame["change"] = frame.change.astype(pd.CategoricalDtype(list(KINDS)))
    return frame


def diff_releases(old: str | os.PathLike[str] | Release, new: str | os.PathLike[str] | Release) -> pd.DataFrame:
    """What release `new` added, changed and removed compared with `old`, as a DataFrame with columns table,
    key, column, old, new and change ('added', 'changed', 'removed'): one row per added or removed row, one per
    changed cell. Rows are matched on what they are about, so a PDU that moved region is a change of `region`.

    Each side is a Release, a version name ('2026-11-22', 'latest', a draft's version) or a folder; an unknown
    one raises ReleaseNotFound. An empty frame means no differences.

        >>> pdukit.diff_releases("2026-11-22", "2026-11-22b").query("column == 'region'")
    """
    return changes_frame(list_changes(old, new))


def summarise(changes: list[Change] | pd.DataFrame) -> str:
    """Return one line per table: how many rows were added, changed and removed."""
    if isinstance(changes, pd.DataFrame):
        pairs = changes[["table", "key", "change"]].drop_duplicates().itertuples(index=False)
        kinds = [(str(t), str(k)) for t, _, k in pairs]
    else:
        kinds = [(c.table, c.kind) for c in changes]
    counts: dict[str, dict[str, int]] = {}
    for table, kind in kinds:
        counts.setdefault(table, {"added": 0, "changed": 0, "removed": 0})[kind] += 1
    if not counts:
        return "no differences"
    return "\n".join(f"{t}: {c['added']} added, {c['changed']} changed, {c['removed']} removed" for t, c in counts.items())
