"""An anonymous resident sends a question: one question, routed, then a thank-you page
that shows the reference and the next steps, never the question or personal details."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.intake.models import Channel, SupportRequest
from wijkkracht.intake.registration import fingerprint
from wijkkracht.portal import views
from wijkkracht.portal.tests.helpers import fresh_token, send

pytestmark = pytest.mark.django_db


def address_fields(address) -> dict:
    return {"postcode": address.postcode, "house_number": str(address.house_number)}


def test_anonymous_question_is_routed_to_the_team_of_the_neighbourhood(client, cast):
    response = send(client, cast.mun_a, **address_fields(cast.household.address))

    assert response.status_code == 302
    question = SupportRequest.objects.get()
    assert question.channel == Channel.PORTAL
    assert question.team.name == "Wijkteam A1"
    assert question.municipality == cast.mun_a
    assert question.registered_by is None
    assert question.address == cast.household.address
    assert question.life_domains == ["finances"]
    assert question.consent_to_contact is True
    assert question.submitter_fingerprint == fingerprint("192.0.2.10")
    assert question.idempotency_key
    assert response["Location"].startswith("/hulp/bedankt/")
    line = AuditEntry.objects.get(object_type="support_request")
    assert line.object_id == str(question.public_id) and line.user_id_value is None


def test_address_of_another_neighbourhood_goes_to_its_own_team(client, cast):
    stranger_address = cast.stranger.memberships.get().household.address
    send(client, cast.mun_a, **address_fields(stranger_address))

    assert SupportRequest.objects.get().team.name == "Wijkteam A2"


def test_unknown_address_goes_to_the_municipality_queue(client, cast):
    response = send(client, cast.mun_a, postcode="9999 ZZ", house_number="1")

    question = SupportRequest.objects.get()
    assert question.team is None and question.address is None
    page = client.get(response["Location"])
    assert "Gemeente A" in page.content.decode()


def test_only_the_question_itself_is_required(client, cast):
    response = send(
        client,
        cast.mun_a,
        life_domains=None,
        consent_to_contact=None,
        contact_preference="",
        contact_moment="",
        name="",
        phone="",
    )

    assert response.status_code == 302
    question = SupportRequest.objects.get()
    assert question.name == "" and question.phone == "" and question.team is None
    assert question.consent_to_contact is False


def test_double_submit_with_the_same_key_creates_one_question(client, cast):
    token = fresh_token(client, cast.mun_a)

    first = send(client, cast.mun_a, token=token)
    second = send(client, cast.mun_a, token=token, description="Nog een keer verstuurd")

    assert SupportRequest.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert SupportRequest.objects.get().description.startswith("Ik heb schulden")


def test_every_form_gets_its_own_key(client, cast):
    send(client, cast.mun_a)
    send(client, cast.mun_a)

    assert SupportRequest.objects.count() == 2


def test_a_made_up_key_is_refused_and_nothing_is_written(client, cast):
    response = send(client, cast.mun_a, token="my-own-key")

    assert response.status_code == 200
    assert "This form was open too long" in response.content.decode()
    assert not SupportRequest.objects.exists()
    assert not AuditEntry.objects.exists()


def test_showing_the_form_writes_nothing(client, cast):
    response = client.get(reverse("portal:municipality_form", args=[cast.mun_a.code]))

    assert response.status_code == 200
    assert not SupportRequest.objects.exists() and not AuditEntry.objects.exists()


def test_thank_you_page_shows_reference_and_next_steps_but_no_personal_data(client, cast):
    response = send(client, cast.mun_a, **address_fields(cast.household.address))
    question = SupportRequest.objects.get()

    page = client.get(response["Location"])

    html = page.content.decode()
    assert page.status_code == 200
    assert question.reference in html
    assert "Wijkteam A1" in html
    assert f"within {cast.mun_a.first_contact_days} working days" in html
    assert str(question.first_contact_due.day) in html
    assert "schulden" not in html
    assert "Fatima" not in html and "06 12345678" not in html
    assert question.reference not in response["Location"]
    assert page["Cache-Control"].startswith("max-age=0")


def test_thank_you_page_cannot_be_opened_with_a_made_up_token(client, cast):
    send(client, cast.mun_a)
    question = SupportRequest.objects.get()

    forged = client.get(f"/hulp/bedankt/{question.public_id.hex}:abc/")
    unsigned = client.get(f"/hulp/bedankt/{question.reference}/")

    assert forged.status_code == 404 and unsigned.status_code == 404


def test_thank_you_page_expires_after_a_day(client, cast, monkeypatch):
    response = send(client, cast.mun_a)
    monkeypatch.setattr(views, "THANKS_MAX_AGE", -1)

    page = client.get(response["Location"])

    assert page.status_code == 410
    assert SupportRequest.objects.get().reference not in page.content.decode()


def test_thank_you_token_is_signed_public_id(cast):
    question = SupportRequest(first_contact_due=dt.date(2025, 1, 1))
    token = views.thanks_token(question)

    signer = signing.TimestampSigner(salt=views.THANKS_SALT)
    assert signer.unsign(token) == question.public_id.hex
