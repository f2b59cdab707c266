"""Notes in the case file: normal, or sensitive (only the author and the coordinator may
read the text; others see that there is a note)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkkracht.cases import changes
from wijkkracht.cases.models import Case, Note, TimelineEntry
from wijkkracht.households.models import HouseholdMembership


def add_note(
    *,
    case: Case,
    text: str,
    confidentiality: str,
    actor,
    member=None,
    expected_version: int | None = None,
) -> Note:
    """Adding a note does not conflict with other changes: ``expected_version`` is only
    checked when given."""
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version, manage=False)
        text = changes.text(text, "text", _("the note"))
        if confidentiality not in Note.Confidentiality.values:
            raise ValidationError({"confidentiality": _("Choose the confidentiality.")})
        if (
            member is not None
            and not HouseholdMembership.objects.filter(
                household_id=fresh.household_id, resident=member
            ).exists()
        ):
            raise ValidationError({"member": _("Choose a member of the household.")})
        note = Note.objects.create(
            case=fresh, author=actor, member=member, text=text, confidentiality=confidentiality
        )
        changes.save(fresh, [])
        changes.entry(
            fresh,
            TimelineEntry.Kind.NOTE,
            _("Sensitive note") if confidentiality == Note.Confidentiality.SENSITIVE else _("Note"),
            actor=actor,
            member=member,
            note=note,
        )
        changes.audit(
            fresh,
            "add_note",
            actor=actor,
            action=changes.Action.CREATE,
            confidentiality=confidentiality,
        )
    changes.copy_back(case, fresh)
    return note
