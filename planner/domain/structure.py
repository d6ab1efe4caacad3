"""The plan's tree as flat arrays indexed by id, read once for both rollups (progress and
calculation totals), with an order that visits every child before its parent.

Ids are small, dense and never reused, so an array indexed by id costs about 10 bytes an
item: parent (8) status (1) and calculation switch (1). Nothing here is a Python object per
item, so a 100,000-item plan costs about 1 MB and no garbage.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

from planner.domain.items import Status

# Status codes, as stored in the rollups' bytearrays; ABSENT: no such id (any more).
ABSENT, ACTIVE, DONE, DELETED = 0, 1, 2, 3
STATUS_CODE = {Status.ACTIVE: ACTIVE, Status.DONE: DONE, Status.DELETED: DELETED}
HANDS_UP = frozenset({ACTIVE, DONE})  # deleted (and absent) nodes add nothing above them

Row = tuple[int, int, int, int]  # (id, parent id or 0, status code, calc_on as 0 or 1)


class Structure:
    """Parent (0: top level), status code and calculation switch of every id, and
    `leaves_first`: every id of the plan, each after all of its children."""

    __slots__ = ("calc", "leaves_first", "parent", "status")

    def __init__(self, rows: Iterable[Row], size: int = 1) -> None:
        """From every item's row (streamed; `size`: more than the highest id, or a guess)."""
        self.parent = parent = array("q", bytes(8 * size))
        self.status = status = bytearray(size)
        self.calc = calc = bytearray(size)
        upward = True  # every parent has a lower id than its children
        for item_id, parent_id, code, calc_on in rows:
            if item_id >= len(status) or parent_id >= len(status):
                missing = max(max(item_id, parent_id) + 1 - len(status), len(status) // 2)
                parent.extend(array("q", bytes(8 * missing)))
                status.extend(bytes(missing))
                calc.extend(bytes(missing))
            parent[item_id] = parent_id
            status[item_id] = code
            calc[item_id] = calc_on
            if parent_id > item_id:
                upward = False
        # An item is created after its parent: it has a higher id. Only a move to a parent
        # made later breaks that order; then the order is worked out.
        self.leaves_first: Sequence[int] = (
            range(len(status) - 1, 0, -1) if upward else leaves_first(parent, status)
        )


def leaves_first(parent: Sequence[int], status: Sequence[int]) -> array[int]:
    """The ids present (status not ABSENT), every child before its parent, whatever the ids."""
    size = len(status)
    waiting = array("q", bytes(8 * size))  # children not yet visited, per node
    for node in range(1, size):
        if status[node]:
            waiting[parent[node]] += 1
    order = array("q")
    ready = [node for node in range(1, size) if status[node] and not waiting[node]]
    while ready:
        node = ready.pop()
        order.append(node)
        up = parent[node]
        if up:
            waiting[up] -= 1
            if not waiting[up]:
                ready.append(up)
    return order
