import pytest
from django.core.exceptions import ValidationError

from wijkkracht.cases.handover import hand_over
from wijkkracht.cases.models import Case, CaseStatus
from wijkkracht.cases.transitions import activate


def test_every_change_raises_the_version(cast, case):
    before = case.version
    activate(case=case, actor=cast.coordinator, expected_version=before)
    assert Case.objects.get(pk=case.pk).version == before + 1


def test_the_second_of_two_changes_made_on_the_same_version_is_refused(cast, case):
    seen = case.version
    activate(case=case, actor=cast.coordinator, expected_version=seen)
    stale = Case.objects.get(pk=case.pk)
    with pytest.raises(ValidationError) as exc:
        hand_over(
            case=stale,
            to_user=cast.colleague,
            reason="Verlof",
            actor=cast.colleague,
            expected_version=seen,
        )
    assert exc.value.code == "stale_version"
    assert "Someone else changed this case" in exc.value.messages[0]
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.coordinator == cast.coordinator
    assert fresh.status == CaseStatus.ACTIVE
    assert fresh.version == seen + 1
