# Two commands on a fresh machine: `make demo` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000

.PHONY: demo test lint install serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/drivkraft migrate --noinput
	$(BIN)/drivkraft demo --reset
	$(BIN)/drivkraft report --programme all --format html,docx,pdf --out var/reports
	@echo "Rapporten ligger i var/reports/. Webapplikationen: http://127.0.0.1:$(PORT)"
	$(BIN)/drivkraft serve --port $(PORT) --with-worker

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/drivkraft makemigrations --check --dry-run
	$(BIN)/lint-imports

test: $(STAMP) lint
	bash scripts/system-deps.sh
	$(BIN)/pytest -n 2 --durations=15

clean:
	rm -rf $(VENV) var/drivkraft.sqlite3*
