"""Links to a household's case from other pages."""

from __future__ import annotations

from django import template

from wijkkracht.cases.models import Case

register = template.Library()


@register.simple_tag
def household_case(household, user):
    """The household's latest case this user may see (None if there is none)."""
    return (
        Case.objects.visible_to(user)
        .filter(household=household)
        .order_by("-opened_at", "-pk")
        .only("public_id", "status")
        .first()
    )
