# Two commands matter: `make run` (the bot) and `make test` (everything CI checks).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest compiled bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

# Reinstall only when the project's dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The note reader compiled for this source (bot/compiled.py): a full ingest of a big vault takes less CPU.
# A minute or two, once per version of the reader; `make run` does not wait for it (a few notes gain
# nothing), the Docker image ships it, `make test` checks it. Without a C compiler it stays Python.
compiled: $(STAMP)
	-$(BIN)/python -m bot.compile_reader

run: $(STAMP)
	$(BIN)/labnotes ingest
	$(BIN)/labnotes run

lint: $(STAMP)
	$(BIN)/ruff check bot adapters tests bench
	$(BIN)/ruff format --check bot adapters tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck compiled pytest

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/commands.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache bot/_compiled
