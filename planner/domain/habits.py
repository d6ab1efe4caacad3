"""Habits: a goal or task kept as a routine, ticked day by day, and what its ticks add up to
(the last 30 days as a strip, the current and the best streak, the share of days kept).

A habit is kept every day, on chosen weekdays, or N times a week (any days):
- every day / chosen weekdays: a streak is the days it was due in a row that were ticked
  (a tick on another day is shown but neither counts nor breaks one); the share kept is the
  due days ticked out of the due days.
- N times a week: a streak is the weeks in a row (Monday to Sunday) with N ticks; the share
  kept is the ticks, at most N a week, out of N a week.
Today is still open: it counts when ticked, and an unticked today breaks no streak and is
left out of the shares. Days before the habit began (the day it was made one, or its first
tick if earlier) are left out of the shares too.

Everything here is a pure function of the ticks (dates, kept as day numbers): five years of
ticks take a fraction of a millisecond.
"""

from __future__ import annotations

import bisect
import dataclasses
import enum
from collections.abc import Iterable, Sequence
from datetime import date

STRIP_DAYS = 30


class Cadence(enum.StrEnum):
    DAILY = "daily"
    DAYS = "days"  # on chosen weekdays
    WEEKLY = "weekly"  # N times a week


@dataclasses.dataclass(frozen=True, slots=True)
class Habit:
    """An item's habit, exactly as stored. `days`: the chosen weekdays (Monday 0) of a DAYS
    habit; `per_week`: the ticks a week of a WEEKLY one."""

    item_id: int
    cadence: Cadence
    since: date  # the day it was made a habit
    days: frozenset[int] = frozenset()
    per_week: int = 0

    def due_on(self, day: date) -> bool:
        """Whether the habit is due on `day` (a WEEKLY one: any day)."""
        return self.cadence is not Cadence.DAYS or day.weekday() in self.days


@dataclasses.dataclass(frozen=True, slots=True)
class StripDay:
    day: date
    ticked: bool
    due: bool  # a day the habit is due (every day but the days not chosen)


@dataclasses.dataclass(frozen=True, slots=True)
class Figures:
    """What a habit's ticks add up to, as of one day."""

    strip: tuple[StripDay, ...]  # the last 30 days, oldest first, today last
    current: int  # the streak running now (days, or weeks for N times a week)
    best: int
    in_weeks: bool  # streaks counted in weeks (N times a week)
    kept_30: float | None  # share of the last 30 days kept (None: nothing to count yet)
    kept_90: float | None
    ticks: int  # ticks in all


def figures(habit: Habit, ticks: Iterable[date], today: date) -> Figures:
    """The strip, streaks and shares of a habit with these ticks, as of `today`."""
    days = sorted({d.toordinal() for d in ticks})
    now = today.toordinal()
    strip = tuple(
        StripDay(
            date.fromordinal(n),
            _has(days, n),
            habit.due_on(date.fromordinal(n)),
        )
        for n in range(now - STRIP_DAYS + 1, now + 1)
    )
    start = min(habit.since.toordinal(), days[0] if days else now)
    if habit.cadence is Cadence.WEEKLY:
        current, best = _week_streaks(days, now, habit.per_week)
        kept = (_weekly_share(days, now, start, n, habit.per_week) for n in (30, 90))
    else:
        current, best = _day_streaks(days, now, habit)
        kept = (_daily_share(days, now, start, n, habit) for n in (30, 90))
    kept_30, kept_90 = kept
    return Figures(
        strip, current, best, habit.cadence is Cadence.WEEKLY, kept_30, kept_90, len(days)
    )


def kept_share(habit: Habit, ticks: Iterable[date], today: date) -> float | None:
    """The share of the last 30 days kept, alone (what `figures` gives as `kept_30`,
    without the strip and the streaks: the tree's Progress column, for every habit)."""
    days = sorted({d.toordinal() for d in ticks})
    now = today.toordinal()
    start = min(habit.since.toordinal(), days[0] if days else now)
    if habit.cadence is Cadence.WEEKLY:
        return _weekly_share(days, now, start, STRIP_DAYS, habit.per_week)
    return _daily_share(days, now, start, STRIP_DAYS, habit)


