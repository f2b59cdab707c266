"""A professional registers a support question on a resident's behalf (partner
registration). The BSN travels in the POST body only, never in a URL."""

from __future__ import annotations

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from wijkkracht.accounts.roles import Capability
from wijkkracht.core.decorators import capability_required
from wijkkracht.intake.forms_registration import (
    PartnerRegistrationForm,
    new_idempotency_token,
    read_idempotency_token,
)
from wijkkracht.intake.models import SupportRequest
from wijkkracht.intake.registration import register_request

KEY_PREFIX = "staff-"
REGISTERED_SALT = "wijkkracht.intake.registered"
REGISTERED_MAX_AGE = 24 * 3600


def _after_registration(user, support_request: SupportRequest) -> HttpResponse:
    """To the question's page if the user may see it, else to a confirmation page."""
    if SupportRequest.objects.visible_to(user).filter(pk=support_request.pk).exists():
        return redirect("intake:detail", public_id=support_request.public_id)
    token = signing.TimestampSigner(salt=REGISTERED_SALT).sign(support_request.public_id.hex)
    return redirect("intake:registered", token=token)


@capability_required(Capability.REGISTER_INTAKE)
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method != "POST":
        form = PartnerRegistrationForm(user=user)
        return render(
            request,
            "intake/registration/new.html",
            {"form": form, "idempotency_token": new_idempotency_token()},
        )
    token = request.POST.get("idempotency_key", "")
    key = read_idempotency_token(token)
    if key is not None:
        existing = SupportRequest.objects.filter(
            idempotency_key=KEY_PREFIX + key, registered_by=user
        ).first()
        if existing is not None:  # sent twice: the first registration stands
            return _after_registration(user, existing)
    form = PartnerRegistrationForm(request.POST, user=user)
    valid = form.is_valid()
    if key is None:
        token = new_idempotency_token()
        form.add_error(
            None,
            _("This form was open too long or was changed. Check it and send it again."),
        )
        valid = False
    if not valid:
        return render(
            request,
            "intake/registration/new.html",
            {"form": form, "idempotency_token": token},
        )
    support_request, _created = register_request(
        actor=user, idempotency_key=KEY_PREFIX + key, **form.registration_arguments()
    )
    return _after_registration(user, support_request)


@capability_required(Capability.REGISTER_INTAKE)
@require_safe
def registered(request: HttpRequest, token: str) -> HttpResponse:
    """Confirmation for a registration the user may not open afterwards: the reference
    and where it went, nothing else."""
    try:
        public_hex = signing.TimestampSigner(salt=REGISTERED_SALT).unsign(
            token, max_age=REGISTERED_MAX_AGE
        )
    except signing.BadSignature as exc:
        raise Http404 from exc
    support_request = (
        SupportRequest.objects.filter(public_id=public_hex, registered_by=request.user)
        .select_related("team", "municipality")
        .first()
    )
    if support_request is None:
        raise Http404
    return render(
        request, "intake/registration/registered.html", {"support_request": support_request}
    )
