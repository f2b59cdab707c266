"""The background task that recomputes the monitor (django-tasks, database backend).
Enqueued nightly (``manage.py recompute_monitor --enqueue`` from the scheduler) and
whenever figures change in bulk; ``manage.py recompute_monitor`` runs it in the
foreground."""

from __future__ import annotations

from django_tasks import task

from wijkkracht.monitor.recompute import recompute


@task()
def recompute_monitor(municipality_codes: list[str] | None = None) -> dict:
    """Recompute every indicator and profile figure of the given municipalities (CBS
    codes; all when empty). Returns per municipality the number of figures and seconds."""
    return recompute(municipality_codes or None)
