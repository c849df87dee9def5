# Two entry points for a fresh machine with Python 3 and make:
#   make demo   set up .venv and show the conflicts in the bundled claims
#   make test   set up .venv and run the whole test suite
#   make bench-scale  time validate/conflicts at 1k-100k claims beside the naive baseline (FULL=1: also 1M)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test validate bench bench-scale clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/claimcheck conflicts --claims claims

validate: $(STAMP)
	$(BIN)/claimcheck validate --claims claims

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/startup.py

bench-scale: $(STAMP)
	$(BIN)/python benchmarks/run.py $(if $(FULL),--full)

clean:
	rm -rf $(VENV) build src/*.egg-info
