"""A support question's page, and matching it to the registry.

The page is fetched through ``intake.access.get_request_for_user`` (404 and an audit
line when the user may not see it). Users who handle the question see match candidates:
identifying data only, one audit line per candidate shown. Linking happens only when a
professional confirms one (POST)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wijkkracht.accounts.roles import Capability
from wijkkracht.core.decorators import capability_required
from wijkkracht.intake.access import get_request_for_user
from wijkkracht.intake.matching import (
    candidates,
    confirm_match,
    leave_unmatched,
    may_match,
    record_candidates_shown,
)
from wijkkracht.intake.models import Status


@capability_required(Capability.REGISTER_INTAKE)
@require_safe
def detail(request: HttpRequest, public_id) -> HttpResponse:
    user = request.user
    support_request = get_request_for_user(user, public_id)
    handles = may_match(user, support_request)
    shown = None
    if handles and support_request.resident_id is None and support_request.status != Status.CLOSED:
        shown = candidates(support_request)
        record_candidates_shown(user=user, support_request=support_request, shown=shown)
    return render(
        request,
        "intake/detail.html",
        {"support_request": support_request, "handles": handles, "candidates": shown},
    )


@capability_required(Capability.HANDLE_INTAKE)
@require_POST
def match(request: HttpRequest, public_id) -> HttpResponse:
    """Confirm one of the candidates as the person asking, or leave the question
    unmatched ("none"). The chosen resident must be among the current candidates."""
    user = request.user
    support_request = get_request_for_user(user, public_id)
    if not may_match(user, support_request):
        raise Http404
    back = redirect("intake:detail", public_id=support_request.public_id)
    choice = request.POST.get("resident", "")
    if choice == "none":
        leave_unmatched(support_request=support_request, actor=user)
        messages.info(request, _("The question stays without a link to the registry."))
        return back
    try:
        chosen = uuid.UUID(choice)
    except ValueError:
        messages.error(request, _("Choose one of the residents in the list."))
        return back
    found = [c for c in candidates(support_request) if c.resident.public_id == chosen]
    if not found:
        messages.error(request, _("This resident is not among the possible matches."))
        return back
    resident = found[0].resident
    try:
        confirm_match(support_request=support_request, resident=resident, actor=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return back
    messages.success(
        request,
        _("The question is linked to %(name)s. Your team is now involved with this resident.")
        % {"name": resident.full_name},
    )
    return back
