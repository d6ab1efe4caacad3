"""Days counted from a day: the next weekday, the week's, month's and year's end, months
later. Shared by the typed dates, the views, the tree's filter and the calendar."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def after_weekday(today: date, weekday: int) -> date:
    """The first day after today with that weekday (0 = Monday): 1 to 7 days ahead."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def next_week_day(today: date, weekday: int) -> date:
    """That weekday in the week after this one (weeks run Monday to Sunday)."""
    return today + timedelta(days=7 - today.weekday() + weekday)


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1] if 1 <= year <= 9999 else 31
    return date(year, month + 1, min(day.day, last))


def end_of_week(today: date) -> date:
    """The Sunday of this week (today, on a Sunday)."""
    return today + timedelta(days=6 - today.weekday())


def end_of_year(today: date) -> date:
    return date(today.year, 12, 31)
