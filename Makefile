# Two entry points for a fresh machine with Python 3 and make:
#   make demo   set up .venv and show the conflicts in the bundled claims
#   make test   set up .venv from the committed lock (requirements/test.lock) and run the whole test suite
#   make test-latest  run the suite against the newest versions pyproject.toml allows (drift check, not CI)
#   make lock   regenerate requirements/test.lock after changing dependencies in pyproject.toml
#   make eval   precision and recall of `check` on real articles nobody tuned on (benchmarks/eval/)
#   make bench-scale  time validate/conflicts at 1k-100k claims beside the naive baseline (FULL=1: also 1M)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/test.lock
LATEST := .venv-latest

.PHONY: demo test test-latest lock eval validate bench bench-scale clean

# Every runtime and test dependency at the exact version and hash in the lock, then claimcheck
# itself without dependencies: a fresh clone tests what CI tests, whatever PyPI released since.
$(STAMP): pyproject.toml $(LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/claimcheck conflicts --claims claims

validate: $(STAMP)
	$(BIN)/claimcheck validate --claims claims

test: $(STAMP)
	$(BIN)/python -m pytest

# The newest versions pyproject.toml allows, in a venv of their own: finds upstream drift on purpose.
test-latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade -e '.[test,dask]'
	$(LATEST)/bin/python -m pip list --format=freeze | grep -v '^claimcheck' > $(LATEST)/versions.txt
	@echo "newest allowed versions: $(LATEST)/versions.txt (diff it against $(LOCK))"
	$(LATEST)/bin/python -m pytest

# Regenerate the lock (needs uv: `pip install uv`). Universal: one file for every Python >= 3.10.
lock:
	uv pip compile pyproject.toml --extra test --extra dask --generate-hashes --universal --python-version 3.10 -o $(LOCK)

# The test splits (never tuned on), with the curators' codebooks and with every cue removed, per
# topic; then the bundled five articles' leave-one-out, kept as a regression check.
eval: $(STAMP)
	$(BIN)/python benchmarks/eval_stories.py --split test --topics
	$(BIN)/python benchmarks/eval_check.py

bench: $(STAMP)
	$(BIN)/python benchmarks/startup.py

bench-scale: $(STAMP)
	$(BIN)/python benchmarks/run.py $(if $(FULL),--full)

clean:
	rm -rf $(VENV) $(LATEST) build src/*.egg-info
