# Two entry points: `make demo` runs the main job, `make test` runs the tests.
# Each creates .venv (Python 3.11+) and installs the project into it the first time.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out

.PHONY: demo test test-slow test-all lint format bench bench-scale bench-validation bench-analysis release site clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "kdrama-kgraph needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,plot,interactive]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kgraph validate
	$(BIN)/kgraph stats
	$(BIN)/kgraph query confessions --format table
	mkdir -p $(OUT)/graphs
	$(BIN)/kgraph export --format turtle  -o $(OUT)/kdrama.ttl
	$(BIN)/kgraph export --format nt      -o $(OUT)/kdrama.nt
	$(BIN)/kgraph export --format json-ld -o $(OUT)/kdrama.jsonld
	$(BIN)/kgraph export --format trig    -o $(OUT)/kdrama.trig
	$(BIN)/kgraph export --view schema-org -o $(OUT)/kdrama-schema-org.ttl
	$(BIN)/kgraph export --view wikidata   -o $(OUT)/kdrama-wikidata.ttl
	$(BIN)/kgraph graph costar      -o $(OUT)/costar.graphml
	$(BIN)/kgraph graph costar      -o $(OUT)/costar.png
	$(BIN)/kgraph graph confession  -o $(OUT)/confession.graphml
	$(BIN)/kgraph graph confession  -o $(OUT)/confession.png
	$(BIN)/kgraph graph costar      -o $(OUT)/costar.html
	$(BIN)/kgraph graph confession  -o $(OUT)/confession.html
	$(BIN)/kgraph graph costar      -o $(OUT)/graphs/costar.gexf
	$(BIN)/kgraph graph drama-actor -o $(OUT)/graphs/drama-actor.json
	$(BIN)/kgraph graph trope       -o $(OUT)/graphs/trope.graphml
	$(BIN)/kgraph graph trope       -o $(OUT)/graphs/trope.csv
	$(BIN)/kgraph analyze costar
	@echo "exports and graphs are in $(OUT)/"

# The fast tests, in parallel on every core: what to run before each commit.
test: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" -n auto --dist loadgroup

# The slow tests alone: the wheel in a fresh venv, real servers, big synthetic graphs, benchmarks.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow -n auto --dist loadgroup

# Every test.
test-all: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/python -m kgraph.store.canonical
	$(BIN)/python -c 'from kgraph.release.export import write_context; write_context()'
	$(BIN)/python -m kgraph.shacl.precompiled

bench: $(STAMP)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/interactive.py
	$(BIN)/python bench/query_end_to_end.py
	$(BIN)/python bench/costar_build.py
	$(BIN)/python bench/sparql_load.py

# Synthetic graphs of 10k to 5M triples (about 20 min): kgraph against plain rdflib and pyoxigraph.
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py --sizes 10k,100k,1m,5m --timeout 900

# pySHACL against the fast validator on synthetic graphs with defects (pySHACL not run at 1M).
bench-validation: $(STAMP)
	$(BIN)/python bench/validation.py --sizes 10k,100k,1m --timeout 420

# kgraph analyze costar and its betweenness against plain networkx at 100k, 1M and 5M triples (about 25 min).
bench-analysis: $(STAMP)
	$(BIN)/python bench/analysis.py --sizes 100k,1m,5m --timeout 300

# The static site of the graph, in site/ (open site/index.html).
site: $(STAMP)
	$(BIN)/kgraph site -o site

release: $(STAMP)
	$(BIN)/kgraph validate
	$(BIN)/kgraph release -o dist

clean:
	rm -rf $(VENV) $(OUT) build dist .pytest_cache .ruff_cache
