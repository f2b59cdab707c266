"""Which household cases an API caller may read, and the one way to fetch one.

Staff (session) read through ``Case.objects.visible_to(user)``, the rule of the pages.
A partner system is not a person with involvements of its own: it reads the cases of the
households its *organisation* is involved with — the same need-to-know building blocks
(``Involvement.objects.active().giving_access()``, the household's current members),
with the organisation in place of the professional or team. A reported involvement
(referral index, ``grants_access=False``) opens nothing, as on the pages.

Every read writes one audit line per case and current household member shown; a case
that is not visible is a 404 with a denied line."""

from __future__ import annotations

import uuid

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from wijkkracht.api.permissions import api_client_of
from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.cases.models import Case, Escalation, Participant, TimelineEntry
from wijkkracht.households.models import Household, HouseholdMembership
from wijkkracht.involvements.models import Involvement


def households_of_organisation(user) -> QuerySet[Household]:
    """Households the user's organisation has an active involvement with that opens the
    record — for the household, or for one of its current members — in the user's
    municipalities: ``HouseholdQuerySet.reached_by``, the rule of ``visible_to``, with the
    organisation as the one involved."""
    if user.organisation_id is None:
        return Household.objects.none()
    municipalities = user.municipality_ids()
    involvements = (
        Involvement.objects.active()
        .giving_access()
        .filter(organisation_id=user.organisation_id, municipality_id__in=municipalities)
    )
    return Household.objects.filter(municipality_id__in=municipalities).reached_by(involvements)


def cases_for(request) -> QuerySet[Case]:
    """The cases this caller may read (need-to-know), not yet ordered or prefetched."""
    client = api_client_of(request)
    if client is None:
        return Case.objects.visible_to(request.user)
    user = request.user
    return Case.objects.filter(
        household__in=households_of_organisation(user),
        municipality_id__in=user.municipality_ids(),
    )


def with_details(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Everything the case serializer shows, in a constant number of queries, and
    ``updated_at``: the latest of opening, closing, the last timeline entry (every use
    case writes one) and the last plan save."""
    last_entry = TimelineEntry.objects.filter(case=OuterRef("pk")).order_by("-at").values("at")[:1]
    return (
        cases.annotate(
            updated_at=Greatest(
                "opened_at",
                Coalesce("closed_at", "opened_at"),
                Coalesce(Subquery(last_entry), "opened_at"),
                Coalesce("plan__updated_at", "opened_at"),
            )
        )
        .select_related("household", "team", "coordinator__organisation", "plan")
        .prefetch_related(
            Prefetch(
                "household__memberships",
                queryset=HouseholdMembership.objects.current()
                .select_related("resident")
                .order_by("resident__date_of_birth", "pk"),
                to_attr="current_memberships",
            ),
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related(
                    "professional", "organisation"
                ).order_by("since", "pk"),
            ),
            Prefetch(
                "escalations",
                queryset=Escalation.objects.select_related("expert_team").order_by(
                    "-escalated_at", "-pk"
                ),
            ),
        )
    )


def parse_public_id(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise serializers.ValidationError({"id": "Not a valid UUID."}) from exc


def shown_items(cases) -> list[tuple[str, object]]:
    """One audit item per case and current household member shown."""
    items: list[tuple[str, object]] = []
    for case in cases:
        members = case.household.current_memberships
        items.extend((str(case.public_id), m.resident) for m in members)
        if not members:
            items.append((str(case.public_id), None))
    return items


def audit_shown(request, cases, *, object_type: str = "case", **detail) -> None:
    record_many(
        user=request.user,
        action=Action.READ,
        purpose=Purpose.CARE,
        object_type=object_type,
        items=shown_items(cases) or [("", None)],
        detail={"channel": "api", **detail},
    )


def get_case_for_api(
    request, public_id, *, object_type: str = "case", audit_read: bool = True
) -> Case:
    """The case if the caller may read it, audited per member shown (``audit_read=False``
    when the caller writes that line itself, after finding what it shows); otherwise a
    404 and a denied line. A malformed id is a 400 (problem+json naming ``id``)."""
    key = parse_public_id(public_id)
    case = with_details(cases_for(request).filter(public_id=key)).first()
    if case is None:
        record(
            user=request.user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type=object_type,
            object_id=str(key),
            outcome=Outcome.DENIED,
            detail={"channel": "api"},
        )
        raise NotFound
    if audit_read:
        audit_shown(request, [case], object_type=object_type)
    return case
