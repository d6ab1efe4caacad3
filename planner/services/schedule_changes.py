"""Applying the repeating, turn, habit, tick and reminder changes inside one unit of work,
each returning its exact inverse (PlanService.apply hands them here), and carrying these
along when items are removed for good, put back or imported."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from planner.domain import changes as ch
from planner.domain.errors import Refused
from planner.domain.habits import SetHabit, Tick
from planner.domain.items import ItemRecord, quoted
from planner.domain.new_node import NewNode
from planner.domain.recurrence import clean_rule
from planner.domain.reminders import Reminder, SetReminders
from planner.domain.repeats import SetRepeat
from planner.domain.schedules import ScheduleChange, Schedules
from planner.formats import date_short
from planner.i18n import _
from planner.services.ports import Unit

NOTHING = ch.Steps(())  # the inverse of a change that changed nothing


def apply_schedule_change(unit: Unit, change: ScheduleChange | ch.Recur) -> ch.Outcome:
    if isinstance(change, SetRepeat):
        return _set_repeat(unit, change)
    if isinstance(change, SetHabit):
        return _set_habit(unit, change)
    if isinstance(change, Tick):
        return _tick(unit, change)
    if isinstance(change, SetReminders):
        return _set_reminders(unit, change)
    return _recur(unit, change)


def item_of(unit: Unit, item_id: int) -> ItemRecord:
    """A goal or task (a group has no repeating, habit nor reminders)."""
    record = unit.require(item_id)
    if record.is_group:
        raise Refused(
            _("{title} is a group; repeating, habits and reminders belong to its goals.").format(
                title=quoted(record.title)
            )
        )
    return record


def _changed_elsewhere(record: ItemRecord, what: str) -> Refused:
    return Refused(
        _("{title} was changed elsewhere since ({what}); undo would overwrite that change.").format(
            title=quoted(record.title), what=what
        )
    )


def _set_repeat(unit: Unit, change: SetRepeat) -> ch.Outcome:
    record = item_of(unit, change.item_id)
    old = unit.repeat(record.id)
    if change.checked and old != change.expected:
        raise _changed_elsewhere(record, _("its repeating"))
    if change.repeat is None:
        unit.delete_repeat(record.id)
    else:
        if unit.habit(record.id) is not None:
            raise Refused(
                _("{title} is a habit; a habit is ticked day by day and does not repeat.").format(
                    title=quoted(record.title)
                )
            )
        repeat = dataclasses.replace(change.repeat, item_id=record.id)
        clean_rule(repeat.rule, repeat.anchor)  # the rule as stored must be sound
        unit.put_repeat(repeat)
    new = unit.repeat(record.id)
    return ch.Outcome(SetRepeat(record.id, old, new, checked=True), (record.id,))


def _set_habit(unit: Unit, change: SetHabit) -> ch.Outcome:
    record = item_of(unit, change.item_id)
    old = unit.habit(record.id)
    if change.checked and old != change.expected:
        raise _changed_elsewhere(record, _("its habit"))
    if change.habit is None:
        unit.delete_habit(record.id)
    else:
        if unit.repeat(record.id) is not None:
            raise Refused(
                _("{title} repeats; stop its repeating first (planner repeat {id} --off).").format(
                    title=quoted(record.title), id=record.id
                )
            )
        unit.put_habit(dataclasses.replace(change.habit, item_id=record.id))
    new = unit.habit(record.id)
    return ch.Outcome(SetHabit(record.id, old, new, checked=True), (record.id,))


def _tick(unit: Unit, change: Tick) -> ch.Outcome:
    record = item_of(unit, change.item_id)
    ticked = change.day in {day for _id, day in unit.ticks([record.id])}
    if change.on and not ticked:
        unit.insert_ticks([(record.id, change.day)])
    elif not change.on and ticked:
        unit.delete_tick(record.id, change.day)
    else:
        words = (
            _("{title} was already ticked on {day}.")
            if change.on
            else _("{title} was not ticked on {day}.")
        )
        note = words.format(title=quoted(record.title), day=date_short(change.day))
        return ch.Outcome(NOTHING, (), note)
    return ch.Outcome(Tick(record.id, change.day, not change.on), (record.id,))


def _comparable(reminders: Sequence[Reminder]) -> list[Reminder]:
    """Reminders as a user set them: what they fired for is no change of theirs."""
    return [dataclasses.replace(r, fired="") for r in reminders]


def _set_reminders(unit: Unit, change: SetReminders) -> ch.Outcome:
    record = item_of(unit, change.item_id)
    old = tuple(unit.reminders([record.id]))
    if change.checked and _comparable(old) != _comparable(change.expected):
        raise _changed_elsewhere(record, _("its reminders"))
    unit.delete_reminders([r.id for r in old])
    for reminder in change.reminders:
        unit.insert_reminder(dataclasses.replace(reminder, item_id=record.id))
    new = tuple(unit.reminders([record.id]))
    return ch.Outcome(SetReminders(record.id, old, new, checked=True), (record.id,))


def _recur(unit: Unit, change: ch.Recur) -> ch.Outcome:
    records = unit.get_many(
        [change.item_id, *(i for i, _d in change.dues), *(v.id for v in change.statuses)]
    )
    root = records.get(change.item_id) or unit.require(change.item_id)
    if change.checked:
        dues_now = [(i, records[i].due if i in records else None) for i, _d in change.expected_dues]
        statuses_now = [
            (v.id, records[v.id].status, records[v.id].done_at) if v.id in records else None
            for v in change.expected_statuses
        ]
        if dues_now != list(change.expected_dues) or statuses_now != [
            (v.id, v.status, v.done_at) for v in change.expected_statuses
        ]:
            raise _changed_elsewhere(root, _("dates or statuses below it"))
    old_repeat = unit.repeat(root.id)
    if old_repeat is None:
        raise Refused(_("{title} does not repeat.").format(title=quoted(root.title)))
    old_dues = tuple((i, records[i].due) for i, _d in change.dues if i in records)
    old_statuses = tuple(
        ch.StatusValue(r.id, r.status, r.done_at, r.deleted_at)
        for r in (records[v.id] for v in change.statuses if v.id in records)
    )
    unit.set_dues(change.dues)
    unit.set_statuses(change.statuses)
    unit.put_repeat(dataclasses.replace(change.repeat, item_id=root.id))
    added = removed = None
    if change.remove is not None:
        removed = next((o for o in unit.occurrences([root.id]) if o.id == change.remove), None)
        unit.delete_occurrence(change.remove)
    if change.add is not None:
        added = unit.insert_occurrence(dataclasses.replace(change.add, item_id=root.id))
    inverse = ch.Recur(
        root.id,
        old_dues,
        old_statuses,
        old_repeat,
        add=removed,
        remove=added,
        expected_dues=tuple(change.dues),
        expected_statuses=tuple(change.statuses),
        checked=True,
    )
    touched = tuple(
        dict.fromkeys([root.id, *(i for i, _d in change.dues), *(v.id for v in change.statuses)])
    )
    return ch.Outcome(inverse, touched)


# -- along with items removed, put back, imported ------------------------------------------


def snapshot_schedules(unit: Unit, item_ids: Sequence[int]) -> Schedules:
    """What goes away with these items when they are removed for good."""
    return Schedules(
        tuple(unit.repeats(item_ids)),
        tuple(unit.occurrences(item_ids)),
        tuple(unit.habits(item_ids)),
        tuple(unit.ticks(item_ids)),
        tuple(unit.reminders(item_ids)),
    )


def restore_schedules(unit: Unit, schedules: Schedules) -> None:
    for repeat in schedules.repeats:
        unit.put_repeat(repeat)
    for occurrence in schedules.occurrences:
        unit.insert_occurrence(occurrence)
    for habit in schedules.habits:
        unit.put_habit(habit)
    unit.insert_ticks(schedules.ticks)
    for reminder in schedules.reminders:
        unit.insert_reminder(reminder)


def add_node_schedules(unit: Unit, nodes: Sequence[tuple[int, NewNode]]) -> None:
    """Repeating, occurrences, habits, ticks and reminders of freshly imported items (each
    checked as the import read it)."""
    for item_id, node in nodes:
        if node.repeat is not None:
            unit.put_repeat(dataclasses.replace(node.repeat, item_id=item_id))
        for occurrence in node.occurrences:
            unit.insert_occurrence(dataclasses.replace(occurrence, id=0, item_id=item_id))
        if node.habit is not None:
            unit.put_habit(dataclasses.replace(node.habit, item_id=item_id))
        unit.insert_ticks((item_id, day) for day in node.ticks)
        for reminder in node.reminders:
            unit.insert_reminder(dataclasses.replace(reminder, id=0, item_id=item_id))


def has_schedules(node: NewNode) -> bool:
    return bool(node.repeat or node.occurrences or node.habit or node.ticks or node.reminders)
