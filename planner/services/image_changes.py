"""Applying image changes (add, remove, reorder) inside one unit of work, each returning
its exact inverse. PlanService.apply hands them here, so an undo stack treats them like
any other change."""

from __future__ import annotations

import dataclasses

from planner.domain import changes as ch
from planner.domain.errors import Refused
from planner.domain.ordering import slot_after
from planner.i18n import _
from planner.services.ports import Unit


def apply_image_change(unit: Unit, change: ch.ImageChange) -> ch.Outcome:
    """Apply one image change; the outcome's ids are the items whose images changed."""
    if isinstance(change, ch.AddImage):
        return _add(unit, change)
    info = unit.require_image(change.id)
    order = [i.id for i in unit.images([info.item_id])]
    index = order.index(info.id)
    before = order[index - 1] if index else None
    if isinstance(change, ch.RemoveImage):
        stored = unit.stored_image(info.id)
        unit.delete_image(info.id)
        return ch.Outcome(ch.AddImage(stored, before), (info.item_id,), images=(info.id,))
    order.remove(info.id)
    order.insert(slot_after(order, change.after_id), info.id)
    _renumber(unit, info.item_id, order)
    return ch.Outcome(ch.PlaceImage(info.id, before), (info.item_id,), images=(info.id,))


def _add(unit: Unit, change: ch.AddImage) -> ch.Outcome:
    stored = change.image
    record = unit.require(stored.item_id)
    if record.is_group:
        raise Refused(_("Images belong to goals and tasks, not to groups."))
    if stored.id and unit.get_image(stored.id) is not None:
        raise Refused(_("Image {id} is already in the plan.").format(id=stored.id))
    order = [i.id for i in unit.images([stored.item_id])]
    new_id = unit.insert_image(dataclasses.replace(stored, position=len(order)))
    order.insert(slot_after(order, change.after_id), new_id)
    _renumber(unit, stored.item_id, order)
    return ch.Outcome(ch.RemoveImage(new_id), (stored.item_id,), images=(new_id,))


def _renumber(unit: Unit, item_id: int, order: list[int]) -> None:
    """Positions 0, 1, 2... in the given order, writing only the rows that move (the small
    `images` rows: the bytes are in another table and are not rewritten)."""
    current = {i.id: i.position for i in unit.images([item_id])}
    for position, image_id in enumerate(order):
        if current.get(image_id) != position:
            unit.update_image(image_id, position=position)
