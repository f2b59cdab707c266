from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from wijkkracht.budgets.money import euro, quantize, to_money


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("25", "25.00"),
        ("25.5", "25.50"),
        (" 0.01 ", "0.01"),
        (Decimal("1234.50"), "1234.50"),
        (7, "7.00"),
    ],
)
def test_amounts_become_decimal_in_cents(given, expected):
    amount = to_money(given)
    assert isinstance(amount, Decimal)
    assert str(amount) == expected


def test_a_float_is_a_programming_error():
    with pytest.raises(TypeError):
        to_money(25.5)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("0", "more than zero"),
        ("0.00", "more than zero"),
        ("-5", "more than zero"),
        ("12.345", "at most two decimals"),
        ("twelve", "Enter an amount"),
        ("", "Enter an amount"),
        (None, "Enter an amount"),
        ("NaN", "Enter an amount"),
        ("Infinity", "Enter an amount"),
        ("1e12", "too large"),
    ],
)
def test_bad_amounts_are_refused_with_a_clear_message(given, message):
    with pytest.raises(ValidationError) as exc:
        to_money(given)
    assert message in exc.value.message_dict["amount"][0]


def test_sums_are_quantized_to_cents():
    assert quantize(Decimal("0.1") + Decimal("0.2")) == Decimal("0.30")
    assert str(quantize(Decimal("2.005"))) == "2.01"


def test_euro_in_dutch_and_english():
    with translation.override("nl"):
        assert euro(Decimal("1234.5")) == "€\u00a01.234,50"
    with translation.override("en"):
        assert euro(Decimal("1234.5")) == "€\u00a01,234.50"


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("25,50", "25.50"),
        ("25.50", "25.50"),
        ("€ 1.250,75", "1250.75"),
        ("1,250.75", "1250.75"),
        ("1.250.000", "1250000"),
        ("12,5", "12.5"),
        ("40", "40"),
    ],
)
def test_typed_amounts_in_dutch_or_english(typed, amount):
    from wijkkracht.budgets.forms import parse_amount

    assert parse_amount(typed) == amount


@pytest.mark.parametrize("typed", ["1.250", "1,250"])
def test_a_lone_thousands_separator_is_ambiguous(typed):
    from wijkkracht.budgets.forms import parse_amount

    with pytest.raises(ValidationError, match="without a thousands separator"):
        parse_amount(typed)
