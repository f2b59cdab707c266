"""What changed between two plan versions: goals and actions added, removed or changed.
Works on the snapshots, so deleted goals and actions stay comparable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

GOAL_FIELDS = ("life_domain", "description", "member", "status")
ACTION_FIELDS = (
    "what",
    "performer_kind",
    "performer_name",
    "due_on",
    "status",
    "done_on",
    "provision",
    "five_questions",
)


@dataclass
class Change:
    kind: str  # "added" | "removed" | "changed"
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    fields: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    goals: list[Change] = field(default_factory=list)
    actions: list[Change] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not self.goals and not self.actions


def _diff(old: dict[int, dict], new: dict[int, dict], fields: tuple[str, ...]) -> list[Change]:
    changes = []
    for key, item in new.items():
        if key not in old:
            changes.append(Change("added", None, item))
        else:
            changed = [f for f in fields if old[key].get(f) != item.get(f)]
            if changed:
                changes.append(Change("changed", old[key], item, changed))
    changes.extend(Change("removed", item, None) for key, item in old.items() if key not in new)
    return changes


def _actions(snapshot: dict) -> dict[int, dict]:
    return {
        action["id"]: {**action, "goal": goal["description"]}
        for goal in snapshot.get("goals", [])
        for action in goal.get("actions", [])
    }


def compare(old: dict, new: dict) -> Comparison:
    old_goals = {g["id"]: g for g in old.get("goals", [])}
    new_goals = {g["id"]: g for g in new.get("goals", [])}
    return Comparison(
        goals=_diff(old_goals, new_goals, GOAL_FIELDS),
        actions=_diff(_actions(old), _actions(new), ACTION_FIELDS),
    )
