# The only entry point a learner needs. `make` alone lists the commands.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EXT_DIR := chapters/ch05_cuda_extension
EXT_STAMP := $(VENV)/.mylinearops-built
EXT_SOURCES := $(wildcard $(EXT_DIR)/setup.py $(EXT_DIR)/pyproject.toml $(EXT_DIR)/csrc/* $(EXT_DIR)/mylinearops/*.py)
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup ext db db-down db-if-possible test lint notebooks bench bench-sql gpu-check clean

help:
	@echo "make chapter-N    set up, run chapter N's walk-through, then its tests"
	@echo "make test         set up, then every chapter's tests, README examples and notebooks"
	@echo "make notebooks    build the .ipynb notebooks and start JupyterLab"
	@echo "make db / db-down start / stop a MySQL server for chapters 6+"
	@echo "make bench        CPU benchmarks (tables and plots in bench-results/)"
	@echo "make gpu-check    on a machine with an NVIDIA GPU: build, CUDA tests, CUDA benchmark"
	@echo "make lint         ruff"
	@echo
	@$(PYTHON) -m chapters

# The virtual environment: created on first use, refreshed when pyproject.toml changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python >= 3.10 is needed, found " + sys.version.split()[0])'
	@test -x $(PY) || { echo "Creating $(VENV) (first use only)..."; $(PYTHON) -m venv $(VENV); }
	@echo "Installing the tutorial's packages into $(VENV) (torch is large: the first time takes minutes)..."
	$(PY) -m pip install --disable-pip-version-check --quiet --editable '.[dev]'
	@touch $@

setup: $(STAMP)
	@:

# Chapter 5's extension package, rebuilt when its sources change.
$(EXT_STAMP): $(STAMP) $(EXT_SOURCES)
	@if [ -f $(EXT_DIR)/setup.py ]; then \
		echo "Building mylinearops (C++$${FORCE_CUDA:+ and CUDA})..."; \
		$(PY) -m pip install --disable-pip-version-check --quiet --no-build-isolation --editable $(EXT_DIR) || exit 1; \
	fi
	@touch $@

ext: $(EXT_STAMP)
	@:

db:
	@bash scripts/db.sh up

db-down:
	@bash scripts/db.sh down

db-if-possible:
	@bash scripts/db.sh up --optional

# make chapter-N: N maps to chapters/chNN_*; an unknown or unwritten chapter prints the list.
chapter-%:
	@pkg=$$($(PYTHON) -m chapters $*) || exit 0; \
	$(MAKE) --no-print-directory setup || exit 1; \
	if [ "$*" = 5 ]; then $(MAKE) --no-print-directory ext || exit 1; fi; \
	if [ "$*" -ge 6 ]; then $(MAKE) --no-print-directory db || exit 1; fi; \
	$(PY) -m chapters.$$pkg && $(PY) -m pytest chapters/$$pkg $(PYTEST_ARGS)

test: setup ext db-if-possible
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(PY) -m ruff check .

notebooks: setup ext
	$(PY) -m jupytext --update --to ipynb chapters/*/notebook.py
	$(PY) -m jupyter lab --notebook-dir=.

bench: setup ext
	@for bench in chapters/*/bench.py; do \
		[ -e "$$bench" ] || continue; \
		mod=$${bench%.py}; mod=$${mod//\//.}; \
		echo "== $$mod"; $(PY) -m $$mod || exit 1; \
	done

bench-sql: setup db
	$(PY) -m chapters.sqlkit.bench --max-rows 1000000

gpu-check:
	bash scripts/gpu_check.sh

clean:
	rm -rf build dist *.egg-info bench-results .pytest_cache $(EXT_DIR)/build
	find . -name __pycache__ -prune -exec rm -rf {} +

# Practice mode (see the README): EX is a problem number (183) or a slug (ch03_bottleneck);
# ONLY=python or ONLY=sql checks one half. The work lives in practice/<slug>/ (gitignored).
PRACTICE = $(PY) -m chapters.practice
ONLY_FLAG = $(if $(ONLY),--lang=$(ONLY))
.PHONY: practice check watch hint reveal

practice: setup
	@$(PRACTICE) $(if $(EX),start $(EX),list)

check: setup db-if-possible
	@$(PRACTICE) check $(EX) $(ONLY_FLAG)

watch: setup db-if-possible
	@$(PRACTICE) watch $(EX) $(ONLY_FLAG)

hint: setup
	@$(PRACTICE) hint $(EX)

reveal: setup
	@$(PRACTICE) reveal $(EX)
