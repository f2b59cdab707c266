from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.models import Purpose
from wijkkracht.households.access import get_household_for_user
from wijkkracht.residents.models import Resident


@require_safe
@login_required
def detail(request: HttpRequest, public_id) -> HttpResponse:
    """A household: its address and area, current members and former members (history).
    Not visible (no need to know) is a 404, audited by the access helper."""
    user = request.user
    purpose = (
        Purpose.OWN_RECORD if has_capability(user, Capability.VIEW_OWN_RECORD) else Purpose.CARE
    )
    household, memberships = get_household_for_user(user, public_id, purpose=purpose)
    # Link only to the members the user may open; one query for all of them.
    linkable = set(
        Resident.objects.visible_to(user)
        .filter(pk__in=[m.resident_id for m in memberships])
        .values_list("pk", flat=True)
    )
    current = [m for m in memberships if m.ended_on is None]
    former = [m for m in memberships if m.ended_on is not None]
    return render(
        request,
        "households/detail.html",
        {
            "household": household,
            "address": household.address,
            "current_members": current,
            "former_members": former,
            "linkable": linkable,
        },
    )
