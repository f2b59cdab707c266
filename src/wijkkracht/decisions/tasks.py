"""The daily decision run on the background worker (django-tasks with its database
backend; ``manage.py db_worker`` runs beside the web server, started by ``make run``).

``daily_decision_run`` expires decisions past their end date and makes the reminders,
then schedules itself for the next night (``run_after``). ``ensure_scheduled`` makes sure
exactly one future run is waiting; ``manage.py decision_reminders`` runs it now and/or
schedules it. Both steps are idempotent, so a run twice on one day changes nothing."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from wijkkracht.core.scheduling import enqueue_once, tomorrow_at

RUN_AT = dt.time(2, 0)  # local time, when nobody works


def next_run_after(now: dt.datetime | None = None) -> dt.datetime:
    return tomorrow_at(RUN_AT, now)


def run_now(today: dt.date | None = None) -> dict[str, int]:
    from wijkkracht.decisions.changing import expire_decisions
    from wijkkracht.decisions.reminders import create_reminders

    expired = expire_decisions(today=today)
    run = create_reminders(today=today)
    return {
        "expired": expired,
        "reminders": run.reminders,
        "coordinator_tasks": run.coordinator_tasks,
        "officer_tasks": run.officer_tasks,
        "notices": run.notices,
    }


@task()
def daily_decision_run() -> dict[str, int]:
    try:
        return run_now()
    finally:
        ensure_scheduled()


def ensure_scheduled() -> bool:
    """Enqueue the next nightly run unless one is already waiting. Returns whether it
    enqueued. Only for a backend that can defer (the database backend)."""
    return enqueue_once(daily_decision_run, next_run_after())
