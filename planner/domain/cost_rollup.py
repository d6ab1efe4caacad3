"""Calculation totals of every item, group and the plan, kept in memory and updated along
one path (the sibling of rollup.py, which does the same for progress).

The rules are those of domain/costs.py. Each node stores its *raw* figures: its own lines
(when calculation is on) plus what each child hands up, with the done parts coming from
the children only. A node reports its raw figures, all done when it is done itself; what
it hands its parent is what it reports, or nothing when it is deleted. A change to one
node therefore touches its ancestors only: O(depth), never O(subtree).

Sums are whole numbers of 10^-10 (money.AMOUNT_PLACES): exact, and much faster than
Decimal; they turn into Decimals only when read. Index 0 stands for the whole plan: the
groups hang below it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

from planner.domain.costs import Breakdown, CostLine, Figures, LineKind, Totals
from planner.domain.costs import as_part as _as_part
from planner.domain.costs import own_totals as _own_totals
from planner.domain.items import Status
from planner.domain.money import PRICE_PLACES, QUANTITY_PLACES, decimal_text, text_units

Node = tuple[int, "int | None", Status, bool]  # (id, parent_id, status, calc_on)
Amount = tuple[int, str, str, str]  # (item_id, kind, quantity text, unit price text)

_ABSENT, _ACTIVE, _DONE, _DELETED = 0, 1, 2, 3
_CODE = {Status.ACTIVE: _ACTIVE, Status.DONE: _DONE, Status.DELETED: _DELETED}
PLAN = 0


class CostRollup:
    """Parent links, statuses, own line sums and raw totals of every node of one plan."""

    def __init__(self) -> None:
        self.parent = array("q", [0])
        self.status = bytearray([_ACTIVE])  # the plan itself (index 0) is always there
        self.calc = bytearray(1)
        self.own: list[tuple[int, int, int]] = [(0, 0, 0)]  # (expense, income, lines)
        # Raw figures: expense, expense done, income, income done, counting lines.
        self.e: list[int] = [0]
        self.ed: list[int] = [0]
        self.i: list[int] = [0]
        self.idone: list[int] = [0]
        self.n: list[int] = [0]

    def _grow(self, item_id: int) -> None:
        missing = item_id + 1 - len(self.status)
        if missing > 0:
            missing = max(missing, len(self.status) // 2)  # room to spare: fewer copies
            self.parent.extend([0] * missing)
            self.status.extend(bytes(missing))
            self.calc.extend(bytes(missing))
            self.own.extend([(0, 0, 0)] * missing)
            for figures in (self.e, self.ed, self.i, self.idone, self.n):
                figures.extend([0] * missing)

    # -- building ----------------------------------------------------------------------
    @classmethod
    def build(cls, nodes: Iterable[Node], amounts: Iterable[Amount]) -> CostRollup:
        """From every item and group, and every line's amount, in one pass from the leaves
        up (both may be streamed)."""
        rollup = cls()
        ids = array("q")
        for item_id, parent_id, item_status, calc_on in nodes:
            if max(item_id, parent_id or 0) >= len(rollup.status):
                rollup._grow(max(item_id, parent_id or 0))
            rollup.parent[item_id] = parent_id or PLAN
            rollup.status[item_id] = _CODE[item_status]
            rollup.calc[item_id] = calc_on
            ids.append(item_id)
        rollup._add_amounts(amounts)
        rollup._sum_up(ids, root=None)
        return rollup

    def _add_amounts(self, amounts: Iterable[Amount]) -> None:
        own = self.own
        for item_id, kind, quantity, price in amounts:
            units = text_units(quantity, QUANTITY_PLACES) * text_units(price, PRICE_PLACES)
            if item_id >= len(own):
                self._grow(item_id)
            e, i, n = own[item_id]
            own[item_id] = (e + units, i, n + 1) if kind == "expense" else (e, i + units, n + 1)

    def _sum_up(self, ids: Sequence[int], root: int | None) -> None:
        """Raw figures of `ids` from their own lines and each other, leaves first. Nodes
        hand their part to their parent, except `root` (None: all the groups hand theirs
        to the plan)."""
        parent, status, calc, own = self.parent, self.status, self.calc, self.own
        e, ed, i, idone, n = self.e, self.ed, self.i, self.idone, self.n
        waiting = array("q", bytes(8 * len(status)))  # children not yet added, per node
        for item_id in ids:
            e[item_id] = ed[item_id] = i[item_id] = idone[item_id] = n[item_id] = 0
            if item_id != root:
                waiting[parent[item_id]] += 1
        for item_id in ids:
            if calc[item_id]:
                e[item_id], i[item_id], n[item_id] = own[item_id]
        ready = [item_id for item_id in ids if not waiting[item_id]]
        while ready:
            node = ready.pop()
            if node == root:
                continue
            up = parent[node]
            code = status[node]
            if code != _DELETED and n[node]:
                e[up] += e[node]
                i[up] += i[node]
                n[up] += n[node]
                if code == _DONE:
                    ed[up] += e[node]
                    idone[up] += i[node]
                else:
                    ed[up] += ed[node]
                    idone[up] += idone[node]
            waiting[up] -= 1
            if not waiting[up] and up != PLAN:
                ready.append(up)

    # -- reading -----------------------------------------------------------------------
    def contains(self, item_id: int) -> bool:
        return 0 < item_id < len(self.status) and self.status[item_id] != _ABSENT

    def figures(self, item_id: int) -> Figures:
        """What a node reports (PLAN: the whole plan's figures)."""
        if item_id != PLAN and not self.contains(item_id):
            return Figures()
        e, i = self.e[item_id], self.i[item_id]
        if self.status[item_id] == _DONE:
            return Figures(e, e, i, i, self.n[item_id])
        return Figures(e, self.ed[item_id], i, self.idone[item_id], self.n[item_id])

    def totals(self, item_id: int) -> Totals:
        return self.figures(item_id).totals()

    def plan_totals(self) -> Totals:
        return self.figures(PLAN).totals()

    def part(self, item_id: int) -> Figures:
        """What a node hands its parent: nothing when deleted."""
        if not self.contains(item_id) or self.status[item_id] == _DELETED:
            return Figures()
        return self.figures(item_id)

    def breakdown(
        self, item_id: int, own_lines: Sequence[CostLine], child_ids: Sequence[int]
    ) -> Breakdown:
        """Own lines, then each child's part (the children in sibling order, any status:
        deleted ones show nothing), adding up to the item's total."""
        done = self.contains(item_id) and self.status[item_id] == _DONE
        own = _own_totals(own_lines, bool(self.calc[item_id]), done)
        # A child with no line below it hands up nothing: no sums made for it (an item may
        # have 10,000 children, the details panel asks after every change).
        counted, nothing = self.n, Totals()
        parts = tuple(
            (
                c,
                _as_part(self.part(c).totals(), done)
                if self.contains(c) and counted[c]
                else nothing,
            )
            for c in child_ids
        )
        return Breakdown(tuple(own_lines), own, parts, self.totals(item_id))

    # -- following changes -------------------------------------------------------------
    def _spread(self, node: int, d: Figures, sign: int) -> None:
        """Add a change of raw figures at `node` (the done parts as they reach it), and pass
        it on up. Above a done node everything is done; above a deleted one nothing counts."""
        de, ded, di, did, dn = (
            sign * d.expense,
            sign * d.expense_done,
            sign * d.income,
            sign * d.income_done,
            sign * d.lines,
        )
        if not (de or di or dn):
            return
        parent, status = self.parent, self.status
        e, ed, i, idone, n = self.e, self.ed, self.i, self.idone, self.n
        while True:
            e[node] += de
            ed[node] += ded
            i[node] += di
            idone[node] += did
            n[node] += dn
            if node == PLAN:
                return
            code = status[node]
            if code == _DELETED:
                return
            if code == _DONE:
                ded, did = de, di
            node = parent[node]

    def _own_part(self, item_id: int) -> Figures:
        if not self.calc[item_id]:
            return Figures()
        e, i, n = self.own[item_id]
        return Figures(e, 0, i, 0, n)

    def place(self, item_id: int, parent_id: int | None, status: Status) -> None:
        """An item moved or changed status."""
        self._grow(max(item_id, parent_id or 0))
        if self.contains(item_id):
            self._spread(self.parent[item_id], self.part(item_id), -1)
        self.parent[item_id] = parent_id or PLAN
        self.status[item_id] = _CODE[status]
        self._spread(self.parent[item_id], self.part(item_id), +1)

    def set_calc(self, item_id: int, on: bool) -> None:
        """Calculation switched on or off for an item: its own lines count or stop."""
        if not self.contains(item_id) or bool(self.calc[item_id]) == on:
            return
        self._spread(item_id, self._own_part(item_id), -1)
        self.calc[item_id] = on
        self._spread(item_id, self._own_part(item_id), +1)

    def set_lines(self, item_id: int, lines: Iterable[CostLine]) -> None:
        """An item's lines changed (added, edited, removed): its own sums are these."""
        e = i = n = 0
        for line in lines:
            if line.kind is LineKind.EXPENSE:
                e += line.units
            else:
                i += line.units
            n += 1
        self._grow(item_id)
        if not self.contains(item_id):
            self.own[item_id] = (e, i, n)
            return
        self._spread(item_id, self._own_part(item_id), -1)
        self.own[item_id] = (e, i, n)
        self._spread(item_id, self._own_part(item_id), +1)

    def add_subtree(self, nodes: Sequence[Node], lines: Iterable[CostLine]) -> None:
        """A subtree came in (new, or back from a permanent delete), its root first and
        every parent before its children."""
        root_id, root_parent = nodes[0][0], nodes[0][1]
        self._grow(max(max(n[0] for n in nodes), root_parent or 0))
        for item_id, parent_id, status, calc_on in nodes:
            self.parent[item_id] = parent_id or PLAN
            self.status[item_id] = _CODE[status]
            self.calc[item_id] = calc_on
            self.own[item_id] = (0, 0, 0)
        self._add_amounts(
            (x.item_id, x.kind.value, decimal_text(x.quantity), decimal_text(x.unit_price))
            for x in lines
        )
        self._sum_up([n[0] for n in nodes], root=root_id)
        self._spread(self.parent[root_id], self.part(root_id), +1)

    def remove(self, item_id: int) -> None:
        """An item and its subtree left the plan for good. (The ids below it stay behind,
        unreachable: ids are never reused.)"""
        if not self.contains(item_id):
            return
        self._spread(self.parent[item_id], self.part(item_id), -1)
        self.status[item_id] = _ABSENT
