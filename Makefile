# Two commands do all set-up on a fresh clone: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test check serve schema clean test-tools bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: set up, then build the example content into output/
site: $(STAMP)
	$(BIN)/knz build --content content --output output
	@echo "Open output/index.html, or run: make serve"

## check: report every problem in content/
check: $(STAMP)
	$(BIN)/knz check --content content

## serve: build, serve on http://127.0.0.1:8000/ and rebuild on every change
serve: $(STAMP)
	$(BIN)/knz serve --content content --output output

## schema: write JSON Schema files for editors into schema/
schema: $(STAMP)
	$(BIN)/knz schema --out schema

## test-tools: install what the browser and feed tests need (Chromium, Java, npm packages)
test-tools:
	bash tests/tools/install.sh

## test: the whole test suite
test: $(STAMP)
	bash tests/tools/install.sh
	$(BIN)/python -m pytest -q

## bench: build-time benchmark on generated content
bench: $(STAMP)
	$(BIN)/python tests/benchmarks/build_bench.py

clean:
	rm -rf $(VENV) output/* .cache
