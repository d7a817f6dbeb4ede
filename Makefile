# Văn bản Đảng ủy — developer and CI entry points. `make help` lists targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
STAMP     := $(VENV)/.requirements-stamp
PORT      ?= 8000
SIZE      ?= 10000
COUNT     ?= 1000
# Pass 2 (PostgreSQL) pytest -m selection (empty runs the whole suite again); pass 3 (PostgreSQL, after pass 1):
# the Chromium walks (empty: none). See deploy/run-tests.sh.
PG_TEST_SELECTION ?= not browser and not nodb and not sqlite_pass
BROWSER_TEST_SELECTION ?= browser
PYTEST_ARGS ?=
DEMO_PASSWORD ?= vanban2026
export DEMO_PASSWORD PG_TEST_SELECTION BROWSER_TEST_SELECTION PYTEST_ARGS

# Python 3.12 used to create the venv: python3.12 (or python3) on PATH if it really is 3.12 and runs
# (pyenv shims may not), else the newest ~/.pyenv/versions/3.12.*.
PYTHON ?= $(shell for p in python3.12 python3 $$(ls -d $(HOME)/.pyenv/versions/3.12.*/bin/python 2>/dev/null | sort -V -r); do \
	"$$p" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)

DEV := DJANGO_SETTINGS_MODULE=settings.dev
SERVICES := deploy/services.sh

.PHONY: help install system-deps node-deps run services services-stop services-status test lint messages bench-search bench-web bench-import clean distclean

help:
	@echo "make run            demo site on http://127.0.0.1:$(PORT) (SQLite, embedded search)"
	@echo "make test           PostgreSQL + Elasticsearch + Chromium, pytest on SQLite then on PostgreSQL"
	@echo "make lint           ruff, the import-linter layer contract, mypy (documents, search)"
	@echo "make messages       compile locale/vi (commit the .mo with the .po; needs GNU gettext)"
	@echo "make services       start PostgreSQL and Elasticsearch, print their URLs"
	@echo "make services-stop  stop them"
	@echo "make bench-search   search benchmark (SIZE=$(SIZE))"
	@echo "make bench-import   batch import of COUNT=$(COUNT) .txt/.docx/.pdf files: SQLite, PostgreSQL --jobs 1/2, Elasticsearch bulk"
	@echo "make bench-web      gunicorn (production settings, PostgreSQL): p50/p95, req/s at 1 and 16 clients"
	@echo "make clean          remove caches and generated files; distclean also .venv, .services, var/"

$(PY):
	@test -n "$(PYTHON)" || { echo "No Python 3.12 found (python3.12 or ~/.pyenv/versions/3.12.*); set PYTHON=..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

install: $(STAMP)

# axe-core for the accessibility test (package.json, package-lock.json); npm comes from deploy/install-system-deps.sh.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

node-deps: node_modules/.package-lock.json

# Debian packages for tests and services (PostgreSQL, Chromium, ...); no-op when present.
system-deps:
	bash deploy/install-system-deps.sh

# Links in mails and API responses name the port actually served (settings build BASE_URL from PORT too).
# The demo runs with DEBUG=0 unless DEBUG=1 is given: a wrong address gets the site's own Vietnamese 404, not
# Django's English debug page (WhiteNoise serves the collected static files either way).
run: export PORT := $(PORT)
run: export BASE_URL := $(or $(BASE_URL),http://127.0.0.1:$(PORT))
run: install
	bash deploy/install-output-deps.sh --warn
	mkdir -p var
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py collectstatic --noinput -v0
	$(DEV) $(PY) manage.py load_demo
	$(DEV) DEBUG=$(or $(DEBUG),0) $(PY) manage.py runserver 127.0.0.1:$(PORT)

services: system-deps
	bash $(SERVICES) start all

services-stop:
	bash $(SERVICES) stop all

services-status:
	bash $(SERVICES) status

# Lint first: a layer or type error fails CI before any test runs.
test: install system-deps node-deps lint
	bash deploy/run-tests.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=settings.test $(VENV)/bin/mypy

# The compiled catalogue is committed, so `make run` needs no gettext; tests check it matches the .po.
messages: install
	$(DEV) $(PY) manage.py compilemessages -l vi --ignore=.venv

bench-search: install system-deps
	@set -euo pipefail; eval "$$(bash $(SERVICES) start all)"; \
	export DATABASE_URL ELASTICSEARCH_URL $(DEV); \
	$(PY) manage.py migrate --noinput -v0; \
	$(PY) manage.py bench_search --size $(SIZE)

bench-import: install system-deps
	@set -euo pipefail; eval "$$(bash $(SERVICES) start all)"; \
	export DATABASE_URL ELASTICSEARCH_URL COUNT=$(COUNT); bash deploy/bench-import.sh

bench-web: install system-deps
	@set -euo pipefail; eval "$$(bash $(SERVICES) start pg)"; bash deploy/bench-web.sh

clean:
	find . \( -path ./$(VENV) -o -path ./.services -o -path ./.git \) -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf
	rm -rf .pytest_cache .ruff_cache var/static var/test-media var/test-reports

distclean: clean
	-bash $(SERVICES) stop all
	rm -rf $(VENV) .services var
