"""Every notebook runs top to bottom with its defaults under papermill, and stays paired with its py:percent file."""

from __future__ import annotations

import pytest

from conftest import ROOT

NOTEBOOKS = ["national", "region", "pdu", "audit", "start-here"]


@pytest.fixture(scope="module")
def warm_worker():
    """One warm kernel for the report notebooks: each still runs as papermill runs it (parameters injected, here
    none, so every default), in a namespace cleared between them."""
    from pdukit.render.worker import Worker

    worker = Worker()
    yield worker
    worker.close()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["national", "region", "pdu", "audit"])
def test_report_notebook_runs_with_its_defaults(name, warm_worker):
    from pdukit.render.jobs import Job

    job = Job("test", name, f"{name}.ipynb", f"{name}.html", {})
    result = warm_worker.run(job, {"release": "test", "checksum": "", "draft": False, "commit": "test",
                                   "made": "now", "version": "test"})
    assert result.page and not result.error, result.error
    outputs = [o for c in result.notebook.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert not result.warnings, result.warnings  # warnings are recorded, not printed onto the page


@pytest.mark.slow
def test_start_here_runs_top_to_bottom_under_papermill(tmp_path):
    import nbformat  # imported here: jupytext and nbformat take seconds to import, and test-fast skips this
    import papermill

    out = tmp_path / "start-here.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / "start-here.ipynb"), str(out), cwd=str(ROOT / "notebooks"),
                               parameters={"export_dir": str(tmp_path / "exports")}, progress_bar=False, log_output=False)
    executed = nbformat.read(out, as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert {p.name for p in (tmp_path / "exports").iterdir()} == {"inspected-twice.csv", "inspected-twice.xlsx"}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_has_a_parameters_cell_and_matches_its_py_file(name):
    import jupytext
    import nbformat

    ipynb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    tagged = [c for c in ipynb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "data_version" in tagged[0].source
    paired = jupytext.read(ROOT / "notebooks" / f"{name}.py")
    assert [c.source for c in paired.cells] == [c.source for c in ipynb.cells], \
        f"notebooks/{name}.ipynb and {name}.py differ: run 'jupytext --sync notebooks/{name}.py'"
    assert all(not c.get("outputs") for c in ipynb.cells if c.cell_type == "code"), "commit notebooks without outputs"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["national", "region", "pdu", "audit"])
def test_paired_py_file_runs_as_a_plain_script(name, tmp_path):
    """`python notebooks/national.py`, from any folder, runs the report with its defaults: the parameters check
    works outside a kernel, where the module's annotated assignments fill its own `__annotations__`."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, str(ROOT / "notebooks" / f"{name}.py")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr[-2000:]
