# Holdfast. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.txt requirements/main.txt pyproject.toml | cksum | cut -d' ' -f1)
export HOLDFAST_VAR_DIR ?= $(CURDIR)/var
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PHONY_EXTRA := run-deps
.PHONY: help run test test-sqlite test-postgres test-tools lint format bench install system-deps messages clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements/main.txt requirements/dev.txt pyproject.toml
	@py=$$(scripts/find-python.sh) || exit 1; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP) ## Create .venv and install the pinned requirements

run-deps: ## Install Debian packages the app needs (gettext; pango and fonts for PDFs)
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

system-deps: run-deps ## Install Debian packages the tests need (chromium, postgresql, java, npm, openssl)
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

messages: $(STAMP) run-deps ## Compile the translation catalogs
	@cd holdfast && ../$(PY) ../manage.py compilemessages -v0

run: $(STAMP) messages ## Set up (database, key, static files, demo) and serve on 127.0.0.1:8000
	@mkdir -p $(HOLDFAST_VAR_DIR)
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py keys init
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py content sync
	$(PY) manage.py demo
	@echo "Serving Holdfast on http://127.0.0.1:8000/ (Ctrl-C stops it)"
	$(VENV)/bin/holdfast run

# The checkers (axe-core, the Nu HTML Checker, MDN's HTTP Observatory scanner), pinned in
# tests/tools/package-lock.json. --ignore-scripts: install scripts would download a Java
# runtime (vnu-jar) and Chrome's HSTS preload list (the scanner). The scanner reads that
# list only to credit preloaded domains; localhost is not one, so it gets an empty list.
OBSERVATORY := tests/tools/node_modules/@mdn/mdn-http-observatory
TOOLS := tests/tools/node_modules/.installed-$(shell cksum < tests/tools/package-lock.json | cut -d' ' -f1)
$(TOOLS): tests/tools/package.json tests/tools/package-lock.json | system-deps
	cd tests/tools && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	echo '{}' > $(OBSERVATORY)/conf/hsts-preload.json
	@rm -f tests/tools/node_modules/.installed-*; touch $@

test-tools: $(TOOLS) ## Install the page checkers the browser tests use

test: $(STAMP) system-deps messages $(TOOLS) ## Run every test on SQLite, then on PostgreSQL, then lint
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres
	@$(MAKE) --no-print-directory lint
	@echo "All tests passed on SQLite and PostgreSQL; lint clean."

test-sqlite: $(STAMP) $(TOOLS) ## The test suite on SQLite (and the content check)
	$(PY) -m holdfast.curriculum.check content
	$(PY) -m pytest -p no:cacheprovider -q

test-postgres: $(STAMP) $(TOOLS) ## The test suite on a throwaway PostgreSQL server
	scripts/with-postgres.sh $(PY) -m pytest -p no:cacheprovider -q

lint: $(STAMP) ## ruff and mypy
	$(VENV)/bin/ruff check holdfast tests bench
	$(VENV)/bin/ruff format --check holdfast tests bench
	$(VENV)/bin/mypy holdfast

format: $(STAMP) ## Format the code with ruff
	$(VENV)/bin/ruff format holdfast tests bench
	$(VENV)/bin/ruff check --fix holdfast tests bench

screenshot: $(STAMP) system-deps messages ## Retake docs/screenshot.png (the README's picture) in the browser tests
	HOLDFAST_UPDATE_SCREENSHOT=1 $(PY) -m pytest -p no:cacheprovider -q tests/browser/test_journeys.py -k redeems

bench: $(STAMP) system-deps messages ## Measure page weight, latency and memory; update docs/quality.md
	$(PY) bench/run.py

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var tests/tools/node_modules
