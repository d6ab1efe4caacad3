"""How a view's rows are drawn: a heading in bold over a line; an item's title over its
path, and on the right its countdown (coloured as in the tree), priority, assignee and
total, each in a column of its own width."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from planner import i18n
from planner.domain.agenda import AgendaRow
from planner.domain.items import Priority, Status
from planner.ui.tree import texts
from planner.ui.tree.marks import REPEAT_GLYPH
from planner.ui.tree.style import due_brush, style
from planner.ui.views.rows import HEADING_ROLE, ROW_ROLE

Index = QModelIndex | QPersistentModelIndex
PAD = 6  # pixels around and between what a row shows
ICON = 16
LEFT = Qt.AlignmentFlag.AlignLeft
ELIDE = Qt.TextElideMode.ElideRight
Totals = Callable[[int], "tuple[str | None, bool]"]  # an item's total text, and a gain?
Repeats = Callable[[int], bool]  # whether an item repeats (the tree's marks say)


class RowLook(QStyledItemDelegate):
    """Handed how to read today, an item's total (its text, and whether it gains) and
    whether it repeats."""

    def __init__(
        self, today: Callable[[], date], total: Totals, repeats: Repeats, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.today, self.total, self.repeats = today, total, repeats
        self._widths: dict[tuple[str, str], list[int]] = {}

    # -- sizes ---------------------------------------------------------------------------
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).height()
        if index.data(HEADING_ROLE) is not None:
            return QSize(0, int(line * 1.3) + 2 * PAD)
        return QSize(0, 2 * line + 2 * PAD)

    def columns(self, option: QStyleOptionViewItem) -> list[int]:
        """The widths of the countdown, priority, assignee and total columns (worked out
        once for each font and language: every row painted asks)."""
        key = (option.font.key(), i18n.current_language())
        widths = self._widths.get(key)
        if widths is None:
            widths = self._widths[key] = self._measure(option)
        return widths

    def _measure(self, option: QStyleOptionViewItem) -> list[int]:
        metrics = QFontMetrics(option.font)
        wide = metrics.horizontalAdvance
        priority = max(wide(texts.priority_name(p)) for p in Priority)
        return [
            wide(texts.wide_countdown()) + PAD,
            priority + PAD,
            wide("n" * 12) + PAD,
            wide("€1,000,000.00") + PAD,
        ]

    # -- painting ------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        heading = index.data(HEADING_ROLE)
        if heading is not None:
            self._paint_heading(painter, option, str(heading))
            return
        row = index.data(ROW_ROLE)
        if not isinstance(row, AgendaRow):
            return
        widget = option.widget
        style_ = widget.style() if widget is not None else None
        if style_ is not None:
            plain = QStyleOptionViewItem(option)
            plain.text = ""
            style_.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, widget)
        self._paint_row(painter, option, row)

    def _paint_heading(self, painter: QPainter, option: QStyleOptionViewItem, text: str) -> None:
        rect: QRect = option.rect
        painter.save()
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        palette: QPalette = option.palette
        # (a heading is not enabled, so that the arrows pass it: drawn as if it were)
        painter.setPen(palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Text))
        area = rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)
        painter.setPen(palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Mid))
        painter.drawLine(rect.left() + PAD, rect.bottom(), rect.right() - PAD, rect.bottom())
        painter.restore()

    def _paint_row(self, painter: QPainter, option: QStyleOptionViewItem, row: AgendaRow) -> None:
        rect: QRect = option.rect
        record = row.record
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = style().muted.color()
        done = record.status is not Status.ACTIVE
        painter.save()
        line = QFontMetrics(option.font).height()
        top = rect.top() + PAD
        # The columns on the right, from the right edge in.
        right = rect.right() - PAD
        values = self._values(row)
        aligns = [LEFT, LEFT, LEFT, Qt.AlignmentFlag.AlignRight]
        for width, (value, colour, bold), align in zip(
            reversed(self.columns(option)), reversed(values), reversed(aligns), strict=True
        ):
            cell = QRect(right - width, top, width, 2 * line)
            right -= width + PAD
            if not value:
                continue
            font = QFont(option.font)
            font.setBold(bold)
            painter.setFont(font)
            painter.setPen(text if selected or colour is None else colour)
            elided = QFontMetrics(font).elidedText(value, Qt.TextElideMode.ElideRight, width)
            painter.drawText(cell, align | Qt.AlignmentFlag.AlignVCenter, elided)
        # The icon, the title and, under it, the path.
        left = rect.left() + PAD
        icon = style().icon(record, goal=len(row.path) == 1)  # a goal: right under a group
        icon.paint(painter, QRect(left, top + (line - ICON) // 2, ICON, ICON))
        left += ICON + PAD
        width = max(0, right - left)
        title_font = style().struck if record.status is Status.DONE else QFont(option.font)
        painter.setFont(title_font)
        painter.setPen(text if selected or not done else muted)
        title = QFontMetrics(title_font).elidedText(self.title_text(row), ELIDE, width)
        painter.drawText(QRect(left, top, width, line), Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(option.font)
        painter.setPen(text if selected else muted)
        path = QFontMetrics(option.font).elidedText(
            " › ".join(row.path), Qt.TextElideMode.ElideLeft, width
        )
        painter.drawText(QRect(left, top + line, width, line), Qt.AlignmentFlag.AlignVCenter, path)
        painter.restore()

    def title_text(self, row: AgendaRow) -> str:
        """The row's title, with the tree's repeat mark on a repeating item (and on a past
        turn of one)."""
        title = row.record.title
        return f"{title}  {REPEAT_GLYPH}" if row.turn or self.repeats(row.record.id) else title

    def _values(self, row: AgendaRow) -> list[tuple[str, object, bool]]:
        """Each right-hand column's text, colour (None: the row's) and boldness."""
        record, today = row.record, self.today()
        muted = style().muted.color()
        active = record.status is Status.ACTIVE
        due_colour = None
        if not active:
            due_colour = muted
        elif brush := due_brush(record.due, record.status, today):
            due_colour = brush.color()
        due_bold = active and record.due is not None and record.due <= today
        # A past turn shows no total: the item's is what it adds up to now.
        total, gains = self.total(record.id) if not row.turn else (None, False)
        total_colour = muted if not active else style().income.color() if gains else None
        return [
            (row.countdown, due_colour, due_bold),
            (texts.priority_name(record.priority), None if active else muted, False),
            (row.assignee, None if active else muted, False),
            (total or "", total_colour, False),
        ]

    # -- editing the title ---------------------------------------------------------------
    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect: QRect = option.rect
        line = QFontMetrics(option.font).height()
        right = rect.right() - PAD - sum(w + PAD for w in self.columns(option))
        left = rect.left() + PAD + ICON + PAD
        editor.setGeometry(QRect(left - 2, rect.top() + PAD - 3, right - left + 4, line + 6))
