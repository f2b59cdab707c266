"""Audit lines of the budget use cases and pages. A spend for a household is personal
data: its lines name each current member of the household (pseudonymous id), so that the
residents' subject access shows who looked at or changed it."""

from __future__ import annotations

from collections.abc import Iterable

from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.households.models import HouseholdMembership


def members_by_household(household_ids: Iterable[int]) -> dict[int, list]:
    """Current members' public ids per household, in one query."""
    ids = {pk for pk in household_ids if pk}
    members: dict[int, list] = {}
    if not ids:
        return members
    rows = (
        HouseholdMembership.objects.current()
        .filter(household_id__in=ids)
        .values_list("household_id", "resident__public_id")
        .order_by("household_id", "pk")
    )
    for household_id, resident in rows:
        members.setdefault(household_id, []).append(resident)
    return members


def audit_spends(
    *,
    user,
    spends,
    action: Action | str,
    outcome: Outcome | str = Outcome.ALLOWED,
    detail: dict | None = None,
) -> None:
    """One line per spend, or per (spend, member) for a spend for a household."""
    spends = list(spends)
    if not spends:
        return
    members = members_by_household(s.household_id for s in spends)
    items = []
    for spend in spends:
        residents = members.get(spend.household_id) or [None]
        items.extend((str(spend.public_id), resident) for resident in residents)
    record_many(
        user=user,
        action=action,
        purpose=Purpose.CARE,
        object_type="budget_spend",
        items=items,
        outcome=outcome,
        detail=detail,
    )


def audit_budget(
    *,
    user,
    budget,
    action: Action | str,
    outcome: Outcome | str = Outcome.ALLOWED,
    detail: dict | None = None,
) -> None:
    record(
        user=user,
        action=action,
        purpose=Purpose.ADMINISTRATION,
        object_type="budget",
        object_id=str(budget.public_id) if budget is not None else "",
        outcome=outcome,
        detail=detail,
    )
