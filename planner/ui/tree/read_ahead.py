"""The records of the tree's rows read before they are painted: a frame reads the rows it
paints that have none (one screen, in one read), and the moments between frames read the
rows the next frames will paint, a slice at a time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPoint, QTimer
from PySide6.QtWidgets import QTreeView

from planner.ui.tree.model import PlanTreeModel

AHEAD_SCREENS = 2  # screens past the rows shown (the way the view last moved) read between frames
FAR_SCREENS = 8  # a move of at most this many screens is taken to go on as it went
SLICE_ROWS = 48  # records read at once between frames (about a screen, about 1 ms)
# The reading starts this long after a paint ends: a timer of 0 ms would run in the same
# pass of the event loop as the paint, before the frame is done.
IDLE_MS = 5


class ReadAhead(QObject):
    """Reads records for a view over a PlanTreeModel: `painting` at the start of each paint,
    then, a moment after it (`painted`), the screens the view is heading for (the screens
    below the rows shown, or above them when it last moved up; where a scroll bar dragged
    on lands next, when it moves by more than a screen) in slices. Nothing is read that a
    row has already."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self._read_slice)
        self._top_row = -1  # the scroll bar's value at the last paint (the top row shown)
        self._step = 0  # how far it moved between the last two paints (rows; up < 0)
        self._pending: list[int] | None = None  # keys to read between frames (None: to find)

    @property
    def busy(self) -> bool:
        """Whether rows are still to be read between frames."""
        return self._idle.isActive()

    def painting(self, model: PlanTreeModel) -> None:
        """A paint begins: the records of the rows it paints read in one go if any lacks
        one."""
        value = self.view.verticalScrollBar().value()
        if self._top_row >= 0 and value != self._top_row:
            self._step = value - self._top_row
        self._top_row = value
        height = self.view.viewport().height()
        top = self.view.indexAt(QPoint(1, 1))
        bottom = self.view.indexAt(QPoint(1, height - 2))
        if not all(not i.isValid() or model.has_record(i) for i in (top, bottom)):
            model.read_records(self._keys_from(model, top, self._screen_rows(top) + 1))

    def painted(self) -> None:
        """A paint ended: the rows ahead are read a moment later, between frames."""
        self._pending = None
        self._idle.start()

    def _screen_rows(self, top: QModelIndex) -> int:
        row_height = self.view.rowHeight(top) if top.isValid() else 0
        return max(1, self.view.viewport().height() // max(1, row_height or 20))

    def _keys_from(self, model: PlanTreeModel, index: QModelIndex, rows: int) -> list[int]:
        """The keys of `rows` rows shown from `index` on, down the view."""
        keys, key_of, below = [], model.key_of, self.view.indexBelow
        for _row in range(rows):
            if not index.isValid():
                break
            keys.append(key_of(index))
            index = below(index)
        return keys

    def _keys_ahead(self, model: PlanTreeModel) -> list[int]:
        """The keys of the rows the next frames will likely paint: the screens past the rows
        shown the way the view last moved (a screen at most: Page Down, the wheel), or,
        after a move of more than a screen (a scroll bar dragged), only the screen as far on
        again (rows passed over are not read: 100,000 rows' records are some 40 MB)."""
        view = self.view
        top = view.indexAt(QPoint(1, 1))
        if not top.isValid():
            return []
        screen, step = self._screen_rows(top), self._step
        move = view.indexAbove if step < 0 else view.indexBelow
        if abs(step) > screen:  # jumping: the screens passed over are not painted
            if abs(step) > FAR_SCREENS * screen:
                return []
            return self._keys_from(model, self._moved(top, abs(step), move), screen + 1)
        if step >= 0:  # from the last row shown (cut short, perhaps) down
            start = view.indexAt(QPoint(1, view.viewport().height() - 2))
        else:
            start = self._moved(top, AHEAD_SCREENS * screen, move)
        return self._keys_from(model, start if start.isValid() else top, AHEAD_SCREENS * screen + 1)

    @staticmethod
    def _moved(
        index: QModelIndex, rows: int, move: Callable[[QModelIndex], QModelIndex]
    ) -> QModelIndex:
        """The row shown `rows` rows on from `index` (the last one there is, at an end)."""
        for _row in range(rows):
            following = move(index)
            if not following.isValid():
                break
            index = following
        return index

    def _read_slice(self) -> None:
        model = self.view.model()
        if not isinstance(model, PlanTreeModel) or model.busy:
            return
        if self._pending is None:
            self._pending = [k for k in self._keys_ahead(model) if not model.key_has_record(k)]
        slice_keys, self._pending = self._pending[:SLICE_ROWS], self._pending[SLICE_ROWS:]
        if slice_keys:
            model.read_records(slice_keys)
        if self._pending:
            self._idle.start()
