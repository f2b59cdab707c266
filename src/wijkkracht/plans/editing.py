"""Use cases that change a support plan: save it (optimistic locking, a version snapshot per
save) and record the agreement with the resident.

The submitted plan is plain data (see ``GoalData``/``ActionData``), so a refused submission
can be kept as a ``PlanDraft`` and offered again on top of the newest version: nothing of
either save is lost."""

from __future__ import annotations

import datetime
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.cases.models import Case, CaseStatus, TimelineEntry
from wijkkracht.plans.models import (
    ActionStatus,
    Goal,
    PlanAction,
    PlanDraft,
    PlanVersion,
    SupportPlan,
)
from wijkkracht.provisions import frame
from wijkkracht.provisions.models import DecisionFrame, Provision
from wijkkracht.residents.models import Resident


class ActionData(TypedDict, total=False):
    id: int | None
    what: str
    performer_kind: str
    performer_name: str
    due_on: str | None  # ISO date
    status: str
    done_on: str | None
    provision: str | None  # the provision's public id; None: no provision
    five_questions: dict[str, str] | None  # the five-question frame (provisions.frame)


class GoalData(TypedDict, total=False):
    id: int | None
    life_domain: str
    description: str
    member: str | None  # the member's public id; None: the whole household
    status: str
    actions: list[ActionData]


class PlanConflict(Exception):
    """Someone else saved the plan since the editor opened it. Carries the current version
    and the refused submission (kept as ``draft``)."""

    def __init__(self, *, plan: SupportPlan, draft: PlanDraft):
        super().__init__(f"plan {plan.pk} is at version {plan.version}")
        self.plan = plan
        self.current_version = plan.version
        self.draft = draft
        self.submission = draft.data


class PlanClosed(Exception):
    """A closed case's plan is no longer changed."""


class ProvisionNotAvailable(Exception):
    """An action names a provision that is not in the case's municipality's catalogue."""


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def actions_with_provisions():
    """Prefetch for a goal's actions with their provision and five-question answers."""
    return Prefetch(
        "actions",
        queryset=PlanAction.objects.select_related("provision").prefetch_related(
            Prefetch(
                "decision_frames", queryset=DecisionFrame.objects.select_related("answered_by")
            )
        ),
    )


def snapshot_of(plan: SupportPlan) -> dict[str, Any]:
    """Goals and actions (with provision and five-question answers) as plain data, in
    three queries."""
    goals = list(plan.goals.select_related("member").prefetch_related(actions_with_provisions()))
    return {
        "goals": [
            {
                "id": goal.pk,
                "life_domain": goal.life_domain,
                "description": goal.description,
                "member": str(goal.member.public_id) if goal.member else None,
                "member_name": goal.member.full_name if goal.member else "",
                "status": goal.status,
                "actions": [
                    {
                        "id": action.pk,
                        "what": action.what,
                        "performer_kind": action.performer_kind,
                        "performer_name": action.performer_name,
                        "due_on": action.due_on.isoformat() if action.due_on else None,
                        "status": action.status,
                        "done_on": action.done_on.isoformat() if action.done_on else None,
                        "provision": str(action.provision.public_id) if action.provision else None,
                        "provision_name": action.provision.name if action.provision else "",
                        "provision_kind": action.provision.kind if action.provision else "",
                        "five_questions": frame.as_data(frame.five_questions_for(action)),
                    }
                    for action in goal.actions.all()
                ],
            }
            for goal in goals
        ]
    }


def save_plan(
    *,
    case: Case,
    goals_and_actions: list[GoalData],
    expected_version: int,
    actor,
) -> SupportPlan:
    """Replace the plan's goals and actions by ``goals_and_actions`` when nobody saved since
    ``expected_version``; otherwise keep the submission as a draft and raise
    ``PlanConflict``. Goals and actions keep their ids when the submission names them.

    An action may use a provision of the case's municipality (``ProvisionNotAvailable``
    otherwise); one that uses a custom provision needs all five answers of the frame
    (``provisions.frame.FiveQuestionsIncomplete``, naming what is missing). Both are
    checked before anything is written."""
    if case.status == CaseStatus.CLOSED:
        raise PlanClosed
    provisions = _provisions(case, goals_and_actions)
    with transaction.atomic():
        plan, _created = SupportPlan.objects.select_for_update().get_or_create(case=case)
        if plan.version != expected_version:
            draft = PlanDraft.objects.create(
                plan=plan,
                author=actor,
                based_on_version=expected_version,
                data={"goals": goals_and_actions},
            )
            record(
                user=actor,
                action=Action.UPDATE,
                purpose=Purpose.CARE,
                object_type="support_plan",
                object_id=str(case.public_id),
                outcome=Outcome.DENIED,
                detail={
                    "reason": "version_conflict",
                    "expected_version": expected_version,
                    "current_version": plan.version,
                    "draft": draft.pk,
                },
            )
            conflict = PlanConflict(plan=plan, draft=draft)
        else:
            conflict = None
            _apply(plan, case, goals_and_actions, provisions, actor)
            plan.version += 1
            plan.updated_at = timezone.now()
            plan.updated_by = actor
            plan.save(update_fields=["version", "updated_at", "updated_by"])
            PlanVersion.objects.create(
                plan=plan,
                number=plan.version,
                snapshot=snapshot_of(plan),
                created_by=actor,
                agreed_with_resident_on=plan.agreed_with_resident_on,
            )
            PlanDraft.objects.filter(plan=plan, author=actor).delete()
            TimelineEntry.objects.create(
                case=case,
                kind=TimelineEntry.Kind.PLAN,
                actor=actor,
                summary=_("Support plan saved (version %(number)s)") % {"number": plan.version},
            )
            record(
                user=actor,
                action=Action.CREATE if plan.version == 1 else Action.UPDATE,
                purpose=Purpose.CARE,
                object_type="support_plan",
                object_id=str(case.public_id),
                detail={"version": plan.version, "goals": len(goals_and_actions)},
            )
    if conflict is not None:
        raise conflict
    return plan


