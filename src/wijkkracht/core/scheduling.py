"""Nightly background tasks (django-tasks, database backend) that schedule themselves:
the next run at a fixed local time, and exactly one run waiting at a time."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import TaskResultStatus


def tomorrow_at(at: dt.time, now: dt.datetime | None = None) -> dt.datetime:
    """``at`` (local time) on the day after ``now``."""
    local = timezone.localtime(now or timezone.now())
    day = local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, at), local.tzinfo)


def enqueue_once(task, run_after: dt.datetime) -> bool:
    """Enqueue ``task`` to run after ``run_after`` unless a run of it is already waiting.
    Returns whether it enqueued. Only for a backend that can defer (the database
    backend); with another, nothing is scheduled."""
    if not getattr(task.get_backend(), "supports_defer", False):
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()
    if waiting:
        return False
    task.using(run_after=run_after).enqueue()
    return True
