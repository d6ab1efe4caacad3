"""Turning what the user typed into clean values, or a clear refusal."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from planner import formats
from planner.domain.errors import InvalidInput, excerpt
from planner.domain.items import Priority
from planner.i18n import _, ngettext

TITLE_MAX = 500
NOTES_MAX = 1_000_000
# A date typed in words: longer than any ("the day after tomorrow" is 22).
TYPED_DATE_MAX = 100

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
            ngettext(
                "A title can be at most {limit} character; this one has {n}.",
                "A title can be at most {limit} characters; this one has {n}.",
                TITLE_MAX,
            ).format(limit=formats.number(TITLE_MAX), n=formats.number(len(trimmed)))
        )
    one_line = _LINE_BREAKS.sub(" ", trimmed)
    visible = "".join(
        ch if ch == " " or unicodedata.category(ch) not in ("Cc", "Cs") else " " for ch in one_line
    )
    title = visible.strip()
    if not title:
        raise InvalidInput(_("A title is required."))
    return title


@dataclasses.dataclass(frozen=True, slots=True)
class LineMessages:
    """What a refused line of text says, one whole sentence each, made in the current
    language when refused: not text, too long (for a limit), missing."""

    not_text: Callable[[], str]
    too_long: Callable[[int], str]  # a sentence with {limit}, in the limit's plural form
    missing: Callable[[], str] = str


UNIT_MESSAGES = LineMessages(
    lambda: _("A unit must be text."),
    lambda n: ngettext(
        "A unit can be at most {limit} character.", "A unit can be at most {limit} characters.", n
    ),
)


def clean_line(value: object, messages: LineMessages, limit: int, required: bool) -> str:
    """One line of visible text with its spaces collapsed (control characters and lone
    surrogates, which cannot be stored, become spaces), refused past `limit` characters:
    the length is checked first, on the text trimmed at its ends."""
    if not isinstance(value, str):
        raise InvalidInput(messages.not_text())
    trimmed = value.strip()
    if len(trimmed) > limit:
        raise InvalidInput(messages.too_long(limit).format(limit=formats.number(limit)))
    visible = "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in trimmed)
    text = " ".join(visible.split())
    if required and not text:
        raise InvalidInput(messages.missing())
    return text


def clean_notes(text: str) -> str:
    """Notes keep their lines; only NUL and lone surrogates, which cannot be stored, go.
    Their length is checked first, as a title's is."""
    if len(text) > NOTES_MAX:
        raise InvalidInput(
            ngettext(
                "Notes can be at most {limit} character; these have {n}.",
                "Notes can be at most {limit} characters; these have {n}.",
                NOTES_MAX,
            ).format(limit=formats.number(NOTES_MAX), n=formats.number(len(text)))
        )
    return "".join(ch for ch in text if ch != "\x00" and unicodedata.category(ch) != "Cs")


def clean_due(value: object) -> date | None:
    """A due date is a day: a date or None (a datetime would not read back as a date)."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    raise InvalidInput(_("A due date must be a date."))


def parse_date(text: str) -> date:
    """A date typed as YYYY-MM-DD (digits of any script: ٢٠٢٦-١٢-٣١ too); an impossible
    one (2026-02-30) is refused by name."""
    value = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text.strip())
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise InvalidInput(
            _("'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-12-31.").format(
                text=excerpt(value)
            )
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            _("{text} is not a valid date (there is no such day).").format(text=value)
        ) from None


def parse_moment(value: Any, what: str) -> datetime:
    """A date and time written in ISO 8601 (read from a file), in UTC as stored; without
    an offset it is local time. Refused (naming `what`) when it is not one, or when it
    could not be shown in some time zone (within two days of the years 1 and 9999).
    `what` says where the value was read ("items[2]: created")."""
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput(
            # TRANSLATORS: {what} says where in a file the value was read ("items[2]: created").
            _("{what} {value} is not a date and time.").format(
                what=what, value=excerpt(repr(value))
            )
        ) from None
    try:
        utc = (parsed if parsed.tzinfo else parsed.astimezone()).astimezone(UTC)
        utc - _MOMENT_MARGIN, utc + _MOMENT_MARGIN
    except (OverflowError, ValueError):
        raise InvalidInput(
            _("{what} {value} is out of range.").format(what=what, value=excerpt(repr(value)))
        ) from None
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
            # TRANSLATORS: none, low, medium and high are typed as they are: keep them.
            _("'{text}' is not a priority; use none, low, medium or high.").format(
                text=excerpt(text)
            )
        ) from None
