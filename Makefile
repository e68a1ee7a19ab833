# Routine tasks. `make site` and `make test` set up the machine on first use: the Debian
# packages they need (scripts/system-packages.sh) and the virtualenv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
# Reproducible output: the last commit's time unless the caller sets SOURCE_DATE_EPOCH.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: help venv venv-techdocs system-site system-test check export site pdf serve test test-fast lint format bench screenshots clean techdocs

help:
	@echo "make site         build the site into site/ (open site/index.html, or: make serve)"
	@echo "make pdf          write the printed reference: build/atlas-pt-BR.pdf and build/atlas-en.pdf"
	@echo "make serve        live preview at http://127.0.0.1:8000/ (rebuilds on data/templates/site_src changes)"
	@echo "make test         run every test"
	@echo "make check        validate data/atlas.yaml"
	@echo "make export       write build/atlas.json and the CSVs"
	@echo "make lint         ruff + mypy"
	@echo "make bench        time the builds"
	@echo "make screenshots  write build/screenshots/*.png"
	@echo "make techdocs     build Backstage TechDocs into build/techdocs/<lang>/"

SYSTEM := scripts/system-packages.sh
# No "a new pip is out" notice in the middle of the install.
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# One pip run installs the atlas and its dev tools: each package is collected once (pip's
# "Collecting" lines below), and the venv's own pip does it (no upgrade step).
$(STAMP): pyproject.toml
	@echo "==> virtualenv $(VENV) with $(PYTHON) (first run only, or after pyproject.toml changed)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "==> installing the atlas and its dev tools from pyproject.toml (about 30 s)"
	$(PY) -m pip install --progress-bar on -e '.[dev]'
	touch $(STAMP)
	@echo "==> $(VENV) ready"

# The Debian packages the site (the PDF's fonts and layout) and the tests (chromium,
# poppler-utils) need: installed when missing and run as root, else the command to run.
system-site:
	@$(SYSTEM) site

system-test:
	@$(SYSTEM) test

venv: $(STAMP)

check: $(STAMP)
	$(PY) -m generator check data/atlas.yaml

export: $(STAMP)
	mkdir -p build
	$(PY) -m generator export --format json -o build/atlas.json
	$(PY) -m generator export --format csv --lang pt-BR -o build/atlas.pt-BR.csv
	$(PY) -m generator export --format csv --lang en -o build/atlas.en.csv

site: system-site $(STAMP)
	$(PY) -m generator build --site-dir site
	@echo "Built site/: open site/index.html in a browser, or run 'make serve'."

pdf: system-site $(STAMP)
	$(PY) -m generator pdf --lang pt-BR -o build/atlas-pt-BR.pdf
	$(PY) -m generator pdf --lang en -o build/atlas-en.pdf

serve: system-site $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: system-test $(STAMP)
	$(BIN)/pytest

test-fast: system-test $(STAMP)
	$(BIN)/pytest -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format generator tests
	$(BIN)/ruff check --fix generator tests

bench: system-site $(STAMP)
	$(PY) -m benchmarks.bench

screenshots: system-test $(STAMP)
	$(PY) -m tests.screenshots build/screenshots
	$(PY) -m tests.embed_screenshots site build/screenshots

# Backstage TechDocs: techdocs-core pins its own mkdocs-material, so it gets its own
# virtualenv: the `techdocs` dependency group of pyproject.toml, and this package (its plugin
# makes the pages), as a TechDocs builder would have them.
TECHDOCS_VENV := .venv-techdocs
TECHDOCS_STAMP := $(TECHDOCS_VENV)/.installed
TECHDOCS_OUT ?= build/techdocs

$(TECHDOCS_STAMP): pyproject.toml | $(STAMP)
	test -x $(TECHDOCS_VENV)/bin/python || $(PYTHON) -m venv $(TECHDOCS_VENV)
	$(PY) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["dependency-groups"]["techdocs"]))' > $(TECHDOCS_VENV)/requirements.txt
	$(TECHDOCS_VENV)/bin/pip install --quiet -r $(TECHDOCS_VENV)/requirements.txt
	$(TECHDOCS_VENV)/bin/pip install --quiet -e .
	touch $(TECHDOCS_STAMP)

venv-techdocs: $(TECHDOCS_STAMP)

techdocs: $(STAMP) $(TECHDOCS_STAMP)
	$(PY) -m generator techdocs --mkdocs $(TECHDOCS_VENV)/bin/mkdocs --out $(TECHDOCS_OUT) --work $(TECHDOCS_OUT)-src

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache
