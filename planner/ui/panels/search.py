"""Instant search over titles and notes: the true number of matches, and the hits ranked,
a page at a time as the list scrolls; each hit shows its path, Enter jumps to it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from planner.domain.errors import PlannerError
from planner.domain.items import Status
from planner.domain.search_text import matches_so_far_text, matches_text
from planner.i18n import _, pgettext
from planner.services.search import FOLD_SLICE, LOOK_NOW, PAGE, Hit, SearchService
from planner.ui import language
from planner.ui.icons import icon
from planner.ui.language import Retranslated

ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class SearchResults(QAbstractListModel):
    """The hits of one query: the first page at once, the next ones as a view scrolls to
    them (canFetchMore / fetchMore)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service: SearchService | None = None
        self.text = ""
        self.count = 0
        self.complete = True  # False: the count is of the items looked at so far
        self.hits: list[Hit] = []

    def show(self, service: SearchService | None, text: str) -> None:
        """The hits of `text` (none for no text or no plan), from the first. Items the
        search index has not caught up with are folded and looked through a slice at a
        keystroke: until all are, the hits are of those looked at so far (`complete`
        False)."""
        self.beginResetModel()
        self.service, self.text = service, text
        page = (
            service.search(text, 0, PAGE, fold_now=FOLD_SLICE, look_now=LOOK_NOW)
            if service is not None and text
            else None
        )
        self.count = page.count if page is not None else 0
        self.complete = page.complete if page is not None else True
        self.hits = page.hits if page is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.service is not None and len(self.hits) < self.count

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        assert self.service is not None
        # (While not complete, the items looked at so far only: the count's.)
        now = None if self.complete else 0
        page = self.service.search(self.text, len(self.hits), PAGE, fold_now=now, look_now=now)
        if not page.hits:  # the plan changed meanwhile: the count was a page ahead
            self.count = len(self.hits)
            return
        first = len(self.hits)
        self.beginInsertRows(QModelIndex(), first, first + len(page.hits) - 1)
        self.hits.extend(page.hits)
        self.endInsertRows()

    def retranslate(self) -> None:
        """The hits' words again, in the current language (the plan is not searched)."""
        if self.hits:
            self.dataChanged.emit(self.index(0), self.index(len(self.hits) - 1))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.hits):
            return None
        hit = self.hits[index.row()]
        where = " › ".join(hit.path) if hit.path else pgettext("kind", "Group")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return f"{hit.record.title}\n{where}"
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(_icon_name(hit))
        if role == ID_ROLE:
            return hit.record.id
        return None


def _icon_name(hit: Hit) -> str:
    record = hit.record
    if record.is_group:
        return "group"
    if record.status is Status.DONE:
        return "done"
    if record.status is Status.DELETED:
        return "deleted"
    return "goal" if len(hit.path) == 1 else "task"


class SearchPanel(Retranslated, QWidget):
    """A search field over a list of hits; the list shows only while there is a query."""

    activated = Signal(int)  # the item to show in the tree

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: SearchService | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)  # search once typing pauses
        self._timer.timeout.connect(self.run)
        # While a search is not complete: the waiting items folded and looked through a
        # slice at a time, input handled between slices, then the search run again.
        self._folding = QTimer(self)
        self._folding.setInterval(0)
        self._folding.timeout.connect(self._fold_slice)
        self.field = QLineEdit()
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.installEventFilter(self)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #6b7280; padding: 2px 4px;")
        self.hits = SearchResults(self)
        self.results = QListView()
        self.results.setModel(self.hits)
        self.results.setUniformItemSizes(True)
        # As tall as its hits, up to about eight of them: the tree stays in view.
        self.results.setSizeAdjustPolicy(QListView.SizeAdjustPolicy.AdjustToContents)
        self.results.setMaximumHeight(8 * 36)
        self.results.activated.connect(self._activate)
        self.results.clicked.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.field)
        layout.addWidget(self.summary)
        layout.addWidget(self.results)
        self._show_results(False)
        self.retranslate()

    def retranslate(self) -> None:
        """The hint, and the search shown, in the current language: the same hits, the
        same one chosen (the plan is not searched again)."""
        self.field.setPlaceholderText(
            _("Search titles and notes  ({key})").format(key=language.key_text("Ctrl+F"))
        )
        if self.summary.isVisibleTo(self):
            self.summary.setText(self._summary_text())
        self.hits.retranslate()

    def _summary_text(self) -> str:
        if self.hits.complete:
            return matches_text(self.hits.count)
        return matches_so_far_text(self.hits.count)

    def set_service(self, service: SearchService | None) -> None:
        self.service = service
        self.run()

    def focus(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def run(self) -> None:
        text = self.field.text().strip()
        self.hits.show(self.service if text else None, text)
        if self.hits.complete:
            self._folding.stop()
        else:
            self._folding.start()
        if not text or self.service is None:
            self._show_results(False)
            return
        self.summary.setText(self._summary_text())
        self._show_results(True)
        if self.hits.rowCount():
            self.results.setCurrentIndex(self.hits.index(0))

    def _fold_slice(self) -> None:
        try:
            done = self.service is None or self.service.look_further(self.hits.text)
        except PlannerError:  # the plan cannot be read now: what was found so far stays
            self._folding.stop()
            return
        if done:
            self._folding.stop()
            self.run()  # every item looked at: the true count

    def _show_results(self, visible: bool) -> None:
        self.summary.setVisible(visible)
        self.results.setVisible(visible and self.hits.rowCount() > 0)

    def _activate(self, index: QModelIndex) -> None:
        item_id = index.data(ID_ROLE)
        if item_id is not None:
            self.activated.emit(int(item_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down/Enter in the field work the list; Escape clears the search.
        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.field.clear()
                return True
            rows = self.hits.rowCount()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and rows:
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(rows - 1, self.results.currentIndex().row() + step))
                self.results.setCurrentIndex(self.hits.index(row))
                return True
            current = self.results.currentIndex()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
                self._activate(current)
                return True
        return super().eventFilter(watched, event)
