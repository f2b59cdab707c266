"""The plan edit form: a simple repeated fieldset that works without JavaScript.

Every goal is a numbered group of fields (``goal-<i>-…``), every action a numbered group
inside it (``goal-<i>-action-<j>-…``). The page always offers empty slots for one more goal
and one more action per goal; empty slots are ignored. ``parse_plan`` turns the POST into
the plain data ``editing.save_plan`` takes, with error messages per field.

An action may use a provision of the municipality's catalogue (``…-provision``, its public
id) and carries the five-question frame (``…-fq-<question>``); for a custom provision all
five answers are required (``provisions.frame``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.plans.models import ActionStatus, Evaluation, GoalOutcome, GoalStatus, PerformerKind
from wijkkracht.provisions import frame

EMPTY_GOAL_SLOTS = 1
EMPTY_ACTION_SLOTS = 1
MAX_GOALS = 60
MAX_ACTIONS = 30


@dataclass
class ParsedPlan:
    goals: list[dict[str, Any]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


def _date(raw: str, key: str, errors: dict[str, str]) -> str | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    errors[key] = _("Enter a date as dd-mm-yyyy.")
    return None


def parse_plan(post, *, member_ids: set[str], provisions: dict | None = None) -> ParsedPlan:
    """Read the repeated fieldsets of the edit form. ``provisions``: the provisions that
    may be chosen, by public id (the case's municipality's catalogue)."""
    provisions = provisions or {}
    parsed = ParsedPlan()
    errors = parsed.errors
    goal_count = min(_int(post.get("goal_count")), MAX_GOALS)
    for i in range(goal_count):
        p = f"goal-{i}-"
        if post.get(p + "delete"):
            continue
        description = (post.get(p + "description") or "").strip()
        actions = []
        for j in range(min(_int(post.get(p + "action_count")), MAX_ACTIONS)):
            a = f"{p}action-{j}-"
            what = (post.get(a + "what") or "").strip()
            if post.get(a + "delete") or not what:
                continue
            kind = post.get(a + "performer_kind") or ""
            if kind not in PerformerKind.values:
                errors[a + "performer_kind"] = _("Choose who does it.")
            status = post.get(a + "status") or ActionStatus.OPEN
            if status not in ActionStatus.values:
                status = ActionStatus.OPEN
            provision_id = (post.get(a + "provision") or "").strip() or None
            provision = provisions.get(provision_id) if provision_id else None
            if provision_id and provision is None:
                errors[a + "provision"] = _("Choose a provision from the catalogue.")
            answers = frame.clean_answers(
                {name: post.get(f"{a}fq-{name}") for name in frame.FIELDS}
            )
            missing = frame.missing_answers(provision, answers)
            if missing:
                errors[a + "five_questions"] = _(
                    "A custom provision needs all five answers. Still missing: %(questions)s"
                ) % {"questions": "; ".join(missing)}
            actions.append(
                {
                    "id": _int(post.get(a + "id")) or None,
                    "what": what,
                    "performer_kind": kind,
                    "performer_name": (post.get(a + "performer_name") or "").strip()[:150],
                    "due_on": _date(post.get(a + "due_on"), a + "due_on", errors),
                    "status": status,
                    "done_on": _date(post.get(a + "done_on"), a + "done_on", errors),
                    "provision": provision_id,
                    "five_questions": answers,
                }
            )
        if not description and not actions:
            continue  # an empty slot
        if not description:
            errors[p + "description"] = _("Describe the goal, in the resident's own words.")
        domain = post.get(p + "life_domain") or ""
        if domain not in LifeDomain.values:
            errors[p + "life_domain"] = _("Choose a life domain.")
        member = post.get(p + "member") or None
        if member and member not in member_ids:
            errors[p + "member"] = _("Choose a member of the household.")
        status = post.get(p + "status") or GoalStatus.OPEN
        if status not in GoalStatus.values:
            status = GoalStatus.OPEN
        parsed.goals.append(
            {
                "id": _int(post.get(p + "id")) or None,
                "life_domain": domain,
                "description": description,
                "member": member,
                "status": status,
                "actions": actions,
            }
        )
    return parsed


def slots(goals: list[dict[str, Any]], errors: dict[str, str] | None = None) -> list[dict]:
    """The goals for the form, each with an empty action slot, plus empty goal slots; every
    row carries its field-name prefix and its error messages by field."""
    errors = errors or {}
    empty_action = {
        "id": None,
        "what": "",
        "performer_kind": "",
        "performer_name": "",
        "provision": None,
        "five_questions": None,
    }
    empty_goal = {
        "id": None,
        "life_domain": "",
        "description": "",
        "member": None,
        "status": GoalStatus.OPEN,
        "actions": [],
    }
    rows = []
    for i, goal in enumerate(list(goals) + [empty_goal] * EMPTY_GOAL_SLOTS):
        prefix = f"goal-{i}-"
        actions = []
        for j, action in enumerate(
            list(goal.get("actions", [])) + [empty_action] * EMPTY_ACTION_SLOTS
        ):
            a = f"{prefix}action-{j}-"
            answers = action.get("five_questions") or {}
            actions.append(
                {
                    **action,
                    "prefix": a,
                    "errors": {k[len(a) :]: v for k, v in errors.items() if k.startswith(a)},
                    "questions": [
                        {"name": name, "label": label, "value": answers.get(name) or ""}
                        for name, label in frame.QUESTIONS
                    ],
                    "has_answers": any(answers.get(name) for name in frame.FIELDS),
                }
            )
        rows.append(
            {
                **goal,
                "prefix": prefix,
                "number": i + 1,
                "actions": actions,
                "errors": {
                    k[len(prefix) :]: v
                    for k, v in errors.items()
                    if k.startswith(prefix) and "action-" not in k
                },
            }
        )
    return rows


class AgreementForm(forms.Form):
    agreed_on = forms.DateField(
        label=gettext_lazy("Agreed with the resident on"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example: who was there, or what the resident added."),
    )


class EvaluationForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=gettext_lazy("The resident's satisfaction (1 to 10)"),
        choices=[("", "—")] + [(str(n), str(n)) for n in range(1, 11)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    comment = forms.CharField(
        label=gettext_lazy("The resident's answer in their own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    entered_by = forms.ChoiceField(
        label=gettext_lazy("Entered by"),
        choices=Evaluation.EnteredBy.choices,
        initial=Evaluation.EnteredBy.PROFESSIONAL_FROM_PAPER,
    )

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=goal.description,
                choices=GoalOutcome.choices,
                widget=forms.RadioSelect,
            )

    def goal_fields(self):
        return [(goal, self[f"goal_{goal.pk}"]) for goal in self.goals]

    def results(self):
        return {goal: self.cleaned_data[f"goal_{goal.pk}"] for goal in self.goals}
