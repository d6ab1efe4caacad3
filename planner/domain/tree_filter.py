"""What the tree's filter bar asks for (text, person, priority, due window, Done and
Deleted hidden) and how a column sorts siblings: pure rules, read by the store and the
window."""

from __future__ import annotations

import dataclasses
import enum
from datetime import date, timedelta

from planner.domain.days import end_of_week
from planner.domain.items import Priority

# One row of a list as a column sorts it: (id, position, title, due, priority, assignee
# id, created), the dates as stored (ISO 8601 texts, which sort as the dates do).
SortRow = tuple[int, int, str, str | None, int, int | None, str]
NOBODY = 0  # the person filter: items assigned to no one (person ids start at 1)


class DueWindow(enum.Enum):
    OVERDUE = "overdue"  # active and due before today
    TODAY = "today"
    WEEK = "week"  # from today to the end of this week (Sunday)
    MONTH = "month"  # from today to the end of this month
    UNDATED = "undated"  # no due date


@dataclasses.dataclass(frozen=True, slots=True)
class TreeFilter:
    """One filter; every part set must hold (they combine). `person`: None for anyone,
    NOBODY for no one, else a person's id; `hide_closed`: only items with nothing done or
    deleted on their path (the Done and Deleted sections hidden)."""

    text: str = ""
    person: int | None = None
    priority: Priority | None = None
    due: DueWindow | None = None
    hide_closed: bool = False

    @property
    def is_on(self) -> bool:
        return bool(
            self.text.strip()
            or self.person is not None
            or self.priority is not None
            or self.due is not None
            or self.hide_closed
        )


@dataclasses.dataclass(frozen=True, slots=True)
class DueRange:
    """Due dates a window takes: `first` <= due <= `last` (None: open-ended); `undated`:
    only items without one; `active`: only active items (overdue)."""

    first: date | None = None
    last: date | None = None
    undated: bool = False
    active: bool = False


def due_range(window: DueWindow, today: date) -> DueRange:
    if window is DueWindow.OVERDUE:
        return DueRange(last=today - timedelta(days=1), active=True)
    if window is DueWindow.TODAY:
        return DueRange(today, today)
    if window is DueWindow.WEEK:
        return DueRange(today, end_of_week(today))
    if window is DueWindow.MONTH:
        following = date(today.year + today.month // 12, today.month % 12 + 1, 1)
        return DueRange(today, following - timedelta(days=1))
    return DueRange(undated=True)
