"""Shared fixtures: the latest release, and throwaway copies of it for tests that break or extend data."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pdukit import load_release
from pdukit.paths import list_releases

ROOT = Path(__file__).resolve().parents[1]


def new_version(index: int = 0) -> str:
    """A release version valid today that sorts after every bundled release: today's date (UTC), then the same
    day's second, third ... release (b, c, ...). Versions are real dates no later than today."""
    return datetime.now(UTC).date().isoformat() + ("" if index == 0 else "bcdefghij"[index - 1])


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
