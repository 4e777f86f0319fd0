# EPW — everyday commands. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat requirements/base.txt requirements/dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run serve worker audience test lint format migrate demo admin messages lock clean install

help:
	@echo "make run     set up, migrate, load demo content and serve on http://$(HOST):$(PORT)/"
	@echo "make test    set up and run the whole test suite"
	@echo "make lint    ruff checks and the import layers (import-linter)"
	@echo "make serve   production-like server (gunicorn, DJANGO_DEBUG off)"
	@echo "make worker  background task worker (e-mails, newsletter sending)"
	@echo "make audience  count buffered page views into the audience figures every minute"
	@echo "make messages  refresh the French and English message catalogues"

$(STAMP): requirements/base.txt requirements/dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	@rm -f $(VENV)/.installed-*
	@test -f .env || printf '# Local development settings (not tracked).\nDJANGO_DEBUG=1\n' > .env
	@touch $@

install: $(STAMP)

migrate: $(STAMP)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput

demo: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py seed_demo

admin: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py ensure_admin

run: demo admin
	export DJANGO_DEBUG=$${DJANGO_DEBUG:-1}; \
	  $(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	  $(PY) manage.py flush_audience --every 60 & flusher=$$!; \
	  trap 'kill $$worker $$flusher 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

worker: migrate
	$(PY) manage.py db_worker --queue-name '*'

audience: migrate
	$(PY) manage.py flush_audience --every 60


serve: export DJANGO_DEBUG = 0
serve: $(STAMP)
	$(PY) manage.py collectstatic --noinput
	$(PY) manage.py migrate --noinput
	$(BIN)/gunicorn epw.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

test: $(STAMP)
	DJANGO_SETTINGS_MODULE=epw.test_settings $(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=. $(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py makemessages --locale fr --locale en --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*'
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv/*'

lock:
	rm -rf /tmp/epw-lock && $(PYTHON) -m venv /tmp/epw-lock
	/tmp/epw-lock/bin/pip install --quiet -r requirements/base.in
	( echo "# Pinned runtime lock, installed by \`make\`. Regenerate with \`make lock\`."; \
	  /tmp/epw-lock/bin/pip freeze --exclude pip ) > requirements/base.txt
	/tmp/epw-lock/bin/pip install --quiet -r requirements/dev.in
	( echo "# Pinned development lock, installed by \`make\`. Regenerate with \`make lock\`."; \
	  echo "-r base.txt"; \
	  /tmp/epw-lock/bin/pip freeze --exclude pip | grep -vxFf requirements/base.txt ) > requirements/dev.txt

clean:
	rm -rf $(VENV) var .pytest_cache
