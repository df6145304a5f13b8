"""Releases are immutable, reproducible from their sources, and only changed by publishing a new one."""

from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT
from pdukit.cli import main
from pdukit.dataset.diff import diff_releases
from pdukit.dataset.validate import validate_release
from pdukit.paths import list_releases


def test_an_altered_file_fails_validation(release_copy):
    path = release_copy / "inspections.csv"
    path.write_text(path.read_text().replace("gwent-1,gwent,Wales,1,2022-02", "gwent-1,gwent,Wales,1,2022-03"))
    problems = [str(p) for p in validate_release(release_copy)]
    assert any(p.startswith("inspections.csv:0:-: sha256") for p in problems), problems


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)


@pytest.mark.skipif(_git("rev-parse", "HEAD").returncode != 0, reason="not a git checkout with commits")
@pytest.mark.parametrize("release_dir", list_releases(), ids=lambda p: p.name)
def test_released_files_never_change_after_their_first_commit(release_dir):
    relative = release_dir.relative_to(ROOT)
    added = _git("log", "--diff-filter=A", "--format=%H", "--", str(relative / "datapackage.json")).stdout.split()
    if not added:
        pytest.skip(f"{relative} is not committed yet")
    first = added[-1]
    changed = _git("diff", "--name-only", first, "--", str(relative)).stdout.split()
    assert changed == [], f"release files edited after release (publish a new release instead): {changed}"


@pytest.mark.parametrize("release_dir", list_releases(), ids=lambda p: p.name)
def test_every_release_rebuilds_byte_for_byte_from_the_repository_alone(release_dir, tmp_path, capsys):
    """No ../shared needed: data/raw and data/curation hold every input (the first release's manifest predates
    the record of inputs, so its tables are compared)."""
    assert main(["release", "rebuild", release_dir.name, "--out", str(tmp_path)]) == 0, capsys.readouterr().err
    for path in sorted(release_dir.glob("*.csv")):
        assert (tmp_path / release_dir.name / path.name).read_bytes() == path.read_bytes(), path.name
    if release_dir != list_releases()[0]:
        assert (tmp_path / release_dir.name / "datapackage.json").read_bytes() == (release_dir / "datapackage.json").read_bytes()


def test_latest_manifest_records_the_sha256_of_every_build_input():
    import json

    from pdukit.dataset.manifest import sha256

    inputs = json.loads((list_releases()[-1] / "datapackage.json").read_text())["pdukit_build_inputs"]
    assert "raw/hmip-facts.csv" in inputs and "raw/hmpps-pdu-register.csv" in inputs and "curation/reviewed_facts.csv" in inputs
    for name, digest in inputs.items():
        assert sha256(ROOT / "data" / name) == digest, name


def test_an_untouched_draft_validates_and_loads_as_a_draft(project_copy, capsys):
    from pdukit import load_release

    assert main(["release", "draft", "2099-01-01"]) == 0
    assert main(["validate", "2099-01-01"]) == 0
    assert "draft 2099-01-01: valid" in capsys.readouterr().out
    draft = load_release("2099-01-01")
    assert draft.draft and draft.version == "2099-01-01" and len(draft.pdus) == 112


def test_draft_edit_publish_adds_a_release_with_manifest_changelog_and_recorded_edit(project_copy, capsys):
    latest = list_releases()[-1]
    assert main(["release", "draft", "2099-01-01"]) == 0
    draft = project_copy / "data" / "drafts" / "2099-01-01"
    with open(draft / "findings.csv", "a", encoding="utf-8") as handle:
        handle.write("gwent-1,Wales,example_measure,1,,,seed-002,added by a test\n")
    assert main(["release", "publish", "2099-01-01", "--note", "Test release"]) == 0
    new = project_copy / "data" / "releases" / "2099-01-01"
    assert validate_release(new) == []
    changes = diff_releases(project_copy / "data" / "releases" / latest.name, new)
    assert changes[["table", "key", "change"]].astype(str).values.tolist() == [
        ["findings", "gwent-1|Wales|example_measure|", "added"]]
    changelog = (project_copy / "data" / "CHANGELOG.md").read_text()
    assert changelog.index("## 2099-01-01") < changelog.index("## " + latest.name)
    assert "findings: 1 added, 0 changed, 0 removed" in changelog
    edits = (project_copy / "data" / "curation" / "edits" / "2099-01-01.csv").read_text()
    assert "example_measure" in edits and ",add," in edits
    # the hand edit is now part of the curation history: the release rebuilds from the repository alone
    assert main(["release", "rebuild", "2099-01-01", "--out", str(project_copy / "rebuilt")]) == 0
    # and a second release on top of it, with the suite's release checks, still holds
    assert main(["release", "draft", "2099-01-02"]) == 0
    assert main(["release", "publish", "2099-01-02", "--note", "Nothing new"]) == 0
    assert [p.name for p in list_releases()][-2:] == ["2099-01-01", "2099-01-02"]
    assert validate_release(list_releases()[-1]) == []
    assert main(["release", "rebuild", "2099-01-02", "--out", str(project_copy / "rebuilt")]) == 0


def test_publish_says_no_such_draft_and_lists_the_drafts(project_copy, capsys):
    assert main(["release", "draft", "2099-01-03"]) == 0
    assert main(["release", "publish", "data/drafts/nothere", "--note", "x"]) == 2
    err = capsys.readouterr().err
    assert "no such draft: data/drafts/nothere" in err and "2099-01-03" in err


def test_publish_refuses_a_broken_draft_and_writes_nothing(project_copy, capsys):
    assert main(["release", "draft", "2099-01-02"]) == 0
    draft = project_copy / "data" / "drafts" / "2099-01-02"
    path = draft / "ratings.csv"
    path.write_text(path.read_text().replace("gwent-1,court_work,Outstanding", "gwent-1,court_work,Excellent"))
    assert main(["release", "publish", str(draft), "--note", "broken"]) == 1
    out = capsys.readouterr().out
    assert "ratings.csv:" in out and ":rating: found 'Excellent'; expected one of 'Inadequate'" in out
    assert not (project_copy / "data" / "releases" / "2099-01-02").exists()


def test_publish_refuses_an_existing_version(project_copy, capsys):
    assert main(["release", "draft", list_releases()[0].name]) == 2
    assert "releases are immutable" in capsys.readouterr().err


def test_diff_cli_reports_no_differences_between_a_release_and_itself(capsys):
    name = list_releases()[-1].name
    assert main(["diff", name, name, "--summary"]) == 0
    assert "no differences" in capsys.readouterr().out
