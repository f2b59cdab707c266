"""Requesting a custom provision for a resident, from an action in the household's plan.

The five questions of that action (``provisions.models.DecisionFrame``) must all be
answered: the answers are copied into the request and shown to the decision officer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.models import Action
from wijkkracht.cases.models import Case, CaseStatus, TimelineEntry
from wijkkracht.cases.service import add_timeline_entry, may_work_on
from wijkkracht.decisions import history
from wijkkracht.decisions.deadlines import decide_by
from wijkkracht.decisions.models import (
    Decision,
    DecisionStatus,
    Frequency,
    ReferrerType,
)
from wijkkracht.decisions.workflow import check_transition
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.provisions.models import Contract, DecisionFrame, Provision, ProvisionKind, Unit

FIVE_QUESTIONS = ("involvement", "expected_effect", "cost", "legal_basis", "lasting_solution")
MAX_TEXT = 2000


def five_answers(action) -> list[dict]:
    """The newest answers to the five questions of ``action``, as stored with a request:
    ``[{"key": ..., "answer": ...}, ...]``; empty answers are empty strings."""
    try:
        from wijkkracht.provisions.service import five_questions_for
    except ImportError:  # the provisions service lands separately
        frame = DecisionFrame.objects.filter(action=action).order_by("-answered_at", "-pk").first()
    else:
        frame = five_questions_for(action)
    return [
        {"key": key, "answer": (getattr(frame, key, "") or "").strip() if frame else ""}
        for key in FIVE_QUESTIONS
    ]


def question_label(key: str) -> str:
    return str(DecisionFrame._meta.get_field(key).verbose_name)


def positive_decimal(value, field: str, label: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError(
            {field: _("Fill in %(label)s as a number.") % {"label": label}}
        ) from exc
    if not number.is_finite() or number <= 0:
        raise ValidationError(
            {field: _("%(label)s must be more than 0.") % {"label": label.capitalize()}}
        )
    if number.as_tuple().exponent < -2 or number >= Decimal("100000000"):
        raise ValidationError(
            {field: _("%(label)s has too many digits.") % {"label": label.capitalize()}}
        )
    return number


def check_period(start: dt.date | None, end: dt.date | None, field: str = "end_date") -> None:
    if start and end and end < start:
        raise ValidationError(
            {
                field: _(
                    "The end date is before the start date: a decision cannot end before it starts."
                )
            },
            code="ends_before_start",
        )


def is_contracted(provision: Provision, provider, on: dt.date) -> bool:
    return Contract.objects.current(on).filter(provision=provision, provider=provider).exists()


def request_decision(
    *,
    case: Case,
    resident,
    plan_action,
    provision: Provision | None = None,
    requested_volume,
    requested_unit: str = "",
    requested_frequency: str,
    requested_start: dt.date | None = None,
    requested_end: dt.date | None = None,
    preferred_provider=None,
    motivation: str = "",
    referrer_type: str = ReferrerType.MUNICIPALITY,
    referrer_name: str = "",
    referrer_agb: str = "",
    actor,
) -> Decision:
    """A new request, to be decided by a decision officer within the legal time limit."""
    if not has_capability(actor, Capability.REQUEST_DECISION) or not may_work_on(actor, case):
        raise PermissionDenied
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(
            _("This case is closed: open it again before requesting a provision.")
        )
    if plan_action is None or plan_action.goal.plan.case_id != case.pk:
        raise ValidationError(
            {"plan_action": _("Choose an action of this household's plan.")}, code="no_action"
        )
    provision = provision or plan_action.provision
    if provision is None:
        raise ValidationError({"provision": _("Choose the custom provision to request.")})
    if (
        provision.kind != ProvisionKind.CUSTOM
        or provision.municipality_id != case.municipality_id
        or not provision.is_active
    ):
        raise ValidationError(
            {
                "provision": _(
                    "Only an active custom provision of the municipality needs a decision; "
                    "a general provision or collective arrangement can be used right away."
                )
            }
        )
    if (
        not HouseholdMembership.objects.current()
        .filter(household_id=case.household_id, resident=resident)
        .exists()
    ):
        raise ValidationError({"resident": _("Choose a member of this household.")})
    answers = five_answers(plan_action)
    missing = [question_label(a["key"]) for a in answers if not a["answer"]]
    if missing:
        raise ValidationError(
            {
                "plan_action": _(
                    "Answer the five questions for this action in the plan first. Missing: "
                    "%(missing)s"
                )
                % {"missing": " ".join(missing)}
            },
            code="five_questions_missing",
        )
    volume = positive_decimal(requested_volume, "requested_volume", _("the volume"))
    unit = requested_unit or provision.unit
    if unit not in Unit.values:
        raise ValidationError({"requested_unit": _("Choose the unit.")})
    if requested_frequency not in Frequency.values:
        raise ValidationError({"requested_frequency": _("Choose how often.")})
    if referrer_type not in ReferrerType.values:
        raise ValidationError({"referrer_type": _("Choose who referred.")})
    check_period(requested_start, requested_end, "requested_end")
    on = requested_start or timezone.localdate()
    if preferred_provider is not None and not is_contracted(provision, preferred_provider, on):
        raise ValidationError(
            {
                "preferred_provider": _(
                    "%(provider)s has no contract for this provision: choose a contracted "
                    "provider or none."
                )
                % {"provider": preferred_provider.name}
            }
        )
    motivation = (motivation or "").strip()
    if len(motivation) > MAX_TEXT:
        raise ValidationError({"motivation": _("This text is too long (at most 2000 characters).")})
    now = timezone.now()
    with transaction.atomic():
        decision = Decision.objects.create(
            municipality_id=case.municipality_id,
            resident=resident,
            household_id=case.household_id,
            case=case,
            plan_action=plan_action,
            provision=provision,
            law=provision.law,
            status=DecisionStatus.REQUESTED,
            requested_at=now,
            requested_by=actor,
            decide_by=decide_by(case.municipality_id, provision.law, timezone.localdate(now)),
            requested_start=requested_start,
            requested_end=requested_end,
            requested_volume=volume,
            requested_unit=unit,
            requested_frequency=requested_frequency,
            preferred_provider=preferred_provider,
            motivation=motivation,
            five_questions=answers,
            referrer_type=referrer_type,
            referrer_name=(referrer_name or "").strip()[:150],
            referrer_agb=(referrer_agb or "").strip()[:8],
        )
        history.event(decision, "request", "", DecisionStatus.REQUESTED, actor=actor, at=now)
        add_timeline_entry(
            case=case,
            kind=TimelineEntry.Kind.PLAN,
            summary=_("Custom provision requested: %(provision)s") % {"provision": provision.name},
            actor=actor,
            member=resident,
        )
        history.audit(decision, "request", actor=actor, action=Action.CREATE)
    return decision


def withdraw_request(*, decision: Decision, reason: str, actor) -> Decision:
    """The professional withdraws a request that was not decided yet."""
    from wijkkracht.decisions.access import may_request_for

    if not may_request_for(actor, decision):
        raise PermissionDenied
    reason = history.text(reason, "reason", _("the reason"))
    with transaction.atomic():
        fresh = history.locked(decision)
        check_transition(fresh.status, DecisionStatus.WITHDRAWN, "withdraw")
        fresh.status = DecisionStatus.WITHDRAWN
        history.save(fresh, ["status"])
        history.event(
            fresh,
            "withdraw",
            DecisionStatus.REQUESTED,
            DecisionStatus.WITHDRAWN,
            actor=actor,
            reason=reason,
        )
        history.audit(fresh, "withdraw", actor=actor)
    history.copy_back(decision, fresh)
    return decision
