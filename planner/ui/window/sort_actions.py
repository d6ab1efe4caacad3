"""View › Sort By: the tree sorted by a column from the menu, as a click on its heading
sorts it (the heading's arrow agrees), the entry in effect checked; and each plan's sort
remembered between runs (in the window's settings, never in the plan)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup

from planner.i18n import _
from planner.ui.session import OpenSession
from planner.ui.tree.nodes import Column
from planner.ui.tree.sorting import SortSpec
from planner.ui.tree.view import PlanTreeView
from planner.ui.window.memory import WindowMemory

# The menu's entries (menus.py) and the columns they sort by (None: the user's own order).
SORT_BY: dict[str, int | None] = {
    "sort_own": None,
    "sort_title": Column.TITLE,
    "sort_due": Column.DUE,
    "sort_priority": Column.PRIORITY,
    "sort_total": Column.TOTAL,
    "sort_progress": Column.PROGRESS,
    "sort_assignee": Column.ASSIGNEE,
}
DESCENDING = "sort_descending"


class SortActions(QObject):
    """Handed the tree, the window's memory and the plan open now."""

    def __init__(self, tree: PlanTreeView, memory: WindowMemory, session: OpenSession) -> None:
        super().__init__(tree)
        self.tree, self.memory, self.session = tree, memory, session
        self.actions: dict[str, QAction] = {}

    def slots(self) -> dict[str, Callable[[], object]]:
        """What each entry of View › Sort By does."""
        chosen: dict[str, Callable[[], object]] = {
            name: partial(self.choose, column) for name, column in SORT_BY.items()
        }
        return chosen | {DESCENDING: self.reverse}

    def take_actions(self, actions: Mapping[str, QAction]) -> None:
        """The menu's entries, once made: the columns one choice, Descending a switch."""
        group = QActionGroup(self)
        for name in (*SORT_BY, DESCENDING):
            action = actions[name]
            action.setCheckable(True)
            self.actions[name] = action
            if name != DESCENDING:
                group.addAction(action)
        self.show_sort()

    def bind(self) -> None:
        """A plan was opened: the sort it was left in (none: its own order)."""
        session = self.session()
        if session is None:
            return
        session.model.sortChanged.connect(self._sort_changed)
        remembered = self.memory.remembered_sort(session)
        if remembered is not None:
            self.tree.sort_by(remembered)
        self.show_sort()

    # -- the user's choice ---------------------------------------------------------------
    def choose(self, column: int | None) -> None:
        """Sort by a column (None: the user's own order), in the direction checked."""
        descending = self.actions[DESCENDING].isChecked() if self.actions else False
        self.tree.sort_by(None if column is None else SortSpec(column, descending))

    def reverse(self) -> None:
        """The column sorted by, the other way round."""
        spec = self._sorting()
        if spec is not None:
            self.tree.sort_by(SortSpec(spec.column, not spec.descending))

    def _sorting(self) -> SortSpec | None:
        session = self.session()
        return None if session is None else session.model.sorting

    def _sort_changed(self) -> None:
        """Sorted anew (here or by a heading): the menu says so, the plan's memory too."""
        self.show_sort()
        self.memory.save_sort(self.session(), self._sorting())

    def show_sort(self) -> None:
        """The entry in effect checked, and disabled (choosing it again would change
        nothing); Descending only while sorted by a column."""
        if not self.actions:
            return
        spec = self._sorting()
        now = None if spec is None else spec.column
        for name, column in SORT_BY.items():
            action = self.actions[name]
            action.setChecked(column == now)
            action.setEnabled(column != now)
            action.setStatusTip(self._why_not(column) if column == now else "")
        descending = self.actions[DESCENDING]
        descending.setChecked(spec is not None and spec.descending)
        descending.setEnabled(spec is not None)
        descending.setStatusTip("" if spec is not None else _("Choose a column to sort by first."))

    @staticmethod
    def _why_not(column: int | None) -> str:
        if column is None:
            return _("The tree is in your own order already.")
        return _("The tree is sorted by this column already.")
