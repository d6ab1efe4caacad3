"""Money as exact decimals: reading what the user typed, checking limits, showing amounts.

Quantities take up to 6 decimal places, unit prices up to 4, and neither may be negative
(an income is a kind of line, not a negative price). No number may pass 10^12, nor may a
line's amount. Sums are exact: amounts are never rounded, except for display, half-even
to the currency's minor unit. Parsing and formatting follow the user's locale (Babel).

The locale is the user's (LC_MONETARY, then LANG...); a plan's default currency is that of
the locale's country, or EUR where the locale names none (the C/POSIX locale).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError, default_locale
from babel.numbers import (
    NumberFormatError,
    format_currency,
    get_currency_precision,
    get_territory_currencies,
    is_currency,
    parse_decimal,
)

from planner import formats
from planner.domain.errors import InvalidInput, excerpt
from planner.i18n import _, ngettext

QUANTITY_PLACES = 6
PRICE_PLACES = 4
# A line's amount has at most this many places: every sum is a whole number of these units.
AMOUNT_PLACES = QUANTITY_PLACES + PRICE_PLACES
MAX_VALUE = Decimal(10) ** 12
FALLBACK_CURRENCY = "EUR"

_PLAIN = re.compile(r"\d+(\.\d+)?|\.\d+")
_SPACES = re.compile(r"[ \u00a0\u202f]")


def user_locale() -> str:
    """The locale of numbers and money: Planner's language, in the system's region where
    it speaks that language (formats.formatting_locale)."""
    return formats.formatting_locale()


def default_currency(locale: str | None = None) -> str:
    """The currency of the locale's country; EUR when the locale names no country."""
    name = locale or default_locale(("LANGUAGE", "LC_ALL", "LC_MONETARY", "LANG"))
    if not name or name.endswith("_POSIX"):
        return FALLBACK_CURRENCY
    try:
        territory = Locale.parse(name).territory
    except (UnknownLocaleError, ValueError):
        return FALLBACK_CURRENCY
    currencies = get_territory_currencies(territory) if territory else []
    return currencies[0] if currencies else FALLBACK_CURRENCY


def clean_currency(code: str) -> str:
    """An ISO 4217 code Babel knows ("eur" is taken as "EUR")."""
    value = code.strip().upper()
    if not is_currency(value):
        raise InvalidInput(
            _("'{code}' is not a currency code; use one like EUR or USD.").format(
                code=excerpt(code)
            )
        )
    return value


@dataclasses.dataclass(frozen=True, slots=True)
class NumberField:
    """A number a user gives (a quantity, a unit price): its places, and what a refusal
    says of it, one whole sentence each, made in the current language when refused."""

    places: int
    not_a_number: Callable[[], str]  # with {text}
    not_decimal: Callable[[], str]
    not_finite: Callable[[], str]
    negative: Callable[[], str]
    too_large: Callable[[], str]  # with {max}
    too_precise: Callable[[int], str]  # with {n}, in its plural form


QUANTITY = NumberField(
    QUANTITY_PLACES,
    lambda: _("Quantity '{text}' is not a number."),
    lambda: _("Quantity must be a decimal number."),
    lambda: _("Quantity must be a finite number."),
    lambda: _("Quantity cannot be negative."),
    lambda: _("Quantity can be at most {max}."),
    lambda n: ngettext(
        "Quantity can have at most {n} decimal place.",
        "Quantity can have at most {n} decimal places.",
        n,
    ),
)
UNIT_PRICE = NumberField(
    PRICE_PLACES,
    lambda: _("Unit price '{text}' is not a number."),
    lambda: _("Unit price must be a decimal number."),
    lambda: _("Unit price must be a finite number."),
    lambda: _("Unit price cannot be negative."),
    lambda: _("Unit price can be at most {max}."),
    lambda n: ngettext(
        "Unit price can have at most {n} decimal place.",
        "Unit price can have at most {n} decimal places.",
        n,
    ),
)


def parse_number(text: str, field: NumberField, locale: str | None = None) -> Decimal:
    """A number the user typed, in their locale ("12,50" in German) or plain ("12.50"),
    checked by `check_number`."""
    value = read_number(text, locale)
    if value is None:
        raise InvalidInput(field.not_a_number().format(text=excerpt(text.strip())))
    return check_number(value, field)


def read_number(text: str, locale: str | None = None) -> Decimal | None:
    """A number as typed, in the locale's way or plain; None when it is not one."""
    raw = text.strip()
    locale = locale or user_locale()
    value: Decimal | None = None
    try:
        value = parse_decimal(raw, locale=locale, strict=True)
    except NumberFormatError:
        # "1 250,5" typed with an ordinary space where the locale groups with another one.
        group = Locale.parse(locale).number_symbols["latn"]["group"]
        if _SPACES.fullmatch(group) and _SPACES.search(raw):
            try:
                value = parse_decimal(_SPACES.sub(group, raw), locale=locale, strict=True)
            except NumberFormatError:
                value = None
    if value is None and _PLAIN.fullmatch(raw):
        value = Decimal(raw)
    return value


