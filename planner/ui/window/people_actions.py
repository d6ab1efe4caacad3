"""The main window's people and action-plan part: the People dialog, the "Assigned to …"
panel, and the details panel's assignee, metric and journal, all wired to the plan's one
undo stack. Mixed into MainWindow, which calls the three hooks below."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMenu

from planner.domain import changes as ch
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.ui.dialogs.people import PeopleDialog
from planner.ui.panels.assigned import AssignedPanel


class PeopleActions:
    """Needs from the window: service, clock, details, statusBar(), _run, _show_error,
    reveal, tree, today(), addDockWidget."""

    people_dialog: PeopleDialog | None
    assigned: AssignedPanel
    assigned_dock: QDockWidget

    def _setup_people(self) -> None:
        """Build the panel and wire the details panel (once, in __init__)."""
        w: Any = self
        self.people_dialog = None
        self.assigned = AssignedPanel()
        self.assigned.activated.connect(self._assigned_hit)
        self.assigned_dock = QDockWidget("Assigned to…", w)
        self.assigned_dock.setObjectName("assigned_dock")
        self.assigned_dock.setWidget(self.assigned)
        self.assigned_dock.hide()
        self.assigned_dock.visibilityChanged.connect(self._dock_shown)
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.assigned_dock)
        w.details.assignee.runRequested.connect(self._run_step)
        w.details.goal.runRequested.connect(self._run_step)
        w.details.goal.failed.connect(w._show_error)

    def _people_opened(self) -> None:
        """A plan was opened (or closed: service None)."""
        w: Any = self
        store = w.service.store if w.service is not None else None
        people = PeopleService(store) if store is not None else None
        metrics = MetricService(store, w.clock) if store is not None else None
        w.details.assignee.set_service(people)
        w.details.goal.set_service(metrics)
        self.assigned.set_service(people, w.today())
        if self.people_dialog is not None:
            self.people_dialog.close()
            self.people_dialog = None

    def _dock_shown(self, visible: bool) -> None:
        if visible:
            self._refresh_people()

    def _refresh_people(self) -> None:
        """After every change, undo and redo: the lists that show people follow."""
        w: Any = self
        if w.service is None:
            return
        if self.assigned_dock.isVisible():
            self.assigned.refresh(w.today())
        if self.people_dialog is not None and self.people_dialog.isVisible():
            self.people_dialog.refresh()

    def _run_step(self, text: str, action: Callable[[], ch.Outcome | list[ch.Outcome]]) -> None:
        w: Any = self
        w._run(text, action, select=False)

    def show_people(self) -> PeopleDialog | None:
        w: Any = self
        if w.service is None:
            return None
        if self.people_dialog is None:
            self.people_dialog = PeopleDialog(PeopleService(w.service.store), w)
            self.people_dialog.runRequested.connect(self._run_step)
            self.people_dialog.failed.connect(w._show_error)
            self.people_dialog.showItemsRequested.connect(self.show_assigned)
        self.people_dialog.refresh()
        self.people_dialog.show()
        return self.people_dialog

    def show_assigned(self, person_id: int | None = None) -> None:
        self.assigned_dock.show()
        if person_id is not None:
            self.assigned.show_person(person_id)

    def add_assign_menu(self, menu: QMenu) -> QMenu | None:
        """ "Assign To ▸ Nobody / each person" for the selected goals and tasks."""
        w: Any = self
        records = [r for r in w.selected_records() if not r.is_group]
        if w.service is None or not records:
            return None
        people = PeopleService(w.service.store)
        everyone = people.people()
        menu.addSeparator()
        sub = menu.addMenu("Assign &To")
        sub.addAction("Nobody").triggered.connect(lambda _c=False: self.assign_selected(None))
        sub.addSeparator()
        for person in everyone:
            action = sub.addAction(person.name)
            action.triggered.connect(lambda _c=False, p=person.id: self.assign_selected(p))
        if not everyone:
            sub.addAction("No people yet: Item › People…").setEnabled(False)
        return sub

    def assign_selected(self, person_id: int | None) -> None:
        """Assign the selected goals and tasks (groups are skipped) to a person, or nobody."""
        w: Any = self
        records = [r for r in w.selected_records() if not r.is_group]
        if w.service is None or not records:
            return
        people = PeopleService(w.service.store)
        ids = [r.id for r in records]
        what = f"'{records[0].title}'" if len(records) == 1 else f"{len(records)} items"
        if person_id is None:
            text = f"Unassign {what}"
        else:
            text = f"Assign {what} to {people.person(person_id).name}"
        self._run_step(text, lambda: people.assign(ids, person_id))

    def _assigned_hit(self, item_id: int) -> None:
        w: Any = self
        w.reveal([item_id])
        w.tree.setFocus()
