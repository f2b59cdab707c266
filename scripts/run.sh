#!/usr/bin/env bash
# Serves the demo municipality on http://127.0.0.1:8000 (called by `make run`).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

# Local demo over plain HTTP on loopback: no HTTPS redirect, no secure-only cookies.
# Production sets none of these (README.md, "Production").
if [ -z "${SECRET_KEY:-}" ]; then export WIJKKRACHT_INSECURE_DEMO_KEY=true; fi
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
export SECURE_COOKIES="${SECURE_COOKIES:-false}"
export SECURE_HSTS_SECONDS="${SECURE_HSTS_SECONDS:-0}"
export EMAIL_BACKEND="${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"
export WIJKKRACHT_DEMO=true
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

mkdir -p var
echo "Migrating the database..."
$PY manage.py migrate --noinput --verbosity 0
# Loads the demo municipality into an empty database; otherwise prints the logins.
$PY manage.py demo --if-empty --residents "${DEMO_RESIDENTS:-5000}"
# Reminders before decisions end: run now, and schedule the nightly run (idempotent).
$PY manage.py decision_reminders
$PY manage.py recompute_monitor --ensure-scheduled
echo
echo "Wijkkracht runs on http://${HOST}:${PORT}/  (stop with Ctrl+C)"
# The background worker (django-tasks database backend) runs beside the web server; both
# stop together (Ctrl+C, or a TERM to this script).
$PY manage.py db_worker --queue-name default &
WORKER=$!
.venv/bin/gunicorn wijkkracht.wsgi:application --pythonpath src \
  --bind "${HOST}:${PORT}" --workers "${WEB_CONCURRENCY:-2}" --threads 2 \
  --access-logfile - --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms' &
WEB=$!
trap 'kill $WEB $WORKER 2>/dev/null || true' EXIT INT TERM
# Either one ending ends both.
wait -n $WEB $WORKER
