"""The details panel's Reminders editor: the item's reminders, one added at a date and time
or relative to its due date ("on the day at 9:00", "1 day before at 18:00", "1 week
before"), one removed. A time that is no time ("25:61") is refused with a message before
anything is sent; each change is one undoable step (`runRequested`)."""

from __future__ import annotations

import enum
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.domain import reminders as rm
from planner.domain.errors import PlannerError
from planner.domain.items import ItemRecord, quoted
from planner.i18n import _
from planner.services.reminders import ReminderService
from planner.ui.details.dates import PLAIN, show_dates_in_language

MUTED = "color: #6b7280;"
DEFAULT_TIME_TEXT = "09:00"  # not-ui: a time typed as HH:MM


class When(enum.StrEnum):
    ON_THE_DAY = "day"
    DAYS_BEFORE = "days"
    WEEKS_BEFORE = "weeks"
    AT = "at"  # at a date and time


class RemindersSection(QGroupBox):
    """The item's reminders and the row that adds one."""

    runRequested = Signal(str, object)  # (undo text, action returning an Outcome)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminders: ReminderService | None = None
        self._record: ItemRecord | None = None
        self.shown: list[rm.Reminder] = []
        self._today = date.today()
        layout = QVBoxLayout(self)
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet(MUTED)
        self.empty_label.setWordWrap(True)
        self.reminder_list = QListWidget()
        self.reminder_list.currentRowChanged.connect(lambda _row: self._enable())
        layout.addWidget(self.empty_label)
        layout.addWidget(self.reminder_list)
        layout.addLayout(self._build_add_row())
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        remove_row.addWidget(self.remove_button)
        layout.addLayout(remove_row)
        self.retranslate()

    def _build_add_row(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        first, second = QHBoxLayout(), QHBoxLayout()
        self.when_box = QComboBox()
        for when in When:
            self.when_box.addItem("", when.value)
        self.when_box.currentIndexChanged.connect(lambda _i: self._show_fields())
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, rm.MAX_DAYS_BEFORE)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.at_label = QLabel()
        self.time_edit = QLineEdit(DEFAULT_TIME_TEXT)
        self.time_edit.setMaxLength(5)
        self.time_edit.setFixedWidth(self.time_edit.fontMetrics().horizontalAdvance("00:00") + 24)
        self.time_edit.returnPressed.connect(self.add)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add)
        first.addWidget(self.when_box)
        first.addWidget(self.count_spin)
        first.addWidget(self.date_edit)
        first.addStretch(1)
        second.addWidget(self.at_label)
        second.addWidget(self.time_edit)
        second.addStretch(1)
        second.addWidget(self.add_button)
        rows.addLayout(first)
        rows.addLayout(second)
        return rows

    def retranslate(self) -> None:
        self.setTitle(_("Reminders"))
        names = {
            When.ON_THE_DAY: _("On the due date"),
            When.DAYS_BEFORE: _("Days before the due date"),
            When.WEEKS_BEFORE: _("Weeks before the due date"),
            When.AT: _("At a date and time"),
        }
        for row in range(self.when_box.count()):
            self.when_box.setItemText(row, names[When(self.when_box.itemData(row))])
        self.at_label.setText(_("at"))
        self.time_edit.setPlaceholderText(_("HH:MM"))
        self.time_edit.setToolTip(_("A time of day, such as 09:00 or 18:30"))
        self.add_button.setText(_("Add Reminder"))
        self.remove_button.setText(_("Remove Reminder"))
        show_dates_in_language(self.date_edit, PLAIN)
        self._name_rows()
        self._show_fields()

    # -- showing -------------------------------------------------------------------------
    def set_service(self, reminders: ReminderService | None) -> None:
        self.reminders = reminders

    def show_record(self, record: ItemRecord | None, today: date) -> None:
        new_item = record is None or self._record is None or record.id != self._record.id
        self._record, self._today = record, today
        self.shown = []
        if record is not None and self.reminders is not None:
            try:
                self.shown = self.reminders.reminders(record.id)
            except PlannerError:
                self.shown = []
        if new_item:
            self.date_edit.setDate(QDate(today.year, today.month, today.day))
            self.time_edit.setText(DEFAULT_TIME_TEXT)
        self.reminder_list.clear()
        for reminder in self.shown:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, reminder.id)
            self.reminder_list.addItem(item)
        self._name_rows()
        self.empty_label.setVisible(not self.shown)
        self.reminder_list.setVisible(bool(self.shown))
        # As tall as its rows (up to four, then it scrolls): no empty box below them.
        rows = min(max(1, len(self.shown)), 4)
        row_height = self.reminder_list.sizeHintForRow(0) if self.shown else 20
        frame = 2 * self.reminder_list.frameWidth() + 4
        self.reminder_list.setFixedHeight(rows * max(row_height, 16) + frame)
        self._enable()

    def _name_rows(self) -> None:
        by_id = {r.id: r for r in self.shown}
        for row in range(self.reminder_list.count()):
            item = self.reminder_list.item(row)
            reminder = by_id.get(item.data(Qt.ItemDataRole.UserRole))
            if reminder is not None:
                item.setText(rm.reminder_words(reminder))
        record = self._record
        if record is not None and record.due is None:
            self.empty_label.setText(
                _("No reminders. Without a due date, only one at a date and time can be set.")
            )
        else:
            self.empty_label.setText(_("No reminders."))

    def _show_fields(self) -> None:
        when = When(self.when_box.currentData())
        self.count_spin.setVisible(when in (When.DAYS_BEFORE, When.WEEKS_BEFORE))
        self.date_edit.setVisible(when is When.AT)

    def _enable(self) -> None:
        self.remove_button.setEnabled(self.reminder_list.currentItem() is not None)

    # -- changes -------------------------------------------------------------------------
    def add(self) -> None:
        """Add the reminder the row says, as one step; a time that is no time is refused
        here with a message, and nothing is sent."""
        record, reminders = self._record, self.reminders
        if record is None or reminders is None:
            return
        when = When(self.when_box.currentData())
        try:
            at_time = rm.parse_clock(self.time_edit.text())
            if when is When.AT:
                shown = self.date_edit.date()
                day = date(shown.year(), shown.month(), shown.day())
                moment = rm.parse_at(f"{day.isoformat()} {at_time.strftime('%H:%M')}")
        except PlannerError as e:
            self.failed.emit(str(e))
            return
        item_id, title = record.id, quoted(record.title)
        name = _("Add reminder to {title}").format(title=title)
        if when is When.AT:
            self.runRequested.emit(name, lambda: reminders.add_at(item_id, moment))
            return
        days = {
            When.ON_THE_DAY: 0,
            When.DAYS_BEFORE: self.count_spin.value(),
            When.WEEKS_BEFORE: 7 * self.count_spin.value(),
        }[when]
        if days > rm.MAX_DAYS_BEFORE:
            self.failed.emit(
                _("A reminder can be at most {n} days before the due date.").format(
                    n=rm.MAX_DAYS_BEFORE
                )
            )
            return
        self.runRequested.emit(name, lambda: reminders.add_before(item_id, days, at_time))

    def remove(self) -> None:
        item = self.reminder_list.currentItem()
        record, reminders = self._record, self.reminders
        if item is None or record is None or reminders is None:
            return
        reminder_id = int(item.data(Qt.ItemDataRole.UserRole))
        self.runRequested.emit(
            _("Remove reminder of {title}").format(title=quoted(record.title)),
            lambda: reminders.remove(reminder_id),
        )
