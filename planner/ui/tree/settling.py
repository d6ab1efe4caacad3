"""The places of rows in a sorted list, settled after a sort: Qt finds an item it changes by
searching from where it last saw it, and the sort moved every item of places (see lazy.py's
top); touched where they now are, the next sort's hand-over of places is quick (by Due,
10,000 rows: 65 ms less). Done a moment after the sort, once the user has looked, a slice
at a time with the window's events let in between (10,000 rows took 160-190 ms at once:
the window stalled while the user looked at the sort)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QStandardItemModel

from planner.ui.tree.nodes import COLUMNS, ROOT

SORT_COLUMN = COLUMNS  # past the last column: the rows' places in a sort (see lazy.py)
SORT_ROLE = Qt.ItemDataRole.UserRole + 40
TOUCH_ROLE = Qt.ItemDataRole.UserRole + 41  # changed only to make Qt find an item again
SETTLE_MS = 300  # a sort's items of places are touched this long after it
SETTLE_SLICE_S = 0.004  # ... a slice of this long at a time
SETTLE_GAP_MS = 0  # ... the next slice once the window's events are in
SETTLE_STEP = 64  # (rows touched between two looks at the clock)


class PlaceSettling(QObject):
    """Handed the model and how to find a sorted list's index by its key (None: gone, or
    without its column of places)."""

    def __init__(
        self, model: QStandardItemModel, sorted_list: Callable[[int], QModelIndex | None]
    ) -> None:
        super().__init__(model)
        self.model, self.sorted_list = model, sorted_list
        self._moved: set[int] = set()  # sorted since the last settling
        self._settling: set[int] = set()  # the lists being settled, a slice at a time
        self._key, self._row = ROOT, 0  # the list being settled, how far
        self._touches = 0  # the value of this settling's touch
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(SETTLE_MS)
        self._later.timeout.connect(self._start)
        self._more = QTimer(self)  # the next slice, once the window's events are in
        self._more.setSingleShot(True)
        self._more.setInterval(SETTLE_GAP_MS)
        self._more.timeout.connect(lambda: self._slice(SETTLE_SLICE_S))

    @property
    def busy(self) -> bool:
        """Whether places are being settled (a slice at a time)."""
        return bool(self._settling)

    def moved(self, key: int) -> None:
        """A list was just sorted: settled again from its first row, a moment later."""
        self._settling.discard(key)
        if key == self._key:
            self._key = ROOT
        self._moved.add(key)
        self._later.start()

    def settle_all(self) -> None:
        """Every list sorted since the last settling settled now, at once."""
        self._start()
        while self._settling:
            self._slice(float("inf"))

    def _start(self) -> None:
        """A touch changes TOUCH_ROLE only (a new value, so Qt looks), never the places: a
        sort, or rows coming or going, between two slices finds every list in order."""
        self._settling.update(self._moved)
        self._moved = set()
        self._touches += 1
        self._slice(SETTLE_SLICE_S)

    def _slice(self, seconds: float) -> None:
        """Touch the items of places of the lists settling for about `seconds`, then let
        the window's events through before the next slice."""
        deadline = time.perf_counter() + seconds
        while self._settling:
            if self._key not in self._settling:
                self._key, self._row = next(iter(self._settling)), 0
            index = self.sorted_list(self._key)
            if index is not None and not self._touch(index, deadline):
                self._more.start()
                return
            self._settling.discard(self._key)
            self._key = ROOT  # (none: the next list starts from its first row)

    def _touch(self, index: QModelIndex, deadline: float) -> bool:
        """Touch a list's items of places from `_row` on, until the deadline; whether it
        got to the end. (Rows without one are left: a touch would make one.)"""
        model = self.model
        set_data, get, make_index = (
            QStandardItemModel.setData,
            QStandardItemModel.data,
            QStandardItemModel.index,
        )
        rows, touch, row = QStandardItemModel.rowCount(model, index), self._touches, self._row
        blocked = model.blockSignals(True)
        try:
            while row < rows:
                for at in range(row, min(rows, row + SETTLE_STEP)):
                    place = make_index(model, at, SORT_COLUMN, index)
                    if get(model, place, SORT_ROLE) is not None:
                        set_data(model, place, touch, TOUCH_ROLE)
                row += SETTLE_STEP
                if row < rows and time.perf_counter() > deadline:
                    self._row = row
                    return False
        finally:
            model.blockSignals(blocked)
        return True
