"""Dependencies say what they are: every imported package declared, pins that satisfy the declared ranges, and
environment.yml installing the project once, with the same pins."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from packaging.requirements import Requirement

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
EXTRAS = PROJECT["optional-dependencies"]


def _names(requirements) -> set[str]:
    return {Requirement(r).name.lower().replace("_", "-") for r in requirements}


def _pins() -> dict[str, str]:
    lines = (ROOT / "requirements" / "constraints.txt").read_text().splitlines()
    return {n.lower().replace("_", "-"): v for n, v in (line.split("==") for line in lines if "==" in line)}


def _imported(folder_glob: str) -> set[str]:
    found = set()
    for path in ROOT.glob(folder_glob):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    local = {p.stem for p in ROOT.glob("tests/*.py")}  # conftest, sitecheck: the tests' own helpers
    return found - set(sys.stdlib_module_names) - local - {"pdukit", "pdukit_command", "__future__"}


def _distributions(modules: set[str]) -> set[str]:
    mapping = packages_distributions()
    return {mapping[m][0].lower().replace("_", "-") for m in modules}


def test_every_package_the_library_imports_is_a_runtime_dependency():
    assert _distributions(_imported("lib/pdukit/**/*.py")) <= _names(PROJECT["dependencies"])


def test_tests_bench_and_notebooks_import_only_declared_packages():
    declared = _names(PROJECT["dependencies"]) | set().union(*(_names(v) for v in EXTRAS.values()))
    used = _imported("tests/*.py") | _imported("bench/*.py") | _imported("notebooks/*.py")
    assert _distributions(used - {"packaging"}) <= declared  # packaging comes with pytest


def test_runtime_dependencies_leave_out_what_only_lab_bench_and_tests_use():
    runtime = _names(PROJECT["dependencies"])
    assert not runtime & {"jupyterlab", "psutil", "jupytext", "pytest", "selenium", "frictionless"}
    assert {"openpyxl", "ipython", "jupyter-client", "jupyter-core"} <= runtime


def test_every_declared_dependency_is_pinned_within_its_range():
    pins = _pins()
    for requirement in map(Requirement, PROJECT["dependencies"] + [r for v in EXTRAS.values() for r in v]):
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{name} is not pinned in requirements/constraints.txt: run make constraints"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} outside {requirement.specifier}"


def test_environment_yml_installs_the_project_once_with_the_same_pins():
    text = (ROOT / "environment.yml").read_text()
    conda = re.findall(r"^  - ([A-Za-z0-9_.-]+)", text.split("\ndependencies:", 1)[1], re.M)
    assert set(conda) == {"python", "pip"}  # nothing installed by conda that pip installs again
    assert "- -c requirements/constraints.txt" in text and "- -e .[lab,test]" in text
