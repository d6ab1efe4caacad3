"""Working days: a plan's calendar (its working week, a country's public holidays) and the
number of working days between two dates, in constant time for any span.

A country's holidays come from the `holidays` library, which takes about half a second to
load: a calendar carries the holidays of the years around the day it was set (kept in the
plan's settings, see services.workdays), and only a date outside them loads the library.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections.abc import Iterable
from datetime import date

from planner.domain.errors import InvalidInput, excerpt
from planner.i18n import _

WORKWEEK = frozenset(range(5))  # Monday to Friday
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclasses.dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Count working days (`on`) or calendar days. `holidays`: the country's public
    holidays in `years` (first, last), sorted; outside them, the library is asked."""

    on: bool = False
    week: frozenset[int] = WORKWEEK  # working weekdays, Monday 0
    country: str = ""  # ISO 3166 code ("" none)
    holidays: tuple[date, ...] = ()
    years: tuple[int, int] = (0, -1)

    def is_working(self, day: date) -> bool:
        return day.weekday() in self.week and not self._holiday(day)

    def _holiday(self, day: date) -> bool:
        if not self.country:
            return False
        if self.years[0] <= day.year <= self.years[1]:
            i = bisect.bisect_left(self.holidays, day)
            return i < len(self.holidays) and self.holidays[i] == day
        return day in country_holidays(self.country, day.year)

    def working_days(self, after: date, until: date) -> int:
        """How many working days are after `after` up to `until` (included): 0 when
        `until` is not after `after`."""
        if until <= after:
            return 0
        first, last = after.toordinal() + 1, until.toordinal()
        count = _weekdays_in(first, last, self.week)
        if self.country:
            count -= sum(
                1
                for day in self._holidays_between(date.fromordinal(first), until)
                if day.weekday() in self.week
            )
        return count

    def _holidays_between(self, first: date, last: date) -> Iterable[date]:
        for year in range(first.year, last.year + 1):
            if self.years[0] <= year <= self.years[1]:
                lo = bisect.bisect_left(self.holidays, max(first, date(year, 1, 1)))
                hi = bisect.bisect_right(self.holidays, min(last, date(year, 12, 31)))
                yield from self.holidays[lo:hi]
            else:
                yield from (d for d in country_holidays(self.country, year) if first <= d <= last)


CALENDAR_DAYS = WorkCalendar()


def _weekdays_in(first: int, last: int, week: frozenset[int]) -> int:
    """Days numbered `first` to `last` (both in) that fall on the weekdays of `week`."""
    total = last - first + 1
    whole, rest = divmod(total, 7)
    start = date.fromordinal(first).weekday()
    return whole * len(week) + sum(1 for k in range(rest) if (start + k) % 7 in week)


@functools.lru_cache(maxsize=256)
def country_holidays(country: str, year: int) -> frozenset[date]:
    """A country's public holidays in one year, from the `holidays` library (loaded here,
    when first asked)."""
    import holidays

    if not 1 <= year <= 9999:
        return frozenset()
    try:
        found = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        raise InvalidInput(
            _("{country} is not a country Planner knows the holidays of.").format(
                country=excerpt(country)
            )
        ) from None
    return frozenset(d for d in found if d.year == year)


def clean_country(code: str) -> str:
    """An ISO 3166 country code the holidays library knows ("de" → "DE")."""
    country = code.strip().upper()
    if not country.isascii() or not country.isalpha() or len(country) not in (2, 3):
        raise InvalidInput(
            _("'{code}' is not a country code; use two letters, such as DE or US.").format(
                code=excerpt(code)
            )
        )
    country_holidays(country, date.today().year)  # InvalidInput when unknown
    return country


def clean_week(text: str) -> frozenset[int]:
    """A working week typed as "mon,tue,wed,thu,fri" (or "mon-fri")."""
    cleaned = text.strip().lower().replace(" ", "")
    span = cleaned.split("-")
    if len(span) == 2 and all(s in DAY_KEYS for s in span):
        a, b = DAY_KEYS.index(span[0]), DAY_KEYS.index(span[1])
        days = frozenset((a + k) % 7 for k in range((b - a) % 7 + 1))
    else:
        names = [n for n in cleaned.split(",") if n]
        if not names or not all(_is_day(n) for n in names):
            raise InvalidInput(
                _("'{week}' is not a working week; use days such as mon,tue,wed,thu,fri.").format(
                    week=excerpt(text)
                )
            )
        days = frozenset(DAY_KEYS.index(n[:3]) for n in names)
    return days


def _is_day(name: str) -> bool:
    """A weekday's name, whole or cut after its third letter: "mon", "mond", "monday"."""
    key = name[:3]
    return key in DAY_KEYS and _DAY_NAMES[DAY_KEYS.index(key)].startswith(name)


_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def week_text(week: frozenset[int]) -> str:
    """A working week as stored: "mon,tue,wed,thu,fri"."""
    return ",".join(DAY_KEYS[d] for d in sorted(week))
