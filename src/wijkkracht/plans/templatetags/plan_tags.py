"""Labels for the plain values in plan snapshots (versions, conflicts)."""

from __future__ import annotations

from django import template

from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.plans.models import ActionStatus, GoalStatus, PerformerKind

register = template.Library()


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


@register.filter
def domain_label(value: str) -> str:
    return _label(LifeDomain, value)


@register.filter
def performer_label(value: str) -> str:
    return _label(PerformerKind, value)


@register.filter
def goal_status_label(value: str) -> str:
    return _label(GoalStatus, value)


@register.filter
def action_status_label(value: str) -> str:
    return _label(ActionStatus, value)


@register.filter
def nl_date(value: str | None) -> str:
    """An ISO date from a snapshot as dd-mm-yyyy."""
    if not value:
        return ""
    year, month, day = value.split("-")
    return f"{day}-{month}-{year}"
