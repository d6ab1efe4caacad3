"""What both rollups (progress: rollup.py; calculation totals: cost_rollup.py) share: the
plan's tree as flat arrays indexed by id, figures added up once from the leaves, and each
change followed along one path up the tree: O(depth), never O(subtree).

A node's *part* is what it hands its parent: nothing when it is deleted. A change takes a
node's old part away from the nodes above it and adds its new one; above a done node
everything counts as done, and nothing passes a deleted one. Index 0 stands for the whole
plan: the groups hang below it. Each rollup keeps its own figures and says how they add
up; the walks over the tree are here, once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from array import array
from collections.abc import Container, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

from planner.domain.items import Status
from planner.domain.structure import ABSENT, ACTIVE, DELETED, DONE, STATUS_CODE, Structure

PLAN = 0
Part = TypeVar("Part")
# (id, parent_id, status, ...): an item as a subtree coming in lists it
Row = tuple[Any, ...]


class TreeRollup(ABC, Generic[Part]):
    """Parent links and status codes of every node (its own copy: each rollup follows
    changes on its own), and the walks every change takes. A subclass keeps the figures:
    it grows them with the tree (`_extend`), adds them up from the leaves (`_sum_up`), says
    what a node hands up (`part`) and adds a change along a path (`_spread`)."""

    def __init__(self, structure: Structure | None = None) -> None:
        if structure is None:
            self.parent = array("q", [0])
            self.status = bytearray([ACTIVE])
        else:
            self.parent = structure.parent[:]
            self.status = structure.status[:]
            self.status[PLAN] = ACTIVE

    # -- for the subclass --------------------------------------------------------------
    @abstractmethod
    def _extend(self, missing: int) -> None:
        """Room for `missing` more ids in the figures."""

    @abstractmethod
    def _sum_up(self, leaves_first: Iterable[int], apart: Container[int]) -> None:
        """Figures of nodes from their children's, which come first in `leaves_first`:
        each node hands its part to its parent, except those `apart`."""

    @abstractmethod
    def part(self, item_id: int) -> Part:
        """What a node hands its parent."""

    @abstractmethod
    def _spread(self, node: int, part: Part, sign: int) -> None:
        """Add `sign` times a part at `node` and on up (see `_path_up`)."""

    # -- the tree ----------------------------------------------------------------------
    def contains(self, item_id: int) -> bool:
        return 0 < item_id < len(self.status) and self.status[item_id] != ABSENT

    def _grow(self, item_id: int) -> None:
        missing = item_id + 1 - len(self.status)
        if missing > 0:
            missing = max(missing, len(self.status) // 2)  # room to spare: fewer copies
            self.parent.extend(array("q", bytes(8 * missing)))
            self.status.extend(bytes(missing))
            self._extend(missing)

    def _add_up(self, structure: Structure) -> None:
        """Figures of the whole tree (starting at nothing), in one pass from the leaves
        up; the late items are placed afterwards, as moves are."""
        self._sum_up(structure.leaves_first(), set(structure.late))
        for item_id in structure.place_later:
            self._spread(self.parent[item_id], self.part(item_id), +1)

    def _path_up(self, node: int) -> Iterator[tuple[int, bool]]:
        """The nodes a change at `node` reaches, `node` first, each with whether the change
        counts as all done there (above a done node): up to the plan, or to the first
        deleted node (nothing passes it)."""
        parent, status = self.parent, self.status
        all_done = False
        while True:
            yield node, all_done
            if node == PLAN:
                return
            code = status[node]
            if code == DELETED:
                return
            if code == DONE:
                all_done = True
            node = parent[node]

    # -- following changes -------------------------------------------------------------
    def place(self, item_id: int, parent_id: int | None, status: Status) -> None:
        """An item moved or changed status."""
        self._grow(max(item_id, parent_id or 0))
        if self.contains(item_id):
            self._spread(self.parent[item_id], self.part(item_id), -1)
        self.parent[item_id] = parent_id or PLAN
        self.status[item_id] = STATUS_CODE[status]
        self._spread(self.parent[item_id], self.part(item_id), +1)

    def remove(self, item_id: int) -> None:
        """An item and its subtree left the plan for good. (The ids below it stay behind,
        unreachable: ids are never reused.)"""
        if not self.contains(item_id):
            return
        self._spread(self.parent[item_id], self.part(item_id), -1)
        self.status[item_id] = ABSENT

    def _take_in(self, rows: Sequence[Row]) -> list[int]:
        """The links and statuses of a subtree coming in (new, or back from a permanent
        delete), its root first and every parent before its children; its ids."""
        ids = [row[0] for row in rows]
        self._grow(max(max(ids), rows[0][1] or 0))
        parent, status = self.parent, self.status
        for row in rows:
            parent[row[0]] = row[1] or PLAN
            status[row[0]] = STATUS_CODE[row[2]]
        return ids

    def _hand_up(self, ids: list[int]) -> None:
        """A subtree's figures (set to its own ones) added up, and its root's part handed
        to the nodes above it."""
        root_id = ids[0]
        self._sum_up(reversed(ids), apart={root_id})
        self._spread(self.parent[root_id], self.part(root_id), +1)
