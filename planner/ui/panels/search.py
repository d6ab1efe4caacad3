"""Instant search over titles and notes; each hit shows its path, Enter jumps to it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from planner.domain.items import ItemRecord, Status
from planner.formats import number
from planner.i18n import _, ngettext, pgettext
from planner.services.queries import TreeQueries
from planner.ui.icons import icon
from planner.ui.language import Retranslated

LIMIT = 200
Hit = tuple[ItemRecord, list[str]]  # an item found, and the titles above it


class SearchPanel(Retranslated, QWidget):
    """A search field over a list of hits; the list shows only while there is a query."""

    activated = Signal(int)  # the item to show in the tree

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queries: TreeQueries | None = None
        self._hits: list[Hit] | None = None  # of the search shown (None: none is)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)  # search once typing pauses
        self._timer.timeout.connect(self.run)
        self.field = QLineEdit()
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
        self.retranslate()

    def retranslate(self) -> None:
        """The hint, and the hits shown, in the current language: the same hits, the same
        one chosen (the plan is not searched again)."""
        self.field.setPlaceholderText(_("Search titles and notes  (Ctrl+F)"))
        if self._hits is not None:
            row = self.results.currentRow()
            self._show_hits(self._hits)
            self.results.setCurrentRow(row)

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
            self._hits = None
            self._show_results(False)
            return
        self._hits = self.queries.search(text, LIMIT)
        self._show_hits(self._hits)
        if self._hits:
            self.results.setCurrentRow(0)

    def _show_hits(self, hits: list[Hit]) -> None:
        self.results.clear()
        for record, path in hits:
            where = " › ".join(path) if path else pgettext("kind", "Group")
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
        n = len(hits)
        if n >= LIMIT:
            summary = _("{n} matches (showing the first {limit})").format(
                n=number(n), limit=number(LIMIT)
            )
        elif hits:
            summary = ngettext("{n} match", "{n} matches", n).format(n=number(n))
        else:
            summary = _("No matches")
        self.summary.setText(summary)
        self._show_results(True)

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
