"""The calendar's days: six weeks of a month from the locale's first weekday, a week,
months added without leaving a shorter month, and each day's entries in a cell's order."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from planner.domain.calendar import (
    CalendarEntry,
    by_day,
    month_days,
    week_days,
    week_start,
)
from planner.domain.days import add_months
from planner.domain.items import Priority, Status


@pytest.mark.parametrize("first_weekday", range(7))
@pytest.mark.parametrize(("year", "month"), [(2026, 11), (2027, 2), (2024, 2), (2026, 12)])
def test_a_month_is_six_weeks_from_the_first_weekday(
    first_weekday: int, year: int, month: int
) -> None:
    days = month_days(year, month, first_weekday)
    assert len(days) == 42
    assert days[0].weekday() == first_weekday
    assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(days))
    first = date(year, month, 1)
    assert first in days and days.index(first) < 7  # the first week holds the 1st
    last = add_months(first, 1) - timedelta(days=1)
    assert last in days


def test_a_month_starting_on_the_first_weekday_starts_the_grid() -> None:
    assert month_days(2026, 11, 6)[0] == date(2026, 11, 1)  # a Sunday; weeks from Sunday
    assert month_days(2026, 11, 0)[0] == date(2026, 10, 26)  # weeks from Monday


def test_a_week_holds_its_day() -> None:
    day = date(2026, 12, 9)  # a Wednesday
    assert week_days(day, 0)[0] == date(2026, 12, 7)
    assert week_days(day, 6)[0] == date(2026, 12, 6)
    assert week_start(date(2026, 12, 7), 0) == date(2026, 12, 7)
    assert len(week_days(day, 3)) == 7 and day in week_days(day, 3)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2027, 1, 15), -1, date(2026, 12, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 31), 13, date(2027, 6, 30)),
        (date(2026, 5, 31), -24, date(2024, 5, 31)),
    ],
)
def test_months_are_added_inside_a_shorter_month(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_a_days_entries_open_first_then_high_priority_then_the_oldest() -> None:
    day = date(2026, 12, 9)
    entries = [
        CalendarEntry(2, day, Priority.NONE),
        CalendarEntry(1, day, Priority.NONE),
        CalendarEntry(6, day, Priority.LOW),
        CalendarEntry(3, day, Priority.HIGH),
        CalendarEntry(4, day, Priority.HIGH, Status.DONE),
        CalendarEntry(5, day + timedelta(days=1), Priority.LOW),
    ]
    days = by_day(entries)
    assert [e.id for e in days[day]] == [3, 6, 1, 2, 4]
    assert [e.id for e in days[day + timedelta(days=1)]] == [5]
