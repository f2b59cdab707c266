"""The intake workflow: one explicit table of allowed status changes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wijkkracht.intake.models import Status

# (from, to): the use case that makes this change.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.NEW, Status.ASSIGNED): "assign",
    (Status.ASSIGNED, Status.ASSIGNED): "assign",
    (Status.NEW, Status.CONTACTED): "register_first_contact",
    (Status.ASSIGNED, Status.CONTACTED): "register_first_contact",
    (Status.CONTACTED, Status.CLOSED): "close",
    (Status.NEW, Status.NEW): "reroute",
    (Status.ASSIGNED, Status.NEW): "reroute",
}


def check_transition(current: str, target: str, use_case: str) -> None:
    if TRANSITIONS.get((current, target)) != use_case:
        raise ValidationError(
            _("This question is %(current)s; it cannot go to %(target)s this way.")
            % {"current": Status(current).label, "target": Status(target).label},
            code="invalid_transition",
        )
