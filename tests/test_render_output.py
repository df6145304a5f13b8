"""What `pdukit render` says is true: reports and the index are counted apart, every FAILED line points to a
details page that exists (or says there is none), an output folder that cannot be written is one line and exit 1,
and one render at a time writes an output folder (a second waits briefly, then is refused with exit 2)."""

from __future__ import annotations

import errno
import fcntl
import os
import re
import subprocess
import sys
import threading
import time

import pytest

from pdukit.cli import main
from pdukit.render import cache

AUDIT = ["render", "--only", "audit", "--no-progress", "--jobs", "1"]


def _refuse_writes(monkeypatch, suffix: str, code: int = errno.ENOSPC) -> None:
    """Make every atomic write of a file whose name ends with `suffix` fail as a full disk does (at the rename)."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith(suffix):
            raise OSError(code, os.strerror(code), str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def _one_line(err: str) -> str:
    lines = [line for line in err.strip().splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("pdukit: ") and "Traceback" not in err, err
    return lines[0]


@pytest.mark.slow
def test_reports_and_the_index_are_counted_apart_and_no_line_points_to_a_page_never_written(tmp_path, monkeypatch, capsys):
    """Issue 19 case 8: "13 reports: ... 14 failed" (the index counted as a report), and a failed index pointed to
    a details file that was never written."""
    _refuse_writes(monkeypatch, ".html")  # the disk fills after the validation memo: every page, the index
    out = tmp_path / "out"
    assert main([*AUDIT, "--out", str(out)]) == 1
    captured = capsys.readouterr()
    err = captured.err
    summary = next(line for line in (err + captured.out).splitlines() if re.match(r"\d+ reports?: ", line))
    assert summary.startswith("1 report: 0 rendered, 0 unchanged, 1 failed") and "index.html not written" in summary
    for line in (line for line in err.splitlines() if line.startswith("FAILED")):
        assert "(details: " not in line or os.path.exists(line.rsplit("(details: ", 1)[1].rstrip(")")), line
    assert any(line.startswith("FAILED audit.html: could not write the report") for line in err.splitlines()), err
    assert "Traceback" not in err


def test_an_output_folder_that_cannot_be_made_is_one_line_and_exit_1(tmp_path, capsys):
    """Issue 19 case 5: an output folder that cannot be written printed an OSError traceback."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main([*AUDIT, "--out", str(blocker / "out")]) == 1
    assert "cannot write to the output folder" in _one_line(capsys.readouterr().err)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_one_line_and_exit_1(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main([*AUDIT, "--out", str(out)]) == 1
    finally:
        out.chmod(0o755)
    assert "cannot write to the output folder" in _one_line(capsys.readouterr().err)


def test_a_full_disk_at_the_validation_memo_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    _refuse_writes(monkeypatch, "release.validated")
    out = tmp_path / "out"
    assert main([*AUDIT, "--out", str(out)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "cannot write to the output folder" in line and "No space left on device" in line
    assert not list(out.rglob("*.html"))


# --- one render at a time per output folder --------------------------------------------------------------------
def _hold_lock(out):
    (out / ".cache").mkdir(parents=True, exist_ok=True)
    handle = open(out / ".cache" / "render.lock", "a+")  # noqa: SIM115 - held across the test
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return handle


def test_a_second_render_into_the_same_folder_is_refused_with_exit_2_after_a_short_wait(tmp_path, monkeypatch, capsys):
    """Issue 19 case 8: two renders with different --data into one --out left a site of mixed releases."""
    monkeypatch.setattr(cache, "LOCK_WAIT_SECONDS", 0.5)
    out = tmp_path / "out"
    holder = _hold_lock(out)
    try:
        started = time.monotonic()
        assert main([*AUDIT, "--out", str(out)]) == 2
        assert time.monotonic() - started >= 0.5
    finally:
        holder.close()
    line = _one_line(capsys.readouterr().err)
    assert "another pdukit render is writing" in line and str(out) in line
    assert not list(out.rglob("*.html"))


def test_the_lock_waits_for_a_render_that_ends_and_a_killed_render_leaves_no_lock(tmp_path):
    out = tmp_path / "out"
    holder = _hold_lock(out)
    threading.Timer(0.5, holder.close).start()
    with cache.Cache(out).lock(wait=10):  # the first render ends: the second goes on
        pass
    script = ("import fcntl, os, sys, time; h = open(sys.argv[1], 'a+'); fcntl.flock(h, fcntl.LOCK_EX); "
              "print('locked', flush=True); time.sleep(60)")
    process = subprocess.Popen([sys.executable, "-c", script, str(out / ".cache" / "render.lock")],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    process.kill()
    process.wait()
    with cache.Cache(out).lock(wait=0):  # the lock file stays, the lock went with the process
        pass
