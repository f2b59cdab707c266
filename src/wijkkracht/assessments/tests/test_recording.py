import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkkracht.assessments.models import SelfRelianceAssessment
from wijkkracht.assessments.recording import record_assessment
from wijkkracht.audit.models import Action, AuditEntry
from wijkkracht.cases.models import TimelineEntry


def record(case, actor, **kw):
    values = {
        "case": case,
        "member": kw.pop("member"),
        "assessed_on": timezone.localdate(),
        "scores": {"finances": 2, "housing": 4},
        "note": "",
        "actor": actor,
    }
    values.update(kw)
    return record_assessment(**values)


def test_an_assessment_stores_its_scores_a_timeline_line_and_an_audit_line(cast, case):
    assessment = record(case, cast.coordinator, member=cast.mother)
    assert {s.domain: s.score for s in assessment.scores.all()} == {"finances": 2, "housing": 4}
    entry = case.timeline.get(kind=TimelineEntry.Kind.ASSESSMENT)
    assert entry.member == cast.mother and entry.actor == cast.coordinator
    assert AuditEntry.objects.filter(
        action=Action.CREATE,
        object_type="self_reliance_assessment",
        object_id=str(case.public_id),
    ).exists()


@pytest.mark.parametrize(
    "change",
    [
        {"scores": {}},
        {"scores": {"finances": 0}},
        {"scores": {"finances": 6}},
        {"scores": {"astrology": 3}},
        {"assessed_on": dt.date.today() + dt.timedelta(days=1)},
        {"assessed_on": None},
    ],
)
def test_an_invalid_assessment_is_refused_and_nothing_is_stored(cast, case, change):
    with pytest.raises(ValidationError):
        record(case, cast.coordinator, member=cast.mother, **change)
    assert not SelfRelianceAssessment.objects.exists()
    assert not case.timeline.filter(kind=TimelineEntry.Kind.ASSESSMENT).exists()


def test_a_resident_outside_the_household_cannot_be_assessed(cast, case):
    with pytest.raises(ValidationError) as exc:
        record(case, cast.coordinator, member=cast.resident_b)
    assert "member" in exc.value.message_dict
    assert not SelfRelianceAssessment.objects.exists()


def test_scores_left_empty_are_not_stored(cast, case):
    assessment = record(
        case, cast.coordinator, member=cast.son, scores={"finances": None, "justice": 5}
    )
    assert [s.domain for s in assessment.scores.all()] == ["justice"]


def test_someone_who_may_not_see_the_case_cannot_record_an_assessment(cast, case):
    with pytest.raises(PermissionDenied):
        record(case, cast.other_team, member=cast.mother)
    assert not SelfRelianceAssessment.objects.exists()
