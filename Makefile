# Basishulp Jeugd — developer commands. The README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
# compile bytecode at install: the CLI starts faster where PYTHONDONTWRITEBYTECODE is set
export UV_COMPILE_BYTECODE := 1
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest
UV := uv

.PHONY: help install demo test lint test-sqlite test-postgres bench precompile requirements messages access-doc api-schema clean

help:
	@echo "make demo          create the SQLite demo database and serve http://127.0.0.1:8000/"
	@echo "make test          lint, type check, migrations check, tests on SQLite and PostgreSQL"
	@echo "make bench         KPI benchmarks (demo data and national-scale file)"
	@echo "make precompile    regenerate the engine SQL after changing kpi/engine/expressions.py"
	@echo "make requirements  re-export the hashed requirements files from pyproject.toml"
	@echo "make access-doc    regenerate the access table in docs/access.md"
	@echo "make api-schema    regenerate the OpenAPI schema in docs/openapi.yaml"

$(VENV)/.installed: pyproject.toml requirements/dev.txt
	@scripts/ensure-uv.sh
	@[ -x $(PY) ] || $(UV) venv --quiet --python python3 $(VENV)
	$(UV) pip sync --quiet --python $(PY) --require-hashes requirements/dev.txt
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	@touch $@

install: $(VENV)/.installed

demo: install
	@scripts/ensure-system-deps.sh pdf
	$(VENV)/bin/basishulp demo

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy
	DJANGO_SETTINGS_MODULE=basishulp.conf.ci $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install
	$(PYTEST) -q -p no:cacheprovider

test-postgres: install
	scripts/with-postgres.sh $(PYTEST) -q -p no:cacheprovider -m "not spark"

test: install
	@scripts/ensure-system-deps.sh
	$(MAKE) --no-print-directory lint
	@echo "== tests on SQLite =="
	$(MAKE) --no-print-directory test-sqlite
	@echo "== tests on PostgreSQL =="
	$(MAKE) --no-print-directory test-postgres

bench: install
	$(VENV)/bin/basishulp demo-data --csv bench/data/demo.csv
	@[ -f bench/data/national.csv ] || $(PY) bench/generate.py --out bench/data/national.csv
	$(PY) bench/run.py --demo bench/data/demo.csv --national bench/data/national.csv
	$(PY) bench/ijw.py
	$(PY) bench/report.py

precompile: install
	$(PY) -m basishulp.kpi.engine.precompile
	$(VENV)/bin/ruff format --quiet src/basishulp/kpi/engine/_precompiled.py

requirements:
	@scripts/ensure-uv.sh
	$(UV) lock --quiet
	$(UV) export --quiet --frozen --no-emit-project --all-groups --format requirements-txt -o requirements/dev.txt
	$(UV) export --quiet --frozen --no-emit-project --no-dev --format requirements-txt -o requirements/base.txt

access-doc: install
	$(PY) scripts/access_doc.py

api-schema: install
	DJANGO_SETTINGS_MODULE=basishulp.conf.ci $(PY) manage.py spectacular --validate --fail-on-warn --file docs/openapi.yaml

messages: install
	cd src/basishulp && ../../$(PY) ../../manage.py makemessages -l nl --no-obsolete && ../../$(PY) ../../manage.py compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
