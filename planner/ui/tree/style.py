"""How the tree looks: role and flag constants, fonts, colours and icons."""

from __future__ import annotations

from datetime import date
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from planner.domain.countdown import is_overdue
from planner.domain.items import ItemRecord, Status
from planner.ui.icons import icon
from planner.ui.tree.nodes import Role

# Plain ints and ready-made flag sets: data() and flags() run thousands of times a second.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
FONT = int(Qt.ItemDataRole.FontRole)
DECORATION = int(Qt.ItemDataRole.DecorationRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
KEY_ROLE, PROGRESS_ROLE, KIND_ROLE = int(Role.KEY), int(Role.PROGRESS), int(Role.KIND)
IMAGES_ROLE = int(Role.IMAGES)
PROGRESS_TEXT_ROLE = int(Role.PROGRESS_TEXT)
REPEAT_ROLE = int(Role.REPEAT)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Style:
    """Fonts, colours and icons of the tree, made once (they need a running QApplication)."""

    def __init__(self) -> None:
        self.bold, self.struck, self.italic = QFont(), QFont(), QFont()
        self.bold.setBold(True)
        self.struck.setStrikeOut(True)
        self.italic.setItalic(True)
        self.muted = QBrush(QColor("#8a8f98"))
        self.context = QBrush(QColor("#aeb3bb"))  # a filter's path to what it finds
        self.overdue = QBrush(QColor("#c62828"))
        self.due_today = QBrush(QColor("#b35c00"))
        self.section = QBrush(QColor("#6b7280"))
        self.income = QBrush(QColor("#1e7b4f"))  # money coming in, with its "+"
        self.group_icon = icon("group")
        self.goal_icon = icon("goal")
        self.task_icon = icon("task")
        self.done_icon = icon("done")
        self.deleted_icon = icon("deleted")
        self.warning_icon = icon("warning")

    def icon(self, record: ItemRecord, goal: bool) -> QIcon:
        if record.is_group:
            return self.group_icon
        if record.status is Status.DONE:
            return self.done_icon
        return self.goal_icon if goal else self.task_icon


@cache
def style() -> Style:
    """The one Style, made when first asked for (a QApplication runs by then)."""
    return Style()


def due_brush(due: date | None, status: Status, today: date) -> QBrush | None:
    """A countdown's colour, in the tree, the views and the calendar alike: overdue red,
    due today orange (None: the text's own)."""
    if is_overdue(due, status, today):
        return style().overdue
    return style().due_today if due is not None and due == today else None
