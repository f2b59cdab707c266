"""Accounting afterwards: the spender says what the money was spent on, why it was
needed and what it brought about, within ``JUSTIFY_WITHIN_DAYS`` of paying; a team lead
of the budget's team (not the spender) accepts it or asks for more information, which
gives the spender another ``JUSTIFY_WITHIN_DAYS``."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.models import Action
from wijkkracht.budgets.auditing import audit_spends
from wijkkracht.budgets.models import JUSTIFY_WITHIN_DAYS, JustificationStatus, Spend, SpendEvent
from wijkkracht.budgets.spending import _check_lead, _copy_back, _event, _locked_spend, refuse, text
from wijkkracht.budgets.workflow import check_justification_transition


def justify_spend(*, spend: Spend, actor, what: str, why: str, effect: str) -> Spend:
    if spend.spent_by_id != actor.pk:
        refuse(
            actor,
            spend,
            "justify_spend",
            _("Only the person who made the spend can justify it."),
        )
    errors: dict[str, list[str]] = {}
    values = {}
    for field, value in (("what", what), ("why", why), ("effect", effect)):
        try:
            values[field] = text(value, field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        fresh = _locked_spend(spend)
        check_justification_transition(
            fresh.justification_status, JustificationStatus.SUBMITTED, "justify"
        )
        fresh.what, fresh.why, fresh.effect = values["what"], values["why"], values["effect"]
        fresh.justification_status = JustificationStatus.SUBMITTED
        fresh.justified_at = timezone.now()
        fresh.save(update_fields=["what", "why", "effect", "justification_status", "justified_at"])
        _event(fresh, SpendEvent.Kind.JUSTIFIED, actor)
        audit_spends(
            user=actor,
            spends=[fresh],
            action=Action.UPDATE,
            detail={"use_case": "justify", "justification": str(fresh.justification_status)},
        )
    return _copy_back(spend, fresh)


def _review(spend: Spend, actor, target: str, use_case: str, note: str) -> Spend:
    _check_lead(spend, actor, use_case)
    note = text(note, "note", required=target == JustificationStatus.MORE_INFORMATION)
    with transaction.atomic():
        fresh = _locked_spend(spend)
        check_justification_transition(fresh.justification_status, target, use_case)
        fresh.justification_status = target
        fresh.reviewed_by, fresh.reviewed_at = actor, timezone.now()
        fresh.review_note = note
        fields = ["justification_status", "reviewed_by", "reviewed_at", "review_note"]
        if target == JustificationStatus.MORE_INFORMATION:
            fresh.justification_due = timezone.localdate() + dt.timedelta(days=JUSTIFY_WITHIN_DAYS)
            fields.append("justification_due")
        fresh.save(update_fields=fields)
        kind = (
            SpendEvent.Kind.ACCEPTED
            if target == JustificationStatus.ACCEPTED
            else SpendEvent.Kind.MORE_INFORMATION
        )
        _event(fresh, kind, actor, note)
        audit_spends(
            user=actor,
            spends=[fresh],
            action=Action.UPDATE,
            detail={"use_case": use_case, "justification": str(target)},
        )
    return _copy_back(spend, fresh)


def accept_justification(*, spend: Spend, actor, note: str = "") -> Spend:
    return _review(spend, actor, JustificationStatus.ACCEPTED, "accept", note)


def ask_more_information(*, spend: Spend, actor, note: str) -> Spend:
    return _review(spend, actor, JustificationStatus.MORE_INFORMATION, "ask_more_information", note)
