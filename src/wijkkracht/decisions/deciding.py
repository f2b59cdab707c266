"""The decision officer grants or refuses a requested custom provision."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.decisions import allocation, history
from wijkkracht.decisions.access import may_decide
from wijkkracht.decisions.models import Decision, DecisionStatus, Frequency
from wijkkracht.decisions.requesting import check_period, is_contracted, positive_decimal
from wijkkracht.decisions.workflow import check_transition
from wijkkracht.provisions.models import Unit


def validate_terms(
    decision: Decision,
    *,
    start_date: dt.date | None,
    end_date: dt.date | None,
    volume,
    unit: str,
    frequency: str,
    provider,
    budget=None,
    contract_on: dt.date | None = None,
):
    """The granted terms, checked: dates in order, a positive volume, known codes and a
    provider under contract for this provision. Returns (volume, budget)."""
    if start_date is None:
        raise ValidationError({"start_date": _("Fill in the start date.")})
    if end_date is None:
        raise ValidationError({"end_date": _("Fill in the end date.")})
    check_period(start_date, end_date)
    volume = positive_decimal(volume, "volume", _("the volume"))
    if unit not in Unit.values:
        raise ValidationError({"unit": _("Choose the unit.")})
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Choose how often.")})
    if budget not in (None, ""):
        budget = positive_decimal(budget, "budget", _("the budget"))
    else:
        budget = None
    if provider is None:
        raise ValidationError({"provider": _("Choose the provider.")})
    if not is_contracted(decision.provision, provider, contract_on or start_date):
        raise ValidationError(
            {
                "provider": _(
                    "%(provider)s has no contract for %(provision)s on %(date)s: choose a "
                    "contracted provider."
                )
                % {
                    "provider": provider.name,
                    "provision": decision.provision.name,
                    "date": (contract_on or start_date).strftime("%d-%m-%Y"),
                }
            },
            code="provider_not_contracted",
        )
    return volume, budget


def grant(
    *,
    decision: Decision,
    start_date: dt.date,
    end_date: dt.date,
    volume,
    unit: str,
    frequency: str,
    provider,
    budget=None,
    actor,
    expected_version: int | None = None,
) -> Decision:
    if not may_decide(actor, decision):
        raise PermissionDenied
    volume, budget = validate_terms(
        decision,
        start_date=start_date,
        end_date=end_date,
        volume=volume,
        unit=unit,
        frequency=frequency,
        provider=provider,
        budget=budget,
    )
    with transaction.atomic():
        fresh = history.locked(decision, expected_version=expected_version)
        check_transition(fresh.status, DecisionStatus.GRANTED, "grant")
        fresh.status = DecisionStatus.GRANTED
        fresh.decided_at = timezone.now()
        fresh.decided_by = actor
        fresh.start_date, fresh.end_date = start_date, end_date
        fresh.volume, fresh.unit, fresh.frequency = volume, unit, frequency
        fresh.budget = budget
        fresh.provider = provider
        history.save(
            fresh,
            [
                "status",
                "decided_at",
                "decided_by",
                "start_date",
                "end_date",
                "volume",
                "unit",
                "frequency",
                "budget",
                "provider",
            ],
        )
        if allocation.needs_allocation(fresh):
            allocation.new_allocation(fresh, start_date=start_date)
        history.event(
            fresh,
            "grant",
            DecisionStatus.REQUESTED,
            DecisionStatus.GRANTED,
            actor=actor,
            after=history.terms(fresh),
        )
        history.timeline(
            fresh,
            _("Custom provision granted: %(provision)s") % {"provision": fresh.provision.name},
            actor=actor,
        )
        history.audit(fresh, "grant", actor=actor)
    history.copy_back(decision, fresh)
    return decision


def refuse(
    *, decision: Decision, reason: str, actor, expected_version: int | None = None
) -> Decision:
    if not may_decide(actor, decision):
        raise PermissionDenied
    reason = history.text(reason, "reason", _("the reasons for the refusal"))
    with transaction.atomic():
        fresh = history.locked(decision, expected_version=expected_version)
        check_transition(fresh.status, DecisionStatus.REFUSED, "refuse")
        fresh.status = DecisionStatus.REFUSED
        fresh.decided_at = timezone.now()
        fresh.decided_by = actor
        fresh.refusal_reason = reason
        history.save(fresh, ["status", "decided_at", "decided_by", "refusal_reason"])
        history.event(
            fresh,
            "refuse",
            DecisionStatus.REQUESTED,
            DecisionStatus.REFUSED,
            actor=actor,
            reason=reason,
        )
        history.timeline(
            fresh,
            _("Custom provision refused: %(provision)s") % {"provision": fresh.provision.name},
            actor=actor,
        )
        history.audit(fresh, "refuse", actor=actor)
    history.copy_back(decision, fresh)
    return decision
