# Two commands matter on a fresh machine: `make demo` and `make test`.
# Both create the project-local virtual environment .venv from the hashed lock file first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
ENV_STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck importlint migrations-check unit unit-postgres install lock bench bench-reports bench-web bench-clerks bench-large bench-workbook bench-indicators system-libs browser office java clean

install: $(ENV_STAMP)

$(ENV_STAMP): requirements/dev.lock pyproject.toml
	@$(MAKE) --no-print-directory system-libs
	$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "karne needs Python 3.11 or newer"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

demo: $(ENV_STAMP)
	$(BIN)/karne demo

# The two pytest passes run side by side (one per core; their output is shown pass by pass, as
# each ends): they share no file, port or database. The system packages are checked first, one
# after the other, so that two apt-get never run at once.
test: lint typecheck importlint migrations-check
	@$(MAKE) --no-print-directory browser office java
	@$(MAKE) --no-print-directory -j2 --output-sync=target unit unit-postgres

lint: $(ENV_STAMP)
	$(BIN)/ruff check src config tests benchmarks
	$(BIN)/ruff format --check src config tests benchmarks

typecheck: $(ENV_STAMP)
	$(BIN)/mypy src config tests benchmarks

importlint: $(ENV_STAMP)
	$(BIN)/lint-imports

migrations-check: $(ENV_STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/django-admin makemigrations --check --dry-run

unit: $(ENV_STAMP) browser office java
	$(BIN)/pytest -q -p no:cacheprovider

# The same suite on PostgreSQL, in a throwaway cluster (tools/pg-cluster.sh installs Debian's
# postgresql with apt where it is missing and may). Without PostgreSQL the pass is skipped with a
# notice, unless KARNE_REQUIRE_POSTGRES=1 (CI), where it fails.
unit-postgres: $(ENV_STAMP) browser office java
	@status=0; tools/pg-cluster.sh $(BIN)/pytest -q -p no:cacheprovider || status=$$?; \
	if [ $$status = 77 ] && [ "$${KARNE_REQUIRE_POSTGRES:-}" != 1 ]; then \
		echo "PostgreSQL pass skipped: PostgreSQL is not installed"; \
	elif [ $$status != 0 ]; then exit $$status; fi

bench: $(ENV_STAMP)
	$(BIN)/python benchmarks/run.py

# Report generation: wall time and peak memory per document and format (docs/reports.md).
bench-reports: $(ENV_STAMP)
	$(BIN)/python benchmarks/reports.py

# Load on the web application: 50 simulated users against gunicorn (docs/web.md).
bench-web: $(ENV_STAMP)
	$(BIN)/python benchmarks/web_load.py

# Browser tests drive Debian's Chromium (a test tool never downloads a browser of its own).
# Installed only when missing and only where we may (root with apt-get).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; \
	else echo "browser tests need Debian's chromium at /usr/bin/chromium; they will be skipped"; fi

# Spark (the indicators' second engine, docs/indicators.md) runs on a Java runtime: Debian's
# OpenJDK 17, installed only when `java` is missing and only where we may (root with apt-get).
# Without it the Spark cases of tests/compute/test_conformance.py are skipped, unless CI=true or
# KARNE_REQUIRE_SPARK=1, where they fail.
java:
	@if command -v java >/dev/null || [ -x "$${JAVA_HOME:-/nonexistent}/bin/java" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless; \
	else echo "Spark tests need a Java runtime (Debian's openjdk-17-jre-headless); they will be skipped"; fi

# LibreOffice headless opens what karne writes: workbooks re-saved by Calc are uploaded again, the
# way a unit that uses LibreOffice instead of Excel sends them back (tests/web/test_workbook.py),
# and Writer lays the reports' DOCX out (tests/reporting/test_docx.py). Both must be there:
# `soffice` alone may come with Calc only.
office:
	@program="$$(dirname "$$(readlink -f "$$(command -v soffice)")" 2>/dev/null)"; \
	if [ -e "$$program/libsclo.so" ] && [ -e "$$program/libswlo.so" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui; \
	else echo "LibreOffice tests need Debian's libreoffice-calc-nogui and libreoffice-writer-nogui (soffice); they will be skipped"; fi

# WeasyPrint (PDF reports) needs Pango and HarfBuzz from the system. Installed only when missing,
# and only where we may (root with apt-get); the font itself comes with matplotlib's wheel.
SYSTEM_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
system-libs:
	@if ldconfig -p | grep -q 'libpango-1.0.so.0' && ldconfig -p | grep -q 'libpangoft2-1.0.so.0' \
		&& ldconfig -p | grep -q 'libharfbuzz-subset.so.0'; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends $(SYSTEM_LIBS); \
	else echo "PDF reports need $(SYSTEM_LIBS) (Debian names); please install them"; fi

# Regenerates the hashed lock files; needs the `uv` tool on PATH (not needed to build or test).
lock:
	uv pip compile pyproject.toml requirements/build.in --generate-hashes --no-header --python-version 3.11 -o requirements/runtime.lock
	uv pip compile pyproject.toml requirements/build.in --extra dev --extra spark --generate-hashes --no-header --python-version 3.11 -o requirements/dev.lock

clean:
	rm -rf $(VENV) var build src/*.egg-info

# A long fuzz campaign against the dataset reader (issue 10): mutations of the reference dataset,
# counted as read, refused, crash, hang, round trip (docs/data-format.md, "Bad input").
.PHONY: bench-fuzz
bench-fuzz: $(ENV_STAMP)
	PYTHONPATH=.:src $(BIN)/python benchmarks/fuzz.py --examples 5000

# Load with writes on PostgreSQL: 50 clerks saving entry forms for 60 s on 4 workers, then no lost
# updates checked, then requests during a long `karne load` (docs/web.md). Needs PostgreSQL.
bench-clerks: $(ENV_STAMP)
	tools/pg-cluster.sh $(BIN)/python benchmarks/clerks.py

# A quarterly-form workbook of 10,000 rows exported, previewed and applied: time, peak memory.
bench-workbook: $(ENV_STAMP)
	PYTHONPATH=.:src $(BIN)/python benchmarks/workbook.py --rows $${ROWS:-10000}

# check, load and export of a generated 3 M-row dataset: wall time and peak memory of each, in a
# fresh process (docs/data-format.md, "Large datasets"). ROWS=1000000 for a smaller one.
bench-large: $(ENV_STAMP)
	PYTHONPATH=.:src $(BIN)/python benchmarks/large.py --rows $${ROWS:-3000000}

# Every reference indicator definition over 10 M and 100 M synthetic events (kept in
# var/bench-indicators/) by karne, hand-written DuckDB SQL, pandas and Polars: the same results,
# then time and peak memory of each in a fresh process, and DuckDB reading the columns alone as
# the lower bound (docs/indicators.md, "Benchmarks").
# EVENTS=10000000 for the smaller set alone.
bench-indicators: $(ENV_STAMP)
	PYTHONPATH=.:src $(BIN)/python benchmarks/indicators.py --events $${EVENTS:-10000000,100000000}
