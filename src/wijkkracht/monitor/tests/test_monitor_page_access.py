"""Policy analysts and team leads see the monitor; everyone else gets a 404; anonymous
visitors go to the login page."""

import pytest
from django.urls import NoReverseMatch, reverse

from wijkkracht.audit.models import AuditEntry

INDEX = reverse("monitor:index")
EXPORT = reverse("monitor:export")
ALLOWED = ["policy_analyst", "team_lead"]
REFUSED = [
    "coordinator",
    "colleague",
    "other_team",
    "outsider",
    "decision_officer",
    "privacy_officer",
    "admin",
]


@pytest.mark.parametrize("role", ALLOWED)
def test_policy_analyst_and_team_lead_see_the_monitor(cast, login_as, role):
    assert login_as(cast.staff()[role]).get(INDEX).status_code == 200


@pytest.mark.parametrize("role", ALLOWED)
def test_policy_analyst_and_team_lead_may_export(cast, login_as, role):
    response = login_as(cast.staff()[role]).post(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize("role", REFUSED)
def test_other_staff_get_404_on_the_monitor_and_export(cast, login_as, role):
    client = login_as(cast.staff()[role])
    assert client.get(INDEX).status_code == 404
    before = AuditEntry.objects.count()
    assert client.post(EXPORT).status_code == 404
    # No export happened: the only line is the denied attempt.
    lines = list(AuditEntry.objects.order_by("seq")[before:])
    assert [(line.action, line.outcome) for line in lines] == [("read", "denied")]


def test_a_resident_gets_404_on_the_monitor_and_export(cast, login_as):
    client = login_as(cast.resident_user)
    assert client.get(INDEX).status_code == 404
    assert client.post(EXPORT).status_code == 404


@pytest.mark.parametrize(("method", "url"), [("get", INDEX), ("post", EXPORT)])
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, settings, method, url):
    try:
        login_url = reverse("accounts:login")
    except NoReverseMatch:  # the login page is built elsewhere; until then, the plain path
        login_url = settings.LOGIN_URL = "/accounts/login/"
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(login_url)
