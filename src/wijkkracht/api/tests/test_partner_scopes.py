import pytest

from wijkkracht.api.models import Scope
from wijkkracht.api.tests.partners import bearer, make_api_client
from wijkkracht.audit.models import AuditEntry, Outcome
from wijkkracht.intake.models import SupportRequest

QUESTION = {"channel": "school", "description": "Leerling komt vaak zonder ontbijt."}
INVOLVEMENT = {"bsn": None, "reason": "Huurachterstand"}


@pytest.mark.parametrize(
    ("method", "url", "body", "scope"),
    [
        ("post", "/api/v1/support-requests/", QUESTION, "intake.create"),
        ("get", "/api/v1/support-requests/{question}/", None, "intake.read"),
        ("post", "/api/v1/involvements/", INVOLVEMENT, "involvement.create"),
    ],
)
def test_a_client_without_the_scope_gets_403_naming_the_scope(
    cast, client, method, url, body, scope
):
    everything_else = [s for s in Scope.values if s != scope]
    partner = make_api_client(cast.mun_a, client_id="limited", scopes=everything_else)
    question = SupportRequest.objects.create(
        municipality=cast.mun_a,
        channel="partner",
        description="x",
        api_client=partner,
        first_contact_due="2030-01-01",
    )
    if body is not None and "bsn" in body:
        body = {**body, "bsn": cast.mother.bsn}
    call = getattr(client, method)
    kwargs = {"content_type": "application/json"} if body is not None else {}
    response = call(
        url.format(question=question.public_id),
        body or {},
        **kwargs,
        **bearer(partner),
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["missing_scope"] == scope
    assert scope in problem["detail"]
    assert AuditEntry.objects.latest("seq").outcome == Outcome.DENIED


def test_a_partner_system_cannot_use_staff_endpoints(cast, client, partner_a):
    response = client.get(f"/api/v1/residents/{cast.mother.public_id}/", **bearer(partner_a))
    assert response.status_code == 404
    response = client.post(
        "/api/v1/residents/search/",
        {"name": "bakker"},
        content_type="application/json",
        **bearer(partner_a),
    )
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["policy_analyst", "privacy_officer", "admin"])
def test_staff_without_the_capability_still_get_404(cast, client, login_as, who):
    login_as(cast.staff()[who])
    response = client.post("/api/v1/support-requests/", QUESTION, content_type="application/json")
    assert response.status_code == 404
    assert not SupportRequest.objects.exists()
