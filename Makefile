# Two commands set up a fresh machine (see README.md):
#   make book   build the book (every code cell runs) and serve it on http://127.0.0.1:8000
#   make test   run the whole test suite
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
# nbgrader runs `alembic` in a subprocess: the environment's bin/ must be on PATH.
export PATH := $(abspath $(BIN)):$(PATH)
PORT    ?= 8000

.PHONY: install book book-build serve test test-quick test-browser lint bench bench-grading clean \
        release collect autograde feedback grades

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,book,grading]"
	touch $@

install: $(VENV)/.installed

book-build: install
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book is in $(abspath _build/html)/index.html"

book: book-build serve

serve:
	@echo "Serving the book on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

test: install
	$(BIN)/python -m pytest

test-quick: install
	$(BIN)/python -m pytest -m "not slow"

# Builds the book and opens every page in headless Chromium (Debian's /usr/bin/chromium);
# screenshots go to _build/screenshots/.
test-browser: install
	$(BIN)/python -m pytest -m browser

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python benchmarks/train_step.py

bench-grading: install  ## a class of 60: classgrader against plain nbgrader autograde
	$(BIN)/python benchmarks/grade_class.py

# --- Grading (nbgrader; the repository root is the course directory) ---------------
ASSIGNMENTS := $(notdir $(wildcard solutions/*))

release: install  ## exercises/ from solutions/, for every assignment
	@for a in $(ASSIGNMENTS); do $(BIN)/nbgrader generate_assignment $$a --force || exit 1; done

collect: install  ## downloaded/$(ASSIGNMENT)/archive/ -> submitted/<student>/$(ASSIGNMENT)/
	@test -n "$(ASSIGNMENT)" || { echo "usage: make collect ASSIGNMENT=01-neurons"; exit 2; }
	$(BIN)/nbgrader zip_collect $(ASSIGNMENT)

autograde: install  ## grade every submission of $(ASSIGNMENT): sandboxed, in parallel
	@test -n "$(ASSIGNMENT)" || { echo "usage: make autograde ASSIGNMENT=01-neurons"; exit 2; }
	$(BIN)/python -m classgrader $(ASSIGNMENT) $(if $(WORKERS),--workers $(WORKERS))

feedback: install  ## feedback/<student>/$(ASSIGNMENT)/*.html, hidden tests not shown
	@test -n "$(ASSIGNMENT)" || { echo "usage: make feedback ASSIGNMENT=01-neurons"; exit 2; }
	$(BIN)/nbgrader generate_feedback $(ASSIGNMENT)

grades: install  ## every grade in the gradebook, to grades.csv
	$(BIN)/nbgrader export --to grades.csv

clean:
	rm -rf _build .pytest_cache .hypothesis
