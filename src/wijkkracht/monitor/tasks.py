"""The background tasks that recompute the monitor (django-tasks, database backend;
``manage.py db_worker`` runs beside the web server, started by ``make run``).

``recompute_monitor`` recomputes on demand (``manage.py recompute_monitor --enqueue``, or
after figures change in bulk). ``nightly_recompute`` recomputes every municipality at
03:00 local time and schedules itself for the next night (``run_after``);
``ensure_scheduled`` makes sure exactly one future run waits (``manage.py
recompute_monitor --ensure-scheduled``, called by ``make run``). A recomputation
replaces a municipality's figures in one transaction, so running it twice is harmless."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from wijkkracht.core.scheduling import enqueue_once, tomorrow_at
from wijkkracht.monitor.recompute import recompute

RUN_AT = dt.time(3, 0)  # local time: after the decision run at 02:00, before work starts


def next_run_after(now: dt.datetime | None = None) -> dt.datetime:
    return tomorrow_at(RUN_AT, now)


@task()
def recompute_monitor(municipality_codes: list[str] | None = None) -> dict:
    """Recompute every indicator and profile figure of the given municipalities (CBS
    codes; all when empty). Returns per municipality the number of figures and seconds."""
    return recompute(municipality_codes or None)


@task()
def nightly_recompute() -> dict:
    try:
        return recompute(None)
    finally:
        ensure_scheduled()


def ensure_scheduled() -> bool:
    """Enqueue the next nightly recomputation unless one is already waiting. Returns
    whether it enqueued. Only for a backend that can defer (the database backend)."""
    return enqueue_once(nightly_recompute, next_run_after())
