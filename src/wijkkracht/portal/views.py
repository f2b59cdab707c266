"""The resident's front door: a public form, no login. Works without JavaScript.

GET shows the form with a fresh signed idempotency key; POST registers the question
(once per key), then redirects to a thank-you page whose address is a signed token,
so nobody can guess another person's page. Anonymous senders are throttled."""

from __future__ import annotations

import logging

from django.core import signing
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from wijkkracht.areas.models import Municipality
from wijkkracht.core.context import current
from wijkkracht.intake.forms_registration import (
    SupportQuestionForm,
    new_idempotency_token,
    read_idempotency_token,
)
from wijkkracht.intake.models import Channel, SupportRequest
from wijkkracht.intake.registration import fingerprint, register_request
from wijkkracht.portal.confirmation import next_steps, send_confirmation
from wijkkracht.portal.throttle import is_throttled

logger = logging.getLogger(__name__)

# A full form with 5,000 characters of any script fits easily; more is not a question.
MAX_BODY_BYTES = 100_000
THANKS_SALT = "wijkkracht.portal.thanks"
THANKS_MAX_AGE = 24 * 3600
KEY_PREFIX = "portal-"


def thanks_token(support_request: SupportRequest) -> str:
    return signing.TimestampSigner(salt=THANKS_SALT).sign(support_request.public_id.hex)


def _render_form(request, municipality, form, *, token: str, status: int = 200, alert=""):
    return render(
        request,
        "portal/form.html",
        {
            "municipality": municipality,
            "form": form,
            "idempotency_token": token,
            "alert": alert,
            "several_municipalities": Municipality.objects.count() > 1,
        },
        status=status,
    )


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@never_cache
@require_safe
def choose(request: HttpRequest) -> HttpResponse:
    """With one municipality on this installation, its form; otherwise the list."""
    municipalities = list(Municipality.objects.order_by("name")[:2])
    if len(municipalities) == 1:
        form = SupportQuestionForm()
        return _render_form(request, municipalities[0], form, token=new_idempotency_token())
    return render(
        request, "portal/choose.html", {"municipalities": Municipality.objects.order_by("name")}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def question_form(request: HttpRequest, code: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, code=code)
    if request.method != "POST":
        return _render_form(
            request, municipality, SupportQuestionForm(), token=new_idempotency_token()
        )
    if _content_length(request) > MAX_BODY_BYTES:
        return _render_form(
            request,
            municipality,
            SupportQuestionForm(),
            token=new_idempotency_token(),
            status=413,
            alert=_(
                "What you sent is too long. Nothing was saved. Write your question in at most "
                "5,000 characters and send it again."
            ),
        )
    token = request.POST.get("idempotency_key", "")
    key = read_idempotency_token(token)
    if key is not None:
        existing = SupportRequest.objects.filter(idempotency_key=KEY_PREFIX + key).first()
        if existing is not None:  # sent twice, or a retry: the first question stands
            return redirect("portal:thanks", token=thanks_token(existing))
    sender = fingerprint(current.get().ip or request.META.get("REMOTE_ADDR", ""))
    if is_throttled(sender):
        response = render(
            request, "portal/throttled.html", {"municipality": municipality}, status=429
        )
        response["Retry-After"] = "3600"
        return response
    form = SupportQuestionForm(request.POST)
    valid = form.is_valid()
    if key is None:
        token = new_idempotency_token()
        form.add_error(
            None,
            _(
                "This form was open too long, or something went wrong. Check your answers "
                "and send the form again."
            ),
        )
        valid = False
    if not valid:
        return _render_form(request, municipality, form, token=token)
    with transaction.atomic():
        support_request, created = register_request(
            actor=None,
            municipality=municipality,
            channel=Channel.PORTAL,
            idempotency_key=KEY_PREFIX + key,
            submitter_fingerprint=sender,
            **form.registration_arguments(),
        )
        if created and support_request.email:
            transaction.on_commit(lambda: _send_confirmation_quietly(support_request))
    return redirect("portal:thanks", token=thanks_token(support_request))


def _send_confirmation_quietly(support_request: SupportRequest) -> None:
    """The question is saved; a failing mail server must not turn that into an error."""
    try:
        send_confirmation(support_request)
    except Exception:  # noqa: BLE001 - any backend error; logged without personal data
        logger.exception("confirmation e-mail for %s failed", support_request.reference)


@never_cache
@require_safe
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    """The reference and what happens next; never the question or personal details."""
    try:
        public_hex = signing.TimestampSigner(salt=THANKS_SALT).unsign(token, max_age=THANKS_MAX_AGE)
    except signing.SignatureExpired:
        return render(request, "portal/expired.html", status=410)
    except signing.BadSignature as exc:
        raise Http404 from exc
    support_request = (
        SupportRequest.objects.filter(public_id=public_hex, channel=Channel.PORTAL)
        .select_related("municipality", "team")
        .first()
    )
    if support_request is None:
        raise Http404
    return render(request, "portal/thanks.html", next_steps(support_request))
