"""Working days: counted in constant time (checked against counting day by day), a
country's holidays off, and the countdown in working days in the language spoken."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.countdown import countdown_text
from planner.domain.errors import InvalidInput
from planner.domain.items import Status
from planner.domain.workdays import (
    WORKWEEK,
    WorkCalendar,
    clean_country,
    clean_week,
    country_holidays,
)

D = date
WORKING = WorkCalendar(on=True)


def _by_hand(calendar: WorkCalendar, after: date, until: date) -> int:
    days = (after + timedelta(days=k) for k in range(1, (until - after).days + 1))
    return sum(1 for d in days if calendar.is_working(d))


@settings(max_examples=200, deadline=None)
@given(
    st.dates(D(2000, 1, 1), D(2060, 1, 1)),
    st.integers(0, 800),
    st.sets(st.integers(0, 6), min_size=1),
)
def test_counted_at_once_as_day_by_day(after: date, span: int, week: set[int]) -> None:
    calendar = WorkCalendar(True, frozenset(week))
    until = after + timedelta(days=span)
    assert calendar.working_days(after, until) == _by_hand(calendar, after, until)


def test_easter_in_germany() -> None:
    holidays = tuple(sorted(country_holidays("DE", 2027)))
    germany = WorkCalendar(True, WORKWEEK, "DE", holidays, (2027, 2027))
    # Good Friday 26 March and Easter Monday 29 March 2027 are days off.
    assert germany.working_days(D(2027, 3, 22), D(2027, 4, 2)) == 7
    assert WORKING.working_days(D(2027, 3, 22), D(2027, 4, 2)) == 9
    assert not germany.is_working(D(2027, 3, 26))
    # Outside the years kept, the library is asked.
    assert not germany.is_working(D(2028, 4, 14))  # Good Friday 2028
    assert germany.working_days(D(2028, 4, 10), D(2028, 4, 18)) == _by_hand(
        germany, D(2028, 4, 10), D(2028, 4, 18)
    )


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (D(2027, 1, 22), "12 working days left"),  # Wed 6 Jan to Fri 22 Jan
        (D(2027, 1, 7), "Due tomorrow"),
        (D(2027, 1, 6), "Due today"),
        (D(2027, 1, 11), "3 working days left"),  # Thu, Fri, Mon
        (D(2027, 1, 10), "2 working days left"),  # a Sunday: Thu, Fri
        (D(2027, 1, 5), "1 working day overdue"),
        (D(2026, 12, 30), "5 working days overdue"),  # Thu 31, Fri 1, Mon 4, Tue 5, Wed 6
    ],
)
def test_the_countdown_in_working_days(due: date, expected: str) -> None:
    assert countdown_text(due, Status.ACTIVE, None, D(2027, 1, 6), WORKING) == expected


def test_overdue_with_no_working_day_passed() -> None:
    # Due on Saturday, today Sunday: overdue, with no working day gone.
    assert countdown_text(D(2027, 1, 9), Status.ACTIVE, None, D(2027, 1, 10), WORKING) == "Overdue"


def test_done_early_or_late_in_working_days() -> None:
    friday, monday = D(2027, 1, 8), D(2027, 1, 11)
    assert (
        countdown_text(monday, Status.DONE, friday, friday, WORKING) == "Done 1 working day early"
    )
    assert countdown_text(friday, Status.DONE, monday, monday, WORKING) == "Done 1 working day late"
    saturday = D(2027, 1, 9)  # done on a day off after a Friday due date
    assert countdown_text(friday, Status.DONE, saturday, saturday, WORKING) == "Done on time"


def test_calendar_days_are_as_they_were() -> None:
    assert countdown_text(D(2027, 1, 22), Status.ACTIVE, None, D(2027, 1, 6)) == "16 days left"


def test_settings_typed() -> None:
    assert clean_week("mon,tue,wed,thu,fri") == WORKWEEK
    assert clean_week("sun-thu") == frozenset({6, 0, 1, 2, 3})
    assert clean_week("Monday,tues,wed,thursday,fri") == WORKWEEK
    assert clean_country(" de ") == "DE"
    for bad, message in (
        ("", "'' is not a working week"),
        ("mon,funday", "'mon,funday' is not a working week"),
        ("monkey,tue", "'monkey,tue' is not a working week"),  # only the start was read
        ("mon-xx", "'mon-xx' is not a working week"),
    ):
        with pytest.raises(InvalidInput, match=message):
            clean_week(bad)
    with pytest.raises(InvalidInput, match="'Germany' is not a country code"):
        clean_country("Germany")
    with pytest.raises(InvalidInput, match="ZZ is not a country Planner knows"):
        clean_country("zz")
