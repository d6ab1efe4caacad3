"""Turning what the user typed into clean values, or a clear refusal."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from typing import Any

from planner.domain.errors import InvalidInput, excerpt
from planner.domain.items import Priority

TITLE_MAX = 500
NOTES_MAX = 1_000_000

# Time zones are less than a day from UTC: a time this far inside Python's range shows in
# any zone as a local time with a day either side of it.
_MOMENT_MARGIN = timedelta(days=2)

_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")


def clean_title(text: str) -> str:
    """A title is one line: line breaks become spaces, control characters go, ends are
    trimmed. Its length is checked first (cleaning never lengthens it), so a title of
    millions of characters is refused without reading them all."""
    trimmed = text.strip()
    if len(trimmed) > TITLE_MAX:
        raise InvalidInput(
            f"A title can be at most {TITLE_MAX} characters; this one has {len(trimmed):,}."
        )
    one_line = _LINE_BREAKS.sub(" ", trimmed)
    visible = "".join(
        ch if ch == " " or unicodedata.category(ch) not in ("Cc", "Cs") else " " for ch in one_line
    )
    title = visible.strip()
    if not title:
        raise InvalidInput("A title is required.")
    return title


def clean_line(value: object, what: str, limit: int, required: bool) -> str:
    """One line of visible text with its spaces collapsed (control characters and lone
    surrogates, which cannot be stored, become spaces), refused past `limit` characters:
    the length is checked first, on the text trimmed at its ends."""
    if not isinstance(value, str):
        raise InvalidInput(f"{what} must be text.")
    trimmed = value.strip()
    if len(trimmed) > limit:
        raise InvalidInput(f"{what} can be at most {limit} characters.")
    visible = "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in trimmed)
    text = " ".join(visible.split())
    if required and not text:
        raise InvalidInput(f"{what} is required.")
    return text


def clean_notes(text: str) -> str:
    """Notes keep their lines; only NUL and lone surrogates, which cannot be stored, go.
    Their length is checked first, as a title's is."""
    if len(text) > NOTES_MAX:
        raise InvalidInput(
            f"Notes can be at most {NOTES_MAX:,} characters; these have {len(text):,}."
        )
    return "".join(ch for ch in text if ch != "\x00" and unicodedata.category(ch) != "Cs")


def parse_date(text: str) -> date:
    """A date typed as YYYY-MM-DD (digits of any script: ٢٠٢٦-١٢-٣١ too); an impossible
    one (2026-02-30) is refused by name."""
    value = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text.strip())
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise InvalidInput(f"'{excerpt(value)}' is not a date; use YYYY-MM-DD, e.g. 2026-12-31.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{value} is not a valid date (there is no such day).") from None


def parse_moment(value: Any, what: str) -> datetime:
    """A date and time written in ISO 8601 (read from a file), in UTC as stored; without
    an offset it is local time. Refused (naming `what`) when it is not one, or when it
    could not be shown in some time zone (within two days of the years 1 and 9999)."""
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{what} {excerpt(repr(value))} is not a date and time.") from None
    try:
        utc = (parsed if parsed.tzinfo else parsed.astimezone()).astimezone(UTC)
        utc - _MOMENT_MARGIN, utc + _MOMENT_MARGIN
    except (OverflowError, ValueError):
        raise InvalidInput(f"{what} {excerpt(repr(value))} is out of range.") from None
    return utc


def position(text: str) -> int:
    """A place typed on the command line (0 = first), as argparse's type: a whole number
    (ValueError if not). A place past SQLite's 64-bit integers is past any last one: it is
    taken as the largest SQLite keeps, which puts the thing last, as any place past the
    end does (or, below zero, as the smallest, which is refused as negative)."""
    return min(max(int(text), -(2**63)), 2**63 - 1)


def parse_priority(text: str) -> Priority:
    try:
        return Priority[text.strip().upper()]
    except KeyError:
        raise InvalidInput(
            f"'{excerpt(text)}' is not a priority; use none, low, medium or high."
        ) from None
