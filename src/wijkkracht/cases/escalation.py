"""Escalation (opschalen) to the expert team and de-escalation (afschalen) back. The
neighbourhood team keeps the coordination unless it is handed over; the expert team's
members can see the household while the case is escalated."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.cases import changes
from wijkkracht.cases.models import Case, CaseStatus, Escalation, TimelineEntry
from wijkkracht.teams.models import Team


def escalate(
    *, case: Case, expert_team: Team, reason: str, actor, expected_version: int | None = None
) -> Escalation:
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version)
        if fresh.status == CaseStatus.CLOSED:
            raise ValidationError(_("A closed case cannot be escalated."))
        if (
            expert_team is None
            or expert_team.kind != Team.Kind.EXPERT
            or expert_team.municipality_id != fresh.municipality_id
        ):
            raise ValidationError({"expert_team": _("Choose an expert team of the municipality.")})
        if fresh.escalations.filter(deescalated_at__isnull=True).exists():
            raise ValidationError(_("The case is already escalated."))
        reason = changes.text(reason, "reason", _("the reason"))
        escalation = Escalation.objects.create(
            case=fresh, expert_team=expert_team, reason=reason, escalated_by=actor
        )
        changes.grant_access(
            fresh,
            team=expert_team,
            organisation=expert_team.organisation,
            reason=_("Household case escalated to the expert team"),
            actor=actor,
        )
        changes.save(fresh, [])
        changes.entry(
            fresh,
            TimelineEntry.Kind.ESCALATION,
            _("Escalated to %(team)s") % {"team": expert_team.name},
            actor=actor,
        )
        changes.audit(fresh, "escalate", actor=actor, expert_team=expert_team.name)
    changes.copy_back(case, fresh)
    return escalation


def deescalate(
    *, case: Case, reason: str, actor, expected_version: int | None = None
) -> Escalation:
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version)
        escalation = (
            fresh.escalations.select_for_update()
            .filter(deescalated_at__isnull=True)
            .select_related("expert_team")
            .first()
        )
        if escalation is None:
            raise ValidationError(_("The case is not escalated."))
        reason = changes.text(reason, "reason", _("the reason"))
        escalation.deescalated_at = timezone.now()
        escalation.deescalation_reason = reason
        escalation.save(update_fields=["deescalated_at", "deescalation_reason"])
        changes.end_access(fresh, team=escalation.expert_team, actor=actor)
        changes.save(fresh, [])
        changes.entry(
            fresh,
            TimelineEntry.Kind.ESCALATION,
            _("De-escalated from %(team)s") % {"team": escalation.expert_team.name},
            actor=actor,
        )
        changes.audit(fresh, "deescalate", actor=actor, expert_team=escalation.expert_team.name)
    changes.copy_back(case, fresh)
    return escalation
