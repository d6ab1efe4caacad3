"""The calendar page beside the details panel (View › Calendar): a month or a week of due
dates, Previous / Today / Next, a switch between month and week, and whether done items
show. It reads the days' items through the loader the window hands in, and asks the
window to act (show an item, change a due date, go back to the tree) by its signals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Protocol

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.calendar import CalendarEntry, month_days, week_days
from planner.domain.days import add_months
from planner.formats import first_weekday, month_title, number, week_title
from planner.i18n import _, ngettext
from planner.ui.calendar.day_list import DayList
from planner.ui.calendar.grid import CalendarGrid
from planner.ui.language import Retranslated


class CalendarSource(Protocol):
    """Where the page reads the plan: each day's entries from `first` to `last` (`done`:
    with done items), and the titles of the entries it shows."""

    def days(self, first: date, last: date, done: bool) -> dict[date, list[CalendarEntry]]: ...
    def titles(self, item_ids: Sequence[int]) -> dict[int, str]: ...


class CalendarPage(Retranslated, QWidget):
    """A month (or a week) of the plan's due dates."""

    itemSelected = Signal(int)  # an item chosen: the details panel shows it
    itemActivated = Signal(int)  # an item opened: shown in the tree
    dueChangeRequested = Signal(int, object)  # an item dropped on a day: (id, new due date)
    closeRequested = Signal()  # Escape: back to the tree

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: CalendarSource | None = None
        self.week_view = False
        self.today = date.today()
        self.stale = True  # the plan changed while the page was hidden
        self.shown_days: list[date] = []
        self.due_count: int | None = None  # items due in the month (week) shown; None: unread
        self.grid = CalendarGrid()
        self.day_list = DayList(self.grid.entry_mime, self)
        self._build_bar()
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #6b7280;")
        self.summary.setContentsMargins(6, 0, 6, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.grid, 1)
        self.setFocusProxy(self.grid)
        # The window's pages share one place: the calendar never makes the window wider or
        # taller than the tree would (its title gives way first when the page is narrow).
        ignored = QSizePolicy.Policy.Ignored
        self.setSizePolicy(ignored, ignored)
        self._connect()
        self.retranslate()

    def _build_bar(self) -> None:
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.today_button = QPushButton()
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        self.title.setFont(title_font)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.month_button, self.week_button = QToolButton(), QToolButton()
        for button in (self.month_button, self.week_button):
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.month_button.setChecked(True)
        self.views = QButtonGroup(self)
        self.views.addButton(self.month_button)
        self.views.addButton(self.week_button)
        self.done_box = QCheckBox()
        self.bar = QHBoxLayout()
        self.bar.setContentsMargins(6, 4, 6, 0)
        for widget in (self.previous_button, self.today_button, self.next_button):
            self.bar.addWidget(widget)
        self.bar.addSpacing(8)
        self.bar.addWidget(self.title, 1)
        self.bar.addWidget(self.done_box)
        self.bar.addSpacing(8)
        self.bar.addWidget(self.month_button)
        self.bar.addWidget(self.week_button)
        buttons: list[QWidget] = [self.previous_button, self.today_button, self.next_button]
        for clicked in buttons:  # the keys have the grid's own: Page Up, Home, Page Down
            clicked.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def _connect(self) -> None:
        self.previous_button.clicked.connect(lambda: self.turn(-1))
        self.next_button.clicked.connect(lambda: self.turn(1))
        self.today_button.clicked.connect(lambda: self.go_to(self.today))
        self.week_button.toggled.connect(self.set_week_view)
        self.done_box.toggled.connect(lambda _on: self.changed())
        grid = self.grid
        grid.currentDayChanged.connect(self.go_to)
        grid.pageRequested.connect(self.turn)
        grid.dayOpened.connect(self.open_day)
        grid.itemSelected.connect(self.itemSelected)
        grid.itemActivated.connect(self.itemActivated)
        grid.closeRequested.connect(self.closeRequested)
        grid.dropRequested.connect(self.drop)
        self.day_list.itemSelected.connect(self._chosen_in_list)
        self.day_list.itemActivated.connect(self.itemActivated)

    def retranslate(self) -> None:
        # TRANSLATORS: the calendar's buttons: the month or week before, and after.
        self.previous_button.setToolTip(_("Previous (Page Up)"))
        self.next_button.setToolTip(_("Next (Page Down)"))
        self.today_button.setText(_("Today"))
        self.today_button.setToolTip(_("Go to today (Home)"))
        # TRANSLATORS: the calendar's switch between a month and a week of days.
        self.month_button.setText(_("Month"))
        self.week_button.setText(_("Week"))
        self.done_box.setText(_("Show done"))
        self.done_box.setToolTip(_("Show done items on their due day too"))
        self._show_words()  # hidden too: its words follow the switch
        self.changed()  # (another language may start the week on another day)

    # -- what is shown -------------------------------------------------------------------
    def set_source(self, source: CalendarSource | None) -> None:
        """The plan to read from (None: nothing to show)."""
        self.source = source
        self.grid.read_titles = source.titles if source is not None else lambda _ids: {}
        self.changed()

    def set_today(self, today: date, move: bool = False) -> None:
        """The day turned: today's cell and the countdown colours move (and, with `move`,
        the current day goes to today)."""
        self.today = today
        if move:
            self.grid.set_current(today)
        self._show_words()
        self.changed()

    def changed(self) -> None:
        """The plan changed: shown again now if the page shows, else when it is shown."""
        self.stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self.stale:
            self.refresh()
        super().showEvent(event)

    def days_shown(self) -> list[date]:
        """The days the grid shows around its current day: its month's six weeks, or its
        week."""
        first = first_weekday()
        current = self.grid.current
        if self.week_view:
            return week_days(current, first)
        return month_days(current.year, current.month, first)

    def refresh(self) -> None:
        """Read the shown days' items and paint them."""
        self.stale = False
        days = self.days_shown()
        self.shown_days = days
        with_done = self.done_box.isChecked()
        entries = self.source.days(days[0], days[-1], with_done) if self.source else {}
        month = None if self.week_view else self.grid.current.month
        self.grid.show_days(days, entries, month, self.today)
        inside = [d for d in days if self.week_view or d.month == self.grid.current.month]
        self.due_count = sum(len(entries.get(d, ())) for d in inside)
        self._show_words()
        if self.day_list.isVisible() and self.day_list.day in days:
            self.open_day(self.day_list.day)  # the open list follows the change
        else:
            self.day_list.hide()  # (its day turned out of sight)

    def _show_words(self) -> None:
        """The title (the month, or the week) and how many items are due in it; hidden,
        when next shown (Babel's calendar words are not loaded with the window)."""
        if not self.isVisible() or not self.shown_days:
            self.stale = True
            return
        days, count = self.shown_days, self.due_count
        if self.week_view:
            self.title.setText(week_title(days[0], days[-1]))
        else:
            self.title.setText(month_title(self.grid.current))
        if self.source is None or count is None:
            self.summary.setText("")
        elif count:
            self.summary.setText(
                ngettext("{n} item due", "{n} items due", count).format(n=number(count))
            )
        elif self.week_view:
            self.summary.setText(_("Nothing is due this week."))
        else:
            self.summary.setText(_("Nothing is due this month."))

    # -- moving --------------------------------------------------------------------------
    def go_to(self, day: date) -> None:
        """Make `day` current, turning to its month or week when it is not shown."""
        self.grid.set_current(day)
        month = not self.week_view and self.grid.month == day.month
        if day not in self.shown_days or (not self.week_view and not month):
            self.refresh()

    def turn(self, step: int) -> None:
        """The month (or week) before or after: the current day moves by as much."""
        current = self.grid.current
        day = current + timedelta(days=7 * step) if self.week_view else add_months(current, step)
        self.go_to(day)

    def set_week_view(self, week: bool) -> None:
        if week != self.week_view:
            self.week_view = week
            self.week_button.setChecked(week)
            self.month_button.setChecked(not week)
            self.changed()

    # -- acting --------------------------------------------------------------------------
    def open_day(self, day: date) -> None:
        """List the day's items in a popup over its cell."""
        laid = self.grid.layout_of(day)
        corner = laid.cell.bottomLeft() if laid is not None else QPoint(0, 0)
        entries = self.grid.entries.get(day, [])
        self.grid.need_titles([e.id for e in entries])
        self.day_list.show_day(
            day,
            entries,
            self.today,
            self.grid.titles,
            self.grid.entry_colour,
            self.grid.mapTo(self, corner),
            self.grid.selected,
        )

    def _chosen_in_list(self, item_id: int) -> None:
        self.grid.set_selected(item_id)
        self.itemSelected.emit(item_id)

    def drop(self, item_id: int, day: date) -> None:
        """An item dropped on `day`: its due date changes, unless it is due then already."""
        due = next((e.due for d in self.grid.entries.values() for e in d if e.id == item_id), None)
        if due != day:
            self.dueChangeRequested.emit(item_id, day)

    def set_selected(self, item_id: int | None) -> None:
        """The item the details panel shows, marked in the grid."""
        self.grid.set_selected(item_id)
