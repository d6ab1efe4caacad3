"""How a plan keeps values as text, both ways: moments (ISO 8601 in UTC, so that they
compare as text in time order), days, decimals, and the packed numbers SQLite writes for the
tree's shape. A plan is data from outside: each reading raises ValueError (or TypeError) on
a value that does not read, and the unit names it (see damage)."""

from __future__ import annotations

import sys
from array import array
from datetime import UTC, date, datetime
from decimal import Decimal

from planner.domain.money import decimal_places


def stored_moment(when: datetime) -> str:
    """A moment as a plan stores it: ISO 8601 in UTC to the microsecond, so that stored
    moments compare as text in time order."""
    if when.tzinfo is None:
        raise ValueError("naive datetime")
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def aware(text: str) -> datetime:
    """A stored moment (never a naive one: it would not compare with the others)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"a moment without its offset: {text!r}")  # not-ui: internal
    return moment


def optional_moment(text: str | None) -> datetime | None:
    return None if text is None else aware(text)


def optional_day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def number(text: str) -> Decimal:
    """A stored decimal: finite, of at most 40 digits (check names any longer)."""
    value = Decimal(text)
    if not value.is_finite() or value.adjusted() > 40:
        raise ValueError(f"not a number a plan holds: {text!r}")  # not-ui: internal
    return value


def amount(text: str, places: int) -> Decimal:
    """A stored quantity, price or sum: a number of at most `places` places."""
    value = number(text)
    if decimal_places(value) > places:
        raise ValueError(f"more than {places} places: {text!r}")  # not-ui: internal
    return value


def optional_decimal(text: str | None) -> Decimal | None:
    return None if text is None else number(text)


DIGIT_VALUES = bytes.maketrans(b"0123456789", bytes(range(10)))


def int64s(hex_text: str | None) -> array[int]:
    """The numbers SQLite wrote as 16 hex digits each (two's complement), one after the
    other."""
    numbers = array("q", bytes.fromhex(hex_text or ""))
    if sys.byteorder == "little":
        numbers.byteswap()
    return numbers


def digits(text: str | None) -> bytes:
    """One small number per digit."""
    return (text or "").encode("ascii").translate(DIGIT_VALUES)
