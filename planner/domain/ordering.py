"""Short ordered lists inside an item (cost lines, images): where one lands, by anchors.

A place is named by the element it comes right after (None: first), so that a change and
its undo say the same thing however the list changed in between."""

from __future__ import annotations

from planner.domain.errors import InvalidInput
from planner.i18n import _


def anchor_at(order: list[int], index: int | None) -> int | None:
    """The element after which one lands to stand at `index` (None: at the end)."""
    if index is None:
        return order[-1] if order else None
    if index < 0:
        raise InvalidInput(_("A position cannot be negative."))
    return order[min(index, len(order)) - 1] if index and order else None


def slot_after(order: list[int], after_id: int | None) -> int:
    """Where an element goes to stand right after `after_id` (first for None, last when
    the anchor is no longer there)."""
    if after_id is None:
        return 0
    return order.index(after_id) + 1 if after_id in order else len(order)
