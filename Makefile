# Threemilestone Pre-school website. `make help` lists the targets.
# Self-contained: the first target you run creates .venv from the pinned
# requirements (and refreshes it whenever a requirements file changes).

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
PELICAN := $(BIN)/pelican

BASEDIR := $(CURDIR)
INPUTDIR := $(BASEDIR)/content
OUTPUTDIR := $(BASEDIR)/output
CONFFILE := $(BASEDIR)/pelicanconf.py
PUBLISHCONF := $(BASEDIR)/publishconf.py

HOST ?= 127.0.0.1
PORT ?= 8000

GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_PAGES_REMOTE ?= origin

# Our wrapper runs Pelican with --fatal errors and prints each problem as one
# plain line (file, field, what to do) instead of a traceback.
SITE := $(PYTHON) -m policies
export PYTHONPATH := $(BASEDIR)/plugins
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PYTHON) || $(PY) -m venv $(VENV)
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed ## Create or refresh .venv from the pinned requirements

help: ## List the targets
	@echo "Threemilestone Pre-school website"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

html: venv ## Build the site into output/
	@$(SITE) build -s $(CONFFILE) -o $(OUTPUTDIR)

clean: ## Remove output/ and cache/
	rm -rf $(OUTPUTDIR) $(BASEDIR)/cache $(BASEDIR)/output-bench

regenerate: venv ## Rebuild whenever content changes
	@$(SITE) build -s $(CONFFILE) -o $(OUTPUTDIR) --autoreload

serve: venv ## Serve output/ at http://$(HOST):$(PORT)
	@$(SITE) serve -o $(OUTPUTDIR) --bind $(HOST) --port $(PORT)

devserver: venv ## Build, serve, and rebuild on change
	@$(SITE) devserver -s $(CONFFILE) -o $(OUTPUTDIR) --bind $(HOST) --port $(PORT)

check: venv ## Run the post-build checks on the existing output/
	@$(SITE) check -s $(CONFFILE) -o $(OUTPUTDIR)

lint: venv ## Ruff over the code
	@$(BIN)/ruff check plugins tests scripts pelicanconf.py publishconf.py
	@$(BIN)/ruff format --check plugins tests scripts pelicanconf.py publishconf.py

test: venv lint ## Lint, then run every test (browser tests included)
	@$(BIN)/pytest

bench: venv ## Measure build and check cost against bare Pelican
	@$(PYTHON) scripts/bench.py

.PHONY: venv help html clean regenerate serve devserver check lint test bench
