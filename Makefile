# stancegraph: `make run` installs and runs the main job; `make test` installs and runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint format notebooks benchmarks clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (stancegraph)" >/dev/null
	touch $(STAMP)

run: install
	$(VENV)/bin/stancegraph run

lint: install
	$(VENV)/bin/ruff check graph tests benchmarks tools
	$(VENV)/bin/ruff format --check graph tests benchmarks tools
	$(VENV)/bin/mypy

test: lint
	$(PY) -m pytest

format: install
	$(VENV)/bin/ruff format graph tests benchmarks
	$(VENV)/bin/ruff check --fix graph tests benchmarks

notebooks: install
	$(VENV)/bin/jupyter lab notebooks

benchmarks: install
	for script in benchmarks/bench_*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
