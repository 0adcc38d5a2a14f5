# RHS Portal — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: install run test lint bench messages clean

$(BIN)/.installed: requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	touch $@

install: $(BIN)/.installed

## make run: install, migrate, seed demo data, start web + worker + beat on http://127.0.0.1:8000
run: install
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "The portal starts on http://127.0.0.1:8000 (Ctrl-C stops web, worker and beat)."
	DEBUG=1 $(BIN)/honcho -f Procfile.dev start

## make test: the whole suite — lint, migrations check, unit, integration and browser tests
test: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n 2

lint: install
	$(BIN)/ruff check .

## make messages: update the Swedish catalogues after changing UI texts (needs GNU gettext)
messages: install
	$(BIN)/python manage.py makemessages -l sv --no-obsolete --ignore='.venv/*' --ignore='var/*' \
	  --ignore='tests/*' --ignore='bench/*' --ignore='static/*'
	$(BIN)/python manage.py compile_translations

## make bench: every benchmark under bench/ (needs DATABASE_URL pointing at PostgreSQL)
bench: install
	@for script in bench/*.py; do \
	  case $$script in */_*) continue;; esac; \
	  echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

clean:
	rm -rf var/celery var/test-media
