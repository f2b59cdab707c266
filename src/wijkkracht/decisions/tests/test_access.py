"""Who sees a decision: decision officers of the municipality, the coordinator and the
professionals involved with the household; nobody else — a 404, audited."""

import pytest
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.decisions.models import Decision
from wijkkracht.decisions.tests.conftest import grant_terms

pytestmark = pytest.mark.django_db

SEES = {"decision_officer", "coordinator", "colleague", "team_lead"}
DOES_NOT_SEE = {"other_team", "outsider", "policy_analyst", "privacy_officer", "admin"}


@pytest.mark.parametrize("role", sorted(SEES | DOES_NOT_SEE))
def test_decision_page_by_role(cast, requested, client, role):
    from wijkkracht.conftest import login

    user = getattr(cast, role)
    login(client, user)
    response = client.get(reverse("decisions:detail", args=[requested.public_id]))
    assert response.status_code == (200 if role in SEES else 404)
    if role in SEES:
        assert "Fatima Bakker" in response.content.decode()
    else:
        assert (
            AuditEntry.objects.filter(
                username=user.username, outcome="denied", object_id=str(requested.public_id)
            ).exists()
            or AuditEntry.objects.filter(username=user.username, outcome="denied").exists()
        )


def test_the_resident_does_not_open_staff_pages(cast, requested, login_as):
    client = login_as(cast.resident_user)
    assert client.get(reverse("decisions:detail", args=[requested.public_id])).status_code == 404
    assert client.get(reverse("decisions:worklist")).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "colleague", "policy_analyst", "other_team"])
def test_only_decision_officers_have_the_work_list(cast, requested, login_as, role):
    assert login_as(getattr(cast, role)).get(reverse("decisions:worklist")).status_code == 404


def test_decision_officer_of_another_municipality_sees_nothing(cast, requested, login_as):
    from wijkkracht.accounts.tests.factories import UserFactory

    other = UserFactory(
        username="beschikker_b",
        organisation=cast.outsider.organisation,
        municipalities=[cast.mun_b],
        decision_officer=True,
        with_totp=True,
    )
    client = login_as(other)
    assert client.get(reverse("decisions:detail", args=[requested.public_id])).status_code == 404
    response = client.get(reverse("decisions:worklist"))
    assert response.status_code == 200
    assert str(requested.public_id) not in response.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "team_lead", "policy_analyst", "other_team"])
def test_only_decision_officers_grant(cast, requested, provider, login_as, role):
    terms = grant_terms(provider)
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in terms.items()}
    response = login_as(getattr(cast, role)).post(
        reverse("decisions:grant", args=[requested.public_id]), data
    )
    assert response.status_code == 404
    assert Decision.objects.get(pk=requested.pk).status == "requested"


def test_policy_analyst_sees_no_person_anywhere(cast, granted, login_as):
    client = login_as(cast.policy_analyst)
    for name in ("worklist", "tasks"):
        assert client.get(reverse(f"decisions:{name}")).status_code == 404
    assert Decision.objects.visible_to(cast.policy_analyst).count() == 0


def test_the_letter_follows_the_same_access(cast, granted, login_as):
    url = reverse("decisions:letter", args=[granted.public_id])
    assert login_as(cast.other_team).get(url).status_code == 404
    assert login_as(cast.coordinator).get(url).status_code == 200


def test_other_team_cannot_request_for_the_case(cast, case, plan_action, login_as):
    url = reverse("decisions:request", args=[case.public_id])
    assert login_as(cast.other_team).get(url).status_code == 404
    assert login_as(cast.coordinator).get(url).status_code == 200


def test_decision_officer_cannot_request(cast, case, plan_action, login_as):
    url = reverse("decisions:request", args=[case.public_id])
    assert login_as(cast.decision_officer).get(url).status_code == 404
