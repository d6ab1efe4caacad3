"""Whole subtrees added at once (an import, a template): every row written in one pass,
parents before children, with their cost lines, images, people, metrics, journals and
schedules, checked as typed-in values would be; the roots placed at the end of their
parent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from planner.domain import changes as ch
from planner.domain.costs import NewLine, clean_line_fields
from planner.domain.errors import Refused
from planner.domain.images import StoredImage
from planner.domain.items import Kind, Status
from planner.domain.money import check_amount
from planner.domain.new_node import NewNode
from planner.domain.people import Person
from planner.domain.validation import clean_due, clean_notes, clean_title
from planner.i18n import _
from planner.services.elsewhere import made_of
from planner.services.goal_changes import add_node_extras, add_people
from planner.services.placing import POSITION_GAP, anchor_for_index, check_open_parent, place
from planner.services.ports import Unit
from planner.services.schedule_changes import add_node_schedules, has_schedules


def add_trees(
    unit: Unit,
    parent_id: int | None,
    nodes: Sequence[NewNode],
    people: Sequence[Person],
    now: datetime,
) -> ch.Outcome:
    """Add whole subtrees (an import) at the end of a parent, all or nothing, in the
    caller's transaction. Groups go to the top level (parent None), items under an item or
    group. `people` the plan does not know yet (by name) are added first."""
    add_people(unit, people)
    if parent_id is not None:
        check_open_parent(unit, unit.require(parent_id))
    anchor = anchor_for_index(unit, parent_id, None, set())
    roots: list[int] = []
    rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    images: list[StoredImage] = []
    extras: list[tuple[int, NewNode]] = []
    schedules: list[tuple[int, NewNode]] = []
    next_id = unit.next_id()
    # An explicit stack, not recursion: an import may nest thousands of levels deep.
    stack: list[tuple[NewNode, int | None, int]] = [
        (node, parent_id, i) for i, node in reversed(list(enumerate(nodes)))
    ]
    while stack:
        node, parent, index = stack.pop()
        if (node.kind is Kind.GROUP) != (parent is None):
            raise Refused(
                _("Groups can only be added at the top level, and items only inside one.")
            )
        new_id, next_id = next_id, next_id + 1
        rows.append(
            {
                "id": new_id,
                "kind": node.kind.value,
                "parent_id": parent,
                "position": index * POSITION_GAP,
                "title": clean_title(node.title),
                "notes": clean_notes(node.notes),
                "created": node.created or now,
                "due": clean_due(node.due),
                "priority": int(node.priority),
                "status": node.status.value,
                "done_at": _stamped(node.done_at, node.status is Status.DONE, now),
                "deleted_at": _stamped(node.deleted_at, node.status is Status.DELETED, now),
                "calc_on": node.calc_on and node.kind is Kind.ITEM,
                "why": clean_notes(node.why),
                "examples": clean_notes(node.examples),
            }
        )
        if node.assignee or node.metric or node.journal:
            extras.append((new_id, node))
        if has_schedules(node):
            schedules.append((new_id, node))
        line_rows.extend(line_row(new_id, i, line) for i, line in enumerate(node.lines))
        images.extend(StoredImage(0, new_id, i, im) for i, im in enumerate(node.images))
        if parent == parent_id:
            roots.append(new_id)
        stack.extend((c, new_id, i) for i, c in reversed(list(enumerate(node.children))))
    # Parents come before their children, so every row's parent is already in.
    unit.insert_rows(rows)
    unit.insert_line_rows(line_rows)
    for image in images:
        unit.insert_image(image)
    add_node_extras(unit, extras, now)
    add_node_schedules(unit, schedules)
    for root in roots:
        place(unit, root, parent_id, anchor)
        anchor = root
    return ch.Outcome(ch.Purge(tuple(roots), made_of(unit, roots)), tuple(roots))


def _stamped(moment: datetime | None, needed: bool, now: datetime) -> datetime | None:
    """The moment an import gives an item (done, deleted), or, when it gives none and the
    item's status needs one, now: the moment it is added."""
    return now if moment is None and needed else moment


def line_row(item_id: int, index: int, line: NewLine) -> dict[str, Any]:
    """A new line of an imported item, checked as a line typed in would be."""
    fields = clean_line_fields(
        {
            "description": line.description,
            "quantity": line.quantity,
            "unit": line.unit,
            "unit_price": line.unit_price,
            "kind": line.kind,
        }
    )
    check_amount(fields["quantity"], fields["unit_price"])
    return {"item_id": item_id, "position": index, **fields, "kind": fields["kind"].value}
