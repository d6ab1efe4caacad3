"""Repeating items: an item's repeating (its rule, from the due date or from the day it is
done, paused or not), the occurrences it leaves behind, and where it comes back to.

Marking a repeating item done is a turn: the occurrence is recorded (the due date it had, when
it was done, what its calculation spent), and the item comes back, active, due on the next day
of its series; a goal brings its whole subtree back undone, every due date below it shifted
by as many days as its own. "Skip this one" is a turn with nothing done. An item that fell
behind comes back once, due on the first day of its series after today, not once for every
day it missed.

- From the due date: the next due date is the first day of the series after the due date
  (or after today, for an item done late). The series is stepped from a day of its own (its
  anchor: the first due date, then each next one), so a monthly rule never drifts.
- From the day it is done: the series starts anew on that day: "every 3 days" done on the
  10th is due on the 13th.
- COUNT=N: the item comes due N times in all (the due date it had when the rule was set is
  the first); UNTIL: no due date after that day. Then marking it done is an ordinary done.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal

from planner.domain.recurrence import count_of, next_date


@dataclasses.dataclass(frozen=True, slots=True)
class Repeat:
    """An item's repeating, exactly as stored."""

    item_id: int
    rule: str  # canonical RRULE text (see domain.recurrence)
    anchor: date  # a day of the series: stepped from here, so months never drift
    from_done: bool = False  # the series starts anew on the day it is done
    paused: bool = False  # done is an ordinary done while paused
    turns: int = 0  # times it has come back (done or skipped) since the rule was set


@dataclasses.dataclass(frozen=True, slots=True)
class Occurrence:
    """One turn of a repeating item: the due date it had, when it was done (None: it was
    skipped), and its calculation's expenses and incomes then (spent: done)."""

    id: int
    item_id: int
    due: date | None
    done_at: datetime | None
    expense: Decimal = Decimal(0)
    income: Decimal = Decimal(0)

    @property
    def skipped(self) -> bool:
        return self.done_at is None


def next_due(repeat: Repeat, due: date | None, today: date) -> date | None:
    """The due date the item comes back with when done (or skipped) `today`, or None when
    its series has ended (its COUNT used up, its UNTIL passed)."""
    count = count_of(repeat.rule)
    if count is not None and repeat.turns + 1 >= count:
        return None
    if repeat.from_done:
        return next_date(repeat.rule, today, today)
    current = due or today
    return next_date(repeat.rule, repeat.anchor, max(current, today))


def upcoming(repeat: Repeat, due: date | None, limit: int) -> list[date]:
    """The due dates after the next one, as the series stands (from the due date; a rule
    from the day it is done has none fixed yet): what a panel lists as "then"."""
    if repeat.from_done or due is None:
        return []
    count = count_of(repeat.rule)
    if count is not None:
        limit = min(limit, max(0, count - repeat.turns - 1))
    found: list[date] = []
    day: date | None = due
    while day is not None and len(found) < limit:
        day = next_date(repeat.rule, repeat.anchor, day)
        if day is not None:
            found.append(day)
    return found


def shifted(day: date | None, by_days: int) -> date | None:
    """A due date below a goal that came back, moved as far as the goal's own (OverflowError
    past the year 9999)."""
    if day is None or by_days == 0:
        return day
    return date.fromordinal(day.toordinal() + by_days)


@dataclasses.dataclass(frozen=True, slots=True)
class SetRepeat:
    """Give an item this repeating (None: take it away). `expected`, undoing: the
    repeating the change set (`checked`), which must still be there."""

    item_id: int
    repeat: Repeat | None
    expected: Repeat | None = None
    checked: bool = False
