"""What a resident is told after sending a question: on the thank-you page and in the
confirmation e-mail. Only the reference and the next steps; never the question itself."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from wijkkracht.intake.models import SupportRequest


def next_steps(support_request: SupportRequest) -> dict:
    """Who will contact the resident, within how many working days, by which date."""
    municipality = support_request.municipality
    return {
        "reference": support_request.reference,
        "team_name": support_request.team.name if support_request.team_id else "",
        "municipality_name": municipality.name,
        "working_days": municipality.first_contact_days,
        "due": support_request.first_contact_due,
        "contact": support_request.consent_to_contact,
    }


def send_confirmation(support_request: SupportRequest) -> None:
    """Plain-text confirmation to the e-mail address the resident gave."""
    if not support_request.email:
        return
    context = next_steps(support_request)
    subject = _("We received your question (%(reference)s)") % {
        "reference": support_request.reference
    }
    body = render_to_string("portal/confirmation_email.txt", context)
    send_mail(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [support_request.email],
        fail_silently=False,
    )
