from django import template

from wijkkracht.budgets.money import euro as format_euro

register = template.Library()


@register.filter
def euro(value) -> str:
    """An amount as € 1.234,56 (Dutch) or € 1,234.56 (English)."""
    return format_euro(value)
