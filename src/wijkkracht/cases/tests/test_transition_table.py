"""The transition table itself: exactly the listed moves are allowed, each only through
its own use case."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from wijkkracht.cases.models import CaseStatus
from wijkkracht.cases.workflow import TRANSITIONS, check_transition

USE_CASES = sorted(set(TRANSITIONS.values()))
PAIRS = list(itertools.product(CaseStatus.values, CaseStatus.values))


@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_only_the_listed_use_case_may_make_a_move(current, target):
    for use_case in USE_CASES:
        if TRANSITIONS.get((current, target)) == use_case:
            check_transition(current, target, use_case)
        else:
            with pytest.raises(ValidationError) as exc:
                check_transition(current, target, use_case)
            assert exc.value.code == "invalid_transition"


def test_a_closed_case_can_only_be_reopened():
    assert {target for (current, target) in TRANSITIONS if current == CaseStatus.CLOSED} == {
        CaseStatus.ACTIVE
    }
