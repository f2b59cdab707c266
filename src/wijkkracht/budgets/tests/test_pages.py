"""The budget pages at work: spending through the form (Dutch amounts too), refusals
shown on the form with nothing written, approvals, justification and review, setting and
closing a budget, and the audit of spends for a household."""

from decimal import Decimal

from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.budgets.models import Budget, PurposeCategory, Spend, SpendStatus
from wijkkracht.budgets.spending import spend


def post_spend(client, budget, **data):
    payload = {"amount": "42.50", "category": "groceries", "spent_on": "", "case": ""}
    payload["spent_on"] = str(budget.created_at.date())
    payload.update(data)
    return client.post(reverse("budgets:spend", args=[budget.public_id]), payload)


def test_spend_through_the_form(cast, budget, login_as, today):
    client = login_as(cast.coordinator)
    response = post_spend(client, budget, spent_on=today.isoformat())
    made = Spend.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:spend_detail", args=[made.public_id])
    assert made.amount == Decimal("42.50")
    assert made.status == SpendStatus.PAID


def test_dutch_amounts_with_a_comma(cast, budget, login_as, today):
    client = login_as(cast.coordinator)
    response = client.post(
        reverse("budgets:spend", args=[budget.public_id]),
        {"amount": "€ 1.250,75", "category": "arrears", "spent_on": today.isoformat()},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 302
    made = Spend.objects.get()
    assert made.amount == Decimal("1250.75")
    assert made.status == SpendStatus.PENDING


def test_overspending_through_the_form_shows_the_error_and_writes_nothing(
    cast, budget, login_as, today
):
    client = login_as(cast.coordinator)
    response = post_spend(client, budget, amount="5000.01", spent_on=today.isoformat())
    assert response.status_code == 200
    assert "more than is left in the budget" in response.text
    assert 'id="error-summary"' in response.text
    assert not Spend.objects.exists()


def test_bad_amount_through_the_form(cast, budget, login_as, today):
    client = login_as(cast.coordinator)
    response = post_spend(client, budget, amount="12.3456", spent_on=today.isoformat())
    assert "at most two decimals" in response.text
    response = post_spend(client, budget, amount="0", spent_on=today.isoformat())
    assert "more than zero" in response.text
    assert not Spend.objects.exists()


def test_the_form_offers_the_teams_cases_and_links_the_household(
    cast, budget, case, login_as, today
):
    client = login_as(cast.coordinator)
    page = client.get(reverse("budgets:spend", args=[budget.public_id]))
    assert cast.household.address.street_line in page.text
    post_spend(client, budget, case=str(case.pk), spent_on=today.isoformat())
    made = Spend.objects.get()
    assert made.household_id == cast.household.pk
    detail = client.get(reverse("budgets:spend_detail", args=[made.public_id]))
    assert cast.household.address.street_line in detail.text
    reads = AuditEntry.objects.filter(
        object_type="budget_spend", object_id=str(made.public_id), action="read"
    )
    assert {r.resident_pseudonym for r in reads} == {
        str(cast.mother.public_id),
        str(cast.son.public_id),
    }


def test_the_budget_page_audits_the_spends_for_a_household(cast, budget, case, login_as):
    made = spend(
        budget=budget,
        actor=cast.coordinator,
        amount="30",
        category=PurposeCategory.GROCERIES,
        case=case,
    )
    login_as(cast.policy_analyst).get(reverse("budgets:detail", args=[budget.public_id]))
    reads = AuditEntry.objects.filter(
        object_type="budget_spend", object_id=str(made.public_id), username="policy_analyst"
    )
    assert reads.count() == 2  # one per member of the household
    page = login_as(cast.policy_analyst).get(reverse("budgets:detail", args=[budget.public_id]))
    assert cast.household.address.street not in page.text
    assert reverse("budgets:spend_detail", args=[made.public_id]) not in page.text


def test_approve_then_pay_then_justify_then_review_on_the_pages(cast, budget, login_as):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="600", category=PurposeCategory.ARREARS
    )

    def act(user, action, **data):
        url = reverse("budgets:spend_action", args=[made.public_id, action])
        return login_as(user).post(url, data)

    page = login_as(cast.team_lead).get(reverse("budgets:spend_detail", args=[made.public_id]))
    assert "Approve" in page.text
    assert act(cast.team_lead, "approve").status_code == 302
    assert act(cast.coordinator, "pay").status_code == 302
    response = act(cast.coordinator, "justify", what="Huur", why="", effect="Geen uitzetting")
    assert response.status_code == 200 and "This field is required" in response.text
    act(cast.coordinator, "justify", what="Huur", why="Uitkering te laat", effect="Geen uitzetting")
    response = act(cast.team_lead, "review", decision="more_information", note="")
    assert "Say what information is missing" in response.text
    act(cast.team_lead, "review", decision="accept", note="")
    made.refresh_from_db()
    assert (made.status, made.justification_status) == ("paid", "accepted")


def test_a_colleague_cannot_justify_someone_elses_spend_on_the_page(cast, budget, login_as):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="30", category=PurposeCategory.GROCERIES
    )
    url = reverse("budgets:spend_action", args=[made.public_id, "justify"])
    response = login_as(cast.colleague).post(
        url, {"what": "x", "why": "y", "effect": "z"}, follow=True
    )
    assert response.status_code == 200
    assert "Only the person who made the spend can justify it." in response.text
    made.refresh_from_db()
    assert made.what == ""


def test_setting_changing_and_closing_a_budget(cast, team_a2, login_as, today):
    client = login_as(cast.policy_analyst)
    response = client.post(
        reverse("budgets:create"),
        {"team": team_a2.pk, "year": today.year, "amount": "5000", "spend_limit": "300"},
    )
    budget = Budget.objects.get(team=team_a2)
    assert response["Location"] == reverse("budgets:detail", args=[budget.public_id])
    again = client.post(
        reverse("budgets:create"),
        {"team": team_a2.pk, "year": today.year, "amount": "5000", "spend_limit": "300"},
    )
    assert "already has a budget" in again.text
    both = client.post(
        reverse("budgets:create"),
        {
            "team": team_a2.pk,
            "neighbourhood": team_a2.neighbourhoods.get().pk,
            "year": today.year,
            "amount": "5000",
            "spend_limit": "300",
        },
    )
    assert "either a team or a neighbourhood" in both.text
    limit = client.post(
        reverse("budgets:change", args=[budget.public_id]),
        {"amount": "200", "spend_limit": "300"},
    )
    assert "cannot be more than the budget" in limit.text
    client.post(
        reverse("budgets:change", args=[budget.public_id]),
        {"amount": "6000", "spend_limit": "300"},
    )
    client.post(reverse("budgets:close", args=[budget.public_id]))
    budget.refresh_from_db()
    assert budget.amount == Decimal("6000.00")
    assert budget.is_closed
    assert (
        AuditEntry.objects.filter(object_type="budget", object_id=str(budget.public_id)).count()
        == 3
    )
