"""Changes other programs (the command line, a sync) make to the open plan, shown when the
window comes to the front, before an undo or redo, and every few seconds while it is in
front: the plan as it is now, with the same rows open and the same items selected; never
over a title being typed or a row being dragged."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow

from planner.i18n import _
from planner.ui.details.panel import DetailsPanel
from planner.ui.session import OpenSession
from planner.ui.tree.view import PlanTreeView
from planner.ui.views.part import Views
from planner.ui.window.navigation import Navigator
from planner.ui.window.steps import Coalesced

OUTSIDE_CHANGES_MS = 3000  # how often a window in front looks for other programs' changes
MESSAGE_MS = 8000


class OutsideChanges(QObject):
    """Handed the window, its open plan, the tree, the views, the details panel, the
    selection, the details' refresh, what the window does after every change, and what
    the reminders do after another program's."""

    def __init__(
        self,
        window: QMainWindow,
        session: OpenSession,
        *,
        tree: PlanTreeView,
        views: Views,
        details: DetailsPanel,
        selection: Navigator,
        show_details: Coalesced,
        after_change: Callable[[list[int]], object],
        reminders_follow: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self.window, self.session, self.tree, self.views = window, session, tree, views
        self.details, self.selection, self.show_details = details, selection, show_details
        self.after_change, self.reminders_follow = after_change, reminders_follow
        self.timer = QTimer(self)
        self.timer.setInterval(OUTSIDE_CHANGES_MS)
        self.timer.timeout.connect(lambda: self.pick_up(typing_ok=False))

    def window_activated(self, active: bool) -> None:
        """Looked for at once when the window comes to the front, then every few seconds
        while it stays there."""
        if active:
            self.pick_up()
            self.timer.start()
        else:
            self.timer.stop()

    def pick_up(self, typing_ok: bool = True) -> bool:
        """Another program changed the plan: show it as it is now, with the same rows open
        and the same items selected (the undo history stays; a step that would undo
        something made elsewhere is refused when it is tried). Never while a title is being
        typed in the tree or a row dragged; `typing_ok` False: nor while a field of the
        details has the focus (what is typed there is sent first otherwise)."""
        session = self.session()
        if session is None or self.tree.state() != QAbstractItemView.State.NoState:
            return False
        if self.views.rows_busy():
            return False  # a title being typed in a view's row
        focus = QApplication.focusWidget()
        if focus is not None and self.details.isAncestorOf(focus):
            if not typing_ok:
                return False
            self.details.flush()
        if not session.service.store.changed_elsewhere():
            return False
        selected = self.selection.selected_ids()
        keys = set(self.tree.open_rows.keys)
        with self.show_details.held():
            session.model.reload()
            self.tree.open_rows.reopen(keys)
            self.selection.reveal(selected)
            self.after_change([])
        self.reminders_follow()
        self.window.statusBar().showMessage(
            _("The plan was changed by another program; it is shown as it is now."), MESSAGE_MS
        )
        return True
