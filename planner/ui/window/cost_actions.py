"""The window's calculation: fills the details panel's Calculation section and the status
bar's totals, and turns every edit of a line, the switch or the plan's currency into an
undoable step."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import QInputDialog, QWidget

from planner.domain import changes as ch
from planner.domain.errors import PlannerError
from planner.domain.items import ItemRecord, quoted
from planner.i18n import N_, _
from planner.services.costs import CostService
from planner.ui.controller import PlanController, SettingStep, StepName
from planner.ui.details.costs import BREAKDOWN_ROWS, CostSection
from planner.ui.tree.costs import TreeCosts

COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN")


class CostActions:
    """Calculation edits of one window; `bind` it to each plan the window opens."""

    def __init__(self, section: CostSection, parent: QWidget) -> None:
        self.section = section
        self.parent = parent
        self.controller: PlanController | None = None
        self.costs: TreeCosts | None = None
        self.current: ItemRecord | None = None
        section.calcToggled.connect(self._toggle)
        section.lineAdded.connect(self._add)
        section.lineEdited.connect(self._edit)
        section.lineRemoved.connect(self._remove)
        section.lineMoved.connect(self._move)

    def bind(self, controller: PlanController | None) -> None:
        self.controller = controller
        self.costs = controller.model.costs if controller is not None else None
        self.current = None

    # -- showing -------------------------------------------------------------------------
    def show(self, record: ItemRecord | None) -> None:
        """Fill the section for the item the details panel shows."""
        self.current = record
        costs = self.costs
        if record is None or costs is None:
            return
        try:
            if costs.rollup is not None:  # the breakdown holds the item's own lines
                breakdown, titles = costs.service.explain(record.id, costs.rollup, BREAKDOWN_ROWS)
                lines = list(breakdown.own_lines)
            else:  # totals still loading
                breakdown, titles = None, {}
                lines = costs.service.lines(record.id)
        except PlannerError:
            return  # the item went away under the panel; the next change shows the right one
        self.section.show_item(record, lines, breakdown, titles, costs.money, costs.locale)

    def status_text(self, group: ItemRecord | None) -> str:
        """ "Plan total $1,237.50 · 'Home' $310.00" for the status bar ('' without lines)."""
        costs = self.costs
        if costs is None:
            return ""
        plan = costs.headline(None)
        if plan is None:
            return ""
        if group is None:
            return _("Plan total {amount}").format(amount=plan)
        total = costs.headline(group.id) or costs.cost(Decimal(0))
        # TRANSLATORS: the status bar's totals: the plan's, and the current group's.
        return _("Plan total {amount} · {group} {group_amount}").format(
            amount=plan, group=quoted(group.title, 24), group_amount=total
        )

    # -- edits ---------------------------------------------------------------------------
    def _run(self, name: StepName, action: Callable[[CostService], ch.Outcome]) -> list[ch.Outcome]:
        """One undoable step. Refused, it changes nothing: the section shows the plan's
        values again instead of what was typed."""
        if self.controller is None or self.costs is None:
            return []
        service = self.costs.service
        outcomes = self.controller.run(name, lambda: action(service))
        if outcomes is None:
            self.show(self.current)
        return outcomes or []

    def _title(self) -> str:
        return quoted(self.current.title) if self.current is not None else ""

    def _line_title(self, line_id: int) -> str:
        line = next((x for x in self.section.lines if x.id == line_id), None)
        return quoted(line.description) if line is not None else ""

    def _toggle(self, item_id: int, on: bool) -> None:
        title = self._title()
        step = (
            N_("Switch on calculation for {title}")
            if on
            else N_("Switch off calculation for {title}")
        )
        self._run(lambda: _(step).format(title=title), lambda s: s.set_calc(item_id, on))

    def _add(self, item_id: int) -> None:
        title = self._title()
        outcomes = self._run(
            lambda: _("Add cost line to {title}").format(title=title),
            # TRANSLATORS: the description of a cost line just added, to be typed over.
            lambda s: s.add_line(item_id, _("New line"), Decimal(1), Decimal(0)),
        )
        if outcomes:
            self.section.edit_line(outcomes[0].lines[0])

    def _edit(self, line_id: int, fields: dict[str, object]) -> None:
        line = self._line_title(line_id)
        self._run(
            lambda: _("Edit cost line {line}").format(line=line),
            lambda s: s.edit_line(line_id, **fields),
        )

    def _remove(self, line_id: int) -> None:
        line = self._line_title(line_id)
        self._run(
            lambda: _("Remove cost line {line}").format(line=line),
            lambda s: s.remove_line(line_id),
        )

    def _move(self, line_id: int, index: int) -> None:
        line = self._line_title(line_id)
        self._run(
            lambda: _("Move cost line {line}").format(line=line),
            lambda s: s.move_line(line_id, index),
        )

    # -- the plan's currency -------------------------------------------------------------
    def choose_currency(self) -> None:
        if self.controller is None or self.costs is None:
            return
        current = self.costs.currency
        choices = [current, *(c for c in COMMON_CURRENCIES if c != current)]
        code, ok = QInputDialog.getItem(
            self.parent,
            _("Plan currency"),
            _("Currency of this plan's amounts (an ISO code such as EUR or USD):"),
            choices,
            0,
            True,
        )
        if not ok or code.strip().upper() == current:
            return
        try:
            command = CurrencyCommand(self.costs, self.controller, code)
        except (PlannerError, OSError) as e:
            self.controller.failed.emit(str(e))
            return
        self.controller.stack.push(command)


class CurrencyCommand(SettingStep[str]):
    """Change the plan's currency (one setting: the amounts stay as they are)."""

    def __init__(self, costs: TreeCosts, controller: PlanController, code: str) -> None:
        self._costs = costs
        old = costs.currency
        costs.service.set_currency(code)
        costs.reload_currency()
        new = costs.currency
        super().__init__(
            controller, lambda: _("Change currency to {code}").format(code=new), old, new
        )

    def apply(self, value: str) -> None:
        self._costs.service.set_currency(value)
        self._costs.reload_currency()

    def shown(self) -> None:
        self._controller.model.repaint_totals()
        self._controller.changed.emit([])
