"""Read and check a release: the one place a release's CSV files are parsed and typed.

`read_release` first checks the folder without opening anything (regular files only; in a published release, only
the files its manifest lists), then parses every file strictly through `pdukit.files.read_csv` (the reader the
renderer uses too: a BOM and CRLF accepted), types each column as `pdukit.dataset.schema` declares it, runs the declared
checks (pandera for cell values and keys; the schema's rules for what relates columns and tables) and the
manifest's checksums. `pdukit validate` prints its problems; `load_release` wraps its typed frames.

Each problem names its file, row (as a spreadsheet counts it: the header is row 1) and column, what was found and
what was expected. Reading a file stops at its first structural fault (bad encoding, an unterminated quote, a
ragged row), because every later row of that file would be reported wrongly.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from pdukit.dataset.manifest import MANIFEST, sha256
from pdukit.dataset.schema import TABLES, Column, Rule, Table, columns_for, tables_for
from pdukit.errors import UnreadableFile
from pdukit.files import read_csv, read_text, refusal

# What makes a spreadsheet run a cell as a formula: a sign (also in its full-width form, which Excel and LibreOffice
# read as the sign itself), after any spaces, or a tab or carriage return as the very first character.
FORMULA_SIGNS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
FORMULA_CONTROLS = ("\t", "\r")
FORMULA_START = FORMULA_SIGNS + FORMULA_CONTROLS


@dataclass(frozen=True, order=True)
class Problem:
    """One fault in a release file; `row` 0 means the whole file, 1 the header."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column or '-'}: {self.message}"


def _expected(column: Column) -> str:
    if column.allowed:
        return "one of " + ", ".join(repr(v) for v in column.allowed)
    if column.kind in ("integer", "number"):
        noun = "a whole number" if column.kind == "integer" else "a number"
        if column.minimum is not None and column.maximum is not None:
            return f"{noun} from {column.minimum:g} to {column.maximum:g}"
        if column.minimum is not None:
            return f"{noun} of at least {column.minimum:g}"
        return noun
    if column.kind == "partial_date":
        return "a real date written YYYY, YYYY-MM or YYYY-MM-DD"
    if column.kind == "boolean":
        return "true or false"
    if column.kind == "source_ids":
        return "source ids separated by ';' (lower case, digits, '-')"
    if column.pattern:
        return f"text matching {column.pattern}"
    return "text"


def partial_date_start(text: str) -> date | None:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date can mean, or None when it is not such a real date."""
    parts = text.split("-")
    if not (1 <= len(parts) <= 3 and len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:])):
        return None
    try:
        numbers = [int(p) for p in parts]
        return date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except ValueError:
        return None


def is_number(text: str) -> bool:
    """True for text a spreadsheet reads as a plain number ('-4', '+2.5')."""
    return re.fullmatch(r"[-+]?\d+(\.\d+)?", text.strip()) is not None


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet would run as a formula when the CSV is opened (' =HYPERLINK(...)', '＝1+1',
    '@SUM(A1)', a leading tab), and False for a plain number ('-4', '+2.5'): the one rule validation and downloads
    share."""
    if is_number(text):
        return False
    return text.startswith(FORMULA_CONTROLS) or text.lstrip().startswith(FORMULA_SIGNS)


def read_manifest(release_dir: Path) -> dict[str, Any]:
    """The parsed manifest of a release folder, read as every release file is (a regular file of sane size);
    raises OSError or ValueError (UnreadableFile among them) when it cannot be read."""
    manifest = json.loads(read_text(Path(release_dir) / MANIFEST))
    if not isinstance(manifest, dict):
        raise ValueError("the manifest is not a JSON object")
    return manifest


def release_version(release_dir: Path) -> str:
    """The version a release folder holds: its manifest's, else the folder's name (a draft)."""
    try:
        return str(read_manifest(release_dir).get("version") or release_dir.name)
    except (OSError, ValueError):
        return release_dir.name


# --- the folder: regular files only, and in a published release only those its manifest lists ---------------
def check_folder(release_dir: Path, listed: set[str] | None) -> tuple[list[Problem], set[str]]:
    """Check every entry of a release folder without opening any: each must be a regular file (not a link, which
    may point outside the release, nor a named pipe, device or folder, which may block or never end) of sane size,
    and a published release (`listed`: the files its manifest names) holds nothing else. Returns the problems and
    the names refused, which are then never read."""
    problems, refused = [], set()
    with os.scandir(release_dir) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            info = entry.stat(follow_symlinks=False)
            reason = refusal(info.st_mode, info.st_size)
            if reason:
                problems.append(Problem(entry.name, 0, "", reason))
                refused.add(entry.name)
            elif listed is not None and entry.name not in listed | {MANIFEST}:
                problems.append(Problem(entry.name, 0, "", f"is not listed in {MANIFEST}; expected only the files the "
                                        "manifest lists (a published release holds nothing else: publish a new one)"))
    return problems, refused