def check_number(value: Decimal, field: NumberField) -> Decimal:
    """A finite, non-negative decimal of at most `field.places` decimal places and at most
    10^12, without trailing zeros; or InvalidInput saying what is wrong."""
    if not isinstance(value, Decimal):
        raise InvalidInput(field.not_decimal())
    if not value.is_finite():
        raise InvalidInput(field.not_finite())
    if value < 0:
        raise InvalidInput(field.negative())
    if value > MAX_VALUE:
        raise InvalidInput(field.too_large().format(max=formats.number(MAX_VALUE)))
    if decimal_places(value) > field.places:
        raise InvalidInput(field.too_precise(field.places).format(n=field.places))
    return canonical(value)


def parse_quantity(text: str, locale: str | None = None) -> Decimal:
    return parse_number(text, QUANTITY, locale)


def parse_price(text: str, locale: str | None = None) -> Decimal:
    return parse_number(text, UNIT_PRICE, locale)


def check_quantity(value: Decimal) -> Decimal:
    return check_number(value, QUANTITY)


def check_price(value: Decimal) -> Decimal:
    return check_number(value, UNIT_PRICE)


def line_amount(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """quantity × unit price, exact (at most 10 places, so within any decimal context)."""
    return from_units(to_units(quantity, QUANTITY_PLACES) * to_units(unit_price, PRICE_PLACES))


def check_amount(quantity: Decimal, unit_price: Decimal) -> None:
    if line_amount(quantity, unit_price) > MAX_VALUE:
        raise InvalidInput(_("A line's amount (quantity × unit price) can be at most 10^12."))


def to_units(value: Decimal, places: int) -> int:
    """The value as a whole number of 10^-places (exact for values with fewer places)."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int) and -exponent <= places, value
    number = int("".join(map(str, digits)) or "0") * 10 ** (places + exponent)
    return -number if sign else number


def amount_units(quantity: Decimal, unit_price: Decimal) -> int:
    """A line's amount as a whole number of 10^-AMOUNT_PLACES: sums of these are exact."""
    return to_units(quantity, QUANTITY_PLACES) * to_units(unit_price, PRICE_PLACES)


def text_units(text: str, places: int) -> int:
    """`to_units(Decimal(text), places)` for canonical decimal text ("12.5"), without making
    a Decimal: the fast path for reading a whole plan's lines."""
    whole, _point, fraction = text.partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()) or len(fraction) > places:
        value = Decimal(text)
        if not value.is_finite() or decimal_places(value) > places:  # from a damaged plan
            wrong = f"not a number of at most {places} places: {text!r}"  # not-ui: internal
            raise ValueError(wrong)
        return to_units(canonical(value), places)
    return int(whole + fraction.ljust(places, "0"))


def from_units(units: int) -> Decimal:
    """Back from 10^-AMOUNT_PLACES units to a decimal, without trailing zeros."""
    return canonical(Decimal(units).scaleb(-AMOUNT_PLACES))


def canonical(value: Decimal) -> Decimal:
    """The same number without trailing zeros and never in exponent form ("100", "12.5")."""
    if value == 0:
        return Decimal(0)
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)
    return normal.quantize(Decimal(1)) if exponent > 0 else normal


def decimal_text(value: Decimal) -> str:
    """The canonical text of a decimal: "0", "12.5", "1000000" (stored and exported so)."""
    return format(canonical(value), "f")


def decimal_places(value: Decimal) -> int:
    """Places after the point of a finite decimal, trailing zeros not counted. Exact for
    any exponent: no decimal context, which rounds 1e-999999999 to 0 (and raises on
    1e999999999)."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    significant = len("".join(map(str, digits)).rstrip("0"))
    if not significant:
        return 0
    return max(0, significant - len(digits) - exponent)


def format_money(value: Decimal, currency: str, locale: str | None = None) -> str:
    """An amount for display: rounded half-even to the currency's minor unit, in the
    locale's way ("1 237,50 €", "$1,237.50")."""
    rounded = value.quantize(Decimal(1).scaleb(-get_currency_precision(currency)), ROUND_HALF_EVEN)
    try:
        return format_currency(
            rounded, currency, locale=locale or user_locale(), currency_digits=True
        )
    except (InvalidOperation, ValueError):  # pragma: no cover - Babel refused the locale
        return f"{decimal_text(rounded)} {currency}"


def format_cost(value: Decimal, currency: str, locale: str | None = None) -> str:
    """A cost the one way Planner shows money: money going out plain ("€1,218.55"), money
    coming in with a plus sign ("+€709.00", drawn green where there is colour). A total is
    a cost (expenses minus incomes): a net gain shows with the plus sign."""
    return as_cost(value, lambda amount: format_money(amount, currency, locale))


def as_cost(value: Decimal, money: Callable[[Decimal], str]) -> str:
    """format_cost with the amount written by `money` (a formatter with its currency)."""
    text = money(abs(value))
    rounds_to_zero = not any(c in "123456789" for c in text)  # never "+€0.00"
    return "+" + text if value < 0 and not rounds_to_zero else text


def format_income(value: Decimal, currency: str, locale: str | None = None) -> str:
    """An income: money coming in, with its plus sign ("+€709.00"; nothing: "€0.00")."""
    return format_cost(-value, currency, locale)


def format_number(value: Decimal, locale: str | None = None) -> str:
    """A quantity or price as typed back in the user's locale, every place kept."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale or user_locale(), decimal_quantization=False)
