# Everyday commands. `make run` and `make test` install what they need on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DATA_FILE ?= frivillig/data/faaborg-midtfyn.yaml
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install system-packages pdf-libraries test-tools messages run test lint format clean bench load

help: ## List the everyday commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --group dev
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned Python packages

system-packages: ## Install gettext (translations) and xmlsec1 (MitID login) from Debian when missing
	@command -v msgfmt >/dev/null && command -v xmlsec1 >/dev/null || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gettext xmlsec1)

pdf-libraries: ## Install Pango and the DejaVu fonts (PDF letters with WeasyPrint) from Debian when missing
	@ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -q DejaVuSans || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq \
			libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core)

test-tools: ## Install Debian's Chromium (browser tests) and Java (HTML checker) when missing
	@command -v chromium >/dev/null && command -v java >/dev/null || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium default-jre-headless)

messages: install system-packages ## Compile the translation catalogues
	$(PY) manage.py compilemessages --ignore=.venv -v 0

# The worker (the outbox's mail, the scheduled jobs) runs beside the web server and stops with it.
run: messages pdf-libraries ## Start the portal with demo data on http://127.0.0.1:8000 (MitID: the local test IdP), and its worker
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_municipality $(DATA_FILE)
	$(PY) manage.py seed_demo
	$(PY) manage.py procrastinate worker & worker=$$!; \
		trap 'kill $$worker' EXIT; \
		$(PY) manage.py runserver 127.0.0.1:8000

lint: install ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: messages pdf-libraries test-tools lint ## Run every check and the whole test suite (browser tests included)
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder

bench: messages ## Benchmark every public page with wrk under gunicorn on a national-scale data set (~5 min)
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk)
	$(PY) -m bench.run $(BENCH_ARGS)

load: messages ## 200 simulated people for 5 minutes against gunicorn; errors and lost e-mails (~7 min)
	$(PY) -m pip install --quiet --group load
	$(PY) -m bench.load $(LOAD_ARGS)

clean: ## Remove the virtualenv, the embedded database and collected files
	rm -rf $(VENV) .pgdata staticfiles
