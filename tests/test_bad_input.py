"""A catalogue of bad inputs: each gives a non-zero exit and one line per problem (file:row:column: found, expected),
through `pdukit validate` and through loading, and never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pdukit import ReleaseError, load_release
from pdukit.cli import main
from pdukit.dataset.manifest import write_manifest

LINE = re.compile(r"^[\w.]+\.(csv|json):\d+:[^:]+: .+")


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _reseal(release: Path) -> None:
    """Rewrite the manifest so the edit under test is the only problem (not also a checksum mismatch)."""
    write_manifest(release, release.name, "2026-11-22")


GWENT = "gwent-1,gwent,Wales,1,2022-02,"
CASES = {
    "unterminated quote": (lambda r: _edit(r / "inspections.csv", GWENT, 'gwent-1,gwent,"Wales,1,2022-02,'),
                           "inspections.csv:", "malformed CSV"),
    "ragged row": (lambda r: _edit(r / "ratings.csv", "gwent-1,court_work,Outstanding,stated,",
                                   "gwent-1,court_work,Outstanding,extra,stated,"), "ratings.csv:", "expected 6 like the header"),
    "wrong encoding": (lambda r: (r / "pdus.csv").write_bytes((r / "pdus.csv").read_bytes().replace(b"Gwent", "Gw\u00e9nt".encode("latin-1"))),
                       "pdus.csv:", "is not UTF-8"),
    "empty file": (lambda r: (r / "staffing.csv").write_text(""), "staffing.csv:0:", "file is empty"),
    "missing file": (lambda r: (r / "ratings.csv").unlink(), "ratings.csv:0:", "file is missing"),
    "a header and no rows": (lambda r: (r / "ratings.csv").write_text((r / "ratings.csv").read_text().splitlines()[0] + "\n"),
                             "ratings.csv:0:", "holds no rows, only its header; expected at least one row"),
    "renamed column": (lambda r: _edit(r / "inspections.csv", ",score,score_max,", ",points,score_max,"),
                       "inspections.csv:1:score:", "column is missing"),
    "missing column": (lambda r: (r / "sources.csv").write_text(
        "\n".join(",".join(line.split(",")[:-1]) for line in (r / "sources.csv").read_text().splitlines()) + "\n"),
        "sources.csv:1:copy:", "column is missing"),  # the last column of sources.csv (from 2026-12-01)
    "unknown rating word": (lambda r: _edit(r / "ratings.csv", "gwent-1,court_work,Outstanding", "gwent-1,court_work,Excellent"),
                            ":rating: found 'Excellent'", "expected one of 'Inadequate'"),
    "unknown region": (lambda r: _edit(r / "pdus.csv", "gwent,Gwent,Wales", "gwent,Gwent,Atlantis"),
                       "pdus.csv:", ":region: found 'Atlantis'; expected one of 'North East'"),
    "duplicate key": (lambda r: _edit(r / "inspections.csv", GWENT, "gwent-2,gwent,Wales,1,2022-02,"),
                      "inspections.csv:", "duplicate key (inspection_id=gwent-2)"),
    "reference to a missing row": (lambda r: _edit(r / "ratings.csv", "gwent-1,court_work", "nowhere-1,court_work"),
                                   "ratings.csv:", "'nowhere-1' is not a inspection_id in inspections.csv"),
    "score above its maximum": (lambda r: _edit(r / "inspections.csv", "Requires improvement,10,24,", "Requires improvement,25,24,"),
                                "inspections.csv:", ":score: found 25 above its score_max 24"),
    "score out of range": (lambda r: _edit(r / "inspections.csv", "Requires improvement,6,27,", "Requires improvement,30,27,"),
                           ":score: found '30'", "from 0 to 27"),
    "vacancy over 100%": (lambda r: _edit(r / "staffing.csv", "vacancy_rate,spo,47,", "vacancy_rate,spo,147,"),
                          "staffing.csv:", "found 147 for vacancy_rate; expected a value from -100 to 100"),
    "percentage over 100": (lambda r: _edit(r / "case_quality.csv", "court_work,5,", "court_work,105,"),
                            "case_quality.csv:", ":pct: found '105'; expected a number from 0 to 100"),
    "non-numeric number": (lambda r: _edit(r / "inspections.csv", "Requires improvement,6,27,", "Requires improvement,six,27,"),
                           ":score: found 'six'", "expected a whole number"),
    "impossible date": (lambda r: _edit(r / "inspections.csv", GWENT, "gwent-1,gwent,Wales,1,2022-02-30,"),
                        ":published: found '2022-02-30'", "expected a real date"),
    "publication after the release": (lambda r: _edit(r / "inspections.csv", GWENT, "gwent-1,gwent,Wales,1,2099-02,"),
                                      ":published: found '2099-02', after the release's own date", "no later than the release"),
    "spreadsheet formula in a text cell": (
        lambda r: _edit(r / "findings.csv", ",seed-002,", ',seed-002,"=HYPERLINK(""http://x.example"",""click"")"'),
        "findings.csv:", "which a spreadsheet would run as a formula"),
    "unknown source": (lambda r: _edit(r / "ratings.csv", "gwent-1,court_work,Outstanding,stated,seed-002",
                                       "gwent-1,court_work,Outstanding,stated,seed-777"), ":source_ids: source 'seed-777'", "existing source_id"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gives_clear_lines_and_non_zero_exit(case, release_copy, capsys):
    damage, where, what = CASES[case]
    damage(release_copy)
    if (release_copy / "datapackage.json").exists() and case != "missing file":
        _reseal(release_copy)
    assert main(["validate", str(release_copy)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert lines and all(LINE.match(line) for line in lines), lines
    assert any(where in line and what in line for line in lines), lines
    assert "Traceback" not in captured.out + captured.err
    with pytest.raises(ReleaseError) as raised:
        load_release(release_copy)
    assert any(where in str(p) and what in str(p) for p in raised.value.problems)
    assert main(["audit", "--data", str(release_copy)]) == 1  # analyses refuse bad data, without a traceback
    assert "Traceback" not in capsys.readouterr().err


def test_manifest_checksum_mismatch(release_copy, capsys):
    _edit(release_copy / "staffing.csv", "vacancy_rate,spo,47,", "vacancy_rate,spo,46,")
    assert main(["validate", str(release_copy)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("staffing.csv:0:-: sha256") and "does not match the manifest" in out


def test_missing_release_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope")]) == 2
    assert "no such release or draft" in capsys.readouterr().err


FORMULAS = {"leading space": ' =HYPERLINK("http://x.example","click")', "leading spaces and a tab": "  \t=1+1",
            "full-width equals": "\uff1dHYPERLINK(\"http://x.example\")", "ideographic space": "\u3000=cmd|' /C calc'!A0",
            "no-break space": "\u00a0@SUM(A1)", "full-width plus": "\uff0b1+cmd", "full-width minus": "\uff0dcmd",
            "full-width at": "\uff20SUM(A1)", "plus": "+cmd", "minus": "-1+2", "at": "@SUM(A1)", "tab": "\tx", "carriage return": "\rx"}


@pytest.mark.parametrize("case", list(FORMULAS))
def test_every_spreadsheet_formula_trigger_is_refused(case, release_copy, capsys):
    """Issue 19 case 8: the formula rule missed a leading space (` =HYPERLINK(...)`) and the full-width sign."""
    cell = FORMULAS[case].replace('"', '""')
    _edit(release_copy / "findings.csv", ",seed-002,", f',seed-002,"{cell}"')
    _reseal(release_copy)
    assert main(["validate", str(release_copy)]) == 1
    assert "which a spreadsheet would run as a formula" in capsys.readouterr().out


@pytest.mark.parametrize("text", ["-4", "+2.5", " -4", "Gwent", "a - b", "e-mail", "2022-02"])
def test_numbers_and_ordinary_text_are_not_formulas(text):
    from pdukit.dataset.validate import looks_like_formula
    from pdukit.report.display import neutralise

    assert not looks_like_formula(text) and neutralise(text) == text


@pytest.mark.parametrize("case", list(FORMULAS))
def test_downloads_neutralise_what_validation_refuses(case):
    from pdukit.dataset.validate import looks_like_formula
    from pdukit.report.display import neutralise

    assert looks_like_formula(FORMULAS[case]) and neutralise(FORMULAS[case]) == "'" + FORMULAS[case]
