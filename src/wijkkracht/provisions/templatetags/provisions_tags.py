"""``{% five_questions action %}``: the current five-question answers of a plan action."""

from __future__ import annotations

from django import template

from wijkkracht.provisions.frame import five_questions_for

register = template.Library()


@register.inclusion_tag("provisions/_five_questions.html")
def five_questions(action, heading_level: int = 3):
    return {"frame": five_questions_for(action), "heading_level": heading_level}
