"""The plan's calendar: whether countdowns count working days, the working week, and the
country whose public holidays are days off, kept as settings of the plan.

A country's holidays are looked up once, when it is set (the `holidays` library takes about
half a second to load), for the years from 2 before to 20 after, and kept in the plan with
them; a countdown reaching outside those years looks them up then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from planner.domain.errors import InvalidInput
from planner.domain.workdays import (
    WORKWEEK,
    WorkCalendar,
    clean_country,
    clean_week,
    country_holidays,
    week_text,
)
from planner.services.ports import Store, Unit

Clock = Callable[[], datetime]
ON_KEY = "workdays"  # "on", or absent
WEEK_KEY = "workweek"  # "mon,tue,wed,thu,fri"
COUNTRY_KEY = "holiday_country"  # "DE", or absent
HOLIDAYS_KEY = "holidays"  # "2025-2046 2025-01-01 2025-04-18 ...": the years, then the days
YEARS_BEFORE, YEARS_AFTER = 2, 20


def read_calendar(unit: Unit) -> WorkCalendar:
    """The plan's calendar, from its settings (no library loaded); a setting that does not
    read is left out (see calendar_problems)."""
    return _calendar(unit)[0]


def calendar_problems(unit: Unit) -> list[str]:
    """The keys of the calendar's settings that do not read (a plan is data from outside):
    each is ignored, and `planner check` says so."""
    return _calendar(unit)[1]


def _calendar(unit: Unit) -> tuple[WorkCalendar, list[str]]:
    ignored: list[str] = []
    on = unit.setting(ON_KEY) == "on"
    week_setting = unit.setting(WEEK_KEY)
    week = WORKWEEK
    if week_setting:
        try:
            week = clean_week(week_setting)
        except InvalidInput:
            ignored.append(WEEK_KEY)
    country = unit.setting(COUNTRY_KEY)
    if country and not _country_code(country):
        ignored.append(COUNTRY_KEY)
        country = ""
    holidays: tuple[date, ...] = ()
    years = (0, -1)
    kept = unit.setting(HOLIDAYS_KEY)
    if country and kept:
        try:
            years, holidays = _kept_holidays(kept)
        except ValueError:  # the library is asked instead, for every year
            ignored.append(HOLIDAYS_KEY)
    return WorkCalendar(on, week, country, holidays, years), ignored


def _country_code(text: str) -> bool:
    """Whether a stored country looks like a code (whether the library knows it is asked
    only when a year outside the kept holidays is)."""
    return text.isascii() and text.isalpha() and text.isupper() and len(text) in (2, 3)


def _kept_holidays(text: str) -> tuple[tuple[int, int], tuple[date, ...]]:
    """The years and days of HOLIDAYS_KEY's text; ValueError when it does not read."""
    kept = text.split()
    first, dash, last = kept[0].partition("-")
    years = (int(first), int(last))
    if not dash or not 1 <= years[0] <= years[1] <= 9999:
        raise ValueError(text)
    return years, tuple(sorted(date.fromisoformat(d) for d in kept[1:]))


class WorkdayService:
    """The plan's calendar settings (the same store as its PlanService)."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def calendar(self) -> WorkCalendar:
        with self.store.read() as unit:
            return read_calendar(unit)

    def set_calendar(
        self, on: bool, week: str | None = None, country: str | None = None
    ) -> WorkCalendar:
        """Count working days (`on`) or calendar days; `week` ("mon,tue,wed,thu,fri") and
        `country` (an ISO code; "" for none) change only when given. Returns the calendar
        it replaces."""
        days = clean_week(week) if week is not None else None
        code = clean_country(country) if country else country
        kept = _holidays_text(code, self.clock().astimezone().year) if code else None
        with self.store.write() as unit:
            old = read_calendar(unit)
            if on:
                unit.set_setting(ON_KEY, "on")
            else:
                unit.delete_setting(ON_KEY)
            if days is not None:
                unit.set_setting(WEEK_KEY, week_text(days))
            if code is not None:
                if code:
                    assert kept is not None
                    unit.set_setting(COUNTRY_KEY, code)
                    unit.set_setting(HOLIDAYS_KEY, kept)
                else:
                    unit.delete_setting(COUNTRY_KEY)
                    unit.delete_setting(HOLIDAYS_KEY)
            return old

    def restore(self, calendar: WorkCalendar) -> None:
        """Put a calendar back as it was (the undo of set_calendar)."""
        with self.store.write() as unit:
            _write(unit, calendar)


def _write(unit: Unit, calendar: WorkCalendar) -> None:
    if calendar.on:
        unit.set_setting(ON_KEY, "on")
    else:
        unit.delete_setting(ON_KEY)
    if calendar.week == WORKWEEK:
        unit.delete_setting(WEEK_KEY)
    else:
        unit.set_setting(WEEK_KEY, week_text(calendar.week))
    if calendar.country:
        unit.set_setting(COUNTRY_KEY, calendar.country)
        years = f"{calendar.years[0]}-{calendar.years[1]}"
        days = " ".join(d.isoformat() for d in calendar.holidays)
        unit.set_setting(HOLIDAYS_KEY, f"{years} {days}".strip())
    else:
        unit.delete_setting(COUNTRY_KEY)
        unit.delete_setting(HOLIDAYS_KEY)


def _holidays_text(country: str, year: int) -> str:
    first, last = year - YEARS_BEFORE, year + YEARS_AFTER
    days = sorted(d for y in range(first, last + 1) for d in country_holidays(country, y))
    return " ".join([f"{first}-{last}", *(d.isoformat() for d in days)])
