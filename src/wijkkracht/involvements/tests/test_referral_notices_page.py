import datetime

import pytest
from django.utils import timezone

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.audit.models import Action, AuditEntry
from wijkkracht.involvements.models import Involvement
from wijkkracht.involvements.referral_index import register_involvement
from wijkkracht.organisations.tests.factories import OrganisationFactory

URL = "/access/matches/"


@pytest.fixture
def housing(cast):
    organisation = OrganisationFactory(
        name="Woonstichting A", email="info@woon.example", municipalities=[cast.mun_a]
    )
    return UserFactory(
        username="woonconsulent",
        first_name="Ilse",
        last_name="Verbeek",
        phone="06-11112222",
        organisation=organisation,
        municipalities=[cast.mun_a],
        with_totp=True,
    )


@pytest.fixture
def matched(cast, housing):
    Involvement.objects.filter(professional=cast.coordinator).update(reason="Schuldhulp na ontslag")
    return register_involvement(actor=housing, resident=cast.mother, reason="Huurachterstand")


def test_the_coordinator_sees_the_other_side_and_the_expiry_date(cast, login_as, housing, matched):
    response = login_as(cast.coordinator).get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    for shown in ("Ilse Verbeek", "Woonstichting A", "06-11112222", housing.email, "Fatima Bakker"):
        assert shown in html
    expires = min(
        matched.expires_on, Involvement.objects.get(professional=cast.coordinator).expires_on
    )
    assert expires.strftime("%d-%m-%Y") in html
    for hidden in ("Huurachterstand", "Schuldhulp na ontslag", cast.mother.bsn):
        assert hidden not in html


def test_viewing_notices_is_audited_per_notice(cast, login_as, matched):
    login_as(cast.coordinator).get(URL)
    line = AuditEntry.objects.filter(object_type="referral_notice").get()
    assert (line.action, line.username) == (Action.READ, "coordinator")
    assert line.resident_pseudonym == str(cast.mother.public_id)


@pytest.mark.parametrize("who", ["colleague", "other_team", "outsider", "team_lead"])
def test_other_professionals_see_no_notices(cast, login_as, matched, who):
    response = login_as(cast.staff()[who]).get(URL)
    assert response.status_code == 200
    assert b"Verbeek" not in response.content
    assert not AuditEntry.objects.filter(object_type="referral_notice").exists()


@pytest.mark.parametrize("who", ["policy_analyst", "privacy_officer", "admin"])
def test_roles_without_the_referral_index_get_404(cast, login_as, matched, who):
    assert login_as(cast.staff()[who]).get(URL).status_code == 404


def test_a_notice_disappears_when_the_other_involvement_expires(cast, login_as, matched):
    Involvement.objects.filter(pk=matched.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=400)
    )
    response = login_as(cast.coordinator).get(URL)
    assert b"Verbeek" not in response.content


def test_the_page_uses_a_constant_number_of_queries(
    cast, login_as, housing, matched, django_assert_max_num_queries
):
    client = login_as(cast.coordinator)
    client.get(URL)
    for n in range(3):
        other = UserFactory(
            organisation=OrganisationFactory(municipalities=[cast.mun_a]),
            municipalities=[cast.mun_a],
        )
        register_involvement(actor=other, resident=cast.mother, reason=f"r{n}")
    with django_assert_max_num_queries(25):
        response = client.get(URL)
    assert response.content.decode().count("utrecht-table__row") == 5  # header + 4
