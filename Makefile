# stancegraph: `make run` installs and runs the main job; `make test` installs and runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# What the browser tests and the Virtuoso endpoint tests (tests/store/test_virtuoso.py)
# need from Debian; `make test` installs it when it can (as root).
SYSTEM_PACKAGES := chromium chromium-driver fonts-noto-cjk virtuoso-opensource

.PHONY: install system run test lint format notebooks benchmarks clean

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

system:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && command -v virtuoso-t >/dev/null && \
		{ ! command -v dpkg-query >/dev/null || [ "$$(dpkg-query -W -f='$${Status}\n' \
		  $(SYSTEM_PACKAGES) 2>/dev/null | grep -c 'ok installed')" = "$(words $(SYSTEM_PACKAGES))" ]; }; \
	then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing $(SYSTEM_PACKAGES) for the browser and Virtuoso tests"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; \
	else \
		echo "the browser and Virtuoso tests need Debian's $(SYSTEM_PACKAGES): run sudo apt-get install -y $(SYSTEM_PACKAGES)" >&2; \
		exit 1; \
	fi

test: system lint
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
