# Thin wrappers: every target says what it runs. Python 3.11+ is the only prerequisite.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SITE   ?= km_yjj
DB     ?= data/archive.db
PORT   ?= 8001

.PHONY: help venv install demo test lint typecheck pytest crawl nightly serve mirror bench bench-nightly bench-scale bench-serve bench-partition clean

help:
	@echo "make demo   - crawl the bundled offline mirrors into $(DB), then serve it on http://127.0.0.1:$(PORT)"
	@echo "make test   - ruff, mypy and pytest"
	@echo "make crawl SITE=km_yjj - crawl the live site into $(DB)"
	@echo "make nightly - refresh every enabled site incrementally (see README)"
	@echo "make serve  - serve $(DB) with Datasette"
	@echo "make bench  - parser benchmarks: against a BeautifulSoup baseline, figures against metadata only"
	@echo "make bench-nightly - requests of a nightly run against a full crawl of 5,000 documents"
	@echo "make bench-scale - one process against 1, 2 and 3 local Scrapyd nodes; merge cost; a 3,000-site plan"
	@echo "make bench-serve [DOCS=1000000] - search and exports of a synthetic archive, served by Datasette"
	@echo "make bench-partition [PDOCS=200000] - partitioning an archive; search across partitions against the whole file"

$(BIN)/xxgk: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,node]'
	@touch $@

venv install: $(BIN)/xxgk

demo: $(BIN)/xxgk
	$(BIN)/xxgk demo --db $(DB) --port $(PORT)

test: lint typecheck pytest

lint: $(BIN)/xxgk
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(BIN)/xxgk
	$(BIN)/mypy

pytest: $(BIN)/xxgk
	$(BIN)/pytest

crawl: $(BIN)/xxgk
	$(BIN)/xxgk crawl $(SITE) --db $(DB)

nightly: $(BIN)/xxgk
	$(BIN)/xxgk nightly --db $(DB)

serve: $(BIN)/xxgk
	$(BIN)/xxgk serve --db $(DB) --port $(PORT)

mirror: $(BIN)/xxgk
	$(BIN)/xxgk mirror $(SITE) --port 8000

bench: $(BIN)/xxgk
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/figures.py

bench-nightly: $(BIN)/xxgk
	$(BIN)/python bench/nightly.py

bench-scale: $(BIN)/xxgk
	$(BIN)/python bench/scale.py
PDOCS ?= 200000
DOCS ?= 1000000
bench-serve: $(BIN)/xxgk
	$(BIN)/python bench/serve.py --docs $(DOCS)

bench-partition: $(BIN)/xxgk
	$(BIN)/python bench/partition.py --docs $(PDOCS)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
