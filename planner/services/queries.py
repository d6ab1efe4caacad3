"""Reads the window needs to show a lazily loaded tree: batches, ranks, progress and
calculation totals."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from planner.domain.cost_rollup import CostRollup
from planner.domain.items import ItemRecord, Status
from planner.domain.rollup import Rollup
from planner.domain.structure import Structure
from planner.services.ports import Store


class TreeQueries:
    """Read-only questions about the tree, each one short transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get_many(self, item_ids: Iterable[int]) -> dict[int, ItemRecord]:
        with self.store.read() as unit:
            return unit.get_many(item_ids)

    def child_list(
        self, parent_id: int | None, status: Status
    ) -> tuple[list[int], list[tuple[int, int, int]]]:
        """One list of rows: the children of one status, in order, and the lists under
        those that have children (see the store's `child_list`)."""
        with self.store.read() as unit:
            return unit.child_list(parent_id, status)

    def shape(self, root: int | None = None) -> list[tuple[int, int, int]]:
        """Every list of rows below `root` (None: the whole plan) in one read: (id, parent
        id or 0, list: 0 active, 1 done, 2 deleted), list by list, each in order."""
        with self.store.read() as unit:
            return unit.tree_shape(root)

    def lists_of(self, parent_ids: Iterable[int]) -> list[tuple[int, int, int]]:
        """Every list of rows of these items in one read: (id, parent id, list), list by
        list, each in order."""
        with self.store.read() as unit:
            return unit.lists_of(parent_ids)

    def rank(self, item: ItemRecord) -> int:
        """The item's row among its parent's children of the same status."""
        with self.store.read() as unit:
            return unit.rank(item)

    def ranks(self, items: Sequence[ItemRecord]) -> dict[int, int]:
        """rank() of each item, by id: each list they are in read once (a count each took
        0.6 ms: a repeating goal bringing back 210 rows, 130 ms)."""
        places: dict[tuple[int | None, Status], dict[int, int]] = {}
        found: dict[int, int] = {}
        with self.store.read() as unit:
            for item in items:
                key = (item.parent_id, item.status)
                if key not in places:
                    places[key] = {i: row for row, i in enumerate(unit.sibling_ids(*key))}
                found[item.id] = places[key][item.id]
        return found

    def rollup(self) -> Rollup:
        """Progress figures of the whole plan, to be kept up to date by the caller."""
        with self.store.read() as unit:
            return Rollup.build(unit.tree_structure())

    def rollups(self) -> tuple[Rollup, CostRollup]:
        """Progress and calculation totals of the whole plan, from one read of its tree,
        to be kept up to date by the caller."""
        with self.store.read() as unit:
            structure = unit.tree_structure()
            return Rollup.build(structure), CostRollup.build(structure, unit.line_amounts())

    def structure(self) -> Structure:
        """The plan's tree, as both rollups are built from (read ahead at start-up)."""
        with self.store.read() as unit:
            return unit.tree_structure()

    def line_amounts(self) -> list[tuple[int, int, str, str]]:
        """Every cost line's item, kind and amount texts (see the store's line_amounts)."""
        with self.store.read() as unit:
            return list(unit.line_amounts())

    def totals_elsewhere(self, structure: Structure) -> CostRollup:
        """The calculation totals of the plan whose tree is `structure`, read and added up
        on any thread (a connection of its own), to be kept up to date by the caller."""
        with self.store.side_read() as unit:
            return CostRollup.build(structure, unit.line_amounts())

    def subtree_structure(self, item_id: int) -> list[tuple[int, int | None, Status]]:
        with self.store.read() as unit:
            return list(unit.structure(item_id))

    def late_child(self, record: ItemRecord) -> ItemRecord | None:
        """An active child due after its parent (the parent shows a warning), if any."""
        if record.due is None or record.is_group:
            return None
        with self.store.read() as unit:
            latest = unit.latest_due_child(record.id)
        return latest if latest is not None and latest.due and latest.due > record.due else None

    def is_empty(self) -> bool:
        """True when the plan holds no goal or task that is not deleted."""
        with self.store.read() as unit:
            return not unit.has_open_items()
