import datetime

import pytest

from wijkkracht.audit.models import AuditEntry
from wijkkracht.cases.models import TimelineEntry
from wijkkracht.plans.editing import record_agreement, save_plan
from wijkkracht.plans.models import Goal, PlanAction, PlanVersion, SupportPlan
from wijkkracht.plans.tests.conftest import action, goal

pytestmark = pytest.mark.django_db


def test_the_first_save_creates_the_plan_as_version_one_with_goals_and_actions(cast, case):
    plan = save_plan(
        case=case,
        goals_and_actions=[
            goal(
                "Ik wil mijn schulden op een rij",
                member=cast.mother,
                actions=[
                    action("Brieven sorteren", performer_kind="network", performer_name="Zus")
                ],
            ),
            goal("Daan gaat weer naar school", life_domain="work_education", member=cast.son),
        ],
        expected_version=0,
        actor=cast.coordinator,
    )
    assert plan.version == 1
    goals = list(plan.goals.order_by("order"))
    assert [g.description for g in goals] == [
        "Ik wil mijn schulden op een rij",
        "Daan gaat weer naar school",
    ]
    assert goals[0].member == cast.mother
    assert goals[0].actions.get().performer_name == "Zus"
    version = PlanVersion.objects.get(plan=plan)
    assert version.number == 1
    assert version.snapshot["goals"][0]["actions"][0]["what"] == "Brieven sorteren"
    assert TimelineEntry.objects.filter(case=case, kind="plan").count() == 1
    assert AuditEntry.objects.filter(object_type="support_plan", action="create").count() == 1


def test_a_goal_without_member_is_for_the_whole_household(cast, case):
    plan = save_plan(
        case=case,
        goals_and_actions=[goal("Samen rust in huis")],
        expected_version=0,
        actor=cast.coordinator,
    )
    assert plan.goals.get().member is None


def test_a_later_save_keeps_ids_removes_what_is_left_out_and_keeps_every_version(cast, case):
    plan = save_plan(
        case=case,
        goals_and_actions=[
            goal("Eerste doel", actions=[action("Eerste actie"), action("Tweede actie")]),
            goal("Tweede doel"),
        ],
        expected_version=0,
        actor=cast.coordinator,
    )
    first, second = plan.goals.order_by("order")
    kept_action = first.actions.get(what="Eerste actie")
    save_plan(
        case=case,
        goals_and_actions=[
            goal(
                "Eerste doel, anders gezegd",
                id=first.pk,
                actions=[action("Eerste actie", id=kept_action.pk, due_on="2026-12-01")],
            )
        ],
        expected_version=1,
        actor=cast.colleague,
    )
    plan.refresh_from_db()
    assert plan.version == 2
    assert list(Goal.objects.filter(plan=plan).values_list("pk", flat=True)) == [first.pk]
    assert list(PlanAction.objects.filter(goal__plan=plan).values_list("pk", flat=True)) == [
        kept_action.pk
    ]
    assert PlanAction.objects.get().due_on == datetime.date(2026, 12, 1)
    assert not Goal.objects.filter(pk=second.pk).exists()
    assert list(plan.versions.values_list("number", flat=True)) == [2, 1]
    assert plan.versions.get(number=1).snapshot["goals"][1]["description"] == "Tweede doel"


def test_recording_the_agreement_marks_the_plan_and_its_newest_version(cast, case):
    plan = save_plan(
        case=case, goals_and_actions=[goal("Doel")], expected_version=0, actor=cast.coordinator
    )
    record_agreement(
        plan=plan, agreed_on=datetime.date(2026, 11, 20), note="Thuis", actor=cast.coordinator
    )
    plan = SupportPlan.objects.get(pk=plan.pk)
    assert plan.agreed_with_resident_on == datetime.date(2026, 11, 20)
    assert plan.versions.get(number=1).agreed_with_resident_on == datetime.date(2026, 11, 20)
    assert TimelineEntry.objects.filter(case=case, kind="plan", summary__contains="agreed").exists()
