"""Runs a scheduler can trust: mistyped parameters stop, an invalid release renders nothing, pages always name the
release they reflect, drafts preview as drafts, Ctrl-C stops quickly, and each report starts clean."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, new_version
from pdukit.cli import main
from pdukit.dataset.schema import REGIONS
from pdukit.paths import list_releases

PAPERMILL = [sys.executable, "-m", "papermill"]
REGION_NB = str(ROOT / "notebooks" / "region.ipynb")
V0, V1, V3 = new_version(0), new_version(1), new_version(3)


def test_help_notebook_documents_types_and_descriptions():
    out = subprocess.run([*PAPERMILL, "--help-notebook", REGION_NB], capture_output=True, text=True, check=True).stdout
    assert 'region: str (default "Greater Manchester")' in out and "one of the 12" in out
    assert "data_version: str" in out and "a draft's version" in out


@pytest.mark.slow
def test_plain_papermill_refuses_a_mistyped_parameter_name(tmp_path):
    run = subprocess.run([*PAPERMILL, REGION_NB, str(tmp_path / "out.ipynb"), "-p", "regoin", "Wales",
                          "--cwd", str(ROOT / "notebooks")], capture_output=True, text=True)
    assert run.returncode != 0
    assert "unknown parameter 'regoin'" in run.stderr + run.stdout and "region (str)" in run.stderr + run.stdout


def test_a_parameter_name_with_a_leading_underscore_is_refused_and_ipython_names_are_not():
    """Issue 19 case 8: `-p _region Wales` under papermill was silently ignored (names starting `_` were skipped, to
    leave IPython's own `_`, `_i3`, ... alone)."""
    from pdukit.errors import ParameterError
    from pdukit.report import parameters

    namespace = {"__name__": "__main__", "_ih": [""], "_oh": {}, "_dh": ["/"], "In": [""], "Out": {}}
    parameters.begin(namespace)
    namespace.update({"__annotations__": {"region": str}, "region": "Wales"})  # the parameters cell
    namespace.update({"_region": "Wales"})  # papermill's injected cell
    namespace.update({"_i": "", "_ii": "", "_iii": "", "_i1": "a", "_i12": "b", "_": "", "__": "", "___": "", "_3": 5,
                      "_exit_code": 0})  # what IPython adds as cells run
    with pytest.raises(ParameterError, match="unknown parameter '_region'"):
        parameters.check(namespace)
    del namespace["_region"]
    assert parameters.check(namespace) == {"region": "Wales"}


@pytest.mark.slow
def test_plain_papermill_refuses_a_parameter_name_with_a_leading_underscore(tmp_path):
    run = subprocess.run([*PAPERMILL, REGION_NB, str(tmp_path / "out.ipynb"), "-p", "_region", "Wales",
                          "--cwd", str(ROOT / "notebooks")], capture_output=True, text=True)
    assert run.returncode != 0 and "unknown parameter '_region'" in run.stderr + run.stdout


@pytest.mark.slow
def test_plain_papermill_refuses_an_invalid_region_listing_all_twelve(tmp_path):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError) as err:
        papermill.execute_notebook(REGION_NB, str(tmp_path / "out.ipynb"), parameters={"region": "Atlantis"},
                                   cwd=str(ROOT / "notebooks"), progress_bar=False)
    assert "'Atlantis'" in str(err.value) and all(region in str(err.value) for region in REGIONS)


SUBSET = ["--only", "pdus,audit", "--pdu", "Gwent", "--no-progress", "--jobs", "1"]


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    """A copy of the latest release and a render of it (Gwent's page and the audit), made once for this module."""
    base = tmp_path_factory.mktemp("cached")
    data = base / list_releases()[-1].name
    shutil.copytree(list_releases()[-1], data)
    out = base / "out"
    assert main(["render", *SUBSET, "--data", str(data), "--out", str(out)]) == 0
    return data, out


@pytest.mark.slow
@pytest.mark.parametrize("victim", ["evidence.csv", "ratings.csv", "pdus.csv", "datapackage.json"])
def test_a_corrupted_cached_release_renders_nothing_and_exits_1(cached, victim, tmp_path, capsys):
    data, out = cached
    broken = tmp_path / data.name
    shutil.copytree(data, broken)
    path = broken / victim
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";", 3), encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*.html")}
    assert main(["render", *SUBSET, "--data", str(broken), "--out", str(out)]) == 1
    assert "did not validate" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in out.rglob("*.html")} == before  # nothing new written, not even the index


