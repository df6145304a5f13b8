"""`pdukit render`: self-contained HTML, a cache that skips unchanged reports, and failures that stay contained."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import RENDER_SUBSET as SUBSET
from pdukit.cli import main
from pdukit.dataset.manifest import write_manifest
from pdukit.paths import list_releases
from pdukit.render.cache import Cache, page_sha, static_key, table_shas
from pdukit.render.jobs import Job

PAGES = ["national.html", "audit.html", "regions/wales.html", "pdus/gwent.html"]


@pytest.mark.slow
def test_pages_are_self_contained_and_stamped(rendered):
    release = list_releases()[-1].name
    for page in PAGES:
        text = (rendered / page).read_text(encoding="utf-8")
        assert "<script" not in text.lower(), page
        assert not re.search(r"<link[^>]+href=|src=[\"']https?:|url\(https?:|@import", text), page
        assert f"Data release {release}" in text and "code version" in text and "About this page" in text, page
        plain = re.sub(r"<!--.*?-->", "", text)  # the cite line's release is a stamp a new release replaces
        assert f"Cite as: {re.search(r'<title>([^<]*)</title>', text).group(1)}, pdukit data release {release}" in plain
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
    listing = re.sub(r"<section[^>]*class=\"main-points\".*?</section>", "", index, flags=re.S)
    assert len(re.findall(r"<li>", listing)) == 2 + 65  # national, audit, and each of the 65 inspected PDUs
    national = (rendered / "national.html").read_text(encoding="utf-8")
    points = re.search(r"<section[^>]*class=\"main-points\".*?</ul>", national, re.S).group(0).split("</h2>")[1]
    assert points in index  # the national report's main points, whole
    every = index.split("<h2 id='every-inspection'>Every inspection</h2>")[1]
    assert 'download="england-and-wales-every-inspection.xlsx"' in every and "Every inspection in the data" in every
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
    cache.write(job, {"good": {"key": key, "tables": {"inspections": shas["inspections"]}, "page_sha": page_sha(b"page")}})
    return cache


def test_cache_is_invalidated_by_each_input(tmp_path):
    job = Job("pdus", "Gwent", "pdu.ipynb", "pdus/gwent.html", {"pdu": "Gwent", "data_version": "/srv/a"})
    notebook = tmp_path / "pdu.ipynb"
    notebook.write_text("one")
    versions = {"python": "3.11", "pandas": "3"}
    shas = table_shas(list_releases()[-1])
    key = static_key(job, notebook, "lib1", versions)
    cache = _fresh(tmp_path, job, key, shas)
    assert cache.is_fresh(job, key, shas)
    notebook.write_text("two")
    assert static_key(job, notebook, "lib1", versions) != key  # notebook source
    notebook.write_text("one")
    assert static_key(job, notebook, "lib2", versions) != key  # library source
    # a new release name or folder alone does not invalidate: the tables a report read are compared by content
    moved = Job("pdus", "Gwent", "pdu.ipynb", "pdus/gwent.html", {"pdu": "Gwent", "data_version": "/srv/b"})
    assert static_key(moved, notebook, "lib1", versions) == key
    assert static_key(job, notebook, "lib1", {**versions, "pandas": "4"}) != key  # package versions
    other = Job("pdus", "Wigan", "pdu.ipynb", "pdus/gwent.html", {"pdu": "Wigan", "data_version": "latest"})
    assert static_key(other, notebook, "lib1", versions) != key  # parameters
    assert not cache.is_fresh(job, key, {**shas, "inspections": "changed"})  # a table it read
    assert cache.is_fresh(job, key, {**shas, "evidence": "changed"})  # a table it did not read
    for damage in (b"pag", b"page!", b"\xff"):  # the page is not the one the cache wrote
        (tmp_path / job.html).write_bytes(damage)
        assert not Cache(tmp_path).is_fresh(job, key, shas), damage
    (tmp_path / job.html).unlink()
    assert not Cache(tmp_path).is_fresh(job, key, shas)  # the page itself is gone


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


# --- pages the cache can trust ---------------------------------------------------------------------------------
TRUST = ["render", "--only", "pdus,regions,audit", "--region", "Wales", "--pdu", "Gwent", "--pdu", "Wigan",
         "--no-progress"]


@pytest.fixture(scope="module")
def trusted(tmp_path_factory):
    """A release copy and a render of four reports from it, made once; each test works on copies of both."""
    base = tmp_path_factory.mktemp("trusted")
    data = base / "data" / list_releases()[-1].name
    shutil.copytree(list_releases()[-1], data)
    out = base / "out"
    assert main([*TRUST, "--data", str(data), "--out", str(out)]) == 0
    return data, out


def _new_release(data, tmp_path):
    """The same tables under another release name (a release that changed nothing these reports read)."""
    latest = data.name  # the next version after it (a letter for a second release the same day): tables it has
    name = latest[:10] + chr(ord(latest[10]) + 1) if len(latest) > 10 else latest + "b"
    new = tmp_path / name
    shutil.copytree(data, new)
    write_manifest(new, new.name, latest[:10] + "T00:00:00Z")
    return new


@pytest.mark.slow
def test_a_page_that_is_not_what_the_cache_wrote_is_made_again_never_kept(trusted, tmp_path, capsys):
    """Issue 19 cases 1 and 4: a page cut short, or a region page overwritten by a PDU page, was kept as
    "unchanged" (exit 0); a stray non-UTF-8 byte in a page crashed every later render after a new release."""
    data, made = trusted
    out = tmp_path / "out"
    shutil.copytree(made, out)
    gwent, wigan, wales, audit = (out / p for p in ("pdus/gwent.html", "pdus/wigan.html", "regions/wales.html",
                                                    "audit.html"))
    gwent.write_bytes(gwent.read_bytes()[:5000])  # cut short
    wigan.write_bytes(wigan.read_bytes().replace(b"Wigan", b"Wig\xe9n", 1))  # one byte that is not UTF-8
    shutil.copy(gwent.with_name("wigan.html"), wales)  # a PDU page where the region page was
    before = audit.read_bytes()
    capsys.readouterr()
    new = _new_release(data, tmp_path)
    assert main([*TRUST, "--data", str(new), "--out", str(out)]) == 0
    assert "3 rendered, 1 unchanged, 1 re-stamped" in capsys.readouterr().out
    for page, title in ((gwent, "Gwent PDU"), (wigan, "Wigan PDU"), (wales, "Wales region")):
        text = page.read_text(encoding="utf-8")
        assert f"<title>{title}" in text and text.rstrip().endswith("</html>") and f"Data release {new.name}" in text
    assert audit.read_bytes() != before and f"Data release {new.name}" in audit.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main([*TRUST, "--data", str(new), "--out", str(out)]) == 0
    assert "0 rendered, 4 unchanged" in capsys.readouterr().out  # the re-stamped page is trusted too


@pytest.mark.slow
def test_a_missing_or_edited_page_is_made_again_and_an_untrusted_one_is_not_linked(trusted, tmp_path, capsys):
    data, made = trusted
    out = tmp_path / "out"
    shutil.copytree(made, out)
    (out / "pdus" / "gwent.html").unlink()
    wigan = out / "pdus" / "wigan.html"
    wigan.write_text(wigan.read_text(encoding="utf-8").replace("Wigan", "Wigan (edited by hand)", 1), encoding="utf-8")
    capsys.readouterr()
    assert main([*TRUST, "--data", str(data), "--out", str(out)]) == 0
    assert "2 rendered, 2 unchanged" in capsys.readouterr().out
    assert "(edited by hand)" not in wigan.read_text(encoding="utf-8")
    wales = out / "regions" / "wales.html"
    wales.write_bytes(wales.read_bytes()[:5000])
    assert main(["render", "--only", "audit", "--data", str(data), "--out", str(out), "--no-progress"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "href='regions/wales.html'" not in index and "href='pdus/wigan.html'" in index  # made, and trusted


@pytest.mark.slow
def test_a_render_with_nothing_to_do_takes_under_a_second_and_never_imports_pandas(rendered):
    """The check of every page's bytes and of the release must keep a no-change render light (it is 0.2 s)."""
    import resource
    import subprocess
    import sys

    script = ("import sys; from pdukit.cli import main; code = main(sys.argv[1:]); "
              "print('heavy:', sorted(m for m in ('pandas', 'numpy', 'nbformat', 'nbclient') if m in sys.modules)); "
              "sys.exit(code)")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run([sys.executable, "-c", script, "render", *SUBSET, "--out", str(rendered)],
                         capture_output=True, text=True, timeout=60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert run.returncode == 0 and "0 rendered, 4 unchanged" in run.stdout, run.stderr
    assert "heavy: []" in run.stdout
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu < 1.0, f"{cpu:.2f}s of CPU for a render with nothing to do"
