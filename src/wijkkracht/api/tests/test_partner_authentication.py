import time

import pytest

from wijkkracht.api.tests.partners import bearer, token
from wijkkracht.audit.models import AuditEntry
from wijkkracht.intake.models import SupportRequest

URL = "/api/v1/support-requests/"
QUESTION = {"channel": "partner", "description": "Huurachterstand, zorgen om het gezin."}


def post(client, headers):
    return client.post(URL, QUESTION, content_type="application/json", **headers)


def test_a_valid_token_authenticates_as_the_service_user(cast, client, partner_a):
    response = post(client, bearer(partner_a))
    assert response.status_code == 201
    question = SupportRequest.objects.get()
    assert question.registered_by == partner_a.user
    assert question.api_client == partner_a
    assert question.referrer_organisation == partner_a.user.organisation


def test_the_professional_named_in_the_token_is_recorded_as_on_behalf_of(cast, client, partner_a):
    post(client, bearer(partner_a, user_id="p123", user_representation="Ilse Verbeek"))
    line = AuditEntry.objects.filter(object_type="support_request").latest("seq")
    assert line.username == partner_a.user.username
    assert line.role == "partner_system"
    assert line.on_behalf_of == "Ilse Verbeek"
    assert SupportRequest.objects.get().referrer_name == "Ilse Verbeek"


def test_the_issuer_claim_may_name_the_client(cast, client, partner_a):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token(partner_a, client_id=None, iss='woon-a')}"}
    assert post(client, headers).status_code == 201


@pytest.mark.parametrize(
    ("claims", "secret", "detail"),
    [
        ({}, "not-the-secret-of-this-client-at-all", "signature"),
        ({"iat": int(time.time()) - 3601}, None, "older than one hour"),
        ({"iat": int(time.time()) + 600}, None, "future"),
        ({"iat": None}, None, "iat"),
        ({"client_id": "nobody"}, None, "Unknown client_id"),
    ],
    ids=["wrong secret", "expired", "from the future", "without iat", "unknown client"],
)
def test_a_bad_token_is_a_401_problem_with_a_clear_detail(
    cast, client, partner_a, claims, secret, detail
):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token(partner_a, secret=secret, **claims)}"}
    response = post(client, headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401
    assert detail in body["detail"]
    assert not SupportRequest.objects.exists()


def test_an_inactive_client_is_refused(cast, client, partner_a):
    partner_a.is_active = False
    partner_a.save()
    response = post(client, bearer(partner_a))
    assert response.status_code == 401
    assert "not active" in response.json()["detail"]


def test_a_token_of_another_algorithm_is_refused(cast, client, partner_a):
    import jwt

    unsigned = jwt.encode(
        {"client_id": partner_a.client_id, "iat": int(time.time())}, None, algorithm="none"
    )
    response = post(client, {"HTTP_AUTHORIZATION": f"Bearer {unsigned}"})
    assert response.status_code == 401


def test_garbage_in_the_header_is_a_401(cast, client, partner_a):
    response = post(client, {"HTTP_AUTHORIZATION": "Bearer not.a.jwt"})
    assert response.status_code == 401
    assert response.json()["detail"] == "The bearer token is not a valid JWT."


def test_without_credentials_the_api_answers_401_with_a_challenge(cast, client):
    response = post(client, {})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_staff_sessions_still_work_next_to_tokens(cast, client, login_as):
    login_as(cast.coordinator)
    assert client.get(f"/api/v1/residents/{cast.mother.public_id}/").status_code == 200
