"""Undo never destroys what it did not make.

Another program (the command line, a second window on a copy synced back) may change the
plan between a change and its undo. An inverse that removes or overwrites carries the
state its change left (`made`, `expected` in domain.changes); before it is applied, that
state is compared with the plan's, and the undo is refused, with what was changed
elsewhere, rather than delete a subtask added there or overwrite a title edited there.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from planner import formats
from planner.domain import changes as ch
from planner.domain.costs import CostLine
from planner.domain.errors import Refused
from planner.domain.images import ImageInfo
from planner.domain.items import ItemRecord, Status, quoted
from planner.domain.metrics import Extras
from planner.domain.schedules import EMPTY_SCHEDULES, Schedules
from planner.i18n import _, pgettext
from planner.services.ports import Unit


def _field_word(key: str) -> str:
    """A field's name inside a sentence, in the current language."""
    if key == "title":
        return pgettext("field", "title")
    if key == "notes":
        return pgettext("field", "notes")
    if key == "due":
        return pgettext("field", "due date")
    if key == "priority":
        return pgettext("field", "priority")
    if key == "why":
        return pgettext("field", "why it matters")
    if key == "examples":
        return pgettext("field", "examples")
    return key


def digests(
    records: Iterable[ItemRecord],
    lines: Iterable[CostLine],
    images: Iterable[ImageInfo],
    extras: Extras,
    schedules: Schedules = EMPTY_SCHEDULES,
) -> ch.Made:
    """Each item's digest: its fields, lines, images, metric, check-ins, journal, repeating,
    habit and reminders, but not where it or they stand among their siblings (positions are
    renumbered freely), nor what its reminders fired for (no change of the user's)."""
    parts: dict[int, list[Any]] = defaultdict(list)
    for record in records:
        parts[record.id].append(dataclasses.replace(record, position=0))
    for line in lines:
        parts[line.item_id].append(dataclasses.replace(line, position=0))
    for image in images:
        parts[image.item_id].append(dataclasses.replace(image, position=0))
    for metric in extras.metrics:
        parts[metric.item_id].append(metric)
    for checkin in extras.checkins:
        parts[checkin.item_id].append(checkin)
    for entry in extras.journal:
        parts[entry.item_id].append(entry)
    for found in (schedules.repeats, schedules.occurrences, schedules.habits):
        for row in found:
            parts[row.item_id].append(row)
    for item_id, day in schedules.ticks:
        parts[item_id].append(day)
    for reminder in schedules.reminders:
        parts[reminder.item_id].append(dataclasses.replace(reminder, fired=""))
    return {item_id: hash(tuple(found)) for item_id, found in parts.items()}


def made_of(unit: Unit, roots: Sequence[int]) -> ch.Made:
    """The digests of the subtrees under `roots` as they are now (just made)."""
    from planner.services.goal_changes import snapshot_extras
    from planner.services.schedule_changes import snapshot_schedules

    records = [r for root in roots for r in unit.subtree(root)]
    ids = [r.id for r in records]
    return digests(
        records,
        unit.lines(ids),
        unit.images(ids),
        snapshot_extras(unit, ids),
        snapshot_schedules(unit, ids),
    )


def check_made(made: ch.Made, now: ch.Made, records: Mapping[int, ItemRecord]) -> None:
    """Refuse to remove items for good when their subtrees hold more than their making
    made, or something of it changed."""
    for item_id in sorted(set(now) - set(made)):
        record = records[item_id]
        parent = records.get(record.parent_id or 0)
        if parent is None:
            text = _("{title} was added elsewhere since; undo would delete it.")
        else:
            text = _("{title} was added under {parent} elsewhere since; undo would delete it.")
        raise Refused(
            text.format(title=quoted(record.title), parent=parent and quoted(parent.title))
        )
    for item_id in sorted(now):
        if now[item_id] != made[item_id]:
            raise Refused(
                _("{title} was changed elsewhere since; undo would delete that change.").format(
                    title=quoted(records[item_id].title)
                )
            )


def check_fields(record: ItemRecord, expected: Mapping[str, Any] | None) -> None:
    """Refuse to overwrite fields that no longer hold what the change set."""
    if expected is None:
        return
    changed = [key for key, value in expected.items() if getattr(record, key) != value]
    if changed:
        words = formats.listing([_field_word(key) for key in changed])
        raise Refused(
            _(
                "{title} was changed elsewhere since ({fields}); undo would overwrite that change."
            ).format(title=quoted(record.title), fields=words)
        )


def check_statuses(unit: Unit, expected: Sequence[ch.StatusValue] | None) -> None:
    """Refuse to set statuses back when an item's status changed elsewhere since."""
    for value in expected or ():
        record = unit.require(value.id)
        if (record.status, record.done_at, record.deleted_at) != (
            value.status,
            value.done_at,
            value.deleted_at,
        ):
            if record.status is Status.ACTIVE:
                text = _("{title} was made active elsewhere since; undo would overwrite that.")
            elif record.status is Status.DONE:
                text = _("{title} was marked done elsewhere since; undo would overwrite that.")
            else:
                text = _("{title} was deleted elsewhere since; undo would overwrite that.")
            raise Refused(text.format(title=quoted(record.title)))


def check_line(line: CostLine, expected: Mapping[str, Any] | CostLine | None) -> None:
    """Refuse to remove or overwrite a cost line changed elsewhere since."""
    if expected is None:
        return
    if isinstance(expected, CostLine):
        same = dataclasses.replace(line, position=0) == dataclasses.replace(expected, position=0)
    else:
        same = all(getattr(line, key) == value for key, value in expected.items())
    if not same:
        raise Refused(
            _(
                "The cost line {description} was changed elsewhere since; undo would "
                "overwrite that change."
            ).format(description=quoted(line.description))
        )
