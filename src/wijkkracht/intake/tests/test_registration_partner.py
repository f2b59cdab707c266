"""A professional registers a question on a resident's behalf: channel, referrer,
optional BSN (POST only, never in a URL), municipality limited to the user's own."""

from __future__ import annotations

import re

import pytest
from django.core import signing

from wijkkracht.audit.models import AuditEntry
from wijkkracht.intake.models import Channel, SupportRequest
from wijkkracht.intake.tests.question_helpers import current_address, english  # noqa: F401
from wijkkracht.intake.views import registration

pytestmark = pytest.mark.django_db

URL = "/intake/new/"
TOKEN = re.compile(r'name="idempotency_key" value="([^"]+)"')


def fresh_token(client) -> str:
    return TOKEN.search(client.get(URL).content.decode()).group(1)


def answers(cast, **overrides) -> dict:
    address = current_address(cast.mother)
    data = {
        "municipality": str(cast.mun_a.pk),
        "channel": "school",
        "referrer_name": "Meester Jansen",
        "referrer_organisation": str(cast.coordinator.organisation_id),
        "description": "De zoon komt vaak zonder ontbijt naar school.",
        "life_domains": ["domestic_relations"],
        "name": "Fatima Bakker",
        "date_of_birth": "12-04-1985",
        "bsn": cast.mother.bsn,
        "postcode": address.postcode,
        "house_number": str(address.house_number),
        "phone": "06 12345678",
        "consent_to_contact": "on",
        "contact_preference": "phone",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def register(client, cast, token=None, **overrides):
    data = answers(cast, **overrides)
    data["idempotency_key"] = token or fresh_token(client)
    return client.post(URL, data)


def test_the_form_offers_only_the_users_municipalities_and_staff_channels(cast, login_as):
    html = login_as(cast.coordinator).get(URL).content.decode()

    assert "Gemeente A" in html and "Gemeente B" not in html
    assert 'value="school"' in html and 'value="police"' in html
    assert 'value="portal"' not in html
    assert f'value="{cast.coordinator.organisation_id}" selected' in html


def test_registering_creates_a_routed_question_and_opens_it(cast, login_as):
    client = login_as(cast.coordinator)

    response = register(client, cast)

    question = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/intake/{question.public_id}/"
    assert question.channel == Channel.SCHOOL
    assert question.registered_by == cast.coordinator
    assert question.referrer_name == "Meester Jansen"
    assert question.referrer_organisation == cast.coordinator.organisation
    assert question.team.name == "Wijkteam A1"
    assert question.bsn == cast.mother.bsn
    assert question.date_of_birth.isoformat() == "1985-04-12"
    assert question.resident is None  # never linked without confirmation


def test_the_bsn_appears_in_no_url_and_no_audit_line(cast, login_as):
    client = login_as(cast.coordinator)

    response = register(client, cast)
    page = client.get(response["Location"])

    bsn = cast.mother.bsn
    assert bsn not in response["Location"]
    assert bsn not in page.content.decode()
    for line in AuditEntry.objects.all():
        assert bsn not in f"{line.object_id} {line.detail} {line.resident_pseudonym}"


def test_an_invalid_bsn_is_refused_and_not_echoed(cast, login_as):
    response = register(login_as(cast.coordinator), cast, bsn="123456789")

    html = response.content.decode()
    assert response.status_code == 200
    assert "BSN: this is not a valid citizen service number." in html
    assert "123456789" not in html
    assert not SupportRequest.objects.exists()


def test_a_municipality_of_someone_else_is_refused(cast, login_as):
    response = register(login_as(cast.coordinator), cast, municipality=str(cast.mun_b.pk))

    assert "Municipality: choose one of your municipalities." in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_the_portal_is_not_a_staff_channel(cast, login_as):
    response = register(login_as(cast.coordinator), cast, channel="portal")

    assert "Channel: choose from the list." in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_a_malformed_date_of_birth_names_the_field(cast, login_as):
    response = register(login_as(cast.coordinator), cast, date_of_birth="1985-13-45")

    assert "Date of birth: enter an existing date" in response.content.decode()


def test_sending_twice_registers_once(cast, login_as):
    client = login_as(cast.coordinator)
    token = fresh_token(client)

    first = register(client, cast, token=token)
    second = register(client, cast, token=token)

    assert SupportRequest.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_only_the_question_is_required(cast, login_as):
    response = register(
        login_as(cast.decision_officer),
        cast,
        referrer_name="",
        referrer_organisation="",
        life_domains=None,
        name="",
        date_of_birth="",
        bsn="",
        postcode="",
        house_number="",
        phone="",
        consent_to_contact=None,
        contact_preference="",
        channel="desk",
    )

    question = SupportRequest.objects.get()
    assert response["Location"] == f"/intake/{question.public_id}/"
    assert question.team is None and question.referrer_organisation is None


@pytest.mark.parametrize("who", ["policy_analyst", "privacy_officer", "admin"])
def test_roles_without_registration_get_404(cast, login_as, who):
    client = login_as(getattr(cast, who))

    assert client.get(URL).status_code == 404
    assert client.post(URL, answers(cast)).status_code == 404
    assert not SupportRequest.objects.exists()


def test_the_confirmation_page_shows_the_reference_to_the_registrant_only(cast, login_as):
    client = login_as(cast.decision_officer)
    register(client, cast, channel="desk")
    question = SupportRequest.objects.get()
    token = signing.TimestampSigner(salt=registration.REGISTERED_SALT).sign(question.public_id.hex)

    page = client.get(f"/intake/new/{token}/")

    assert page.status_code == 200 and question.reference in page.content.decode()
    assert "De zoon" not in page.content.decode()
    assert client.get(f"/intake/new/{question.public_id.hex}/").status_code == 404
    assert login_as(cast.coordinator).get(f"/intake/new/{token}/").status_code == 404
