"""The repeating, occurrence, habit, tick and reminder parts of the Planner JSON format
(version 4; see json_format for the whole document). Each key is on an item only when it
has one: readers of older versions ignore them, and this reader reads older versions
without them."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from planner.domain.errors import InvalidInput, excerpt
from planner.domain.habits import Cadence, Habit
from planner.domain.items import ItemRecord
from planner.domain.money import decimal_text
from planner.domain.new_node import NewNode
from planner.domain.recurrence import clean_rule
from planner.domain.reminders import MAX_DAYS_BEFORE, PER_ITEM_MAX, Reminder, parse_clock
from planner.domain.repeats import Occurrence, Repeat
from planner.domain.validation import parse_moment
from planner.domain.workdays import DAY_KEYS
from planner.i18n import _
from planner.services.ports import Unit


@dataclasses.dataclass
class ScheduleData:
    """The repeating, occurrences, habits, ticks and reminders of the records exported."""

    repeats: dict[int, Repeat] = dataclasses.field(default_factory=dict)
    occurrences: dict[int, list[Occurrence]] = dataclasses.field(default_factory=dict)
    habits: dict[int, Habit] = dataclasses.field(default_factory=dict)
    ticks: dict[int, list[date]] = dataclasses.field(default_factory=dict)
    reminders: dict[int, list[Reminder]] = dataclasses.field(default_factory=dict)

    @classmethod
    def read(cls, unit: Unit, records: Sequence[ItemRecord], whole: bool) -> ScheduleData:
        ids = None if whole else [r.id for r in records if not r.is_group]
        occurrences: dict[int, list[Occurrence]] = defaultdict(list)
        for o in unit.occurrences(ids):
            occurrences[o.item_id].append(o)
        ticks: dict[int, list[date]] = defaultdict(list)
        for item_id, day in unit.ticks(ids):
            ticks[item_id].append(day)
        reminders: dict[int, list[Reminder]] = defaultdict(list)
        for r in unit.reminders(ids):
            reminders[r.item_id].append(r)
        return cls(
            {r.item_id: r for r in unit.repeats(ids)},
            occurrences,
            {h.item_id: h for h in unit.habits(ids)},
            ticks,
            reminders,
        )

    def item_part(self, item_id: int) -> dict[str, Any]:
        part: dict[str, Any] = {}
        repeat = self.repeats.get(item_id)
        if repeat is not None:
            part["repeat"] = repeat_dict(repeat)
        if self.occurrences.get(item_id):
            part["occurrences"] = [occurrence_dict(o) for o in self.occurrences[item_id]]
        habit = self.habits.get(item_id)
        if habit is not None:
            part["habit"] = habit_dict(habit)
        if self.ticks.get(item_id):
            part["ticks"] = [d.isoformat() for d in self.ticks[item_id]]
        if self.reminders.get(item_id):
            part["reminders"] = [reminder_dict(r) for r in self.reminders[item_id]]
        return part


def repeat_dict(repeat: Repeat) -> dict[str, Any]:
    return {
        "rule": repeat.rule,
        "from": "done" if repeat.from_done else "due",
        "paused": repeat.paused,
        "anchor": repeat.anchor.isoformat(),
        "turns": repeat.turns,
    }


def occurrence_dict(occurrence: Occurrence) -> dict[str, Any]:
    return {
        "due": None if occurrence.due is None else occurrence.due.isoformat(),
        "done_at": None if occurrence.done_at is None else occurrence.done_at.isoformat(),
        "expense": decimal_text(occurrence.expense),
        "income": decimal_text(occurrence.income),
    }


def habit_dict(habit: Habit) -> dict[str, Any]:
    return {
        "cadence": habit.cadence.value,
        "days": [DAY_KEYS[d] for d in sorted(habit.days)],
        "per_week": habit.per_week,
        "since": habit.since.isoformat(),
    }


def reminder_dict(reminder: Reminder) -> dict[str, Any]:
    return {
        "at": None if reminder.at is None else reminder.at.isoformat(),
        "days_before": reminder.days_before,
        "time": None if reminder.time is None else reminder.time.strftime("%H:%M"),
        "created": reminder.created.isoformat(),
        "fired": reminder.fired,
    }


# -- import ----------------------------------------------------------------------------


def read_schedule_fields(node: NewNode, data: dict[str, Any], where: str) -> None:
    """Fill an imported item's repeating, occurrences, habit, ticks and reminders, each
    checked as one set by hand would be (InvalidInput naming where)."""
    try:
        if data.get("repeat") is not None:
            node.repeat = _repeat(data["repeat"])
        node.occurrences = [_occurrence(o, i) for i, o in enumerate(_list(data, "occurrences"))]
        if data.get("habit") is not None:
            node.habit = _habit(data["habit"])
        if node.habit is not None and node.repeat is not None:
            raise InvalidInput(_("a habit does not repeat: give it a habit or a repeat, not both."))
        node.ticks = sorted({_day(t, f"ticks[{i}]") for i, t in enumerate(_list(data, "ticks"))})
        reminders = _list(data, "reminders")
        if len(reminders) > PER_ITEM_MAX:
            raise InvalidInput(_("reminders: at most {n} an item.").format(n=PER_ITEM_MAX))
        node.reminders = [_reminder(r, i) for i, r in enumerate(reminders)]
    except InvalidInput as e:
        raise InvalidInput(_("{where}: {error}").format(where=where, error=e)) from None


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise InvalidInput(_("{key}: expected a list.").format(key=key))
    return value


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput(_("{where}: expected an object.").format(where=where))
    return value


def _day(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise InvalidInput(_("{where}: a date must be text (YYYY-MM-DD).").format(where=where))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            _("{where}: {value} is not a date (YYYY-MM-DD).").format(
                where=where, value=excerpt(repr(value))
            )
        ) from None


def _whole(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(
            _("{where}: expected a whole number from {low} to {high}.").format(
                where=where, low=low, high=high
            )
        )
    return value


def _repeat(value: Any) -> Repeat:
    data = _object(value, "repeat")
    rule, start = data.get("rule"), _day(data.get("anchor"), "repeat.anchor")
    if not isinstance(rule, str):
        raise InvalidInput(_("repeat.rule: expected RRULE text."))
    if data.get("from", "due") not in ("due", "done"):
        raise InvalidInput(_('repeat.from: expected "due" or "done".'))
    paused = data.get("paused", False)
    if not isinstance(paused, bool):
        raise InvalidInput(_("repeat.paused: expected true or false."))
    turns = _whole(data.get("turns", 0), "repeat.turns", 0, 10**9)
    return Repeat(0, clean_rule(rule, start), start, data.get("from") == "done", paused, turns)


def _money(value: Any, where: str) -> Decimal:
    if not isinstance(value, str):
        raise InvalidInput(
            _("{where}: expected a decimal number written as text.").format(where=where)
        )
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise InvalidInput(
            _("{where}: {value} is not a number.").format(where=where, value=excerpt(repr(value)))
        ) from None
    if not amount.is_finite() or amount.copy_abs() >= Decimal(10) ** 30:
        raise InvalidInput(
            _("{where}: {value} is out of range.").format(where=where, value=excerpt(repr(value)))
        )
    return amount


def _occurrence(value: Any, i: int) -> Occurrence:
    where = f"occurrences[{i}]"
    data = _object(value, where)
    due = None if data.get("due") is None else _day(data["due"], f"{where}.due")
    done_at = data.get("done_at")
    if done_at is not None:
        done_at = parse_moment(done_at, f"{where}: done_at")
    return Occurrence(
        0,
        0,
        due,
        done_at,
        _money(data.get("expense", "0"), f"{where}.expense"),
        _money(data.get("income", "0"), f"{where}.income"),
    )


def _habit(value: Any) -> Habit:
    data = _object(value, "habit")
    try:
        cadence = Cadence(str(data.get("cadence")))
    except ValueError:
        raise InvalidInput(
            _("habit.cadence: {value} is not daily, days or weekly.").format(
                value=excerpt(repr(data.get("cadence")))
            )
        ) from None
    names = data.get("days") or []
    if not isinstance(names, list) or any(n not in DAY_KEYS for n in names):
        raise InvalidInput(_('habit.days: expected weekdays such as ["mon", "wed"].'))
    days = frozenset(DAY_KEYS.index(n) for n in names)
    if cadence is Cadence.DAYS and not days:
        raise InvalidInput(_("habit.days: a habit kept on chosen days needs at least one."))
    per_week = _whole(data.get("per_week", 0), "habit.per_week", 0, 7)
    if cadence is Cadence.WEEKLY and not per_week:
        raise InvalidInput(_("habit.per_week: from 1 to 7 times a week."))
    since = _day(data.get("since"), "habit.since")
    return Habit(0, cadence, since, days if cadence is Cadence.DAYS else frozenset(), per_week)


def _reminder(value: Any, i: int) -> Reminder:
    where = f"reminders[{i}]"
    data = _object(value, where)
    created = parse_moment(data.get("created"), f"{where}: created")
    fired = data.get("fired", "") or ""
    if not isinstance(fired, str) or len(fired) > 40:
        raise InvalidInput(
            _("{where}.fired: expected what it fired for, as ISO text.").format(where=where)
        )
    if data.get("at") is not None:
        at = parse_moment(data["at"], f"{where}: at")
        return Reminder(0, 0, at, None, None, created, fired)
    days = _whole(data.get("days_before"), f"{where}.days_before", 0, MAX_DAYS_BEFORE)
    clock = data.get("time")
    if not isinstance(clock, str):
        raise InvalidInput(_("{where}.time: expected HH:MM.").format(where=where))
    return Reminder(0, 0, None, days, parse_clock(clock), created, fired)
