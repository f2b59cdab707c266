"""The one way to fetch a Burgerpeiling for a user: only those of the municipalities the
user works for; anything else is a 404, and the attempt is audited."""

from __future__ import annotations

from django.http import Http404

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.contrib.burgerpeiling.models import Survey


def get_survey_for_user(user, public_id) -> Survey:
    survey = (
        Survey.objects.for_user(user)
        .select_related("municipality", "imported_by")
        .filter(public_id=public_id)
        .first()
    )
    if survey is None:
        record(
            user=user,
            action=Action.READ,
            purpose=Purpose.ADMINISTRATION,
            object_type="burgerpeiling_survey",
            object_id=str(public_id),
            outcome=Outcome.DENIED,
        )
        raise Http404
    return survey
