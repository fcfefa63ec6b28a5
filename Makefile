# Everything runs inside .venv, created on first use from pyproject.toml.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DOCUMENTS_EVAL := $(BIN)/rolebot eval tests/eval/documents/questions.jsonl \
	--with-sources tests/eval/documents/sources --with-roles tests/eval/documents/roles.yml

.PHONY: chat test test-newest soak test-postgres lint check eval eval-documents build bench clean lock

# Installs are reproducible: every transitive version, with its hash, comes from
# requirements-dev.lock (requirements.lock for the image); `make lock` regenerates both.
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --quiet

$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

lock:
	$(BIN)/uv pip compile pyproject.toml --extra server --extra slack --extra teams \
		$(LOCK_FLAGS) -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra all --extra dev $(LOCK_FLAGS) \
		-o requirements-dev.lock

chat: $(STAMP)
	$(BIN)/rolebot chat

# In CI (CI=true) the PostgreSQL variants of the storage tests are required: the tests
# install PostgreSQL from Debian's packages and start a throwaway cluster on 127.0.0.1
# (scripts/postgres.sh). Elsewhere they run when PostgreSQL is installed, else skip.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/rolebot check
	$(BIN)/rolebot eval --min-score 0.95 > $(VENV)/eval-report.txt || { cat $(VENV)/eval-report.txt; exit 1; }
	head -n 5 $(VENV)/eval-report.txt
	$(DOCUMENTS_EVAL) --min-right-document 0.90 --min-abstained 0.95 --min-verbatim 1.0 \
		--max-median-chars 600 > $(VENV)/eval-documents.txt || { cat $(VENV)/eval-documents.txt; exit 1; }
	grep -A 3 '^answerable answered' $(VENV)/eval-documents.txt
	$(BIN)/pytest -q

# The same suite on the newest Python 3.12/3.13 scripts/newest-python.sh can obtain (Debian's
# packages first), in .venv-newest; says so and succeeds when there is none.
test-newest:
	@py="$$(scripts/newest-python.sh)" || exit 0; \
	echo "test-newest: $$("$$py" --version) ($$py)"; \
	$(MAKE) test VENV=.venv-newest PYTHON="$$py"

# Hostile traffic on 127.0.0.1 (floods, slow clients, duplicate storms, storage faults,
# memory over 5,000 + 5,000 activities); part of `make test` too. Figures:
# .venv/hostile-report.json.
soak: $(STAMP)
	$(BIN)/pytest -q tests/robustness/test_hostile_traffic.py
	cat $(VENV)/hostile-report.json

test-postgres: $(STAMP)
	scripts/postgres.sh install
	ROLEBOT_TEST_POSTGRES=require $(BIN)/pytest -q tests/storage tests/server

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(STAMP)
	$(BIN)/rolebot check

eval: $(STAMP)
	$(BIN)/rolebot eval

# Our own document corpus, added to a temporary copy of knowledge/ (tests/eval/documents).
eval-documents: $(STAMP)
	$(DOCUMENTS_EVAL)
	$(BIN)/rolebot eval tests/eval/documents/questions-more.jsonl \
		--with-sources tests/eval/documents/sources --with-roles tests/eval/documents/roles.yml

build: $(STAMP)
	$(BIN)/rolebot build

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python -m benchmarks
