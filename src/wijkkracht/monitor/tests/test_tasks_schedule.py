"""The nightly recomputation waits on the database queue exactly once, for 03:00."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wijkkracht.monitor import tasks

pytestmark = pytest.mark.django_db


def test_scheduled_once_for_the_next_night():
    call_command("recompute_monitor", "--ensure-scheduled")
    call_command("recompute_monitor", "--ensure-scheduled")
    (waiting,) = DBTaskResult.objects.filter(task_path=tasks.nightly_recompute.module_path)
    local = timezone.localtime(waiting.run_after)
    assert local.time() == dt.time(3, 0)
    assert local.date() == timezone.localdate() + dt.timedelta(days=1)


def test_the_nightly_run_recomputes_and_schedules_the_next(cast):
    outcome = tasks.nightly_recompute.call()
    assert cast.mun_a.code in outcome
    assert DBTaskResult.objects.filter(task_path=tasks.nightly_recompute.module_path).count() == 1
