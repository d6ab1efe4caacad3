"""The calendar's grid of days, painted by hand (42 cells of a month, or the 7 of a week):
each day's items in their countdown colours, "+N more" where they do not fit, a current
day moved by keys, items dragged from one day to another."""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from planner import i18n
from planner.domain.calendar import CalendarEntry
from planner.domain.countdown import countdown_text
from planner.domain.items import Priority, Status
from planner.formats import number, weekday_name
from planner.i18n import ngettext
from planner.ui.tree.style import due_brush, style

MIME_TYPE = "application/x-planner-calendar-item"
PAD = 4  # inside a cell, around its lines
OUTSIDE_MONTH = QColor("#f3f4f6")  # the days of the months before and after
TODAY_BACK = QColor("#fff8e1")
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclasses.dataclass(frozen=True)
class DayLayout:
    """Where a day's cell, its item lines and its "+N more" line are."""

    day: date
    cell: QRect
    lines: list[tuple[QRect, CalendarEntry]]
    more: QRect | None
    hidden: int  # entries that did not fit ("+N more")


def more_text(hidden: int) -> str:
    """The line of a day whose other items do not fit in its cell."""
    return _more_text(hidden, i18n.current_language())


@functools.lru_cache(maxsize=256)
def _more_text(hidden: int, _language: str) -> str:
    """(Remembered for each language: a month paints dozens, and a number said the
    language's way takes Babel a while.)"""
    # TRANSLATORS: the last line of a calendar day with more items than fit: "+5 more".
    return ngettext("+{n} more", "+{n} more", hidden).format(n=number(hidden))


