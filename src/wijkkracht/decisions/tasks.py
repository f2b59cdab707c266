"""The daily decision run on the background worker (django-tasks with its database
backend; ``manage.py db_worker`` runs beside the web server, started by ``make run``).

``daily_decision_run`` expires decisions past their end date and makes the reminders,
then schedules itself for the next night (``run_after``). ``ensure_scheduled`` makes sure
exactly one future run is waiting; ``manage.py decision_reminders`` runs it now and/or
schedules it. Both steps are idempotent, so a run twice on one day changes nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import TaskResultStatus, task

RUN_AT = dt.time(2, 0)  # local time, when nobody works


def next_run_after(now: dt.datetime | None = None) -> dt.datetime:
    local = timezone.localtime(now or timezone.now())
    day = local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, RUN_AT), local.tzinfo)


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
    backend = daily_decision_run.get_backend()
    if not getattr(backend, "supports_defer", False):
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=daily_decision_run.module_path, status=TaskResultStatus.READY
    ).exists()
    if waiting:
        return False
    daily_decision_run.using(run_after=next_run_after()).enqueue()
    return True
