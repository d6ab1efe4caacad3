"""A canonical picture of a plan's tree, for comparing states before and after a change.

Raw position numbers are left out on purpose: an undo may land an item at a different
number after a renumber and still be exactly right. What counts is every item's fields
and, under each parent, the order of its children (of every status)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from planner.domain.items import ItemRecord
from planner.services.plan import PlanService

FIELDS = (
    "kind",
    "parent_id",
    "title",
    "notes",
    "created",
    "due",
    "priority",
    "status",
    "done_at",
    "deleted_at",
)


def ordered_children(records: list[ItemRecord]) -> dict[int | None, list[int]]:
    by_parent: dict[int | None, list[ItemRecord]] = defaultdict(list)
    for record in records:
        by_parent[record.parent_id].append(record)
    return {
        parent: [r.id for r in sorted(kids, key=lambda r: (r.position, r.id))]
        for parent, kids in by_parent.items()
    }


def snapshot(service: PlanService) -> dict[str, Any]:
    return snapshot_of(service.all_items())


def snapshot_of(records: list[ItemRecord]) -> dict[str, Any]:
    return {
        "items": {r.id: tuple(getattr(r, f) for f in FIELDS) for r in records},
        "order": ordered_children(records),
    }