class CalendarGrid(QWidget):
    """The days, their items, and a current day the keys move. The page hands in the days
    and the items; it hears what the user does through the signals."""

    currentDayChanged = Signal(object)  # the day the keys or a click moved to
    itemSelected = Signal(int)  # an item clicked (its details shown)
    itemActivated = Signal(int)  # an item double-clicked (shown in the tree)
    dayOpened = Signal(object)  # Enter, or "+N more" clicked: the day's items listed
    pageRequested = Signal(int)  # PageUp / PageDown: -1 or 1
    closeRequested = Signal()  # Escape: back to the tree
    dropRequested = Signal(int, object)  # an item dropped on a day: (item id, day)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[date] = []
        self.entries: dict[date, list[CalendarEntry]] = {}
        self.month: int | None = None  # month view: the month shown (others greyed)
        self.today = date.today()
        self.current = self.today
        self.selected: int | None = None  # the item shown in the details panel
        # The titles of the entries shown, read as they are laid out (a month holds
        # thousands of entries; a cell shows a few).
        self.titles: dict[int, str] = {}
        self.read_titles: Callable[[list[int]], dict[int, str]] = lambda _ids: {}
        self._layout: list[DayLayout] | None = None
        self._press: tuple[QPoint, CalendarEntry] | None = None
        self._drop_day: date | None = None  # where a drag would drop, highlighted
        # What this grid's drags carry beside the id: a drop from another window (another
        # plan, where the id is another item) is refused.
        self.token = os.urandom(16).hex()  # (uuid would load `platform` at start-up)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)  # the window's
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # -- what is shown -------------------------------------------------------------------
    def show_days(
        self,
        days: Sequence[date],
        entries: dict[date, list[CalendarEntry]],
        month: int | None,
        today: date,
    ) -> None:
        self.days, self.entries, self.month, self.today = list(days), entries, month, today
        self.titles = {}  # read again: a title may have changed
        self._layout = None
        self.update()

    def set_current(self, day: date) -> None:
        if day != self.current:
            self.current = day
            self.update()

    def set_selected(self, item_id: int | None) -> None:
        if item_id != self.selected:
            self.selected = item_id
            self.update()

    @property
    def rows(self) -> int:
        return max(1, len(self.days) // 7)

    def sizeHint(self) -> QSize:
        return QSize(700, 480)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 200)

    # -- geometry ------------------------------------------------------------------------
    def header_height(self) -> int:
        return self.fontMetrics().height() + 2 * PAD

    def line_height(self) -> int:
        return self.fontMetrics().height() + 2

    def day_layouts(self) -> list[DayLayout]:
        """Each day's cell and lines, for painting and for finding what a point is on."""
        if self._layout is None:
            self._layout = self._make_layout()
            self.need_titles([e.id for laid in self._layout for _rect, e in laid.lines])
        return self._layout

    def need_titles(self, item_ids: list[int]) -> None:
        """Read the titles of these entries that are not known yet (in one read)."""
        missing = [i for i in item_ids if i not in self.titles]
        if missing:
            self.titles.update(self.read_titles(missing))

    def title_of(self, entry: CalendarEntry) -> str:
        return self.titles.get(entry.id, "")

    def _make_layout(self) -> list[DayLayout]:
        top, rows = self.header_height(), self.rows
        width, height = self.width(), self.height() - top
        line = self.line_height()
        found: list[DayLayout] = []
        for n, day in enumerate(self.days):
            row, column = divmod(n, 7)
            x0, x1 = column * width // 7, (column + 1) * width // 7
            y0, y1 = top + row * height // rows, top + (row + 1) * height // rows
            cell = QRect(x0, y0, x1 - x0, y1 - y0)
            listed = self.entries.get(day, [])
            first = y0 + line + PAD  # under the day's number
            room = max(0, (y1 - PAD - first) // line)
            fits = len(listed) if len(listed) <= room else max(0, room - 1)
            lines = [
                (QRect(x0 + PAD, first + k * line, x1 - x0 - 2 * PAD, line), entry)
                for k, entry in enumerate(listed[:fits])
            ]
            hidden = len(listed) - fits
            more = QRect(x0 + PAD, first + fits * line, x1 - x0 - 2 * PAD, line) if hidden else None
            found.append(DayLayout(day, cell, lines, more, hidden))
        return found

    def layout_of(self, day: date) -> DayLayout | None:
        return next((d for d in self.day_layouts() if d.day == day), None)

    def day_at(self, point: QPoint) -> date | None:
        for laid in self.day_layouts():
            if laid.cell.contains(point):
                return laid.day
        return None

    def entry_at(self, point: QPoint) -> CalendarEntry | None:
        for laid in self.day_layouts():
            if laid.cell.contains(point):
                return next((e for rect, e in laid.lines if rect.contains(point)), None)
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout = None
        super().resizeEvent(event)

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self._paint_header(painter, palette)
        grid_pen = QPen(palette.color(QPalette.ColorRole.Mid))
        for laid in self.day_layouts():
            if laid.cell.intersects(event.rect()):
                self._paint_day(painter, palette, laid, grid_pen)
        painter.end()

    def _paint_header(self, painter: QPainter, palette: QPalette) -> None:
        height = self.header_height()
        painter.fillRect(0, 0, self.width(), height, palette.color(QPalette.ColorRole.Window))
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        for column, day in enumerate(self.days[:7]):
            x0, x1 = column * self.width() // 7, (column + 1) * self.width() // 7
            rect = QRect(x0, 0, x1 - x0, height)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, weekday_name(day.weekday()))

    def _paint_day(
        self, painter: QPainter, palette: QPalette, laid: DayLayout, grid_pen: QPen
    ) -> None:
        cell, day = laid.cell, laid.day
        if day == self.today:
            painter.fillRect(cell, TODAY_BACK)
        elif self.month is not None and day.month != self.month:
            painter.fillRect(cell, OUTSIDE_MONTH)
        if day == self._drop_day:
            painter.fillRect(cell, palette.color(QPalette.ColorRole.Highlight).lighter(180))
        painter.setPen(grid_pen)  # each cell's top and left edges: the lines between days
        painter.drawLine(cell.topLeft(), cell.topRight())
        painter.drawLine(cell.topLeft(), cell.bottomLeft())
        self._paint_number(painter, palette, laid)
        for rect, entry in laid.lines:
            self._paint_entry(painter, palette, rect, entry)
        if laid.more is not None:
            link = QFont(self.font())
            link.setUnderline(True)
            painter.setFont(link)
            painter.setPen(palette.color(QPalette.ColorRole.Link))
            painter.drawText(laid.more, LEFT, more_text(laid.hidden))
            painter.setFont(self.font())
        if day == self.current:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 3 if self.hasFocus() else 1)
            painter.setPen(pen)
            painter.drawRect(cell.adjusted(1, 1, -2, -2))

    def _paint_number(self, painter: QPainter, palette: QPalette, laid: DayLayout) -> None:
        day, cell = laid.day, laid.cell
        width, height = cell.width() - 2 * PAD, self.line_height()
        rect = QRect(cell.x() + PAD, cell.y() + PAD // 2, width, height)
        font = QFont(self.font())
        if day == self.today:
            font.setBold(True)
        painter.setFont(font)
        muted = self.month is not None and day.month != self.month
        painter.setPen(style().muted.color() if muted else palette.color(QPalette.ColorRole.Text))
        painter.drawText(rect, RIGHT, str(day.day))
        painter.setFont(self.font())

    def _paint_entry(
        self, painter: QPainter, palette: QPalette, rect: QRect, entry: CalendarEntry
    ) -> None:
        selected = entry.id == self.selected
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        colour = self.entry_colour(entry)
        mark = rect.adjusted(1, 3, 0, -3)
        mark.setWidth(3)
        painter.fillRect(mark, colour if entry.status is Status.ACTIVE else style().muted.color())
        font = QFont(self.font())
        font.setBold(entry.priority is Priority.HIGH)
        font.setStrikeOut(entry.status is Status.DONE)
        painter.setFont(font)
        text_pen = palette.color(QPalette.ColorRole.HighlightedText) if selected else colour
        painter.setPen(text_pen)
        text_rect = rect.adjusted(7, 0, -1, 0)
        elide = Qt.TextElideMode.ElideRight
        shown = QFontMetrics(font).elidedText(self.title_of(entry), elide, text_rect.width())
        painter.drawText(text_rect, LEFT, shown)
        painter.setFont(self.font())

    def entry_colour(self, entry: CalendarEntry) -> QColor:
        """The tree's countdown colours: overdue red, due today orange, done grey."""
        if entry.status is not Status.ACTIVE:
            return style().muted.color()
        brush = due_brush(entry.due, entry.status, self.today)
        return brush.color() if brush else self.palette().color(QPalette.ColorRole.Text)

    # -- keys ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            steps[Qt.Key.Key_Left], steps[Qt.Key.Key_Right] = 1, -1
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in steps and plain:
            self.move_to(self.current + timedelta(days=steps[Qt.Key(key)]))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and plain:
            self.pageRequested.emit(-1 if key == Qt.Key.Key_PageUp else 1)
        elif key == Qt.Key.Key_Home and plain:
            self.move_to(self.today)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.dayOpened.emit(self.current)
        elif key == Qt.Key.Key_Escape and plain:
            self.closeRequested.emit()
        else:
            super().keyPressEvent(event)

    def move_to(self, day: date) -> None:
        """Make `day` the current day (the page shows its month or week)."""
        self.set_current(day)
        self.currentDayChanged.emit(day)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()  # the current day's frame shows the focus
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    # -- mouse ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = event.position().toPoint()
        day = self.day_at(point)
        laid = None if day is None else self.layout_of(day)
        if day is None or laid is None:
            return
        # The current day moves, the month does not turn under the pointer (a day of the
        # next month shown greyed stays where it was clicked).
        self.set_current(day)
        if laid.more is not None and laid.more.contains(point):
            self.dayOpened.emit(day)
            return
        entry = self.entry_at(point)
        self._press = None if entry is None else (point, entry)
        if entry is not None:
            self.set_selected(entry.id)
            self.itemSelected.emit(entry.id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, point: QPoint) -> str:
        """An item's whole title (a cell cuts it short) and its countdown; "" off items."""
        entry = self.entry_at(point)
        if entry is None:
            return ""
        countdown = countdown_text(entry.due, entry.status, None, self.today)
        return f"{self.title_of(entry)}\n{countdown}"

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        entry = self.entry_at(event.position().toPoint())
        if entry is not None and event.button() == Qt.MouseButton.LeftButton:
            self.itemActivated.emit(entry.id)
        else:
            super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        press = self._press
        if press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        distance = (event.position().toPoint() - press[0]).manhattanLength()
        if distance < QApplication.startDragDistance():
            return
        self._press = None
        drag = QDrag(self)
        drag.setMimeData(self.entry_mime(press[1].id))
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    # -- dropping ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dragged_id(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is None or self.dragged_id(event.mimeData()) is None:
            event.ignore()
            self._set_drop_day(None)
            return
        event.acceptProposedAction()
        self._set_drop_day(day)

    def dragLeaveEvent(self, event: object) -> None:
        self._set_drop_day(None)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_day(None)
        item_id = self.dragged_id(event.mimeData())
        day = self.day_at(event.position().toPoint())
        if item_id is None or day is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.drop(item_id, day)

    def drop(self, item_id: int, day: date) -> None:
        """An item dropped on `day` (what a drop does; tests call it too)."""
        self.set_current(day)
        self.dropRequested.emit(item_id, day)

    def _set_drop_day(self, day: date | None) -> None:
        if day != self._drop_day:
            self._drop_day = day
            self.update()

    def entry_mime(self, item_id: int) -> QMimeData:
        """What an item dragged from this grid carries: the grid's token and the id."""
        data = QMimeData()
        data.setData(MIME_TYPE, f"{self.token}:{item_id}".encode())
        return data

    def dragged_id(self, data: QMimeData) -> int | None:
        """The id an item dragged from this grid carries (None: something else, or an
        item of another window)."""
        if not data.hasFormat(MIME_TYPE):
            return None
        token, _colon, text = (
            bytes(data.data(MIME_TYPE).data()).decode("ascii", "replace").partition(":")
        )
        return int(text) if token == self.token and text.isdigit() else None
