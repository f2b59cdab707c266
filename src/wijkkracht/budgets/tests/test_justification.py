"""Justification afterwards: due within 14 days of paying; only the spender justifies;
a team lead of the team (not the spender) reviews; overdue ones show up on the team
lead's page and the spender's page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.budgets.justification import (
    accept_justification,
    ask_more_information,
    justify_spend,
)
from wijkkracht.budgets.models import (
    JUSTIFY_WITHIN_DAYS,
    JustificationStatus,
    PurposeCategory,
    Spend,
)
from wijkkracht.budgets.spending import spend
from wijkkracht.budgets.tests.conftest import days_ago


def make(cast, budget, *, actor=None, days=0, amount="40"):
    return spend(
        budget=budget,
        actor=actor or cast.coordinator,
        amount=amount,
        category=PurposeCategory.GROCERIES,
        on=days_ago(days) if days and days_ago(days).year == budget.year else None,
    )


def texts(**overrides):
    return {"what": "Boodschappen", "why": "Lege koelkast", "effect": "Gezin at", **overrides}


def test_due_fourteen_days_after_the_spend(cast, budget, today):
    made = make(cast, budget)
    assert made.justification_due == today + dt.timedelta(days=JUSTIFY_WITHIN_DAYS)
    assert not made.is_overdue


def test_overdue_after_the_due_day(cast, budget, today):
    made = make(cast, budget)
    Spend.objects.filter(pk=made.pk).update(justification_due=today - dt.timedelta(days=1))
    made.refresh_from_db()
    assert made.is_overdue
    assert list(Spend.objects.overdue()) == [made]
    Spend.objects.filter(pk=made.pk).update(justification_due=today)
    assert not Spend.objects.overdue().exists()  # due today is not overdue yet


def test_a_submitted_justification_is_no_longer_overdue(cast, budget, today):
    made = make(cast, budget)
    Spend.objects.filter(pk=made.pk).update(justification_due=today - dt.timedelta(days=3))
    justify_spend(spend=made, actor=cast.coordinator, **texts())
    assert not Spend.objects.overdue().exists()


@pytest.mark.parametrize("who", ["colleague", "team_lead", "other_team", "policy_analyst"])
def test_only_the_spender_justifies(cast, budget, who):
    made = make(cast, budget)
    with pytest.raises(ValidationError, match="Only the person who made the spend"):
        justify_spend(spend=made, actor=getattr(cast, who), **texts())
    made.refresh_from_db()
    assert made.justification_status == JustificationStatus.DUE
    assert made.what == ""
    assert not made.events.filter(kind="justified").exists()
    assert AuditEntry.objects.filter(
        object_type="budget_spend", outcome="denied", username=getattr(cast, who).username
    ).exists()


@pytest.mark.parametrize("missing", ["what", "why", "effect"])
def test_what_why_and_effect_are_all_needed(cast, budget, missing):
    made = make(cast, budget)
    with pytest.raises(ValidationError) as exc:
        justify_spend(spend=made, actor=cast.coordinator, **texts(**{missing: "  "}))
    assert list(exc.value.message_dict) == [missing]
    made.refresh_from_db()
    assert made.justification_status == JustificationStatus.DUE


def test_the_lead_reviews_but_never_their_own_spend(cast, budget):
    own = make(cast, budget, actor=cast.team_lead)
    justify_spend(spend=own, actor=cast.team_lead, **texts())
    with pytest.raises(ValidationError, match="your own spend"):
        accept_justification(spend=own, actor=cast.team_lead)
    other = make(cast, budget)
    justify_spend(spend=other, actor=cast.coordinator, **texts())
    with pytest.raises(ValidationError, match="Only a team lead"):
        accept_justification(spend=other, actor=cast.colleague)
    accept_justification(spend=other, actor=cast.team_lead)
    assert other.justification_status == JustificationStatus.ACCEPTED


def test_asking_more_information_needs_a_note_and_gives_new_time(cast, budget, today):
    made = make(cast, budget)
    justify_spend(spend=made, actor=cast.coordinator, **texts())
    with pytest.raises(ValidationError):
        ask_more_information(spend=made, actor=cast.team_lead, note=" ")
    ask_more_information(spend=made, actor=cast.team_lead, note="Bonnetje graag")
    assert made.justification_status == JustificationStatus.MORE_INFORMATION
    assert made.justification_due == today + dt.timedelta(days=JUSTIFY_WITHIN_DAYS)
    assert made.review_note == "Bonnetje graag"


def overdue_spend(cast, budget, today):
    made = make(cast, budget)
    Spend.objects.filter(pk=made.pk).update(justification_due=today - dt.timedelta(days=2))
    return made


def test_overdue_shows_on_the_spenders_page(cast, budget, login_as, today):
    made = overdue_spend(cast, budget, today)
    response = login_as(cast.coordinator).get(reverse("budgets:mine"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="overdue"' in html
    assert f'data-spend="{made.public_id}"' in html
    assert 'data-overdue="yes"' in html


def test_overdue_shows_on_the_team_leads_page(cast, budget, login_as, today):
    made = overdue_spend(cast, budget, today)
    response = login_as(cast.team_lead).get(reverse("budgets:lead"))
    html = response.content.decode()
    assert 'id="overdue"' in html
    assert f'data-spend="{made.public_id}"' in html


def test_no_overdue_warning_when_nothing_is_overdue(cast, budget, login_as):
    make(cast, budget)
    assert 'id="overdue"' not in login_as(cast.coordinator).get(reverse("budgets:mine")).text
