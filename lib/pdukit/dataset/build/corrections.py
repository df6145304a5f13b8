"""Curated corrections of built rows (curation/corrections.csv) and hand edits of published drafts
(curation/edits/<version>.csv), both applied by table key so that every release is its curation replayed."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from pdukit.dataset.build.inputs import Inputs, Row, curation_dir, read_rows
from pdukit.dataset.schema import TABLES
from pdukit.errors import BuildError


def row_key(table: str, row: Row) -> str:
    """The key of a row as the diff and the corrections name it: key columns joined by '|'."""
    key = TABLES[table].key or tuple(TABLES[table].column_names)
    return "|".join(str(row.get(k) or "") for k in key)


def _find(tables: dict[str, list[Row]], table: str, key: str, where: str) -> Row:
    for row in tables.get(table, []):
        if row_key(table, row) == key:
            return row
    raise BuildError(f"{where}: no {table} row with key {key!r}; expected an existing row")


def apply_corrections(tables: dict[str, list[Row]], inputs: Inputs) -> None:
    """Set a field, append to a note, or remove a row, as curation/corrections.csv says."""
    for number, c in enumerate(inputs.curation("corrections.csv"), start=2):
        where = f"curation/corrections.csv:{number}"
        row = _find(tables, c["table"], c["key"], where)
        if c["action"] == "set":
            row[c["field"]] = c["value"]
        elif c["action"] == "append":
            row[c["field"]] = "; ".join(v for v in (row.get(c["field"]) or "", c["value"]) if v)
        elif c["action"] == "remove":
            tables[c["table"]].remove(row)
        else:
            raise BuildError(f"{where}:action: found {c['action']!r}; expected set, append or remove")


def edits_dir(root: Path | None = None) -> Path:
    """Return data/curation/edits: one file of hand edits per release published from an edited draft."""
    return curation_dir(root) / "edits"


EDIT_COLUMNS = ("table", "key", "action", "row")


def apply_edits(tables: dict[str, list[Row]], inputs: Inputs) -> None:
    """Replay the hand edits of every release up to this version, oldest first: changed rows in place, removed
    rows dropped, added rows appended in the order they were recorded."""
    folder = edits_dir(inputs.root)
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.csv")):
        if path.stem > inputs.version:
            continue
        inputs.files[f"curation/edits/{path.name}"] = path
        for number, edit in enumerate(read_rows(path), start=2):
            where = f"curation/edits/{path.name}:{number}"
            table = edit["table"]
            if table not in TABLES:
                raise BuildError(f"{where}:table: found {table!r}; expected a release table")
            if edit["action"] == "add":
                tables.setdefault(table, []).append(json.loads(edit["row"]))
                continue
            row = _find(tables, table, edit["key"], where)
            if edit["action"] == "remove":
                tables[table].remove(row)
            elif edit["action"] == "change":
                row.clear()
                row.update(json.loads(edit["row"]))
            else:
                raise BuildError(f"{where}:action: found {edit['action']!r}; expected add, change or remove")


def _text(row: Row, columns: list[str]) -> dict[str, str]:
    """A row as the CSV file holds it: every cell text, missing cells empty."""
    return {c: "" if row.get(c) is None else str(row.get(c)) for c in columns}


def record_edits(built: dict[str, list[Row]], edited: dict[str, list[Row]], path: Path) -> int:
    """Write the row differences between a built draft and its hand-edited copy; return how many there are."""
    lines = []
    for table in TABLES:
        before = {row_key(table, r): r for r in built.get(table, [])}
        after = {row_key(table, r): r for r in edited.get(table, [])}
        columns = TABLES[table].column_names
        for key, row in after.items():
            clean = _text(row, columns)
            if key not in before:
                lines.append((table, key, "add", json.dumps(clean, ensure_ascii=False)))
            elif clean != _text(before[key], columns):
                lines.append((table, key, "change", json.dumps(clean, ensure_ascii=False)))
        lines += [(table, key, "remove", "") for key in before if key not in after]
    if lines:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(EDIT_COLUMNS)
            writer.writerows(lines)
    return len(lines)
