"""The demo's bulk decisions: consistent rows, history and complete 301 data; deleted
with the municipality."""

import pytest

from wijkkracht.decisions.allocation import message_301, missing_301_fields
from wijkkracht.decisions.models import Allocation, Decision, DecisionEvent, Reminder
from wijkkracht.decisions.reminders import create_reminders
from wijkkracht.demo.decisions import bulk_decisions, delete

pytestmark = pytest.mark.django_db


def test_bulk_decisions_are_consistent_and_complete(cast, provision):
    counts = bulk_decisions(
        municipality=cast.mun_a,
        count=60,
        officer=cast.decision_officer,
        fallback_requester=cast.coordinator,
        seed=1,
    )
    decisions = Decision.objects.filter(municipality=cast.mun_a)
    assert counts["decisions"] == decisions.count() > 30
    assert DecisionEvent.objects.filter(step="request").count() == decisions.count()
    decided = decisions.exclude(decided_at=None)
    assert DecisionEvent.objects.filter(step__in=["grant", "refuse"]).count() == decided.count()
    granted = decisions.exclude(start_date=None)
    assert Allocation.objects.count() == granted.count() == counts["allocations"]
    for decision in granted.filter(status="granted")[:5]:
        assert missing_301_fields(message_301(decision)) == []
    for decision in decisions:
        assert decision.requested_by_id and decision.five_questions
        if decision.end_date:
            assert decision.end_date >= decision.start_date
    create_reminders()
    assert Reminder.objects.exists()
    # A second batch gets new public ids.
    bulk_decisions(
        municipality=cast.mun_a,
        count=10,
        officer=cast.decision_officer,
        fallback_requester=cast.coordinator,
        seed=1,
    )
    delete(cast.mun_a)
    assert not Decision.objects.exists() and not Allocation.objects.exists()
