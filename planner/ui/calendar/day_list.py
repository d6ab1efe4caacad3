"""The list of one day's items, opened over the calendar by Enter or "+N more": every item
of the day in its countdown colour; choosing one shows it, Enter shows it in the tree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from planner.domain.calendar import CalendarEntry
from planner.domain.items import Priority, Status
from planner.formats import day_heading
from planner.i18n import _

ID_ROLE = Qt.ItemDataRole.UserRole


class DayList(QFrame):
    """A popup over the calendar: the day's heading and its items."""

    itemSelected = Signal(int)  # an item chosen in the list (its details shown)
    itemActivated = Signal(int)  # Enter or a double-click: shown in the tree

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel()
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.items = QListWidget()
        self.items.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.currentItemChanged.connect(self._chosen)
        self.items.itemActivated.connect(self._activated)
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #6b7280;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.items)
        self.day: date | None = None

    def show_day(
        self,
        day: date,
        entries: list[CalendarEntry],
        today: date,
        colour_of: Callable[[CalendarEntry], object],
        at: QPoint,
        selected: int | None = None,
    ) -> None:
        """List `entries` under the day's heading, as a popup at `at` (global)."""
        self.day = day
        self.heading.setText(day_heading(day, today))
        self.items.blockSignals(True)
        self.items.clear()
        for entry in entries:
            row = QListWidgetItem(entry.title)
            row.setData(ID_ROLE, entry.id)
            row.setToolTip(entry.title)
            row.setForeground(colour_of(entry))  # type: ignore[arg-type]
            if entry.priority is Priority.HIGH or entry.status is Status.DONE:
                font = QFont(self.items.font())
                font.setBold(entry.priority is Priority.HIGH)
                font.setStrikeOut(entry.status is Status.DONE)
                row.setFont(font)
            self.items.addItem(row)
        ids = [entry.id for entry in entries]
        if entries:
            self.items.setCurrentRow(ids.index(selected) if selected in ids else 0)
        self.items.blockSignals(False)
        self.empty.setText("" if entries else _("Nothing is due on this day."))
        self.empty.setVisible(not entries)
        self.items.setVisible(bool(entries))
        rows = min(max(len(entries), 1), 12)
        height = rows * (self.items.sizeHintForRow(0) if entries else 0) + 4
        self.items.setFixedHeight(max(height, 24))
        self.setFixedWidth(320)
        self.adjustSize()
        self.move(at)
        self.show()
        self.items.setFocus() if entries else self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def _chosen(self, row: QListWidgetItem | None, _previous: object = None) -> None:
        if row is not None:
            self.itemSelected.emit(_id(row))

    def _activated(self, row: QListWidgetItem) -> None:
        self.close()
        self.itemActivated.emit(_id(row))


def _id(row: QListWidgetItem) -> int:
    return int(row.data(ID_ROLE))
