"""The spend and justification workflows: the tables cell by cell, and whole scenarios
through the use cases."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from wijkkracht.budgets.justification import (
    accept_justification,
    ask_more_information,
    justify_spend,
)
from wijkkracht.budgets.models import JustificationStatus, PurposeCategory, SpendStatus
from wijkkracht.budgets.spending import (
    approve_spend,
    cancel_spend,
    pay_spend,
    reject_spend,
    spend,
)
from wijkkracht.budgets.workflow import (
    JUSTIFICATION_TRANSITIONS,
    NEW,
    TRANSITIONS,
    check_justification_transition,
    check_transition,
)

STATES = [NEW, *SpendStatus.values]
USE_CASES = sorted(set(TRANSITIONS.values()))


@pytest.mark.parametrize(
    ("current", "target", "use_case"),
    list(itertools.product(STATES, SpendStatus.values, USE_CASES)),
)
def test_every_cell_of_the_spend_table(current, target, use_case):
    if TRANSITIONS.get((current, target)) == use_case:
        check_transition(current, target, use_case)
    else:
        with pytest.raises(ValidationError):
            check_transition(current, target, use_case)


def test_the_spend_table_is_what_we_mean():
    assert TRANSITIONS == {
        (NEW, "paid"): "spend",
        (NEW, "pending"): "request_approval",
        ("pending", "approved"): "approve",
        ("pending", "rejected"): "reject",
        ("approved", "paid"): "pay",
        ("pending", "cancelled"): "cancel",
        ("approved", "cancelled"): "cancel",
    }


def test_paid_rejected_and_cancelled_are_final():
    final = {SpendStatus.PAID, SpendStatus.REJECTED, SpendStatus.CANCELLED}
    assert not [key for key in TRANSITIONS if key[0] in final]


@pytest.mark.parametrize(
    ("current", "target", "use_case"),
    list(
        itertools.product(
            JustificationStatus.values,
            JustificationStatus.values,
            sorted(set(JUSTIFICATION_TRANSITIONS.values())),
        )
    ),
)
def test_every_cell_of_the_justification_table(current, target, use_case):
    if JUSTIFICATION_TRANSITIONS.get((current, target)) == use_case:
        check_justification_transition(current, target, use_case)
    else:
        with pytest.raises(ValidationError):
            check_justification_transition(current, target, use_case)


def test_an_accepted_justification_is_final():
    assert not [key for key in JUSTIFICATION_TRANSITIONS if key[0] == JustificationStatus.ACCEPTED]


def justify(made, actor, text="Boodschappen"):
    return justify_spend(
        spend=made, actor=actor, what=text, why="Geen eten in huis", effect="Weekend overbrugd"
    )


def test_scenario_within_the_limit(cast, budget):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="45", category=PurposeCategory.GROCERIES
    )
    justify(made, cast.coordinator)
    assert made.justification_status == JustificationStatus.SUBMITTED
    accept_justification(spend=made, actor=cast.team_lead)
    assert (made.status, made.justification_status) == ("paid", "accepted")
    assert list(made.events.values_list("kind", flat=True)) == ["spent", "justified", "accepted"]


def test_scenario_above_the_limit_with_more_information(cast, budget):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="700", category=PurposeCategory.ARREARS
    )
    with pytest.raises(ValidationError):  # nothing paid yet: nothing to justify
        justify(made, cast.coordinator)
    with pytest.raises(ValidationError):  # not approved yet
        pay_spend(spend=made, actor=cast.coordinator)
    approve_spend(spend=made, actor=cast.team_lead)
    with pytest.raises(ValidationError):  # approved once is enough
        approve_spend(spend=made, actor=cast.team_lead)
    pay_spend(spend=made, actor=cast.coordinator)
    justify(made, cast.coordinator, "Huur betaald")
    ask_more_information(spend=made, actor=cast.team_lead, note="Welke maand?")
    assert made.justification_status == JustificationStatus.MORE_INFORMATION
    with pytest.raises(ValidationError):  # the spender first answers
        accept_justification(spend=made, actor=cast.team_lead)
    justify(made, cast.coordinator, "Huur van maart betaald")
    accept_justification(spend=made, actor=cast.team_lead)
    assert made.what == "Huur van maart betaald"
    assert list(made.events.values_list("kind", flat=True)) == [
        "requested",
        "approved",
        "paid",
        "justified",
        "more_information",
        "justified",
        "accepted",
    ]


def test_scenario_rejected_is_final(cast, budget):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="700", category=PurposeCategory.ARREARS
    )
    reject_spend(spend=made, actor=cast.team_lead, reason="Past bij bijzondere bijstand")
    for use_case in (approve_spend, pay_spend, cancel_spend):
        actor = cast.team_lead if use_case is approve_spend else cast.coordinator
        with pytest.raises(ValidationError):
            use_case(spend=made, actor=actor)
    made.refresh_from_db()
    assert made.status == SpendStatus.REJECTED


def test_scenario_a_paid_spend_cannot_be_cancelled(cast, budget):
    made = spend(
        budget=budget, actor=cast.coordinator, amount="20", category=PurposeCategory.TRANSPORT
    )
    with pytest.raises(ValidationError, match="cannot become cancelled"):
        cancel_spend(spend=made, actor=cast.coordinator)
