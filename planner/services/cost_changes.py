"""Applying the calculation's changes (switch, add, edit, remove, reorder lines) inside one
unit of work, each returning its exact inverse. PlanService.apply hands them here, so an
undo stack treats them like any other change."""

from __future__ import annotations

import dataclasses

from planner.domain import changes as ch
from planner.domain.costs import CostLine, clean_line_fields
from planner.domain.errors import Refused
from planner.domain.money import check_amount
from planner.domain.ordering import slot_after
from planner.i18n import _
from planner.services.elsewhere import check_line
from planner.services.ports import Unit


def apply_line_change(unit: Unit, change: ch.LineChange) -> ch.Outcome:
    """Apply one calculation change; the outcome's ids are the items whose totals moved."""
    if isinstance(change, ch.SetCalc):
        record = unit.require(change.id)
        if record.is_group:
            raise Refused(_("A group has no calculation of its own; switch it on for its goals."))
        unit.update(change.id, calc_on=change.on)
        return ch.Outcome(ch.SetCalc(change.id, record.calc_on), (change.id,))
    if isinstance(change, ch.AddLine):
        return _add(unit, change)
    if isinstance(change, ch.EditLine):
        line = unit.require_line(change.id)
        check_line(line, change.expected)
        fields = clean_line_fields(change.fields)
        merged = {"quantity": line.quantity, "unit_price": line.unit_price} | fields
        check_amount(merged["quantity"], merged["unit_price"])
        old = {key: getattr(line, key) for key in fields}
        unit.update_line(change.id, **fields)
        now = unit.require_line(change.id)
        done = {key: getattr(now, key) for key in fields}
        undo = ch.EditLine(change.id, old, done)
        return ch.Outcome(undo, (line.item_id,), lines=(line.id,))
    if isinstance(change, ch.RemoveLine):
        line = unit.require_line(change.id)
        check_line(line, change.made)
        siblings = [x.id for x in unit.lines([line.item_id])]
        index = siblings.index(line.id)
        after = siblings[index - 1] if index else None
        unit.delete_line(line.id)
        return ch.Outcome(ch.AddLine(line, after), (line.item_id,), lines=(line.id,))
    line = unit.require_line(change.id)
    order = [x.id for x in unit.lines([line.item_id])]
    index = order.index(line.id)
    inverse = ch.PlaceLine(line.id, order[index - 1] if index else None)
    order.remove(line.id)
    order.insert(slot_after(order, change.after_id), line.id)
    _renumber(unit, line.item_id, order)
    return ch.Outcome(inverse, (line.item_id,), lines=(line.id,))


def _add(unit: Unit, change: ch.AddLine) -> ch.Outcome:
    line = change.line
    record = unit.require(line.item_id)
    if record.is_group:
        raise Refused(_("Lines belong to goals and tasks, not to groups."))
    if line.id and unit.get_line(line.id) is not None:
        raise Refused(_("Cost line {id} is already in the plan.").format(id=line.id))
    line = dataclasses.replace(line, **clean_line_fields(line_values(line)))
    check_amount(line.quantity, line.unit_price)
    order = [x.id for x in unit.lines([line.item_id])]
    new_id = unit.insert_line(line)
    order.insert(slot_after(order, change.after_id), new_id)
    _renumber(unit, line.item_id, order)
    made = unit.require_line(new_id)
    return ch.Outcome(ch.RemoveLine(new_id, made), (line.item_id,), lines=(new_id,))


def _renumber(unit: Unit, item_id: int, order: list[int]) -> None:
    """Positions 0, 1, 2... in the given order, writing only the lines that move (an item
    holds a handful of lines, so there is no need for gaps)."""
    current = {x.id: x.position for x in unit.lines([item_id])}
    for position, line_id in enumerate(order):
        if current.get(line_id) != position:
            unit.update_line(line_id, position=position)


def line_values(line: CostLine) -> dict[str, object]:
    """A line's editable fields, e.g. to show them or to copy a line."""
    return {
        "description": line.description,
        "quantity": line.quantity,
        "unit": line.unit,
        "unit_price": line.unit_price,
        "kind": line.kind,
    }
