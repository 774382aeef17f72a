# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run demo scale-demo test lint unit contract integration suites bench install browser migrate bootstrap clean

$(PY):
	python3 -m venv $(VENV)

# Reinstalls only when pyproject.toml changed, so `make test` is fast when nothing did.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Our Spanish over Django's (pagina_madre/locale). The .mo is kept in git, so a machine
# without gettext's msgfmt runs with the committed one.
# The pages' catalogue (django) and the admin's JavaScript one (djangojs).
CATALOGUES := $(addprefix pagina_madre/locale/es/LC_MESSAGES/,django.mo djangojs.mo)

install: $(STAMP) $(CATALOGUES)

%.mo: %.po
	@if command -v msgfmt >/dev/null; then msgfmt --check -o $@ $<; \
	else echo "msgfmt not found (apt-get install gettext): using the committed $@"; fi

browser:
	@scripts/ensure-browser.sh

# Also loads the official list of polling places the project ships (polling_places/data):
# a second run finds it loaded, says so and writes nothing.
migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py setup_schedules
	$(PY) manage.py load_polling_places

# Local runs talk plain HTTP on localhost: no HTTPS redirect, Secure cookies or HSTS
# (and a generated secret key). Production leaves DJANGO_SECURE_SSL unset or 1.
run demo scale-demo bench: export DJANGO_SECURE_SSL ?= 0

# The demos say who runs them, as production must, so that their footer is complete
# (`make run` leaves OPERATOR_* unset: staff read which are pending, citizens nothing).
demo scale-demo: export OPERATOR_NAME ?= Fundación Página Madre (demostración)
demo scale-demo: export OPERATOR_ID ?= NIT 900.000.000-0
demo scale-demo: export OPERATOR_ADDRESS ?= Carrera 7 n.º 10-20, Bogotá
demo scale-demo: export OPERATOR_EMAIL ?= datos@demo.paginamadre.example

# The portal on http://127.0.0.1:8000 and its worker; Ctrl-C stops both.
run: migrate browser
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho start

# The same against the local census simulator, with a banner on every page. The simulator
# plays each real portal at its own path: `make demo PORTAL=wsp` (consultacenso, wsp,
# eleccionescolombia).
PORTAL ?= consultacenso
DEMO_PAGE_consultacenso := http://127.0.0.1:8765/
DEMO_PAGE_wsp := http://127.0.0.1:8765/censo/consultar/
DEMO_PAGE_eleccionescolombia := http://127.0.0.1:8765/identificacion
demo: migrate browser
	@test -n "$(DEMO_PAGE_$(PORTAL))" || { echo "PORTAL: consultacenso, wsp or eleccionescolombia"; exit 2; }
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" CENSUS_URL=$(DEMO_PAGE_$(PORTAL)) \
		CENSUS_API_URL=http://localhost:8765/ CENSUS_SIMULATED=1 \
		$(VENV)/bin/honcho -f Procfile.demo start

# The fleet on one machine: the portal and 3 clusters of 2 workers on the local PostgreSQL
# (database pagina_madre_demo, created if missing) and Redis, against the simulator.
SCALE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/pagina_madre_demo
SCALE_REDIS_URL ?= redis://127.0.0.1:6379/0
scale-demo: export DATABASE_URL = $(SCALE_DATABASE_URL)
scale-demo: export REDIS_URL = $(SCALE_REDIS_URL)
scale-demo: export QCLUSTER_WORKERS ?= 2
scale-demo: install
	$(PY) scripts/ensure_database.py
	$(MAKE) migrate browser
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" CENSUS_URL=http://127.0.0.1:8765/ CENSUS_SIMULATED=1 \
		$(VENV)/bin/honcho -f Procfile.scale start -c worker=3

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# The pure parts (the domain, each subject's rules, the configuration, the scraper's
# readers) without Django or a browser; 100% branch coverage of what pyproject.toml's
# [tool.coverage.run] names.
unit: install
	$(VENV)/bin/pytest -p no:django tests/unit -q \
		--cov --cov-report=term-missing:skip-covered --cov-fail-under=100

# Most of a test's time is spent waiting (on a page, a worker, the pace), so three
# workers share the two cores (a fourth, measured, saved nothing and loaded the machine);
# tests that share a server by name run on one of them (tests/conftest.py).
# PYTEST_WORKERS=0 runs them in this process.
PYTEST_WORKERS ?= 3
XDIST := -n $(PYTEST_WORKERS) --dist loadgroup

# Each port's promises, against the fake and the real adapter.
contract: install browser
	$(VENV)/bin/pytest tests/contract -q $(XDIST)

integration: install browser
	$(VENV)/bin/pytest tests/integration -q $(XDIST)

# Both in one run, so that the workers share out all of their tests.
suites: install browser
	$(VENV)/bin/pytest tests/contract tests/integration -q $(XDIST)

# The three at once (the suites wait on browsers and workers more than they compute), each
# one's output printed whole as it ends; any failure fails the target.
test: install browser
	@$(MAKE) --no-print-directory -j3 --output-sync=target lint unit suites

bench: install browser
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# The trimmed Bootstrap the pages load (frontend/build.mjs): run it after a template starts
# using a Bootstrap class or plugin it did not use before. Needs Node and npm; the built
# files are committed, so nothing else does.
bootstrap: install
	cd frontend && npm ci --no-audit --no-fund
	cd frontend && DJANGO_BOOTSTRAP5_DIR="$$(../$(PY) -c 'import django_bootstrap5, pathlib; print(pathlib.Path(django_bootstrap5.__file__).parent)')" npm run build

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .coverage
