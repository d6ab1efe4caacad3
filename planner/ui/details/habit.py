"""The details panel's Habit editor: whether the goal is a habit and how often it is kept
(every day, N times a week, on chosen weekdays), the strip of its last 30 days (a click
ticks or unticks a day), its current and best streak, the share of days kept over 30 and
90 days, and a Done Today button. Each change is one undoable step (`runRequested`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.domain.changes import Outcome
from planner.domain.errors import PlannerError
from planner.domain.habit_words import kept_text, streak_text
from planner.domain.habits import Cadence, Habit, StripDay
from planner.domain.items import ItemRecord, quoted
from planner.domain.recurrence import WEEKDAYS
from planner.i18n import _
from planner.services.habits import HabitService, HabitView
from planner.ui.details.repeat import name_weekday_buttons, weekday_buttons

MUTED = "color: #6b7280;"
TICKED = QColor("#2e9d5b")
MISSED = QColor("#c9ced6")  # due, not ticked
FREE = QColor("#eceef1")  # not a day it is due
CELL_GAP = 2
NOT_A_HABIT = "off"


def habit_words(cadence: str, per_week: int, days: frozenset[int]) -> str | None:
    """The words `planner habit ID ...` takes for a choice of the form (None: off)."""
    if cadence == Cadence.DAILY:
        return "daily"
    if cadence == Cadence.WEEKLY:
        return f"{per_week} per week"
    if cadence == Cadence.DAYS:
        return "on " + ",".join(WEEKDAYS[d].lower() for d in sorted(days)) if days else ""
    return None


def toggle_step(
    habits: HabitService, record: ItemRecord, day: date, ticked: bool
) -> tuple[str, Callable[[], Outcome]]:
    """The step that ticks a habit on a day, or unticks it when `ticked`: its name and
    what it does (the strip's click and Item › Tick Habit for Today both run it)."""
    name = _("Untick {title} on {day}") if ticked else _("Tick {title} on {day}")
    item_id = record.id
    shown = name.format(title=quoted(record.title), day=formats.date_short(day))
    return shown, lambda: habits.tick(item_id, day, on=not ticked)


class HabitStrip(QWidget):
    """The last 30 days as a row of squares: green ticked, grey due and not ticked, pale a
    day it is not due; today framed. A click on a day asks to tick or untick it."""

    dayClicked = Signal(object)  # the date clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: tuple[StripDay, ...] = ()
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def show_days(self, days: tuple[StripDay, ...]) -> None:
        self.days = days
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(30 * 10, 22)

    def minimumSizeHint(self) -> QSize:
        return QSize(30 * 6, 16)

    def cell_rect(self, i: int) -> QRect:
        """Where day `i` (0: the oldest) is painted."""
        n = max(1, len(self.days))
        side = max(4, min(18, (self.width() - CELL_GAP * (n - 1)) // n))
        left = (self.width() - (side * n + CELL_GAP * (n - 1))) // 2
        top = (self.height() - side) // 2
        return QRect(left + i * (side + CELL_GAP), top, side, side)

    def day_at(self, pos: QPoint) -> date | None:
        for i, day in enumerate(self.days):
            if self.cell_rect(i).adjusted(-1, -2, 1, 2).contains(pos):
                return day.day
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i, day in enumerate(self.days):
            rect = self.cell_rect(i)
            colour = TICKED if day.ticked else MISSED if day.due else FREE
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(rect, 2, 2)
            if i == len(self.days) - 1:  # today
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(QColor("#1f2937"), 1.5))
                painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 2, 2)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.dayClicked.emit(day)
            return
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            day = self.day_at(event.pos())
            found = next((d for d in self.days if d.day == day), None)
            if found is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), strip_day_tip(found), self)
            return True
        return super().event(event)


