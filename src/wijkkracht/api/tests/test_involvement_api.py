from django.core import mail

from wijkkracht.api.tests.partners import bearer
from wijkkracht.audit.models import AuditEntry
from wijkkracht.involvements.models import Involvement, Notice, ReferralMatch

URL = "/api/v1/involvements/"


def post(client, partner, body, **claims):
    return client.post(URL, body, content_type="application/json", **bearer(partner, **claims))


def test_a_partner_reports_involvement_and_learns_only_that_a_match_was_signalled(
    cast, client, partner_a, django_capture_on_commit_callbacks
):
    partner_a.user.email = "signalen@woon-a.example"
    partner_a.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            partner_a,
            {"bsn": cast.mother.bsn, "reason": "Huurachterstand"},
            user_representation="Ilse Verbeek",
        )
    assert response.status_code == 201
    body = response.json()
    involvement = Involvement.objects.get(professional=partner_a.user)
    assert body["id"] == str(involvement.public_id)
    assert body["matches_signalled"] == 1
    assert body["expires_on"] == involvement.expires_on.isoformat()
    text = response.content.decode()
    for secret in (cast.coordinator.get_full_name(), "Sociaal Werk A", cast.mother.bsn):
        assert secret not in text
    assert involvement.contact_name == "Ilse Verbeek"
    to = {m.to[0]: m.body for m in mail.outbox}
    assert "Ilse Verbeek" in to[cast.coordinator.email]
    assert cast.coordinator.get_full_name() in to["signalen@woon-a.example"]
    assert AuditEntry.objects.get(object_type="referral_match").on_behalf_of == "Ilse Verbeek"


def test_a_second_report_returns_200_and_the_same_involvement(cast, client, partner_a):
    first = post(client, partner_a, {"bsn": cast.mother.bsn, "reason": "Huur"})
    again = post(client, partner_a, {"bsn": cast.mother.bsn, "reason": "Huur"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert again.json()["matches_signalled"] == 0
    assert ReferralMatch.objects.count() == 1
    assert Notice.objects.count() == 2


def test_a_resident_is_found_by_name_birth_date_and_postcode_for_the_household(
    cast, client, partner_a
):
    response = post(
        client,
        partner_a,
        {
            "name": "Bakker",
            "date_of_birth": cast.son.date_of_birth.isoformat(),
            "postcode": cast.household.address.postcode,
            "whole_household": True,
            "reason": "Overlast",
        },
    )
    assert response.status_code == 201
    assert response.json()["whole_household"] is True
    involvement = Involvement.objects.get(professional=partner_a.user)
    assert (involvement.resident, involvement.household) == (cast.son, cast.household)


def test_a_resident_of_another_municipality_is_not_found(cast, client, partner_b):
    response = post(client, partner_b, {"bsn": cast.mother.bsn, "reason": "Huur"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalid_params"]] == ["resident"]
    assert not Involvement.objects.filter(professional=partner_b.user).exists()


def test_incomplete_identification_is_a_problem_naming_the_missing_fields(cast, client, partner_a):
    response = post(client, partner_a, {"name": "Bakker", "reason": "Huur"})
    assert response.status_code == 400
    names = sorted(p["name"] for p in response.json()["invalid_params"])
    assert names == ["date_of_birth", "postcode"]


def test_staff_report_involvement_through_the_api_with_their_session(cast, client, login_as):
    login_as(cast.other_team)
    response = client.post(
        URL, {"bsn": cast.stranger.bsn, "reason": "Schuldhulp"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert Involvement.objects.filter(professional=cast.other_team, resident=cast.stranger).exists()
