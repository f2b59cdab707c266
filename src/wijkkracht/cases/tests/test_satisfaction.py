"""The resident gives their own mark and opinion at the evaluation, with their account."""

import pytest

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.audit.models import AuditEntry, Outcome
from wijkkracht.cases.models import TimelineEntry
from wijkkracht.cases.tests.scenario import build
from wijkkracht.plans.evaluation import record_evaluation
from wijkkracht.plans.models import Evaluation, Goal


def url(case):
    return f"/cases/{case.public_id}/satisfaction/"


def test_the_resident_gives_a_mark_and_an_opinion(cast, login_as):
    case = build(cast).case
    client = login_as(cast.resident_user)
    assert client.get(url(case)).status_code == 200
    response = client.post(url(case), {"satisfaction": "8", "comment": "Fijne hulp"})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    evaluation = Evaluation.objects.get(case=case)
    assert (evaluation.satisfaction, evaluation.satisfaction_comment) == (8, "Fijne hulp")
    assert evaluation.entered_by == Evaluation.EnteredBy.RESIDENT
    entry = case.timeline.filter(kind=TimelineEntry.Kind.EVALUATION).get()
    assert entry.actor == cast.resident_user and entry.member == cast.mother
    line = AuditEntry.objects.filter(object_type="satisfaction").latest("seq")
    assert line.resident_pseudonym == str(cast.mother.public_id)
    assert line.outcome == Outcome.ALLOWED


def test_the_professionals_results_per_goal_are_kept(cast, login_as):
    case = build(cast).case
    goal = Goal.objects.get(plan__case=case)
    record_evaluation(
        case=case,
        results={goal: "partly"},
        satisfaction=None,
        comment="",
        entered_by="professional_from_paper",
        actor=cast.coordinator,
    )
    login_as(cast.resident_user).post(url(case), {"satisfaction": "6", "comment": ""})
    evaluation = Evaluation.objects.get(case=case)
    assert evaluation.satisfaction == 6
    assert list(evaluation.results.values_list("result", flat=True)) == ["partly"]
    assert evaluation.evaluated_by == cast.coordinator


@pytest.mark.parametrize("mark", ["", "0", "11", "acht"])
def test_a_mark_outside_1_to_10_is_refused_with_a_message(cast, login_as, mark):
    case = build(cast).case
    response = login_as(cast.resident_user).post(url(case), {"satisfaction": mark})
    assert response.status_code == 400
    assert not Evaluation.objects.filter(case=case).exists()


def test_not_before_the_evaluation(cast, login_as):
    case = build(cast, evaluation=False).case
    assert login_as(cast.resident_user).get(url(case)).status_code == 404
    assert AuditEntry.objects.filter(object_type="satisfaction", outcome=Outcome.DENIED).exists()


def test_another_resident_and_staff_get_a_404(cast, login_as):
    case = build(cast).case
    other = UserFactory(resident_account=True, resident=cast.resident_b)
    assert login_as(other).get(url(case)).status_code == 404
    assert login_as(other).post(url(case), {"satisfaction": "1"}).status_code == 404
    for who in ("coordinator", "team_lead", "policy_analyst"):
        assert login_as(cast.staff()[who]).get(url(case)).status_code == 404
    assert not Evaluation.objects.filter(case=case).exists()
