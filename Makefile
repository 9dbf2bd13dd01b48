# Two commands set up everything: `make run` (opens the app) and `make test` (runs the suite).
PYTHON ?= python3
VENV := .venv
# A venv keeps its programs in Scripts/ on Windows (GitHub's runners set OS=Windows_NT).
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshots package clean

$(STAMP): pyproject.toml
	@$(PYTHON) packaging/ensure_system_deps.py --for venv
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,team]'
	@touch $(STAMP)

run: $(STAMP)
	@$(PY) packaging/ensure_system_deps.py --for window
	$(BIN)/pipeline-desktop $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)
	$(BIN)/ruff check pipeline_desktop tests benchmarks
	$(BIN)/lint-imports  # the layers' contracts in pyproject.toml

lint: $(STAMP)
	$(BIN)/ruff check pipeline_desktop tests benchmarks
	$(BIN)/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pipeline-desktop demo --db /tmp/pipeline-shots.db --force
	QT_QPA_PLATFORM=offscreen $(BIN)/pipeline-desktop screenshot --db /tmp/pipeline-shots.db --out docs/screenshots

package: $(STAMP)  ## the one-folder app in dist/ (PyInstaller, ~30 s), Linux tarball, smoke test
	@$(PY) -c "import PyInstaller" 2>/dev/null || $(PY) -m pip install -q -e '.[package]'
	QT_QPA_PLATFORM=offscreen $(PY) packaging/build.py --smoke-test

clean:
	rm -rf $(VENV) build dist .pytest_cache .import_linter_cache
