# Two entry points (see README): `make serve` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_SERVE := $(VENV)/.installed-serve
STAMP_TEST := $(VENV)/.installed-test
STAMP_NODE := node_modules/.installed

.PHONY: serve test build bench diagrams lint clean

# Serves with Pyodide copied from the offline distribution (works without internet);
# a plain `mkdocs build` uses the public CDN instead (see docs/instructors.md).
LOCAL_PYODIDE = $$($(BIN)/python -c "import sys; sys.path.insert(0, 'tools'); from sitebuild import local_pyodide; print(local_pyodide())")

serve: $(STAMP_SERVE) $(STAMP_NODE)
	NO_MKDOCS_2_WARNING=1 COURSE_PYODIDE_DIR=$(LOCAL_PYODIDE) $(BIN)/mkdocs serve -a 127.0.0.1:8000

build: $(STAMP_SERVE) $(STAMP_NODE)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

test: $(STAMP_TEST) $(STAMP_NODE) chromium
	$(BIN)/ruff check course exercises tests bench tools
	node_modules/.bin/tsc -p jsconfig.json
	$(BIN)/pytest

# e.g. make bench BENCH_ARGS="--markdown docs/performance.md --json /tmp/bench.json"
bench: $(STAMP_TEST) $(STAMP_NODE) chromium
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Serving needs the site's packages and the offline Pyodide; the tests also need pytest,
# Playwright, ruff and actionlint. The test install covers serving too.
$(STAMP_SERVE): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[serve]'
	touch $@

$(STAMP_TEST): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(STAMP_SERVE)

$(STAMP_NODE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# After writing or editing a ```mermaid diagram: draws it ahead of time into diagrams/ (commit
# the new file; a strict build fails while a diagram has no drawing). See tools/diagrams.py.
diagrams: $(STAMP_TEST) $(STAMP_NODE) chromium
	$(BIN)/python tools/diagrams.py

# Debian's Chromium, driven by the PyPI playwright package (never `playwright install`).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi; }

clean:
	rm -rf site $(VENV) node_modules