def strip_day_tip(day: StripDay) -> str:
    when = formats.weekday_short(day.day)
    if day.ticked:
        return _("{day}: kept (click to untick)").format(day=when)
    if day.due:
        return _("{day}: not kept (click to tick)").format(day=when)
    return _("{day}: not a day it is due (click to tick)").format(day=when)


class HabitSection(QGroupBox):
    """The item's habit: its form, strip and figures."""

    runRequested = Signal(str, object)  # (undo text, action returning an Outcome)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.habits: HabitService | None = None
        self._record: ItemRecord | None = None
        self.view: HabitView | None = None
        self._today = date.today()
        self._loading = False
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.cadence_box = QComboBox()
        for value in (NOT_A_HABIT, Cadence.DAILY, Cadence.WEEKLY, Cadence.DAYS):
            self.cadence_box.addItem("", str(value))
        self.per_week_spin = QSpinBox()
        self.per_week_spin.setRange(1, 7)
        self.per_week_spin.setValue(3)
        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        days.setSpacing(2)
        self.weekday_buttons: list[QToolButton] = weekday_buttons(days)
        self.days_row = QWidget()
        self.days_row.setLayout(days)
        self.form_names = {name: QLabel() for name in ("kept", "times", "on")}
        form.addRow(self.form_names["kept"], self.cadence_box)
        form.addRow(self.form_names["times"], self.per_week_spin)
        form.addRow(self.form_names["on"], self.days_row)
        self._form = form
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        self.figures_box = QWidget()
        figures = QVBoxLayout(self.figures_box)
        figures.setContentsMargins(0, 4, 0, 0)
        self.strip = HabitStrip()
        self.strip.dayClicked.connect(self.toggle_day)
        ends = QHBoxLayout()
        self.first_day_label, self.today_label = QLabel(), QLabel()
        for label in (self.first_day_label, self.today_label):
            label.setStyleSheet(MUTED + " font-size: 11px;")
        ends.addWidget(self.first_day_label)
        ends.addStretch(1)
        ends.addWidget(self.today_label)
        self.streak_label = QLabel()
        bold = self.streak_label.font()
        bold.setBold(True)
        self.streak_label.setFont(bold)
        self.kept_label = QLabel()
        self.kept_label.setWordWrap(True)
        self.today_button = QPushButton()
        self.today_button.clicked.connect(self.toggle_today)
        today_row = QHBoxLayout()
        today_row.addWidget(self.today_button)
        today_row.addStretch(1)
        for widget in (self.strip,):
            figures.addWidget(widget)
        figures.addLayout(ends)
        figures.addWidget(self.streak_label)
        figures.addWidget(self.kept_label)
        figures.addLayout(today_row)
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addWidget(self.figures_box)
        self.cadence_box.currentIndexChanged.connect(self._form_changed)
        self.per_week_spin.valueChanged.connect(self._form_changed)
        for button in self.weekday_buttons:
            button.toggled.connect(self._form_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Habit"))
        names = {
            NOT_A_HABIT: _("Not a habit"),
            str(Cadence.DAILY): _("Every day"),
            str(Cadence.WEEKLY): _("A number of times a week"),
            str(Cadence.DAYS): _("On chosen weekdays"),
        }
        for row in range(self.cadence_box.count()):
            self.cadence_box.setItemText(row, names[self.cadence_box.itemData(row)])
        self.form_names["kept"].setText(_("Kept"))
        self.form_names["times"].setText(_("Times a week"))
        self.form_names["on"].setText(_("On"))
        name_weekday_buttons(self.weekday_buttons)
        self.save_button.setText(_("Save Habit"))
        self.today_label.setText(_("today"))
        self._show_figures()
        self._form_changed()

    # -- showing -------------------------------------------------------------------------
    def set_service(self, habits: HabitService | None) -> None:
        self.habits = habits

    def show_record(self, record: ItemRecord | None, today: date) -> None:
        same = record is not None and self._record is not None and record.id == self._record.id
        keep_form = same and self.pending()
        self._record, self._today = record, today
        self.view = None
        if record is not None and self.habits is not None:
            try:
                self.view = self.habits.view(record.id, today)
            except PlannerError:
                self.view = None
        if not keep_form:
            self._show_form(self.view.habit if self.view is not None else None)
        self._show_figures()
        self._form_changed()

    def _show_form(self, habit: Habit | None) -> None:
        self._loading = True
        try:
            value = NOT_A_HABIT if habit is None else str(habit.cadence)
            self.cadence_box.setCurrentIndex(self.cadence_box.findData(value))
            if habit is not None and habit.cadence is Cadence.WEEKLY:
                self.per_week_spin.setValue(habit.per_week)
            chosen = habit.days if habit is not None and habit.cadence is Cadence.DAYS else set()
            for day, button in enumerate(self.weekday_buttons):
                button.setChecked(day in chosen)
        finally:
            self._loading = False

    def _show_figures(self) -> None:
        view = self.view
        self.figures_box.setVisible(view is not None)
        if view is None:
            return
        found = view.figures
        self.strip.show_days(found.strip)
        self.first_day_label.setText(formats.date_short(found.strip[0].day))
        self.streak_label.setText(streak_text(found))
        self.kept_label.setText(kept_text(found))
        ticked = found.strip[-1].ticked
        self.today_button.setText(_("Untick Today") if ticked else _("Done Today"))

    def words(self) -> str | None:
        """The words of the form's choice, as `planner habit` takes them (None: off)."""
        days = frozenset(d for d, b in enumerate(self.weekday_buttons) if b.isChecked())
        return habit_words(self.cadence_box.currentData(), self.per_week_spin.value(), days)

    def pending(self) -> bool:
        """Whether the form says something else than what is stored."""
        stored = self.view.habit if self.view is not None else None
        words = self.words()
        if stored is None or words is None:
            return (stored is None) != (words is None)
        return words != habit_words(str(stored.cadence), stored.per_week, stored.days)

    def _form_changed(self, *_args: object) -> None:
        if self._loading:
            return
        cadence = self.cadence_box.currentData()
        self._form.setRowVisible(self.form_names["times"], cadence == Cadence.WEEKLY)
        self._form.setRowVisible(self.form_names["on"], cadence == Cadence.DAYS)
        self.save_button.setEnabled(self.pending())
        self.save_button.setText(
            _("Stop Habit") if cadence == NOT_A_HABIT and self.pending() else _("Save Habit")
        )

    def problem(self) -> str | None:
        """Why the form's choice cannot be saved (None: it can)."""
        return _("Choose the weekdays the habit is kept on.") if self.words() == "" else None

    # -- changes -------------------------------------------------------------------------
    def save(self) -> None:
        if not self.pending():
            return
        step = self.step()
        if step is None:
            self.failed.emit(_("Choose the weekdays the habit is kept on."))
            return
        self.runRequested.emit(*step)

    def step(self) -> tuple[str, Callable[[], Outcome]] | None:
        """The form's habit as a step (its name, its action); None without weekdays
        chosen for a habit kept on chosen weekdays."""
        record, habits, words = self._record, self.habits, self.words()
        if record is None or habits is None or words == "":
            return None
        item_id, title = record.id, quoted(record.title)
        if words is None:
            return _("Stop habit {title}").format(title=title), lambda: habits.stop(item_id)
        name = _("Change habit {title}") if self.view else _("Make {title} a habit")
        return name.format(title=title), lambda: habits.set_habit(item_id, words)

    def toggle_day(self, day: date) -> None:
        """Tick a day of the strip, or untick it when it is ticked."""
        record, habits, view = self._record, self.habits, self.view
        if record is None or habits is None or view is None:
            return
        ticked = any(d.day == day and d.ticked for d in view.figures.strip)
        self.runRequested.emit(*toggle_step(habits, record, day, ticked))

    def toggle_today(self) -> None:
        self.toggle_day(self._today)