def _has(days: Sequence[int], n: int) -> bool:
    i = bisect.bisect_left(days, n)
    return i < len(days) and days[i] == n


def _due_between(habit: Habit, first: int, last: int) -> int:
    """How many days from `first` to `last` (day numbers, both in) the habit is due."""
    if last < first:
        return 0
    total = last - first + 1
    if habit.cadence is not Cadence.DAYS:
        return total
    weeks, rest = divmod(total, 7)
    count = weeks * len(habit.days)
    start = date.fromordinal(first).weekday()
    return count + sum(1 for k in range(rest) if (start + k) % 7 in habit.days)


def _day_streaks(days: Sequence[int], now: int, habit: Habit) -> tuple[int, int]:
    """(current, best) runs of due days ticked, a tick on a day not due in between
    neither counting nor breaking one."""
    due = [n for n in days if n <= now and habit.due_on(date.fromordinal(n))]
    best = run = 0
    previous: int | None = None
    for n in due:
        # Consecutive when no due day lies strictly between the two.
        joined = previous is not None and _due_between(habit, previous + 1, n - 1) == 0
        run = run + 1 if joined else 1
        best = max(best, run)
        previous = n
    if previous is None:
        return 0, 0
    # The run still stands when no due day passed unticked since it ended (today is open).
    alive = _due_between(habit, previous + 1, now - 1) == 0
    return (run if alive else 0), best


def _week_streaks(days: Sequence[int], now: int, per_week: int) -> tuple[int, int]:
    """(current, best) runs of whole weeks (Monday to Sunday) with `per_week` ticks; this
    week counts once it has them, and breaks nothing before."""
    counts: dict[int, int] = {}
    for n in days:
        if n <= now:
            week = (n - 1) // 7  # day 1 (1 Jan of year 1) was a Monday
            counts[week] = counts.get(week, 0) + 1
    kept = sorted(w for w, c in counts.items() if c >= per_week)
    best = run = 0
    previous: int | None = None
    for week in kept:
        run = run + 1 if previous is not None and week == previous + 1 else 1
        best = max(best, run)
        previous = week
    this_week = (now - 1) // 7
    if previous is None or previous < this_week - 1:
        return 0, best
    return run, best


def _daily_share(
    days: Sequence[int], now: int, start: int, span: int, habit: Habit
) -> float | None:
    first = max(now - span + 1, start)
    last = now if _has(days, now) else now - 1
    expected = _due_between(habit, first, last)
    if expected <= 0:
        return None
    lo, hi = bisect.bisect_left(days, first), bisect.bisect_right(days, last)
    kept = sum(1 for n in days[lo:hi] if habit.due_on(date.fromordinal(n)))
    return kept / expected


def _weekly_share(
    days: Sequence[int], now: int, start: int, span: int, per_week: int
) -> float | None:
    first = max(now - span + 1, start)
    last = now if _has(days, now) else now - 1
    if last < first:
        return None
    # Ticks at most N a week (Monday to Sunday), out of N for every 7 days of the span.
    lo, hi = bisect.bisect_left(days, first), bisect.bisect_right(days, last)
    counts: dict[int, int] = {}
    for n in days[lo:hi]:
        counts[(n - 1) // 7] = counts.get((n - 1) // 7, 0) + 1
    kept = sum(min(c, per_week) for c in counts.values())
    expected = per_week * (last - first + 1) / 7
    return min(1.0, kept / expected)


@dataclasses.dataclass(frozen=True, slots=True)
class SetHabit:
    """Make an item a habit (None: an item like any other again; its ticks are kept).
    `expected`, undoing: the habit the change set (`checked`), which must still be so."""

    item_id: int
    habit: Habit | None
    expected: Habit | None = None
    checked: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Tick:
    """Tick a habit for a day (`on` False: untick it)."""

    item_id: int
    day: date
    on: bool = True
