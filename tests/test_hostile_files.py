"""Release folders as an operator may find them: CSV files as Excel writes them (a byte-order mark, CRLF line
ends) are read alike by validation and the renderer; anything but a regular file (a named pipe, a link, a folder, a
device), a file too large, or a file a published release's manifest does not list is refused with a line naming it,
and nothing hangs or floods memory. Commands run in a subprocess with a time limit (and a memory limit), so a
regression fails the test instead of hanging the suite."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from pdukit.cli import main
from pdukit.paths import list_releases

PDUKIT = [sys.executable, "-c", "import sys; from pdukit.cli import main; sys.exit(main())"]
LIMIT_SECONDS = 120


def _limited_memory() -> None:  # in the child: 1.5 GB of address space, so reading /dev/zero ends in MemoryError
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**29, 3 * 2**29))


def _pdukit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*PDUKIT, *args], capture_output=True, text=True, timeout=LIMIT_SECONDS, cwd=cwd,
                          preexec_fn=_limited_memory, env=dict(os.environ))


def _excel_csv(path: Path) -> None:
    """Rewrite a CSV file as Excel's "CSV UTF-8" does: a byte-order mark, then CRLF line ends."""
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


@pytest.fixture()
def draft_copy(tmp_path) -> Path:
    """The latest release as a draft (no manifest) that a test may edit."""
    target = tmp_path / "drafts" / "2026-12-01"
    shutil.copytree(list_releases()[-1], target)
    (target / "datapackage.json").unlink()
    return target


def test_renderer_reads_a_bom_and_crlf_as_validation_does(draft_copy):
    """Issue 19 case 3 (fast half): the renderer's own readers (the plan's PDUs, the index's latest ratings)."""
    from pdukit.render.jobs import pdu_facts, plan

    before = (plan(draft_copy, ["pdus"], [], []).chosen, pdu_facts(draft_copy))
    for path in draft_copy.glob("*.csv"):
        _excel_csv(path)
    assert (plan(draft_copy, ["pdus"], [], []).chosen, pdu_facts(draft_copy)) == before


@pytest.mark.slow
def test_a_draft_saved_by_excel_validates_and_renders(draft_copy, tmp_path, capsys):
    """Issue 19 case 3: a BOM in pdus.csv passed `pdukit validate`, then the render failed with KeyError 'pdu_id'."""
    for path in draft_copy.glob("*.csv"):
        _excel_csv(path)
    assert main(["validate", str(draft_copy)]) == 0
    out = tmp_path / "out"
    assert main(["render", "--only", "pdus", "--pdu", "Gwent", "--data", str(draft_copy), "--out", str(out),
                 "--no-progress", "--jobs", "1"]) == 0, capsys.readouterr().err
    assert "Gwent</a>: Requires improvement" in (out / "index.html").read_text(encoding="utf-8")
    assert "Gwent PDU" in (out / "pdus" / "gwent.html").read_text(encoding="utf-8")


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _outside_link(path: Path) -> None:
    outside = path.parent.parent / ("outside-" + path.name)
    shutil.copy(path, outside)  # the same bytes: the manifest's checksum matches, only where it lies is wrong
    path.unlink()
    path.symlink_to(outside)


def _dev_zero(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _too_large(path: Path) -> None:
    from pdukit.files import MAX_BYTES

    os.truncate(path, MAX_BYTES + 1)  # sparse: no disk used


HOSTILE = {
    "named pipe": (_fifo, "pdus.csv:0:-: is a named pipe; expected a regular file"),
    "link to a file outside the release": (_outside_link, "pdus.csv:0:-: is a symbolic link; expected a regular file"),
    "link to /dev/zero": (_dev_zero, "pdus.csv:0:-: is a symbolic link; expected a regular file"),
    "folder": (_folder, "pdus.csv:0:-: is a folder; expected a regular file"),
    "too large": (_too_large, "pdus.csv:0:-: is larger than 64 MB (67108865 bytes); expected"),
    "named pipe as the manifest": (lambda p: _fifo(p.parent / "datapackage.json"),
                                   "datapackage.json:0:-: is a named pipe; expected a regular file"),
    "named pipe beside the tables": (lambda p: os.mkfifo(p.parent / "notes.csv"), "notes.csv:0:-: is a named pipe"),
    "an extra file in a published release": (lambda p: (p.parent / "notes.txt").write_text("x"),
                                             "notes.txt:0:-: is not listed in datapackage.json; expected only"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_validate_refuses_what_is_not_a_regular_release_file_and_never_hangs(case, release_copy):
    """Issue 19 case 6: a named pipe hung `validate` and `render` forever; a link to /dev/zero exhausted memory; a
    link to a file outside the release and an extra file in a published release passed as valid."""
    damage, line = HOSTILE[case]
    damage(release_copy / "pdus.csv")
    run = _pdukit("validate", str(release_copy))
    assert run.returncode == 1, run.stdout + run.stderr
    assert line in run.stdout, run.stdout
    assert "Traceback" not in run.stderr + run.stdout


@pytest.mark.parametrize("case", ["named pipe", "link to /dev/zero", "named pipe beside the tables"])
def test_render_refuses_a_hostile_release_writes_nothing_and_never_hangs(case, release_copy, tmp_path):
    damage, line = HOSTILE[case]
    damage(release_copy / "pdus.csv")
    out = tmp_path / "out"
    run = _pdukit("render", "--data", str(release_copy), "--out", str(out), "--no-progress")
    assert run.returncode == 1, run.stdout + run.stderr
    assert line in run.stderr and "nothing was rendered" in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists()


def test_a_draft_may_hold_other_regular_files(draft_copy):
    from pdukit.dataset.validate import validate_release

    (draft_copy / "notes.txt").write_text("a note beside the draft")
    assert validate_release(draft_copy, check_checksums=False) == []


def test_the_bundled_releases_hold_exactly_their_manifests_files():
    import json

    for release in list_releases(ROOT / "data" / "releases"):
        listed = {r["path"] for r in json.loads((release / "datapackage.json").read_text())["resources"]}
        assert {p.name for p in release.iterdir()} == listed | {"datapackage.json"}, release.name
