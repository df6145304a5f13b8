"""The data dictionary and the schema's one range rule per column."""

from __future__ import annotations

import pytest

import pdukit
from conftest import ROOT
from pdukit.cli import main
from pdukit.dataset.dictionary import describe, markdown
from pdukit.dataset.manifest import table_schema
from pdukit.dataset.schema import STAFFING_RANGES, TABLES
from pdukit.dataset.validate import validate_release
from pdukit.errors import UnknownName


def test_every_column_of_every_table_is_described():
    frame = pdukit.describe()
    assert list(frame.columns) == ["table", "column", "label", "unit", "type", "required", "allowed", "description",
                                   "note", "in_file"]
    files = frame[frame.in_file]
    assert [(t, c) for t, c in zip(files.table, files.column, strict=True)] == \
        [(t.name, c.name) for t in TABLES.values() for c in t.columns]
    assert (frame.description.str.len() > 0).all(), frame[frame.description == ""][["table", "column"]]
    assert (frame.label.str.len() > 0).all()


def test_describe_one_table_and_a_typo():
    staffing = describe("staffing").set_index("column")
    assert staffing.at["value", "allowed"].startswith("by measure: vacancy_rate -100 to 100;")
    assert "headcount 0 to 100000" in staffing.at["value", "allowed"]
    assert staffing.at["inspection_id", "note"] == "Empty for region-wide figures"
    assert staffing.at["as_of_start", "in_file"] == False  # noqa: E712 - numpy bool
    with pytest.raises(UnknownName, match="'staffing'"):
        describe("stafing")


def test_the_markdown_dictionary_is_up_to_date(capsys):
    assert main(["describe", "--markdown"]) == 0
    assert capsys.readouterr().out == markdown()
    assert (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8") == markdown(), \
        "docs/data-dictionary.md is out of date: run 'pdukit describe --markdown > docs/data-dictionary.md'"


def test_staffing_values_have_one_range_rule_by_measure(release_copy):
    """A headcount of 1500 was refused by a column range of -100 to 1000 that STAFFING_RANGES did not share."""
    path = release_copy / "staffing.csv"
    text = path.read_text(encoding="utf-8")
    assert ",headcount,overall,149," in text
    path.write_text(text.replace(",headcount,overall,149,", ",headcount,overall,1500,"), encoding="utf-8")
    assert validate_release(release_copy, check_checksums=False) == []
    path.write_text(text.replace(",headcount,overall,149,", ",headcount,overall,100001,"), encoding="utf-8")
    problems = [str(p) for p in validate_release(release_copy, check_checksums=False)]
    assert len(problems) == 1 and "found 100001 for headcount; expected a value from 0 to 100000" in problems[0]
    assert STAFFING_RANGES["headcount"] == (0, 100_000)


def test_manifests_declare_the_rule_as_it_stood_when_published():
    def field(version, table, column):
        return next(f for f in table_schema(TABLES[table], version)["fields"] if f["name"] == column)

    assert field("2026-11-22b", "staffing", "value")["constraints"] == {"required": True, "minimum": -100, "maximum": 1000}
    assert field("2099-01-01", "staffing", "value")["constraints"] == {"required": True, "minimum": -100, "maximum": 100_000}
    assert "shared/seeds" in field("2026-11-22b", "sources", "url")["description"]
    assert "data/raw/seeds" in field("2099-01-01", "sources", "url")["description"]