def _publish(project, version: str, table: str, old: str, new: str) -> None:
    assert main(["release", "draft", version]) == 0
    path = project / "data" / "drafts" / version / table
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["release", "publish", version, "--note", f"test: {table}"]) == 0


@pytest.mark.slow
def test_a_new_release_re_renders_only_reports_whose_tables_changed(project_copy, tmp_path, capsys):
    import json

    out = tmp_path / "out"
    assert main(["render", *SUBSET, "--out", str(out)]) == 0
    capsys.readouterr()
    _publish(project_copy, V0, "evidence.csv", "Gwent", "Gwent (edited by a test)")
    assert main(["render", *SUBSET, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "0 rendered, 2 unchanged, 2 re-stamped" in said
    for page in ("pdus/gwent.html", "audit.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert f"Data release {V0}" in text and "2026-11-22b" not in text, page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Mixed releases" not in index
    readers = {p.stem for p in (out / ".cache").rglob("*.json") if "ratings" in json.loads(p.read_text())["good"]["tables"]}
    _publish(project_copy, V1, "ratings.csv", "gwent-1,court_work,Outstanding", "gwent-1,court_work,Good")
    assert main(["render", *SUBSET, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"{len(readers)} rendered, {2 - len(readers)} unchanged" in said and readers


@pytest.mark.slow
def test_a_draft_renders_with_a_banner_and_validates(project_copy, tmp_path, capsys):
    assert main(["release", "draft", V3]) == 0
    assert main(["validate", V3]) == 0
    out = tmp_path / "out"
    assert main(["render", "--only", "pdus", "--pdu", "Gwent", "--data", V3, "--out", str(out), "--no-progress"]) == 0
    page = (out / "pdus" / "gwent.html").read_text(encoding="utf-8")
    assert 'class="draft-banner"' in page and f"Draft {V3}" in page and "not a published data release" in page


@pytest.mark.slow
def test_a_relative_data_path_from_the_project_root_renders_that_draft(project_copy, tmp_path, monkeypatch, capsys):
    """Issue 19 case 2: `pdukit render --data data/drafts/VERSION` from the project root failed with
    `ReleaseNotFound: data/drafts/VERSION: no such release or draft (... drafts: VERSION)`: the kernels resolved the
    path again, against notebooks/."""
    assert main(["release", "draft", V0]) == 0
    monkeypatch.chdir(project_copy)
    out = tmp_path / "out"
    assert main(["render", "--only", "pdus", "--pdu", "Gwent", "--data", f"data/drafts/{V0}", "--out", str(out),
                 "--no-progress", "--jobs", "1"]) == 0, capsys.readouterr().err
    assert f"Draft {V0}" in (out / "pdus" / "gwent.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_folder_named_like_a_release_is_what_the_pages_show(tmp_path, monkeypatch, capsys):
    """Issue 19 case 2: a draft folder named like a release, given relatively from another folder, was validated
    and bannered as a draft, but the kernels read the official release of that name."""
    name = list_releases()[-1].name
    draft = tmp_path / "here" / name
    shutil.copytree(list_releases()[-1], draft)
    (draft / "datapackage.json").unlink()
    path = draft / "inspections.csv"
    row = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("gwent-1,"))
    assert row.endswith(",")  # no note yet
    path.write_text(path.read_text(encoding="utf-8").replace(row, row + "Only in the draft next door"), encoding="utf-8")
    monkeypatch.chdir(draft.parent)
    out = tmp_path / "out"
    assert main(["render", "--only", "pdus", "--pdu", "Gwent", "--data", name, "--out", str(out), "--no-progress",
                 "--jobs", "1"]) == 0, capsys.readouterr().err
    page = (out / "pdus" / "gwent.html").read_text(encoding="utf-8")
    assert f"Draft {name}" in page and "Only in the draft next door" in page
    assert str(tmp_path) not in page  # the folder is named by the stamp, its path is not published


def test_the_planned_reports_read_the_one_absolute_folder_the_command_resolved(tmp_path, monkeypatch):
    from pdukit.paths import resolve_release
    from pdukit.render.jobs import plan

    shutil.copytree(list_releases()[-1], tmp_path / "copy")
    monkeypatch.chdir(tmp_path)
    folder = resolve_release("copy")
    assert folder == (tmp_path / "copy").resolve() and folder.is_absolute()
    jobs = plan(folder, ["national", "pdus"], [], ["Gwent"]).chosen
    assert {job.parameters["data_version"] for job in jobs} == {str(folder)}


@pytest.mark.parametrize("args", [["--data", "/etc"], ["--data", "."], ["--only", ""], ["--only", ","], ["--jobs", "0"]],
                         ids=["a folder that is no release", "the current folder", "--only empty", "--only comma",
                              "--jobs 0"])
def test_a_render_asked_for_nothing_or_for_no_release_is_refused_with_exit_2(args, tmp_path, monkeypatch, capsys):
    """Issue 19 case 8: `--data /etc` exited 1 (as if a release were invalid) and `--only ""` rendered nothing, exit 0."""
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    assert main(["render", *args, "--out", str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pdukit: ") and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


def test_validate_names_a_folder_that_is_no_release(capsys):
    assert main(["validate", "/etc"]) == 2
    assert "/etc is a folder, not a release or draft" in capsys.readouterr().err


@pytest.mark.slow
def test_ctrl_c_stops_a_render_within_10_seconds_and_keeps_what_was_made(tmp_path):
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "pdukit.cli", "render", "--force", "--only", "pdus",
                                "--no-progress", "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=dict(os.environ))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list((out / "pdus").glob("*.html")):
        time.sleep(0.2)
    time.sleep(2)  # well into the queue, reports running
    made = {p.name for p in (out / "pdus").glob("*.html")}
    assert made, "no report finished within a minute"
    process.send_signal(signal.SIGINT)
    sent = time.monotonic()
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - sent < 10, "took too long to stop"
    assert process.returncode == 130, stderr
    finished = {p.name for p in (out / "pdus").glob("*.html")}
    assert made <= finished and len(finished) < 65  # kept what was made; did not run the rest
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("not made yet") >= 65 - len(finished)


@pytest.mark.slow
def test_ctrl_c_at_any_moment_or_twice_ends_without_a_traceback_and_exit_130(tmp_path):
    """Issue 19 case 8: Ctrl-C in the first second (while Python imports pdukit), or pressed twice, printed a
    traceback. The `pdukit` command, as a user runs it, is interrupted at moments from its first import of pdukit
    (seen on Python's -X importtime log: Python's own start-up, before any code of ours runs, is not ours to
    handle) to kernels running reports."""
    from pathlib import Path

    command = str(Path(sys.executable).with_name("pdukit"))
    seen = []
    for delay in (0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.5, 3.0):
        for presses in (1, 2):
            process = subprocess.Popen([sys.executable, "-X", "importtime", command, "render", "--force", "--only",
                                        "national,audit", "--no-progress", "--out", str(tmp_path / f"{delay}-{presses}")],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            log = ""
            while not re.search(r"\|\s+pdukit\.", log) and process.poll() is None:  # pdukit is being imported
                log = process.stderr.readline()
            time.sleep(delay)
            for _ in range(presses):
                process.send_signal(signal.SIGINT)
                time.sleep(0.05)
            _, stderr = process.communicate(timeout=60)
            seen.append((delay, presses, process.returncode, "Traceback" in stderr or "Exception ignored" in stderr))
    assert [s for s in seen if s[2] != 130 or s[3]] == [], seen


def test_the_latest_manifest_passes_the_official_frictionless_validator():
    from frictionless import validate

    report = validate(str(list_releases()[-1] / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@pytest.mark.slow
def test_a_report_does_not_depend_on_which_ran_before_it_in_the_kernel():
    from pdukit.paths import resolve_release
    from pdukit.render.jobs import plan
    from pdukit.render.runner import make_stamp
    from pdukit.render.worker import Worker

    release_dir = resolve_release("latest")
    jobs = plan(release_dir, ["audit", "pdus"], [], ["Gwent"]).chosen
    stamp = make_stamp(release_dir)
    pages = {}
    for order in (jobs, jobs[::-1]):
        worker = Worker()
        try:
            for job in order:
                result = worker.run(job, stamp)
                assert result.page, result.error
                pages.setdefault(job.key, set()).add(result.page)
        finally:
            worker.close()
    assert all(len(versions) == 1 for versions in pages.values()), [k for k, v in pages.items() if len(v) > 1]
