"""People (the friends list) and who an item is assigned to, as plain data.

A person has a name (required, unique without regard to case), an optional email (checked
when given) and a note. Any goal or task may be assigned to one person; groups never are.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from planner import formats
from planner.domain.errors import InvalidInput
from planner.domain.validation import clean_notes, clean_title
from planner.i18n import _, ngettext

NAME_MAX = 200
EMAIL_MAX = 254
PERSON_FIELDS = ("name", "email", "note")

# A practical check, not RFC 5322: something@domain.tld, no spaces, no doubled dots.
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


@dataclasses.dataclass(frozen=True, slots=True)
class Person:
    """One person, exactly as stored."""

    id: int
    name: str
    email: str = ""
    note: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class AssignedCounts:
    """How a person's items stand (deleted items are not counted)."""

    active: int = 0
    overdue: int = 0
    done: int = 0


def name_key(name: str) -> str:
    """What makes two names the same: case and Unicode forms do not count ("Ana" = "ANA")."""
    return unicodedata.normalize("NFKC", name).casefold()


def clean_name(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidInput(_("A person's name must be text."))
    try:
        name = clean_title(text)
    except InvalidInput:
        raise InvalidInput(_("A person needs a name.")) from None
    if len(name) > NAME_MAX:
        raise InvalidInput(
            ngettext(
                "A name can be at most {limit} character; this one has {n}.",
                "A name can be at most {limit} characters; this one has {n}.",
                NAME_MAX,
            ).format(limit=formats.number(NAME_MAX), n=formats.number(len(name)))
        )
    return name


def clean_email(text: object) -> str:
    """An email address, or "" for none; anything that is not an address is refused."""
    if text is None:
        return ""
    if not isinstance(text, str):
        raise InvalidInput(_("An email address must be text."))
    email = text.strip()
    if not email:
        return ""
    shown = email if len(email) <= 60 else email[:59] + "…"
    if len(email) > EMAIL_MAX or not _EMAIL.fullmatch(email):
        raise InvalidInput(
            _("'{text}' is not an email address (like name@example.org).").format(text=shown)
        )
    return email


def clean_person_fields(fields: Mapping[str, Any]) -> dict[str, str]:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown field: {names}.").format(names=", ".join(sorted(unknown))))
    clean: dict[str, str] = {}
    for key, value in fields.items():
        if key == "name":
            clean[key] = clean_name(value)
        elif key == "email":
            clean[key] = clean_email(value)
        else:
            if value is not None and not isinstance(value, str):
                raise InvalidInput(_("A note must be text."))
            clean[key] = clean_notes(value or "")
    return clean


# -- changes (see domain.changes: each one applied returns another that undoes it) -------


@dataclasses.dataclass(frozen=True, slots=True)
class AddPerson:
    """Add a person; `person.id` 0 makes a new one, any other id puts a removed person back
    as they were, with the items in `assigned` assigned to them again."""

    person: Person
    assigned: tuple[int, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class EditPerson:
    """Change some of a person's fields: name, email, note. `expected`: undoing, the
    values the edit set (they must still be there)."""

    id: int
    fields: Mapping[str, Any]
    expected: Mapping[str, Any] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class RemovePerson:
    """Remove a person; their items become unassigned. `made`: undoing their adding, the
    person as added and the items then assigned (nothing else may be theirs since)."""

    id: int
    made: tuple[Person, tuple[int, ...]] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Assign:
    """Set the assignee (a person id, or None for nobody) of each item."""

    values: tuple[tuple[int, int | None], ...]


PeopleChange = AddPerson | EditPerson | RemovePerson | Assign
