"""Releases are immutable, reproducible from their sources, and only changed by publishing a new one."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pdukit.cli import main
from pdukit.diff import diff_releases
from pdukit.paths import list_releases
from pdukit.validate import validate_release

from conftest import ROOT, SHARED


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


@pytest.mark.skipif(not (SHARED / "sources" / "hmip-facts.csv").exists(), reason="../shared is not beside the project")
def test_first_release_rebuilds_byte_for_byte_from_its_sources(tmp_path):
    first = list_releases()[0]
    subprocess.run([sys.executable, str(ROOT / "data" / "curation" / "build_release.py"), first.name,
                    "--out", str(tmp_path)], check=True, capture_output=True)
    for csv_file in sorted(first.glob("*.csv")):
        assert (tmp_path / first.name / csv_file.name).read_bytes() == csv_file.read_bytes(), csv_file.name


def test_draft_edit_publish_adds_a_release_with_manifest_and_changelog(project_copy, capsys):
    assert main(["release", "draft", "2099-01-01"]) == 0
    draft = project_copy / "data" / "drafts" / "2099-01-01"
    with open(draft / "findings.csv", "a", encoding="utf-8") as handle:
        handle.write("gwent-1,Wales,example_measure,1,,,seed-002,added by a test\n")
    assert main(["release", "publish", str(draft), "--note", "Test release"]) == 0
    new = project_copy / "data" / "releases" / "2099-01-01"
    assert validate_release(new) == []
    changes = [str(c) for c in diff_releases(list_releases()[0], new)]
    assert changes == ["findings gwent-1|Wales|example_measure|: added"]
    changelog = (project_copy / "data" / "CHANGELOG.md").read_text()
    assert changelog.index("## 2099-01-01") < changelog.index("## " + list_releases()[0].name)
    assert "findings: 1 added, 0 changed, 0 removed" in changelog


def test_publish_refuses_a_broken_draft_and_writes_nothing(project_copy, capsys):
    main(["release", "draft", "2099-01-02"])
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
