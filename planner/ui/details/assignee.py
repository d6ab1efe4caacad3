"""The Assignee field of the details panel: pick a person from the list, nobody, or add a
new person on the spot (one undoable step: add and assign)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QLineEdit, QWidget

from planner.domain import changes as ch
from planner.domain.items import ItemRecord, quoted
from planner.domain.people import Person
from planner.i18n import _
from planner.services.people import PeopleService

NOBODY = 0
ADD_NEW = -1

Action = Callable[[], ch.Outcome | list[ch.Outcome]]


class AssigneeField(QWidget):
    """A combo box of "Nobody", everyone by name, and "Add person…"."""

    # (undo text, action): the window runs it as one undoable step
    runRequested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: PeopleService | None = None
        self._record: ItemRecord | None = None
        self._loading = False
        self._listed: list[Person] = []
        self.box = QComboBox()
        self.box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.box.setMinimumContentsLength(12)
        self.box.activated.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """The language changed: "Nobody" and "Add person…" in it (the names stay)."""
        for row in range(self.box.count()):
            if self.box.itemData(row) == NOBODY:
                self.box.setItemText(row, _("Nobody"))
            elif self.box.itemData(row) == ADD_NEW:
                self.box.setItemText(row, _("Add person…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_service(self, people: PeopleService | None) -> None:
        self.people = people
        self.refresh()

    def refresh(self) -> None:
        """Read the people again (after any change) and show the record's assignee."""
        everyone = self.people.people() if self.people is not None else []
        if everyone != self._listed or self.box.count() == 0:
            self._listed = everyone
            self._loading = True
            try:
                self.box.clear()
                self.box.addItem(_("Nobody"), NOBODY)
                for person in everyone:
                    self.box.addItem(person.name, person.id)
                self.box.insertSeparator(self.box.count())
                self.box.addItem(_("Add person…"), ADD_NEW)
            finally:
                self._loading = False
        self._select()

    def show_record(self, record: ItemRecord | None) -> None:
        self._record = record
        self.refresh()

    def _select(self) -> None:
        wanted = self._record.assignee_id if self._record is not None else None
        row = self.box.findData(wanted if wanted is not None else NOBODY)
        self._loading = True
        try:
            self.box.setCurrentIndex(max(row, 0))
        finally:
            self._loading = False

    def _picked(self, row: int) -> None:
        if self._loading or self._record is None or self.people is None:
            return
        data = self.box.itemData(row)
        if data == ADD_NEW:
            name, ok = QInputDialog.getText(
                self, _("Add person"), _("Name of the new person:"), QLineEdit.EchoMode.Normal
            )
            self._select()
            if ok:
                self.add_and_assign(name)
            return
        person_id = None if data == NOBODY else int(data)
        if person_id == self._record.assignee_id:
            return
        self.assign(person_id)

    def assign(self, person_id: int | None) -> None:
        record, people = self._record, self.people
        if record is None or people is None:
            return
        if person_id is None:
            text = _("Unassign {title}").format(title=quoted(record.title))
        else:
            name = next((p.name for p in self._listed if p.id == person_id), "")
            text = _("Assign {title} to {name}").format(title=quoted(record.title), name=name)
        self.runRequested.emit(text, lambda: people.assign([record.id], person_id))
        self._select()

    def add_and_assign(self, name: str) -> None:
        """Add a person named `name` and assign the item to them, as one step."""
        record, people = self._record, self.people
        if record is None or people is None:
            return

        def action() -> list[ch.Outcome]:
            return people.add_and_assign(name, [record.id])

        text = _("Assign {title} to {name}").format(title=quoted(record.title), name=name.strip())
        self.runRequested.emit(text, action)
        self._select()
