"""``cases.access.visible_among`` (the caseload's check of a page of cases) gives the
same answer as ``Case.objects.visible_to`` for every user, whatever opens or does not open
a household: an involvement with the household, with one member, of the user's team,
ended, expired or only reported, break-the-glass (current or expired), another
municipality, a former member, the user's own coordination."""

import datetime as dt

import pytest
from django.utils import timezone

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.cases.access import visible_among
from wijkkracht.cases.models import Case
from wijkkracht.cases.tests.factories import CaseFactory
from wijkkracht.households.tests.factories import (
    HouseholdFactory,
    HouseholdMembershipFactory,
)
from wijkkracht.involvements.tests.factories import BreakGlassFactory, InvolvementFactory
from wijkkracht.teams.models import Team


@pytest.fixture
def households(cast):
    """Twelve households of municipality A, each with a case and two members, and what
    each one's visibility depends on."""
    team_a1 = Team.objects.get(name="Wijkteam A1")
    team_a2 = Team.objects.get(name="Wijkteam A2")
    elsewhere = UserFactory(username="elsewhere", municipalities=[cast.mun_a])
    made = {}

    def household(name, coordinator=None):
        home = HouseholdFactory(municipality=cast.mun_a)
        first = HouseholdMembershipFactory(household=home, resident__municipality=cast.mun_a)
        second = HouseholdMembershipFactory(household=home, resident__municipality=cast.mun_a)
        CaseFactory(
            household=home,
            team=team_a1,
            coordinator=coordinator or elsewhere,
            status="active",
        )
        made[name] = (home, first.resident, second.resident)
        return home, first, second

    def involvement(resident, **kw):
        return InvolvementFactory(
            resident=resident,
            municipality=cast.mun_a,
            organisation=cast.coordinator.organisation,
            **kw,
        )

    home, first, _ = household("household involvement of the coordinator")
    involvement(first.resident, household=home, professional=cast.coordinator)
    _, _, second = household("member involvement of the coordinator")
    involvement(second.resident, professional=cast.coordinator)
    _, first, _ = household("member involvement of team A1")
    involvement(first.resident, team=team_a1)
    home, first, _ = household("household involvement of team A2")
    involvement(first.resident, household=home, team=team_a2)
    _, first, _ = household("ended involvement")
    involvement(first.resident, professional=cast.coordinator, ended=True)
    _, first, _ = household("expired involvement")
    involvement(first.resident, professional=cast.coordinator, expired=True)
    _, first, _ = household("reported only")
    involvement(first.resident, professional=cast.coordinator, grants_access=False)
    _, first, _ = household("break the glass of the colleague")
    BreakGlassFactory(user=cast.colleague, resident=first.resident)
    _, first, _ = household("expired break the glass of the colleague")
    BreakGlassFactory(user=cast.colleague, resident=first.resident, expired=True)
    _, first, _ = household("former member with an involvement")
    first.ended_on = timezone.localdate() - dt.timedelta(days=3)
    first.save()
    involvement(first.resident, professional=cast.coordinator)
    household("coordinated by the colleague", coordinator=cast.colleague)
    household("nobody involved")
    return made


def test_visible_among_answers_as_visible_to_for_every_user(cast, households):
    cases = list(Case.objects.all())
    assert len(cases) == len(households)
    users = [*cast.staff().values(), cast.resident_user, UserFactory(is_active=False)]
    seen_by_someone = set()
    for user in users:
        expected = set(Case.objects.visible_to(user).values_list("pk", flat=True))
        assert visible_among(user, cases) == expected, user.username
        seen_by_someone |= expected
    # The cast sees some and not all: the comparison is not between two empty sets.
    assert 0 < len(seen_by_someone) < len(cases)


def test_the_cases_a_professional_may_open(cast, households):
    by_name = {
        name: Case.objects.get(household=home)
        for name, (home, _first, _second) in households.items()
    }
    coordinator = visible_among(cast.coordinator, by_name.values())
    assert {name for name, case in by_name.items() if case.pk in coordinator} == {
        "household involvement of the coordinator",
        "member involvement of the coordinator",
        "member involvement of team A1",
    }
    colleague = visible_among(cast.colleague, by_name.values())
    assert {name for name, case in by_name.items() if case.pk in colleague} == {
        "member involvement of team A1",
        "break the glass of the colleague",
        "coordinated by the colleague",
    }
    assert visible_among(cast.outsider, by_name.values()) == set()
