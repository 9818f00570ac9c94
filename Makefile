# Two commands for a fresh machine: `make run` (the portal with demo data) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The worker as docker-compose.yml starts it (tests/integration/test_broker_outage.py uses the same flags).
WORKER_FLAGS := --loglevel=warning --concurrency=2 --without-gossip --without-mingle --without-heartbeat

.PHONY: run test lint install messages clean-venv bench-data bench-load bench-explain bench-profile bench-open311 bench-digests bench-pdf

$(STAMP): requirements.txt requirements-dev.txt package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required (set PYTHON=python3.11).")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@# axe-core for the accessibility tests (tests only; the portal itself has no JavaScript build).
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility tests will be skipped (apt-get install npm)"; fi
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	@echo ""
	@echo "Portail citoyen      : http://$(HOST):$(PORT)/"
	@echo "Bureau du Technicien : http://$(HOST):$(PORT)/admin/"
	@echo "Espace du personnel  : http://$(HOST):$(PORT)/personnel/"
	@echo ""
	@if [ -n "$$REDIS_URL" ]; then \
		echo "REDIS_URL set: starting a Celery worker and Celery beat beside the web server."; \
		trap 'kill 0' EXIT INT TERM; \
		$(VENV)/bin/celery -A prevost_service worker $(WORKER_FLAGS) & \
		$(VENV)/bin/celery -A prevost_service beat --loglevel=warning --schedule=var/celerybeat-schedule & \
		$(PY) manage.py runserver $(HOST):$(PORT); \
	else \
		$(PY) manage.py runserver $(HOST):$(PORT); \
	fi

test: $(STAMP)
	$(PY) -m pytest

# What CI checks before the tests (and the pre-commit hooks run): ruff's rules and its formatting,
# and the architecture contracts (import-linter, pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy .

messages: $(STAMP)
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=bench --ignore=tests --ignore=node_modules
	$(PY) manage.py makemessages -d djangojs -l en --ignore=.venv --ignore=staticfiles --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

clean-venv:
	rm -rf $(VENV)

# --- Benchmarks (figures in docs/performance.md) ------------------------------------------
# PostgreSQL and Redis as on the project's machine; the database is created, migrated and loaded
# with BENCH_REQUESTS requests on first use (about ten minutes for a million), then reused.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/prevost_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/0
BENCH_REQUESTS ?= 1000000
BENCH_ENV = DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL)

bench-data: $(STAMP)
	$(BENCH_ENV) $(PY) bench/seed_volume.py --at-least --requests $(BENCH_REQUESTS)

bench-load: bench-data
	@command -v wrk >/dev/null || { echo "bench-load needs wrk: apt-get install wrk"; exit 2; }
	$(BENCH_ENV) $(PY) bench/load.py

bench-explain: bench-data
	$(BENCH_ENV) $(PY) bench/explain.py

# In-process, no server: CPU and wall ms, SQL and Redis commands per request, then the floor's views
# the same way; PROFILE=submission (or another scenario's name) adds its cProfile.
bench-profile: bench-data
	$(BENCH_ENV) $(PY) bench/profile_requests.py $(if $(PROFILE),--profile "$(PROFILE)" --sql)
	$(BENCH_ENV) $(PY) bench/profile_requests.py --floor

bench-open311: bench-data
	$(BENCH_ENV) $(PY) bench/open311_standards.py

bench-digests: $(STAMP)
	$(BENCH_ENV) $(PY) bench/digests.py --requests 50000

bench-pdf: $(STAMP)
	$(PY) bench/pdf.py
