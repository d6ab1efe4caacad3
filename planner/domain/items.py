"""What an item of the plan is: kinds, statuses, priorities, and the full record of one row."""

from __future__ import annotations

import dataclasses
import enum
from datetime import date, datetime

from planner.domain.errors import excerpt
from planner.i18n import _, pgettext


class Kind(enum.StrEnum):
    GROUP = "group"
    ITEM = "item"


class Status(enum.StrEnum):
    ACTIVE = "active"
    DONE = "done"
    DELETED = "deleted"


class Priority(enum.IntEnum):
    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        """The priority's name as shown ("High"), in the current language; "" for none."""
        if self is Priority.HIGH:
            return pgettext("priority", "High")
        if self is Priority.MEDIUM:
            return pgettext("priority", "Medium")
        return pgettext("priority", "Low") if self is Priority.LOW else ""

    @property
    def phrase(self) -> str:
        """ "high priority", as a list says it; "" for none."""
        if self is Priority.HIGH:
            return pgettext("priority", "high priority")
        if self is Priority.MEDIUM:
            return pgettext("priority", "medium priority")
        return pgettext("priority", "low priority") if self is Priority.LOW else ""


def status_label(status: Status) -> str:
    """A status as shown ("Active", "Done", "Deleted"), in the current language."""
    if status is Status.DONE:
        return pgettext("status", "Done")
    if status is Status.DELETED:
        return pgettext("status", "Deleted")
    return pgettext("status", "Active")


class Section(enum.StrEnum):
    """The three lists under a parent: its active children, its Done and its Deleted section."""

    ACTIVE = "active"
    DONE = "done"
    DELETED = "deleted"


@dataclasses.dataclass(frozen=True, slots=True)
class ItemRecord:
    """One row of the plan, exactly as stored. Groups and items share the shape."""

    id: int
    kind: Kind
    parent_id: int | None
    position: int
    title: str
    notes: str
    created: datetime
    due: date | None
    priority: Priority
    status: Status
    done_at: datetime | None
    deleted_at: datetime | None
    calc_on: bool = False  # calculation switched on: its cost lines count
    assignee_id: int | None = None  # the person it is assigned to
    why: str = ""  # "Why it matters"
    examples: str = ""

    @property
    def is_group(self) -> bool:
        return self.kind is Kind.GROUP


def quoted(title: str, limit: int = 40) -> str:
    """A title in a message: in quotes, shortened with an ellipsis past `limit`."""
    # TRANSLATORS: a title quoted in a message; your language's quotation marks.
    return _("'{title}'").format(title=excerpt(title, limit))


# The fields a user edits directly; everything else changes through moves and statuses.
EDITABLE_FIELDS = ("title", "notes", "due", "priority", "why", "examples")
