"""The data dictionary: every column of every table of a release, with its reader's label, unit, type, whether it
is required, what it may hold and what it means.

Built from the two places those facts are declared, never restated: `pdukit.dataset.schema` (type, required,
allowed values, ranges, rules, and a table's own note on a column) and `pdukit.dataset.vocabulary.COLUMNS` (the
label, the unit and the general meaning). `describe()` answers as a DataFrame; `markdown()` writes
docs/data-dictionary.md (`pdukit describe --markdown > docs/data-dictionary.md`; a test keeps the file in step).
"""

from __future__ import annotations

import re

import pandas as pd

from pdukit.dataset.schema import PARTIAL_DATE, TABLES, Column, Rule, Table, column_bounds
from pdukit.dataset.vocabulary import CODE_FORMS, COLUMNS, READ_AS, check_choice

DICTIONARY_COLUMNS = ["table", "column", "label", "unit", "type", "required", "allowed", "description", "note",
                      "in_file"]
TYPES = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
         "partial_date": "date (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source)",
         "source_ids": "source ids (';'-separated)"}
PATTERNS = {  # what a pattern means, in words
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "lower-case letters and digits, words joined by '-'",
    r"^[A-Z0-9]+$": "capital letters and digits",
    r"^[a-z_]+$": "lower-case letters and '_'",
    r"^[a-z0-9_:]+$": "lower-case letters, digits, '_' and ':'",
    r"^[a-z]+-\d+$": "a lower-case word, '-', a number",
}


def _number(value: float) -> str:
    return f"{value:g}"


def _range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{_number(low)} to {_number(high)}"
    if low is not None:
        return f"at least {_number(low)}"
    if high is not None:
        return f"at most {_number(high)}"
    return ""


def _rule_text(rule: Rule) -> str:
    if rule.kind == "not_above":
        return f"no more than {rule.other}"
    if rule.kind == "same_as":
        table, column = rule.other.split(".")
        return f"the {column} of its {rule.via} in {table}.csv"
    if rule.kind == "range_by":
        return f"by {rule.other}: " + "; ".join(f"{key} {_range(low, high)}" for key, low, high in rule.ranges)
    if rule.kind == "not_after_release":
        return "no later than the release"
    return rule.kind


def allowed(table: Table, column: Column) -> str:
    """What a column may hold, in words: its values, range, pattern, references and the rules on it."""
    parts = []
    if column.allowed:
        parts.append("one of " + ", ".join(column.allowed))
    if not any(r.kind == "range_by" and r.column == column.name for r in table.rules):
        parts.append(_range(*column_bounds(table, column)))
    if column.pattern and column.kind not in ("partial_date", "source_ids"):
        parts.append(PATTERNS.get(column.pattern, f"text matching {column.pattern}"))
    if column.kind == "source_ids":
        parts.append("each a source_id of sources.csv")
    if column.name in table.references:
        other, key = table.references[column.name].split(".")
        parts.append(f"{'an' if key[0] in 'aeiou' else 'a'} {key} of {other}.csv")
    parts += [_rule_text(r) for r in table.rules if r.column == column.name]
    if column.name in table.key:
        parts.append("part of the key" if len(table.key) > 1 else "the key: each value once")
    if column.since:
        parts.append(f"from release {column.since}")
    return "; ".join(p for p in parts if p)


def _same(a: str, b: str) -> bool:
    def words(text: str) -> str:
        return re.sub(r"^(a|an|the) ", "", re.sub(r"[^a-z0-9]+", " ", text.lower()).strip())

    return words(a) == words(b)


def _rows(table: Table) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for column in table.columns:
        term = COLUMNS[column.name]
        note = column.description if column.description and not _same(column.description, term.description) else ""
        note = "; ".join(filter(None, [note, CODE_FORMS.get((table.name, column.name), ""),
                                       *(f"load_release reads {r.describe()}" for r in READ_AS
                                         if (r.table, r.column) == (table.name, column.name))]))
        rows.append(dict(table=table.name, column=column.name, label=term.label, unit=term.unit,
                         type=TYPES[column.kind], required=column.required, allowed=allowed(table, column),
                         description=term.description, note=note, in_file=True))
        if column.kind == "partial_date":  # what load_release adds beside a partial date
            rows.append(dict(table=table.name, column=f"{column.name}_start", label=f"{term.label} (first day)",
                             unit="date", type="date", required=False, allowed="",
                             description=f"the first day {column.name} can mean ('2023' -> 1 January 2023)",
                             note="", in_file=False))
            rows.append(dict(table=table.name, column=f"{column.name}_precision", label=f"{term.label} (precision)",
                             unit="", type="category", required=False, allowed="one of year, month, day",
                             description=f"how precisely the source dates {column.name}", note="", in_file=False))
    if table.name == "ratings":
        term = COLUMNS["standard_label"]
        rows.append(dict(table=table.name, column="standard_label", label=term.label, unit=term.unit, type="category",
                         required=True, allowed="in framework order", description=term.description, note="",
                         in_file=False))
    return rows


def describe(table: str | None = None) -> pd.DataFrame:
    """The data dictionary: one row per column of every table (or of `table`), with table, column, label, unit,
    type, required, allowed (values, range, pattern, references, rules), description (the column's general
    meaning), note (what it holds in this table, where that says more) and in_file (False for the columns
    `load_release` adds: `published_start`, `published_precision`, `standard_label`).

        >>> pdukit.describe("staffing")[["column", "label", "allowed", "description"]]
    """
    names = list(TABLES) if table is None else [check_choice(table, TABLES, "table")]
    return pd.DataFrame([row for name in names for row in _rows(TABLES[name])], columns=DICTIONARY_COLUMNS)


def _cell(value: object) -> str:
    text = "yes" if value is True else "" if value is False else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def markdown() -> str:
    """docs/data-dictionary.md: every table, its description, key and columns."""
    lines = ["# Data dictionary", "",
             "Every column of every table of a pdukit release, generated from `pdukit.dataset.schema` and "
             "`pdukit.dataset.vocabulary` by `pdukit describe --markdown` (do not edit by hand; "
             "`tests/test_dictionary.py` checks it is up to date). In Python: `pdukit.describe()` or "
             "`pdukit.describe(\"staffing\")`.", "",
             "Columns in *italics* are not in the CSV file: `pdukit.load_release()` adds them to the frame. "
             f"Partial dates match `{PARTIAL_DATE}` and keep only the precision their source gives.", ""]
    frame = describe()
    for name, table in TABLES.items():
        lines += [f"## {name}", "", f"{table.description} File `{table.filename}`; key: "
                  + (", ".join(f"`{k}`" for k in table.key) or "none") + ".", "",
                  "| column | label | unit | type | required | allowed | description |",
                  "|---|---|---|---|---|---|---|"]
        for row in frame[frame.table == name].itertuples():
            column = f"`{row.column}`" if row.in_file else f"*`{row.column}`*"
            description = row.description + (f" ({row.note})" if row.note else "") if row.description else row.note
            lines.append("| " + " | ".join(_cell(v) for v in (column, row.label, row.unit, row.type, row.required,
                                                                row.allowed, description)) + " |")
        lines.append("")
    return "\n".join(lines)
