"""The panel beside the tree: every field of the selected item, edited in place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.domain.countdown import countdown_text, is_overdue
from planner.domain.items import ItemRecord, Priority
from planner.domain.validation import TITLE_MAX
from planner.domain.workdays import CALENDAR_DAYS, WorkCalendar
from planner.i18n import _, pgettext
from planner.ui.details.assignee import AssigneeField
from planner.ui.details.costs import CostSection
from planner.ui.details.dates import show_dates_in_language
from planner.ui.details.goal import GoalSections
from planner.ui.details.images import ImagesSection
from planner.ui.details.routine import RoutineTab
from planner.ui.entry.typed_date import TypedDateField
from planner.ui.tree.texts import priority_name, status_name

MUTED = "color: #6b7280;"
MIN_WIDTH = 280


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DetailsPanel(QStackedWidget):
    """Shows one item; each edit is sent as `editRequested(id, {field: value})`."""

    editRequested = Signal(int, dict)
    leaveRequested = Signal()  # Escape in a field: back to the tree (what was typed kept)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record: ItemRecord | None = None
        self._path = ""
        self._today = date.today()
        # The plan's calendar, asked at each showing: countdowns in working days or not.
        self.calendar: Callable[[], WorkCalendar] = lambda: CALENDAR_DAYS
        self._loading = False
        self._sending = False
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(MUTED)
        self.addWidget(self.placeholder)  # page 0: nothing selected
        page = QWidget()
        self.item_page = page
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        self._build_heading(outer)
        self._build_tabs(outer)
        self.addWidget(page)  # page 1: the item
        self._retranslate_own()
        self._item_width = self._measure_item_page()

    def minimumSizeHint(self) -> QSize:
        # As wide as its widest words need (the layouts say how wide: German and the
        # pseudo-language need more than English), as wide as an item's page with every
        # tab (a group's hides three: the first goal shown after it widened the panel,
        # which narrowed the tree: 15-20 ms with 100,000 rows open), and never narrower
        # than MIN_WIDTH.
        least = max(MIN_WIDTH, self._item_width)
        return super().minimumSizeHint().expandedTo(QSize(least, 0))

    def _measure_item_page(self) -> int:
        """The least width of the item's page with every tab shown, as for a goal."""
        hidden = [i for i in range(self.tabs.count()) if not self.tabs.isTabVisible(i)]
        for index in hidden:
            self.tabs.setTabVisible(index, True)
        width = self.item_page.minimumSizeHint().width()
        for index in hidden:
            self.tabs.setTabVisible(index, False)
        return width

    def _build_tabs(self, outer: QVBoxLayout) -> None:
        """Details; Action Plan (metric, why & examples, journal); Calculation."""
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(False)  # every tab's name in full: the panel widens
        # The tab the user chose: a group (which has no Details tab) does not change it.
        self._chosen_tab = 0
        self.tabs.tabBarClicked.connect(self._tab_chosen)
        outer.addWidget(self.tabs, 1)
        self.details_tab = self.tabs.addTab(self._build_details_tab(), "")
        self.goal = GoalSections()
        self.goal.editRequested.connect(self.editRequested)
        self.goal_tab = self.tabs.addTab(self.goal, "")
        self.costs = CostSection()
        self.costs_tab = self.tabs.addTab(self.costs, "")
        self.routine = RoutineTab()
        self.routine_tab = self.tabs.addTab(self.routine, "")

    def _build_heading(self, outer: QVBoxLayout) -> None:
        """What the item is, its title (edited in place) and the path above it."""
        self.kind_label = QLabel()
        self.kind_label.setStyleSheet(MUTED + " font-size: 11px; text-transform: uppercase;")
        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.path_label.setStyleSheet(MUTED)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(TITLE_MAX)
        font = self.title_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_edit.setFont(font)
        self.title_edit.editingFinished.connect(self._title_done)
        outer.addWidget(self.kind_label)
        outer.addWidget(self.title_edit)
        outer.addWidget(self.path_label)

    def _build_details_tab(self) -> QWidget:
        """The Details tab: the item's fields, its notes and its images."""
        tab = QWidget()
        details = QVBoxLayout(tab)
        details.setContentsMargins(0, 0, 0, 0)
        self.item_fields = self._build_fields()
        details.addWidget(self.item_fields)
        self.notes_label = QLabel()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)  # Tab goes on to the next field
        self.notes_edit.installEventFilter(self)
        details.addWidget(self.notes_label)
        details.addWidget(self.notes_edit, 1)
        self.images = ImagesSection()
        self.images.accept_drops_on(self, self.notes_edit.viewport(), self.title_edit)
        details.addWidget(self.images)
        return tab

    def _build_fields(self) -> QWidget:
        """Countdown, due date, priority, assignee, status, and when it was made and done."""
        fields = QWidget()
        form = QFormLayout(fields)
        form.setContentsMargins(0, 8, 0, 0)
        self.countdown_label = QLabel()
        countdown_font = self.countdown_label.font()
        countdown_font.setBold(True)
        self.countdown_label.setFont(countdown_font)
        self.priority_box = QComboBox()
        for priority in Priority:
            self.priority_box.addItem("", int(priority))
        self.priority_box.activated.connect(self._priority_done)
        self.assignee = AssigneeField()
        self.status_label, self.created_label, self.done_label = QLabel(), QLabel(), QLabel()
        # Each field's name, by field: named again when the language changes.
        self.field_names: dict[str, QLabel] = {}
        for field, widget in (
            ("countdown", self.countdown_label),
            ("due", self._build_due_row()),
            ("priority", self.priority_box),
            ("assignee", self.assignee),
            ("status", self.status_label),
            ("created", self.created_label),
            ("done", self.done_label),
        ):
            name = self.field_names[field] = QLabel()
            form.addRow(name, widget)
        return fields

    def _build_due_row(self) -> QVBoxLayout:
        """A switch for having a due date, and the date; under them, a line to type the
        date in words ("fri", "in 3 days"), saying what it understood."""
        row = QHBoxLayout()
        self.due_check = QCheckBox()
        self.due_check.toggled.connect(self._due_toggled)
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        # Every date a plan holds (an import may bring the year 1): one outside the range
        # would be shown moved, and saved so when the editor is left.
        self.due_edit.setDateRange(QDate(1, 1, 1), QDate(9999, 12, 31))
        self.due_edit.editingFinished.connect(self._due_done)
        self.due_edit.calendarWidget().clicked.connect(lambda _d: self._due_done())
        row.addWidget(self.due_check)
        row.addWidget(self.due_edit, 1)
        self.due_typed = TypedDateField()
        self.due_typed.taken.connect(self._due_typed)
        column = QVBoxLayout()
        column.setSpacing(4)
        column.addLayout(row)
        column.addWidget(self.due_typed)
        return column

    # -- words ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        """The language changed: every word of the panel and of its sections, and the item
        shown again in it (what is being typed is kept)."""
        self._retranslate_own()
        self.goal.retranslate()
        self.costs.retranslate()
        self.routine.retranslate()
        self.images.retranslate()
        self.assignee.retranslate()
        self.due_typed.retranslate()
        self._item_width = self._measure_item_page()  # (other words, other widths)
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        # Qt tells each section itself (they are children of the panel).
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_own()
        super().changeEvent(event)

    def _retranslate_own(self) -> None:
        self.placeholder.setText(_("Select a goal or task to see its details."))
        self.title_edit.setPlaceholderText(_("Title"))
        self.notes_label.setText(_("Notes"))
        self.notes_edit.setPlaceholderText(_("Notes: what, why, how…"))
        self.tabs.setTabText(self.details_tab, _("Details"))
        self.tabs.setTabText(self.goal_tab, _("Action Plan"))
        self.tabs.setTabText(self.costs_tab, _("Calculation"))
        self.tabs.setTabText(self.routine_tab, RoutineTab.tab_name())
        self.tabs.setTabToolTip(self.routine_tab, _("Repeat, reminders and habit"))
        names = {
            "countdown": _("Countdown"),
            "due": pgettext("label", "Due"),
            "priority": _("Priority"),
            "assignee": _("Assignee"),
            "status": _("Status"),
            "created": pgettext("label", "Created"),
            "done": pgettext("label", "Done"),
        }
        for field, label in self.field_names.items():
            label.setText(names[field])
        self.due_check.setToolTip(_("Has a due date"))
        show_dates_in_language(self.due_edit)
        for row in range(self.priority_box.count()):
            priority = Priority(self.priority_box.itemData(row))
            self.priority_box.setItemText(row, priority_name(priority) or _("None"))
        if self._record is not None:
            self._show_words(self._record)

    # -- showing -------------------------------------------------------------------------
    def show_record(
        self, record: ItemRecord | None, path: str = "", today: date | None = None
    ) -> None:
        if self._record is not None and (record is None or record.id != self._record.id):
            self._notes_done()
            self.due_typed.reset()  # a date typed for the item left is not this one's
        self._record, self._path = record, path
        if today is not None:
            self._today = today
            self.due_typed.set_today(today)
        if record is None:
            self.goal.show_record(None)
            self.routine.show_record(None, self._today, is_goal=False)
            self.setCurrentIndex(0)
            self.images.show_item(None)
            return
        self._loading = True
        try:
            self.setCurrentIndex(1)
            self._show_words(record)
            self.path_label.setText(path)
            self.path_label.setVisible(bool(path))
            if self.title_edit.text() != record.title:
                self.title_edit.setText(record.title)
                self.title_edit.setCursorPosition(0)
            # A group has a name and totals only.
            self.tabs.setTabVisible(self.details_tab, not record.is_group)
            self.tabs.setTabVisible(self.goal_tab, not record.is_group)
            self.tabs.setTabVisible(self.routine_tab, not record.is_group)
            if not record.is_group:
                self.tabs.setCurrentIndex(self._chosen_tab)
            self.images.show_item(record)
            self.assignee.show_record(record)
            self.goal.show_record(record, self._today, is_task=self._is_task())
            self.routine.show_record(record, self._today, is_goal=not self._is_task())
            if record.is_group:
                return
            self.due_check.setChecked(record.due is not None)
            self.due_edit.setEnabled(record.due is not None)
            self.due_edit.setDate(_qdate(record.due or self._today))
            self.priority_box.setCurrentIndex(int(record.priority))
            if self.notes_edit.toPlainText() != record.notes:
                self.notes_edit.setPlainText(record.notes)
        finally:
            self._loading = False

    def _is_task(self) -> bool:
        """A goal's path is its group's title; a task's has more."""
        return self._path.count("›") > 0

    def _show_words(self, record: ItemRecord) -> None:
        """What the panel says of the item in words and dates, not the fields it edits."""
        if record.is_group:
            self.kind_label.setText(_("Group"))
        else:
            self.kind_label.setText(_("Task") if self._is_task() else _("Goal"))
        if record.is_group:
            return
        self.status_label.setText(status_name(record.status))
        self.created_label.setText(formats.moment(record.created))
        self.done_label.setText(formats.moment(record.done_at) if record.done_at else "—")
        self._show_countdown()

    def _tab_chosen(self, index: int) -> None:
        if index >= 0:
            self._chosen_tab = index

    def show_tab(self, index: int) -> None:
        """Bring a tab forward, as if the user had chosen it."""
        self._tab_chosen(index)
        self.tabs.setCurrentIndex(index)

    def set_today(self, today: date) -> None:
        self._today = today
        self.due_typed.set_today(today)
        self._show_countdown()
        if self._record is not None:  # the habit's strip ends on the new day
            self.routine.show_record(self._record, today, is_goal=not self._is_task())

    def set_calendar(self, calendar: Callable[[], WorkCalendar]) -> None:
        """Where the plan's calendar is read: the countdown in working or calendar days."""
        self.calendar = calendar
        self._show_countdown()

    def _show_countdown(self) -> None:
        record = self._record
        if record is None or record.is_group:
            return
        done_on = record.done_at.astimezone().date() if record.done_at else None
        text = countdown_text(record.due, record.status, done_on, self._today, self.calendar())
        text = text or _("No due date")
        self.countdown_label.setText(text)
        overdue = is_overdue(record.due, record.status, self._today)
        self.countdown_label.setStyleSheet("color: #c62828;" if overdue else "")

    @property
    def record(self) -> ItemRecord | None:
        return self._record

    # -- editing -------------------------------------------------------------------------
    def _send(self, **fields: object) -> None:
        # While one edit is being sent, the window flushes the panel before it runs the edit:
        # that must not send the same edit again (and again, without end).
        if self._loading or self._sending or self._record is None:
            return
        changed = {k: v for k, v in fields.items() if getattr(self._record, k) != v}
        if changed:
            self._sending = True
            try:
                self.editRequested.emit(self._record.id, changed)
            finally:
                self._sending = False

    def _title_done(self) -> None:
        if self._record is not None and self.title_edit.text().strip() == "":
            self.title_edit.setText(self._record.title)  # a title is required: keep the old one
        self._send(title=self.title_edit.text())

    def _due_toggled(self, on: bool) -> None:
        self.due_edit.setEnabled(on)
        if on:
            self._due_done()
        else:
            self._send(due=None)

    def _due_done(self) -> None:
        if not self.due_check.isChecked():
            return
        self._send(due=self.due_edit.date().toPython())

    def _due_typed(self, day: date | None) -> None:
        """A date typed in words, Enter pressed: it is the due date (None: none)."""
        self.due_typed.reset()
        self._send(due=day)

    def _priority_done(self, row: int) -> None:
        self._send(priority=Priority(self.priority_box.itemData(row)))

    def _notes_done(self) -> None:
        if self._record is not None and not self._record.is_group:
            self._send(notes=self.notes_edit.toPlainText())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes_edit and event.type() == QEvent.Type.FocusOut:
            self._notes_done()
        return super().eventFilter(watched, event)

    def focus_first(self) -> None:
        """F6 to the panel: its first field (the title), else the panel itself."""
        if self.currentIndex() == 1 and self.title_edit.isEnabled():
            self.title_edit.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.setFocus(Qt.FocusReason.TabFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape a field did not use (a list's or a cell editor's own comes first).
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.leaveRequested.emit()
            return
        super().keyPressEvent(event)

    def flush(self) -> None:
        """Send what is being typed (before an undo, a close or another selection)."""
        self.costs.commit_edit()
        if self.title_edit.hasFocus():
            self._title_done()
        self._notes_done()
        self.goal.flush()
        self.routine.flush()
