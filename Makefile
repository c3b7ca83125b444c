# The README's two commands: `make demo` (the main job on the bundled examples) and `make test`.
# Both set up everything first: system packages (apt-get, as root) and the project virtualenv.
VENV   := .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test check fmt sysdeps venv schema clean

sysdeps:
	@bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

demo: sysdeps venv
	@mkdir -p reports
	$(BIN)/dcmm questionnaire validate
	$(BIN)/dcmm score examples/answers
	$(BIN)/dcmm doctor
	$(BIN)/dcmm readiness examples/answers/03-00003-gbt36073-2018.json
	$(BIN)/dcmm readiness examples/answers/03-00003-gbt36073-2018.json --lang en --format json
	$(BIN)/dcmm readiness examples/answers/04-00004-gbt36073-2018.json --lang en || test $$? -eq 4  # 4: not answered
	$(BIN)/dcmm score examples/answers --pdf --out reports/ --jobs 2
	$(BIN)/dcmm report examples/evidence-answers.json --evidence-root examples/evidence --out reports/ --force
	$(BIN)/dcmm migrate examples/answers/01-00001-gbt36073-2018.json --to gbt36073-2025 \
		-o reports/01-00001-gbt36073-2025.json --force --score
	$(BIN)/dcmm tracker demo-data reports/tracker-synthetic-list.csv --rows 3000 --force
	rm -f reports/tracker-demo.db reports/tracker-demo.db-wal reports/tracker-demo.db-shm
	$(BIN)/dcmm tracker import reports/tracker-synthetic-list.csv --db reports/tracker-demo.db || test $$? -eq 1  # 1: bad rows reported
	$(BIN)/dcmm tracker ingest examples/answers --db reports/tracker-demo.db
	$(BIN)/dcmm tracker progress --db reports/tracker-demo.db --no-breakdowns
	$(BIN)/dcmm tracker progress --db reports/tracker-demo.db --format pdf -o reports/tracker-progress.pdf --force
	$(BIN)/dcmm tracker progress --db reports/tracker-demo.db --format xlsx -o reports/tracker-progress.xlsx --force
	$(BIN)/dcmm tracker progress --db reports/tracker-demo.db --format docx -o reports/tracker-progress.docx --force

# Every check: format, lint, strict types, the import contracts (pyproject's [tool.importlinter]), then
# the whole suite on both cores.
test: sysdeps check

check: venv
	$(BIN)/ruff format --check dcmm tests benchmarks
	$(BIN)/ruff check dcmm tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto

fmt: venv
	$(BIN)/ruff format dcmm tests benchmarks
	$(BIN)/ruff check --fix dcmm tests benchmarks

schema: venv
	$(BIN)/python -m dcmm.files.schemas dcmm/files/schemas

clean:
	rm -rf $(VENV) build dist *.egg-info reports/*.pdf reports/*.html
