"""The fixed cast for access tests (after Healthchecks' hc/test.py), shared by all apps.

Municipality A has two neighbourhood teams. The Bakker household (mother and son) lives
in A; the coordinator of team A1 is involved with it. Municipality B is another tenant."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.models import User
from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.areas.tests.factories import (
    AddressFactory,
    DistrictFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
)
from wijkkracht.households.models import Household, HouseholdMembership
from wijkkracht.households.tests.factories import HouseholdFactory, HouseholdMembershipFactory
from wijkkracht.involvements.tests.factories import InvolvementFactory
from wijkkracht.organisations.models import Organisation
from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.residents.models import Resident
from wijkkracht.residents.tests.factories import ResidentFactory
from wijkkracht.teams.models import TeamMembership
from wijkkracht.teams.tests.factories import TeamFactory


@dataclass
class Cast:
    mun_a: object
    mun_b: object
    coordinator: User
    colleague: User
    other_team: User
    outsider: User
    team_lead: User
    decision_officer: User
    policy_analyst: User
    privacy_officer: User
    admin: User
    resident_user: User
    mother: Resident
    son: Resident
    stranger: Resident
    resident_b: Resident
    household: Household
    household_b: Household

    def staff(self) -> dict[str, User]:
        return {
            "coordinator": self.coordinator,
            "colleague": self.colleague,
            "other_team": self.other_team,
            "outsider": self.outsider,
            "team_lead": self.team_lead,
            "decision_officer": self.decision_officer,
            "policy_analyst": self.policy_analyst,
            "privacy_officer": self.privacy_officer,
            "admin": self.admin,
        }


@pytest.fixture
def cast(db) -> Cast:
    mun_a = MunicipalityFactory(code="GM9001", name="Gemeente A")
    mun_b = MunicipalityFactory(code="GM9002", name="Gemeente B")
    dist_a = DistrictFactory(municipality=mun_a, code="WK900101")
    nb_a1 = NeighbourhoodFactory(district=dist_a, code="BU90010101")
    nb_a2 = NeighbourhoodFactory(district=dist_a, code="BU90010102")
    nb_b1 = NeighbourhoodFactory(
        district=DistrictFactory(municipality=mun_b, code="WK900201"), code="BU90020101"
    )
    social = OrganisationFactory(name="Sociaal Werk A", municipalities=[mun_a])
    municipal = OrganisationFactory(
        name="Gemeente A (organisatie)", kind=Organisation.Kind.MUNICIPALITY, municipalities=[mun_a]
    )
    social_b = OrganisationFactory(name="Welzijn B", municipalities=[mun_b])
    team_a1 = TeamFactory(
        municipality=mun_a, organisation=social, name="Wijkteam A1", neighbourhoods=[nb_a1]
    )
    team_a2 = TeamFactory(
        municipality=mun_a, organisation=social, name="Wijkteam A2", neighbourhoods=[nb_a2]
    )
    team_b1 = TeamFactory(
        municipality=mun_b, organisation=social_b, name="Wijkteam B1", neighbourhoods=[nb_b1]
    )

    def staff(username, team=None, lead=False, organisation=social, municipality=mun_a, **kw):
        user = UserFactory(
            username=username,
            organisation=organisation,
            municipalities=[municipality],
            with_totp=True,
            **kw,
        )
        if team is not None:
            TeamMembership.objects.create(team=team, user=user, is_lead=lead)
        return user

    coordinator = staff("coordinator", team_a1)
    colleague = staff("colleague", team_a1)
    other_team = staff("other_team", team_a2)
    outsider = staff("outsider", team_b1, organisation=social_b, municipality=mun_b)
    team_lead = staff("team_lead", team_a1, lead=True, team_lead=True)
    decision_officer = staff("decision_officer", organisation=municipal, decision_officer=True)
    policy_analyst = staff("policy_analyst", organisation=municipal, policy_analyst=True)
    privacy_officer = staff("privacy_officer", organisation=municipal, privacy_officer=True)
    admin = staff("admin", organisation=municipal, functional_admin=True)

    household = HouseholdFactory(address=AddressFactory(neighbourhood=nb_a1))
    mother = HouseholdMembershipFactory(
        household=household,
        resident__given_names="Fatima",
        resident__surname="Bakker",
        resident__date_of_birth=datetime.date(1985, 4, 12),
    ).resident
    son = HouseholdMembershipFactory(
        household=household,
        relation=HouseholdMembership.Relation.CHILD,
        resident__given_names="Daan",
        resident__surname="Bakker",
        resident__date_of_birth=datetime.date(2012, 9, 3),
    ).resident
    stranger = ResidentFactory(
        municipality=mun_a,
        given_names="Pieter",
        surname="Bakker",
        date_of_birth=datetime.date(1960, 1, 1),
    )
    HouseholdMembershipFactory(
        household=HouseholdFactory(address=AddressFactory(neighbourhood=nb_a2)), resident=stranger
    )
    household_b = HouseholdFactory(address=AddressFactory(neighbourhood=nb_b1))
    resident_b = HouseholdMembershipFactory(
        household=household_b,
        resident__given_names="Fatima",
        resident__surname="Bakker",
    ).resident
    InvolvementFactory(
        resident=mother,
        household=household,
        professional=coordinator,
        team=team_a1,
        organisation=social,
    )
    InvolvementFactory(
        resident=resident_b,
        household=household_b,
        professional=outsider,
        team=team_b1,
        organisation=social_b,
    )
    resident_user = UserFactory(
        username="inwoner",
        resident_account=True,
        resident=mother,
        first_name="Fatima",
        last_name="Bakker",
    )
    return Cast(
        mun_a=mun_a,
        mun_b=mun_b,
        coordinator=coordinator,
        colleague=colleague,
        other_team=other_team,
        outsider=outsider,
        team_lead=team_lead,
        decision_officer=decision_officer,
        policy_analyst=policy_analyst,
        privacy_officer=privacy_officer,
        admin=admin,
        resident_user=resident_user,
        mother=mother,
        son=son,
        stranger=stranger,
        resident_b=resident_b,
        household=household,
        household_b=household_b,
    )


def login(client, user: User) -> None:
    """Log in as after password and second factor."""
    client.force_login(user)
    if user.needs_second_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture
def login_as(client):
    def _login(user: User):
        login(client, user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _plain_http_in_tests(settings):
    """The test client speaks plain HTTP; production redirects to HTTPS (tested apart)."""
    settings.SECURE_SSL_REDIRECT = False
    # Fast hashing for the many test users; production keeps Django's PBKDF2 default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_msgids_in_tests(settings):
    """Tests assert the English msgids; the Dutch catalogue has its own checks
    (core/tests/test_translations.py). A test that wants Dutch uses translation.override("nl")
    or HTTP_ACCEPT_LANGUAGE="nl"."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
