# Wijkkracht command index. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint bench demo install install-dev assets migrate messages schema clean totp

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --upgrade pip

$(VENV)/.installed: requirements/base.txt | $(BIN)/activate
	$(BIN)/pip install -qq -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt requirements/base.txt | $(BIN)/activate
	$(BIN)/pip install -qq -r requirements/dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed $(VENV)/.installed
	$(PY) scripts/build_assets.py

run: assets
	WIJKKRACHT_DEMO=true bash scripts/run.sh

demo: install
	WIJKKRACHT_INSECURE_DEMO_KEY=true $(PY) manage.py migrate --noinput
	WIJKKRACHT_INSECURE_DEMO_KEY=true $(PY) manage.py demo --residents $(or $(RESIDENTS),5000)

lint: install-dev
	$(BIN)/ruff check src bench scripts manage.py
	$(BIN)/ruff format --check src bench scripts manage.py

test: install-dev assets lint
	bash scripts/test.sh

bench: install-dev assets
	$(PY) bench/run.py $(BENCH_ARGS)

messages: install-dev  ## update the .po catalogues from the code and compile them; then scripts/translations.py
	cd src/wijkkracht && WIJKKRACHT_INSECURE_DEMO_KEY=true ../../$(PY) ../../manage.py makemessages -l nl -l en --no-obsolete --add-location file --ignore "static/*" --ignore "node_modules/*"
	cd src/wijkkracht && WIJKKRACHT_INSECURE_DEMO_KEY=true ../../$(PY) ../../manage.py compilemessages

schema: install-dev
	WIJKKRACHT_INSECURE_DEMO_KEY=true $(PY) manage.py spectacular --file docs/openapi.yaml --validate --lang en

clean:
	rm -rf $(VENV) node_modules staticfiles src/wijkkracht/static/vendor

totp: install  ## the current second-factor code of a demo user: make totp WHO=regisseur
	@WIJKKRACHT_DEMO=true WIJKKRACHT_INSECURE_DEMO_KEY=true $(PY) manage.py totp_code $(WHO)
