# BackCare: `make run` serves the app; `make test` runs the whole suite. Both start from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export PORT

.PHONY: run test test-fast lint format bench bench-postgres queries inprocess instructions audit clean screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,postgres,redis]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loadcatalog
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "BackCare is starting on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/gunicorn --config backcare/gunicorn.conf.py

test: $(STAMP)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The edit loop: everything but the browser tests and the tests that start real servers.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow" -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

bench-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/python bench/bench.py $(BENCH_ARGS)

# Lighthouse and the W3C Nu HTML checker on every page (from the npm registry; not in CI).
audit: $(STAMP)
	test -x .audit/node_modules/.bin/lighthouse || npm install --prefix .audit --no-save --silent lighthouse vnu-jar
	$(BIN)/python bench/audit.py $(AUDIT_ARGS)

queries: $(STAMP)
	$(BIN)/python bench/queries.py

inprocess: $(STAMP)
	$(BIN)/python bench/inprocess.py $(INPROCESS_ARGS)

# Instructions per request under Valgrind: steady where the VM's speed is not.
instructions: $(STAMP)
	$(BIN)/python bench/instructions.py $(INSTRUCTIONS_ARGS)

screenshots: $(STAMP)
	BACKCARE_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest tests/browser/test_screenshots.py -p no:cacheprovider -q

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
