"""Instant search over titles and notes; each hit shows its path, Enter jumps to it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from planner.domain.items import Status
from planner.services.queries import TreeQueries
from planner.ui.icons import icon

LIMIT = 200


class SearchPanel(QWidget):
    """A search field over a list of hits; the list shows only while there is a query."""

    activated = Signal(int)  # the item to show in the tree

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queries: TreeQueries | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)  # search once typing pauses
        self._timer.timeout.connect(self.run)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Search titles and notes  (Ctrl+F)")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.installEventFilter(self)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #6b7280; padding: 2px 4px;")
        self.results = QListWidget()
        self.results.setUniformItemSizes(True)
        # As tall as its hits, up to about eight of them: the tree stays in view.
        self.results.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.results.setMaximumHeight(8 * 36)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.field)
        layout.addWidget(self.summary)
        layout.addWidget(self.results)
        self._show_results(False)

    def set_queries(self, queries: TreeQueries | None) -> None:
        self.queries = queries
        self.run()

    def focus(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def run(self) -> None:
        text = self.field.text().strip()
        self.results.clear()
        if not text or self.queries is None:
            self._show_results(False)
            return
        hits = self.queries.search(text, LIMIT)
        for record, path in hits:
            where = " › ".join(path) if path else "Group"
            item = QListWidgetItem(f"{record.title}\n{where}")
            if record.is_group:
                item.setIcon(icon("group"))
            elif record.status is Status.DONE:
                item.setIcon(icon("done"))
            elif record.status is Status.DELETED:
                item.setIcon(icon("deleted"))
            else:
                item.setIcon(icon("goal" if len(path) == 1 else "task"))
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            item.setToolTip(f"{record.title}\n{where}")
            self.results.addItem(item)
        more = " (showing the first 200)" if len(hits) >= LIMIT else ""
        self.summary.setText(
            f"{len(hits)} {'match' if len(hits) == 1 else 'matches'}{more}"
            if hits
            else "No matches"
        )
        self._show_results(True)
        if hits:
            self.results.setCurrentRow(0)

    def _show_results(self, visible: bool) -> None:
        self.summary.setVisible(visible)
        self.results.setVisible(visible and self.results.count() > 0)

    def _activate(self, item: QListWidgetItem) -> None:
        self.activated.emit(int(item.data(Qt.ItemDataRole.UserRole)))

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
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.currentItem():
                self._activate(self.results.currentItem())
                return True
        return super().eventFilter(watched, event)
