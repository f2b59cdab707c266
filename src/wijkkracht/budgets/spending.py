"""Spending from a budget: at once within the per-spend limit, else the team lead
approves first. Every use case locks the budget row (``select_for_update``) before it
counts what is left, so two spends at the same moment can never overspend; lock order is
always budget, then spend. Status changes go through ``budgets.workflow``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.models import Action, Outcome
from wijkkracht.budgets.access import may_approve, may_spend
from wijkkracht.budgets.auditing import audit_spends
from wijkkracht.budgets.models import (
    COMMITTED,
    JUSTIFY_WITHIN_DAYS,
    Budget,
    JustificationStatus,
    PurposeCategory,
    Spend,
    SpendEvent,
    SpendStatus,
)
from wijkkracht.budgets.money import ZERO, euro, quantize, to_money
from wijkkracht.budgets.workflow import (
    NEW,
    check_justification_transition,
    check_transition,
)

MAX_TEXT = 2000


def refuse(actor, spend_or_budget, use_case: str, message: str, field: str | None = None):
    """A refusal for lack of a right: a denied audit line (written outside the use case's
    transaction, so it stays), then the message."""
    if isinstance(spend_or_budget, Spend):
        audit_spends(
            user=actor,
            spends=[spend_or_budget],
            action=Action.UPDATE,
            outcome=Outcome.DENIED,
            detail={"use_case": use_case},
        )
    else:
        from wijkkracht.budgets.auditing import audit_budget

        audit_budget(
            user=actor,
            budget=spend_or_budget,
            action=Action.CREATE,
            outcome=Outcome.DENIED,
            detail={"use_case": use_case},
        )
    raise ValidationError({field: message} if field else message, code="not_allowed")


def text(value, field: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")}, code="required")
    if len(value) > MAX_TEXT:
        raise ValidationError(
            {field: _("Keep this under %(n)s characters.") % {"n": MAX_TEXT}}, code="too_long"
        )
    return value


def used(budget: Budget) -> Decimal:
    """Paid plus committed, exact to the cent (call with the budget row locked)."""
    total = Spend.objects.filter(
        budget_id=budget.pk, status__in=[SpendStatus.PAID, *COMMITTED]
    ).aggregate(total=Coalesce(Sum("amount"), Value(ZERO)))["total"]
    return quantize(total)


def _locked_budget(budget: Budget) -> Budget:
    return Budget.objects.select_for_update().get(pk=budget.pk)


def _locked_spend(spend: Spend) -> Spend:
    return Spend.objects.select_for_update().get(pk=spend.pk)


def _check_spendable(budget: Budget, day: dt.date) -> None:
    if budget.is_closed:
        raise ValidationError(
            _("This budget is closed: nothing can be spent from it any more."), code="closed"
        )
    if not budget.covers(day):
        raise ValidationError(
            {
                "spent_on": _(
                    "This budget is for %(year)s; a spend on %(day)s falls outside that year."
                )
                % {"year": budget.year, "day": day.strftime("%d-%m-%Y")}
            },
            code="outside_year",
        )


def _day(on: dt.date | None) -> dt.date:
    today = timezone.localdate()
    day = on or today
    if day > today:
        raise ValidationError({"spent_on": _("The date cannot be in the future.")}, code="future")
    return day


def _event(spend: Spend, kind: str, actor, note: str = "") -> None:
    SpendEvent.objects.create(spend=spend, kind=kind, actor=actor, note=note)


def _copy_back(target: Spend, fresh: Spend) -> Spend:
    for field in fresh._meta.concrete_fields:
        setattr(target, field.attname, getattr(fresh, field.attname))
    return target


def spend(
    *,
    budget: Budget,
    actor,
    amount,
    category: str,
    on: dt.date | None = None,
    case=None,
) -> Spend:
    """Spend ``amount`` for ``category`` (optionally for the household of ``case``):
    paid at once within the limit, else waiting for the team lead's approval. Both count
    against the budget at once."""
    if not may_spend(actor, budget):
        refuse(
            actor,
            budget,
            "spend",
            _("Only members of the budget's team can spend from it."),
        )
    amount = to_money(amount)
    if category not in PurposeCategory.values:
        raise ValidationError({"category": _("Choose what the money is for.")}, code="category")
    day = _day(on)
    household_id = None
    if case is not None:
        from wijkkracht.cases.models import Case

        visible = Case.objects.visible_to(actor).filter(
            pk=case.pk, municipality_id=budget.municipality_id
        )
        if not visible.exists():
            raise ValidationError({"case": _("Choose a household case you work on.")}, code="case")
        household_id = case.household_id
    with transaction.atomic():
        fresh = _locked_budget(budget)
        _check_spendable(fresh, day)
        left = quantize(fresh.amount - used(fresh))
        if amount > left:
            raise ValidationError(
                {
                    "amount": _(
                        "This is more than is left in the budget: %(left)s can still be spent."
                    )
                    % {"left": euro(left)}
                },
                code="overspend",
            )
        within = amount <= fresh.spend_limit
        target = SpendStatus.PAID if within else SpendStatus.PENDING
        use_case = "spend" if within else "request_approval"
        check_transition(NEW, target, use_case)
        now = timezone.now()
        created = Spend.objects.create(
            budget=fresh,
            amount=amount,
            category=category,
            spent_on=day,
            status=target,
            spent_by=actor,
            case=case,
            household_id=household_id,
            paid_at=now if within else None,
            justification_status=JustificationStatus.DUE if within else JustificationStatus.NOT_DUE,
            justification_due=day + dt.timedelta(days=JUSTIFY_WITHIN_DAYS) if within else None,
        )
        _event(created, SpendEvent.Kind.SPENT if within else SpendEvent.Kind.REQUESTED, actor)
        audit_spends(
            user=actor,
            spends=[created],
            action=Action.CREATE,
            detail={
                "use_case": use_case,
                "amount": str(amount),
                "category": category,
                "status": str(target),
            },
        )
    return created


def approve_spend(*, spend: Spend, actor) -> Spend:
    """The team lead agrees to a spend above the limit; the spender then pays it."""
    _check_lead(spend, actor, "approve_spend")
    with transaction.atomic():
        budget = _locked_budget(spend.budget)
        fresh = _locked_spend(spend)
        check_transition(fresh.status, SpendStatus.APPROVED, "approve")
        if budget.is_closed:
            raise ValidationError(_("This budget is closed: nothing can be approved."))
        fresh.status = SpendStatus.APPROVED
        fresh.decided_by, fresh.decided_at = actor, timezone.now()
        fresh.save(update_fields=["status", "decided_by", "decided_at"])
        _event(fresh, SpendEvent.Kind.APPROVED, actor)
        audit_spends(
            user=actor,
            spends=[fresh],
            action=Action.UPDATE,
            detail={"use_case": "approve", "status": str(fresh.status)},
        )
    return _copy_back(spend, fresh)


def reject_spend(*, spend: Spend, actor, reason: str) -> Spend:
    """The team lead says no, with a reason; the money is free again."""
    _check_lead(spend, actor, "reject_spend")
    reason = text(reason, "reason")
    with transaction.atomic():
        _locked_budget(spend.budget)
        fresh = _locked_spend(spend)
        check_transition(fresh.status, SpendStatus.REJECTED, "reject")
        fresh.status = SpendStatus.REJECTED
        fresh.decided_by, fresh.decided_at = actor, timezone.now()
        fresh.rejection_reason = reason
        fresh.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason"])
        _event(fresh, SpendEvent.Kind.REJECTED, actor, reason)
        audit_spends(
            user=actor,
            spends=[fresh],
            action=Action.UPDATE,
            detail={"use_case": "reject", "status": str(fresh.status)},
        )
    return _copy_back(spend, fresh)


def pay_spend(*, spend: Spend, actor, on: dt.date | None = None) -> Spend:
    """The spender pays an approved spend; the justification is due from then on."""
    if spend.spent_by_id != actor.pk or not may_spend(actor, spend.budget):
        refuse(
            actor,
            spend,
            "pay_spend",
            _("Only the person who asked for this spend can record that it is paid."),
        )
    day = _day(on)
    with transaction.atomic():
        budget = _locked_budget(spend.budget)
        fresh = _locked_spend(spend)
        check_transition(fresh.status, SpendStatus.PAID, "pay")
        _check_spendable(budget, day)
        check_justification_transition(fresh.justification_status, JustificationStatus.DUE, "pay")
        fresh.status = SpendStatus.PAID
        fresh.spent_on = day
        fresh.paid_at = timezone.now()
        fresh.justification_status = JustificationStatus.DUE
        fresh.justification_due = day + dt.timedelta(days=JUSTIFY_WITHIN_DAYS)
        fresh.save(
            update_fields=[
                "status",
                "spent_on",
                "paid_at",
                "justification_status",
                "justification_due",
            ]
        )
        _event(fresh, SpendEvent.Kind.PAID, actor)
        audit_spends(
            user=actor,
            spends=[fresh],
            action=Action.UPDATE,
            detail={"use_case": "pay", "status": str(fresh.status)},
        )
    return _copy_back(spend, fresh)


def cancel_spend(*, spend: Spend, actor, reason: str = "") -> Spend:
    """The spender or the team lead withdraws a spend not paid yet; the money is free
    again."""
    if not (
        (spend.spent_by_id == actor.pk and may_spend(actor, spend.budget))
        or may_approve(actor, spend.budget)
    ):
        refuse(
            actor,
            spend,
            "cancel_spend",
            _("Only the person who asked for this spend or the team lead can cancel it."),
        )
    reason = text(reason, "reason", required=False)
    with transaction.atomic():
        _locked_budget(spend.budget)
        fresh = _locked_spend(spend)
        check_transition(fresh.status, SpendStatus.CANCELLED, "cancel")
        fresh.status = SpendStatus.CANCELLED
        fresh.save(update_fields=["status"])
        _event(fresh, SpendEvent.Kind.CANCELLED, actor, reason)
        audit_spends(
            user=actor,
            spends=[fresh],
            action=Action.UPDATE,
            detail={"use_case": "cancel", "status": str(fresh.status)},
        )
    return _copy_back(spend, fresh)


def _check_lead(spend: Spend, actor, use_case: str) -> None:
    if not may_approve(actor, spend.budget):
        refuse(
            actor,
            spend,
            use_case,
            _("Only a team lead of the budget's team can do this."),
        )
    if spend.spent_by_id == actor.pk:
        refuse(
            actor,
            spend,
            use_case,
            _("You cannot approve or review your own spend: another team lead does that."),
        )
