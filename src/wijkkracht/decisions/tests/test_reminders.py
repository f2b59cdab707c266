"""Reminders before a decision ends: a task for the coordinator and the decision officer,
a notice for the resident; a second run, or a run after a restart, adds nothing; a new
end date is a new reminder. Scheduled on the background worker."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from wijkkracht.decisions import changing, tasks
from wijkkracht.decisions.models import (
    DecisionTask,
    LawSettings,
    Reminder,
    ResidentNotice,
)
from wijkkracht.decisions.reminders import create_reminders
from wijkkracht.decisions.service import notices_for_resident
from wijkkracht.decisions.tests.conftest import TODAY, grant_terms

pytestmark = pytest.mark.django_db


def _eight_weeks_before(decision):
    return decision.end_date - dt.timedelta(weeks=8)


def test_no_reminder_before_the_period(granted):
    run = create_reminders(today=_eight_weeks_before(granted) - dt.timedelta(days=1))
    assert run.created == 0


def test_eight_weeks_before_the_end_everyone_gets_theirs(cast, granted):
    run = create_reminders(today=_eight_weeks_before(granted))
    assert (run.reminders, run.coordinator_tasks, run.officer_tasks, run.notices) == (1, 1, 1, 1)
    assert set(DecisionTask.objects.values_list("user__username", "role")) == {
        ("coordinator", "coordinator"),
        ("decision_officer", "decision_officer"),
    }
    notice = ResidentNotice.objects.get()
    assert notice.resident == cast.mother and notice.end_date == granted.end_date


def test_a_second_run_creates_nothing(granted):
    day = _eight_weeks_before(granted)
    assert create_reminders(today=day).created == 4
    assert create_reminders(today=day).created == 0
    assert create_reminders(today=day + dt.timedelta(days=3)).created == 0
    assert (Reminder.objects.count(), DecisionTask.objects.count()) == (1, 2)
    assert ResidentNotice.objects.count() == 1


def test_a_restart_after_a_partial_run_only_fills_the_gaps(granted):
    """As if the worker died after the reminders were written but before the tasks."""
    day = _eight_weeks_before(granted)
    create_reminders(today=day)
    DecisionTask.objects.filter(role="decision_officer").delete()
    ResidentNotice.objects.all().delete()
    run = create_reminders(today=day)
    assert (run.reminders, run.coordinator_tasks, run.officer_tasks, run.notices) == (0, 0, 1, 1)
    assert DecisionTask.objects.count() == 2


def test_the_unique_constraint_holds_even_without_the_filter(granted):
    from django.db import IntegrityError, transaction

    create_reminders(today=_eight_weeks_before(granted))
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(decision=granted, end_date=granted.end_date)


def test_a_changed_end_date_gets_its_own_reminder(cast, granted, provider):
    create_reminders(today=_eight_weeks_before(granted))
    terms = grant_terms(provider, end_date=granted.end_date + dt.timedelta(weeks=26))
    terms.pop("start_date")
    changing.change(decision=granted, reason="Verlengd", actor=cast.decision_officer, **terms)
    assert DecisionTask.objects.open().count() == 0  # the old tasks are done
    run = create_reminders(today=_eight_weeks_before(granted))
    assert run.reminders == 1 and run.coordinator_tasks == 1
    assert Reminder.objects.count() == 2


def test_ended_or_refused_decisions_get_no_reminder(cast, granted, requested):
    changing.end(
        decision=granted,
        ended_on=TODAY + dt.timedelta(days=5),
        end_reason="05",
        reason="Klaar",
        actor=cast.decision_officer,
    )
    assert create_reminders(today=TODAY).created == 0


def test_the_period_is_set_per_municipality_and_law(cast, granted):
    LawSettings.objects.create(
        municipality=cast.mun_a, law="wmo_2015", decide_within_days=14, reminder_weeks=12
    )
    assert create_reminders(today=granted.end_date - dt.timedelta(weeks=12)).reminders == 1


def test_the_daily_task_runs_and_schedules_itself_once(granted):
    assert tasks.ensure_scheduled() is True
    assert tasks.ensure_scheduled() is False
    waiting = DBTaskResult.objects.get()
    assert waiting.task_path == "wijkkracht.decisions.tasks.daily_decision_run"
    assert waiting.run_after > tasks.next_run_after() - dt.timedelta(days=1)
    DBTaskResult.objects.all().delete()
    result = tasks.daily_decision_run.call()
    assert set(result) == {
        "expired",
        "reminders",
        "coordinator_tasks",
        "officer_tasks",
        "notices",
    }
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_the_command_runs_now_and_schedules(granted, capsys):
    call_command("decision_reminders")
    call_command("decision_reminders", "--ensure-scheduled")
    out = capsys.readouterr().out
    assert "reminders:" in out and "already scheduled" in out
    assert DBTaskResult.objects.count() == 1


def test_my_tasks_page_and_done(cast, granted, login_as):
    create_reminders(today=_eight_weeks_before(granted))
    client = login_as(cast.coordinator)
    response = client.get(reverse("decisions:tasks"))
    assert response.status_code == 200
    assert "Fatima Bakker" in response.content.decode()
    task = DecisionTask.objects.get(user=cast.coordinator)
    assert client.post(reverse("decisions:task_done", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None
    officer_task = DecisionTask.objects.get(user=cast.decision_officer)
    assert client.post(reverse("decisions:task_done", args=[officer_task.pk])).status_code == 404


def test_the_resident_notice_renders_for_the_portal(cast, granted):
    from django.template.loader import render_to_string

    create_reminders(today=_eight_weeks_before(granted))
    notices = notices_for_resident(cast.mother)
    html = render_to_string("decisions/_resident_notices.html", {"decision_notices": notices})
    assert "Begeleiding individueel" in html
    assert granted.end_date.strftime("%d-%m-%Y") in html
    assert notices_for_resident(cast.son) == []
