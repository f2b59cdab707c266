import pytest

from wijkkracht.audit.models import AuditEntry, Outcome

SEES_HOUSEHOLD = {"coordinator", "colleague", "team_lead"}
NO_PERSONS = {"other_team", "outsider", "decision_officer"}
NO_CAPABILITY = {"policy_analyst", "privacy_officer", "admin"}


def _url(kind, obj):
    return f"/api/v1/{kind}/{obj.public_id}/"


@pytest.mark.parametrize("who", sorted(SEES_HOUSEHOLD | NO_PERSONS | NO_CAPABILITY))
def test_resident_endpoint_follows_need_to_know(cast, client, login_as, who):
    login_as(cast.staff()[who])
    response = client.get(_url("residents", cast.mother))
    if who in SEES_HOUSEHOLD:
        assert response.status_code == 200
        assert response.json()["surname"] == "Bakker"
    elif who in NO_PERSONS:
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    else:
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("who", sorted(SEES_HOUSEHOLD | NO_PERSONS))
def test_household_endpoint_follows_need_to_know(cast, client, login_as, who):
    login_as(cast.staff()[who])
    response = client.get(_url("households", cast.household))
    assert response.status_code == (200 if who in SEES_HOUSEHOLD else 404)
    if response.status_code == 200:
        names = {m["resident"]["given_names"] for m in response.json()["members"]}
        assert names == {"Fatima", "Daan"}


def test_resident_of_other_municipality_is_404_even_with_an_involvement_there(
    cast, client, login_as
):
    login_as(cast.coordinator)
    assert client.get(_url("residents", cast.resident_b)).status_code == 404


def test_anonymous_gets_problem_json_401_or_403(cast, client):
    response = client.get(_url("residents", cast.mother))
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"


def test_staff_without_second_factor_cannot_use_the_api(cast, client):
    client.force_login(cast.coordinator)
    assert client.get(_url("residents", cast.mother)).status_code in (401, 403)


def test_api_never_returns_a_bsn(cast, client, login_as):
    login_as(cast.coordinator)
    body = client.get(_url("households", cast.household)).content.decode()
    assert cast.mother.bsn not in body and cast.son.bsn not in body


def test_reads_and_denials_are_audited(cast, client, login_as):
    login_as(cast.other_team)
    client.get(_url("residents", cast.mother))
    line = AuditEntry.objects.latest("seq")
    assert line.outcome == Outcome.DENIED
    assert line.resident_pseudonym == str(cast.mother.public_id)
    assert line.username == "other_team"
