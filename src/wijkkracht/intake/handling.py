"""Handling a support question in the team's queue: assign it, register the first contact,
close it with an outcome, or (team lead) re-route it to another team.

Every use case is keyword-only, runs in one transaction on a locked copy of the question,
checks the status change against ``intake.workflow.TRANSITIONS`` and writes its own audit
line. Bad input is a ``ValidationError`` naming the field; a user who may not do this is a
``PermissionDenied``. Nothing is half-written: the transaction rolls back on any error."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.intake.models import (
    ContactPreference,
    IntakeOutcome,
    RoutingChange,
    Status,
    SupportRequest,
)
from wijkkracht.intake.workflow import check_transition
from wijkkracht.involvements.models import Involvement
from wijkkracht.teams.models import Team, TeamMembership

MAX_TEXT = 2000


def handlers_of(support_request: SupportRequest):
    """Team memberships that may handle the question: its team's members, or for the
    municipality-wide queue the members of the municipality's intake teams."""
    if support_request.team_id is not None:
        return TeamMembership.objects.filter(team_id=support_request.team_id)
    return TeamMembership.objects.filter(
        team__municipality_id=support_request.municipality_id, team__kind=Team.Kind.INTAKE
    )


def may_handle(user, support_request: SupportRequest) -> bool:
    return (
        has_capability(user, Capability.HANDLE_INTAKE)
        and SupportRequest.objects.visible_to(user).filter(pk=support_request.pk).exists()
    )


def may_reroute(user, support_request: SupportRequest) -> bool:
    """A team lead of the question's team, or for the intake queue a lead of one of the
    municipality's intake teams."""
    if not has_capability(user, Capability.REROUTE_INTAKE):
        return False
    if support_request.municipality_id not in user.municipality_ids():
        return False
    return handlers_of(support_request).filter(user_id=user.pk, is_lead=True).exists()


def _locked(support_request: SupportRequest) -> SupportRequest:
    return SupportRequest.objects.select_for_update().get(pk=support_request.pk)


