"""The page that shows one view: its name, its rows (or what it is for, when it has none),
and the selection the window's item commands act on while it is shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from planner.domain.items import ItemRecord
from planner.ui.views.look import Repeats, RowLook, Totals
from planner.ui.views.rows import ReadPage, ViewRows

if TYPE_CHECKING:
    from planner.ui.entry.quick_add import QuickAddField

Flag = QItemSelectionModel.SelectionFlag


class ViewList(QListView):
    """The rows; Enter or a double click on one asks for it in the tree."""

    showInTreeRequested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers()
        if enter and self.state() != QAbstractItemView.State.EditingState:
            self._ask_tree(self.currentIndex())
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._ask_tree(self.indexAt(event.position().toPoint()))

    def _ask_tree(self, index: QModelIndex) -> None:
        model = self.model()
        row = model.row_at(index) if isinstance(model, ViewRows) else None
        if row is not None:
            self.showInTreeRequested.emit(row.record.id)


class ViewPage(QWidget):
    """Handed how to read today, an item's total and whether it repeats (see RowLook)."""

    currentMoved = Signal()  # another row is current: the details panel follows
    selectionMoved = Signal()  # the selected rows changed: which commands can run

    def __init__(self, today: Callable[[], date], total: Totals, repeats: Repeats) -> None:
        super().__init__()
        self.rows = ViewRows()
        self.caption = QLabel()
        font = QFont(self.caption.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.caption.setFont(font)
        self.caption.setContentsMargins(8, 8, 8, 4)
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #6b7280;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.list = ViewList()
        self.list.setModel(self.rows)
        self.list.setItemDelegate(RowLook(today, total, repeats, self.list))
        self.list.setUniformItemSizes(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        selection = self.list.selectionModel()
        selection.currentChanged.connect(lambda *_: self.currentMoved.emit())
        selection.selectionChanged.connect(lambda *_: self.selectionMoved.emit())
        self._quick: QuickAddField | None = None  # made when a view is first shown
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.caption)
        self._layout.addWidget(self.empty, 1)
        self._layout.addWidget(self.list, 1)
        self.setFocusProxy(self.list)

    def quick_field(self) -> QuickAddField:
        """The quick-add line under the view's name, made (and its module loaded) when a
        view is first shown, not when the window starts."""
        if self._quick is None:
            from planner.ui.entry.quick_add import QuickAddField

            self._quick = QuickAddField(self)
            self._layout.insertWidget(1, self._quick)
            self.setTabOrder(self._quick, self.list)
        return self._quick

    # -- what it shows -------------------------------------------------------------------
    def show_view(self, read: ReadPage, caption: str, empty: str) -> None:
        """A view from its first page, its first row current."""
        self.rows.show(read)
        self.name(caption, empty)
        self._settle(None)

    def name(self, caption: str, empty: str) -> None:
        """The view's name over it, and what it says when it has no rows."""
        self.caption.setText(caption)
        self.empty.setText(empty)

    def reread(self) -> None:
        """The same view read again (the plan changed), with the rows loaded, the scroll
        and the selection kept; a current row that left the view hands the current to the
        row now in its place."""
        selected = [r.id for r in self.selected_records()]
        current = self.current_record()
        place = self.list.currentIndex().row()
        scrolled = self.list.verticalScrollBar().value()
        with _quiet(self.list):
            self.rows.reread()
            self.select(selected, current.id if current is not None else None)
            if current is None or not self.rows.index_of(current.id).isValid():
                self._settle(place)
        self.list.verticalScrollBar().setValue(scrolled)
        self.currentMoved.emit()
        self.selectionMoved.emit()

    def _settle(self, place: int | None) -> None:
        """The empty text or the rows; a current row at `place` (None: the first), or
        the nearest row to it."""
        has_rows = bool(self.rows.entries)
        self.empty.setVisible(not has_rows)
        self.list.setVisible(has_rows)
        if not has_rows:
            return
        count = self.rows.rowCount()
        start = min(place if place is not None and place >= 0 else 0, count - 1)
        order = [*range(start, count), *range(start - 1, -1, -1)]
        for number in order:
            index = self.rows.index(number, 0)
            if self.rows.row_at(index) is not None:
                self.list.selectionModel().setCurrentIndex(index, Flag.ClearAndSelect)
                return

    # -- the selection -------------------------------------------------------------------
    # A past turn of a repeating item is not an item to act on: its record is the item as
    # it was then, and the item has come back since (Enter shows it in the tree).
    def current_record(self) -> ItemRecord | None:
        row = self.rows.row_at(self.list.currentIndex())
        return None if row is None or row.turn else row.record

    def current_item_id(self) -> int | None:
        """The current row's item (a past turn's too: Show in tree goes to it)."""
        row = self.rows.row_at(self.list.currentIndex())
        return None if row is None else row.record.id

    def selected_records(self) -> list[ItemRecord]:
        indexes = sorted(self.list.selectionModel().selectedIndexes(), key=QModelIndex.row)
        rows = [self.rows.row_at(i) for i in indexes]
        return [r.record for r in rows if r is not None and not r.turn]

    def select(self, item_ids: Sequence[int], current: int | None = None) -> bool:
        """Select these items' rows (those loaded), `current` (else the first) current;
        whether any was found."""
        selection = self.list.selectionModel()
        found = self.rows.indexes_of(item_ids)
        if not found:
            return False
        main = self.rows.index_of(current) if current is not None else found[0]
        selection.setCurrentIndex(main if main.isValid() else found[0], Flag.NoUpdate)
        chosen = QItemSelection()
        for index in found:
            chosen.select(index, index)
        selection.select(chosen, Flag.ClearAndSelect)
        self.list.scrollTo(self.list.currentIndex())
        return True

    def reveal(self, item_ids: Sequence[int], edit: bool = False) -> None:
        """What a step touched, selected where the view shows it (an item that left the
        view leaves the selection where it was)."""
        if self.select(item_ids) and edit:
            self.rename()

    def rename(self) -> None:
        """F2: the current row's title editor."""
        index = self.list.currentIndex()
        if self.rows.row_at(index) is not None:
            self.list.edit(index)


class _quiet:
    """Signals of a list's selection held while its rows are read again."""

    def __init__(self, view: QListView) -> None:
        self.selection = view.selectionModel()

    def __enter__(self) -> None:
        self.selection.blockSignals(True)

    def __exit__(self, *_exc: object) -> None:
        self.selection.blockSignals(False)
