"""Every notebook runs top to bottom with its defaults under papermill, and stays paired with its py:percent file."""

from __future__ import annotations

import pytest

from conftest import ROOT

NOTEBOOKS = ["national", "region", "pdu", "audit", "start-here"]


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_with_its_defaults(name, tmp_path):
    import nbformat  # imported here: jupytext and nbformat take seconds to import, and test-fast skips this
    import papermill

    out = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / f"{name}.ipynb"), str(out), cwd=str(ROOT / "notebooks"),
                               progress_bar=False, log_output=False)
    executed = nbformat.read(out, as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    stderr = [o.get("text", "") for c in executed.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not errors and not any("Warning" in s for s in stderr), (errors, stderr)


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
