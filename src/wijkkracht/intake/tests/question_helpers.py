"""Making questions for the registration, detail and matching tests through the real
use case (``register_request``), so routing and audit are as in production."""

from __future__ import annotations

import pytest
from django.utils import translation

from wijkkracht.intake.models import Channel
from wijkkracht.intake.registration import register_request


def current_address(resident):
    return resident.memberships.get(ended_on__isnull=True).household.address


def question_about(resident, *, actor=None, channel=Channel.PORTAL, **fields):
    """A question with the resident's surname, date of birth and current address."""
    address = current_address(resident)
    arguments = {
        "municipality": resident.municipality,
        "channel": channel,
        "description": "Ik kom er financieel niet meer uit.",
        "name": f"{resident.given_names} {resident.surname}",
        "date_of_birth": resident.date_of_birth,
        "postcode": address.postcode,
        "house_number": address.house_number,
    }
    arguments.update(fields)
    support_request, _created = register_request(actor=actor, **arguments)
    return support_request


@pytest.fixture(autouse=True)
def english(settings):
    """The assertions read the English msgids; the Dutch translation is tested apart.
    Imported by the registration, detail and matching test modules."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
