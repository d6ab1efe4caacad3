"""The "Assigned to …" panel: one person's items with countdown, status and path, their
counts (active, overdue, done); a click shows the item in the tree."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.countdown import countdown_text, is_overdue
from planner.domain.items import Status
from planner.formats import number
from planner.i18n import _, ngettext, pgettext
from planner.services.people import PeopleService
from planner.ui.icons import icon
from planner.ui.language import Retranslated


class AssignedPanel(Retranslated, QWidget):
    """A person picker over the list of their items."""

    activated = Signal(int)  # the item to show in the tree

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: PeopleService | None = None
        self._today = date.today()
        self.person_box = QComboBox()
        self.person_box.activated.connect(lambda _row: self.refresh())
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.results = QListWidget()
        self.results.setUniformItemSizes(True)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.itemClicked.connect(self._activate)
        self.results.itemActivated.connect(self._activate)
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #6b7280;")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.person_box)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.empty)
        layout.addWidget(self.results, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.refresh()

    def set_service(self, people: PeopleService | None, today: date) -> None:
        self.people = people
        self._today = today
        self.refresh()

    def show_person(self, person_id: int) -> None:
        self.refresh()
        row = self.person_box.findData(person_id)
        if row >= 0:
            self.person_box.setCurrentIndex(row)
            self.refresh()

    def person_id(self) -> int | None:
        data = self.person_box.currentData()
        return None if data is None else int(data)

    def refresh(self, today: date | None = None) -> None:
        """Read the people and the chosen person's items again."""
        if today is not None:
            self._today = today
        keep = self.person_id()
        everyone = self.people.people() if self.people is not None else []
        self.person_box.blockSignals(True)
        try:
            self.person_box.clear()
            for person in everyone:
                self.person_box.addItem(person.name, person.id)
            row = self.person_box.findData(keep) if keep is not None else -1
            self.person_box.setCurrentIndex(row if row >= 0 else (0 if everyone else -1))
        finally:
            self.person_box.blockSignals(False)
        self.results.clear()
        person_id = self.person_id()
        if self.people is None or person_id is None:
            self.counts_label.setText("")
            self.empty.setText(_("Nobody to show: add people with Item › People…."))
            self.empty.show()
            self.results.hide()
            return
        view = self.people.assigned(person_id, self._today)
        c = view.counts
        self.counts_label.setText(
            " · ".join(
                (
                    # TRANSLATORS: one of a person's counts: "3 active · 1 overdue · 2 done".
                    ngettext("{n} active", "{n} active", c.active).format(
                        n=f"<b>{number(c.active)}</b>"
                    ),
                    ngettext("{n} overdue", "{n} overdue", c.overdue).format(
                        n=f"<b style='color:#c62828'>{number(c.overdue)}</b>"
                    ),
                    ngettext("{n} done", "{n} done", c.done).format(n=f"<b>{number(c.done)}</b>"),
                )
            )
        )
        for entry in view.items:
            r = entry.record
            done_on = r.done_at.astimezone().date() if r.done_at else None
            countdown = countdown_text(r.due, r.status, done_on, self._today) or _("No due date")
            status = (
                pgettext("status", "Done")
                if r.status is Status.DONE
                else pgettext("status", "Active")
            )
            where = " › ".join(entry.path)
            item = QListWidgetItem(f"{r.title}\n{countdown} · {status} · {where}")
            item.setIcon(icon("done" if r.status is Status.DONE else "task"))
            if is_overdue(r.due, r.status, self._today):
                item.setForeground(QBrush(QColor("#c62828")))
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(f"{r.title}\n{where}")
            self.results.addItem(item)
        self.empty.setText(_("Nothing is assigned to {name}.").format(name=view.person.name))
        self.empty.setVisible(not view.items)
        self.results.setVisible(bool(view.items))

    def _activate(self, item: QListWidgetItem) -> None:
        self.activated.emit(int(item.data(Qt.ItemDataRole.UserRole)))
