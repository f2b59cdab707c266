"""Who may do what with a budget, and the one way to fetch a budget or a spend for a
user: what one may not see is a 404 with a denied audit line.

* Budget managers (``MANAGE_BUDGETS``) of the municipality see all its budgets, with
  their spends listed, but never a spend's page or a household.
* A member of the budget's team, or of a neighbourhood team covering the budget's
  neighbourhood, sees the budget and its spends and may spend (``SPEND_BUDGET``).
* A lead of such a team (``APPROVE_SPEND``) approves spends above the limit and reviews
  justifications, never their own spend (four eyes)."""

from __future__ import annotations

import uuid

from django.http import Http404

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.budgets.auditing import audit_spends
from wijkkracht.budgets.models import Budget, Spend
from wijkkracht.teams.models import Team


def budget_team_ids(budget: Budget) -> set[int]:
    """The teams whose members spend from the budget."""
    if budget.team_id:
        return {budget.team_id}
    return set(Team.objects.for_neighbourhood(budget.neighbourhood_id).values_list("pk", flat=True))


def in_municipality(user, budget: Budget) -> bool:
    return budget.municipality_id in user.municipality_ids()


def may_spend(user, budget: Budget) -> bool:
    return (
        has_capability(user, Capability.SPEND_BUDGET)
        and in_municipality(user, budget)
        and bool(budget_team_ids(budget) & set(user.team_ids()))
    )


def may_approve(user, budget: Budget) -> bool:
    return (
        has_capability(user, Capability.APPROVE_SPEND)
        and in_municipality(user, budget)
        and bool(budget_team_ids(budget) & set(user.led_team_ids()))
    )


def may_manage(user, budget: Budget | None = None) -> bool:
    return has_capability(user, Capability.MANAGE_BUDGETS) and (
        budget is None or in_municipality(user, budget)
    )


def _key(public_id) -> uuid.UUID:
    try:
        return uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc


def get_budget_for_user(user, public_id) -> Budget:
    key = _key(public_id)
    budget = (
        Budget.objects.visible_to(user)
        .filter(public_id=key)
        .with_figures()
        .select_related("team", "neighbourhood", "municipality", "created_by", "closed_by")
        .first()
    )
    if budget is None:
        record(
            user=user,
            action=Action.READ,
            purpose=Purpose.ADMINISTRATION,
            object_type="budget",
            object_id=str(key),
            outcome=Outcome.DENIED,
        )
        raise Http404
    return budget


def get_spend_for_user(user, public_id, *, audit_read: bool = True) -> Spend:
    """The spend with its budget; the read is audited (per household member when the
    spend is for a household). ``audit_read=False`` for a change: its use case audits."""
    key = _key(public_id)
    spend = (
        Spend.objects.visible_to(user)
        .filter(public_id=key)
        .select_related(
            "budget__team",
            "budget__neighbourhood",
            "spent_by",
            "decided_by",
            "reviewed_by",
            "household__address",
            "case",
        )
        .first()
    )
    if spend is None:
        record(
            user=user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="budget_spend",
            object_id=str(key),
            outcome=Outcome.DENIED,
        )
        raise Http404
    if audit_read:
        audit_spends(user=user, spends=[spend], action=Action.READ)
    return spend
