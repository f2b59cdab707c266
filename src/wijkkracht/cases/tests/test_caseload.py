"""The caseload overview: figures per case, totals, access and query counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkkracht.areas.tests.factories import AddressFactory
from wijkkracht.audit.models import AuditEntry, Outcome
from wijkkracht.audit.tests.queries import is_audit_write
from wijkkracht.cases.models import CaseStatus, TimelineEntry
from wijkkracht.cases.tests.factories import CaseFactory, EscalationFactory
from wijkkracht.households.tests.factories import HouseholdFactory
from wijkkracht.plans.models import ActionStatus, Goal, PlanAction, SupportPlan
from wijkkracht.teams.models import Team

TODAY = timezone.localdate()


@pytest.fixture
def team_a1(cast):
    return Team.objects.get(name="Wijkteam A1")


def new_case(cast, team, *, days_open=1, coordinator=None, **kw):
    household = HouseholdFactory(
        address=AddressFactory(neighbourhood=cast.household.address.neighbourhood)
    )
    return CaseFactory(
        household=household,
        team=team,
        coordinator=coordinator or cast.coordinator,
        status=CaseStatus.ACTIVE,
        opened_at=timezone.now() - dt.timedelta(days=days_open),
        **kw,
    )


def plan_with_actions(case, *due_and_status):
    plan = SupportPlan.objects.create(case=case)
    goal = Goal.objects.create(plan=plan, life_domain="finances", description="Schulden weg")
    for due_on, status in due_and_status:
        PlanAction.objects.create(
            goal=goal, what="Bellen", performer_kind="resident", due_on=due_on, status=status
        )
    return plan


def page_queries(captured) -> list[str]:
    """The queries of a request, without the audit writes (``audit.tests.queries``)."""
    return [q["sql"] for q in captured.captured_queries if not is_audit_write(q["sql"])]


def row(html, case):
    return re.search(rf'<tr[^>]*data-case="{case.public_id}".*?</tr>', html, re.S).group(0)


def test_overdue_actions_count_only_open_actions_past_their_due_date(cast, team_a1, login_as):
    case = new_case(cast, team_a1)
    yesterday, tomorrow = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)
    plan_with_actions(
        case,
        (yesterday, ActionStatus.OPEN),
        (TODAY - dt.timedelta(days=9), ActionStatus.OPEN),
        (yesterday, ActionStatus.DONE),
        (tomorrow, ActionStatus.OPEN),
        (None, ActionStatus.OPEN),
    )
    html = login_as(cast.coordinator).get("/cases/caseload/").content.decode()
    assert 'data-overdue="2"' in row(html, case)
    assert 'data-total="overdue_actions">2<' in html


def test_a_case_without_plan_goals_after_four_weeks_is_flagged(cast, team_a1, login_as):
    old_without = new_case(cast, team_a1, days_open=29)
    old_empty_plan = new_case(cast, team_a1, days_open=40)
    SupportPlan.objects.create(case=old_empty_plan)
    old_with_goal = new_case(cast, team_a1, days_open=60)
    plan_with_actions(old_with_goal)
    recent = new_case(cast, team_a1, days_open=27)
    html = login_as(cast.coordinator).get("/cases/caseload/").content.decode()
    assert 'data-no-plan="yes"' in row(html, old_without)
    assert 'data-no-plan="yes"' in row(html, old_empty_plan)
    assert 'data-no-plan="no"' in row(html, old_with_goal)
    assert 'data-no-plan="no"' in row(html, recent)
    assert 'data-total="no_plan">2<' in html


def test_last_contact_and_escalation_are_shown(cast, team_a1, login_as):
    case = new_case(cast, team_a1)
    contact_at = timezone.now() - dt.timedelta(days=12)
    TimelineEntry.objects.create(case=case, kind="contact", at=contact_at, summary="Bezoek")
    TimelineEntry.objects.create(case=case, kind="note", summary="Later")
    EscalationFactory(case=case, escalated_by=cast.coordinator)
    html = login_as(cast.coordinator).get("/cases/caseload/").content.decode()
    line = row(html, case)
    assert timezone.localtime(contact_at).strftime("%d-%m-%Y") in line
    assert 'data-escalated="yes"' in line
    assert 'data-total="escalated">1<' in html


def test_my_caseload_shows_only_my_open_cases(cast, team_a1, login_as):
    mine = new_case(cast, team_a1)
    theirs = new_case(cast, team_a1, coordinator=cast.colleague)
    closed = new_case(cast, team_a1)
    closed.status = CaseStatus.CLOSED
    closed.closed_at = timezone.now()
    closed.save()
    html = login_as(cast.coordinator).get("/cases/caseload/").content.decode()
    assert str(mine.public_id) in html
    assert str(theirs.public_id) not in html
    assert str(closed.public_id) not in html
    assert 'data-total="cases">1<' in html


def test_a_team_lead_sees_the_caseload_of_their_team(cast, team_a1, login_as):
    one = new_case(cast, team_a1)
    two = new_case(cast, team_a1, coordinator=cast.colleague)
    html = login_as(cast.team_lead).get(f"/cases/caseload/team/{team_a1.pk}/").content.decode()
    assert str(one.public_id) in html and str(two.public_id) in html


@pytest.mark.parametrize("who", ["coordinator", "colleague", "other_team", "policy_analyst"])
def test_only_a_lead_of_the_team_reaches_the_team_caseload(cast, team_a1, login_as, who):
    user = cast.staff()[who]
    assert login_as(user).get(f"/cases/caseload/team/{team_a1.pk}/").status_code == 404
    if who != "policy_analyst":
        assert AuditEntry.objects.filter(
            username=user.username, object_type="caseload", outcome=Outcome.DENIED
        ).exists()


def test_a_policy_analyst_and_a_resident_have_no_caseload(cast, login_as):
    assert login_as(cast.policy_analyst).get("/cases/caseload/").status_code == 404
    assert login_as(cast.resident_user).get("/cases/caseload/").status_code == 404


def test_the_query_count_does_not_grow_with_the_number_of_cases(cast, team_a1, login_as):
    client = login_as(cast.team_lead)
    url = f"/cases/caseload/team/{team_a1.pk}/"

    def fill(n):
        for i in range(n):
            case = new_case(cast, team_a1, days_open=30 + i)
            plan_with_actions(case, (TODAY - dt.timedelta(days=1), ActionStatus.OPEN))
            TimelineEntry.objects.create(case=case, kind="contact", summary="Bel")

    fill(1)
    client.get(url)  # the first request of a session writes session state
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    fill(29)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(url)
    assert response.content.decode().count("data-case=") == 30
    assert len(thirty) == len(one)
    # Session, user, device, the lead check and the team; the page (count, ids, figures),
    # names, need-to-know for the page, the audit lines, the totals, the page shell.
    assert len(one) <= 21


def test_a_case_i_take_part_in_is_in_my_caseload(cast, team_a1, login_as):
    from wijkkracht.cases.opening import open_case
    from wijkkracht.cases.participants import add_participant

    case = open_case(
        household=cast.household, team=team_a1, coordinator=cast.coordinator, actor=cast.coordinator
    )
    add_participant(
        case=case, professional=cast.colleague, role="Schuldhulp", actor=cast.coordinator
    )
    html = login_as(cast.colleague).get("/cases/caseload/").content.decode()
    assert str(case.public_id) in html


def test_the_caseload_shows_fifty_cases_a_page(cast, team_a1, login_as):
    for _ in range(51):
        new_case(cast, team_a1)
    client = login_as(cast.coordinator)
    first = client.get("/cases/caseload/").content.decode()
    second = client.get("/cases/caseload/?page=2").content.decode()
    assert first.count("data-case=") == 50
    assert second.count("data-case=") == 1
    assert 'data-total="cases">51<' in second


def test_a_team_lead_sees_the_overview_but_opens_only_cases_they_may_see(cast, team_a1, login_as):
    """The team caseload is a supervision overview: a case of the lead's team with whose
    household the lead is not involved is listed (name, coordinator, figures) without a
    link, and its case page stays a 404 for the lead."""
    from wijkkracht.households.tests.factories import HouseholdMembershipFactory

    case = new_case(cast, team_a1, coordinator=cast.colleague)
    HouseholdMembershipFactory(household=case.household, resident__surname="Jansen")
    client = login_as(cast.team_lead)
    html = client.get(f"/cases/caseload/team/{team_a1.pk}/").content.decode()
    line = row(html, case)
    assert "Household Jansen" in line
    assert (cast.colleague.get_full_name() or "colleague") in line  # the coordinator
    assert f'href="/cases/{case.public_id}/"' not in line
    assert client.get(f"/cases/{case.public_id}/").status_code == 404
    # The colleague coordinates it and opens it from their own caseload.
    mine = login_as(cast.colleague).get("/cases/caseload/").content.decode()
    assert f'href="/cases/{case.public_id}/"' in row(mine, case)


def test_a_case_the_lead_is_involved_with_links_to_the_case_page(cast, team_a1, login_as):
    from wijkkracht.cases.opening import open_case

    case = open_case(
        household=cast.household, team=team_a1, coordinator=cast.colleague, actor=cast.colleague
    )
    client = login_as(cast.team_lead)
    html = client.get(f"/cases/caseload/team/{team_a1.pk}/").content.decode()
    assert "Household Bakker" in row(html, case)
    assert f'href="/cases/{case.public_id}/"' in row(html, case)
    assert client.get(f"/cases/{case.public_id}/").status_code == 200


def test_showing_the_team_caseload_is_audited_per_case_and_member(cast, team_a1, login_as):
    from wijkkracht.cases.opening import open_case

    case = open_case(
        household=cast.household, team=team_a1, coordinator=cast.colleague, actor=cast.colleague
    )
    login_as(cast.team_lead).get(f"/cases/caseload/team/{team_a1.pk}/")
    lines = AuditEntry.objects.filter(
        username="team_lead", object_type="caseload", outcome=Outcome.ALLOWED
    )
    assert {(line.object_id, line.resident_pseudonym) for line in lines} == {
        (str(case.public_id), str(cast.mother.public_id)),
        (str(case.public_id), str(cast.son.public_id)),
    }
    assert {line.action for line in lines} == {"read"}


def test_a_team_lead_does_not_see_the_caseload_of_a_team_they_do_not_lead(cast, team_a1, login_as):
    team_a2 = Team.objects.get(name="Wijkteam A2")
    other = new_case(cast, team_a2, coordinator=cast.other_team)
    response = login_as(cast.team_lead).get(f"/cases/caseload/team/{team_a2.pk}/")
    assert response.status_code == 404
    assert str(other.public_id) not in response.content.decode()
    assert AuditEntry.objects.filter(
        username="team_lead", object_type="caseload", outcome=Outcome.DENIED
    ).exists()


def test_the_personal_caseload_query_count_does_not_grow_with_the_number_of_cases(
    cast, team_a1, login_as
):
    from wijkkracht.households.tests.factories import HouseholdMembershipFactory

    client = login_as(cast.coordinator)
    url = "/cases/caseload/"

    def fill(n):
        for i in range(n):
            case = new_case(cast, team_a1, days_open=30 + i)
            HouseholdMembershipFactory(household=case.household)
            HouseholdMembershipFactory(household=case.household)
            plan_with_actions(case, (TODAY - dt.timedelta(days=1), ActionStatus.OPEN))
            TimelineEntry.objects.create(case=case, kind="contact", summary="Bel")
            EscalationFactory(case=case, escalated_by=cast.coordinator)

    fill(1)
    client.get(url)  # the first request of a session writes session state
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    fill(29)
    before = AuditEntry.objects.filter(object_type="caseload").count()
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(url)
    assert response.content.decode().count("data-case=") == 30
    assert len(page_queries(thirty)) == len(page_queries(one))
    assert len(page_queries(one)) <= 17
    # One audit line per case and member shown: 30 cases of 2 members.
    assert AuditEntry.objects.filter(object_type="caseload").count() - before == 60
