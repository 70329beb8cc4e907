# Samen — two commands: `make run` and `make test`. Everything else is a helper of those.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python >= 3.12: the pyenv version named in .python-version, else python3.13 / python3.12 on PATH.
PYTHON ?= $(shell (pyenv which python3 2>/dev/null) || command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: help install run code demo migrate test test-py test-browser lint check-deploy audit sast \
        messages lock screenshot clean

help:
	@echo "make run           install, migrate, load demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test          the whole suite: lint, security checks and tests (SQLite; DATABASE_URL for PostgreSQL)"
	@echo "make test-browser  end-to-end and accessibility tests in Chromium ($(CHROMIUM))"

$(BIN)/uv:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), f"Samen needs Python 3.12 or newer, found {sys.version.split()[0]}"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The lock file is the single source of versions; --frozen refuses to drift from it.
$(VENV)/.installed: $(BIN)/uv uv.lock pyproject.toml
	$(BIN)/uv sync --frozen --quiet
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py compilemessages --ignore .venv >/dev/null
	$(BIN)/python manage.py collectstatic --noinput >/dev/null
	$(BIN)/python manage.py demo_logins
	@echo "Samen runs on http://$(HOST):$(PORT)  (Ctrl+C stops it)"
	$(BIN)/python manage.py worker --queue-name default >/dev/null 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn samen.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile - \
	  --access-logformat '%(t)s "%(r)s" %(s)s %(b)s'

# The current two-factor code of a demo user: make code USER=coordinator
code: install
	@$(BIN)/python manage.py demo_logins --code $(USER)

test: install lint sast check-deploy audit test-py

test-py: install
	$(BIN)/python manage.py compilemessages --ignore .venv >/dev/null
	$(BIN)/pytest -n 2

test-browser: install
	$(BIN)/python manage.py compilemessages --ignore .venv >/dev/null
	$(BIN)/python manage.py collectstatic --noinput >/dev/null
	SAMEN_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -m browser -p no:xdist

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

sast: install
	$(BIN)/bandit -q -c pyproject.toml -r src

# Production settings: debug off, a real secret and data key, HTTPS assumptions on.
check-deploy: install
	SAMEN_ENV=production DEBUG=false SECRET_KEY="$$(head -c 48 /dev/urandom | base64)" \
	SAMEN_DATA_KEYS="ci:$$(head -c 32 /dev/urandom | base64)" ALLOWED_HOSTS=samen.example.nl \
	SAMEN_INDEX_KEY="$$(head -c 32 /dev/urandom | base64)" EMAIL_HOST=smtp.example.nl \
	SAMEN_BASE_URL=https://samen.example.nl \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# OSV when reachable, else PyPI's advisories for each locked release (tools/audit_dependencies.py).
audit: install
	$(BIN)/python tools/audit_dependencies.py uv.lock

# The public channel (src/samen/public) has its own catalogue in twelve languages.
messages: install
	cd src/samen && ../../$(BIN)/django-admin makemessages -l nl -l en --ignore 'tests/*' --ignore 'public/*'
	cd src/samen/public && ../../../$(BIN)/django-admin makemessages $(foreach l,nl en pl ro bg hu uk ru ar ti es pt,-l $(l)) \
	  --ignore 'tests/*' --ignore 'tools/*' --ignore 'migrations/*'

lock: $(BIN)/uv
	$(BIN)/uv lock

clean:
	rm -rf $(VENV) var/db.sqlite3* staticfiles
