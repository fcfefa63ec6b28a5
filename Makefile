# Everything runs inside .venv, created on first use from pyproject.toml.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat test lint check eval build clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all,dev]'
	touch $(STAMP)

chat: $(STAMP)
	$(BIN)/rolebot chat

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/rolebot check
	$(BIN)/pytest -q
	$(BIN)/rolebot eval --min-score 0.95

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(STAMP)
	$(BIN)/rolebot check

eval: $(STAMP)
	$(BIN)/rolebot eval

build: $(STAMP)
	$(BIN)/rolebot build

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache
