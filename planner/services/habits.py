"""Habits' use cases: make an item a habit (daily, on chosen weekdays, N times a week) or
an ordinary item again, tick and untick a day, and read what the ticks add up to (the
30-day strip, streaks, shares kept). Each change is one transaction returning its exact
inverse."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, datetime

from planner.domain import changes as ch
from planner.domain.errors import InvalidInput, Refused, excerpt
from planner.domain.habits import Cadence, Figures, Habit, SetHabit, Tick, figures
from planner.domain.items import ItemRecord, Status, quoted
from planner.domain.rule_words import weekdays_from_words
from planner.formats import date_short
from planner.i18n import _
from planner.services.ports import Store, Unit
from planner.services.schedule_changes import apply_schedule_change, item_of

Clock = Callable[[], datetime]
HABIT_WORDS = "daily, weekdays, '3 per week', 'on mon,wed,fri'"  # not-ui: typed in English


@dataclasses.dataclass(frozen=True, slots=True)
class HabitView:
    """A habit with its figures as of today (what `habits` lists and the panel shows)."""

    record: ItemRecord
    habit: Habit
    figures: Figures


def habit_from_words(words: str, item_id: int, since: date) -> Habit:
    """A habit from the words typed: "daily", "weekdays", "3 per week" (or "3 times a
    week"), "on mon,wed,fri"."""
    text = " ".join(words.lower().split()) if isinstance(words, str) else ""
    if text in ("daily", "every day"):
        return Habit(item_id, Cadence.DAILY, since)
    if text in ("weekdays", "every weekday", "on weekdays"):
        return Habit(item_id, Cadence.DAYS, since, frozenset(range(5)))
    match = re.fullmatch(r"(\d{1,3})\s*(?:per|times\s+(?:a|per))\s+week", text)
    if match:
        n = int(match.group(1))
        if not 1 <= n <= 7:
            raise InvalidInput(
                _("A habit is kept from 1 to 7 times a week; '{words}' says {n}.").format(
                    words=excerpt(words), n=n
                )
            )
        return Habit(item_id, Cadence.WEEKLY, since, per_week=n)
    match = re.fullmatch(r"(?:on|every)\s+(.+)", text)
    if match:
        days = frozenset(weekdays_from_words(match.group(1), words))
        return Habit(item_id, Cadence.DAYS, since, days)
    raise InvalidInput(
        _("'{words}' is not how often a habit is kept; use {examples}.").format(
            words=excerpt(words if isinstance(words, str) else ""), examples=HABIT_WORDS
        )
    )


class HabitService:
    """Habits on one open plan (the same store as its PlanService)."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def today(self) -> date:
        return self.clock().astimezone().date()

    # -- reads -----------------------------------------------------------------------------
    def view(self, item_id: int, today: date | None = None) -> HabitView | None:
        """An item's habit and its figures (None: it is not a habit)."""
        with self.store.read() as unit:
            record = unit.require(item_id)
            habit = unit.habit(item_id)
            if habit is None:
                return None
            ticks = [day for _i, day in unit.ticks([item_id])]
        return HabitView(record, habit, figures(habit, ticks, today or self.today()))

    def views(self) -> list[HabitView]:
        """Every habit that is not deleted, with its figures, in the plan's order of ids."""
        today = self.today()
        with self.store.read() as unit:
            habits = unit.habits()
            ids = [h.item_id for h in habits]
            records = unit.get_many(ids)
            ticks: dict[int, list[date]] = {i: [] for i in ids}
            for item_id, day in unit.ticks(ids):
                ticks[item_id].append(day)
        return [
            HabitView(records[h.item_id], h, figures(h, ticks[h.item_id], today))
            for h in habits
            if records[h.item_id].status is not Status.DELETED
        ]

    # -- changes ---------------------------------------------------------------------------
    def set_habit(self, item_id: int, words: str) -> ch.Outcome:
        """Make an item a habit, kept as the words say (see habit_from_words); a habit
        already keeps the day it began."""
        with self.store.write() as unit:
            record = item_of(unit, item_id)
            old = unit.habit(record.id)
            since = old.since if old is not None else self.today()
            habit = habit_from_words(words, record.id, since)
            return apply_schedule_change(unit, SetHabit(record.id, habit))

    def stop(self, item_id: int) -> ch.Outcome:
        """An ordinary item again (its ticks are kept, and come back with the habit)."""
        with self.store.write() as unit:
            record = self._habit_item(unit, item_id)
            return apply_schedule_change(unit, SetHabit(record.id, None))

    def tick(self, item_id: int, day: date | None = None, on: bool = True) -> ch.Outcome:
        """Tick a habit for a day (default: today; not one to come), or untick it."""
        day = day or self.today()
        if day > self.today():
            raise InvalidInput(
                _("{day} has not come yet; a habit is ticked for today or a day before.").format(
                    day=date_short(day)
                )
            )
        with self.store.write() as unit:
            record = self._habit_item(unit, item_id)
            if record.status is Status.DELETED:
                raise Refused(
                    _("{title} is deleted; restore it first.").format(title=quoted(record.title))
                )
            return apply_schedule_change(unit, Tick(record.id, day, on))

    def _habit_item(self, unit: Unit, item_id: int) -> ItemRecord:
        record = item_of(unit, item_id)
        if unit.habit(record.id) is None:
            raise Refused(
                _("{title} is not a habit; make it one first (planner habit {id} daily).").format(
                    title=quoted(record.title), id=record.id
                )
            )
        return record
