"""The calendar's days and what is due on them, as pure functions: the six weeks a month
shows (or the seven days of a week), starting on the locale's first day of the week, and
each day's entries in the order a cell lists them (high priority first, then the oldest).

An entry holds no title: a month holds thousands of entries, and a cell shows a few; the
titles of those shown are read when they are painted."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, timedelta

from planner.domain.items import Priority, Status

MONTH_WEEKS = 6  # every month fits in six rows, so the grid never changes height


@dataclasses.dataclass(frozen=True, slots=True)
class CalendarEntry:
    """An item as a calendar cell lists it."""

    id: int
    due: date
    priority: Priority
    status: Status = Status.ACTIVE


def week_start(day: date, first_weekday: int) -> date:
    """The first day of `day`'s week, weeks starting on `first_weekday` (0 = Monday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def month_days(year: int, month: int, first_weekday: int) -> list[date]:
    """The 42 days a month's grid shows: from the start of the week of its first day."""
    start = week_start(date(year, month, 1), first_weekday)
    return [start + timedelta(days=n) for n in range(MONTH_WEEKS * 7)]


def week_days(day: date, first_weekday: int) -> list[date]:
    """The seven days of `day`'s week."""
    start = week_start(day, first_weekday)
    return [start + timedelta(days=n) for n in range(7)]


def by_day(entries: Iterable[CalendarEntry]) -> dict[date, list[CalendarEntry]]:
    """Entries under their due day, each day's list in the order a cell shows them."""
    days: dict[date, list[CalendarEntry]] = {}
    for entry in entries:
        days.setdefault(entry.due, []).append(entry)
    for listed in days.values():
        listed.sort(key=_shown_order)
    return days


def _shown_order(entry: CalendarEntry) -> tuple[bool, int, int]:
    """Open items first, high priority first, then the oldest first."""
    return (entry.status is not Status.ACTIVE, -entry.priority, entry.id)
