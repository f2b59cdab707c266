"""The decision workflow: every cell of the transition table, and whole scenarios."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wijkkracht.decisions import changing, deciding
from wijkkracht.decisions.models import Decision, DecisionStatus
from wijkkracht.decisions.requesting import withdraw_request
from wijkkracht.decisions.tests.conftest import TODAY, grant_terms
from wijkkracht.decisions.workflow import TRANSITIONS, check_transition, sources

USE_CASES = sorted(set(TRANSITIONS.values()))
ALLOWED = {
    ("requested", "granted"): "grant",
    ("requested", "refused"): "refuse",
    ("requested", "withdrawn"): "withdraw",
    ("granted", "changed"): "change",
    ("changed", "changed"): "change",
    ("granted", "ended"): "end",
    ("changed", "ended"): "end",
    ("granted", "expired"): "expire",
    ("changed", "expired"): "expire",
}


def test_the_table_is_exactly_the_documented_one():
    assert {(str(a), str(b)): name for (a, b), name in TRANSITIONS.items()} == ALLOWED


@pytest.mark.parametrize(
    ("current", "target", "use_case"),
    list(itertools.product(DecisionStatus.values, DecisionStatus.values, USE_CASES)),
)
def test_every_cell_of_the_table(current, target, use_case):
    if ALLOWED.get((current, target)) == use_case:
        check_transition(current, target, use_case)
    else:
        with pytest.raises(ValidationError) as exc:
            check_transition(current, target, use_case)
        assert exc.value.code == "invalid_transition"


def test_final_statuses_have_no_way_out():
    for final in ("refused", "withdrawn", "ended", "expired"):
        assert not [key for key in TRANSITIONS if key[0] == final]


def test_expiry_comes_from_the_statuses_in_force():
    assert sorted(sources("expired", "expire")) == ["changed", "granted"]


pytestmark = pytest.mark.django_db


def test_happy_path_request_grant_change_change_end(cast, requested, provider):
    decision = deciding.grant(
        decision=requested, actor=cast.decision_officer, **grant_terms(provider)
    )
    assert decision.status == DecisionStatus.GRANTED
    for weeks in (30, 34):
        terms = grant_terms(provider, end_date=TODAY + dt.timedelta(weeks=weeks))
        terms.pop("start_date")
        changing.change(
            decision=decision, reason="Langer nodig", actor=cast.decision_officer, **terms
        )
        assert decision.status == DecisionStatus.CHANGED
    changing.end(
        decision=decision,
        ended_on=TODAY + dt.timedelta(days=30),
        end_reason="07",
        reason="Verhuisd",
        actor=cast.decision_officer,
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ENDED
    assert list(decision.events.order_by("pk").values_list("step", flat=True)) == [
        "request",
        "grant",
        "change",
        "change",
        "end",
    ]


def test_request_refused_cannot_be_granted_afterwards(cast, requested, provider):
    deciding.refuse(
        decision=requested, reason="Voorliggende voorziening", actor=cast.decision_officer
    )
    with pytest.raises(ValidationError):
        deciding.grant(decision=requested, actor=cast.decision_officer, **grant_terms(provider))
    requested.refresh_from_db()
    assert requested.status == DecisionStatus.REFUSED


def test_withdrawn_request_cannot_be_decided(cast, requested, provider):
    withdraw_request(decision=requested, reason="Niet meer nodig", actor=cast.coordinator)
    with pytest.raises(ValidationError):
        deciding.refuse(decision=requested, reason="x", actor=cast.decision_officer)
    assert Decision.objects.get(pk=requested.pk).status == DecisionStatus.WITHDRAWN


def test_a_request_cannot_be_changed_or_ended_before_it_is_granted(cast, requested, provider):
    terms = grant_terms(provider)
    terms.pop("start_date")
    requested.start_date = TODAY
    with pytest.raises(ValidationError):
        changing.change(decision=requested, reason="x", actor=cast.decision_officer, **terms)
    with pytest.raises(ValidationError):
        changing.end(
            decision=requested,
            ended_on=TODAY,
            end_reason="05",
            reason="x",
            actor=cast.decision_officer,
        )
    assert Decision.objects.get(pk=requested.pk).status == DecisionStatus.REQUESTED


def test_granted_decision_expires_after_its_end_date_once(cast, granted):
    assert changing.expire_decisions(today=granted.end_date) == 0
    assert changing.expire_decisions(today=granted.end_date + dt.timedelta(days=1)) == 1
    assert changing.expire_decisions(today=granted.end_date + dt.timedelta(days=2)) == 0
    granted.refresh_from_db()
    assert granted.status == DecisionStatus.EXPIRED
    assert granted.events.filter(step="expire").count() == 1


def test_ended_decision_does_not_expire_and_cannot_be_changed(cast, granted, provider):
    changing.end(
        decision=granted,
        ended_on=TODAY + dt.timedelta(days=10),
        end_reason="02",
        reason="Overleden",
        actor=cast.decision_officer,
    )
    assert changing.expire_decisions(today=TODAY + dt.timedelta(days=400)) == 0
    terms = grant_terms(provider, volume=Decimal("5"))
    terms.pop("start_date")
    with pytest.raises(ValidationError):
        changing.change(decision=granted, reason="x", actor=cast.decision_officer, **terms)
