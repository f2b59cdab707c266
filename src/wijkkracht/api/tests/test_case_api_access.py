"""Who reads which case through the API: the involved partner's system, not an
uninvolved one, not one of another municipality, not without the scope; staff as on the
pages."""

import pytest

from wijkkracht.api.models import Scope
from wijkkracht.api.tests.cases import partner_client, write_plan
from wijkkracht.api.tests.partners import bearer
from wijkkracht.cases.participants import end_participation
from wijkkracht.involvements.models import Involvement
from wijkkracht.involvements.referral_index import register_involvement
from wijkkracht.involvements.tests.factories import InvolvementFactory

LIST = "/api/v1/cases/"


def _detail(case):
    return f"/api/v1/cases/{case.public_id}/"


def _plan(case):
    return f"/api/v1/cases/{case.public_id}/plan/"


def test_the_involved_partner_lists_and_reads_the_case(cast, client, bakker_case, involved_partner):
    listed = client.get(LIST, **bearer(involved_partner))
    assert listed.status_code == 200
    assert [c["id"] for c in listed.json()["results"]] == [str(bakker_case.public_id)]
    detail = client.get(_detail(bakker_case), **bearer(involved_partner))
    assert detail.status_code == 200
    body = detail.json()
    assert body["status"] == "intake"
    assert body["coordinator"] == {
        "name": cast.coordinator.get_full_name(),
        "organisation": "Sociaal Werk A",
    }
    assert [(p["name"], p["role"]) for p in body["participants"]] == [
        ("Gerrit Zorg", "Ambulant begeleider")
    ]
    assert {m["given_names"] for m in body["household"]["members"]} == {"Fatima", "Daan"}
    assert body["escalated"] is False
    assert body["plan"] is None


def test_an_uninvolved_partner_sees_no_case(cast, client, bakker_case, involved_partner):
    other = partner_client(cast.mun_a, "woon-other")
    assert client.get(LIST, **bearer(other)).json()["results"] == []
    response = client.get(_detail(bakker_case), **bearer(other))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert client.get(_plan(bakker_case), **bearer(other)).status_code == 404


def test_a_reported_involvement_does_not_open_the_case(cast, client, bakker_case):
    reporter = partner_client(cast.mun_a, "woon-reporter")
    register_involvement(actor=reporter.user, resident=cast.mother, reason="Huurachterstand")
    assert Involvement.objects.filter(professional=reporter.user, grants_access=False).exists()
    assert client.get(LIST, **bearer(reporter)).json()["results"] == []
    assert client.get(_detail(bakker_case), **bearer(reporter)).status_code == 404


def test_the_same_organisation_working_for_another_municipality_sees_nothing_here(
    cast, client, bakker_case, involved_partner
):
    """The organisation is involved in A; its system for B only works in B."""
    elsewhere = partner_client(cast.mun_b, "ggz-b")
    elsewhere.user.organisation = involved_partner.user.organisation
    elsewhere.user.save()
    assert client.get(LIST, **bearer(elsewhere)).json()["results"] == []
    assert client.get(_detail(bakker_case), **bearer(elsewhere)).status_code == 404


def test_an_ended_participation_closes_the_case_again(cast, client, bakker_case, involved_partner):
    participant = bakker_case.participants.get()
    end_participation(case=bakker_case, participant=participant, actor=cast.coordinator)
    assert client.get(_detail(bakker_case), **bearer(involved_partner)).status_code == 404


@pytest.mark.parametrize(
    ("url", "scope"),
    [
        (LIST, "cases.read"),
        ("detail", "cases.read"),
        ("plan", "plans.read"),
        ("version", "plans.read"),
    ],
)
def test_without_the_scope_the_partner_gets_403_naming_it(
    cast, client, bakker_case, involved_partner, url, scope
):
    write_plan(bakker_case, cast, mother=cast.mother)
    involved_partner.scopes = [s for s in Scope.values if s != scope]
    involved_partner.save()
    path = {
        LIST: LIST,
        "detail": _detail(bakker_case),
        "plan": _plan(bakker_case),
        "version": _plan(bakker_case) + "versions/1/",
    }[url]
    response = client.get(path, **bearer(involved_partner))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["missing_scope"] == scope


def test_cases_read_alone_does_not_open_the_plan(cast, client, bakker_case, involved_partner):
    write_plan(bakker_case, cast, mother=cast.mother)
    involved_partner.scopes = [Scope.CASES_READ]
    involved_partner.save()
    assert client.get(_detail(bakker_case), **bearer(involved_partner)).status_code == 200
    assert client.get(_plan(bakker_case), **bearer(involved_partner)).status_code == 403


def test_anonymous_callers_get_a_problem(client, bakker_case):
    response = client.get(_detail(bakker_case))
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("coordinator", True),
        ("colleague", True),
        ("team_lead", True),
        ("other_team", False),
        ("outsider", False),
        ("decision_officer", False),
        ("policy_analyst", False),
        ("privacy_officer", False),
    ],
)
def test_staff_read_cases_as_on_the_pages(cast, client, login_as, bakker_case, who, sees):
    login_as(cast.staff()[who])
    response = client.get(_detail(bakker_case))
    assert response.status_code == (200 if sees else 404)
    listed = client.get(LIST)
    ids = [c["id"] for c in listed.json()["results"]] if listed.status_code == 200 else []
    assert (str(bakker_case.public_id) in ids) is sees


def test_an_involvement_with_one_member_opens_the_households_case(cast, client, bakker_case):
    """As on the pages: access to a current member opens the household."""
    partner = partner_client(cast.mun_a, "ggz-member")
    InvolvementFactory(
        resident=cast.son,
        household=None,
        professional=partner.user,
        organisation=partner.user.organisation,
        grants_access=True,
    )
    assert client.get(_detail(bakker_case), **bearer(partner)).status_code == 200


def test_an_expired_involvement_opens_nothing(cast, client, bakker_case):
    partner = partner_client(cast.mun_a, "ggz-expired")
    InvolvementFactory(
        resident=cast.mother,
        household=cast.household,
        professional=partner.user,
        organisation=partner.user.organisation,
        grants_access=True,
        expired=True,
    )
    assert client.get(_detail(bakker_case), **bearer(partner)).status_code == 404
