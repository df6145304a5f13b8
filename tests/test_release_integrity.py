"""Releases are immutable, reproducible from their sources, and only changed by publishing a new one."""

from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT, new_version
from pdukit.cli import main
from pdukit.dataset.diff import diff_releases
from pdukit.dataset.validate import validate_release
from pdukit.paths import list_releases

V0, V1, V2 = new_version(0), new_version(1), new_version(2)


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

    assert main(["release", "draft", V0]) == 0
    assert main(["validate", V0]) == 0
    assert f"draft {V0}: valid" in capsys.readouterr().out
    draft = load_release(V0)
    assert draft.draft and draft.version == V0 and len(draft.pdus) == 112


def test_draft_edit_publish_adds_a_release_with_manifest_changelog_and_recorded_edit(project_copy, capsys):
    latest = list_releases()[-1]
    assert main(["release", "draft", V0]) == 0
    draft = project_copy / "data" / "drafts" / V0
    with open(draft / "findings.csv", "a", encoding="utf-8") as handle:
        handle.write("gwent-1,Wales,example_measure,1,,,seed-002,added by a test\n")
    assert main(["release", "publish", V0, "--note", "Test release"]) == 0
    new = project_copy / "data" / "releases" / V0
    assert validate_release(new) == []
    changes = diff_releases(project_copy / "data" / "releases" / latest.name, new)
    assert changes[["table", "key", "change"]].astype(str).values.tolist() == [
        ["findings", "gwent-1|Wales|example_measure|", "added"]]
    changelog = (project_copy / "data" / "CHANGELOG.md").read_text()
    assert changelog.index(f"## {V0}\n") < changelog.index(f"## {latest.name}\n")  # whole headings: 2026-12-02 is in 2026-12-02b
    assert "findings: 1 added, 0 changed, 0 removed" in changelog
    edits = (project_copy / "data" / "curation" / "edits" / f"{V0}.csv").read_text()
    assert "example_measure" in edits and ",add," in edits
    # the hand edit is now part of the curation history: the release rebuilds from the repository alone
    assert main(["release", "rebuild", V0, "--out", str(project_copy / "rebuilt")]) == 0
    # and a second release on top of it, with the suite's release checks, still holds
    assert main(["release", "draft", V1]) == 0
    assert main(["release", "publish", V1, "--note", "Nothing new"]) == 0
    assert [p.name for p in list_releases()][-2:] == [V0, V1]
    assert validate_release(list_releases()[-1]) == []
    assert main(["release", "rebuild", V1, "--out", str(project_copy / "rebuilt")]) == 0


def test_publish_says_no_such_draft_and_lists_the_drafts(project_copy, capsys):
    assert main(["release", "draft", V2]) == 0
    assert main(["release", "publish", "data/drafts/nothere", "--note", "x"]) == 2
    err = capsys.readouterr().err
    assert "no such draft: data/drafts/nothere" in err and V2 in err


def test_publish_refuses_a_broken_draft_and_writes_nothing(project_copy, capsys):
    assert main(["release", "draft", V1]) == 0
    draft = project_copy / "data" / "drafts" / V1
    path = draft / "ratings.csv"
    path.write_text(path.read_text().replace("gwent-1,court_work,Outstanding", "gwent-1,court_work,Excellent"))
    assert main(["release", "publish", str(draft), "--note", "broken"]) == 1
    out = capsys.readouterr().out
    assert "ratings.csv:" in out and ":rating: found 'Excellent'; expected one of 'Inadequate'" in out
    assert not (project_copy / "data" / "releases" / V1).exists()


def test_publish_refuses_an_existing_version(project_copy, capsys):
    assert main(["release", "draft", list_releases()[0].name]) == 2
    assert "releases are immutable" in capsys.readouterr().err


def test_diff_cli_reports_no_differences_between_a_release_and_itself(capsys):
    name = list_releases()[-1].name
    assert main(["diff", name, name, "--summary"]) == 0
    assert "no differences" in capsys.readouterr().out


def _tomorrow() -> str:
    from datetime import UTC, datetime, timedelta

    return (datetime.now(UTC) + timedelta(days=2)).date().isoformat()


@pytest.mark.parametrize("version", ["2026-21-01", "2026-02-30", "2026-11-31", "26-11-22", "2026-11-22bb",
                                     "2026-11-22B", "2026-11-22-1", "2026-11-22.1", "2026-11-22 ", "latest", "tomorrow"])
def test_a_version_that_is_not_a_real_date_up_to_today_is_refused_before_anything_is_written(project_copy, version, capsys):
    """Issue 19 case 7: `release draft 2026-21-01` was accepted, published, and then refused every later release."""
    version = _tomorrow() if version == "tomorrow" else version
    assert main(["release", "draft", version]) == 2
    err = capsys.readouterr().err
    assert f"version {version!r}" in err and "a real date" in err and "Traceback" not in err
    assert not (project_copy / "data" / "drafts").exists()
    # a hand-made draft folder of that name is not published either
    made = project_copy / "data" / "drafts" / version
    made.mkdir(parents=True)
    (made / ".draft.json").write_text("{}")
    assert main(["release", "publish", version, "--note", "x"]) == 2
    assert "a real date" in capsys.readouterr().err
    assert [p.name for p in list_releases()] == [p.name for p in list_releases(ROOT / "data" / "releases")]


def test_a_second_release_on_one_day_takes_a_letter(project_copy):
    from pdukit.dataset.publish import check_version

    check_version(V0)
    check_version(V1)  # today's date and 'b'


def _changelog_counts() -> dict[str, tuple[str, dict[str, tuple[int, int, int]]]]:
    """{version: (the release it is compared with, {table: (added, changed, removed)})} from data/CHANGELOG.md."""
    import re

    text = (ROOT / "data" / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        version, _, body = section.partition("\n")
        compared = re.search(r"^Compared with (\S+):$", body, flags=re.M)
        lines = re.findall(r"^- (\w+): (\d+) added, (\d+) changed, (\d+) removed$", body, flags=re.M)
        entries[version.strip()] = (compared.group(1) if compared else "",
                                    {t: (int(a), int(c), int(r)) for t, a, c, r in lines})
    return entries


def test_every_changelog_entry_counts_what_diff_summary_counts():
    """The 2026-11-22b entry once counted Northamptonshire's move as removals plus additions (staffing 6 added,
    7 removed) where diff_summary, matching rows on what they are about, counts 6 changed and 1 removed."""
    from pdukit.dataset.diff import diff_summary

    entries, releases = _changelog_counts(), [p.name for p in list_releases()]
    assert set(entries) == set(releases), "every release has a changelog entry, and every entry a release"
    for previous, version in zip(releases, releases[1:], strict=False):
        compared, counts = entries[version]
        assert compared == previous, f"{version}: compared with {compared!r}, expected the release before it"
        summary = diff_summary(previous, version).set_index("table")[["added", "changed", "removed"]]
        assert counts == {t: tuple(map(int, row)) for t, row in summary.iterrows()}, version
