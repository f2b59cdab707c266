"""The five-question frame (afwegingskader): five short answers before an intervention is
added to a plan.

For a custom provision all five answers are required; for a general provision, a collective
arrangement or another professional intervention they are asked but may be brief or empty.
Answers are stored per plan action with author and time (``DecisionFrame``); a change adds
a row, so earlier answers stay. ``plans.editing.save_plan`` calls ``check_answers`` before it
writes anything and ``record_answers`` for every action it saves."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wijkkracht.provisions.models import FIVE_QUESTIONS, DecisionFrame, Provision, ProvisionKind

QUESTIONS = FIVE_QUESTIONS
FIELDS: tuple[str, ...] = tuple(name for name, _label in QUESTIONS)
MAX_LENGTH = 2000


class FiveQuestionsIncomplete(Exception):
    """A custom provision without all five answers. ``missing`` maps a description of the
    action to the questions left open."""

    def __init__(self, missing: dict[str, list[str]]):
        self.missing = missing
        super().__init__(message_for(missing))


def message_for(missing: dict[str, list[str]]) -> str:
    parts = [
        _("%(action)s: %(questions)s") % {"action": action, "questions": "; ".join(questions)}
        for action, questions in missing.items()
    ]
    return _("A custom provision needs the answers to all five questions. Missing: %(missing)s") % {
        "missing": " — ".join(parts)
    }


def clean_answers(answers: dict | None) -> dict[str, str]:
    """The five answers, stripped and cut to length; unknown keys dropped."""
    answers = answers or {}
    return {name: str(answers.get(name) or "").strip()[:MAX_LENGTH] for name in FIELDS}


def requires_answers(provision: Provision | None) -> bool:
    return provision is not None and provision.kind == ProvisionKind.CUSTOM


def missing_answers(provision: Provision | None, answers: dict | None) -> list[str]:
    """The questions (as asked) still open, when ``provision`` requires all five."""
    if not requires_answers(provision):
        return []
    answers = clean_answers(answers)
    return [str(label) for name, label in QUESTIONS if not answers[name]]


def check_answers(items: list[tuple[str, Provision | None, dict | None]]) -> None:
    """``items``: (what the action is, its provision, its answers). Raises
    ``FiveQuestionsIncomplete`` naming every action and question left open."""
    missing = {}
    for what, provision, answers in items:
        open_questions = missing_answers(provision, answers)
        if open_questions:
            missing[what[:60]] = open_questions
    if missing:
        raise FiveQuestionsIncomplete(missing)


def five_questions_for(action) -> DecisionFrame | None:
    """The current answers of a plan action (the newest row), or None. Uses prefetched
    ``decision_frames`` when present (one query for a list of actions)."""
    cache = getattr(action, "_prefetched_objects_cache", {})
    if "decision_frames" in cache:
        frames = list(cache["decision_frames"])
        if not frames:
            return None
        return max(frames, key=lambda f: (f.answered_at, f.pk))
    return (
        DecisionFrame.objects.filter(action=action)
        .select_related("answered_by")
        .order_by("-answered_at", "-pk")
        .first()
    )


def as_data(frame: DecisionFrame | None) -> dict | None:
    """The answers as plain data, for plan version snapshots."""
    if frame is None:
        return None
    user = frame.answered_by
    return {
        **{name: getattr(frame, name) for name in FIELDS},
        "answered_by": (user.get_full_name() or user.get_username()) if user else "",
        "answered_at": frame.answered_at.isoformat(),
    }


def record_answers(*, action, answers: dict | None, plan_version: int, actor) -> bool:
    """Store the answers for ``action`` when they differ from its current ones (or it has
    none and something was answered). Returns whether a row was added. Runs inside the
    caller's transaction (``save_plan``); the plan save writes the audit line."""
    answers = clean_answers(answers)
    current = five_questions_for(action)
    if current is not None and all(getattr(current, n) == answers[n] for n in FIELDS):
        return False
    if current is None and not any(answers.values()):
        return False
    DecisionFrame.objects.create(
        action=action, plan_version=plan_version, answered_by=actor, **answers
    )
    return True
