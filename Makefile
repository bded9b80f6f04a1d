# Two commands from a fresh clone: `make reproduce` and `make test` (see README.md).
# Needs only python3 (3.11+), make and access to the package registry.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= 2
INPLACE ?= 0

.DEFAULT_GOAL := help
.PHONY: help setup reproduce test book lab benchmark clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	@echo "Setting up $(VENV) from requirements.txt (pinned versions)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -e .
	@$(BIN)/python -c "import matplotlib.pyplot"  # builds the font cache now, not inside a notebook
	@touch $(STAMP)
	@echo "Environment ready."

setup: $(STAMP) ## Create or update .venv (silent when up to date)
	@:

reproduce: $(STAMP) ## Execute every notebook in a fresh kernel, write every figure (INPLACE=1 rewrites notebooks/)
	@$(BIN)/python -m analysis.reproduce --jobs $(JOBS) $(if $(filter 1,$(INPLACE)),--inplace,)

test: $(STAMP) ## Unit tests, data validation and nbval over every notebook
	@$(BIN)/python -m pytest -n $(JOBS) --dist loadscope --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks

book: $(STAMP) ## Build the reading edition (static HTML from the stored outputs, offline) into build/book/_build/html
	@$(BIN)/python -m analysis.book

lab: $(STAMP) ## Open JupyterLab on the notebooks
	@$(BIN)/jupyter lab --notebook-dir=notebooks

benchmark: $(STAMP) ## Time `make reproduce`'s runner against nbconvert one notebook at a time
	@$(BIN)/python tools/benchmark.py

clean: ## Remove build/ (executed copies); keeps .venv
	rm -rf build

# Classroom kit: printable material built from the data (handouts, role cards, draft resolution,
# quiz and answer key, slide-ready figures, reading list); PDFs printed by headless Chromium.
.PHONY: kit
kit: $(STAMP) ## Build the classroom kit (PDF handouts, role cards, quiz, slides) into build/kit
	@$(BIN)/python -m analysis.kit
