"""Bad input is refused with a message naming what is wrong, and nothing is written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wijkkracht.audit.models import AuditEntry
from wijkkracht.decisions import changing, deciding
from wijkkracht.decisions.models import Allocation, Decision, DecisionEvent, DecisionStatus
from wijkkracht.decisions.requesting import request_decision
from wijkkracht.decisions.tests.conftest import TODAY, answer_five_questions, grant_terms
from wijkkracht.provisions.models import DecisionFrame, Provision

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        Decision.objects.count(),
        list(Decision.objects.values_list("status", "version", "end_date", "volume")),
        DecisionEvent.objects.count(),
        Allocation.objects.count(),
        AuditEntry.objects.count(),
    )


def _refused(call, field, text):
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        call()
    assert text in " ".join(exc.value.message_dict.get(field, exc.value.messages))
    assert _snapshot() == before
    return exc.value


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"end_date": TODAY - dt.timedelta(days=1)}, "end_date", "cannot end before it starts"),
        ({"volume": Decimal("0")}, "volume", "must be more than 0"),
        ({"volume": Decimal("-2")}, "volume", "must be more than 0"),
        ({"end_date": None}, "end_date", "Fill in the end date"),
        ({"frequency": "9"}, "frequency", "Choose how often"),
    ],
)
def test_grant_with_bad_terms_is_refused(cast, requested, provider, overrides, field, text):
    _refused(
        lambda: deciding.grant(
            decision=requested, actor=cast.decision_officer, **grant_terms(provider, **overrides)
        ),
        field,
        text,
    )
    assert Decision.objects.get(pk=requested.pk).status == DecisionStatus.REQUESTED


def test_grant_to_a_provider_without_contract_is_refused(cast, requested, other_provider):
    _refused(
        lambda: deciding.grant(
            decision=requested, actor=cast.decision_officer, **grant_terms(other_provider)
        ),
        "provider",
        "Zorg Zonder Contract has no contract for Begeleiding individueel",
    )


def test_grant_after_the_contract_ended_is_refused(cast, requested, provider, provision):
    provision.contracts.update(ends_on=TODAY - dt.timedelta(days=1))
    _refused(
        lambda: deciding.grant(
            decision=requested, actor=cast.decision_officer, **grant_terms(provider)
        ),
        "provider",
        "has no contract",
    )


def test_ending_before_it_starts_is_refused(cast, granted):
    _refused(
        lambda: changing.end(
            decision=granted,
            ended_on=TODAY - dt.timedelta(days=3),
            end_reason="05",
            reason="Niet meer nodig",
            actor=cast.decision_officer,
        ),
        "ended_on",
        "a decision cannot end before it starts",
    )


def test_ending_after_the_end_date_is_refused(cast, granted):
    _refused(
        lambda: changing.end(
            decision=granted,
            ended_on=granted.end_date + dt.timedelta(days=1),
            end_reason="05",
            reason="x",
            actor=cast.decision_officer,
        ),
        "ended_on",
        "change it to make it longer",
    )


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"end_date": TODAY - dt.timedelta(days=1)}, "end_date", "cannot end before it starts"),
        ({"volume": Decimal("0")}, "volume", "must be more than 0"),
    ],
)
def test_change_with_bad_terms_is_refused(cast, granted, provider, overrides, field, text):
    terms = grant_terms(provider, **overrides)
    terms.pop("start_date")
    _refused(
        lambda: changing.change(
            decision=granted, reason="Anders", actor=cast.decision_officer, **terms
        ),
        field,
        text,
    )


def test_change_to_a_provider_without_contract_is_refused(cast, granted, other_provider):
    terms = grant_terms(other_provider)
    terms.pop("start_date")
    _refused(
        lambda: changing.change(
            decision=granted, reason="Andere aanbieder", actor=cast.decision_officer, **terms
        ),
        "provider",
        "has no contract",
    )


def test_refusal_needs_reasons(cast, requested):
    _refused(
        lambda: deciding.refuse(decision=requested, reason="  ", actor=cast.decision_officer),
        "reason",
        "Fill in the reasons for the refusal",
    )


def _request(cast, case, plan_action, **overrides):
    kwargs = {
        "case": case,
        "resident": cast.mother,
        "plan_action": plan_action,
        "requested_volume": Decimal("3"),
        "requested_frequency": "2",
        "actor": cast.coordinator,
    }
    kwargs.update(overrides)
    return request_decision(**kwargs)


def test_request_without_the_five_answers_is_refused(cast, case, plan_action):
    DecisionFrame.objects.filter(action=plan_action).delete()
    answer_five_questions(plan_action, cast.coordinator, cost="", lasting_solution="")
    _refused(
        lambda: _request(cast, case, plan_action),
        "plan_action",
        "Answer the five questions for this action in the plan first",
    )
    assert not Decision.objects.exists()


def test_request_with_no_answers_at_all_is_refused(cast, case, plan_action):
    DecisionFrame.objects.filter(action=plan_action).delete()
    _refused(lambda: _request(cast, case, plan_action), "plan_action", "five questions")


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"requested_volume": Decimal("0")}, "requested_volume", "must be more than 0"),
        (
            {"requested_start": TODAY, "requested_end": TODAY - dt.timedelta(days=1)},
            "requested_end",
            "cannot end before it starts",
        ),
        ({"requested_frequency": ""}, "requested_frequency", "Choose how often"),
    ],
)
def test_request_with_bad_values_is_refused(cast, case, plan_action, overrides, field, text):
    _refused(lambda: _request(cast, case, plan_action, **overrides), field, text)


def test_request_for_someone_outside_the_household_is_refused(cast, case, plan_action):
    _refused(
        lambda: _request(cast, case, plan_action, resident=cast.stranger),
        "resident",
        "Choose a member of this household",
    )


def test_request_for_a_general_provision_is_refused(cast, case, plan_action):
    general = Provision.objects.create(municipality=cast.mun_a, kind="general", name="Inloop")
    _refused(
        lambda: _request(cast, case, plan_action, provision=general),
        "provision",
        "Only an active custom provision",
    )


def test_request_with_a_preferred_provider_without_contract_is_refused(
    cast, case, plan_action, other_provider
):
    _refused(
        lambda: _request(cast, case, plan_action, preferred_provider=other_provider),
        "preferred_provider",
        "has no contract for this provision",
    )


def test_the_database_refuses_an_end_before_the_start_too(cast, granted):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=granted.pk).update(end_date=TODAY - dt.timedelta(days=5))
