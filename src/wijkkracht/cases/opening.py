"""Opening a household case (from an intake, or directly by the team).

A household has at most one open case. A new question for a household with an open case
is linked to it in the timeline; within ``REOPEN_WITHIN_MONTHS`` of closing, the last case
is reopened; later, a new case is opened that points to the previous one."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.models import Action
from wijkkracht.cases import changes
from wijkkracht.cases.models import Case, CaseStatus, CoordinatorChange, TimelineEntry
from wijkkracht.cases.workflow import REOPEN_WITHIN_MONTHS, check_transition
from wijkkracht.households.models import Household


def _question_summary(support_request) -> str:
    return _("Question %(reference)s") % {"reference": support_request.reference}


def open_case(*, household, team, coordinator, actor, support_request=None) -> Case:
    """The household's open case, a reopened recent one, or a new one. The coordinator
    gets an involvement that opens the household's record."""
    if household.municipality_id not in actor.municipality_ids() or not (
        has_capability(actor, Capability.VIEW_RESIDENTS)
        or has_capability(actor, Capability.HANDLE_INTAKE)
    ):
        raise PermissionDenied
    if team.municipality_id != household.municipality_id:
        raise ValidationError({"team": _("Choose a team of the household's municipality.")})
    if (
        coordinator is None
        or not coordinator.is_active
        or not has_capability(coordinator, Capability.VIEW_RESIDENTS)
        or household.municipality_id not in coordinator.municipality_ids()
    ):
        raise ValidationError({"coordinator": _("This person cannot coordinate a case.")})
    member = support_request.resident if support_request and support_request.resident_id else None
    with transaction.atomic():
        Household.objects.select_for_update().filter(pk=household.pk).first()
        case = Case.objects.open().filter(household=household).first()
        if case is not None:
            if support_request is not None:
                if case.support_request_id is None:
                    case.support_request = support_request
                    changes.save(case, ["support_request"])
                changes.entry(
                    case,
                    TimelineEntry.Kind.QUESTION,
                    _("%(question)s linked to the open case")
                    % {"question": _question_summary(support_request)},
                    actor=actor,
                    member=member,
                )
                changes.audit(case, "link_question", actor=actor)
            changes.coordinator_involvement(case, case.coordinator)
            return case
        last_closed = (
            Case.objects.filter(household=household, status=CaseStatus.CLOSED)
            .order_by("-closed_at", "-pk")
            .first()
        )
        now = timezone.now()
        recent = last_closed is not None and last_closed.closed_at >= now - relativedelta(
            months=REOPEN_WITHIN_MONTHS
        )
        if recent:
            case = Case.objects.select_for_update().get(pk=last_closed.pk)
            check_transition(case.status, CaseStatus.ACTIVE, "reopen")
            previous_coordinator = case.coordinator
            case.status = CaseStatus.ACTIVE
            case.closed_at = None
            case.closing_reason = ""
            case.closing_note = ""
            case.team = team
            fields = ["status", "closed_at", "closing_reason", "closing_note", "team"]
            if support_request is not None and case.support_request_id is None:
                case.support_request = support_request
                fields.append("support_request")
            if coordinator.pk != case.coordinator_id:
                CoordinatorChange.objects.create(
                    case=case,
                    from_user=previous_coordinator,
                    to_user=coordinator,
                    reason=_("Case reopened"),
                    changed_by=actor,
                )
                case.coordinator = coordinator
                fields.append("coordinator")
            changes.save(case, fields)
            summary = _("Case reopened within %(months)d months of closing") % {
                "months": REOPEN_WITHIN_MONTHS
            }
            step = "reopen"
        else:
            case = Case.objects.create(
                municipality_id=household.municipality_id,
                household=household,
                team=team,
                coordinator=coordinator,
                support_request=support_request,
                previous_case=last_closed,
            )
            CoordinatorChange.objects.create(
                case=case,
                to_user=coordinator,
                reason=_("Case opened"),
                changed_by=actor,
            )
            summary = (
                _("Case opened; the previous case is linked")
                if last_closed is not None
                else _("Case opened")
            )
            step = "open"
        changes.entry(case, TimelineEntry.Kind.STATUS, summary, actor=actor)
        if support_request is not None:
            changes.entry(
                case,
                TimelineEntry.Kind.QUESTION,
                _question_summary(support_request),
                actor=actor,
                member=member,
            )
        changes.coordinator_involvement(case, coordinator)
        changes.audit(
            case,
            step,
            actor=actor,
            action=Action.CREATE if step == "open" else Action.UPDATE,
            coordinator=str(coordinator.public_id),
            previous_case=str(last_closed.public_id) if last_closed else "",
        )
    return case
