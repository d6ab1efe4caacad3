"""Progress that adds up through the tree, kept in memory and updated along one path.

For an item P, progress is (done, total) over every task below it that is not deleted and
has no deleted item between it and P; such a task counts as done when it, or an item
between it and P, is done. Each child X hands its parent a *contribution* made of its own
subtree's figures and its own status, so a change to X only touches the figures of X's
ancestors: O(depth), never O(subtree).
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.domain.items import Status

Figures = tuple[int, int]  # (done, total)
ZERO: Figures = (0, 0)


class Rollup:
    """Parent links, statuses and the (done, total) of every node of one plan."""

    def __init__(self) -> None:
        self.parent: dict[int, int | None] = {}
        self.status: dict[int, Status] = {}
        self.children: dict[int | None, set[int]] = {}
        self.figures: dict[int, Figures] = {}

    @classmethod
    def build(cls, rows: Iterable[tuple[int, int | None, Status]]) -> Rollup:
        """From (id, parent_id, status) of every item and group."""
        rollup = cls()
        for item_id, parent_id, status in rows:
            rollup.parent[item_id] = parent_id
            rollup.status[item_id] = status
            rollup.children.setdefault(parent_id, set()).add(item_id)
        # Children before parents: order nodes by depth, deepest first.
        depth: dict[int, int] = {}
        for item_id in rollup.parent:
            chain = []
            node: int | None = item_id
            while node is not None and node not in depth:
                chain.append(node)
                node = rollup.parent.get(node)
            base = -1 if node is None else depth[node]
            for offset, n in enumerate(reversed(chain), start=1):
                depth[n] = base + offset
        for item_id in sorted(depth, key=depth.__getitem__, reverse=True):
            done, total = 0, 0
            for child in rollup.children.get(item_id, ()):
                d, t = rollup.contribution(child)
                done, total = done + d, total + t
            rollup.figures[item_id] = (done, total)
        return rollup

    def contribution(self, item_id: int) -> Figures:
        """What one node adds to each of its ancestors."""
        status = self.status[item_id]
        if status is Status.DELETED:
            return ZERO
        done, total = self.figures.get(item_id, ZERO)
        if status is Status.DONE:
            return total + 1, total + 1
        return done, total + 1

    def progress(self, item_id: int) -> Figures:
        return self.figures.get(item_id, ZERO)

    def _spread(self, parent_id: int | None, delta: Figures, sign: int) -> None:
        """Add a change of one node's contribution to its parent and on up. Above a done
        node everything counts as done; above a deleted one nothing counts."""
        d, t = sign * delta[0], sign * delta[1]
        node = parent_id
        while node is not None:
            done, total = self.figures.get(node, ZERO)
            self.figures[node] = (done + d, total + t)
            status = self.status.get(node)
            if status is Status.DELETED:
                return
            if status is Status.DONE:
                d = t
            node = self.parent.get(node)

    def place(self, item_id: int, parent_id: int | None, status: Status) -> None:
        """An item moved, changed status, or (with its figures already known) came in."""
        if item_id in self.parent:
            self._spread(self.parent[item_id], self.contribution(item_id), -1)
            self.children.get(self.parent[item_id], set()).discard(item_id)
        self.figures.setdefault(item_id, ZERO)
        self.parent[item_id] = parent_id
        self.status[item_id] = status
        self.children.setdefault(parent_id, set()).add(item_id)
        self._spread(parent_id, self.contribution(item_id), +1)

    def add_subtree(self, rows: Iterable[tuple[int, int | None, Status]]) -> None:
        """A subtree came back (undo of a permanent delete); parents come before children."""
        rows = list(rows)
        sub = Rollup.build(rows)
        root_ids = [r[0] for r in rows if r[1] not in sub.parent]
        for item_id in sub.parent:
            if item_id not in root_ids:
                self.parent[item_id] = sub.parent[item_id]
                self.status[item_id] = sub.status[item_id]
                self.children.setdefault(sub.parent[item_id], set()).add(item_id)
            self.figures[item_id] = sub.figures[item_id]
        for item_id, parent_id, status in rows:
            if item_id in root_ids:
                self.place(item_id, parent_id, status)

    def remove(self, item_id: int) -> None:
        """An item and its subtree left the plan for good."""
        if item_id not in self.parent:
            return
        self._spread(self.parent[item_id], self.contribution(item_id), -1)
        self.children.get(self.parent[item_id], set()).discard(item_id)
        stack = [item_id]
        while stack:
            node = stack.pop()
            stack.extend(self.children.pop(node, ()))
            self.parent.pop(node, None)
            self.status.pop(node, None)
            self.figures.pop(node, None)

    def contains(self, item_id: int) -> bool:
        return item_id in self.parent
