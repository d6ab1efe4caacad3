"""Money input and display: the issue's rules for what is accepted, exactly, and what is
refused with a clear message; amounts shown rounded half-even for the locale."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.domain.errors import InvalidInput
from planner.domain.money import (
    check_amount,
    clean_currency,
    decimal_text,
    default_currency,
    format_money,
    line_amount,
    parse_price,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("12.50", "en_US", "12.5"),
        ("12,50", "de_DE", "12.5"),
        ("12.50", "de_DE", "12.5"),  # plain decimal point, accepted everywhere
        ("1.250", "de_DE", "1250"),  # a German thousands separator
        ("1,250.5", "en_US", "1250.5"),
        ("1 250,5", "fr_FR", "1250.5"),  # an ordinary space where French groups with U+202F
        (" 3 ", "en_US", "3"),
        ("0.000001", "en_US", "0.000001"),
        ("1000000000000", "en_US", "1000000000000"),
        ("2.5000000", "en_US", "2.5"),  # trailing zeros are not decimals that count
    ],
)
def test_quantities_are_read_in_the_locale_and_plainly(text: str, locale: str, value: str) -> None:
    parsed = parse_quantity(text, locale)
    assert parsed == Decimal(value)
    assert decimal_text(parsed) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "Quantity 'abc' is not a number"),
        ("", "is not a number"),
        ("12,50", "is not a number"),  # a comma is a thousands separator in en_US
        ("NaN", "finite"),
        ("Infinity", "finite"),
        ("-3", "cannot be negative"),
        ("1e400", "finite|at most"),
        ("0.0000001", "at most 6 decimal places"),
        ("1000000000000.5", "at most 1,000,000,000,000"),
    ],
)
def test_bad_quantities_are_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_quantity(text, "en_US")


def test_prices_take_four_places() -> None:
    assert parse_price("0.0001", "en_US") == Decimal("0.0001")
    with pytest.raises(InvalidInput, match="Unit price can have at most 4 decimal places"):
        parse_price("0.00001", "en_US")


def test_amounts_are_exact_and_limited() -> None:
    assert line_amount(Decimal("0.1"), Decimal("0.2")) == Decimal("0.02")
    assert line_amount(Decimal("999999.999999"), Decimal("999999.9999")) == Decimal(
        "999999999899.0000000001"
    )
    check_amount(Decimal(10**6), Decimal(10**6))
    with pytest.raises(InvalidInput, match="at most 10\\^12"):
        check_amount(Decimal(10**6), Decimal("1000000.0001"))


def test_display_rounds_half_even_to_the_minor_unit() -> None:
    assert format_money(Decimal("1237.5"), "EUR", "fr_FR") == "1\u202f237,50\u00a0€"
    assert format_money(Decimal("1237.5"), "USD", "en_US") == "$1,237.50"
    assert format_money(Decimal("0.125"), "USD", "en_US") == "$0.12"
    assert format_money(Decimal("0.135"), "USD", "en_US") == "$0.14"
    assert format_money(Decimal("-278.125"), "USD", "en_US") == "-$278.12"
    assert format_money(Decimal("1000.5"), "JPY", "ja_JP") == "￥1,000"


def test_currencies() -> None:
    assert clean_currency(" eur ") == "EUR"
    with pytest.raises(InvalidInput, match="not a currency code"):
        clean_currency("XYZ")
    assert default_currency("de_DE") == "EUR"
    assert default_currency("en_US") == "USD"
    assert default_currency("ja_JP") == "JPY"
    assert default_currency("en_US_POSIX") == "EUR"


def test_one_money_sign_convention() -> None:
    D = Decimal
    """A cost plain, money coming in with "+"; a total is a cost (a gain: "+")."""
    from planner.domain.costs import Totals
    from planner.domain.money import format_cost, format_income

    assert format_cost(D("1218.55"), "EUR", "en_US") == "€1,218.55"
    assert format_cost(D("-709"), "EUR", "en_US") == "+€709.00"
    assert format_cost(D("-0.001"), "EUR", "en_US") == "€0.00"  # never "+€0.00"
    assert format_income(D("709"), "EUR", "de_DE") == "+709,00\xa0€"
    expense_only = Totals(expense=D("1218.55"), lines=2)
    with_income = Totals(expense=D(20), income=D(300), lines=2)
    assert expense_only.headline == D("1218.55")
    assert with_income.headline == D(-280)  # the same meaning: what it costs
