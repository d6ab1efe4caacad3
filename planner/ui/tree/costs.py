"""The calculation's figures as the window shows them: every item's total for the tree's
Total column and the status bar, added up on a second thread right after the first paint
(0.15-0.2 s for 100,000 cost lines, while the window takes input) and then kept up to date
along one path per change (CostRollup), formatted the current language's way."""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QObject, QTimer, Signal

from planner import formats
from planner.domain import changes as ch
from planner.domain.cost_rollup import PLAN, CostRollup
from planner.domain.costs import Figures, Totals
from planner.domain.money import as_cost, format_money, from_units
from planner.domain.structure import Structure
from planner.i18n import _, ngettext
from planner.services.costs import CostService
from planner.services.ports import Store
from planner.services.queries import TreeQueries

HEADLINES_KEPT = 10_000  # amounts written and kept for the Total column (then dropped)


class TreeCosts(QObject):
    """Totals of one open plan, in memory. The tree model starts them (`load`) with the
    progress figures, from the same tree; `ask` has it do so once the window is idle. A
    change that comes while they are added up makes them start again (they would miss
    it); `loaded` takes them on this thread and calls `on_ready`."""

    _built = Signal(object, int)  # a CostRollup (or the error), the load it belongs to

    def __init__(
        self,
        store: Store,
        on_ready: Callable[[], None],
        ask: Callable[[], None],
    ) -> None:
        super().__init__()
        self.service = CostService(store)
        self._queries = TreeQueries(store)
        self.currency = self.service.currency()
        self.rollup: CostRollup | None = None
        self._on_ready = on_ready
        self._ask = ask
        self._load = 0  # the load under way (or last made); 0: none
        self._worker: threading.Thread | None = None
        self._result: CostRollup | BaseException | None = None
        self._built.connect(self._take)
        self._headlines: dict[int, str] = {}  # the Total column's texts, by net in units

    @property
    def loading(self) -> bool:
        return self._worker is not None

    def load(self, structure: Structure) -> None:
        """Add up the totals of the plan whose tree is `structure`, on a second thread."""
        self._load += 1
        load, self.rollup = self._load, None

        def work() -> None:
            result: CostRollup | BaseException
            try:
                result = self._queries.totals_elsewhere(structure)
            except BaseException as e:  # handed to this thread, which raises it
                result = e
            self._result = result
            self._built.emit(result, load)

        self._worker = threading.Thread(target=work, name="planner-totals", daemon=True)
        # Started once the window has painted what it was asked to (posted events go before
        # timers): the thread's Python would slow that paint, taking the GIL by turns.
        QTimer.singleShot(0, self, self._start)

    def _start(self) -> None:
        worker = self._worker
        if worker is not None and worker.ident is None:
            worker.start()

    def _take(self, result: CostRollup | BaseException, load: int) -> None:
        if load != self._load or self._worker is None:
            return  # a later load replaced it, or `wait` took it
        self._worker = None
        if isinstance(result, BaseException):  # read again here: its error is shown so
            structure = self._queries.structure()
            result = CostRollup.build(structure, self._queries.line_amounts())
        self.loaded(result)

    def wait(self) -> None:
        """The load under way, finished and taken now."""
        worker = self._worker
        if worker is not None:
            self._start()
            worker.join()
            self._take(self._result, self._load)  # type: ignore[arg-type]

    def stop(self) -> None:
        """What a load under way brings is not wanted (the plan reloads)."""
        self._load += 1
        self._worker = None
        self.rollup = None

    def close(self) -> None:
        """The plan closes: a load under way ends before it does (its connection with it)."""
        worker = self._worker
        self.stop()
        if worker is not None and worker.ident is not None:
            worker.join()

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
            if not self.loading:
                self._ask()
            return None
        return self.rollup.totals(PLAN if item_id is None else item_id)

    def _figures(self, item_id: int) -> Figures | None:
        """An item's sums in units, as totals() but without making its Decimals: the tree
        asks for each Total cell it paints, twice (its text and its colour)."""
        if self.rollup is None:
            self.totals(item_id)  # starts the figures loading
            return None
        return self.rollup.figures(item_id)

    def headline(self, item_id: int | None) -> str | None:
        """The Total column's text: the cost, expenses minus incomes ("€1,218.55"; a net
        gain "+€709.00"); None when nothing below the item counts. Each amount is written
        once (Babel takes about 50 µs), then taken from `_headlines`."""
        figures = self._figures(PLAN if item_id is None else item_id)
        if figures is None or not figures.lines:
            return None
        net = figures.expense - figures.income
        text = self._headlines.get(net)
        if text is None:
            if len(self._headlines) >= HEADLINES_KEPT:
                self._headlines.clear()
            text = self._headlines[net] = self.cost(from_units(net))
        return text

    def forget_texts(self) -> None:
        """The language or the currency changed: amounts are written anew."""
        self._headlines.clear()

    def gains(self, item_id: int) -> bool:
        """Whether the item brings in more than it spends (its total is drawn green)."""
        figures = self._figures(item_id)
        return figures is not None and bool(figures.lines) and figures.income > figures.expense

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
        """Bring the figures up to date after a change was applied (or undone); one that
        comes while they are added up has them start again."""
        if self.rollup is not None:
            self.service.follow(self.rollup, outcome)
        elif self.loading:
            self.stop()
            self._ask()

    def reload_currency(self) -> None:
        self.currency = self.service.currency()
        self.forget_texts()
