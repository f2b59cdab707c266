"""``{% load audit_tags %}{% unreviewed_break_glass_count as count %}`` for the privacy
officer's home dashboard (0 for everyone else)."""

from django import template

from wijkkracht.audit.queries import unreviewed_break_glass_count as _count

register = template.Library()


@register.simple_tag(takes_context=True)
def unreviewed_break_glass_count(context) -> int:
    request = context.get("request")
    return _count(request.user) if request is not None else 0
