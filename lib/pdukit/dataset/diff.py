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
from pdukit.dataset.vocabulary import check_flag
from pdukit.errors import ReleaseError
from pdukit.paths import resolve_release

if TYPE_CHECKING:
    from pdukit.dataset.release import Release

KINDS = ("added", "changed", "removed")
SOURCE_COLUMNS = ["old_source_ids", "new_source_ids", "source_ids"]
FRAME_COLUMNS = ["table", "key", "column", "old", "new", "change", *SOURCE_COLUMNS]
ROW_COLUMNS = ["table", "key", "change", "columns", *SOURCE_COLUMNS]
SUMMARY_COLUMNS = ["table", "added", "changed", "removed", "source_ids"]


@dataclass(frozen=True)
class Change:
    """One difference: kind is 'added', 'removed' or 'changed'; `cells` lists (column, old, new) for changes;
    `old_sources` and `new_sources` are the source ids of the row in each release (';'-separated, '' where the
    release has no such row)."""

    table: str
    key: str
    kind: str
    cells: tuple[tuple[str, str, str], ...] = ()
    old_sources: str = ""
    new_sources: str = ""

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


def _sources(row: dict[str, str] | None) -> str:
    """The source ids a row rests on: every column of source ids it has (a source's own id, in sources.csv)."""
    if row is None:
        return ""
    cells = [v for k, v in row.items() if k.endswith("source_ids") or k == "source_id"]
    return ";".join(dict.fromkeys(i for cell in cells for i in cell.split(";") if i))


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
            found.append((shown, Change(table.name, shown, "added", new_sources=_sources(after[identity]))))
        for identity in before.keys() - after.keys():
            shown = "|".join(before[identity][k] for k in key)
            found.append((shown, Change(table.name, shown, "removed", old_sources=_sources(before[identity]))))
        for identity in before.keys() & after.keys():
            was, now = before[identity], after[identity]
            cells = tuple((c, was.get(c, ""), now.get(c, "")) for c in table.column_names
                          if was.get(c, "") != now.get(c, ""))
            if cells:
                shown = "|".join(now[k] for k in key)
                found.append((shown, Change(table.name, shown, "changed", cells, _sources(was), _sources(now))))
        order = {kind: i for i, kind in enumerate(("added", "removed", "changed"))}
        changes += [c for _, c in sorted(found, key=lambda item: (order[item[1].kind], item[0]))]
    return changes


def _both(change: Change) -> dict[str, str]:
    both = ";".join(sorted(set(filter(None, f"{change.old_sources};{change.new_sources}".split(";")))))
    return {"old_source_ids": change.old_sources, "new_source_ids": change.new_sources, "source_ids": both}


def changes_frame(changes: list[Change], rows: bool = False) -> pd.DataFrame:
    """The changes as a DataFrame: one row per added or removed row (column, old and new empty) and one per
    changed cell; with `rows`, one row per added, changed or removed row (`columns`: the changed columns,
    ';'-separated). Each carries the row's source ids in each release and their union (`source_ids`)."""
    records: list[dict[str, object]] = []
    for change in changes:
        sources = _both(change)
        if rows:
            records.append(dict(table=change.table, key=change.key, change=change.kind,
                                columns=";".join(c for c, _, _ in change.cells) or None, **sources))
        elif change.kind == "changed":
            records += [dict(table=change.table, key=change.key, column=column, old=was, new=now, change="changed",
                             **sources) for column, was, now in change.cells]
        else:
            records.append(dict(table=change.table, key=change.key, column=None, old=None, new=None, change=change.kind,
                                **sources))
    frame = pd.DataFrame(records, columns=ROW_COLUMNS if rows else FRAME_COLUMNS).astype("string")
    frame["change"] = frame.change.astype(pd.CategoricalDtype(list(KINDS)))
    return frame


def diff_releases(old: str | os.PathLike[str] | Release, new: str | os.PathLike[str] | Release,
                  rows: bool = False) -> pd.DataFrame:
    """What release `new` added, changed and removed compared with `old`, as a DataFrame with columns table,
    key, column, old, new and change ('added', 'changed', 'removed'): one row per added or removed row, one per
    changed cell. Rows are matched on what they are about, so a PDU that moved region is a change of `region`.

    Count changed rows with `rows=True` (one row per added, changed or removed row, `columns` naming the changed
    columns) or `diff_summary`, not by counting this frame's rows: a row with two changed cells is two rows here.
    Every row carries the source ids of the row in each release (`old_source_ids`, `new_source_ids`) and both
    (`source_ids`), so `release.with_sources(diff)` works (a source the newer release dropped is 'not known' there:
    `old_release.with_sources(diff, column="old_source_ids")`).

    Each side is a Release, a version name ('2026-11-22', 'latest', a draft's version) or a folder; an unknown
    one raises ReleaseNotFound. An empty frame means no differences.

        >>> pdukit.diff_releases("2026-11-22", "2026-11-22b").query("column == 'region'")
        >>> pdukit.diff_releases("2026-11-22b", "2026-12-01", rows=True).groupby(["table", "change"]).size()
    """
    return changes_frame(list_changes(old, new), rows=check_flag(rows, "rows"))


def _counts(changes: list[Change]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for change in changes:
        counts.setdefault(change.table, {"added": 0, "changed": 0, "removed": 0})[change.kind] += 1
    return counts


def diff_summary(old: str | os.PathLike[str] | Release, new: str | os.PathLike[str] | Release) -> pd.DataFrame:
    """Per table with any difference, how many rows `new` added, changed and removed compared with `old`: the
    counts `pdukit diff OLD NEW --summary` prints, with the source ids of the rows counted (in either release).

        >>> pdukit.diff_summary("2026-11-22b", "2026-12-01").set_index("table").loc["inspections", "changed"]
        25
    """
    changes = list_changes(old, new)
    sources: dict[str, set[str]] = {}
    for change in changes:
        sources.setdefault(change.table, set()).update(i for i in _both(change)["source_ids"].split(";") if i)
    records = [dict(table=table, **kinds, source_ids=";".join(sorted(sources.get(table, set()))))
               for table, kinds in _counts(changes).items()]
    frame = pd.DataFrame(records, columns=SUMMARY_COLUMNS)
    for kind in KINDS:
        frame[kind] = frame[kind].astype("int64")
    return frame


def summarise(changes: list[Change] | pd.DataFrame) -> str:
    """Return one line per table: how many rows were added, changed and removed."""
    if isinstance(changes, pd.DataFrame):
        if "columns" in changes.columns:  # one row per changed row already
            pairs = changes[["table", "key", "change"]].itertuples(index=False)
        else:
            pairs = changes[["table", "key", "change"]].drop_duplicates().itertuples(index=False)
        counts: dict[str, dict[str, int]] = {}
        for table, _, kind in pairs:
            counts.setdefault(str(table), {"added": 0, "changed": 0, "removed": 0})[str(kind)] += 1
    else:
        counts = _counts(changes)
    if not counts:
        return "no differences"
    return "\n".join(f"{t}: {c['added']} added, {c['changed']} changed, {c['removed']} removed" for t, c in counts.items())
