# kinerja: two commands. `make run` ingests samples/, `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Debian packages the tests need: Chromium opens the HTML report (Playwright drives it and
# never downloads a browser of its own). Installed only where missing.
TEST_DEBS := chromium

.PHONY: run test install clean docs bench eval system-test

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/kinerja run samples

system-test:  ## Debian packages for the tests, where missing (apt-get, as root or through sudo)
	@missing=""; for cmd in $(TEST_DEBS); do command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$cmd"; done; \
	if [ -n "$$missing" ]; then \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
		echo "installing Debian packages:$$missing"; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing >/dev/null; \
	fi

test: $(STAMP) system-test
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) data .pytest_cache

docs: $(STAMP)  ## regenerate docs/warehouse.md from the warehouse's own comments
	rm -rf data/docs  # built afresh: a run with nothing new to read keeps the tables it has
	$(BIN)/kinerja run samples --warehouse data/docs/kinerja.duckdb --parquet data/docs/parquet > /dev/null
	$(BIN)/python -m warehouse.catalog data/docs/kinerja.duckdb > docs/warehouse.md

bench: $(STAMP)  ## speed and memory, written to bench/results/latest.json
	$(BIN)/python bench/run.py

eval: $(STAMP)  ## share of the golden rows of ../shared/real read exactly, written to bench/results/eval.json
	$(BIN)/python bench/eval_real.py
