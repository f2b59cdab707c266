"""Oversized or malformed input is refused with a message that names the field, and
nothing is written. Only the question is required; contact details only when the
resident wants contact."""

from __future__ import annotations

import pytest

from wijkkracht.audit.models import AuditEntry
from wijkkracht.intake.models import SupportRequest
from wijkkracht.portal import views
from wijkkracht.portal.tests.helpers import answers, form_url, fresh_token, send

pytestmark = pytest.mark.django_db


def refused(response) -> str:
    assert response.status_code == 200
    assert not SupportRequest.objects.exists()
    assert not AuditEntry.objects.exists()
    return response.content.decode()


def test_a_question_over_5000_characters_is_refused_with_a_clear_message(client, cast):
    html = refused(send(client, cast.mun_a, description="a" * 5001))

    assert "What is going on: your text is too long. Use at most 5000 characters." in html
    assert "You used 5001." in html


def test_a_question_of_exactly_5000_characters_is_accepted(client, cast):
    response = send(client, cast.mun_a, description="a" * 5000)

    assert response.status_code == 302
    assert len(SupportRequest.objects.get().description) == 5000


def test_an_empty_question_is_refused(client, cast):
    html = refused(send(client, cast.mun_a, description="   "))

    assert "What is going on: tell us in a few words what is going on." in html


def test_a_request_body_over_the_limit_is_refused_before_reading_the_form(client, cast):
    token = fresh_token(client, cast.mun_a)
    data = answers(description="a" * (views.MAX_BODY_BYTES + 1))
    data["idempotency_key"] = token

    response = client.post(form_url(cast.mun_a), data)

    assert response.status_code == 413
    assert "What you sent is too long. Nothing was saved." in response.content.decode()
    assert not SupportRequest.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "12345", "Postcode: use four digits and two letters"),
        ("email", "fatima.example.nl", "E-mail address: this is not an e-mail address."),
        ("date_of_birth", "31-02-1985", "Date of birth: enter an existing date"),
        ("date_of_birth", "01-01-2999", "Date of birth: this date is in the future."),
        ("phone", "bel me maar", "Phone number: use digits only"),
        ("house_number", "12a", "House number: enter a number, without letter or addition."),
        ("house_number_addition", "<b>", "Addition: use letters or digits only"),
        ("contact_preference", "pigeon", "How to contact you: choose from the list."),
        ("life_domains", ["gossip"], "What is it about: choose from the list."),
    ],
)
def test_malformed_fields_get_a_message_naming_the_field(client, cast, field, value, message):
    overrides = {field: value}
    if field in {"postcode", "house_number"}:
        overrides.update({"postcode": "1234 AB", "house_number": "12"} | overrides)

    html = refused(send(client, cast.mun_a, **overrides))

    assert message in html
    assert 'aria-invalid="true"' in html or "utrecht-form-fieldset--invalid" in html


def test_consent_without_any_way_to_reach_asks_for_one(client, cast):
    html = refused(send(client, cast.mun_a, contact_preference="", phone=""))

    assert "Fill in at least one way to reach you" in html


def test_a_chosen_way_of_contact_needs_its_detail(client, cast):
    html = refused(send(client, cast.mun_a, contact_preference="email", email=""))

    assert "E-mail address: fill in your e-mail address" in html


def test_a_home_visit_needs_an_address(client, cast):
    html = refused(send(client, cast.mun_a, contact_preference="visit"))

    assert "Postcode: fill in your postcode and house number, so we can visit you." in html


def test_a_way_of_contact_without_consent_asks_for_the_tick(client, cast):
    html = refused(send(client, cast.mun_a, consent_to_contact=None))

    assert "Contact: tick the box if you want us to contact you." in html


def test_house_number_without_postcode_is_refused(client, cast):
    html = refused(send(client, cast.mun_a, house_number="12"))

    assert "Postcode: fill in the postcode together with the house number." in html


def test_errors_keep_what_was_typed_and_the_same_key(client, cast):
    token = fresh_token(client, cast.mun_a)

    html = refused(send(client, cast.mun_a, token=token, email="not-an-address"))

    assert "Ik heb schulden" in html
    assert f'value="{token}"' in html
    assert 'href="#id_email"' in html  # the error summary links to the field
