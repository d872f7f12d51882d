# Threemilestone Pre-school website. `make help` lists the targets.
# Self-contained: the first target you run creates .venv from the pinned
# requirements (and refreshes it whenever a requirements file changes).

PY ?= python3
# VENV=/abs/path/.venv on the command line uses an existing venv (tests do).
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python

BASEDIR := $(CURDIR)
OUTPUTDIR := $(BASEDIR)/output
CONFFILE := $(BASEDIR)/pelicanconf.py
PUBLISHCONF := $(BASEDIR)/publishconf.py

HOST ?= 127.0.0.1
PORT ?= 8000

GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_PAGES_REMOTE ?= origin
# ALLOW_PLACEHOLDERS=1: publish despite TBC placeholders (tests and previews only).
# ALLOW_UNCOMMITTED=1: publish despite uncommitted changes to the site's sources.

# Our wrapper runs Pelican with --fatal errors and prints each problem as one
# plain line (file, field, what to do) instead of a traceback.
SITE := $(PYTHON) -m commands
export PYTHONPATH := $(BASEDIR)/plugins
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PYTHON) || $(PY) -m venv $(VENV)
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed ## Create or refresh .venv from the pinned requirements

# Checking tools from npm (vnu.jar for the tests, Lighthouse for `make audit`), pinned
# in package-lock.json. --ignore-scripts: vnu-jar's install script would download a
# Java; we use the machine's.
node_modules/.installed: package.json package-lock.json
	@npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

help: ## List the targets
	@echo "Threemilestone Pre-school website"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

html: venv ## Build the site into output/
	@$(SITE) build -s $(CONFFILE) -o $(OUTPUTDIR)

clean: ## Remove output/, cache/ and the bench and audit results
	rm -rf $(OUTPUTDIR) $(BASEDIR)/cache $(BASEDIR)/output-bench $(BASEDIR)/output-audit

regenerate: venv ## Rebuild whenever content changes
	@$(SITE) build -s $(CONFFILE) -o $(OUTPUTDIR) --autoreload

serve: venv ## Serve output/ at http://127.0.0.1:8000 (set HOST, PORT to change)
	@$(SITE) serve -o $(OUTPUTDIR) --bind $(HOST) --port $(PORT)

devserver: venv ## Build, serve, and rebuild on change
	@$(SITE) devserver -s $(CONFFILE) -o $(OUTPUTDIR) --bind $(HOST) --port $(PORT)

check: venv ## Run the post-build checks on the existing output/
	@$(SITE) check -s $(CONFFILE) -o $(OUTPUTDIR)

# SLUG and TITLE reach the command through the environment (make exports command-line
# variables), so a title with an apostrophe or quotes needs no extra quoting.
new-policy: venv ## Start a policy: make new-policy SLUG=safeguarding TITLE="Safeguarding Policy"
	@$(SITE) new-policy -s $(CONFFILE) --slug "$$SLUG" --title "$$TITLE"

new-post: venv ## Start a news post: make new-post TITLE="Sports day"
	@$(SITE) new-post -s $(CONFFILE) --slug "$$SLUG" --title "$$TITLE"

review: venv ## List every policy and its next review date, overdue first
	@$(SITE) review -s $(CONFFILE)

lint: venv ## Ruff over the code
	@$(BIN)/ruff check plugins tests scripts pelicanconf.py publishconf.py
	@$(BIN)/ruff format --check plugins tests scripts pelicanconf.py publishconf.py

test: venv node_modules/.installed lint ## Lint, then run every test (browser tests included)
	@$(BIN)/pytest

publish: venv ## Build afresh, check, push to GitHub Pages (docs/PUBLISHING.md)
	@$(SITE) publish -s $(PUBLISHCONF) --remote '$(GITHUB_PAGES_REMOTE)' \
		--branch '$(GITHUB_PAGES_BRANCH)' \
		$(if $(filter 1,$(ALLOW_PLACEHOLDERS)),--allow-placeholders) \
		$(if $(filter 1,$(ALLOW_UNCOMMITTED)),--allow-uncommitted)

# BENCH_SIZES=100,300 and BENCH_RUNS=1 reach scripts/bench.py through the environment.
bench: venv ## Build and check cost against bare Pelican, into output-bench/ (needs hyperfine)
	@command -v hyperfine >/dev/null || { echo "make bench needs hyperfine: apt-get install -y hyperfine"; exit 1; }
	@$(PYTHON) scripts/bench.py --extras

audit: html node_modules/.installed ## Lighthouse scores (home page, a policy) into output-audit/
	@$(PYTHON) scripts/audit.py --output $(OUTPUTDIR)

.PHONY: venv help html clean regenerate serve devserver check lint test bench audit publish \
	new-policy new-post review
