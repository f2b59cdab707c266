import pytest
from django.urls import reverse

from wijkkracht.plans.editing import ProvisionNotAvailable, save_plan
from wijkkracht.plans.models import PlanAction, SupportPlan
from wijkkracht.plans.tests.conftest import action, goal, plan_post
from wijkkracht.provisions.frame import FiveQuestionsIncomplete
from wijkkracht.provisions.models import DecisionFrame
from wijkkracht.provisions.service import five_questions_for
from wijkkracht.provisions.tests.conftest import ANSWERS

pytestmark = pytest.mark.django_db


def with_provision(what, provision, answers=None, **kw):
    data = action(what, performer_kind="provider", **kw)
    data["provision"] = str(provision.public_id) if provision else None
    if answers is not None:
        data["five_questions"] = answers
    return data


def save(case, actor, actions, expected_version=0):
    return save_plan(
        case=case,
        goals_and_actions=[goal("Weer overzicht over mijn geld", actions=actions)],
        expected_version=expected_version,
        actor=actor,
    )


def test_a_custom_provision_without_the_five_answers_is_refused_naming_what_is_missing(
    cast, case, catalogue
):
    answers = {**ANSWERS, "cost": "", "legal_basis": "  "}
    with pytest.raises(FiveQuestionsIncomplete) as exc:
        save(case, cast.coordinator, [with_provision("Begeleiding", catalogue["custom"], answers)])
    message = str(exc.value)
    assert "What does it cost?" in message
    assert "Is it allowed (legal basis)?" in message
    assert "expected effect" not in message
    assert not SupportPlan.objects.filter(case=case).exists()  # nothing written
    assert not DecisionFrame.objects.exists()


def test_a_custom_provision_with_no_answers_at_all_is_refused(cast, case, catalogue):
    with pytest.raises(FiveQuestionsIncomplete):
        save(case, cast.coordinator, [with_provision("Begeleiding", catalogue["custom"])])


def test_the_answers_are_stored_with_author_time_and_plan_version(cast, case, catalogue):
    plan = save(
        case, cast.coordinator, [with_provision("Begeleiding", catalogue["custom"], ANSWERS)]
    )
    saved = PlanAction.objects.get(goal__plan=plan)
    assert saved.provision == catalogue["custom"]
    frame = five_questions_for(saved)
    assert frame.answered_by == cast.coordinator
    assert frame.plan_version == 1
    assert frame.answered_at is not None
    assert frame.cost == ANSWERS["cost"]
    assert frame.is_complete
    snapshot = plan.versions.get(number=1).snapshot
    kept = snapshot["goals"][0]["actions"][0]
    assert kept["provision_name"] == "Begeleiding individueel"
    assert kept["five_questions"]["legal_basis"] == ANSWERS["legal_basis"]


def test_general_and_collective_provisions_may_have_brief_or_no_answers(cast, case, catalogue):
    plan = save(
        case,
        cast.coordinator,
        [
            with_provision("Naar het spreekuur", catalogue["general"], {"expected_effect": "Rust"}),
            with_provision("Eten bij de maaltijdclub", catalogue["collective"], {}),
        ],
    )
    actions = {a.what: a for a in PlanAction.objects.filter(goal__plan=plan)}
    assert five_questions_for(actions["Naar het spreekuur"]).expected_effect == "Rust"
    assert five_questions_for(actions["Eten bij de maaltijdclub"]) is None


def test_changed_answers_add_a_row_and_unchanged_ones_do_not(cast, case, catalogue):
    plan = save(
        case, cast.coordinator, [with_provision("Begeleiding", catalogue["custom"], ANSWERS)]
    )
    saved = PlanAction.objects.get(goal__plan=plan)
    again = with_provision("Begeleiding", catalogue["custom"], ANSWERS, id=saved.pk)
    save(case, cast.colleague, [again], expected_version=1)
    assert DecisionFrame.objects.count() == 1
    changed = with_provision(
        "Begeleiding", catalogue["custom"], {**ANSWERS, "cost": "Drie uur per week"}, id=saved.pk
    )
    save(case, cast.colleague, [changed], expected_version=2)
    assert DecisionFrame.objects.count() == 2
    current = five_questions_for(saved)
    assert current.cost == "Drie uur per week"
    assert current.answered_by == cast.colleague
    assert current.plan_version == 3


def test_an_action_saved_without_answers_keeps_the_ones_it_has(cast, case, catalogue):
    plan = save(
        case, cast.coordinator, [with_provision("Begeleiding", catalogue["custom"], ANSWERS)]
    )
    saved = PlanAction.objects.get(goal__plan=plan)
    save(
        case,
        cast.coordinator,
        [with_provision("Begeleiding, twee keer per week", catalogue["custom"], id=saved.pk)],
        expected_version=1,
    )
    assert five_questions_for(saved).involvement == ANSWERS["involvement"]


