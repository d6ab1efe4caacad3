"""The People dialog: the friends list, to add, edit and remove people. Each change is
handed to the window as one undoable step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain import changes as ch
from planner.domain import people as pp
from planner.domain.errors import PlannerError
from planner.services.people import PeopleService

Action = Callable[[], ch.Outcome]


class PeopleDialog(QDialog):
    """A list of everyone on the left, the selected person's fields on the right."""

    runRequested = Signal(str, object)  # (undo text, action returning an Outcome)
    failed = Signal(str)
    showItemsRequested = Signal(int)  # a person whose items to list

    def __init__(self, people: PeopleService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("People")
        self.people = people
        self._everyone: list[pp.Person] = []
        self.listing = QListWidget()
        self.listing.currentItemChanged.connect(lambda *_: self._show_selected())
        self.empty = QLabel("Nobody yet. Add the people you plan with.")
        self.empty.setStyleSheet("color: #6b7280;")
        self.empty.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Required")
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText("optional, e.g. ana@example.org")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("optional")
        self.items_label = QLabel()
        self.items_label.setStyleSheet("color: #6b7280;")
        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        form.addRow("Email", self.email_edit)
        form.addRow("Note", self.note_edit)
        form.addRow("", self.items_label)
        self.new_button = QPushButton("New")
        self.new_button.clicked.connect(self.new_person)
        self.save_button = QPushButton("Add")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton("Remove…")
        self.remove_button.clicked.connect(self.remove)
        self.items_button = QPushButton("Show Items")
        self.items_button.setToolTip("List this person's items in the Assigned To panel")
        self.items_button.clicked.connect(self._show_items)
        buttons = QHBoxLayout()
        buttons_list = (self.new_button, self.save_button, self.remove_button, self.items_button)
        for button in buttons_list:
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        left = QVBoxLayout()
        left.addWidget(self.listing, 1)
        left.addWidget(self.empty)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(close)
        self.resize(620, 360)
        self.refresh()

    # -- showing -------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        item = self.listing.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def refresh(self, select: int | None = None) -> None:
        """Read everyone again (after any change, undo or redo)."""
        keep = select if select is not None else self.selected_id()
        self._everyone = self.people.people()
        counts = self.people.counts_by_person()
        self.listing.blockSignals(True)
        try:
            self.listing.clear()
            for person in self._everyone:
                n = counts.get(person.id, 0)
                text = person.name + (f"  ({n})" if n else "")
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                item.setToolTip(person.email or person.name)
                self.listing.addItem(item)
                if person.id == keep:
                    self.listing.setCurrentItem(item)
        finally:
            self.listing.blockSignals(False)
        self.empty.setVisible(not self._everyone)
        self._show_selected()

    def _show_selected(self) -> None:
        person_id = self.selected_id()
        person = next((p for p in self._everyone if p.id == person_id), None)
        self.remove_button.setEnabled(person is not None)
        self.items_button.setEnabled(person is not None)
        self.save_button.setText("Save" if person is not None else "Add")
        if person is None:
            self.items_label.setText("")
            return
        self.name_edit.setText(person.name)
        self.email_edit.setText(person.email)
        if self.note_edit.toPlainText() != person.note:
            self.note_edit.setPlainText(person.note)
        n = self.people.assigned_count(person.id)
        self.items_label.setText(f"{n} item{'s' if n != 1 else ''} assigned" if n else "")

    # -- changes -------------------------------------------------------------------------
    def new_person(self) -> None:
        self.listing.setCurrentRow(-1)
        self.listing.clearSelection()
        for edit in (self.name_edit, self.email_edit):
            edit.clear()
        self.note_edit.clear()
        self._show_selected()
        self.name_edit.setFocus()

    def save(self) -> None:
        fields = {
            "name": self.name_edit.text(),
            "email": self.email_edit.text(),
            "note": self.note_edit.toPlainText(),
        }
        try:
            clean = pp.clean_person_fields(fields)
        except PlannerError as e:
            self.failed.emit(str(e))
            return
        people = self.people
        person_id = self.selected_id()
        if person_id is None:
            self.runRequested.emit(
                f"Add person {clean['name']}",
                lambda: people.add_person(clean["name"], clean["email"], clean["note"]),
            )
            added = next(
                (p for p in people.people() if pp.name_key(p.name) == pp.name_key(clean["name"])),
                None,
            )
            self.refresh(select=added.id if added else None)
            return
        person = people.person(person_id)
        changed = {k: v for k, v in clean.items() if getattr(person, k) != v}
        if changed:
            self.runRequested.emit(
                f"Edit person {person.name}", lambda: people.edit_person(person_id, **changed)
            )
        self.refresh()

    def remove(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        people = self.people
        person = people.person(person_id)
        n = people.assigned_count(person_id)
        if n and not self.confirm(
            f"{person.name} has {n} item{'s' if n != 1 else ''} assigned. Remove "
            f"{person.name}? {'Its' if n == 1 else 'Their'} assignee will be cleared "
            "(Undo brings it back)."
        ):
            return
        self.runRequested.emit(
            f"Remove person {person.name}", lambda: people.remove_person(person_id)
        )
        self.refresh()

    def _show_items(self) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            self.showItemsRequested.emit(person_id)

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, "Remove person", text)
        return answer == QMessageBox.StandardButton.Yes
