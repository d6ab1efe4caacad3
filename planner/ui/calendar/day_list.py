"""The list of one day's items, opened over the calendar by Enter or "+N more": every item
of the day in its countdown colour; choosing one shows it, Enter shows it in the tree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.calendar import CalendarEntry
from planner.domain.items import Priority, Status
from planner.formats import day_heading
from planner.i18n import _

ID_ROLE = Qt.ItemDataRole.UserRole


class DayItems(QListWidget):
    """The day's items; one can be dragged out onto another day of the calendar."""

    def __init__(self, mime_of: Callable[[int], QMimeData], leave: Callable[[], None]) -> None:
        super().__init__()
        self._mime_of, self._leave = mime_of, leave
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        """The current row dragged, carrying what the grid's own drags carry; the list
        steps out of the way of the days it may be dropped on."""
        row = self.currentItem()
        if row is None:
            return
        self._leave()
        drag = QDrag(self)
        drag.setMimeData(self._mime_of(_id(row)))
        drag.exec(Qt.DropAction.MoveAction)


class DayList(QFrame):
    """A panel over the calendar (a child of its page, not a window of its own): the day's
    heading and its items. It goes when the focus leaves it, or on Escape."""

    itemSelected = Signal(int)  # an item chosen in the list (its details shown)
    itemActivated = Signal(int)  # Enter or a double-click: shown in the tree

    def __init__(self, mime_of: Callable[[int], QMimeData], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.hide()
        self.heading = QLabel()
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.items = DayItems(mime_of, self.hide)
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
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def show_day(
        self,
        day: date,
        entries: list[CalendarEntry],
        today: date,
        titles: dict[int, str],
        colour_of: Callable[[CalendarEntry], object],
        at: QPoint,
        selected: int | None = None,
    ) -> None:
        """List `entries` under the day's heading, at `at` (in the parent's coordinates,
        kept inside it)."""
        self.day = day
        self.heading.setText(day_heading(day, today))
        self.items.blockSignals(True)
        self.items.clear()
        for entry in entries:
            title = titles.get(entry.id, "")
            row = QListWidgetItem(title)
            row.setData(ID_ROLE, entry.id)
            row.setToolTip(title)
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
        parent = self.parentWidget()
        if parent is not None:
            x = max(0, min(at.x(), parent.width() - self.width()))
            y = max(0, min(at.y(), parent.height() - self.height()))
            at = QPoint(x, y)
        self.move(at)
        self.show()
        self.raise_()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        (self.items if entries else self).setFocus(Qt.FocusReason.PopupFocusReason)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.isVisible() and (new is None or not self.isAncestorOf(new)) and new is not self:
            self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            parent = self.parentWidget()
            if parent is not None:
                parent.setFocus(Qt.FocusReason.PopupFocusReason)  # back to the grid
        else:
            super().keyPressEvent(event)

    def _chosen(self, row: QListWidgetItem | None, _previous: object = None) -> None:
        if row is not None:
            self.itemSelected.emit(_id(row))

    def _activated(self, row: QListWidgetItem) -> None:
        self.hide()
        self.itemActivated.emit(_id(row))


def _id(row: QListWidgetItem) -> int:
    return int(row.data(ID_ROLE))
