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
from collections.abc import Iterable

from planner.domain.items import Status

Figures = tuple[int, int]  # (done, total)
Row = tuple[int, "int | None", Status]  # (id, parent_id, status)

_ABSENT, _ACTIVE, _DONE, _DELETED = 0, 1, 2, 3
_CODE = {Status.ACTIVE: _ACTIVE, Status.DONE: _DONE, Status.DELETED: _DELETED}


class Rollup:
    """Parent links, statuses and the (done, total) of every node of one plan."""

    def __init__(self) -> None:
        self.parent = array("q")  # 0: top level
        self.status = bytearray()  # _ABSENT for ids not (or no longer) in the plan
        self.done = array("q")
        self.total = array("q")

    def _grow(self, item_id: int) -> None:
        missing = item_id + 1 - len(self.status)
        if missing > 0:
            missing = max(missing, len(self.status) // 2)  # room to spare: fewer copies
            self.parent.extend([0] * missing)
            self.status.extend(bytes(missing))
            self.done.extend([0] * missing)
            self.total.extend([0] * missing)

    @classmethod
    def build(cls, rows: Iterable[Row]) -> Rollup:
        """From (id, parent_id, status) of every item and group, in one pass from the
        leaves up: a node is added to its parent once all its own children were."""
        rollup = cls()
        ids = array("q")
        for item_id, parent_id, item_status in rows:  # one pass: rows may be streamed
            if max(item_id, parent_id or 0) >= len(rollup.status):
                rollup._grow(max(item_id, parent_id or 0))
            rollup.parent[item_id] = parent_id or 0
            rollup.status[item_id] = _CODE[item_status]
            ids.append(item_id)
        parent, status, done, total = rollup.parent, rollup.status, rollup.done, rollup.total
        waiting = array("q", bytes(8 * len(status)))  # children not yet added, per node
        for item_id in ids:
            if parent[item_id]:
                waiting[parent[item_id]] += 1
        ready = [item_id for item_id in ids if not waiting[item_id]]
        while ready:
            node = ready.pop()
            up = parent[node]
            if not up:
                continue
            code = status[node]
            if code != _DELETED:
                t = total[node] + 1
                done[up] += t if code == _DONE else done[node]
                total[up] += t
            waiting[up] -= 1
            if not waiting[up]:
                ready.append(up)
        return rollup

    def contains(self, item_id: int) -> bool:
        return item_id < len(self.status) and self.status[item_id] != _ABSENT

    def contribution(self, item_id: int) -> Figures:
        """What one node adds to each of its ancestors."""
        status = self.status[item_id]
        if status == _DELETED:
            return 0, 0
        total = self.total[item_id]
        if status == _DONE:
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
            if status == _DELETED:
                return
            if status == _DONE:
                d = t
            node = self.parent[node]

    def place(self, item_id: int, parent_id: int | None, status: Status) -> None:
        """An item moved, changed status, or (with its figures already known) came in."""
        self._grow(max(item_id, parent_id or 0))
        if self.contains(item_id):
            self._spread(self.parent[item_id], self.contribution(item_id), -1)
        self.parent[item_id] = parent_id or 0
        self.status[item_id] = _CODE[status]
        self._spread(self.parent[item_id], self.contribution(item_id), +1)

    def add_subtree(self, rows: Iterable[Row]) -> None:
        """A subtree came in (new, or back from a permanent delete), its root first."""
        rows = list(rows)
        root_id, root_parent, root_status = rows[0]
        sub = Rollup.build([(root_id, None, root_status), *rows[1:]])
        self._grow(len(sub.status) - 1)
        for item_id, parent_id, status in rows[1:]:
            self.parent[item_id] = parent_id or 0
            self.status[item_id] = _CODE[status]
            self.done[item_id], self.total[item_id] = sub.done[item_id], sub.total[item_id]
        self.done[root_id], self.total[root_id] = sub.done[root_id], sub.total[root_id]
        self.status[root_id] = _ABSENT
        self.place(root_id, root_parent, root_status)

    def remove(self, item_id: int) -> None:
        """An item and its subtree left the plan for good. (The ids below it stay behind,
        unreachable: ids are never reused.)"""
        if not self.contains(item_id):
            return
        self._spread(self.parent[item_id], self.contribution(item_id), -1)
        self.status[item_id] = _ABSENT
