"""The evaluation at closing: per goal achieved / partly / not, and the resident's
satisfaction (1-10 and an open answer), entered by the resident or by the professional from
a paper form."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.cases.models import Case, CaseStatus, TimelineEntry
from wijkkracht.plans.models import Evaluation, Goal, GoalOutcome, GoalResult


class EvaluationNotOpen(Exception):
    """Only a case in evaluation (or closed) is evaluated."""


def record_evaluation(
    *,
    case: Case,
    results: dict[Goal, str],
    satisfaction: int | None,
    comment: str,
    entered_by: str,
    actor,
) -> Evaluation:
    """Record (or correct) the case's evaluation. Every goal of the plan must have a
    result; results for goals of another plan are refused."""
    if case.status not in (CaseStatus.EVALUATION, CaseStatus.CLOSED):
        raise EvaluationNotOpen
    if satisfaction is not None and not 1 <= satisfaction <= 10:
        raise ValueError("satisfaction is 1 to 10")
    plan_goal_ids = set(Goal.objects.filter(plan__case=case).values_list("pk", flat=True))
    given = {goal.pk for goal in results}
    if given != plan_goal_ids:
        raise ValueError("give a result for every goal of this case's plan, and only those")
    if any(result not in GoalOutcome.values for result in results.values()):
        raise ValueError("unknown result")
    with transaction.atomic():
        evaluation, created = Evaluation.objects.update_or_create(
            case=case,
            defaults={
                "satisfaction": satisfaction,
                "satisfaction_comment": comment,
                "entered_by": entered_by,
                "evaluated_at": timezone.now(),
                "evaluated_by": actor,
            },
        )
        evaluation.results.all().delete()
        GoalResult.objects.bulk_create(
            [
                GoalResult(evaluation=evaluation, goal=goal, result=result)
                for goal, result in results.items()
            ]
        )
        TimelineEntry.objects.create(
            case=case,
            kind=TimelineEntry.Kind.EVALUATION,
            actor=actor,
            summary=_("Evaluation recorded") if created else _("Evaluation corrected"),
        )
        record(
            user=actor,
            action=Action.CREATE if created else Action.UPDATE,
            purpose=Purpose.CARE,
            object_type="evaluation",
            object_id=str(case.public_id),
            detail={"goals": len(results), "entered_by": entered_by},
        )
    return evaluation
