#!/usr/bin/env bash
# The whole suite (called by `make test`). DATABASE_URL=postgres://... runs it on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export WIJKKRACHT_INSECURE_DEMO_KEY=true

# The accessibility tests drive Debian's Chromium; install it where we may.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the accessibility tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    echo "Chromium is not installed: accessibility tests will be skipped (they fail in CI)." >&2
  fi
fi

# The catalogue test runs makemessages, which needs GNU gettext (xgettext, msgmerge).
if ! command -v xgettext >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing gettext for the translation tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext) >/dev/null
  else
    echo "gettext is not installed: the translation tests fail; apt-get install gettext." >&2
  fi
fi

echo "== migrations are complete"
$PY manage.py makemigrations --check --dry-run >/dev/null || {
  echo "Model changes without a migration: run manage.py makemigrations" >&2; exit 1; }

if [ -n "${DATABASE_URL:-}" ]; then
  echo "== test suite on PostgreSQL (${DATABASE_URL##*@})"
else
  echo "== test suite on SQLite"
fi
exec .venv/bin/pytest -q "$@"
