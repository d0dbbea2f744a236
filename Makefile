# kinerja: two commands. `make run` ingests samples/, `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Debian packages, installed only where missing (apt-get, quiet, as root or through sudo), as
# `command package` pairs: the command tells whether the package is there.
# Run time: Tesseract 5 reads scanned pages (extract/ocr.py) with the Indonesian and English
# models from Debian (tesseract-ocr pulls eng and osd); no model is downloaded at run time.
# Tests: Chromium opens the HTML report (Playwright drives it, never downloading a browser).
RUN_DEBS  := tesseract:tesseract-ocr tessdata-ind:tesseract-ocr-ind
TEST_DEBS := $(RUN_DEBS) chromium:chromium
TESSDATA  := /usr/share/tesseract-ocr/5/tessdata
# a fresh Debian has python3 without venv/ensurepip: the virtual environment needs it
VENV_DEBS := py-ensurepip:python3-venv

.PHONY: run test install clean docs bench eval system-run system-test

$(STAMP): pyproject.toml constraints.txt
	$(call debs,$(VENV_DEBS))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP) system-run
	$(BIN)/kinerja run samples

# $(call debs,LIST): install the packages of LIST whose command (or tessdata model) is missing
define debs
	@missing=""; for pair in $(1); do what=$${pair%%:*}; pkg=$${pair#*:}; \
		case $$what in \
			py-*) $(PYTHON) -c "import $${what#py-}" >/dev/null 2>&1 || missing="$$missing $$pkg";; \
			tessdata-*) [ -f $(TESSDATA)/$${what#tessdata-}.traineddata ] || missing="$$missing $$pkg";; \
			*) command -v $$what >/dev/null 2>&1 || missing="$$missing $$pkg";; \
		esac; done; \
	if [ -n "$$missing" ]; then \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
		echo "installing Debian packages:$$missing"; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing >/dev/null; \
	fi
endef

system-run:  ## Debian packages `make run` needs (Tesseract), where missing
	$(call debs,$(RUN_DEBS))

system-test:  ## Debian packages the tests need (Tesseract, Chromium), where missing
	$(call debs,$(TEST_DEBS))

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
