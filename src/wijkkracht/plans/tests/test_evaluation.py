import pytest
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.cases.models import Case, CaseStatus, TimelineEntry
from wijkkracht.plans.editing import save_plan
from wijkkracht.plans.evaluation import EvaluationNotOpen, record_evaluation
from wijkkracht.plans.models import Evaluation
from wijkkracht.plans.tests.conftest import goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(cast, case):
    return save_plan(
        case=case,
        goals_and_actions=[goal("Schulden op een rij"), goal("Werk vinden", life_domain="housing")],
        expected_version=0,
        actor=cast.coordinator,
    )


def to_evaluation(case):
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.EVALUATION)
    case.refresh_from_db()


def test_the_evaluation_records_a_result_per_goal_and_the_satisfaction(cast, case, plan):
    to_evaluation(case)
    debts, work = plan.goals.order_by("order")
    evaluation = record_evaluation(
        case=case,
        results={debts: "achieved", work: "partly"},
        satisfaction=8,
        comment="Fijn geholpen",
        entered_by=Evaluation.EnteredBy.PROFESSIONAL_FROM_PAPER,
        actor=cast.coordinator,
    )
    assert evaluation.satisfaction == 8
    assert evaluation.entered_by == "professional_from_paper"
    assert dict(evaluation.results.values_list("goal_id", "result")) == {
        debts.pk: "achieved",
        work.pk: "partly",
    }
    assert TimelineEntry.objects.filter(case=case, kind="evaluation").count() == 1
    assert AuditEntry.objects.filter(object_type="evaluation", action="create").count() == 1


def test_an_active_case_cannot_be_evaluated_yet(cast, case, plan):
    with pytest.raises(EvaluationNotOpen):
        record_evaluation(
            case=case,
            results={g: "achieved" for g in plan.goals.all()},
            satisfaction=None,
            comment="",
            entered_by="resident",
            actor=cast.coordinator,
        )


def test_every_goal_needs_a_result_and_satisfaction_is_one_to_ten(cast, case, plan):
    to_evaluation(case)
    first = plan.goals.order_by("order").first()
    with pytest.raises(ValueError):
        record_evaluation(
            case=case,
            results={first: "achieved"},
            satisfaction=7,
            comment="",
            entered_by="resident",
            actor=cast.coordinator,
        )
    with pytest.raises(ValueError):
        record_evaluation(
            case=case,
            results={g: "achieved" for g in plan.goals.all()},
            satisfaction=11,
            comment="",
            entered_by="resident",
            actor=cast.coordinator,
        )
    assert not Evaluation.objects.exists()


def test_the_professional_enters_the_paper_form_on_the_evaluation_page(cast, case, plan, login_as):
    to_evaluation(case)
    client = login_as(cast.coordinator)
    url = reverse("plans:evaluate", args=[case.public_id])
    page = client.get(url).content.decode()
    assert "Schulden op een rij" in page
    debts, work = plan.goals.order_by("order")
    response = client.post(
        url,
        {
            f"goal_{debts.pk}": "achieved",
            f"goal_{work.pk}": "not_achieved",
            "satisfaction": "6",
            "comment": "Het ging langzaam",
            "entered_by": "professional_from_paper",
        },
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(case=case)
    assert evaluation.satisfaction == 6
    assert evaluation.satisfaction_comment == "Het ging langzaam"
    assert evaluation.results.get(goal=work).result == "not_achieved"


def test_the_evaluation_page_refuses_a_missing_goal_result(cast, case, plan, login_as):
    to_evaluation(case)
    debts, _work = plan.goals.order_by("order")
    response = login_as(cast.coordinator).post(
        reverse("plans:evaluate", args=[case.public_id]),
        {f"goal_{debts.pk}": "achieved", "entered_by": "professional_from_paper"},
    )
    assert response.status_code == 400
    assert not Evaluation.objects.exists()
