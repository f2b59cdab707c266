"""Handing over the coordination: to a member of the case's team, or, while the case is
escalated, to a member of the expert team. Recorded with date and reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.cases import changes
from wijkkracht.cases.models import Case, CaseStatus, CoordinatorChange, TimelineEntry
from wijkkracht.teams.models import TeamMembership


def eligible_coordinators(case: Case):
    """Team memberships whose user may take over: the case's team and, while escalated,
    the expert team."""
    team_ids = [case.team_id]
    escalation = case.escalations.filter(deescalated_at__isnull=True).first()
    if escalation is not None:
        team_ids.append(escalation.expert_team_id)
    return TeamMembership.objects.filter(team_id__in=team_ids, user__is_active=True)


def hand_over(
    *, case: Case, to_user, reason: str, actor, expected_version: int | None = None
) -> Case:
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version)
        if fresh.status == CaseStatus.CLOSED:
            raise ValidationError(_("A closed case cannot be handed over."))
        if to_user is None or not eligible_coordinators(fresh).filter(user_id=to_user.pk).exists():
            raise ValidationError(
                {"to_user": _("Choose a member of the case's team or of the expert team.")}
            )
        if not has_capability(to_user, Capability.VIEW_RESIDENTS):
            raise ValidationError({"to_user": _("This person cannot coordinate a case.")})
        if to_user.pk == fresh.coordinator_id:
            raise ValidationError({"to_user": _("This person already coordinates the case.")})
        reason = changes.text(reason, "reason", _("the reason"))
        previous = fresh.coordinator
        CoordinatorChange.objects.create(
            case=fresh, from_user=previous, to_user=to_user, reason=reason, changed_by=actor
        )
        fresh.coordinator = to_user
        changes.save(fresh, ["coordinator"])
        changes.entry(
            fresh,
            TimelineEntry.Kind.HANDOVER,
            _("Coordination handed over from %(from)s to %(to)s")
            % {
                "from": previous.get_full_name() or previous.get_username(),
                "to": to_user.get_full_name() or to_user.get_username(),
            },
            actor=actor,
        )
        changes.coordinator_involvement(fresh, to_user)
        changes.audit(
            fresh,
            "hand_over",
            actor=actor,
            from_user=str(previous.public_id),
            to_user=str(to_user.public_id),
        )
    changes.copy_back(case, fresh)
    return case
