# The two commands a newcomer needs: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint format install migrate clean bench

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) -m bot

migrate: $(STAMP)
	$(PY) -m bot migrate

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy bot handlers storage scheduler
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# pytest exits 5 when it collected no test: that is a failure here, as any non-zero exit is.
# Four workers on two cores: the end-to-end scenarios spend most of their time waiting on
# Telegram's one-message-a-second pace in a chat, so they overlap well with the rest.
test: $(STAMP) lint
	$(PY) -m pytest -n 4 --dist worksteal

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Not part of `make test`: a few minutes of sending 3,000 messages at Telegram's pace, twice;
# then bursts of 2,000 updates (/start, sign-up taps, /sessions) against a bare aiogram bot.
# Both always run; the target fails if either missed a goal or a check.
bench: $(STAMP)
	@status=0; \
	$(PY) -m bench.broadcast --users 3000 || status=1; \
	$(PY) -m bench.updates --users 2000 --database sqlite || status=1; \
	exit $$status
