"""The side bar: the plan tree, then each ready-made view with its count, one "Assigned to"
entry per person; the arrow keys move between them, Enter or a click opens one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from planner.domain.agenda import AgendaCounts, View
from planner.formats import number
from planner.i18n import _, pgettext

KEY = int(Qt.ItemDataRole.UserRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


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


class SideBar(QTreeWidget):
    """Its entries are made again when the people change (`set_people`)."""

    openRequested = Signal(object)  # the Choice to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("views_side_bar")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setIndentation(0)
        self.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.people: list[tuple[int, str]] = []
        self.counts: AgendaCounts | None = None
        self.itemClicked.connect(lambda item, _column: self._open(item))
        self.itemActivated.connect(lambda item, _column: self._open(item))
        self.set_people([])

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("n" * 30), 300)

    def _open(self, item: QTreeWidgetItem) -> None:
        self.openRequested.emit(item.data(0, KEY))

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
        if self.topLevelItemCount() and people == self.people:
            return
        kept = self.current_choice()
        self.people = people
        self.blockSignals(True)
        try:
            self.clear()
            for choice in self.choices():
                item = QTreeWidgetItem(["", ""])
                item.setData(0, KEY, choice)
                item.setTextAlignment(1, RIGHT)
                self.addTopLevelItem(item)
            self.retranslate()
            self.mark(kept if kept in self.choices() else TREE)
        finally:
            self.blockSignals(False)

    def entries(self) -> list[QTreeWidgetItem]:
        found = (self.topLevelItem(n) for n in range(self.topLevelItemCount()))
        return [item for item in found if item is not None]

    def entry(self, choice: Choice) -> QTreeWidgetItem | None:
        for item in self.entries():
            if item.data(0, KEY) == choice:
                return item
        return None

    def current_choice(self) -> Choice | None:
        item = self.currentItem()
        return None if item is None else item.data(0, KEY)

    def mark(self, choice: Choice) -> None:
        """The entry of what is shown, current and in bold."""
        for item in self.entries():
            font = QFont(self.font())
            font.setBold(item.data(0, KEY) == choice)
            item.setFont(0, font)
        shown = self.entry(choice)
        if shown is not None:
            self.setCurrentItem(shown)

    # -- words and counts ----------------------------------------------------------------
    def name_of(self, choice: Choice) -> str:
        names = dict(self.people)
        return view_name(choice.view, names.get(choice.person_id or 0, ""))

    def retranslate(self) -> None:
        for item in self.entries():
            item.setText(0, self.name_of(item.data(0, KEY)))
        self.show_counts(self.counts)

    def show_counts(self, counts: AgendaCounts | None) -> None:
        """Each view's count beside it (none beside the tree); the Logbook's counts what
        was done today, said in its tooltip."""
        self.counts = counts
        overdue = counts is not None and counts.overdue > 0
        for item in self.entries():
            choice: Choice = item.data(0, KEY)
            if counts is None or choice.view is None:
                item.setText(1, "")
                continue
            count = counts.of(choice.view, choice.person_id)
            item.setText(1, number(count) if count else "")
            red = choice.view in (View.OVERDUE, View.TODAY) and overdue
            item.setData(1, FOREGROUND, QBrush(QColor("#c62828")) if red else None)
            if choice.view is View.LOGBOOK:
                item.setToolTip(1, _("Done today"))
