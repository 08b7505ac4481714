# Entry points. `make build` and `make test` work on a fresh machine with only Python 3.11
# and the package registry: uv is bootstrapped when missing, dependencies come from uv.lock.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
PORT ?= 8501
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)

.PHONY: help install build test run refresh lint format browser-deps clean schedule-install schedule-remove bench bench-scale screenshots

help:
	@echo "make build    install, ingest data/raw, dbt build, checks -> data/warehouse.duckdb, data/marts/"
	@echo "make test     the whole pytest suite (installs what it needs first)"
	@echo "make run      build, then serve the dashboard on 127.0.0.1:$(PORT)"
	@echo "make refresh  monthly refresh: re-parse only new/changed documents, atomic switch"
	@echo "make lint     ruff check + format check"

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv

$(BIN)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(BIN)/.installed

build: install
	$(BIN)/plans build

refresh: install
	$(BIN)/plans refresh

# Debian packages: chromium for the real-browser test, pango (and a font) for WeasyPrint's PDF
# of the Forum summary. The tests that need them skip with a reason when they are absent.
DEBIAN_DEPS := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
browser-deps:
	@missing=$$(for p in $(DEBIAN_DEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "chromium and pango present"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
		(apt-get update -qq && apt-get install -y -qq $$missing >/dev/null) \
		|| echo "could not install $$missing: the browser and PDF tests will be skipped"; \
	else echo "no root/apt-get for $$missing: the browser and PDF tests will be skipped"; fi

test: install browser-deps
	$(BIN)/pytest

screenshots: install browser-deps
	$(BIN)/pytest -m browser tests/test_dashboard_browser.py

run: build
	$(BIN)/streamlit run dashboards/app.py --server.address 127.0.0.1 --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python benchmarks/bench_pages.py

# scale benchmarks: the pipeline on N copies of the samples as distinct enti, then every
# page on the marts it built (make bench-scale N="100 1000 10000")
N ?= 1000
bench-scale: install browser-deps
	$(BIN)/python benchmarks/bench_scale.py $(N) --pages

schedule-install: install
	scripts/schedule.sh install

schedule-remove:
	scripts/schedule.sh remove

# the state store (run history, revisions) is kept: remove data/state by hand to forget it
clean:
	rm -rf data/builds data/current data/marts data/warehouse.duckdb data/data_docs data/cache \
		data/scale dbt_project/target dbt_project/logs
