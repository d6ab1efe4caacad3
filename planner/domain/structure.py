"""The plan's tree as flat arrays indexed by id, read once for both rollups (progress and
calculation totals), which add it up from the leaves in one pass over the ids.

Ids are small, dense and never reused, so an array indexed by id costs about 10 bytes an
item: parent (8), status (1) and calculation switch (1). Nothing here is a Python object
per item: a 100,000-item plan costs about 1 MB and leaves no garbage.

An item is made after its parent, so it has the higher id: going down from the highest id
visits every child before its parent. Only a move under an item made later breaks that;
such *late* items are left out of the pass and added afterwards, one by one, the way a move
is followed (O(depth) each).
"""

from __future__ import annotations

from array import array

from planner.domain.items import Status

# Status codes, as stored in the rollups' bytearrays; ABSENT: no such id (any more).
ABSENT, ACTIVE, DONE, DELETED = 0, 1, 2, 3
STATUS_CODE = {Status.ACTIVE: ACTIVE, Status.DONE: DONE, Status.DELETED: DELETED}
HANDS_UP = frozenset({ACTIVE, DONE})  # deleted (and absent) nodes add nothing above them


class Structure:
    """Parent (0: top level), status code and calculation switch of every id; `late`: the
    ids whose parent has a higher id, left out of the pass; `place_later`: those of them
    to place afterwards, the higher ones first (not the ones a broken file has inside a
    cycle, or below one: they add nothing above them, and following their parents would
    never end)."""

    __slots__ = ("calc", "late", "parent", "place_later", "status")

    def __init__(
        self,
        ids: array[int] | None,
        parents: array[int],
        status: bytes,
        calc: bytes,
        late: list[int],
        size: int,
    ) -> None:
        """From the columns of every item's row (the i-th id, parent, status code and
        switch; `ids` None: 1, 2, 3...), the late ids, and `size` more than any id or
        parent. No Python step per item when the ids are 1, 2, 3..."""
        if ids is None:
            pad = size - len(parents) - 1
            self.parent = array("q", [0])
            self.parent.extend(parents)
            self.parent.extend(array("q", bytes(8 * pad)))
            self.status = bytearray(1) + status + bytearray(pad)
            self.calc = bytearray(1) + calc + bytearray(pad)
        else:
            self.parent = parent = array("q", bytes(8 * size))
            self.status, self.calc = bytearray(size), bytearray(size)
            for k, item_id in enumerate(ids):
                parent[item_id] = parents[k]
                self.status[item_id] = status[k]
                self.calc[item_id] = calc[k]
        self.late = late
        depths = {i: _depth(self.parent, i) for i in late}
        # Higher late items first: a late item's part holds the late items placed below it
        # already, so placing one below after it would count that one twice above.
        self.place_later = sorted(
            (i for i in self.late if depths[i] is not None), key=lambda i: depths[i] or 0
        )

    def leaves_first(self) -> range:
        """Every id (absent ones too) from the highest down: each node comes after all of
        its children that are not late."""
        return range(len(self.status) - 1, 0, -1)


def _depth(parent: array[int], item_id: int) -> int | None:
    """How many parents lead from `item_id` to the top (0); None when they go round in a
    cycle (a broken file) and never get there."""
    seen = set()
    node = item_id
    while node:
        if node in seen:
            return None
        seen.add(node)
        node = parent[node]
    return len(seen)
