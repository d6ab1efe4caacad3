"""Progress that adds up through the tree, kept in memory and updated along one path.

For an item P, progress is (done, total) over every task below it that is not deleted and
has no deleted item between it and P; such a task counts as done when it, or an item
between it and P, is done. Each child X hands its parent a *contribution* made of its own
subtree's figures and its own status, so a change to X only touches the figures of X's
ancestors: O(depth), never O(subtree).

Figures live in flat arrays indexed by id (ids are small, dense and never reused), about
25 bytes an item: a 100,000-item plan costs some 2.5 MB.
"""

from __future__ import annotations

from array import array
from collections.abc import Container, Iterable

from planner.domain.items import Status
from planner.domain.structure import ABSENT, DELETED, DONE, HANDS_UP, STATUS_CODE, Structure

Figures = tuple[int, int]  # (done, total)
Row = tuple[int, "int | None", Status]  # (id, parent_id, status)


class Rollup:
    """Parent links, statuses and the (done, total) of every node of one plan."""

    def __init__(self) -> None:
        self.parent = array("q")  # 0: top level
        self.status = bytearray()  # ABSENT for ids not (or no longer) in the plan
        self.done = array("q")
        self.total = array("q")

    def _grow(self, item_id: int) -> None:
        missing = item_id + 1 - len(self.status)
        if missing > 0:
            missing = max(missing, len(self.status) // 2)  # room to spare: fewer copies
            zeros = array("q", bytes(8 * missing))
            self.parent.extend(zeros)
            self.status.extend(bytes(missing))
            self.done.extend(zeros)
            self.total.extend(zeros)

    @classmethod
    def build(cls, structure: Structure) -> Rollup:
        """From the plan's structure, in one pass from the leaves up (the late items
        placed afterwards, as moves are)."""
        rollup = cls()
        rollup.parent = structure.parent[:]  # its own copy: the rollups change apart
        rollup.status = structure.status[:]
        zeros = bytes(8 * len(structure.status))
        rollup.done, rollup.total = array("q", zeros), array("q", zeros)
        rollup._sum_up(structure.leaves_first(), set(structure.late))
        for item_id in structure.place_later:
            rollup._spread(rollup.parent[item_id], rollup.contribution(item_id), +1)
        return rollup

    def _sum_up(self, leaves_first: Iterable[int], apart: Container[int]) -> None:
        """Figures of nodes from those of their children, which come first in
        `leaves_first`: each node adds its contribution to its parent's, except those
        `apart`."""
        parent, status, done, total = self.parent, self.status, self.done, self.total
        for node in leaves_first:
            code = status[node]
            up = parent[node]
            if up and code in HANDS_UP and node not in apart:
                t = total[node] + 1
                done[up] += t if code == DONE else done[node]
                total[up] += t

    def contains(self, item_id: int) -> bool:
        return item_id < len(self.status) and self.status[item_id] != ABSENT

    def contribution(self, item_id: int) -> Figures:
        """What one node adds to each of its ancestors."""
        status = self.status[item_id]
        if status == DELETED:
            return 0, 0
        total = self.total[item_id]
        if status == DONE:
            return total + 1, total + 1
        return self.done[item_id], total + 1

    def progress(self, item_id: int) -> Figures:
        if not self.contains(item_id):
            return 0, 0
        return self.done[item_id], self.total[item_id]

    def _spread(self, parent_id: int, delta: Figures, sign: int) -> None:
        """Add a change of one node's contribution to its parent and on up. Above a done
        node everything counts as done; above a deleted one nothing counts."""
        d, t = sign * delta[0], sign * delta[1]
        node = parent_id
        while node:
            self.done[node] += d
            self.total[node] += t
            status = self.status[node]
            if status == DELETED:
                return
            if status == DONE:
                d = t
            node = self.parent[node]

    def place(self, item_id: int, parent_id: int | None, status: Status) -> None:
        """An item moved, changed status, or (with its figures already known) came in."""
        self._grow(max(item_id, parent_id or 0))
        if self.contains(item_id):
            self._spread(self.parent[item_id], self.contribution(item_id), -1)
        self.parent[item_id] = parent_id or 0
        self.status[item_id] = STATUS_CODE[status]
        self._spread(self.parent[item_id], self.contribution(item_id), +1)

    def add_subtree(self, rows: Iterable[Row]) -> None:
        """A subtree came in (new, or back from a permanent delete), its root first and
        every parent before its children (as `structure(root)` reads them)."""
        rows = list(rows)
        root_id, root_parent, root_status = rows[0]
        self._grow(max(max(row[0] for row in rows), root_parent or 0))
        for item_id, parent_id, status in rows:
            self.parent[item_id] = parent_id or 0
            self.status[item_id] = STATUS_CODE[status]
            self.done[item_id] = self.total[item_id] = 0
        self._sum_up([row[0] for row in reversed(rows)], apart={root_id})
        self.status[root_id] = ABSENT
        self.place(root_id, root_parent, root_status)

    def remove(self, item_id: int) -> None:
        """An item and its subtree left the plan for good. (The ids below it stay behind,
        unreachable: ids are never reused.)"""
        if not self.contains(item_id):
            return
        self._spread(self.parent[item_id], self.contribution(item_id), -1)
        self.status[item_id] = ABSENT