def _text(value: str, field: str, label: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Fill in %(label)s.") % {"label": label}})
    if len(value) > MAX_TEXT:
        raise ValidationError(
            {
                field: _("%(label)s is too long (at most %(max)d characters).")
                % {"label": capfirst(label), "max": MAX_TEXT}
            }
        )
    return value


def _audit(actor, request: SupportRequest, step: str, **detail) -> None:
    record(
        user=actor,
        action=Action.UPDATE,
        purpose=Purpose.INTAKE,
        object_type="support_request",
        object_id=str(request.public_id),
        resident=request.resident.public_id if request.resident_id else None,
        detail={"step": step, **detail},
    )


def _copy_back(target: SupportRequest, source: SupportRequest) -> None:
    """Let the caller's instance show the new state."""
    for field in SupportRequest._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def assign(*, support_request: SupportRequest, to_user, actor) -> SupportRequest:
    """Give the question to a member of its team (or of an intake team, for the queue)."""
    if not may_handle(actor, support_request):
        raise PermissionDenied
    with transaction.atomic():
        request = _locked(support_request)
        check_transition(request.status, Status.ASSIGNED, "assign")
        if to_user is None or not handlers_of(request).filter(user_id=to_user.pk).exists():
            raise ValidationError(
                {"to_user": _("Choose a member of the team that handles this question.")}
            )
        if not to_user.is_active or not has_capability(to_user, Capability.HANDLE_INTAKE):
            raise ValidationError({"to_user": _("This person cannot handle questions.")})
        request.status = Status.ASSIGNED
        request.assigned_to = to_user
        request.save(update_fields=["status", "assigned_to"])
        _audit(actor, request, "assign", assigned_to=str(to_user.public_id))
    _copy_back(support_request, request)
    return support_request


def register_first_contact(
    *,
    support_request: SupportRequest,
    at: dt.datetime,
    method: str,
    note: str,
    actor,
) -> SupportRequest:
    """Record when and how the resident was first contacted, and what came of it. An
    unassigned question is assigned to whoever made the contact."""
    if not may_handle(actor, support_request):
        raise PermissionDenied
    with transaction.atomic():
        request = _locked(support_request)
        check_transition(request.status, Status.CONTACTED, "register_first_contact")
        if at is None:
            raise ValidationError({"at": _("Fill in when the first contact took place.")})
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        if at > timezone.now():
            raise ValidationError({"at": _("The first contact cannot be in the future.")})
        if at < request.received_at:
            raise ValidationError(
                {"at": _("The first contact cannot be before the question was received.")}
            )
        if method not in ContactPreference.values:
            raise ValidationError({"method": _("Choose how the contact took place.")})
        note = _text(note, "note", _("the outcome of the contact"))
        request.status = Status.CONTACTED
        request.first_contact_at = at
        request.first_contact_method = method
        request.first_contact_note = note
        if request.assigned_to_id is None:
            request.assigned_to = actor
        request.save(
            update_fields=[
                "status",
                "first_contact_at",
                "first_contact_method",
                "first_contact_note",
                "assigned_to",
            ]
        )
        _audit(
            actor,
            request,
            "first_contact",
            method=method,
            within_service_level=not request.is_overdue,
        )
    _copy_back(support_request, request)
    return support_request


def close_request(
    *, support_request: SupportRequest, outcome: str, reason: str, actor
) -> SupportRequest:
    """Close the intake with its outcome and the reason for it. A household case opened
    for a matched resident makes sure the team is involved with the resident and their
    household, and opens the household case (``cases.opening.open_case``)."""
    if not may_handle(actor, support_request):
        raise PermissionDenied
    with transaction.atomic():
        request = _locked(support_request)
        check_transition(request.status, Status.CLOSED, "close")
        if outcome not in IntakeOutcome.values:
            raise ValidationError({"outcome": _("Choose the outcome of the intake.")})
        reason = _text(reason, "reason", _("the reason"))
        involvement = None
        if outcome == IntakeOutcome.CASE_OPENED and request.resident_id is not None:
            if request.team_id is None:
                raise ValidationError(
                    {
                        "outcome": _(
                            "Route the question to a neighbourhood team before opening a "
                            "household case."
                        )
                    }
                )
            involvement = _ensure_involvement(request, actor)
            _open_household_case(request, actor)
        request.status = Status.CLOSED
        request.outcome = outcome
        request.outcome_reason = reason
        request.closed_at = timezone.now()
        request.save(update_fields=["status", "outcome", "outcome_reason", "closed_at"])
        detail = {"outcome": outcome}
        if involvement is not None:
            detail["involvement"] = str(involvement.public_id)
        _audit(actor, request, "close", **detail)
    _copy_back(support_request, request)
    return support_request


def _ensure_involvement(request: SupportRequest, actor) -> Involvement:
    """The team's active involvement with the resident (and their current household):
    refreshed when there is one, otherwise registered in the referral index in the
    actor's name, so that other organisations involved get a match notice."""
    from wijkkracht.involvements.referral_index import register_involvement

    team = Team.objects.select_related("organisation").get(pk=request.team_id)
    if request.team_id not in actor.team_ids():
        raise ValidationError(
            {
                "outcome": _("Only a member of %(team)s can open a household case for it.")
                % {"team": team.name}
            }
        )
    membership = (
        HouseholdMembership.objects.current()
        .filter(resident_id=request.resident_id)
        .select_related("household")
        .order_by("-started_on", "-pk")
        .first()
    )
    household = membership.household if membership else None
    now = timezone.now()
    existing = (
        Involvement.objects.active(now)
        .filter(team=team, resident_id=request.resident_id)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        changed = ["last_activity_at"]
        existing.last_activity_at = now
        if existing.household_id is None and household is not None:
            existing.household = household
            changed.append("household")
        existing.save(update_fields=changed)
        return existing
    return register_involvement(
        actor=actor,
        resident=request.resident,
        household=household,
        team=team,
        organisation=team.organisation,
        grants_access=True,  # the team works with this resident now
        reason=_("Household case opened from intake %(reference)s")
        % {"reference": request.reference},
    )


def _open_household_case(request: SupportRequest, actor) -> None:
    """Open (or reopen, or link to) the household case of the matched resident's current
    household; the coordinator is the professional the question is assigned to."""
    from wijkkracht.cases.opening import open_case

    membership = (
        HouseholdMembership.objects.current()
        .filter(resident_id=request.resident_id)
        .select_related("household")
        .order_by("-started_on", "-pk")
        .first()
    )
    if membership is None:
        return
    open_case(
        household=membership.household,
        team=Team.objects.select_related("organisation").get(pk=request.team_id),
        coordinator=request.assigned_to or actor,
        actor=actor,
        support_request=request,
    )


def reroute(*, support_request: SupportRequest, to_team: Team | None, reason: str, actor):
    """A team lead sends the question to another team of the municipality, or to the
    municipality-wide intake queue (``to_team`` None). The assignment is undone."""
    if not may_reroute(actor, support_request):
        raise PermissionDenied
    with transaction.atomic():
        request = _locked(support_request)
        check_transition(request.status, Status.NEW, "reroute")
        if to_team is not None:
            if to_team.municipality_id != request.municipality_id:
                raise ValidationError(
                    {"to_team": _("Choose a team of the question's municipality.")}
                )
            if to_team.kind == Team.Kind.INTAKE:
                raise ValidationError(
                    {"to_team": _("Choose the intake queue instead of the intake team.")}
                )
        if (to_team.pk if to_team else None) == request.team_id:
            raise ValidationError({"to_team": _("The question is already there.")})
        reason = _text(reason, "reason", _("the reason"))
        from_team_id = request.team_id
        RoutingChange.objects.create(
            support_request=request,
            from_team_id=from_team_id,
            to_team=to_team,
            reason=reason,
            changed_by=actor,
        )
        request.team = to_team
        request.status = Status.NEW
        request.assigned_to = None
        request.routing_note = (
            _("Re-routed to %(team)s.") % {"team": to_team.name}
            if to_team
            else _("Re-routed to the municipality-wide intake queue.")
        )[:200]
        request.save(update_fields=["team", "status", "assigned_to", "routing_note"])
        _audit(
            actor,
            request,
            "reroute",
            from_team=from_team_id,
            to_team=to_team.pk if to_team else None,
        )
    _copy_back(support_request, request)
    return support_request
