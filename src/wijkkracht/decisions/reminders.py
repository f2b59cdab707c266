"""Reminders before a decision ends: a task for the coordinator and for the decision
officer, a notice for the resident.

Set-based and idempotent: four INSERT ... SELECT ... ON CONFLICT DO NOTHING statements
(reminders, two kinds of task, notices), each selecting only what does not exist yet and
guarded by a unique constraint (decision and end date; reminder and role; reminder). A
second run, or a run after a crash or restart, creates nothing twice; a changed end date
is a new reminder. Runs daily on the background worker (``decisions.tasks``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import CharField, DateTimeField, Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.decisions.deadlines import ending_within_reminder_period
from wijkkracht.decisions.models import (
    IN_FORCE,
    Decision,
    DecisionTask,
    Reminder,
    ResidentNotice,
    TaskRole,
)


@dataclass
class ReminderRun:
    reminders: int = 0
    coordinator_tasks: int = 0
    officer_tasks: int = 0
    notices: int = 0

    @property
    def created(self) -> int:
        return self.reminders + self.coordinator_tasks + self.officer_tasks + self.notices


def _insert_select(model, columns: list[str], queryset) -> int:
    """INSERT INTO model (columns) <queryset's SELECT> ON CONFLICT DO NOTHING; the
    queryset selects exactly ``columns`` (as annotations, in that order)."""
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    statement = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"{sql} ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return max(cursor.rowcount, 0)


def _now(now) -> Value:
    return Value(now, output_field=DateTimeField())


def _tasks(role: str, user, now) -> object:
    return (
        Reminder.objects.filter(
            decision__status__in=IN_FORCE,
            decision__end_date=F("end_date"),
        )
        .exclude(Exists(DecisionTask.objects.filter(reminder=OuterRef("pk"), role=role)))
        .annotate(
            c_user=user,
            c_decision=F("decision_id"),
            c_reminder=F("pk"),
            c_role=Value(role, output_field=CharField()),
            c_due=F("end_date"),
            c_created=_now(now),
        )
        .filter(c_user__isnull=False)
        .values_list("c_user", "c_decision", "c_reminder", "c_role", "c_due", "c_created")
    )


def create_reminders(*, today: dt.date | None = None) -> ReminderRun:
    today = today or timezone.localdate()
    now = timezone.now()
    run = ReminderRun()
    with transaction.atomic():
        due = (
            Decision.objects.filter(status__in=IN_FORCE)
            .filter(ending_within_reminder_period(today))
            .exclude(
                Exists(
                    Reminder.objects.filter(decision=OuterRef("pk"), end_date=OuterRef("end_date"))
                )
            )
            .annotate(c_decision=F("pk"), c_end=F("end_date"), c_created=_now(now))
            .values_list("c_decision", "c_end", "c_created")
        )
        run.reminders = _insert_select(Reminder, ["decision_id", "end_date", "created_at"], due)
        task_columns = ["user_id", "decision_id", "reminder_id", "role", "due_on", "created_at"]
        run.coordinator_tasks = _insert_select(
            DecisionTask,
            task_columns,
            _tasks(
                TaskRole.COORDINATOR,
                Coalesce(F("decision__case__coordinator_id"), F("decision__requested_by_id")),
                now,
            ),
        )
        run.officer_tasks = _insert_select(
            DecisionTask,
            task_columns,
            _tasks(TaskRole.DECISION_OFFICER, F("decision__decided_by_id"), now),
        )
        notices = (
            Reminder.objects.filter(decision__status__in=IN_FORCE, decision__end_date=F("end_date"))
            .exclude(Exists(ResidentNotice.objects.filter(reminder=OuterRef("pk"))))
            .annotate(
                c_resident=F("decision__resident_id"),
                c_decision=F("decision_id"),
                c_reminder=F("pk"),
                c_end=F("end_date"),
                c_created=_now(now),
            )
            .values_list("c_resident", "c_decision", "c_reminder", "c_end", "c_created")
        )
        run.notices = _insert_select(
            ResidentNotice,
            ["resident_id", "decision_id", "reminder_id", "end_date", "created_at"],
            notices,
        )
        if run.created:
            record(
                user=None,
                action=Action.CREATE,
                purpose=Purpose.CARE,
                object_type="decision_reminders",
                detail={
                    "on": str(today),
                    "reminders": run.reminders,
                    "coordinator_tasks": run.coordinator_tasks,
                    "officer_tasks": run.officer_tasks,
                    "notices": run.notices,
                },
            )
    return run
