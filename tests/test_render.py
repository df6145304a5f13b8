"""`pdukit render`: self-contained HTML, a cache that skips unchanged reports, and failures that stay contained."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import RENDER_SUBSET as SUBSET
from pdukit.cli import main
from pdukit.dataset.manifest import write_manifest
from pdukit.paths import list_releases
from pdukit.render.cache import Cache, static_key, table_shas
from pdukit.render.jobs import Job

PAGES = ["national.html", "audit.html", "regions/wales.html", "pdus/gwent.html"]


@pytest.mark.slow
def test_pages_are_self_contained_and_stamped(rendered):
    release = list_releases()[-1].name
    for page in PAGES:
        text = (rendered / page).read_text(encoding="utf-8")
        assert "<script" not in text.lower(), page
        assert not re.search(r"<link[^>]+href=|src=[\"']https?:|url\(https?:|@import", text), page
        assert f"Data release {release}" in text and "git commit" in text and "Parameters:" in text, page
        assert "aria-label=\"Breadcrumb\"" in text and "glossary.html" in text, page
        assert "Traceback" not in text and "Error" not in text.split("<footer")[0], page
        assert '<nav class="toc"' in text, page
        assert "<pre><code" not in text and "import pandas" not in text, f"code shown in {page}"
    national = (rendered / "national.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<svg[^>]*role=\"img\"", national)) >= 5  # charts are inline SVG, their text kept as text


@pytest.mark.slow
def test_index_lists_every_report_with_status(rendered):
    index = (rendered / "index.html").read_text(encoding="utf-8")
    for page in PAGES:
        assert f"href='{page}'" in index
    assert "not made yet" in index  # reports outside the subset are listed, not linked
    assert len(re.findall(r"<li>", index)) == 2 + 65  # national, audit, and each of the 65 inspected PDUs
    assert len(re.findall(r"<section class='index-region'>", index)) == 12
    assert "Gwent</a>: Requires improvement" in index  # a PDU's latest rating beside its name


@pytest.mark.slow
def test_second_render_is_all_cached(rendered, capsys):
    assert main(["render", *SUBSET, "--out", str(rendered)]) == 0
    assert "0 rendered, 4 unchanged" in capsys.readouterr().out


def test_unknown_names_are_refused_before_anything_runs(tmp_path, capsys):
    assert main(["render", "--region", "Walse", "--out", str(tmp_path)]) == 2
    assert "closest valid names: 'Wales'" in capsys.readouterr().err
    assert main(["render", "--pdu", "Gwnet", "--out", str(tmp_path)]) == 2
    assert "'Gwent'" in capsys.readouterr().err
    assert main(["render", "--only", "nationl", "--out", str(tmp_path)]) == 2
    assert not any(tmp_path.iterdir())


# --- the cache key ------------------------------------------------------------------------------------------
def _fresh(tmp_path, job, key, shas):
    cache = Cache(tmp_path)
    (tmp_path / job.html).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / job.html).write_text("page")
    cache.write(job, {"good": {"key": key, "tables": {"inspections": shas["inspections"]}}})
    return cache


def test_cache_is_invalidated_by_each_input(tmp_path):
    job = Job("pdus", "Gwent", "pdu.ipynb", "pdus/gwent.html", {"pdu": "Gwent", "data_version": "latest"})
    notebook = tmp_path / "pdu.ipynb"
    notebook.write_text("one")
    versions = {"python": "3.11", "pandas": "3"}
    shas = table_shas(list_releases()[-1])
    key = static_key(job, notebook, "lib1", versions)
    cache = _fresh(tmp_path, job, key, shas)
    assert cache.is_fresh(job, key, shas, tmp_path)
    notebook.write_text("two")
    assert static_key(job, notebook, "lib1", versions) != key  # notebook source
    notebook.write_text("one")
    assert static_key(job, notebook, "lib2", versions) != key  # library source
    # a new release name alone does not invalidate: the tables a report read are compared by content
    assert static_key(job, notebook, "lib1", {**versions, "pandas": "4"}) != key  # package versions
    other = Job("pdus", "Wigan", "pdu.ipynb", "pdus/gwent.html", {"pdu": "Wigan", "data_version": "latest"})
    assert static_key(other, notebook, "lib1", versions) != key  # parameters
    assert not cache.is_fresh(job, key, {**shas, "inspections": "changed"}, tmp_path)  # a table it read
    assert cache.is_fresh(job, key, {**shas, "evidence": "changed"}, tmp_path)  # a table it did not read
    (tmp_path / job.html).unlink()
    assert not cache.is_fresh(job, key, shas, tmp_path)  # the page itself is gone


@pytest.mark.slow
def test_changed_data_file_rerenders_only_reports_that_read_it(tmp_path, capsys):
    data = tmp_path / "data" / list_releases()[-1].name
    shutil.copytree(list_releases()[-1], data)
    out = tmp_path / "out"
    args = ["render", "--only", "pdus,audit", "--pdu", "Gwent", "--data", str(data), "--out", str(out), "--no-progress"]
    assert main(args) == 0
    capsys.readouterr()
    with open(data / "evidence.csv", "a", encoding="utf-8") as handle:  # read by no report
        handle.write("seed-999,gwent-1,note,1,stated,seed-002,added by a test,\n")
    write_manifest(data, data.name, "2026-11-22")
    assert main(args) == 0
    assert "0 rendered, 2 unchanged" in capsys.readouterr().out
    ratings = (data / "ratings.csv").read_text().replace("gwent-1,court_work,Outstanding", "gwent-1,court_work,Good")
    (data / "ratings.csv").write_text(ratings)
    write_manifest(data, data.name, "2026-11-22")
    assert main(args) == 0
    assert "2 rendered, 0 unchanged" in capsys.readouterr().out
