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
from collections.abc import Container, Iterable, Sequence

from planner.domain.costs import Breakdown, CostLine, Figures, LineKind, Totals
from planner.domain.costs import as_part as _as_part
from planner.domain.costs import own_totals as _own_totals
from planner.domain.items import Status
from planner.domain.money import AMOUNT_PLACES, PRICE_PLACES, QUANTITY_PLACES, text_units
from planner.domain.structure import (
    ABSENT,
    ACTIVE,
    DELETED,
    DONE,
    HANDS_UP,
    STATUS_CODE,
    Structure,
)

Node = tuple[int, "int | None", Status, bool]  # (id, parent_id, status, calc_on)
# (item_id, 1 for an income and 0 for an expense, quantity text, unit price text)
Amount = tuple[int, int, str, str]

PLAN = 0
# 10^(AMOUNT_PLACES - places): what turns quantity digits × price digits into 10^-10 units.
_SCALE = tuple(10 ** (AMOUNT_PLACES - places) for places in range(AMOUNT_PLACES + 1))


class CostRollup:
    """Parent links, statuses, own line sums and raw totals of every node of one plan.

    Sums live in lists (they may pass 2^63) and counts in arrays, one slot per id; a plan
    without any line has none of them (all its figures are nothing) until a line comes.
    """

    def __init__(self) -> None:
        self.parent = array("q", [0])
        self.status = bytearray([ACTIVE])  # the plan itself (index 0) is always there
        self.calc = bytearray(1)
        # Own lines' sums: expense, income, how many lines.
        self.own_e: list[int] = []
        self.own_i: list[int] = []
        self.own_n = array("q")
        # Raw figures: expense, expense done, income, income done, counting lines.
        self.e: list[int] = []
        self.ed: list[int] = []
        self.i: list[int] = []
        self.idone: list[int] = []
        self.n = array("q")

    def _grow(self, item_id: int) -> None:
        missing = item_id + 1 - len(self.status)
        if missing > 0:
            missing = max(missing, len(self.status) // 2)  # room to spare: fewer copies
            self.parent.extend(array("q", bytes(8 * missing)))
            self.status.extend(bytes(missing))
            self.calc.extend(bytes(missing))
            if self.n:
                self._extend_sums(missing)

    def _extend_sums(self, missing: int) -> None:
        zeros = array("q", bytes(8 * missing))
        self.own_n.extend(zeros)
        self.n.extend(zeros)
        for sums in (self.own_e, self.own_i, self.e, self.ed, self.i, self.idone):
            sums.extend([0] * missing)

    def _need_sums(self) -> None:
        """A line came in: the sums, all nothing so far, as long as the other arrays."""
        if not self.n:
            self._extend_sums(len(self.status))

    # -- building ----------------------------------------------------------------------
    @classmethod
    def build(cls, structure: Structure, amounts: Iterable[Amount]) -> CostRollup:
        """From the plan's structure and every line's amount (streamed), in one pass from
        the leaves up."""
        rollup = cls()
        rollup.parent = structure.parent[:]  # its own copy: the rollups change apart
        rollup.status = structure.status[:]
        rollup.status[PLAN] = ACTIVE
        rollup.calc = structure.calc[:]
        rollup._add_amounts(amounts)
        if rollup.n:
            rollup._sum_up(structure.leaves_first(), set(structure.late))
            for item_id in structure.place_later:  # placed afterwards, as moves are
                rollup._spread(rollup.parent[item_id], rollup.part(item_id), +1)
        return rollup

    def _add_amounts(self, amounts: Iterable[Amount]) -> None:
        """Add lines to their items' own sums, from the texts as stored ("12.5"): digits
        with at most one point, checked when written; anything else is read the careful way."""
        own_e, own_i, own_n = self.own_e, self.own_i, self.own_n  # grown in place
        for item_id, income, quantity, price in amounts:
            if item_id >= len(own_n):
                self._need_sums()
                self._grow(item_id)
            q_whole, _, q_places = quantity.partition(".")
            p_whole, _, p_places = price.partition(".")
            q_digits, p_digits = q_whole + q_places, p_whole + p_places
            if (
                q_digits.isdecimal()
                and p_digits.isdecimal()
                and len(q_places) <= QUANTITY_PLACES
                and len(p_places) <= PRICE_PLACES
            ):
                scale = _SCALE[len(q_places) + len(p_places)]
                units = int(q_digits) * int(p_digits) * scale
            else:
                units = text_units(quantity, QUANTITY_PLACES) * text_units(price, PRICE_PLACES)
            if income:
                own_i[item_id] += units
            else:
                own_e[item_id] += units
            own_n[item_id] += 1

    def _sum_up(self, leaves_first: Iterable[int], apart: Container[int]) -> None:
        """Raw figures of nodes from their own lines and their children's figures, the
        children coming first in `leaves_first` (figures start at nothing). Nodes hand
        their part to their parent (the groups to the plan), except those `apart`."""
        parent, status, calc = self.parent, self.status, self.calc
        own_e, own_i, own_n = self.own_e, self.own_i, self.own_n
        e, ed, i, idone, n = self.e, self.ed, self.i, self.idone, self.n
        for node in leaves_first:
            if calc[node] and own_n[node]:
                e[node] += own_e[node]
                i[node] += own_i[node]
                n[node] += own_n[node]
            if not n[node] or node in apart:
                continue
            code = status[node]
            if code in HANDS_UP:
                up = parent[node]
                e[up] += e[node]
                i[up] += i[node]
                n[up] += n[node]
                if code == DONE:
                    ed[up] += e[node]
                    idone[up] += i[node]
                else:
                    ed[up] += ed[node]
                    idone[up] += idone[node]

    # -- reading -----------------------------------------------------------------------
    def contains(self, item_id: int) -> bool:
        return 0 < item_id < len(self.status) and self.status[item_id] != ABSENT

    def figures(self, item_id: int) -> Figures:
        """What a node reports (PLAN: the whole plan's figures)."""
        if not self.n or (item_id != PLAN and not self.contains(item_id)):
            return Figures()  # (a plan without lines has no sums)
        e, i = self.e[item_id], self.i[item_id]
        if self.status[item_id] == DONE:
            return Figures(e, e, i, i, self.n[item_id])
        return Figures(e, self.ed[item_id], i, self.idone[item_id], self.n[item_id])

    def totals(self, item_id: int) -> Totals:
        return self.figures(item_id).totals()

    def lines_below(self, item_id: int) -> int:
        """How many lines count for an item through its children (its own left out)."""
        if not self.n or not self.contains(item_id):
            return 0
        return self.n[item_id] - (self.own_n[item_id] if self.calc[item_id] else 0)

    def plan_totals(self) -> Totals:
        return self.figures(PLAN).totals()

    def part(self, item_id: int) -> Figures:
        """What a node hands its parent: nothing when deleted."""
        if not self.contains(item_id) or self.status[item_id] == DELETED:
            return Figures()
        return self.figures(item_id)

    def breakdown(
        self, item_id: int, own_lines: Sequence[CostLine], child_ids: Sequence[int]
    ) -> Breakdown:
        """Own lines, then each child's part (the children in sibling order, any status:
        deleted ones show nothing), adding up to the item's total."""
        done = self.contains(item_id) and self.status[item_id] == DONE
        own = _own_totals(own_lines, bool(self.calc[item_id]), done)
        # A child with no line below it hands up nothing: no sums made for it (an item may
        # have 10,000 children, the details panel asks after every change).
        counted, nothing = self.n, Totals()  # empty while the plan has no line at all
        parts = tuple(
            (
                c,
                _as_part(self.part(c).totals(), done)
                if c < len(counted) and counted[c] and self.contains(c)
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
            if code == DELETED:
                return
            if code == DONE:
                ded, did = de, di
            node = parent[node]

    def _own_part(self, item_id: int) -> Figures:
        if not self.calc[item_id] or not self.n:
            return Figures()
        return Figures(self.own_e[item_id], 0, self.own_i[item_id], 0, self.own_n[item_id])

    def _set_own(self, item_id: int, e: int, i: int, n: int) -> None:
        self.own_e[item_id], self.own_i[item_id], self.own_n[item_id] = e, i, n

    def place(self, item_id: int, parent_id: int | None, status: Status) -> None:
        """An item moved or changed status."""
        self._grow(max(item_id, parent_id or 0))
        if self.contains(item_id):
            self._spread(self.parent[item_id], self.part(item_id), -1)
        self.parent[item_id] = parent_id or PLAN
        self.status[item_id] = STATUS_CODE[status]
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
        if n:
            self._need_sums()
        elif not self.n:
            return  # no line anywhere, as before
        if not self.contains(item_id):
            self._set_own(item_id, e, i, n)
            return
        self._spread(item_id, self._own_part(item_id), -1)
        self._set_own(item_id, e, i, n)
        self._spread(item_id, self._own_part(item_id), +1)

    def add_subtree(self, nodes: Sequence[Node], lines: Iterable[CostLine]) -> None:
        """A subtree came in (new, or back from a permanent delete), its root first and
        every parent before its children."""
        root_id, root_parent = nodes[0][0], nodes[0][1]
        self._grow(max(max(node[0] for node in nodes), root_parent or 0))
        lines = list(lines)
        if lines:
            self._need_sums()
        for item_id, parent_id, status, calc_on in nodes:
            self.parent[item_id] = parent_id or PLAN
            self.status[item_id] = STATUS_CODE[status]
            self.calc[item_id] = calc_on
            if self.n:  # figures from before a permanent delete start again at nothing
                self._set_own(item_id, 0, 0, 0)
                self.e[item_id] = self.ed[item_id] = self.i[item_id] = self.idone[item_id] = 0
                self.n[item_id] = 0
        if not self.n:
            return  # no line anywhere: nothing adds up
        for line in lines:
            if line.kind is LineKind.EXPENSE:
                self.own_e[line.item_id] += line.units
            else:
                self.own_i[line.item_id] += line.units
            self.own_n[line.item_id] += 1
        self._sum_up([node[0] for node in reversed(nodes)], apart={root_id})
        self._spread(self.parent[root_id], self.part(root_id), +1)

    def remove(self, item_id: int) -> None:
        """An item and its subtree left the plan for good. (The ids below it stay behind,
        unreachable: ids are never reused.)"""
        if not self.contains(item_id):
            return
        self._spread(self.parent[item_id], self.part(item_id), -1)
        self.status[item_id] = ABSENT
