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
from planner.formats import number
from planner.i18n import _, ngettext, pgettext
from planner.services.people import PeopleService
from planner.ui.language import Retranslated

Action = Callable[[], ch.Outcome]


class PeopleDialog(Retranslated, QDialog):
    """A list of everyone on the left, the selected person's fields on the right."""

    runRequested = Signal(object, object)  # (the step's name, action returning an Outcome)
    failed = Signal(str)
    showItemsRequested = Signal(int)  # a person whose items to list

    def __init__(self, people: PeopleService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = people
        self._everyone: list[pp.Person] = []  # as last read, with their items' counts
        self._counts: dict[int, int] = {}
        self._assigned = 0  # the items of the person selected
        self.listing = QListWidget()
        self.listing.currentItemChanged.connect(lambda *_: self._show_selected())
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #6b7280;")
        self.empty.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.note_edit = QPlainTextEdit()
        self.items_label = QLabel()
        self.items_label.setStyleSheet("color: #6b7280;")
        self.name_label, self.email_label, self.note_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.email_label, self.email_edit)
        form.addRow(self.note_label, self.note_edit)
        form.addRow("", self.items_label)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_person)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        self.items_button = QPushButton()
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
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(_("People"))
        self.empty.setText(_("Nobody yet. Add the people you plan with."))
        self.name_edit.setPlaceholderText(_("Required"))
        self.email_edit.setPlaceholderText(_("optional, e.g. ana@example.org"))
        self.note_edit.setPlaceholderText(_("optional"))
        self.name_label.setText(_("Name"))
        self.email_label.setText(_("Email"))
        self.note_label.setText(pgettext("person", "Note"))
        # TRANSLATORS: a button: empty the form to add a new person.
        self.new_button.setText(pgettext("person", "New"))
        self.remove_button.setText(_("Remove…"))
        self.items_button.setText(_("Show Items"))
        self.items_button.setToolTip(_("List this person's items in the Assigned To panel"))
        # The people as last read, named again: what is being typed is kept.
        self._fill_list(self.selected_id())
        self._name_selected()

    # -- showing -------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        item = self.listing.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def refresh(self, select: int | None = None) -> None:
        """Read everyone again (after any change, undo or redo)."""
        keep = select if select is not None else self.selected_id()
        self._everyone = self.people.people()
        self._counts = self.people.counts_by_person()
        self._fill_list(keep)
        self.empty.setVisible(not self._everyone)
        self._show_selected()

    def _fill_list(self, keep: int | None) -> None:
        """The list of everyone as last read, `keep` selected."""
        self.listing.blockSignals(True)
        try:
            self.listing.clear()
            for person in self._everyone:
                n = self._counts.get(person.id, 0)
                # TRANSLATORS: a person in the People list, with their number of items.
                text = (
                    _("{name}  ({n})").format(name=person.name, n=number(n)) if n else person.name
                )
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                item.setToolTip(person.email or person.name)
                self.listing.addItem(item)
                if person.id == keep:
                    self.listing.setCurrentItem(item)
        finally:
            self.listing.blockSignals(False)

    def _show_selected(self) -> None:
        person_id = self.selected_id()
        person = next((p for p in self._everyone if p.id == person_id), None)
        self.remove_button.setEnabled(person is not None)
        self.items_button.setEnabled(person is not None)
        self._assigned = self.people.assigned_count(person.id) if person is not None else 0
        self._name_selected()
        if person is None:
            return
        self.name_edit.setText(person.name)
        self.email_edit.setText(person.email)
        if self.note_edit.toPlainText() != person.note:
            self.note_edit.setPlainText(person.note)

    def _name_selected(self) -> None:
        """The words about the person selected (or about adding one)."""
        chosen = self.selected_id() is not None
        self.save_button.setText(_("Save") if chosen else _("Add"))
        n = self._assigned
        assigned = ngettext("{n} item assigned", "{n} items assigned", n).format(n=number(n))
        self.items_label.setText(assigned if chosen and n else "")

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
            name = clean["name"]
            self.runRequested.emit(
                lambda: _("Add person {name}").format(name=name),
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
            name = person.name
            self.runRequested.emit(
                lambda: _("Edit person {name}").format(name=name),
                lambda: people.edit_person(person_id, **changed),
            )
        self.refresh()

    def remove(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        people = self.people
        person = people.person(person_id)
        n = people.assigned_count(person_id)
        name = person.name
        if n and not self.confirm(
            ngettext(
                "{name} has {n} item assigned. Remove {name}? Its assignee will be cleared "
                "(Undo brings it back).",
                "{name} has {n} items assigned. Remove {name}? Their assignee will be cleared "
                "(Undo brings it back).",
                n,
            ).format(name=name, n=number(n))
        ):
            return
        self.runRequested.emit(
            lambda: _("Remove person {name}").format(name=name),
            lambda: people.remove_person(person_id),
        )
        self.refresh()

    def _show_items(self) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            self.showItemsRequested.emit(person_id)

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, _("Remove person"), text)
        return answer == QMessageBox.StandardButton.Yes