def test_a_provision_of_another_municipality_is_refused(cast, case, catalogue):
    with pytest.raises(ProvisionNotAvailable):
        save(case, cast.coordinator, [with_provision("X", catalogue["elsewhere"], ANSWERS)])
    assert not SupportPlan.objects.filter(case=case).exists()


def _post(actions):
    data = plan_post([goal("Weer overzicht over mijn geld", actions=actions)], expected_version=0)
    for j, a in enumerate(actions):
        prefix = f"goal-0-action-{j}-"
        data[prefix + "provision"] = a.get("provision") or ""
        for name, text in (a.get("five_questions") or {}).items():
            data[f"{prefix}fq-{name}"] = text
    return data


def test_the_action_form_refuses_a_custom_provision_without_answers(
    cast, case, catalogue, login_as
):
    client = login_as(cast.coordinator)
    url = reverse("plans:edit", args=[case.public_id])
    page = client.get(url).content.decode()
    assert '<optgroup label="Custom provision">' in page
    assert "Begeleiding in B" not in page  # only the case's municipality's catalogue
    answers = {**ANSWERS, "expected_effect": "", "lasting_solution": ""}
    response = client.post(
        url, _post([with_provision("Begeleiding", catalogue["custom"], answers)])
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "A custom provision needs all five answers." in html
    assert "What is the expected effect?; Does it contribute to a lasting solution?" in html
    assert ANSWERS["cost"] in html  # what was typed stays
    assert not SupportPlan.objects.filter(case=case).exists()

    response = client.post(
        url, _post([with_provision("Begeleiding", catalogue["custom"], ANSWERS)])
    )
    assert response.status_code == 302
    saved = PlanAction.objects.get(goal__plan__case=case)
    assert saved.provision == catalogue["custom"]
    assert five_questions_for(saved).answered_by == cast.coordinator


def test_the_action_form_refuses_a_provision_of_another_municipality(
    cast, case, catalogue, login_as
):
    client = login_as(cast.coordinator)
    url = reverse("plans:edit", args=[case.public_id])
    response = client.post(url, _post([with_provision("X", catalogue["elsewhere"], ANSWERS)]))
    assert response.status_code == 400
    assert "Choose a provision from the catalogue." in response.content.decode()
    assert not PlanAction.objects.exists()


def test_the_plan_shows_the_provision_and_the_answers_and_the_pdf_names_it(
    cast, case, catalogue, login_as
):
    save(case, cast.coordinator, [with_provision("Begeleiding", catalogue["custom"], ANSWERS)])
    client = login_as(cast.colleague)
    html = client.get(reverse("plans:detail", args=[case.public_id])).content.decode()
    assert "Begeleiding individueel" in html
    assert ANSWERS["lasting_solution"] in html
    assert "Is the resident optimally involved and in charge?" in html
    pdf = client.get(reverse("plans:pdf", args=[case.public_id])).content
    assert b"Begeleiding individueel" in pdf
    plan = case.plan
    saved = PlanAction.objects.get(goal__plan=plan)
    save(
        case,
        cast.coordinator,
        [with_provision("Begeleiding", catalogue["general"], ANSWERS, id=saved.pk)],
        expected_version=1,
    )
    versions = client.get(reverse("plans:versions", args=[case.public_id]) + "?from=1&to=2")
    assert "Begeleiding individueel → Wijkteam-spreekuur" in versions.content.decode()


def test_the_include_for_the_decision_officer_renders_the_answers(cast, case, catalogue):
    from django.template.loader import render_to_string

    plan = save(
        case, cast.coordinator, [with_provision("Begeleiding", catalogue["custom"], ANSWERS)]
    )
    frame = five_questions_for(PlanAction.objects.get(goal__plan=plan))
    html = render_to_string("provisions/_five_questions.html", {"frame": frame})
    for text in ANSWERS.values():
        assert text in html
    assert "plan version 1" in html
    empty = render_to_string("provisions/_five_questions.html", {"frame": None})
    assert "have not been answered" in empty


def test_missing_five_questions_tells_the_decisions_app_what_is_open(cast, case, catalogue):
    from wijkkracht.provisions.models import DecisionFrame
    from wijkkracht.provisions.service import missing_five_questions

    plan = save(
        case, cast.coordinator, [with_provision("Begeleiding", catalogue["custom"], ANSWERS)]
    )
    saved = PlanAction.objects.get(goal__plan=plan)
    assert missing_five_questions(saved) == []
    DecisionFrame.objects.create(
        action=saved, plan_version=1, answered_by=cast.coordinator, involvement="Ja"
    )
    assert len(missing_five_questions(saved)) == 4
    saved.provision = catalogue["general"]
    assert missing_five_questions(saved) == []
