# kinerja: two commands. `make run` ingests samples/, `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install clean docs bench

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/kinerja run samples

test: $(STAMP)
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) data .pytest_cache

docs: $(STAMP)  ## regenerate docs/warehouse.md from the warehouse's own comments
	rm -rf data/docs  # built afresh: a run with nothing new to read keeps the tables it has
	$(BIN)/kinerja run samples --warehouse data/docs/kinerja.duckdb --parquet data/docs/parquet > /dev/null
	$(BIN)/python -m warehouse.catalog data/docs/kinerja.duckdb > docs/warehouse.md

bench: $(STAMP)  ## speed and memory, written to bench/results/latest.json
	$(BIN)/python bench/run.py
