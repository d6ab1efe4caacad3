"""Calculation totals of every item, group and the plan, kept in memory and updated along
one path (the sibling of rollup.py, which does the same for progress; the walks over the
tree are TreeRollup's).

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

from planner.domain.costs import Breakdown, CostLine, Figures, LineKind, Totals, line_sums
from planner.domain.costs import as_part as _as_part
from planner.domain.costs import own_totals as _own_totals
from planner.domain.items import Status
from planner.domain.money import AMOUNT_PLACES, PRICE_PLACES, QUANTITY_PLACES, text_units
from planner.domain.structure import DELETED, DONE, HANDS_UP, Structure
from planner.domain.tree_rollup import PLAN, TreeRollup

Node = tuple[int, "int | None", Status, bool]  # (id, parent_id, status, calc_on)
# (item_id, 1 for an income and 0 for an expense, quantity text, unit price text)
Amount = tuple[int, int, str, str]

# 10^(AMOUNT_PLACES - places): what turns quantity digits × price digits into 10^-10 units.
_SCALE = tuple(10 ** (AMOUNT_PLACES - places) for places in range(AMOUNT_PLACES + 1))


class CostRollup(TreeRollup[Figures]):
    """Parent links, statuses, own line sums and raw totals of every node of one plan.

    Sums live in lists (they may pass 2^63) and counts in arrays, one slot per id; a plan
    without any line has none of them (all its figures are nothing) until a line comes.
    """

    def __init__(self, structure: Structure | None = None) -> None:
        super().__init__(structure)
        self.calc = bytearray(1) if structure is None else structure.calc[:]
        # Own lines' sums: expense, income, how many lines.
        self.own_expense: list[int] = []
        self.own_income: list[int] = []
        self.own_line_count = array("q")
        # Raw figures: expense, expense done, income, income done, how many lines count.
        self.expense: list[int] = []
        self.expense_done: list[int] = []
        self.income: list[int] = []
        self.income_done: list[int] = []
        self.line_count = array("q")

    def _extend(self, missing: int) -> None:
        self.calc.extend(bytes(missing))
        if self.line_count:
            self._extend_sums(missing)

    def _extend_sums(self, missing: int) -> None:
        zeros = array("q", bytes(8 * missing))
        self.own_line_count.extend(zeros)
        self.line_count.extend(zeros)
        for sums in (
            self.own_expense,
            self.own_income,
            self.expense,
            self.expense_done,
            self.income,
            self.income_done,
        ):
            sums.extend([0] * missing)

    def _need_sums(self) -> None:
        """A line came in: the sums, all nothing so far, as long as the other arrays."""
        if not self.line_count:
            self._extend_sums(len(self.status))

    # -- building ----------------------------------------------------------------------
    @classmethod
    def build(cls, structure: Structure, amounts: Iterable[Amount]) -> CostRollup:
        """From the plan's structure and every line's amount (streamed), in one pass from
        the leaves up."""
        rollup = cls(structure)
        rollup._add_amounts(amounts)
        if rollup.line_count:
            rollup._add_up(structure)
        return rollup

    @classmethod
    def of_nodes(cls, nodes: Iterable[Node], lines: Iterable[CostLine]) -> CostRollup:
        """A rollup of these nodes only (a subtree, or every item of a plan), in any order:
        a node whose parent is not among them hangs from the plan. Linear in the nodes and
        lines, however deep the tree."""
        by_id = {node[0]: node for node in nodes}
        children: dict[int, list[Node]] = {}
        stack: list[Node] = []
        for node in by_id.values():
            if node[1] in by_id:
                children.setdefault(node[1], []).append(node)
            else:
                stack.append((node[0], None, node[2], node[3]))
        parents_first: list[Node] = []  # (a node inside a cycle of a broken file: left out)
        while stack:
            node = stack.pop()
            parents_first.append(node)
            stack.extend(children.get(node[0], ()))
        rollup = cls()
        if parents_first:
            rollup.add_subtree(parents_first, lines)
        return rollup

    def _add_amounts(self, amounts: Iterable[Amount]) -> None:
        """Add lines to their items' own sums, from the texts as stored ("12.5"): digits
        with at most one point, checked when written; anything else is read the careful way."""
        own_expense, own_income, own_count = self.own_expense, self.own_income, self.own_line_count
        for item_id, income, quantity, price in amounts:
            if item_id >= len(own_count):
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
                own_income[item_id] += units
            else:
                own_expense[item_id] += units
            own_count[item_id] += 1

    def _sum_up(self, leaves_first: Iterable[int], apart: Container[int]) -> None:
        """Raw figures of nodes from their own lines and their children's figures, the
        children coming first in `leaves_first` (figures start at nothing). Nodes hand
        their part to their parent (the groups to the plan), except those `apart`."""
        parent, status, calc = self.parent, self.status, self.calc
        own_expense, own_income, own_count = self.own_expense, self.own_income, self.own_line_count
        expense, expense_done = self.expense, self.expense_done
        income, income_done, count = self.income, self.income_done, self.line_count
        for node in leaves_first:
            if calc[node] and own_count[node]:
                expense[node] += own_expense[node]
                income[node] += own_income[node]
                count[node] += own_count[node]
            if not count[node] or node in apart:
                continue
            code = status[node]
            if code in HANDS_UP:
                up = parent[node]
                expense[up] += expense[node]
                income[up] += income[node]
                count[up] += count[node]
                if code == DONE:
                    expense_done[up] += expense[node]
                    income_done[up] += income[node]
                else:
                    expense_done[up] += expense_done[node]
                    income_done[up] += income_done[node]

    # -- reading -----------------------------------------------------------------------
    def figures(self, item_id: int) -> Figures:
        """What a node reports (PLAN: the whole plan's figures)."""
        if not self.line_count or (item_id != PLAN and not self.contains(item_id)):
            return Figures()  # (a plan without lines has no sums)
        expense, income = self.expense[item_id], self.income[item_id]
        count = self.line_count[item_id]
        if self.status[item_id] == DONE:
            return Figures(expense, expense, income, income, count)
        return Figures(
            expense, self.expense_done[item_id], income, self.income_done[item_id], count
        )

    def totals(self, item_id: int) -> Totals:
        return self.figures(item_id).totals()

    def lines_below(self, item_id: int) -> int:
        """How many lines count for an item through its children (its own left out)."""
        if not self.line_count or not self.contains(item_id):
            return 0
        own = self.own_line_count[item_id] if self.calc[item_id] else 0
        return self.line_count[item_id] - own

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
        counted, nothing = self.line_count, Totals()  # empty while the plan has no line at all
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
    def _spread(self, node: int, part: Figures, sign: int) -> None:
        """Add a change of raw figures at `node` (the done parts as they reach it), and pass
        it on up."""
        d_expense, d_income, d_count = sign * part.expense, sign * part.income, sign * part.lines
        if not (d_expense or d_income or d_count):
            return  # (and a plan without lines has no sums to add to)
        d_expense_done, d_income_done = sign * part.expense_done, sign * part.income_done
        expense, expense_done = self.expense, self.expense_done
        income, income_done, count = self.income, self.income_done, self.line_count
        for above, all_done in self._path_up(node):
            expense[above] += d_expense
            expense_done[above] += d_expense if all_done else d_expense_done
            income[above] += d_income
            income_done[above] += d_income if all_done else d_income_done
            count[above] += d_count

    def _own_part(self, item_id: int) -> Figures:
        if not self.calc[item_id] or not self.line_count:
            return Figures()
        own = self.own_expense[item_id], self.own_income[item_id], self.own_line_count[item_id]
        return Figures(own[0], 0, own[1], 0, own[2])

    def _set_own(self, item_id: int, expense: int, income: int, count: int) -> None:
        self.own_expense[item_id] = expense
        self.own_income[item_id] = income
        self.own_line_count[item_id] = count

    def set_calc(self, item_id: int, on: bool) -> None:
        """Calculation switched on or off for an item: its own lines count or stop."""
        if not self.contains(item_id) or bool(self.calc[item_id]) == on:
            return
        self._spread(item_id, self._own_part(item_id), -1)
        self.calc[item_id] = on
        self._spread(item_id, self._own_part(item_id), +1)

    def set_lines(self, item_id: int, lines: Iterable[CostLine]) -> None:
        """An item's lines changed (added, edited, removed): its own sums are these."""
        expense, income, count = line_sums(lines)
        self._grow(item_id)
        if count:
            self._need_sums()
        elif not self.line_count:
            return  # no line anywhere, as before
        if not self.contains(item_id):
            self._set_own(item_id, expense, income, count)
            return
        self._spread(item_id, self._own_part(item_id), -1)
        self._set_own(item_id, expense, income, count)
        self._spread(item_id, self._own_part(item_id), +1)

    def add_subtree(self, nodes: Sequence[Node], lines: Iterable[CostLine]) -> None:
        """A subtree came in (new, or back from a permanent delete), its root first and
        every parent before its children."""
        ids = self._take_in(nodes)
        for item_id, _parent, _status, calc_on in nodes:
            self.calc[item_id] = calc_on
        lines = list(lines)
        if lines:
            self._need_sums()
        if not self.line_count:
            return  # no line anywhere: nothing adds up
        for item_id in ids:  # figures from before a permanent delete start again at nothing
            self._set_own(item_id, 0, 0, 0)
            self.expense[item_id] = self.expense_done[item_id] = 0
            self.income[item_id] = self.income_done[item_id] = self.line_count[item_id] = 0
        for line in lines:
            if line.kind is LineKind.EXPENSE:
                self.own_expense[line.item_id] += line.units
            else:
                self.own_income[line.item_id] += line.units
            self.own_line_count[line.item_id] += 1
        self._hand_up(ids)
