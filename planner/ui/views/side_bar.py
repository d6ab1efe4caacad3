"""The side bar: the plan tree, then each ready-made view with its count, one "Assigned to"
entry per person; the arrow keys move between them, Enter or a click opens one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from planner.domain.agenda import AgendaCounts, View
from planner.formats import number
from planner.i18n import _, pgettext
from planner.ui.tree.style import style as tree_style

KEY = int(Qt.ItemDataRole.UserRole)
COUNT = KEY + 1  # the count's text
RED = KEY + 2  # whether the count is drawn red (something is overdue)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PAD = 4
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Choice:
    """What an entry shows: the tree (view None), or a view (of one person's items)."""

    view: View | None = None
    person_id: int | None = None


TREE = Choice()
# The side bar's views in their order, the people's between High priority and the Logbook.
BEFORE_PEOPLE = (View.TODAY, View.UPCOMING, View.OVERDUE, View.NO_DATE, View.HIGH)


def view_name(view: View | None, person: str = "") -> str:
    """A view's name in the side bar and over its page."""
    if view is None:
        # TRANSLATORS: the side bar's first entry: the plan's tree itself.
        return pgettext("view", "Plan")
    if view is View.ASSIGNED:
        # TRANSLATORS: the side bar's view of one person's open items.
        return pgettext("view", "Assigned to {name}").format(name=person)
    names = {
        View.TODAY: pgettext("view", "Today"),
        View.UPCOMING: pgettext("view", "Upcoming"),
        View.OVERDUE: pgettext("view", "Overdue"),
        View.NO_DATE: pgettext("view", "No due date"),
        View.HIGH: pgettext("view", "High priority"),
        View.LOGBOOK: pgettext("view", "Logbook"),
    }
    return names[view]


class CountLook(QStyledItemDelegate):
    """An entry's name, and its count on the right (red when something is overdue)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        count = str(index.data(COUNT) or "")
        wide = option.fontMetrics.horizontalAdvance(count) + 2 * PAD if count else 0
        named = QStyleOptionViewItem(option)
        self.initStyleOption(named, index)
        named.rect = option.rect.adjusted(PAD, 0, -wide, 0)
        named.state &= ~QStyle.StateFlag.State_HasFocus  # one focus frame: the whole row's
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        background = QStyleOptionViewItem(named)
        background.rect, background.text = option.rect, ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, named, painter, widget)
        if not count:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        red = index.data(RED) and not selected
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(tree_style().overdue.color() if red else option.palette.color(role))
        area = option.rect.adjusted(0, 0, -PAD, 0)
        painter.drawText(area, int(RIGHT), count)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 2 * PAD)


class SideBar(QListWidget):
    """Its entries are made again when the people change (`set_people`)."""

    openRequested = Signal(object)  # the Choice to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("views_side_bar")
        self.setItemDelegate(CountLook(self))
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people: list[tuple[int, str]] = []
        self.counts: AgendaCounts | None = None
        self._count_room = number(99)  # the widest count it makes room for
        self.itemClicked.connect(self._open)
        self.itemActivated.connect(self._open)
        self.set_people([])

    def sizeHint(self) -> QSize:
        """As wide as its longest name (in bold, as the one shown is) and its widest
        count beside it; 12 to 30 letters: the room beside it is the tree's."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        names = [metrics.horizontalAdvance(item.text()) for item in self.entries()]
        counts = [str(item.data(COUNT) or "") for item in self.entries()]
        count = max(metrics.horizontalAdvance(text) for text in [self._count_room, *counts])
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        wanted = max(names, default=0) + count + 4 * PAD + frame
        letter = self.fontMetrics().horizontalAdvance("n")
        return QSize(min(max(wanted, 12 * letter), 30 * letter), 300)

    def _open(self, item: QListWidgetItem) -> None:
        self.openRequested.emit(item.data(KEY))

    # -- entries -------------------------------------------------------------------------
    def choices(self) -> list[Choice]:
        return [
            TREE,
            *(Choice(view) for view in BEFORE_PEOPLE),
            *(Choice(View.ASSIGNED, person_id) for person_id, _name in self.people),
            Choice(View.LOGBOOK),
        ]

    def set_people(self, people: list[tuple[int, str]]) -> None:
        """The entries again, for these people (id, name), the current one kept."""
        if self.count() and people == self.people:
            return
        kept = self.current_choice()
        self.people = people
        self.blockSignals(True)
        try:
            self.clear()
            for choice in self.choices():
                item = QListWidgetItem()
                item.setData(KEY, choice)
                self.addItem(item)
            self.retranslate()
            self.mark(kept if kept in self.choices() else TREE)
        finally:
            self.blockSignals(False)

    def entries(self) -> list[QListWidgetItem]:
        found = (self.item(n) for n in range(self.count()))
        return [item for item in found if item is not None]

    def entry(self, choice: Choice) -> QListWidgetItem | None:
        for item in self.entries():
            if item.data(KEY) == choice:
                return item
        return None

    def current_choice(self) -> Choice | None:
        item = self.currentItem()
        return None if item is None else item.data(KEY)

    def mark(self, choice: Choice) -> None:
        """The entry of what is shown, current and in bold."""
        for item in self.entries():
            font = QFont(self.font())
            font.setBold(item.data(KEY) == choice)
            item.setFont(font)
        shown = self.entry(choice)
        if shown is not None:
            self.setCurrentItem(shown)

    # -- words and counts ----------------------------------------------------------------
    def name_of(self, choice: Choice) -> str:
        names = dict(self.people)
        return view_name(choice.view, names.get(choice.person_id or 0, ""))

    def retranslate(self) -> None:
        for item in self.entries():
            item.setText(self.name_of(item.data(KEY)))
        self.show_counts(self.counts)

    def make_room_for(self, most: int) -> None:
        """Room beside the names for counts of up to `most`, known before the counts
        are (they come after the first paint, when the panes have their widths: 101,551
        beside "No due date" cut the name to "No due ...")."""
        room = number(max(most, 99))
        if room != self._count_room:
            self._count_room = room
            self.updateGeometry()

    def show_counts(self, counts: AgendaCounts | None) -> None:
        """Each view's count beside it (none beside the tree); the Logbook's counts what
        was done today, said in its tooltip."""
        self.counts = counts
        overdue = counts is not None and counts.overdue > 0
        for item in self.entries():
            choice: Choice = item.data(KEY)
            count = (
                0
                if counts is None or choice.view is None
                else counts.of(choice.view, choice.person_id)
            )
            item.setData(COUNT, number(count) if count else "")
            item.setData(RED, choice.view in (View.OVERDUE, View.TODAY) and overdue)
            if choice.view is View.LOGBOOK:
                item.setToolTip(_("Done today"))

    def count_of(self, choice: Choice) -> str:
        """The count shown beside an entry ("" for none)."""
        item = self.entry(choice)
        return "" if item is None else str(item.data(COUNT) or "")
