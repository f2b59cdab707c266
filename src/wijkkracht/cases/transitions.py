"""Status changes of a case, each through ``cases.workflow.check_transition``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.cases import changes
from wijkkracht.cases.models import Case, CaseStatus, ClosingReason, TimelineEntry
from wijkkracht.cases.workflow import EARLY_CLOSING_REASONS, check_transition


def _move(case: Case, target: str, use_case: str, summary: str, *, actor, expected_version):
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version)
        check_transition(fresh.status, target, use_case)
        fresh.status = target
        changes.save(fresh, ["status"])
        changes.entry(fresh, TimelineEntry.Kind.STATUS, summary, actor=actor)
        changes.audit(fresh, use_case, actor=actor, status=str(target))
    changes.copy_back(case, fresh)
    return case


def activate(*, case: Case, actor, expected_version: int | None = None) -> Case:
    """The intake is done: the case is worked on (a plan is made)."""
    return _move(
        case,
        CaseStatus.ACTIVE,
        "activate",
        _("Case active"),
        actor=actor,
        expected_version=expected_version,
    )


def start_evaluation(*, case: Case, actor, expected_version: int | None = None) -> Case:
    return _move(
        case,
        CaseStatus.EVALUATION,
        "start_evaluation",
        _("Evaluation started"),
        actor=actor,
        expected_version=expected_version,
    )


def resume(*, case: Case, actor, expected_version: int | None = None) -> Case:
    """Back from evaluation to active: there is more to do."""
    return _move(
        case,
        CaseStatus.ACTIVE,
        "resume",
        _("Case resumed after evaluation"),
        actor=actor,
        expected_version=expected_version,
    )


def close(
    *,
    case: Case,
    reason: ClosingReason | str,
    note: str,
    actor,
    expected_version: int | None = None,
) -> Case:
    """Close after the evaluation with any reason; from intake or active only when there
    is nothing to evaluate (moved away, declined, other)."""
    if reason not in ClosingReason.values:
        raise ValidationError({"reason": _("Choose why the case is closed.")})
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version)
        if fresh.status == CaseStatus.EVALUATION:
            check_transition(fresh.status, CaseStatus.CLOSED, "close")
        else:
            check_transition(fresh.status, CaseStatus.CLOSED, "close_early")
            if reason not in EARLY_CLOSING_REASONS:
                raise ValidationError(
                    {
                        "reason": _(
                            "Goals can only be achieved after an evaluation: start the "
                            "evaluation first."
                        )
                    },
                    code="needs_evaluation",
                )
        if fresh.escalations.filter(deescalated_at__isnull=True).exists():
            raise ValidationError(_("De-escalate the case before closing it."))
        note = changes.text(note, "note", _("a note"), required=False)
        fresh.status = CaseStatus.CLOSED
        fresh.closed_at = timezone.now()
        fresh.closing_reason = reason
        fresh.closing_note = note
        changes.save(fresh, ["status", "closed_at", "closing_reason", "closing_note"])
        changes.entry(
            fresh,
            TimelineEntry.Kind.STATUS,
            _("Case closed: %(reason)s") % {"reason": ClosingReason(reason).label},
            actor=actor,
        )
        changes.audit(fresh, "close", actor=actor, reason=str(reason))
    changes.copy_back(case, fresh)
    return case
