# Overblik: the two commands a new machine needs (Python 3.11+).
#   make serve   install everything, then build and serve the site on http://127.0.0.1:8000/
#   make test    install everything (Chromium too), then run all tests
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: install serve build check test chromium benchmark clean

$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

install: $(BIN)/.installed

serve: install
	$(BIN)/mkdocs serve --dirty

build: install
	$(BIN)/mkdocs build --strict

check: install
	$(BIN)/overblik check

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installerer Debians chromium til browsertestene"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; \
	fi

test: install chromium
	$(BIN)/ruff check src tests hooks benchmarks scripts
	$(BIN)/ruff format --check src tests hooks benchmarks scripts
	$(BIN)/python -m pytest

benchmark: install chromium
	$(BIN)/python benchmarks/scale.py

clean:
	rm -rf site site.ny site.gammel* .pytest_cache
