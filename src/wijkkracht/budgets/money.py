"""Money in euros: ``Decimal`` with two decimals, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# The largest amount a spend or a budget may hold (DecimalField max_digits 10).
MAX_AMOUNT = Decimal("99999999.99")


def quantize(value: Decimal) -> Decimal:
    """Round a computed amount (a sum, a difference) to cents."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def to_money(value, *, field: str = "amount") -> Decimal:
    """An amount given by a person, as Decimal in cents: refused when it is a float (a
    programming error), not a number, more precise than a cent, zero or negative."""
    if isinstance(value, float):
        raise TypeError("money is Decimal, never float")
    if isinstance(value, bool) or value is None or value == "":
        raise ValidationError({field: _("Enter an amount in euros, like 25.50.")}, code="required")
    try:
        amount = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation as exc:
        raise ValidationError(
            {field: _("Enter an amount in euros, like 25.50.")}, code="invalid"
        ) from exc
    if not amount.is_finite():
        raise ValidationError({field: _("Enter an amount in euros, like 25.50.")}, code="invalid")
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValidationError(
            {field: _("Give the amount in euros and cents, with at most two decimals.")},
            code="too_precise",
        )
    if amount <= 0:
        raise ValidationError(
            {field: _("The amount must be more than zero euros.")}, code="not_positive"
        )
    if amount > MAX_AMOUNT:
        raise ValidationError({field: _("This amount is too large.")}, code="too_large")
    return amount.quantize(CENT)


def euro(value: Decimal | None) -> str:
    """€ 1.234,56 in Dutch, € 1,234.56 in English."""
    if value is None:
        return ""
    return "€\u00a0" + number_format(quantize(value), 2, use_l10n=True, force_grouping=True)
