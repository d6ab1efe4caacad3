"""The calculation's figures as the window shows them: every item's total for the tree's
Total column and the status bar, built once right after the first paint and then kept up
to date along one path per change (CostRollup), formatted the current language's way."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from planner import formats
from planner.domain import changes as ch
from planner.domain.cost_rollup import PLAN, CostRollup
from planner.domain.costs import Totals
from planner.domain.money import as_cost, format_money
from planner.i18n import _, ngettext
from planner.services.costs import CostService
from planner.services.ports import Store


class TreeCosts:
    """Totals of one open plan, in memory. The tree model reads them with the progress
    figures, in one read of the plan: `ask` has it load them once the window is idle; it
    hands them to `loaded`, which calls `on_ready`."""

    def __init__(
        self,
        store: Store,
        on_ready: Callable[[], None],
        ask: Callable[[], None],
    ) -> None:
        self.service = CostService(store)
        self.currency = self.service.currency()
        self.rollup: CostRollup | None = None
        self._on_ready = on_ready
        self._ask = ask

    @property
    def locale(self) -> str:
        """Numbers and amounts are shown (and typed) the current language's way."""
        return formats.formatting_locale()

    def loaded(self, rollup: CostRollup) -> None:
        self.rollup = rollup
        self._on_ready()

    def totals(self, item_id: int | None) -> Totals | None:
        """An item's totals (None: the plan's); None while the figures are still loading,
        which starts them loading once the window is idle."""
        if self.rollup is None:
            self._ask()
            return None
        return self.rollup.totals(PLAN if item_id is None else item_id)

    def headline(self, item_id: int | None) -> str | None:
        """The Total column's text: the cost, expenses minus incomes ("€1,218.55"; a net
        gain "+€709.00"); None when nothing below the item counts."""
        totals = self.totals(item_id)
        if totals is None or not totals.lines:
            return None
        return self.cost(totals.cost)

    def gains(self, item_id: int) -> bool:
        """Whether the item brings in more than it spends (its total is drawn green)."""
        totals = self.totals(item_id)
        return totals is not None and bool(totals.lines) and totals.cost < 0

    def summary(self, item_id: int | None) -> str | None:
        """A tooltip: expenses, income and net, each with what is done."""
        totals = self.totals(item_id)
        if totals is None or not totals.lines:
            return None
        money = self.money
        lines = [
            _("Expenses {amount} ({done} done)").format(
                amount=money(totals.expense), done=money(totals.expense_done)
            )
        ]
        if totals.income:
            lines.append(
                _("Income {amount} ({done} done)").format(
                    amount=self.cost(-totals.income), done=self.cost(-totals.income_done)
                )
            )
            lines.append(_("Net {amount}").format(amount=self.cost(totals.cost)))
        count = totals.lines
        lines.append(
            ngettext("{n} cost line", "{n} cost lines", count).format(n=formats.number(count))
        )
        return "\n".join(lines)

    def money(self, value: Decimal) -> str:
        return format_money(value, self.currency, self.locale)

    def cost(self, value: Decimal) -> str:
        """A cost as Planner shows money: plain out, "+" in (money.format_cost)."""
        return as_cost(value, self.money)

    def follow(self, outcome: ch.Outcome) -> None:
        """Bring the figures up to date after a change was applied (or undone)."""
        if self.rollup is not None:
            self.service.follow(self.rollup, outcome)

    def reload_currency(self) -> None:
        self.currency = self.service.currency()
