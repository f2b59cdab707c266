"""What every case use case shares: a locked copy of the case checked against the version
the user saw (optimistic locking), a timeline entry, an audit line, and the access
involvements that come and go with the case."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.cases.models import Case, TimelineEntry
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.involvements.models import Involvement

MAX_TEXT = 2000


def may_work_on(user, case: Case) -> bool:
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def may_manage(user, case: Case, *, known_visible: bool = False) -> bool:
    """Case-level changes (status, coordination, escalation, who takes part) are for the
    coordinator and the case's team — and the expert team while escalated. Everyone who
    may see the case may add a note. ``known_visible``: the case was just fetched through
    ``cases.access`` for this user (need-to-know already checked)."""
    if not known_visible and not may_work_on(user, case):
        return False
    if user.pk == case.coordinator_id or case.team_id in user.team_ids():
        return True
    return case.escalations.filter(
        deescalated_at__isnull=True, expert_team_id__in=user.team_ids()
    ).exists()


def locked(case: Case, *, actor, expected_version: int | None, manage: bool = True) -> Case:
    """The case locked for this transaction; refused when the user may not change it, or
    when someone else changed it after the user loaded it."""
    if not (may_manage(actor, case) if manage else may_work_on(actor, case)):
        raise PermissionDenied
    fresh = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and int(expected_version) != fresh.version:
        raise ValidationError(
            _(
                "Someone else changed this case while you were working on it. Nothing of "
                "yours was saved: reload the page to see their change, then try again."
            ),
            code="stale_version",
        )
    return fresh


def save(obj, fields: list[str]) -> None:
    """Save ``fields`` of a row under optimistic locking (a ``version`` field) and bump
    the version. Used for cases and decisions."""
    obj.version += 1
    obj.save(update_fields=[*fields, "version"])


def copy_back(target, source) -> None:
    """Copy every stored field of the locked fresh row onto the caller's instance."""
    for field in type(source)._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def text(value: str, field: str, label: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Fill in %(label)s.") % {"label": label}})
    if len(value) > MAX_TEXT:
        raise ValidationError(
            {field: _("This text is too long (at most %(max)d characters).") % {"max": MAX_TEXT}}
        )
    return value


def entry(case: Case, kind: str, summary: str, *, actor, member=None, note=None) -> TimelineEntry:
    return TimelineEntry.objects.create(
        case=case, kind=kind, actor=actor, member=member, summary=summary[:300], note=note
    )


def audit(case: Case, step: str, *, actor, action: Action = Action.UPDATE, **detail) -> None:
    record(
        user=actor,
        action=action,
        purpose=Purpose.CARE,
        object_type="case",
        object_id=str(case.public_id),
        detail={"step": step, **detail},
    )


def first_member(household):
    """The resident an involvement with the whole household is recorded on."""
    membership = (
        HouseholdMembership.objects.current()
        .filter(household=household)
        .select_related("resident")
        .order_by("resident__date_of_birth", "pk")
        .first()
    )
    if membership is None:
        raise ValidationError(_("Nobody lives in this household at the moment."))
    return membership.resident


def grant_access(case: Case, *, professional=None, team=None, organisation, reason: str, actor):
    """An involvement that opens the household's record to a participant or an expert team
    (refreshed when one is already active)."""
    now = timezone.now()
    existing = (
        Involvement.objects.active(now)
        .filter(household=case.household, professional=professional, team=team)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        existing.last_activity_at = now
        existing.grants_access = True
        existing.save(update_fields=["last_activity_at", "grants_access"])
        return existing
    resident = first_member(case.household)
    involvement = Involvement.objects.create(
        municipality_id=case.municipality_id,
        resident=resident,
        household=case.household,
        professional=professional,
        team=team,
        organisation=organisation,
        reason=reason[:200],
        started_on=timezone.localdate(now),
        last_activity_at=now,
        grants_access=True,
    )
    record(
        user=actor,
        action=Action.CREATE,
        purpose=Purpose.CARE,
        object_type="involvement",
        object_id=str(involvement.public_id),
        resident=resident,
        detail={"household": True, "grants_access": True, "case": str(case.public_id)},
    )
    return involvement


def end_access(case: Case, *, professional=None, team=None, actor) -> int:
    """End the active involvements of ``professional`` (or of ``team``) with the household."""
    ended = list(
        Involvement.objects.filter(
            household=case.household, professional=professional, team=team, ended_on=None
        ).select_related("resident")
    )
    today = timezone.localdate()
    for involvement in ended:
        involvement.ended_on = today
        involvement.save(update_fields=["ended_on"])
        record(
            user=actor,
            action=Action.UPDATE,
            purpose=Purpose.CARE,
            object_type="involvement",
            object_id=str(involvement.public_id),
            resident=involvement.resident,
            detail={"ended": True, "case": str(case.public_id)},
        )
    return len(ended)


def coordinator_involvement(case: Case, coordinator) -> Involvement:
    """The coordinator's own involvement, through the referral index (other organisations
    involved with the household get a match notice)."""
    from wijkkracht.involvements.referral_index import register_involvement

    team = case.team if case.team_id in coordinator.team_ids() else None
    return register_involvement(
        actor=coordinator,
        resident=first_member(case.household),
        household=case.household,
        team=team,
        organisation=coordinator.organisation or case.team.organisation,
        reason=_("Coordinator of the household case"),
        grants_access=True,
    )
