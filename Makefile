# pdukit: `make reports` renders every report from the bundled data; `make test` runs the whole suite (what CI runs).
# Both build .venv from nothing but Python 3.11+ the first time, with the pinned versions of requirements/constraints.txt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
CONSTRAINTS := requirements/constraints.txt
INPUTS := $(shell cat pyproject.toml $(CONSTRAINTS) | cksum | cut -d' ' -f1)
LAB_ARGS ?=

.PHONY: reports test test-fast lint lab validate audit bench constraints clean venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# One stamp per set of extras: a changed pyproject.toml or constraints file reinstalls.
$(VENV)/.installed-%-$(INPUTS): | $(BIN)/python
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c $(CONSTRAINTS) -e '.[$*]'
	rm -f $(VENV)/.installed-$*-*
	touch $@

venv: $(VENV)/.installed-test-$(INPUTS)

reports: $(VENV)/.installed-test-$(INPUTS)
	$(BIN)/pdukit render

# --dist loadfile: a file's tests stay on one worker, so the whole-site check (tests/test_site.py) renders and checks
# every page once while the other worker runs the rest.
test: $(VENV)/.installed-test-$(INPUTS)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=12

# The edit loop: everything but kernels and the browser (under 30 s).
test-fast: $(VENV)/.installed-test-$(INPUTS)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not slow" -n 2 -q

lint: $(VENV)/.installed-test-$(INPUTS)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# make lab LAB_ARGS="--allow-root --no-browser"
lab: $(VENV)/.installed-lab-$(INPUTS)
	$(BIN)/jupyter lab $(LAB_ARGS) notebooks/

validate: $(VENV)/.installed-test-$(INPUTS)
	$(BIN)/pdukit validate

audit: $(VENV)/.installed-test-$(INPUTS)
	$(BIN)/pdukit audit

bench: $(VENV)/.installed-bench-$(INPUTS) $(VENV)/.installed-test-$(INPUTS)
	$(BIN)/python bench/render_bench.py

# After changing pyproject.toml's dependencies: pin the versions every install then uses.
constraints: | $(BIN)/python
	$(PIP) install --quiet -e '.[lab,test,bench]'
	( echo "# Exact versions every pdukit install uses (make, CI, environment.yml)."; \
	  echo "# Regenerate after changing pyproject.toml: make constraints (then run make test)."; \
	  $(PIP) freeze --exclude-editable | grep -v '^pdukit' ) > $(CONSTRAINTS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
