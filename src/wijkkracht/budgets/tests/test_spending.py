"""Spending: at once within the limit, approval above it; every refusal leaves nothing
written (no spend, no event, no change of the budget) and says what is wrong."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkkracht.audit.models import AuditEntry
from wijkkracht.budgets.models import (
    JUSTIFY_WITHIN_DAYS,
    Budget,
    JustificationStatus,
    PurposeCategory,
    Spend,
    SpendEvent,
    SpendStatus,
)
from wijkkracht.budgets.setting import close_budget
from wijkkracht.budgets.spending import (
    approve_spend,
    cancel_spend,
    pay_spend,
    reject_spend,
    spend,
)

GROCERIES = PurposeCategory.GROCERIES


def nothing_written():
    assert not Spend.objects.exists()
    assert not SpendEvent.objects.exists()


def refused(message, **kwargs):
    with pytest.raises(ValidationError) as exc:
        spend(**kwargs)
    assert message in " ".join(exc.value.messages)
    nothing_written()


def test_within_the_limit_is_paid_at_once_and_due_for_justification(cast, budget, today):
    made = spend(budget=budget, actor=cast.coordinator, amount="85.40", category=GROCERIES)
    assert made.status == SpendStatus.PAID
    assert made.amount == Decimal("85.40")
    assert made.paid_at is not None
    assert made.justification_status == JustificationStatus.DUE
    assert made.justification_due == today + dt.timedelta(days=JUSTIFY_WITHIN_DAYS)
    assert list(made.events.values_list("kind", flat=True)) == ["spent"]


def test_exactly_the_limit_is_still_within_it(cast, budget):
    made = spend(budget=budget, actor=cast.colleague, amount="250.00", category=GROCERIES)
    assert made.status == SpendStatus.PAID


def test_above_the_limit_waits_for_approval_and_is_committed(cast, budget):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="250.01", category=PurposeCategory.ARREARS
    )
    assert made.status == SpendStatus.PENDING
    assert made.justification_status == JustificationStatus.NOT_DUE
    assert made.justification_due is None
    figures = Budget.objects.with_figures().get(pk=budget.pk)
    assert figures.spent == Decimal("0.00")
    assert figures.committed == Decimal("250.01")
    assert figures.remaining == Decimal("4749.99")


def test_overspending_is_refused_and_nothing_written(cast, budget):
    refused(
        "more than is left in the budget",
        budget=budget,
        actor=cast.coordinator,
        amount="5000.01",
        category=GROCERIES,
    )


def test_committed_money_counts_against_the_budget(cast, budget):
    budget.amount = Decimal("600.00")
    budget.save()
    spend(budget=budget, actor=cast.coordinator, amount="400", category=PurposeCategory.ARREARS)
    spend(budget=budget, actor=cast.coordinator, amount="150", category=GROCERIES)
    with pytest.raises(ValidationError) as exc:
        spend(budget=budget, actor=cast.colleague, amount="50.01", category=GROCERIES)
    assert "50.00 can still be spent" in exc.value.messages[0]
    spend(budget=budget, actor=cast.colleague, amount="50.00", category=GROCERIES)
    assert Budget.objects.with_figures().get(pk=budget.pk).remaining == Decimal("0.00")


def test_a_closed_budget_refuses_spends(cast, budget):
    close_budget(budget=budget, actor=cast.policy_analyst)
    refused("closed", budget=budget, actor=cast.coordinator, amount="10", category=GROCERIES)


def test_a_spend_outside_the_budget_year_is_refused(cast, budget, team_a1, today):
    last_year = Budget.objects.create(
        municipality=cast.mun_a,
        team=team_a1,
        year=today.year - 1,
        amount=Decimal("5000"),
        spend_limit=Decimal("250"),
        created_by=cast.policy_analyst,
    )
    refused(
        "falls outside that year",
        budget=last_year,
        actor=cast.coordinator,
        amount="10",
        category=GROCERIES,
    )
    refused(
        "falls outside that year",
        budget=budget,
        actor=cast.coordinator,
        amount="10",
        category=GROCERIES,
        on=dt.date(today.year - 1, 12, 31),
    )


def test_a_date_in_the_future_is_refused(cast, budget, today):
    refused(
        "future",
        budget=budget,
        actor=cast.coordinator,
        amount="10",
        category=GROCERIES,
        on=today + dt.timedelta(days=1),
    )


@pytest.mark.parametrize("amount", ["0", "-10", "0.001", "abc"])
def test_bad_amounts_are_refused(cast, budget, amount):
    with pytest.raises(ValidationError) as exc:
        spend(budget=budget, actor=cast.coordinator, amount=amount, category=GROCERIES)
    assert "amount" in exc.value.message_dict
    nothing_written()


def test_a_float_amount_is_refused(cast, budget):
    with pytest.raises(TypeError):
        spend(budget=budget, actor=cast.coordinator, amount=10.5, category=GROCERIES)
    nothing_written()


def test_an_unknown_purpose_is_refused(cast, budget):
    refused(
        "Choose what the money is for",
        budget=budget,
        actor=cast.coordinator,
        amount="10",
        category="holiday",
    )


@pytest.mark.parametrize("who", ["other_team", "outsider", "policy_analyst", "decision_officer"])
def test_only_members_of_the_budgets_team_spend(cast, budget, who):
    refused(
        "Only members of the budget's team",
        budget=budget,
        actor=getattr(cast, who),
        amount="10",
        category=GROCERIES,
    )
    assert AuditEntry.objects.filter(object_type="budget", outcome="denied").exists()


def test_members_of_the_team_covering_a_neighbourhood_spend_from_its_budget(cast, nb_budget):
    made = spend(budget=nb_budget, actor=cast.colleague, amount="20", category=GROCERIES)
    assert made.status == SpendStatus.PAID
    with pytest.raises(ValidationError, match="Only members"):
        spend(budget=nb_budget, actor=cast.other_team, amount="20", category=GROCERIES)
    assert Spend.objects.count() == 1


def test_a_spend_for_a_household_is_audited_per_member(cast, budget, case):
    made = spend(budget=budget, actor=cast.coordinator, amount="60", category=GROCERIES, case=case)
    assert made.household_id == cast.household.pk
    lines = AuditEntry.objects.filter(object_type="budget_spend", object_id=str(made.public_id))
    assert {line.resident_pseudonym for line in lines} == {
        str(cast.mother.public_id),
        str(cast.son.public_id),
    }
    assert all(line.action == "create" for line in lines)


def test_a_case_one_may_not_see_is_refused(cast, budget):
    from wijkkracht.cases.opening import open_case
    from wijkkracht.teams.models import Team

    elsewhere = open_case(
        household=cast.household_b,
        team=Team.objects.get(name="Wijkteam B1"),
        coordinator=cast.outsider,
        actor=cast.outsider,
    )
    with pytest.raises(ValidationError) as exc:
        spend(
            budget=budget, actor=cast.coordinator, amount="60", category=GROCERIES, case=elsewhere
        )
    assert "case" in exc.value.message_dict
    nothing_written()


def test_the_team_lead_approves_and_the_spender_pays(cast, budget, today):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="600", category=PurposeCategory.ARREARS
    )
    approve_spend(spend=made, actor=cast.team_lead)
    assert made.status == SpendStatus.APPROVED
    assert made.decided_by == cast.team_lead
    pay_spend(spend=made, actor=cast.coordinator)
    assert made.status == SpendStatus.PAID
    assert made.spent_on == today
    assert made.justification_status == JustificationStatus.DUE
    figures = Budget.objects.with_figures().get(pk=budget.pk)
    assert (figures.spent, figures.committed) == (Decimal("600.00"), Decimal("0.00"))


def test_nobody_approves_their_own_spend(cast, budget):
    made = spend(
        budget=budget, actor=cast.team_lead, amount="600", category=PurposeCategory.ARREARS
    )
    with pytest.raises(ValidationError, match="your own spend"):
        approve_spend(spend=made, actor=cast.team_lead)
    made.refresh_from_db()
    assert made.status == SpendStatus.PENDING


@pytest.mark.parametrize("who", ["coordinator", "colleague", "other_team", "outsider"])
def test_only_a_lead_of_the_team_approves(cast, budget, who):
    made = spend(
        budget=budget, actor=cast.colleague, amount="600", category=PurposeCategory.ARREARS
    )
    with pytest.raises(ValidationError):
        approve_spend(spend=made, actor=getattr(cast, who))
    made.refresh_from_db()
    assert made.status == SpendStatus.PENDING


def test_a_rejection_needs_a_reason_and_frees_the_money(cast, budget):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="600", category=PurposeCategory.ARREARS
    )
    with pytest.raises(ValidationError):
        reject_spend(spend=made, actor=cast.team_lead, reason="  ")
    reject_spend(spend=made, actor=cast.team_lead, reason="Schuldhulp betaalt dit.")
    assert made.status == SpendStatus.REJECTED
    assert made.rejection_reason == "Schuldhulp betaalt dit."
    assert Budget.objects.with_figures().get(pk=budget.pk).committed == Decimal("0.00")


def test_only_the_spender_records_the_payment(cast, budget):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="600", category=PurposeCategory.ARREARS
    )
    approve_spend(spend=made, actor=cast.team_lead)
    with pytest.raises(ValidationError, match="Only the person who asked"):
        pay_spend(spend=made, actor=cast.colleague)
    made.refresh_from_db()
    assert made.status == SpendStatus.APPROVED


def test_the_spender_or_the_lead_cancels_an_unpaid_spend(cast, budget):
    first = spend(
        budget=budget, actor=cast.coordinator, amount="600", category=PurposeCategory.ARREARS
    )
    second = spend(
        budget=budget, actor=cast.coordinator, amount="700", category=PurposeCategory.ARREARS
    )
    with pytest.raises(ValidationError):
        cancel_spend(spend=first, actor=cast.colleague)
    cancel_spend(spend=first, actor=cast.coordinator)
    cancel_spend(spend=second, actor=cast.team_lead)
    assert {first.status, second.status} == {SpendStatus.CANCELLED}


def test_paying_after_the_year_ended_is_refused(cast, budget, today):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="600", category=PurposeCategory.ARREARS
    )
    approve_spend(spend=made, actor=cast.team_lead)
    Budget.objects.filter(pk=budget.pk).update(year=today.year - 1)
    made.budget.refresh_from_db()
    with pytest.raises(ValidationError, match="outside that year"):
        pay_spend(spend=made, actor=cast.coordinator)
    made.refresh_from_db()
    assert made.status == SpendStatus.APPROVED


def test_amounts_are_stored_exactly(cast, budget):
    for amount in ["0.10", "0.20", "0.30"]:
        spend(budget=budget, actor=cast.coordinator, amount=amount, category=GROCERIES)
    figures = Budget.objects.with_figures().get(pk=budget.pk)
    assert figures.spent == Decimal("0.60")
    assert figures.remaining == Decimal("4999.40")
    assert timezone.localdate()
