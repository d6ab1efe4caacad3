"""The calculation's use cases: the plan's currency, switching calculation on and off,
adding, editing, removing and reordering cost lines, and reading totals and breakdowns.

Changes go through PlanService.apply's sibling `apply` here (the same changes, the same
store), so each is one transaction returning its exact inverse for undo.
"""

from __future__ import annotations

from decimal import Decimal

from planner.domain import changes as ch
from planner.domain.cost_rollup import CostRollup
from planner.domain.costs import (
    Breakdown,
    CostLine,
    LineKind,
    Totals,
)
from planner.domain.errors import InvalidInput, Refused
from planner.domain.money import clean_currency, default_currency, is_currency
from planner.domain.ordering import anchor_at
from planner.i18n import _
from planner.services.cost_changes import apply_line_change
from planner.services.ports import Store, Unit

CURRENCY_KEY = "currency"


def plan_currency(unit: Unit) -> str:
    """The plan's currency, or the locale's when it has none, or one that is not a code
    (a plan is data from outside: `planner check` names it)."""
    code = unit.setting(CURRENCY_KEY)
    return code if is_currency(code) else default_currency()


class CostService:
    """Calculation on one open plan (the same store as its PlanService)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- currency ----------------------------------------------------------------------
    def currency(self) -> str:
        """The plan's currency (ISO 4217); a plan that has none uses the locale's."""
        with self.store.read() as unit:
            return plan_currency(unit)

    def set_currency(self, code: str) -> str:
        """Set the plan's currency; returns the one it replaces."""
        code = clean_currency(code)
        with self.store.write() as unit:
            old = plan_currency(unit)
            unit.set_setting(CURRENCY_KEY, code)
            return old

    # -- reads -------------------------------------------------------------------------
    def lines(self, item_id: int) -> list[CostLine]:
        with self.store.read() as unit:
            unit.require(item_id)
            return unit.lines([item_id])

    def line(self, line_id: int) -> CostLine:
        with self.store.read() as unit:
            return unit.require_line(line_id)

    def has_lines(self) -> bool:
        """Whether any item of the plan holds a cost line."""
        with self.store.read() as unit:
            return next(unit.line_amounts(), None) is not None

    def totals(self, item_id: int) -> Totals:
        """One item's totals, computed afresh from the plan file."""
        with self.store.read() as unit:
            return _subtree_rollup(unit, item_id).totals(item_id)

    def breakdown(self, item_id: int) -> Breakdown:
        """Where an item's total comes from: own lines, then each child's part (sibling
        order, every status: a deleted child's part is nothing), computed afresh."""
        with self.store.read() as unit:
            rollup = _subtree_rollup(unit, item_id)
            children = [c.id for c in unit.children(item_id)]
            return rollup.breakdown(item_id, unit.lines([item_id]), children)

    def explain(
        self, item_id: int, rollup: CostRollup, titles: int = 50
    ) -> tuple[Breakdown, dict[int, str]]:
        """The breakdown from totals kept in memory (quick on any plan), with the titles of
        the first `titles` children that add something."""
        with self.store.read() as unit:
            unit.require(item_id)
            own_lines = unit.lines([item_id])
            # No line below: no child adds anything, and none is read (it may have 10,000).
            children = unit.child_ids(item_id) if rollup.lines_below(item_id) else []
            breakdown = rollup.breakdown(item_id, own_lines, children)
            adding = [c for c, part in breakdown.children if part.lines][:titles]
            return breakdown, {i: r.title for i, r in unit.get_many(adding).items()}

    def rollup(self) -> CostRollup:
        """Totals of the whole plan in memory, to be kept up to date by the caller (the
        window builds it with the progress: TreeQueries.rollups)."""
        with self.store.read() as unit:
            return CostRollup.build(unit.tree_structure(), unit.line_amounts())

    def follow(self, rollup: CostRollup, outcome: ch.Outcome) -> None:
        """Bring `rollup` up to date after a change (any change of the plan, or its undo)
        was applied: reads only the items the outcome names, and their lines. Several
        changes in one step are followed one by one."""
        for part in outcome.parts:
            self.follow(rollup, part)
        if outcome.parts:
            return
        inverse = outcome.inverse
        with self.store.read() as unit:
            if isinstance(inverse, ch.Insert):  # items were purged
                for item_id in outcome.ids:
                    rollup.remove(item_id)
            elif isinstance(inverse, ch.Purge):  # items came in: new, imported, put back
                for item_id in outcome.ids:
                    records = unit.subtree(item_id)
                    nodes = [(r.id, r.parent_id, r.status, r.calc_on) for r in records]
                    rollup.add_subtree(nodes, unit.lines(r.id for r in records))
            elif isinstance(inverse, ch.Place | ch.SetStatus | ch.Recur):
                for record in unit.get_many(outcome.ids).values():
                    rollup.place(record.id, record.parent_id, record.status)
            elif isinstance(inverse, ch.LineChange):  # a calculation change
                for record in unit.get_many(outcome.ids).values():
                    rollup.set_lines(record.id, unit.lines([record.id]))
                    rollup.set_calc(record.id, record.calc_on)

    # -- changes -----------------------------------------------------------------------
    def set_calc(self, item_id: int, on: bool) -> ch.Outcome:
        return self.apply(ch.SetCalc(item_id, on))

    def add_line(
        self,
        item_id: int,
        description: str,
        quantity: Decimal,
        unit_price: Decimal,
        *,
        unit: str = "",
        kind: LineKind = LineKind.EXPENSE,
        index: int | None = None,
    ) -> ch.Outcome:
        """A new line at `index` among the item's lines (None: last). Calculation must be
        on. The new line's id is `outcome.lines[0]`."""
        with self.store.write() as unit_of_work:
            record = unit_of_work.require(item_id)
            if not record.is_group and not record.calc_on:
                raise Refused(
                    _(
                        "Calculation is off for '{title}'; switch it on first "
                        "(planner cost on {id})."
                    ).format(title=record.title, id=item_id)
                )
            order = [x.id for x in unit_of_work.lines([item_id])]
            after = anchor_at(order, index)
            line = CostLine(0, item_id, 0, description, quantity, unit, unit_price, kind)
            return apply_line_change(unit_of_work, ch.AddLine(line, after))

    def edit_line(self, line_id: int, **fields: object) -> ch.Outcome:
        """Change description, quantity, unit, unit_price and/or kind of a line."""
        if not fields:
            raise InvalidInput(_("Nothing to change."))
        return self.apply(ch.EditLine(line_id, fields))

    def remove_line(self, line_id: int) -> ch.Outcome:
        return self.apply(ch.RemoveLine(line_id))

    def move_line(self, line_id: int, index: int) -> ch.Outcome:
        """Put a line at `index` among its item's lines (0: first)."""
        with self.store.write() as unit:
            line = unit.require_line(line_id)
            order = [x.id for x in unit.lines([line.item_id]) if x.id != line_id]
            return apply_line_change(unit, ch.PlaceLine(line_id, anchor_at(order, index)))

    def apply(self, change: ch.LineChange) -> ch.Outcome:
        """Apply a calculation change (or its undo) in one transaction."""
        with self.store.write() as unit:
            return apply_line_change(unit, change)


def _subtree_rollup(unit: Unit, item_id: int) -> CostRollup:
    """Totals of every node of one subtree (which do not depend on anything above it)."""
    records = unit.subtree(item_id)
    if not records:
        unit.require(item_id)
    nodes = [(r.id, r.parent_id, r.status, r.calc_on) for r in records]
    return CostRollup.of_nodes(nodes, unit.lines(r.id for r in records))
