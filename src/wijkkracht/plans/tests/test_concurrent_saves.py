"""Two professionals pressing save at the same moment, on a real database: the row lock on
the plan lets exactly one through; the other gets the conflict, with nothing lost."""

import threading

import pytest
from django.db import connection

from wijkkracht.plans.editing import PlanConflict, save_plan
from wijkkracht.plans.models import PlanDraft, SupportPlan
from wijkkracht.plans.tests.conftest import goal

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs row locks across connections"
    ),
]


def test_two_simultaneous_saves_from_the_same_version_let_exactly_one_through(cast, case):
    save_plan(
        case=case, goals_and_actions=[goal("Basis")], expected_version=0, actor=cast.coordinator
    )
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(user, text):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            save_plan(case=case, goals_and_actions=[goal(text)], expected_version=1, actor=user)
            outcomes[text] = "saved"
        except PlanConflict:
            outcomes[text] = "conflict"
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=save, args=(cast.coordinator, "Van de regisseur")),
        threading.Thread(target=save, args=(cast.colleague, "Van de collega")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["conflict", "saved"]
    plan = SupportPlan.objects.get(case=case)
    assert plan.version == 2
    saved = next(text for text, outcome in outcomes.items() if outcome == "saved")
    refused = next(text for text, outcome in outcomes.items() if outcome == "conflict")
    assert [g.description for g in plan.goals.all()] == [saved]
    assert PlanDraft.objects.get().data["goals"][0]["description"] == refused
