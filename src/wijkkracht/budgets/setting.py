"""The municipality sets, changes and closes budgets (``MANAGE_BUDGETS``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.models import Action, Outcome
from wijkkracht.budgets.access import may_manage
from wijkkracht.budgets.auditing import audit_budget
from wijkkracht.budgets.models import COMMITTED, Budget, SpendStatus
from wijkkracht.budgets.money import ZERO, quantize, to_money
from wijkkracht.teams.models import Team

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _refuse(actor, budget, use_case: str, message: str):
    audit_budget(
        user=actor,
        budget=budget,
        action=Action.UPDATE if budget else Action.CREATE,
        outcome=Outcome.DENIED,
        detail={"use_case": use_case},
    )
    raise ValidationError(message, code="not_allowed")


def _check_money(amount, spend_limit):
    errors = {}
    try:
        amount = to_money(amount, field="amount")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        spend_limit = to_money(spend_limit, field="spend_limit")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not errors and spend_limit > amount:
        errors["spend_limit"] = [_("The limit per spend cannot be more than the budget.")]
    if errors:
        raise ValidationError(errors)
    return amount, spend_limit


def set_budget(
    *,
    actor,
    municipality,
    year: int,
    amount,
    spend_limit,
    team: Team | None = None,
    neighbourhood=None,
) -> Budget:
    """A new budget for one neighbourhood team or one neighbourhood and one year."""
    if not may_manage(actor) or municipality.pk not in actor.municipality_ids():
        _refuse(actor, None, "set_budget", _("You may not set budgets for this municipality."))
    if (team is None) == (neighbourhood is None):
        raise ValidationError(_("Choose either a team or a neighbourhood."), code="holder")
    if team is not None and (
        team.municipality_id != municipality.pk or team.kind != Team.Kind.NEIGHBOURHOOD
    ):
        raise ValidationError(
            {"team": _("Choose a neighbourhood team of this municipality.")}, code="team"
        )
    if neighbourhood is not None and neighbourhood.municipality_id != municipality.pk:
        raise ValidationError(
            {"neighbourhood": _("Choose a neighbourhood of this municipality.")},
            code="neighbourhood",
        )
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": _("Enter a year, like 2026.")}, code="year")
    amount, spend_limit = _check_money(amount, spend_limit)
    holder = team or neighbourhood
    duplicate = Budget.objects.filter(year=year, team=team, neighbourhood=neighbourhood)
    if duplicate.exists():
        raise ValidationError(
            _("%(holder)s already has a budget for %(year)s; change that one instead.")
            % {"holder": holder.name, "year": year},
            code="duplicate",
        )
    try:
        with transaction.atomic():
            budget = Budget.objects.create(
                municipality=municipality,
                team=team,
                neighbourhood=neighbourhood,
                year=year,
                amount=amount,
                spend_limit=spend_limit,
                created_by=actor,
            )
            audit_budget(
                user=actor,
                budget=budget,
                action=Action.CREATE,
                detail={
                    "use_case": "set_budget",
                    "year": year,
                    "amount": str(amount),
                    "spend_limit": str(spend_limit),
                },
            )
    except IntegrityError as exc:  # a budget set at the same moment
        raise ValidationError(
            _("%(holder)s already has a budget for %(year)s; change that one instead.")
            % {"holder": holder.name, "year": year},
            code="duplicate",
        ) from exc
    return budget


def change_budget(*, budget: Budget, actor, amount, spend_limit) -> Budget:
    """A new amount or limit; never below what is spent and committed."""
    if not may_manage(actor, budget):
        _refuse(actor, budget, "change_budget", _("You may not change this budget."))
    amount, spend_limit = _check_money(amount, spend_limit)
    with transaction.atomic():
        fresh = Budget.objects.select_for_update().get(pk=budget.pk)
        if fresh.is_closed:
            raise ValidationError(_("This budget is closed; it cannot change."), code="closed")
        used = quantize(
            fresh.spends.filter(status__in=[SpendStatus.PAID, *COMMITTED]).aggregate(
                total=Coalesce(Sum("amount"), Value(ZERO))
            )["total"]
        )
        if amount < used:
            raise ValidationError(
                {
                    "amount": _(
                        "The budget cannot be less than what is spent or promised "
                        "already (%(used)s euro)."
                    )
                    % {"used": used}
                },
                code="below_used",
            )
        before = (str(fresh.amount), str(fresh.spend_limit))
        fresh.amount, fresh.spend_limit = amount, spend_limit
        fresh.save(update_fields=["amount", "spend_limit"])
        audit_budget(
            user=actor,
            budget=fresh,
            action=Action.UPDATE,
            detail={
                "use_case": "change_budget",
                "amount": [before[0], str(amount)],
                "spend_limit": [before[1], str(spend_limit)],
            },
        )
    budget.amount, budget.spend_limit = amount, spend_limit
    return budget


def close_budget(*, budget: Budget, actor) -> Budget:
    """No more spending. Spends awaiting approval or payment are settled first;
    justifications and reviews go on after closing."""
    if not may_manage(actor, budget):
        _refuse(actor, budget, "close_budget", _("You may not close this budget."))
    with transaction.atomic():
        fresh = Budget.objects.select_for_update().get(pk=budget.pk)
        if fresh.is_closed:
            raise ValidationError(_("This budget is closed already."), code="closed")
        open_spends = fresh.spends.filter(status__in=COMMITTED).count()
        if open_spends:
            raise ValidationError(
                _(
                    "%(n)s spends still wait for approval or payment: approve and pay, "
                    "reject or cancel them first."
                )
                % {"n": open_spends},
                code="open_spends",
            )
        fresh.closed_at = timezone.now()
        fresh.closed_by = actor
        fresh.save(update_fields=["closed_at", "closed_by"])
        audit_budget(
            user=actor, budget=fresh, action=Action.UPDATE, detail={"use_case": "close_budget"}
        )
    budget.closed_at, budget.closed_by = fresh.closed_at, actor
    return budget
