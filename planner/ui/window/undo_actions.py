"""Edit › Undo and Redo: the open plan's undo stack run as the window's own steps (what is
typed in the details sent first, other programs' changes picked up first, what the step
touched selected after it), and the two commands saying what they would undo or redo."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import shiboken6
from PySide6.QtGui import QAction, QUndoCommand

from planner.i18n import _
from planner.ui.controller import ChangeCommand
from planner.ui.session import OpenSession
from planner.ui.window.navigation import Navigator
from planner.ui.window.steps import Coalesced


class UndoActions:
    """Handed the open plan, the details panel's flush, how to pick up other programs'
    changes, the details' refresh and the selection; Edit › Undo and Redo once the menus
    are made (`bind_menus`)."""

    def __init__(
        self,
        session: OpenSession,
        flush: Callable[[], object],
        look_outside: Callable[[], object],
        show_details: Coalesced,
        selection: Navigator,
    ) -> None:
        self.session, self.flush, self.look_outside = session, flush, look_outside
        self.show_details, self.selection = show_details, selection
        self.touched: list[int] | None = None  # ids changed by an undo or redo under way
        self.actions: Mapping[str, QAction] = {}

    def bind_menus(self, actions: Mapping[str, QAction]) -> None:
        self.actions = actions
        self.show_names()

    def show_names(self, *_args: object) -> None:
        """Edit › Undo/Redo say what they would do: "Undo Move 'Book flights'"."""
        if not self.actions:
            return
        undo, redo = self.actions["undo"], self.actions["redo"]
        session = self.session()
        stack = session.controller.stack if session is not None else None
        if stack is not None and not shiboken6.isValid(stack):
            return  # the stack is going away with its plan (at exit)
        undone, redone = (stack.undoText(), stack.redoText()) if stack else ("", "")
        # TRANSLATORS: Edit › Undo, with the step it would undo: "Undo Move 'Book flights'".
        undo.setText(_("&Undo {step}").format(step=undone) if undone else _("&Undo"))
        # TRANSLATORS: Edit › Redo, with the step it would redo: "Redo Move 'Book flights'".
        redo.setText(_("&Redo {step}").format(step=redone) if redone else _("&Redo"))
        undo.setEnabled(stack is not None and stack.canUndo())
        redo.setEnabled(stack is not None and stack.canRedo())
        undo.setStatusTip("" if undo.isEnabled() else _("Nothing to undo."))
        redo.setStatusTip("" if redo.isEnabled() else _("Nothing to redo."))

    def undo(self) -> None:
        session = self.session()
        if session is not None:
            self.flush()
            self.look_outside()
            stack = session.controller.stack
            self._step(stack.undo, stack.command(stack.index() - 1))

    def redo(self) -> None:
        session = self.session()
        if session is not None:
            self.flush()
            self.look_outside()
            stack = session.controller.stack
            self._step(stack.redo, stack.command(stack.index()))

    def changed(self, item_ids: list[int]) -> None:
        """The plan changed: during an undo or redo, its items are the ones it touched."""
        if self.touched is not None:
            self.touched.extend(item_ids)

    def _step(self, step: Callable[[], None], command: QUndoCommand | None) -> None:
        """Undo or redo `command`, then select what the action itself selected: what it
        touched, or the items it acted on (done on a repeating goal: the goal, not the
        subtree it brought back)."""
        selects = command.selects if isinstance(command, ChangeCommand) else None
        self.touched = []
        with self.show_details.held():
            try:
                step()
                touched = self.touched
            finally:
                self.touched = None
            if touched:
                # Items purged for good are skipped.
                self.selection.reveal(list(dict.fromkeys(selects or touched)))
