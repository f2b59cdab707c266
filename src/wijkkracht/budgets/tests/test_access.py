"""Who reaches which budget page: the fixed cast, including another team of the same
municipality and another municipality. What one may not reach is a 404, audited."""

from decimal import Decimal

import pytest
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.budgets.models import Budget, PurposeCategory
from wijkkracht.budgets.spending import spend
from wijkkracht.teams.models import Team

EVERYONE = [
    "coordinator",
    "colleague",
    "other_team",
    "outsider",
    "team_lead",
    "decision_officer",
    "policy_analyst",
    "privacy_officer",
    "admin",
    "resident_user",
]


@pytest.fixture
def spent(cast, budget):
    return spend(
        budget=budget, actor=cast.coordinator, amount="30", category=PurposeCategory.TRANSPORT
    )


@pytest.fixture
def budget_b(cast, today):
    return Budget.objects.create(
        municipality=cast.mun_b,
        team=Team.objects.get(name="Wijkteam B1"),
        year=today.year,
        amount=Decimal("5000"),
        spend_limit=Decimal("250"),
        created_by=cast.outsider,
    )


def status(login_as, cast, who, url, method="get"):
    client = login_as(getattr(cast, who))
    return getattr(client, method)(url).status_code


def check(login_as, cast, url, allowed, method="get", ok=200):
    for who in EVERYONE:
        expected = ok if who in allowed else 404
        assert status(login_as, cast, who, url, method) == expected, (who, url)


def test_budgets_list(cast, budget, login_as):
    check(
        login_as,
        cast,
        reverse("budgets:index"),
        {"coordinator", "colleague", "other_team", "outsider", "team_lead", "policy_analyst"},
    )


def test_budgets_list_shows_only_ones_own_budgets(cast, budget, budget_b, login_as):
    assert str(budget.public_id) in login_as(cast.coordinator).get(reverse("budgets:index")).text
    assert str(budget.public_id) not in login_as(cast.other_team).get(reverse("budgets:index")).text
    assert str(budget.public_id) not in login_as(cast.outsider).get(reverse("budgets:index")).text
    analyst = login_as(cast.policy_analyst).get(reverse("budgets:index")).text
    assert str(budget.public_id) in analyst and str(budget_b.public_id) not in analyst


def test_budget_overview(cast, budget, login_as):
    url = reverse("budgets:detail", args=[budget.public_id])
    check(login_as, cast, url, {"coordinator", "colleague", "team_lead", "policy_analyst"})
    assert AuditEntry.objects.filter(
        object_type="budget", object_id=str(budget.public_id), outcome="denied"
    ).exists()


def test_budget_of_another_municipality_is_not_found(cast, budget_b, login_as):
    url = reverse("budgets:detail", args=[budget_b.public_id])
    check(login_as, cast, url, {"outsider"})


def test_spend_form(cast, budget, login_as):
    url = reverse("budgets:spend", args=[budget.public_id])
    check(login_as, cast, url, {"coordinator", "colleague", "team_lead"})


def test_spend_page(cast, spent, login_as):
    url = reverse("budgets:spend_detail", args=[spent.public_id])
    check(login_as, cast, url, {"coordinator", "colleague", "team_lead"})


def test_spend_actions_of_others_are_not_found(cast, spent, login_as):
    url = reverse("budgets:spend_action", args=[spent.public_id, "approve"])
    for who in ["other_team", "outsider", "policy_analyst", "decision_officer", "resident_user"]:
        assert status(login_as, cast, who, url, "post") == 404, who


def test_an_unknown_spend_action_is_not_found(cast, spent, login_as):
    url = reverse("budgets:spend_action", args=[spent.public_id, "delete"])
    assert login_as(cast.team_lead).post(url).status_code == 404


def test_setting_budgets_is_for_the_municipality(cast, login_as):
    check(login_as, cast, reverse("budgets:create"), {"policy_analyst"})


def test_changing_and_closing_is_for_the_municipality(cast, budget, login_as):
    for name in ("budgets:change", "budgets:close"):
        url = reverse(name, args=[budget.public_id])
        for who in ["coordinator", "team_lead", "other_team", "outsider", "admin"]:
            assert status(login_as, cast, who, url, "post") == 404, (who, name)


def test_a_manager_of_another_municipality_cannot_close(cast, budget_b, login_as):
    url = reverse("budgets:close", args=[budget_b.public_id])
    assert login_as(cast.policy_analyst).post(url).status_code == 404
    budget_b.refresh_from_db()
    assert not budget_b.is_closed


def test_spenders_page(cast, login_as):
    check(
        login_as,
        cast,
        reverse("budgets:mine"),
        {"coordinator", "colleague", "other_team", "outsider", "team_lead"},
    )


def test_team_leads_page(cast, login_as):
    check(login_as, cast, reverse("budgets:lead"), {"team_lead"})


def test_report_and_export(cast, login_as):
    check(login_as, cast, reverse("budgets:report"), {"team_lead", "policy_analyst"})
    check(login_as, cast, reverse("budgets:report_csv"), {"team_lead", "policy_analyst"})


def test_anonymous_visitors_go_to_the_login_page(client, budget):
    for url in [
        reverse("budgets:index"),
        reverse("budgets:detail", args=[budget.public_id]),
        reverse("budgets:report"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_a_lead_of_another_team_cannot_approve(cast, budget, login_as):
    from wijkkracht.accounts.tests.factories import UserFactory
    from wijkkracht.teams.models import TeamMembership

    lead_a2 = UserFactory(
        username="lead_a2",
        organisation=cast.coordinator.organisation,
        municipalities=[cast.mun_a],
        with_totp=True,
        team_lead=True,
    )
    TeamMembership.objects.create(
        team=Team.objects.get(name="Wijkteam A2"), user=lead_a2, is_lead=True
    )
    made = spend(
        budget=budget, actor=cast.coordinator, amount="600", category=PurposeCategory.ARREARS
    )
    url = reverse("budgets:spend_action", args=[made.public_id, "approve"])
    assert login_as(lead_a2).post(url).status_code == 404
    made.refresh_from_db()
    assert made.status == "pending"
