# The two commands of the README: `make run` and `make test`. Each installs what it needs:
# .venv from uv.lock (the Python is the newest of 3.14, 3.13 and 3.12 found; PYTHON=...
# chooses another), and, for the tests, Debian's chromium and npm. After that install
# step nothing here talks to any host but 127.0.0.1.
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
UV := .uv/bin/uv
# The lock is the only source of versions; uv never fetches a Python of its own.
SYNC := UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --locked --no-python-downloads \
	--python "$$(scripts/find-python $(PYTHON))"
FAST := not browser and not deploy and not fuzz and not slow

.PHONY: run test test-fast audit upgrade bench lint system-deps messages clean

# uv itself, in a folder of its own (uv sync keeps .venv exactly to the lock).
$(UV):
	@python="$$(scripts/find-python $(PYTHON))" && "$$python" -m venv .uv
	.uv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.run-installed: uv.lock pyproject.toml | $(UV)
	$(SYNC) --no-dev --inexact
	@touch $@

$(VENV)/.dev-installed: uv.lock pyproject.toml | $(UV)
	$(SYNC)
	@touch $@ $(VENV)/.run-installed

# What the full suite needs from Debian: chromium for the browser tests, npm for axe-core
# (injected into pages by the browser tests) and the Nu HTML checker (vnu-jar), both
# pinned in package-lock.json, and Java to run the checker.
system-deps:
	@scripts/system-deps chromium npm java:default-jre-headless

node_modules/.installed: package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## run: set up, load the demo data and serve on http://127.0.0.1:8000
run: $(VENV)/.run-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: ruff, bandit and the layers of the apps (import-linter), then the whole suite on SQLite + files, then on PostgreSQL + S3
test: lint system-deps node_modules/.installed
	bash scripts/test-legs

## test-fast: the SQLite leg without the browser, deploy, fuzz and slow tests
test-fast: $(VENV)/.dev-installed
	DOSTA_TEST_BACKEND=embedded $(BIN)/python -m pytest -m "$(FAST)" $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r accounts alliance jury prize submissions results outreach settings web demo -c pyproject.toml
	$(BIN)/lint-imports --no-cache

## audit: the locked dependencies against the known vulnerabilities (pip-audit's own
## service). Needs the package index: before an upgrade lands, and on a schedule.
audit: $(VENV)/.dev-installed
	$(UV) export --locked --all-groups --no-emit-project --format requirements-txt \
	  --output-file $(VENV)/audit-requirements.txt --quiet
	$(BIN)/pip-audit --requirement $(VENV)/audit-requirements.txt --require-hashes --disable-pip \
	  --progress-spinner off

## upgrade: every dependency to the newest release its range in pyproject.toml allows;
## then `make test` and `make audit`, and commit uv.lock.
upgrade: | $(UV)
	$(UV) lock --upgrade
	$(MAKE) $(VENV)/.dev-installed

## bench: build a large edition in PostgreSQL (127.0.0.1:5432, user postgres; database
## dosta_bench, dropped and made again) with photos on SeaweedFS, print the figures as JSON.
## BENCH_ARGS="--quick" for small sizes while developing.
bench: $(VENV)/.dev-installed
	scripts/system-deps wrk
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## messages: refresh the French catalogue after changing visible strings
messages: $(VENV)/.dev-installed
	$(BIN)/python manage.py makemessages -l fr --no-obsolete --add-location file \
	  -i ".venv/*" -i ".uv/*" -i "var/*" -i "tests/*" -i "bench/*" -i "node_modules/*"
	$(BIN)/python manage.py compilemessages -l fr -i ".venv" -i ".uv" -i "node_modules"

clean:
	rm -rf $(VENV) .uv var node_modules
