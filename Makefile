# Two commands matter on a fresh machine: `make demo` and `make test`.
# Both create the project-local virtual environment .venv from the hashed lock file first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
ENV_STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck importlint migrations-check unit install lock bench clean

install: $(ENV_STAMP)

$(ENV_STAMP): requirements/dev.lock pyproject.toml
	$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "karne needs Python 3.11 or newer"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

demo: $(ENV_STAMP)
	$(BIN)/karne demo

test: lint typecheck importlint migrations-check unit

lint: $(ENV_STAMP)
	$(BIN)/ruff check src config tests benchmarks
	$(BIN)/ruff format --check src config tests benchmarks

typecheck: $(ENV_STAMP)
	$(BIN)/mypy src config

importlint: $(ENV_STAMP)
	$(BIN)/lint-imports

migrations-check: $(ENV_STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/django-admin makemigrations --check --dry-run

unit: $(ENV_STAMP)
	$(BIN)/pytest -q -p no:cacheprovider

bench: $(ENV_STAMP)
	$(BIN)/python benchmarks/run.py

# Regenerates the hashed lock files; needs the `uv` tool on PATH (not needed to build or test).
lock:
	uv pip compile pyproject.toml requirements/build.in --generate-hashes --no-header --python-version 3.11 -o requirements/runtime.lock
	uv pip compile pyproject.toml requirements/build.in --extra dev --generate-hashes --no-header --python-version 3.11 -o requirements/dev.lock

clean:
	rm -rf $(VENV) var build src/*.egg-info
