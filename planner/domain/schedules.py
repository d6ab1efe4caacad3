"""What keeps an item coming back, in one bundle: its repeating and the occurrences it left,
its habit and ticks, its reminders (taken away with the items when they are removed for
good, put back with them on undo, carried by an import)."""

from __future__ import annotations

import dataclasses
from datetime import date

from planner.domain.habits import Habit, SetHabit, Tick
from planner.domain.reminders import Reminder, SetReminders
from planner.domain.repeats import Occurrence, Repeat, SetRepeat


@dataclasses.dataclass(frozen=True, slots=True)
class Schedules:
    """Repeating, occurrences, habits, ticks and reminders of some items."""

    repeats: tuple[Repeat, ...] = ()
    occurrences: tuple[Occurrence, ...] = ()
    habits: tuple[Habit, ...] = ()
    ticks: tuple[tuple[int, date], ...] = ()  # (item id, day)
    reminders: tuple[Reminder, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.repeats or self.occurrences or self.habits or self.ticks or self.reminders)


EMPTY_SCHEDULES = Schedules()

ScheduleChange = SetRepeat | SetHabit | Tick | SetReminders
