# Two commands from a fresh clone: `make reproduce` and `make test` (see README.md).
# Needs only python3 (3.11+), make and access to the package registry.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
# uv installs the locked set in seconds; `make setup INSTALLER=pip` (or a platform without a uv
# wheel) takes the slower pip path. Either way exactly the packages and hashes in $(LOCK), and
# compiled to bytecode as pip does: where PYTHONDONTWRITEBYTECODE is set (many container images),
# nothing else would, and every kernel would recompile pandas and matplotlib on each start.
INSTALLER ?= uv
JOBS ?= 2
# JupyterLab refuses to run as root (the default user in most containers) without --allow-root.
USER_ID ?= $(shell id -u)
INPLACE ?= 0
# The browser test reuses what it saw on a book page until one of that page's files changes.
FRESH ?= 0

.DEFAULT_GOAL := help
.PHONY: help setup lock lint reproduce test book lab benchmark benchmark-setup benchmark-test clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): $(LOCK) pyproject.toml
	@echo "Setting up $(VENV) from $(LOCK) (every package pinned, hashes checked)..."
	@rm -f $(STAMP)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@awk '/^uv==/ {keep = 1; print; next} keep && /^ / {print; next} {keep = 0}' $(LOCK) > $(VENV)/uv.lock.txt
	@if [ "$(INSTALLER)" = uv ] && $(BIN)/python -m pip install --quiet --disable-pip-version-check \
			--require-hashes --no-deps -r $(VENV)/uv.lock.txt >$(VENV)/uv-bootstrap.log 2>&1; then \
		$(BIN)/uv pip sync --quiet --require-hashes --compile-bytecode --python $(BIN)/python $(LOCK) && \
		$(BIN)/uv pip install --quiet --no-deps --no-build-isolation --python $(BIN)/python -e . ; \
	else \
		if [ "$(INSTALLER)" = uv ]; then echo "uv unavailable (see $(VENV)/uv-bootstrap.log); installing with pip instead."; fi; \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK) && \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . ; \
	fi
	@$(BIN)/python -c "import matplotlib.pyplot"  # builds the font cache now, not inside a notebook
	@touch $(STAMP)
	@echo "Environment ready."

setup: $(STAMP) ## Create or update .venv (silent when up to date)
	@:

lock: ## Regenerate requirements.lock from requirements.txt (run after changing a pin), then `make setup`
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check "$$(grep -m1 '^uv==' requirements.txt)"
	@$(BIN)/uv pip compile requirements.txt --quiet --generate-hashes --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock" --output-file $(LOCK)
	@echo "Wrote $(LOCK): $$(grep -c '^[a-z0-9]' $(LOCK)) packages. Commit it with requirements.txt."

reproduce: $(STAMP) ## Execute every notebook in a fresh kernel, write every figure (INPLACE=1 rewrites notebooks/)
	@$(BIN)/python -m analysis.reproduce --jobs $(JOBS) $(if $(filter 1,$(INPLACE)),--inplace,)

lint: $(STAMP) ## ruff: lint and format check of analysis/, tests/, tools/ and the notebooks' code cells
	@$(BIN)/ruff check analysis tests tools notebooks
	@$(BIN)/ruff format --check analysis tests tools notebooks

test: $(STAMP) lint ## Lint, then unit tests, data validation and nbval over every notebook (FRESH=1: reopen every book page)
	@FRESH=$(FRESH) $(BIN)/python tools/stoppable.py --make-target test -- $(BIN)/python -m pytest -n $(JOBS) \
		--dist loadscope --no-loadscope-reorder \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks

book: $(STAMP) ## Build the reading edition (static HTML from the stored outputs, offline) into build/book/_build/html
	@$(BIN)/python -m analysis.book

lab: $(STAMP) ## Open JupyterLab on the notebooks and print the URL to open (LAB_ARGS="--no-browser --port=N")
	@$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.log_level=WARN $(if $(filter 0,$(USER_ID)),--allow-root,) $(LAB_ARGS)

benchmark: $(STAMP) ## Time `make reproduce`'s runner against nbconvert one notebook at a time
	@$(BIN)/python tools/benchmark.py

benchmark-setup: ## Time a first `make setup` from an empty venv: unlocked pip (the old way), locked pip, locked uv
	@$(PYTHON) tools/benchmark.py --setup $(if $(filter 1,$(COLD)),--cold,)

benchmark-test: $(STAMP) ## Time `make test` with every book page opened (FRESH=1), then with unchanged pages reused
	@$(BIN)/python tools/benchmark.py --test

clean: ## Remove build/ (executed copies); keeps .venv
	rm -rf build

# Classroom kit: printable material built from the data (handouts, role cards, draft resolution,
# quiz and answer key, slide-ready figures, reading list); PDFs printed by headless Chromium.
.PHONY: kit
kit: $(STAMP) ## Build the classroom kit (PDF handouts, role cards, quiz, slides) into build/kit
	@$(BIN)/python -m analysis.kit
