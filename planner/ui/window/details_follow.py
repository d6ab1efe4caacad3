"""The details panel, the Calculation tab and the status bar's totals following the
current item: at once, or once the user stops moving the row by keys."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from planner.domain.errors import PlannerError
from planner.domain.items import ItemRecord
from planner.ui.details.panel import DetailsPanel
from planner.ui.session import Session
from planner.ui.tree.view import PlanTreeView
from planner.ui.window.cost_actions import CostActions
from planner.ui.window.navigation import Navigator
from planner.ui.window.steps import Coalesced

# While the current row moves faster than this (a navigation key held down), the details
# panel follows once it stops: each frame of the tree is then the tree's work alone.
NAVIGATION_PAUSE_MS = 120


class DetailsFollow:
    """Handed the open plan, the tree, the panel, the selection, the cost actions and the
    status bar's totals label; `calendar_moved` and `update_actions` reach parts made
    after the steps (which need `show`)."""

    def __init__(
        self,
        session: Callable[[], Session | None],
        tree: PlanTreeView,
        details: DetailsPanel,
        selection: Navigator,
        cost_actions: CostActions,
        totals_label: QLabel,
        today: Callable[[], date],
        *,
        calendar_moved: Callable[[int | None], None],
        update_actions: Callable[[], None],
        parent: QObject,
    ) -> None:
        self.session, self.tree, self.details, self.selection = session, tree, details, selection
        self.totals_label, self.today = totals_label, today
        self.calendar_moved, self.cost_actions = calendar_moved, cost_actions
        self.update_actions = update_actions
        # The refresh every step asks for (once, when a block of work ends).
        self.show = Coalesced(self._show_now)
        self._later = QTimer(parent)
        self._later.setSingleShot(True)
        self._later.setInterval(NAVIGATION_PAUSE_MS)
        self._later.timeout.connect(lambda: self.show())
        self._last_move = 0.0

    def current_moved(self) -> None:
        """The current row moved: follow at once unless the user moves it fast by keys
        (then once it stops)."""
        now = time.monotonic()
        if not self.tree.moving_by_key:
            self.show()
            return
        moving = now - self._last_move < NAVIGATION_PAUSE_MS / 1000
        self._last_move = now
        if moving and not self.show.holding:
            self._later.start()
            return
        self._later.stop()
        self.show()

    def totals_ready(self) -> None:
        """The figures just loaded: the Calculation tab and the status bar's totals only."""
        record = self._current()
        self._show_costs(record, self._ancestors(record))

    def show_plan_totals(self) -> None:
        """The status bar's totals again (in another language)."""
        record = self._current()
        self._show_plan_totals(record, self._ancestors(record))

    def _current(self) -> ItemRecord | None:
        """The current row's item as the plan holds it now (None: none, or gone)."""
        session, item_id = self.session(), self.selection.current_item_id()
        if session is None or item_id is None:
            return None
        try:
            return session.service.get(item_id)
        except PlannerError:  # gone meanwhile (or the plan cannot be read)
            return None

    def _show_now(self) -> None:
        """The details panel, the Calculation tab and the totals, for the current item."""
        session = self.session()
        if session is None:
            self.details.show_record(None)
            return
        record = self._current()
        ancestors = self._ancestors(record)
        path = " › ".join(p.title for p in ancestors)
        self.details.show_record(record, path, self.today())
        self.calendar_moved(None if record is None else record.id)
        self._show_costs(record, ancestors)
        self.update_actions()

    def _ancestors(self, record: ItemRecord | None) -> list[ItemRecord]:
        """The items above a goal or task, its group first (none above a group)."""
        session = self.session()
        if record is None or record.is_group or session is None:
            return []
        return session.service.path(record.id)

    def _show_costs(self, record: ItemRecord | None, ancestors: list[ItemRecord]) -> None:
        """The Calculation tab, and the plan's and the record's group's totals."""
        self.cost_actions.show(record)
        self._show_plan_totals(record, ancestors)

    def _show_plan_totals(self, record: ItemRecord | None, ancestors: list[ItemRecord]) -> None:
        """The status bar's totals: the plan's, and those of the record's group."""
        group = ancestors[0] if ancestors else record if record and record.is_group else None
        self.totals_label.setText(self.cost_actions.status_text(group))
