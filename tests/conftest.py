"""Shared fixtures: the latest release, and throwaway copies of it for tests that break or extend data."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pdukit import load_release
from pdukit.paths import list_releases

ROOT = Path(__file__).resolve().parents[1]
# A warning raised while a report runs fails that report in every test (it never reaches a page either way).
os.environ.setdefault("PDUKIT_STRICT_WARNINGS", "1")


def new_version(index: int = 0) -> str:
    """A release version valid today that sorts after every bundled release: today's date (UTC), then the same
    day's second, third ... release (b, c, ...), leaving out those a bundled release has taken (a release may be
    dated today). Versions are real dates no later than today."""
    today = datetime.now(UTC).date().isoformat()
    latest = list_releases(ROOT / "data" / "releases")[-1].name
    return [v for v in (today, *(today + c for c in "bcdefghijk")) if v > latest][index]


@pytest.fixture(scope="session")
def release():
    return load_release("latest")


@pytest.fixture()
def release_copy(tmp_path) -> Path:
    """A copy of the latest release folder that a test may edit."""
    target = tmp_path / list_releases()[-1].name
    shutil.copytree(list_releases()[-1], target)
    return target


@pytest.fixture()
def project_copy(tmp_path, monkeypatch) -> Path:
    """A throwaway project folder (data: raw files, curation, releases; and the notebooks) that pdukit treats as
    its root."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    for folder in ("releases", "raw", "curation"):
        shutil.copytree(ROOT / "data" / folder, root / "data" / folder)
    shutil.copy(ROOT / "data" / "CHANGELOG.md", root / "data" / "CHANGELOG.md")
    monkeypatch.setenv("PDUKIT_ROOT", str(root))
    return root


RENDER_SUBSET = ["--only", "national,audit,regions,pdus", "--region", "Wales", "--pdu", "Gwent", "--no-progress"]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """National, audit, Wales and Gwent reports rendered once for the tests that read them."""
    from pdukit.cli import main

    out = tmp_path_factory.mktemp("reports")
    assert main(["render", *RENDER_SUBSET, "--out", str(out)]) == 0
    return out


def shared_once(tmp_path_factory, name: str, make):
    """Run `make(folder)` once per test run, even across pytest-xdist workers: the first worker to get here makes
    `folder` (under the run's shared temporary folder) while any other waits on a lock, then uses what it made."""
    import fcntl
    import os

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by every worker of this run
    folder, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def rendered_site(tmp_path_factory) -> Path:
    """Every report (national, audit, every region and PDU, with the index and glossary) rendered once per test
    run, for the whole-site check (tests/test_site.py). A report that fails is left out (its page is missing, so
    links to it show as broken); the render's exit code is in the folder's render-exit-code file."""
    from pdukit.cli import main

    def render(out: Path) -> None:
        site = out / "site"
        code = main(["render", "--no-progress", "--out", str(site)])
        (out / "render-exit-code").write_text(str(code))

    return shared_once(tmp_path_factory, "all-reports", render) / "site"


def pytest_collection_modifyitems(config, items):
    """The whole-site check first: it is the longest file (about 4 minutes), so under make test's --dist loadfile
    one worker starts on it while the other runs the rest of the suite."""
    items.sort(key=lambda item: item.nodeid.split("::")[0] != "tests/test_site.py")