# --- one file: parse, type, check ----------------------------------------------------------------------------
def parse_table(path: Path, table: Table, version: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse one CSV strictly into a frame of strings (empty cells as NA, index = the file's row numbers)."""
    name, columns = path.name, columns_for(table, version)
    try:  # the one reader of release CSV files (the renderer's too): regular files only, a BOM and CRLF allowed
        rows = read_csv(path)
    except FileNotFoundError:
        return None, [Problem(name, 0, "", f"file is missing; expected {name} with columns {', '.join(columns)}")]
    except UnreadableFile as err:
        return None, [Problem(name, err.row, "", err.message)]
    if not any(cell.strip() for row in rows for cell in row):
        return None, [Problem(name, 0, "", f"file is empty; expected a header row: {','.join(columns)}")]
    header, body = rows[0], rows[1:]
    problems = [Problem(name, 1, c, f"column is missing; expected columns {', '.join(columns)}") for c in columns if c not in header]
    problems += [Problem(name, 1, c, f"unexpected column; expected only {', '.join(columns)}") for c in header if c not in columns]
    for number, record in enumerate(body, start=2):
        if record and len(record) != len(header):
            problems.append(Problem(name, number, "", f"row has {len(record)} fields; expected {len(header)} like the header"))
    if problems:
        return None, problems
    frame = pd.DataFrame([r for r in body if r], columns=header, dtype="object")
    frame.index = [i for i, r in enumerate(body, start=2) if r]
    return frame.replace("", pd.NA)[columns], []


def _coerce_column(values: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    """Return the column in its declared type and a mask of the cells that are not what it holds."""
    present = values.notna()
    if column.kind in ("integer", "number"):
        numbers = pd.to_numeric(values, errors="coerce")
        bad = present & (numbers.isna() | ((numbers % 1 != 0) if column.kind == "integer" else False))
        typed = numbers.where(~bad).astype("Int64" if column.kind == "integer" else "Float64")
        return typed, bad
    if column.kind == "boolean":
        lowered = values.str.lower()
        bad = present & ~lowered.isin(["true", "false"])
        return lowered.map({"true": True, "false": False}).astype("boolean"), bad
    if column.kind == "partial_date":
        bad = present & values.map(lambda v: not isinstance(v, str) or partial_date_start(v) is None)
        return values.astype("string"), bad
    return values.astype("string"), pd.Series(False, index=values.index)


def _formula_cells(values: pd.Series) -> pd.Series:
    """Text a spreadsheet would run as a formula when the CSV is opened ('=HYPERLINK(...)')."""
    text = values.dropna().astype(str)
    risky = text[text.map(looks_like_formula).astype(bool)] if len(text) else text
    return pd.Series(values.index.isin(risky.index), index=values.index)


def type_table(frame: pd.DataFrame, table: Table) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert every column to its declared type; report cells that are not what their column holds."""
    typed, problems = frame.copy(), []
    for name in frame.columns:
        column = table.column(name)
        typed[name], bad = _coerce_column(frame[name], column)
        for row in frame.index[bad]:
            problems.append(Problem(table.filename, int(row), name, f"found {frame.at[row, name]!r}; expected {_expected(column)}"))
        if column.kind in ("string", "source_ids"):
            for row in frame.index[_formula_cells(frame[name])]:
                problems.append(Problem(table.filename, int(row), name, f"found {frame.at[row, name]!r}, which a spreadsheet "
                                        "would run as a formula; expected text that does not start with =, +, -, @ (or their full-width "
                                        "forms, after any spaces), a tab or a carriage return"))
    return typed, problems


def pandera_schema(table: Table, columns: list[str]) -> pa.DataFrameSchema:
    """The pandera schema of a table's values: required cells, allowed values, ranges, patterns, unique key."""
    checks = {}
    for column in (table.column(c) for c in columns):
        found = []
        if column.allowed:
            found.append(pa.Check.isin(column.allowed))
        if column.minimum is not None:
            found.append(pa.Check.ge(column.minimum))
        if column.maximum is not None:
            found.append(pa.Check.le(column.maximum))
        if column.pattern and column.kind != "partial_date":
            found.append(pa.Check.str_matches(column.pattern))
        checks[column.name] = pa.Column(nullable=not column.required, checks=found)
    key = [k for k in table.key if k in columns]
    return pa.DataFrameSchema(checks, unique=key or None, report_duplicates="all")


def check_values(typed: pd.DataFrame, raw: pd.DataFrame, table: Table, bad_cells: set[tuple[int, str]]) -> list[Problem]:
    """Run the table's pandera schema; one problem per failing cell (cells already reported are skipped)."""
    problems = []
    try:
        pandera_schema(table, list(typed.columns)).validate(typed, lazy=True)
    except SchemaErrors as err:
        for case in err.failure_cases.itertuples(index=False):
            if case.index is None or pd.isna(case.index):
                continue
            row, check = int(case.index), str(case.check)
            if "uniqueness" in check:
                key = ", ".join(f"{k}={raw.at[row, k]!s}" for k in table.key)
                problems.append(Problem(table.filename, row, "+".join(table.key), f"duplicate key ({key}); expected each key once"))
            elif (row, case.column) in bad_cells:
                continue
            elif check == "not_nullable":
                problems.append(Problem(table.filename, row, case.column, "empty; expected a value (required column)"))
            else:
                problems.append(Problem(table.filename, row, case.column,
                                        f"found {raw.at[row, case.column]!r}; expected {_expected(table.column(case.column))}"))
    return problems


def read_table(path: Path, table: Table, version: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse, type and check one file; return its typed frame (None when it cannot be read) and its problems."""
    raw, problems = parse_table(path, table, version)
    if raw is None:
        return None, problems
    if raw.empty:  # a header alone: every question would be answered with zeros or an empty table
        return raw, [Problem(table.filename, 0, "", "holds no rows, only its header; expected at least one row (an "
                             "empty table would answer every question about it with zeros or an empty table)")]
    typed, problems = type_table(raw, table)
    problems += check_values(typed, raw, table, {(p.row, p.column) for p in problems})
    return typed, sorted(set(problems))


# --- across tables: references and declared rules -----------------------------------------------------------
def _ids(value: object) -> list[str]:
    return [] if pd.isna(value) else [v for v in str(value).split(";") if v]


def _check_references(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    known_sources = set(frames["sources"]["source_id"].dropna()) if "sources" in frames else None
    for table in TABLES.values():
        frame = frames.get(table.name)
        if frame is None:
            continue
        for column, target in table.references.items():
            target_table, target_column = target.split(".")
            if target_table in frames:
                known = set(frames[target_table][target_column].dropna())
                for row, value in frame[column].dropna().items():
                    if value not in known:
                        problems.append(Problem(table.filename, int(row), column,
                                                f"{value!r} is not a {target_column} in {target_table}.csv; expected an existing one"))
        if known_sources is None:
            continue
        for column in (c.name for c in table.columns if c.kind == "source_ids" and c.name in frame):
            for row, value in frame[column].items():
                problems += [Problem(table.filename, int(row), column, f"source {sid!r} is not in sources.csv; expected an existing source_id")
                             for sid in _ids(value) if sid not in known_sources]
    return problems


def _check_rule(rule: Rule, table: Table, frames: dict[str, pd.DataFrame], release_date: date) -> list[Problem]:
    frame, name = frames[table.name], table.filename
    out: list[Problem] = []
    if rule.column not in frame:
        return out
    if rule.kind == "not_above":
        for row, record in frame[[rule.column, rule.other]].dropna().iterrows():
            if record[rule.column] > record[rule.other]:
                out.append(Problem(name, int(row), rule.column, f"found {record[rule.column]} above its {rule.other} "
                                   f"{record[rule.other]}; expected no more than {rule.other}"))
    elif rule.kind == "same_as":
        target_table, target_column = rule.other.split(".")
        if target_table in frames:
            lookup = dict(zip(frames[target_table][rule.via], frames[target_table][target_column], strict=True))
            for row, record in frame.iterrows():
                expected = lookup.get(record[rule.via])
                if pd.isna(record[rule.column]) or expected is None or pd.isna(expected):
                    continue
                if record[rule.column] != expected:
                    out.append(Problem(name, int(row), rule.column, f"found {record[rule.column]!r}; expected {expected!r}, "
                                       f"the {target_column} of {record[rule.via]} in {target_table}.csv"))
    elif rule.kind == "range_by":
        bounds = {key: (low, high) for key, low, high in rule.ranges}
        for row, record in frame[[rule.column, rule.other]].dropna().iterrows():
            low, high = bounds.get(record[rule.other], (None, None))
            if low is not None and not low <= record[rule.column] <= high:
                out.append(Problem(name, int(row), rule.column, f"found {record[rule.column]:g} for {record[rule.other]}; "
                                   f"expected a value from {low:g} to {high:g}"))
    elif rule.kind == "not_after_release":
        for row, value in frame[rule.column].dropna().items():
            start = partial_date_start(str(value))
            if start is not None and start > release_date:
                out.append(Problem(name, int(row), rule.column, f"found {value!r}, after the release's own date "
                                   f"{release_date.isoformat()}; expected a date no later than the release"))
    return out


def release_date(release_dir: Path, version: str) -> date:
    """The day a release was made: its manifest's `created`, else the date its version starts with, else today."""
    try:
        created = str(read_manifest(release_dir).get("created", ""))[:10]
        return date.fromisoformat(created)
    except (OSError, ValueError):
        pass
    return release_date_of(version)


def release_date_of(version: str) -> date:
    """The date a version starts with, else today."""
    try:
        return date.fromisoformat(version[:10])
    except ValueError:
        return date.today()


def check_relations(frames: dict[str, pd.DataFrame], release_day: date) -> list[Problem]:
    """References between files, source ids, and every rule the schema declares."""
    problems = _check_references(frames)
    for table in TABLES.values():
        if table.name in frames:
            for rule in table.rules:
                problems += _check_rule(rule, table, frames, release_day)
    return problems


# --- the manifest --------------------------------------------------------------------------------------------
def check_manifest(release_dir: Path, refused: frozenset[str] = frozenset()) -> list[Problem]:
    """Check that the manifest exists, lists every table file, and that each file's sha256 matches it (files
    refused by check_folder are not opened)."""
    if MANIFEST in refused:
        return []  # already reported: not a regular file
    try:
        manifest = read_manifest(release_dir)
    except FileNotFoundError:
        return [Problem(MANIFEST, 0, "", "file is missing; expected the release manifest (run 'pdukit release publish')")]
    except UnreadableFile as err:
        return [Problem(MANIFEST, err.row, "", err.message)]
    except (OSError, ValueError) as err:
        return [Problem(MANIFEST, 0, "", f"cannot be read ({err}); expected valid JSON")]
    problems = []
    listed = {r.get("path"): r for r in manifest.get("resources", [])}
    for table in tables_for(str(manifest.get("version") or release_dir.name)):
        path = release_dir / table.filename
        resource = listed.get(table.filename)
        if resource is None:
            problems.append(Problem(MANIFEST, 0, table.filename, "file is not listed; expected every table in resources"))
        elif table.filename not in refused and path.exists() and resource.get("hash") != f"sha256:{sha256(path)}":
            problems.append(Problem(table.filename, 0, "", f"sha256 {sha256(path)[:12]}... does not match the manifest's "
                                    f"{str(resource.get('hash')).removeprefix('sha256:')[:12]}...; expected the file as released "
                                    "(releases are immutable: publish a new one)"))
    for key in ("version", "created", "licenses"):
        if not manifest.get(key):
            problems.append(Problem(MANIFEST, 0, key, "missing; expected a value"))
    return problems


def read_release(release_dir: Path, check_checksums: bool = True, version: str | None = None
                 ) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Return every table of a release folder typed as declared, and every problem found (empty when clean).

    `check_checksums` False skips the manifest (a draft has none until it is published)."""
    release_dir = Path(release_dir)
    if not release_dir.is_dir():
        return {}, [Problem(str(release_dir), 0, "", "not a folder; expected a release folder under data/releases")]
    problems, refused = check_folder(release_dir, _listed(release_dir) if check_checksums else None)
    version = version or (release_dir.name if MANIFEST in refused else release_version(release_dir))
    frames = {}
    for table in tables_for(version):  # a table introduced by a later release is not a file of this one
        if table.filename in refused:
            continue  # reported by check_folder, and never opened
        frame, found = read_table(release_dir / table.filename, table, version)
        problems += found
        if frame is not None:
            frames[table.name] = frame
    day = release_date(release_dir, version) if MANIFEST not in refused else release_date_of(version)
    problems += check_relations(frames, day)
    if check_checksums:
        problems += check_manifest(release_dir, frozenset(refused))
    return frames, sorted(set(problems))


def _listed(release_dir: Path) -> set[str] | None:
    """The files a published release's manifest lists (None when it cannot be read: check_manifest says why)."""
    try:
        if refusal(os.lstat(release_dir / MANIFEST).st_mode, 0) is not None:
            return None
        return {str(r.get("path")) for r in read_manifest(release_dir).get("resources", []) if isinstance(r, dict)}
    except (OSError, ValueError, AttributeError):
        return None


def validate_release(release_dir: Path, check_checksums: bool = True, version: str | None = None) -> list[Problem]:
    """Return every problem found in a release folder (an empty list when it is clean)."""
    return read_release(release_dir, check_checksums, version)[1]
