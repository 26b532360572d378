# The two commands of the README: `make run` and `make test`. Each installs what it needs.
PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run test bench wrk lint browser-deps messages clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 12), "Python 3.12 is needed (see .python-version)"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-installed: requirements.txt | $(BIN)/python
	$(PIP) -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP) -r requirements-dev.txt
	@touch $@ $(VENV)/.run-installed

## run: set up, load the demo data and serve on http://127.0.0.1:8000
run: $(VENV)/.run-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: ruff, bandit, the dependency audit, then the whole suite on SQLite + files, then on PostgreSQL + S3
test: $(VENV)/.dev-installed browser-deps node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r accounts alliance jury prize submissions settings -c pyproject.toml
	$(BIN)/python scripts/audit-deps
	bash scripts/test-legs

## bench: build a large edition in PostgreSQL (127.0.0.1:5432, user postgres; database
## dosta_bench, dropped and made again) with photos on SeaweedFS, print the figures as JSON.
## BENCH_ARGS="--quick" for small sizes while developing.
bench: $(VENV)/.dev-installed wrk
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The load client of the bench.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing wrk for the benchmark..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# Browser tests drive Debian's Chromium; install it once if it is missing.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# axe-core, which the browser tests inject into pages, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## messages: refresh the French catalogue after changing visible strings
messages: $(VENV)/.dev-installed
	$(BIN)/python manage.py makemessages -l fr --no-obsolete --add-location file \
	  -i ".venv/*" -i "var/*" -i "tests/*" -i "bench/*" -i "node_modules/*"
	$(BIN)/python manage.py compilemessages -l fr -i ".venv" -i "node_modules"

clean:
	rm -rf $(VENV) var node_modules
