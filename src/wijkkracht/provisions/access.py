"""The one way to fetch a provision for a user: only the catalogues of the user's own
municipalities; anything else is a 404 with a denied audit line."""

from __future__ import annotations

import uuid

from django.http import Http404

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.provisions.models import Provision


def get_provision_for_user(user, public_id, *, for_update: bool = False) -> Provision:
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    queryset = Provision.objects.of_municipalities(user.municipality_ids()).select_related(
        "municipality", "organiser"
    )
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    provision = queryset.filter(public_id=key).first()
    if provision is None:
        record(
            user=user,
            action=Action.UPDATE if for_update else Action.READ,
            purpose=Purpose.ADMINISTRATION,
            object_type="provision",
            object_id=str(key),
            outcome=Outcome.DENIED,
        )
        raise Http404
    return provision
