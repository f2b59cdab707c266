"""What other apps may call on provisions. Keep it small.

- ``five_questions_for(action)``: the current five-question answers of a plan action (a
  ``DecisionFrame`` or None); show them with ``{% include "provisions/_five_questions.html"
  with frame=... %}`` or ``{% five_questions action %}`` (``provisions_tags``).
- ``missing_five_questions(action)``: the questions (as asked) still open for an action that
  uses a custom provision; empty when complete or not required. A custom provision is not
  requested while this is not empty.
- ``provisions_for_plan(case, goals_data, plan=None)``: the provisions a plan's actions may
  use, grouped by kind for the action form.
- ``current_tariff(provision, on)``: the tariff per unit on a date.
- ``current_providers(provision, on)``: the providers contracted on a date."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from wijkkracht.provisions.frame import (
    FIELDS,
    FiveQuestionsIncomplete,
    five_questions_for,
    missing_answers,
)
from wijkkracht.provisions.models import Provision, ProvisionKind, Tariff

__all__ = [
    "FiveQuestionsIncomplete",
    "PlanProvisions",
    "current_providers",
    "current_tariff",
    "five_questions_for",
    "missing_five_questions",
    "provisions_for_plan",
]


def missing_five_questions(action) -> list[str]:
    frame = five_questions_for(action)
    answers = {name: getattr(frame, name) for name in FIELDS} if frame else {}
    return missing_answers(action.provision, answers)


@dataclass
class PlanProvisions:
    by_id: dict[str, Provision] = field(default_factory=dict)

    def groups(self) -> list[tuple[str, list[Provision]]]:
        """(kind label, provisions) in the order general, collective, custom."""
        groups = []
        for kind in ProvisionKind:
            items = sorted(
                (p for p in self.by_id.values() if p.kind == kind), key=lambda p: p.name.lower()
            )
            if items:
                groups.append((str(kind.label), items))
        return groups


def provisions_for_plan(case, goals_data, *, plan=None) -> PlanProvisions:
    """The active provisions of the case's municipality, plus any (even inactive) that the
    plan's actions or ``goals_data`` already use. One query."""
    used = {
        str(a["provision"])
        for g in goals_data or []
        for a in g.get("actions", [])
        if a.get("provision")
    }
    condition = Q(is_active=True)
    if plan is not None:
        condition |= Q(plan_actions__goal__plan=plan)
    if used:
        ids = []
        for value in used:
            try:
                ids.append(uuid.UUID(value))
            except ValueError:
                continue
        condition |= Q(public_id__in=ids)
    provisions = (
        Provision.objects.filter(municipality_id=case.municipality_id).filter(condition).distinct()
    )
    return PlanProvisions(by_id={str(p.public_id): p for p in provisions})


def current_tariff(provision: Provision, on: datetime.date | None = None) -> Tariff | None:
    on = on or timezone.localdate()
    return provision.tariffs.filter(valid_from__lte=on).order_by("-valid_from").first()


def current_providers(provision: Provision, on: datetime.date | None = None):
    return [c.provider for c in provision.contracts.current(on).select_related("provider")]
