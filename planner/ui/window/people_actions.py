"""The window's people and action-plan part: the People dialog, the "Assigned to …"
view, assigning from the tree's menu, and the details panel's assignee, metric and
journal, each change one step of the plan's undo history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QMenu, QWidget

from planner.domain.items import ItemRecord, quoted
from planner.formats import number
from planner.i18n import _, ngettext, pgettext
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.plan import Clock, local_today
from planner.ui.controller import StepName
from planner.ui.details.panel import DetailsPanel
from planner.ui.dialogs.people import PeopleDialog
from planner.ui.session import OpenSession
from planner.ui.window.messages import Messages
from planner.ui.window.navigation import Navigator
from planner.ui.window.steps import Steps


class PeopleActions:
    """Handed the open plan, how to open one person's "Assigned to" view, the details
    panel, the selection, a way to run a step, messages, and the clock; `parent` owns the
    People dialog."""

    def __init__(
        self,
        session: OpenSession,
        *,
        open_assigned: Callable[[int], None],
        details: DetailsPanel,
        selection: Navigator,
        steps: Steps,
        messages: Messages,
        clock: Clock,
        parent: QWidget,
    ) -> None:
        self._session = session
        self._open_assigned, self._details = open_assigned, details
        self._selection, self._steps, self._messages = selection, steps, messages
        self._clock, self._parent = clock, parent
        self.people_dialog: PeopleDialog | None = None
        details.assignee.runRequested.connect(steps.run_in_place)
        details.goal.runRequested.connect(steps.run_in_place)
        details.goal.failed.connect(messages.error)

    def _today(self) -> date:
        return local_today(self._clock)

    def _people(self) -> PeopleService | None:
        session = self._session()
        return PeopleService(session.service.store) if session is not None else None

    def plan_opened(self) -> None:
        """A plan was opened, or closed: the panels follow."""
        session = self._session()
        store = session.service.store if session is not None else None
        people = PeopleService(store) if store is not None else None
        self._details.assignee.set_service(people)
        metrics = MetricService(store, self._clock) if store is not None else None
        self._details.goal.set_service(metrics)
        if self.people_dialog is not None:
            # Gone, not only hidden: it must never read the plan it showed again (as a
            # language switch would have it do).
            self.people_dialog.close()
            self.people_dialog.deleteLater()
            self.people_dialog = None

    def refresh(self) -> None:
        """After every change, undo and redo: the lists that show people follow."""
        if self._session() is None:
            return
        if self.people_dialog is not None and self.people_dialog.isVisible():
            self.people_dialog.refresh()

    def show_people(self) -> PeopleDialog | None:
        people = self._people()
        if people is None:
            return None
        if self.people_dialog is None:
            self.people_dialog = PeopleDialog(people, self._parent)
            self.people_dialog.runRequested.connect(self._steps.run_in_place)
            self.people_dialog.failed.connect(self._messages.error)
            self.people_dialog.showItemsRequested.connect(self.show_assigned)
        self.people_dialog.refresh()
        self.people_dialog.show()
        return self.people_dialog

    def show_assigned(self, person_id: int | None = None) -> None:
        """View › Assigned To…: the "Assigned to" view of `person_id`, else of the current
        item's assignee, else of the first person; without people, how to add them."""
        people = self._people()
        if people is None:
            return
        if person_id is None:
            current = self._selection.current_record()
            person_id = current.assignee_id if current is not None else None
        if person_id is None:
            everyone = people.people()
            if not everyone:
                self._messages.note(_("Nobody to show: add people with Item › People…."))
                return
            person_id = everyone[0].id
        self._open_assigned(person_id)

    def add_assign_menu(self, menu: QMenu) -> QMenu | None:
        """ "Assign To ▸ Nobody / each person" for the selected goals and tasks."""
        records = [r for r in self._selection.selected_records() if not r.is_group]
        people = self._people()
        if people is None or not records:
            return None
        everyone = people.people()
        menu.addSeparator()
        sub = menu.addMenu(_("&Assign To"))
        nobody = sub.addAction(pgettext("assignee", "Nobody"))
        nobody.triggered.connect(lambda _c=False: self.assign_selected(None))
        sub.addSeparator()
        for person in everyone:
            action = sub.addAction(person.name)
            action.triggered.connect(lambda _c=False, p=person.id: self.assign_selected(p))
        if not everyone:
            sub.addAction(_("No people yet: Item › People…")).setEnabled(False)
        return sub

    def assign_selected(self, person_id: int | None) -> None:
        """Assign the selected goals and tasks (groups are skipped) to a person, or nobody."""
        self.assign([r for r in self._selection.selected_records() if not r.is_group], person_id)

    def assign(self, records: list[ItemRecord], person_id: int | None) -> None:
        """Assign goals and tasks to a person, or nobody: one step."""
        people = self._people()
        if people is None or not records:
            return
        ids = [r.id for r in records]
        name = people.person(person_id).name if person_id is not None else None
        step = _assign_step(records, name)
        self._steps.run_in_place(step, lambda: people.assign(ids, person_id))


def _assign_step(records: list[ItemRecord], person: str | None) -> StepName:
    """The step's name, "Assign 'Book flights' to Ana" or "Unassign 3 items", said in the
    language of the moment it is shown."""
    title, n = quoted(records[0].title), len(records)

    def name() -> str:
        if person is None and n == 1:
            return _("Unassign {title}").format(title=title)
        if person is None:
            return ngettext("Unassign {n} item", "Unassign {n} items", n).format(n=number(n))
        if n == 1:
            return _("Assign {title} to {person}").format(title=title, person=person)
        return ngettext("Assign {n} item to {person}", "Assign {n} items to {person}", n).format(
            n=number(n), person=person
        )

    return name