def _provisions(case: Case, goals_and_actions: list[GoalData]) -> dict[str, Provision]:
    """The provisions the submission names, all of the case's municipality, and the
    five-question frame complete where a custom provision needs it."""
    actions = [a for g in goals_and_actions for a in g.get("actions", [])]
    wanted = {str(a["provision"]) for a in actions if a.get("provision")}
    found = {}
    if wanted:
        try:
            found = {
                str(p.public_id): p
                for p in Provision.objects.filter(
                    municipality_id=case.municipality_id, public_id__in=wanted
                )
            }
        except ValidationError as exc:  # not a UUID
            raise ProvisionNotAvailable(", ".join(sorted(wanted))) from exc
    unknown = wanted - set(found)
    if unknown:
        raise ProvisionNotAvailable(", ".join(sorted(unknown)))
    # An action submitted without answers keeps the ones it has (checked as they are).
    kept = [a["id"] for a in actions if "five_questions" not in a and a.get("id")]
    stored: dict[int, dict] = {}
    for row in DecisionFrame.objects.filter(action_id__in=kept).order_by("answered_at", "pk"):
        stored[row.action_id] = {name: getattr(row, name) for name in frame.FIELDS}
    frame.check_answers(
        [
            (
                a.get("what", ""),
                found.get(str(a.get("provision"))),
                a["five_questions"] if "five_questions" in a else stored.get(a.get("id")),
            )
            for a in actions
        ]
    )
    return found


def _apply(
    plan: SupportPlan,
    case: Case,
    goals_and_actions: list[GoalData],
    provisions: dict[str, Provision],
    actor,
) -> None:
    existing_goals = {g.pk: g for g in plan.goals.all()}
    existing_actions = {
        a.pk: a
        for a in PlanAction.objects.filter(goal__plan=plan).prefetch_related("decision_frames")
    }
    member_ids = {str(g.get("member")) for g in goals_and_actions if g.get("member")}
    members = {
        str(r.public_id): r
        for r in Resident.objects.filter(
            public_id__in=member_ids, memberships__household_id=case.household_id
        )
    }
    kept_goals: set[int] = set()
    kept_actions: set[int] = set()
    for order, data in enumerate(goals_and_actions):
        goal = existing_goals.get(data.get("id") or 0) or Goal(plan=plan)
        goal.life_domain = data["life_domain"]
        goal.description = data["description"]
        goal.member = members.get(str(data.get("member"))) if data.get("member") else None
        goal.status = data.get("status") or Goal._meta.get_field("status").default
        goal.order = order
        goal.save()
        kept_goals.add(goal.pk)
        for action_order, action_data in enumerate(data.get("actions", [])):
            action = existing_actions.get(action_data.get("id") or 0)
            if action is None:
                action = PlanAction()
            action.goal = goal
            action.what = action_data["what"]
            action.performer_kind = action_data["performer_kind"]
            action.performer_name = action_data.get("performer_name", "")
            action.due_on = _date(action_data.get("due_on"))
            action.status = action_data.get("status") or ActionStatus.OPEN
            action.done_on = _date(action_data.get("done_on"))
            if action.status != ActionStatus.DONE:
                action.done_on = None
            elif action.done_on is None:
                action.done_on = timezone.localdate()
            action.order = action_order
            action.provision = provisions.get(str(action_data.get("provision") or ""))
            action.save()
            if "five_questions" in action_data:
                frame.record_answers(
                    action=action,
                    answers=action_data.get("five_questions"),
                    plan_version=plan.version + 1,
                    actor=actor,
                )
            kept_actions.add(action.pk)
    PlanAction.objects.filter(goal__plan=plan).exclude(pk__in=kept_actions).delete()
    plan.goals.exclude(pk__in=kept_goals).delete()


def record_agreement(*, plan: SupportPlan, agreed_on: datetime.date, note: str, actor) -> None:
    """ "Agreed with the resident on …": on the plan and on its newest version."""
    with transaction.atomic():
        plan.agreed_with_resident_on = agreed_on
        plan.agreed_note = note
        plan.save(update_fields=["agreed_with_resident_on", "agreed_note"])
        plan.versions.filter(number=plan.version).update(agreed_with_resident_on=agreed_on)
        TimelineEntry.objects.create(
            case=plan.case,
            kind=TimelineEntry.Kind.PLAN,
            actor=actor,
            summary=_("Support plan agreed with the resident on %(date)s")
            % {"date": agreed_on.strftime("%d-%m-%Y")},
        )
        record(
            user=actor,
            action=Action.UPDATE,
            purpose=Purpose.CARE,
            object_type="support_plan",
            object_id=str(plan.case.public_id),
            detail={"agreed_on": agreed_on.isoformat(), "version": plan.version},
        )
