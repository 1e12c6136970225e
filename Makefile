# The two set-up commands of the README: `make run` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)
PYTEST := $(BIN)/pytest -p no:cacheprovider

LINTED := workflow web tests bench templates scripts gunicorn.conf.py

.PHONY: run test lint test-sqlite test-postgresql test-wheel serve bench tone-model

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

## Install, create the SQLite database with demo people and letters, serve on 127.0.0.1:5000.
run: $(STAMP)
	bash scripts/system-packages.sh run
	$(BIN)/tactful init-db
	$(BIN)/tactful demo
	TACTFUL_DEVELOPMENT=1 TACTFUL_WARM_UP=1 $(BIN)/tactful run --host 127.0.0.1 --port 5000

## Install what the tests need (Debian packages included), lint, run the whole suite on
## SQLite, then again on a throwaway PostgreSQL server, then install the wheel in a fresh
## venv outside the checkout and use it there.
test: $(STAMP)
	bash scripts/system-packages.sh test
	$(MAKE) --no-print-directory lint test-sqlite test-postgresql test-wheel

## ruff (lint and formatting) and mypy, with their configuration in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

test-sqlite:
	$(PYTEST)

test-postgresql:
	TACTFUL_TEST_BACKEND=postgresql $(PYTEST)

test-wheel:
	env -u PYTHONPATH $(BIN)/python scripts/wheel_smoke.py

## Serve with gunicorn (gunicorn.conf.py: workers, timeouts, logs) on TACTFUL_DATABASE_URL
## (default: the SQLite file in instance/), after creating or migrating the database.
serve: $(STAMP)
	$(BIN)/tactful init-db
	$(BIN)/gunicorn -c gunicorn.conf.py

## Rebuild the tone check's learned models from workflow/tone/corpus/ (deterministic, seconds).
tone-model: $(STAMP)
	$(BIN)/python -m workflow.tone.training

## Every benchmark, each ending with its JSON line.
bench: $(STAMP)
	for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done
