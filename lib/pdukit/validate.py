"""Check a release: every file against its schema, the references between files, and the manifest's checksums.

Each problem names its file, row (as a spreadsheet would count it: the header is row 1) and column, what was
found and what was expected. Reading stops at the first structural fault of a file (bad encoding, an unterminated
quote, a ragged row), because every later row of that file would be reported wrongly.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from .manifest import MANIFEST, read_manifest, sha256
from .schema import STAFFING_RANGES, TABLES, Column, Table


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


def _is_partial_date(text: str) -> bool:
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except (ValueError, IndexError):
        return False
    return len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:]) and len(parts) <= 3


def read_table_text(path: Path, table: Table) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse one CSV strictly into a frame of strings (empty cells as NA), or return why it cannot be read."""
    name = path.name
    if not path.exists():
        return None, [Problem(name, 0, "", f"file is missing; expected {name} with columns {', '.join(table.column_names)}")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        row = raw[: err.start].count(b"\n") + 1
        return None, [Problem(name, row, "", f"byte 0x{raw[err.start]:02x} is not UTF-8; expected a UTF-8 encoded file")]
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None, [Problem(name, 0, "", f"file is empty; expected a header row: {','.join(table.column_names)}")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    try:
        for record in reader:
            rows.append(record)
    except csv.Error as err:
        return None, [Problem(name, reader.line_num, "", f"malformed CSV ({err}); expected quotes to open and close on every field")]
    header, body = rows[0], rows[1:]
    missing = [c for c in table.column_names if c not in header]
    extra = [c for c in header if c not in table.column_names]
    problems = [Problem(name, 1, c, f"column is missing; expected columns {', '.join(table.column_names)}") for c in missing]
    problems += [Problem(name, 1, c, f"unexpected column; expected only {', '.join(table.column_names)}") for c in extra]
    for number, record in enumerate(body, start=2):
        if record and len(record) != len(header):
            problems.append(Problem(name, number, "", f"row has {len(record)} fields; expected {len(header)} like the header"))
    if problems:
        return None, problems
    frame = pd.DataFrame([r for r in body if r], columns=header, dtype="object")
    frame.index = [i for i, r in enumerate(body, start=2) if r]  # keep the file's row numbers
    return frame.replace("", pd.NA)[table.column_names], []


def _typed(frame: pd.DataFrame, table: Table) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert number and boolean columns; report cells that are not what their column holds."""
    problems, typed = [], frame.copy()
    for column in table.columns:
        values = frame[column.name]
        if column.kind in ("integer", "number"):
            numbers = pd.to_numeric(values, errors="coerce")
            bad = values.notna() & (numbers.isna() | ((numbers % 1 != 0) if column.kind == "integer" else False))
            typed[column.name] = numbers.where(~bad)
        elif column.kind == "boolean":
            lowered = values.str.lower()
            bad = values.notna() & ~lowered.isin(["true", "false"])
            typed[column.name] = lowered.map({"true": True, "false": False})
        elif column.kind == "partial_date":
            bad = values.notna() & ~values.map(lambda v: isinstance(v, str) and _is_partial_date(v))
        else:
            continue
        for row in values.index[bad]:
            problems.append(Problem(table.filename, int(row), column.name,
                                    f"found {values[row]!r}; expected {_expected(column)}"))
    return typed, problems


def _pandera_schema(table: Table) -> pa.DataFrameSchema:
    columns = {}
    for column in table.columns:
        checks = []
        if column.allowed:
            checks.append(pa.Check.isin(column.allowed))
        if column.minimum is not None:
            checks.append(pa.Check.ge(column.minimum))
        if column.maximum is not None:
            checks.append(pa.Check.le(column.maximum))
        if column.pattern and column.kind != "partial_date":
            checks.append(pa.Check.str_matches(column.pattern))
        columns[column.name] = pa.Column(nullable=not column.required, checks=checks)
    return pa.DataFrameSchema(columns, unique=list(table.key) or None, report_duplicates="all")


def check_table(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """Check one parsed table's cells: types, required values, allowed values, ranges, patterns, unique keys."""
    typed, problems = _typed(frame, table)
    bad_cells = {(p.row, p.column) for p in problems}
    try:
        _pandera_schema(table).validate(typed, lazy=True)
    except SchemaErrors as err:
        for case in err.failure_cases.itertuples(index=False):
            if case.index is None or pd.isna(case.index):
                continue
            row, check = int(case.index), str(case.check)
            if check.startswith("multiple_fields_uniqueness") or check.startswith("field_uniqueness"):
                key = ", ".join(f"{k}={frame.at[row, k]!s}" for k in table.key)
                problems.append(Problem(table.filename, row, "+".join(table.key),
                                        f"duplicate key ({key}); expected each key once"))
                continue
            column = table.column(case.column)
            if (row, column.name) in bad_cells:
                continue
            if check == "not_nullable":
                problems.append(Problem(table.filename, row, column.name, "empty; expected a value (required column)"))
            else:
                problems.append(Problem(table.filename, row, column.name,
                                        f"found {frame.at[row, column.name]!r}; expected {_expected(column)}"))
    return sorted(set(problems))


def _split_ids(value) -> list[str]:
    return [] if pd.isna(value) else [v for v in str(value).split(";") if v]


def check_references(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Check what links files: keys that must exist elsewhere, source ids, and values that must agree."""
    problems = []
    for table in TABLES.values():
        frame = frames.get(table.name)
        if frame is None:
            continue
        for column, target in table.references.items():
            target_table, target_column = target.split(".")
            if target_table not in frames:
                continue
            known = set(frames[target_table][target_column].dropna())
            for row, value in frame[column].items():
                if pd.notna(value) and value not in known:
                    problems.append(Problem(table.filename, int(row), column,
                                            f"{value!r} is not a {target_column} in {target_table}.csv; expected an existing one"))
        if "sources" in frames:
            known_sources = set(frames["sources"]["source_id"].dropna())
            for column in (c for c in table.columns if c.kind == "source_ids"):
                for row, value in frame[column.name].items():
                    for sid in _split_ids(value):
                        if sid not in known_sources:
                            problems.append(Problem(table.filename, int(row), column.name,
                                                    f"source {sid!r} is not in sources.csv; expected an existing source_id"))
    problems += _check_inspections(frames)
    return problems


def _check_inspections(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    inspections, pdus = frames.get("inspections"), frames.get("pdus")
    if inspections is None:
        return problems
    regions = dict(zip(pdus["pdu_id"], pdus["region"])) if pdus is not None else {}
    for row, record in inspections.iterrows():
        if record["pdu_id"] in regions and record["region"] != regions[record["pdu_id"]]:
            problems.append(Problem("inspections.csv", int(row), "region",
                                    f"found {record['region']!r}; expected {regions[record['pdu_id']]!r}, the region of {record['pdu_id']} in pdus.csv"))
        score, out_of = pd.to_numeric(record["score"], errors="coerce"), pd.to_numeric(record["score_max"], errors="coerce")
        if pd.notna(score) and pd.notna(out_of) and score > out_of:
            problems.append(Problem("inspections.csv", int(row), "score",
                                    f"found {record['score']} above its maximum {record['score_max']}; expected a score no higher than score_max"))
    staffing = frames.get("staffing")
    if staffing is not None:
        for row, record in staffing.iterrows():
            low, high = STAFFING_RANGES.get(record["measure"], (None, None))
            value = pd.to_numeric(record["value"], errors="coerce")
            if low is not None and pd.notna(value) and not low <= value <= high:
                problems.append(Problem("staffing.csv", int(row), "value",
                                        f"found {record['value']} for {record['measure']}; expected a value from {low} to {high}"))
    case_quality = frames.get("case_quality")
    if case_quality is not None:
        for row, record in case_quality.iterrows():
            n, d = pd.to_numeric(record["numerator"], errors="coerce"), pd.to_numeric(record["denominator"], errors="coerce")
            if pd.notna(n) and pd.notna(d) and n > d:
                problems.append(Problem("case_quality.csv", int(row), "numerator",
                                        f"found {record['numerator']} cases out of {record['denominator']}; expected no more than the denominator"))
    return problems


def check_manifest(release_dir: Path) -> list[Problem]:
    """Check that the manifest exists, lists every table file, and that each file's sha256 matches it."""
    try:
        manifest = read_manifest(release_dir)
    except FileNotFoundError:
        return [Problem(MANIFEST, 0, "", "file is missing; expected the release manifest (run 'pdukit release publish')")]
    except (OSError, ValueError) as err:
        return [Problem(MANIFEST, 0, "", f"cannot be read ({err}); expected valid JSON")]
    problems = []
    listed = {r.get("path"): r for r in manifest.get("resources", [])}
    for table in TABLES.values():
        path = release_dir / table.filename
        resource = listed.get(table.filename)
        if resource is None:
            problems.append(Problem(MANIFEST, 0, table.filename, "file is not listed; expected every table in resources"))
        elif path.exists() and resource.get("hash") != f"sha256:{sha256(path)}":
            problems.append(Problem(table.filename, 0, "", f"sha256 {sha256(path)[:12]}... does not match the manifest's "
                                    f"{str(resource.get('hash')).removeprefix('sha256:')[:12]}...; expected the file as released "
                                    "(releases are immutable: publish a new one)"))
    for key in ("version", "created", "licenses"):
        if not manifest.get(key):
            problems.append(Problem(MANIFEST, 0, key, "missing; expected a value"))
    return problems


def read_release_frames(release_dir: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read every table of a release as strings, checking each file on its own."""
    frames, problems = {}, []
    for table in TABLES.values():
        frame, found = read_table_text(release_dir / table.filename, table)
        problems += found
        if frame is not None:
            problems += check_table(frame, table)
            frames[table.name] = frame
    return frames, problems


def validate_release(release_dir: Path, check_checksums: bool = True) -> list[Problem]:
    """Return every problem found in a release folder (an empty list when it is clean)."""
    release_dir = Path(release_dir)
    if not release_dir.is_dir():
        return [Problem(str(release_dir), 0, "", "not a folder; expected a release folder under data/releases")]
    frames, problems = read_release_frames(release_dir)
    problems += check_references(frames)
    if check_checksums:
        problems += check_manifest(release_dir)
    return sorted(set(problems))
