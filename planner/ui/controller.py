"""Every change the window makes goes through here: the service applies it, the model
follows, and an undo command records it on the plan's one QUndoStack."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.domain import changes as ch
from planner.domain import metrics as mt
from planner.domain import people as pp
from planner.domain.errors import PlannerError, Refused
from planner.i18n import _
from planner.services.plan import PlanService
from planner.ui.tree.model import PlanTreeModel

Action = Callable[[], ch.Outcome | Sequence[ch.Outcome]]
# A step's name ("Move 'Book flights'"), or how to say it in the current language: the
# Edit menu names the steps of the history in the language of the moment.
StepName = str | Callable[[], str]
T = TypeVar("T")  # a setting's value


def say(name: StepName) -> str:
    return name if isinstance(name, str) else name()


class NamedStep(QUndoCommand):
    """An undoable step whose name follows a language switch (`retranslate`)."""

    def __init__(self, name: StepName) -> None:
        super().__init__(say(name))
        self._name = name

    def retranslate(self) -> None:
        self.setText(say(self._name))


class SettingStep(NamedStep, Generic[T]):
    """A plan setting changed (before the step is pushed): undo puts the old value back,
    redo the new one; one that cannot be set loses the history, with its reason. Each
    kind says how a value is set (`apply`) and what follows it on screen (`shown`)."""

    def __init__(self, controller: PlanController, name: StepName, old: T, new: T) -> None:
        super().__init__(name)
        self._controller = controller
        self._old, self._new = old, new
        self.changed = new != old
        self._fresh = True
        self.shown()

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self._set(self._new)

    def undo(self) -> None:
        self._set(self._old)

    def _set(self, value: T) -> None:
        try:
            self.apply(value)
        except (PlannerError, OSError) as e:
            self._controller.history_lost(e)
            return
        self.shown()

    def apply(self, value: T) -> None:
        raise NotImplementedError

    def shown(self) -> None:
        raise NotImplementedError


class ChangeCommand(NamedStep):
    """One user action, made of one or more applied changes. It is pushed after the action
    succeeded, so its first redo() does nothing; later ones re-apply the changes."""

    def __init__(
        self,
        controller: PlanController,
        name: StepName,
        outcomes: Sequence[ch.Outcome],
        selects: Sequence[int] | None = None,
    ) -> None:
        super().__init__(name)
        self._controller = controller
        # What the step selected, when not all it touched: undo and redo select it too.
        self.selects = None if selects is None else list(selects)
        self._undo = [o.inverse for o in outcomes]
        self._redo: list[ch.Change] = []
        self._fresh = True

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        outcomes = self._controller.apply_all(self._redo, reverse=False, step=self)
        if outcomes is not None:
            self._undo = [o.inverse for o in outcomes]

    def undo(self) -> None:
        outcomes = self._controller.apply_all(self._undo, reverse=True, step=self)
        if outcomes is not None:
            self._redo = [o.inverse for o in reversed(outcomes)]


class PlanController(QObject):
    """Runs user actions on one open plan and keeps model, undo stack and panels in step."""

    changed = Signal(list)  # ids touched by the last change (done, undone or redone)
    failed = Signal(str)  # a message for the user
    noted = Signal(str)  # a remark for the status bar ("Also restored ...")

    def __init__(self, service: PlanService, model: PlanTreeModel) -> None:
        super().__init__()
        self.service = service
        self.model = model
        self.stack = QUndoStack(self)

    def run(
        self, name: StepName, action: Action, selects: Sequence[int] | None = None
    ) -> list[ch.Outcome] | None:
        """Do an action now; on success it becomes one undoable step named `name` (which
        selects `selects` when undone or redone; None: what it touched)."""
        try:
            result = action()
        except PlannerError as e:
            self.failed.emit(str(e))
            return None
        except OSError as e:
            reason = e.strerror or str(e)
            self.failed.emit(_("The plan could not be saved: {reason}.").format(reason=reason))
            return None
        outcomes = [result] if isinstance(result, ch.Outcome) else list(result)
        outcomes = [o for o in outcomes if not _is_empty(o)]
        if not outcomes:
            return []
        for outcome in outcomes:
            self._follow(outcome)
            if outcome.note:
                self.noted.emit(outcome.note)
        self.stack.push(ChangeCommand(self, name, outcomes, selects))
        self.changed.emit(_shown_ids(outcomes))
        return outcomes

    def apply_all(
        self, changes: Sequence[ch.Change], reverse: bool, step: QUndoCommand | None = None
    ) -> list[ch.Outcome] | None:
        """Apply stored changes (for undo: in reverse order). A step the plan refuses
        before any of it is applied (changed elsewhere since: see services.elsewhere) is
        taken off the stack with the reason; one refused halfway, see `history_lost`."""
        order = list(reversed(changes)) if reverse else list(changes)
        outcomes = []
        try:
            for change in order:
                outcome = self.service.apply(change)
                self._follow(outcome)
                outcomes.append(outcome)
        except Refused as e:
            if outcomes or step is None:
                self.history_lost(e)
            else:
                refused = (
                    _("{step} cannot be undone: {reason}")
                    if reverse
                    else _("{step} cannot be redone: {reason}")
                )
                self.failed.emit(refused.format(step=step.text(), reason=e))
                step.setObsolete(True)  # the stack lets go of it; the steps before it stay
            return None
        except (PlannerError, OSError) as e:
            self.history_lost(e)
            return None
        self.changed.emit(_shown_ids(outcomes))
        return outcomes

    def history_lost(self, error: Exception) -> None:
        """An undo or redo failed: the window's view is reloaded from the file and the
        history dropped, so what is shown and what can be undone never disagree with what
        is saved."""
        self.failed.emit(
            _("This step could not be undone or redone: {reason}. History cleared.").format(
                reason=error
            )
        )
        self.model.reload()
        # Not now: the stack is in the middle of calling a command.
        QTimer.singleShot(0, self.stack.clear)

    def retranslate(self) -> None:
        """The names of the steps to undo and redo, in the current language."""
        for index in range(self.stack.count()):
            step = self.stack.command(index)
            if isinstance(step, NamedStep):
                step.retranslate()

    def _follow(self, outcome: ch.Outcome) -> None:
        self.model.follow_costs(outcome)  # first: the rows repainted next show new totals
        self._follow_rows(outcome)
        self.model.follow_routines(outcome)  # repeat marks, habits' shares

    def _follow_rows(self, outcome: ch.Outcome) -> None:
        inverse = outcome.inverse
        if isinstance(inverse, ch.LineChange):
            return  # no row moves: only totals change
        if isinstance(inverse, pp.AddPerson | pp.EditPerson | pp.RemovePerson):
            self.model.reload_people()
            self.model.refresh_items(outcome.ids)
        elif isinstance(inverse, pp.Assign):
            self.model.refresh_items(outcome.ids)
        elif isinstance(inverse, mt.SetMetric | mt.AddCheckIn | mt.RemoveCheckIn):
            self.model.reload_metrics(outcome.ids)
        elif isinstance(inverse, mt.AddJournal | mt.RemoveJournal):
            pass  # nothing of the journal shows in the tree
        elif isinstance(inverse, ch.Edit):
            self.model.refresh_items(outcome.ids)
        elif isinstance(inverse, ch.Insert):
            # Removed for good: the model may never have loaded them; tell it where they were.
            parents = {r.parent_id for r in inverse.records if r.id in inverse.anchors}
            self.model.sync(outcome.ids, parents)
        elif isinstance(inverse, ch.AddImage | ch.RemoveImage | ch.PlaceImage):
            self.model.refresh_images(outcome.ids)  # the item's row shows or drops its mark
        elif isinstance(inverse, ch.Place):
            # Moved: the undo data says where from, loaded or not.
            self.model.sync(outcome.ids, {p.parent_id for p in inverse.placements})
        else:
            if isinstance(inverse, ch.Purge):  # items came in: with metrics, maybe
                self.model.reload_metrics([], repaint=False)
            self.model.sync(outcome.ids)
            if isinstance(inverse, ch.Purge):  # items came in, with their images
                self.model.refresh_images(None)


def _is_empty(outcome: ch.Outcome) -> bool:
    return not outcome.ids and not outcome.people


def _shown_ids(outcomes: Sequence[ch.Outcome]) -> list[int]:
    """The items to select after a change: not those a person's removal (or its undo)
    unassigned, who may be many, all over the plan."""
    return [i for o in outcomes if not o.people for i in o.ids]
