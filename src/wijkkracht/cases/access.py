"""The one way to fetch a case for a user: need-to-know first (404 and a denied audit
line otherwise). The case page shows the household's members, so the read is audited
with a line per current member."""

from __future__ import annotations

import uuid

from django.db.models import F, Q
from django.http import Http404

from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.cases.models import Case
from wijkkracht.households.models import HouseholdMembership


def get_case_for_user(user, public_id, *, audit_read: bool = True):
    """Returns the case and the household's current memberships. ``audit_read=False`` for
    a change (its use case writes the line)."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    # Need-to-know for this one case through ``visible_among`` (the same rule as
    # ``Case.objects.visible_to``, without building every household the user may see).
    case = (
        Case.objects.filter(public_id=key)
        .select_related(
            "household__address",
            "team",
            "coordinator__organisation",
            "support_request",
            "previous_case",
        )
        .first()
    )
    if case is not None and case.pk not in visible_among(user, [case]):
        case = None
    if case is None:
        record(
            user=user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="case",
            object_id=str(key),
            outcome=Outcome.DENIED,
        )
        raise Http404
    memberships = list(
        HouseholdMembership.objects.current()
        .filter(household_id=case.household_id)
        .select_related("resident")
        .order_by(F("resident__date_of_birth").asc(nulls_last=True), "pk")
    )
    if audit_read:
        record_many(
            user=user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="case",
            items=[(str(key), m.resident) for m in memberships] or [(str(key), None)],
        )
    return case, memberships


def visible_among(user, cases, *, member_ids=None) -> set[int]:
    """The ids of those of ``cases`` (``Case`` instances with ``household_id``,
    ``coordinator_id`` and ``municipality_id``) that ``user`` may open: the same answer as
    ``Case.objects.visible_to(user).filter(pk__in=...)``, for a page of cases.

    ``visible_to`` describes every household the user may see; to check fifty rows the
    database then builds that whole set (for a team lead thousands of households, on
    PostgreSQL with full scans of households and memberships). Here the user's
    involvements and break-the-glass grants are first narrowed to those that name one of
    these households or one of its current members, and the household rule itself
    (``HouseholdQuerySet.reached_by``) is applied to them unchanged. An involvement left
    out can open no household of these cases, so nothing more or less is visible
    (``tests/test_visible_among.py`` compares the two for every user of the test cast).
    ``member_ids``: the residents who are current members of these households, when the
    caller has read them already."""
    from wijkkracht.accounts.roles import Capability, has_capability
    from wijkkracht.households.models import Household
    from wijkkracht.involvements.models import BreakGlass, Involvement

    cases = list(cases)
    if not cases:
        return set()
    if (
        not getattr(user, "is_authenticated", False)
        or not user.is_active
        or not has_capability(user, Capability.VIEW_RESIDENTS)
        or has_capability(user, Capability.VIEW_OWN_RECORD)
    ):
        # Not a professional as ``HouseholdQuerySet.visible_to`` knows one: the general rule.
        return set(
            Case.objects.visible_to(user)
            .filter(pk__in=[case.pk for case in cases])
            .values_list("pk", flat=True)
        )
    municipalities = set(user.municipality_ids())
    cases = [case for case in cases if case.municipality_id in municipalities]
    # The coordinator always sees their own case (``CaseQuerySet.visible_to``).
    households = {case.household_id for case in cases if case.coordinator_id != user.pk}
    if not households:
        return {case.pk for case in cases}
    # As a list of ids, not a subquery: with literal ids PostgreSQL estimates a few rows
    # and uses the indexes; with the subquery it expects hundreds and scans every
    # membership.
    if member_ids is None:
        member_ids = (
            HouseholdMembership.objects.current()
            .filter(household_id__in=households)
            .values_list("resident_id", flat=True)
        )
    members = list(member_ids)
    involvements = (
        Involvement.objects.active()
        .giving_access()
        .of_user(user)
        .filter(Q(household_id__in=households) | Q(resident_id__in=members))
    )
    glass = BreakGlass.objects.active().filter(user=user, resident_id__in=members)
    reached = set(
        Household.objects.filter(pk__in=households, municipality_id__in=municipalities)
        .reached_by(involvements, also_residents=glass.values("resident_id"))
        .values_list("pk", flat=True)
    )
    return {
        case.pk for case in cases if case.coordinator_id == user.pk or case.household_id in reached
    }
