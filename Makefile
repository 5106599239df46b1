# The only entry point a learner needs. `make` alone lists the commands.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Chapter 5's extension: its own distribution folder (setup.py), the package and csrc/ inside.
EXT_DIR := chapters/ch05_cuda_extension/mylinearops
EXT_STAMP := $(VENV)/.mylinearops-built
EXT_SOURCES := $(wildcard $(EXT_DIR)/setup.py $(EXT_DIR)/pyproject.toml $(EXT_DIR)/mylinearops/csrc/* $(EXT_DIR)/mylinearops/csrc/pybind/* $(EXT_DIR)/mylinearops/*.py)
PYTEST_ARGS ?=
# The lock: every package version CI tested, installed as is by `make setup` (see `make lock`).
LOCK := constraints.txt
# pip shows its progress on the first install (it downloads several GB) and is quiet after.
PIP_INSTALL = $(PY) -m pip install --disable-pip-version-check $(if $(wildcard $(STAMP)),--quiet)

.DEFAULT_GOAL := help
.PHONY: help setup lock ext db db-down db-if-possible test lint notebooks sync-notebooks jupyter-lab bench bench-sql gpu-check clean

# Each public target has a `## what it does` comment: this list is made from them.
help:
	@awk -F':.*## ' '/^[a-z][a-z0-9%-]*:.*## / {sub("%", "N", $$1); printf "make %-13s %s\n", $$1, $$2}' $(firstword $(MAKEFILE_LIST))
	@echo
	@$(PYTHON) -m chapters

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed, found " + sys.version.split()[0])'
	@echo "Creating $(VENV) (first use only)..."; $(PYTHON) -m venv $(VENV)

# The virtual environment: created on first use, refreshed when pyproject.toml or the lock changes.
$(STAMP): pyproject.toml $(LOCK) | $(PY)
	@echo "Installing the tutorial's packages into $(VENV) (torch is large: the first time takes minutes)..."
	@$(PIP_INSTALL) --constraint $(LOCK) --editable '.[dev]' || { echo "The versions in $(LOCK) do not \
	install here (it says which Python made it). \`make lock\` re-resolves them for this machine."; exit 1; }
	@touch $@

setup: $(STAMP)  ## create .venv with the locked versions (every other command does it on first use)
	@:

# Without the lock, so that new or raised requirements resolve; then every version is recorded.
# Local labels (torch 2.14.1+cpu) are dropped: the pin must match other machines' builds too.
lock: | $(PY)  ## after editing pyproject.toml's dependencies: install them and rewrite constraints.txt
	$(PIP_INSTALL) --editable '.[dev]'
	@echo "# The versions CI tests, from $(VENV) (Python $$($(PY) -c 'import platform; print(platform.python_version())')). Refresh: make lock" > $(LOCK)
	@$(PY) -m pip freeze --all --exclude-editable --exclude pip | sed -E 's/\+[^ ]*$$//' >> $(LOCK)
	@touch $(STAMP)
	@echo "Wrote $(LOCK)."

# Chapter 5's extension package, rebuilt when its sources change.
$(EXT_STAMP): $(STAMP) $(EXT_SOURCES)
	@if [ -f $(EXT_DIR)/setup.py ]; then \
		echo "Building mylinearops (C++$${FORCE_CUDA:+ and CUDA})..."; \
		$(PY) -m pip install --disable-pip-version-check --quiet --no-build-isolation --editable $(EXT_DIR) || exit 1; \
	fi
	@touch $@

ext: $(EXT_STAMP)  ## (re)build chapter 5's C++ extension, mylinearops
	@:

db:  ## start a MySQL server on 127.0.0.1:3306 (nothing if one answers)
	@bash scripts/db.sh up

db-down:  ## stop the server that make db started
	@bash scripts/db.sh down

db-if-possible:
	@bash scripts/db.sh up --optional

# make chapter-N: N maps to chapters/chNN_*; an unknown or unwritten chapter prints the list and fails.
chapter-%:  ## set up on first use, run chapter N's walk-through, then its tests
	@pkg=$$($(PYTHON) -m chapters $*) || exit; \
	$(MAKE) --no-print-directory setup || exit 1; \
	if $(PYTHON) -m chapters $* --needs extension; then $(MAKE) --no-print-directory ext || exit 1; fi; \
	if $(PYTHON) -m chapters $* --needs mysql; then $(MAKE) --no-print-directory db || exit 1; fi; \
	$(PY) -m chapters.$$pkg && $(PY) -m pytest chapters/$$pkg $(PYTEST_ARGS)

test: setup ext db-if-possible  ## every chapter's tests, README examples and notebooks
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup  ## ruff
	$(PY) -m ruff check .

notebooks: setup ext  ## make each notebook.py's .ipynb, sync edits made in either, start JupyterLab
	@$(MAKE) --no-print-directory sync-notebooks
	@$(MAKE) --no-print-directory jupyter-lab

# The two steps of `make notebooks` (tests/test_notebooks.py runs them on copies).
NOTEBOOKS ?= $(wildcard chapters/*/notebook.py)
NOTEBOOK_DIR ?= .
LAB_FLAGS ?=
sync-notebooks:
	@$(PY) scripts/sync_notebooks.py $(NOTEBOOKS)

# Jupyter refuses to run as root (containers, CI) unless told --allow-root.
jupyter-lab:
	$(PY) -m jupyter lab --notebook-dir=$(NOTEBOOK_DIR) $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_FLAGS)

bench: setup ext  ## CPU benchmarks: tables and plots in bench-results/
	@for bench in chapters/ch*/bench.py; do \
		[ -e "$$bench" ] || continue; \
		mod=$${bench%.py}; mod=$${mod//\//.}; \
		echo "== $$mod"; $(PY) -m $$mod || exit 1; \
	done

bench-sql: setup db  ## pandas vs MySQL: server clock, fetch per driver, before/after tuning
	$(PY) -m chapters.sqlkit.bench --max-rows 1000000 --tuning both

gpu-check:  ## on a machine with an NVIDIA GPU: build, CUDA tests, CUDA benchmark
	bash scripts/gpu_check.sh

clean:  ## remove build outputs, benchmark results and caches (keeps .venv)
	rm -rf build dist *.egg-info bench-results .pytest_cache $(EXT_DIR)/build
	find . -name __pycache__ -prune -exec rm -rf {} +

# Practice mode (see the README): EX is a problem number (183) or a slug (ch03_bottleneck);
# ONLY=python or ONLY=sql checks one half. The work lives in practice/<slug>/ (gitignored).
# After a pass the judge measures your answer's speed (about 10 s a half): PERF=0 turns it off.
PRACTICE = $(PY) -m chapters.practice
ONLY_FLAG = $(if $(ONLY),--lang=$(ONLY))
PERF_FLAG = $(if $(PERF),$(if $(filter 0 no off,$(PERF)),--no-perf,--perf))
.PHONY: practice check watch hint reveal

practice: setup  ## the exercises and your progress; EX=183 (or a slug) starts one
	@$(PRACTICE) $(if $(EX),start $(EX),list)

check: setup db-if-possible  ## the judge on your answer to EX (ONLY=python or ONLY=sql for one half; PERF=0: no speed report)
	@$(PRACTICE) check $(EX) $(ONLY_FLAG) $(PERF_FLAG)

watch: setup db-if-possible  ## the judge again on every save of EX's files
	@$(PRACTICE) watch $(EX) $(ONLY_FLAG) $(PERF_FLAG)

hint: setup  ## the next hint for EX
	@$(PRACTICE) hint $(EX)

reveal: setup  ## the reference answers to EX
	@$(PRACTICE) reveal $(EX)
