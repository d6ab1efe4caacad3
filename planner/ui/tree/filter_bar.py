"""The filter bar over the tree: text, person, priority, due window and "hide Done and
Deleted"; typing waits a moment before it filters, the other fields filter at once;
Clear empties every field, Escape (or ×) closes the bar and its filter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.items import Priority
from planner.domain.tree_filter import NOBODY, DueWindow, TreeFilter
from planner.i18n import N_, _, pgettext
from planner.ui.tree.flow_layout import FlowLayout
from planner.ui.tree.texts import priority_name

TYPING_PAUSE_MS = 150  # typing filters once it pauses this long
DUE_CHOICES = (
    (None, N_("Any date")),
    (DueWindow.OVERDUE, N_("Overdue")),
    (DueWindow.TODAY, N_("Due today")),
    (DueWindow.WEEK, N_("Due this week")),
    (DueWindow.MONTH, N_("Due this month")),
    (DueWindow.UNDATED, N_("No due date")),
)
PRIORITIES = (Priority.HIGH, Priority.MEDIUM, Priority.LOW, Priority.NONE)


class FilterBar(QWidget):
    changed = Signal(object)  # the TreeFilter the fields say
    closed = Signal()  # the bar was closed (its filter with it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setClearButtonEnabled(True)
        self.person = QComboBox()
        self.priority = QComboBox()
        self.due = QComboBox()
        self.hide_closed = QCheckBox()
        self.clear_button = QPushButton()
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        # The text takes the first line's room; the choices follow on the next lines,
        # as many as their words need (German's are long, a window at 150 % narrow).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        first = QHBoxLayout()
        first.addWidget(self.text, 1)
        first.addWidget(self.clear_button)
        first.addWidget(self.close_button)
        layout.addLayout(first)
        choices = FlowLayout()
        for widget in (self.person, self.priority, self.due, self.hide_closed):
            choices.addWidget(widget)
        layout.addLayout(choices)
        self._people: list[tuple[int, str]] = []
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._send)
        self.text.textChanged.connect(lambda _text: self._typing.start())
        for combo in (self.person, self.priority, self.due):
            combo.currentIndexChanged.connect(lambda _index: self._send())
        self.hide_closed.toggled.connect(lambda _on: self._send())
        self.clear_button.clicked.connect(self.clear)
        self.close_button.clicked.connect(self.close_bar)
        self.retranslate()

    def wanted(self) -> TreeFilter:
        """The filter the fields say."""
        return TreeFilter(
            text=self.text.text(),
            person=self.person.currentData(),
            priority=self.priority.currentData(),
            due=self.due.currentData(),
            hide_closed=self.hide_closed.isChecked(),
        )

    def _send(self) -> None:
        self._typing.stop()
        self.changed.emit(self.wanted())

    def clear(self) -> None:
        """Every field empty, one filter sent (none)."""
        fields = (self.text, self.person, self.priority, self.due, self.hide_closed)
        blocked = [field.blockSignals(True) for field in fields]
        try:
            self.text.clear()
            for combo in (self.person, self.priority, self.due):
                combo.setCurrentIndex(0)
            self.hide_closed.setChecked(False)
        finally:
            for field, was in zip(fields, blocked, strict=True):
                field.blockSignals(was)
        self._send()

    def close_bar(self) -> None:
        self.clear()
        self.hide()
        self.closed.emit()

    def open_bar(self) -> None:
        self.show()
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.selectAll()

    def set_people(self, people: list[tuple[int, str]]) -> None:
        """The people to choose from (id, name), the one chosen kept if still there."""
        if people == self._people:
            return
        self._people = people
        self._fill_people()

    def _fill_people(self) -> None:
        chosen = self.person.currentData()
        blocked = self.person.blockSignals(True)
        try:
            self.person.clear()
            self.person.addItem(_("Anyone"), None)
            self.person.addItem(_("No one"), NOBODY)
            for person_id, name in self._people:
                self.person.addItem(name, person_id)
            at = self.person.findData(chosen)
            self.person.setCurrentIndex(max(at, 0))
        finally:
            self.person.blockSignals(blocked)
        if self.person.currentData() != chosen:
            self._send()  # the person chosen is gone

    def retranslate(self) -> None:
        self.text.setPlaceholderText(_("Filter by text"))
        self.text.setToolTip(_("Finds words in titles and notes, as the search does"))
        self._fill_people()
        self.person.setToolTip(_("Whose items"))
        self._fill(
            self.priority,
            [(None, _("Any priority"))]
            + [(p, priority_name(p) or pgettext("priority", "None")) for p in PRIORITIES],
        )
        self._fill(self.due, [(window, _(text)) for window, text in DUE_CHOICES])
        self.due.setToolTip(_("This week and this month: from today to their last day"))
        self.hide_closed.setText(_("Hide Done and Deleted"))
        self.clear_button.setText(_("Clear"))
        self.clear_button.setToolTip(_("Clear every field of the filter"))
        self.close_button.setToolTip(_("Close the filter bar (Esc)"))

    @staticmethod
    def _fill(combo: QComboBox, choices: list[tuple[object, str]]) -> None:
        at = combo.currentIndex()
        blocked = combo.blockSignals(True)
        try:
            combo.clear()
            for value, text in choices:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(at, 0))
        finally:
            combo.blockSignals(blocked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
