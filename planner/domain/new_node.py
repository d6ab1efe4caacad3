"""An item to add with its whole subtree, as an import reads it (or the demo builds it): its
fields, cost lines, images, metric, check-ins, journal, repeating, habit and reminders, with
no ids yet."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from planner.domain.costs import NewLine
from planner.domain.habits import Habit
from planner.domain.images import NewImage
from planner.domain.items import Kind, Priority, Status
from planner.domain.metrics import CheckIn, Metric, NewEntry
from planner.domain.reminders import Reminder
from planner.domain.repeats import Occurrence, Repeat


@dataclasses.dataclass(slots=True)
class NewNode:
    """An item (or group) to add with its subtree, as read from an import: no id yet."""

    title: str
    kind: Kind = Kind.ITEM
    notes: str = ""
    status: Status = Status.ACTIVE
    created: datetime | None = None
    due: date | None = None
    priority: Priority = Priority.NONE
    done_at: datetime | None = None
    deleted_at: datetime | None = None
    children: list[NewNode] = dataclasses.field(default_factory=list)
    calc_on: bool = False
    lines: list[NewLine] = dataclasses.field(default_factory=list)
    images: list[NewImage] = dataclasses.field(default_factory=list)  # checked already
    assignee: str = ""  # a person's name ("" for nobody)
    why: str = ""
    examples: str = ""
    metric: Metric | None = None  # item_id 0
    checkins: list[CheckIn] = dataclasses.field(default_factory=list)  # ids 0
    journal: list[NewEntry] = dataclasses.field(default_factory=list)
    repeat: Repeat | None = None  # item_id 0, rule checked
    occurrences: list[Occurrence] = dataclasses.field(default_factory=list)  # ids 0
    habit: Habit | None = None  # item_id 0
    ticks: list[date] = dataclasses.field(default_factory=list)
    reminders: list[Reminder] = dataclasses.field(default_factory=list)  # ids 0


def count_nodes(nodes: list[NewNode]) -> int:
    """How many nodes these trees hold, every level counted (without recursion: an import
    has no depth limit)."""
    count, stack = 0, list(nodes)
    while stack:
        node = stack.pop()
        count += 1
        stack.extend(node.children)
    return count
