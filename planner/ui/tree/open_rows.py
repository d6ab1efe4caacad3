"""Which rows the tree shows open, by key: kept as the user opens and closes rows (O(1)
each, never by walking the view), opened again after a reload or when a row comes back,
and opened all at once (View › Expand All, or a row with everything below it).

A row is opened only once its list of rows is loaded: the view then lays out real rows.
A row the user opens whose list is not loaded yet is laid out with empty rows first; its
list is loaded as the view says it opened, and the view lays itself out again.

Qt's own expandAll and expandRecursively would store every row as open, leaves included
(rows with no Qt item cannot say they never have children): 100,000 persistent indexes,
which Qt walks at every row removed. So only rows that have rows are opened, each with
setExpanded while the layout is pending: one layout at the end.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTreeView

from planner.ui.tree.nodes import ROOT

if TYPE_CHECKING:
    from planner.ui.tree.lazy import LazyTree

PROGRESS_AFTER_S = 0.3  # Expand All shows its progress once it has taken this long
BULK = 300  # more open rows than this to open again: the plan's shape is read at once

Progress = Callable[[int], None]  # percent done; -1 when finished


class OpenRows(QObject):
    """Handed the view; told of the model it shows (`bind`)."""

    changed = Signal()  # rows were opened or closed (to be saved, later)
    loaded = Signal()  # many rows were just loaded (a moment for a full collection)

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self.model: LazyTree | None = None
        self.keys: set[int] = set()
        self.progress: Progress | None = None  # where Expand All reports, when slow
        view.expanded.connect(self._expanded)
        view.collapsed.connect(self._collapsed)

    def bind(self, model: LazyTree | None) -> None:
        if self.model is not None:
            self.model.arrived.disconnect(self._arrived)
        self.model = model
        if model is not None:
            model.arrived.connect(self._arrived)

    # -- the user opens and closes rows --------------------------------------------------
    def _expanded(self, index: QModelIndex) -> None:
        model = self.model
        if model is None:
            return
        key = model.key_of(index)
        self.keys.add(key)
        if not model.is_loaded(index) and not model.busy:
            model.load_rows(index)
            self.view.scheduleDelayedItemsLayout()  # it was laid out with empty rows
        model.sort_opened(key)
        self.changed.emit()

    def _collapsed(self, index: QModelIndex) -> None:
        if self.model is not None:
            self.keys.discard(self.model.key_of(index))
            self.changed.emit()

    def prepare(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """The user may open this row now: its rows are loaded first."""
        if self.model is not None and index.isValid() and self.model.has_rows(index):
            self.model.load_rows(index)

    # -- the program opens rows ----------------------------------------------------------
    def open(self, index: QModelIndex) -> None:
        """Open one row, its rows loaded first."""
        self.prepare(index)
        self.view.expand(index)

    def open_keys(self, keys: Iterable[int]) -> None:
        """Open these rows (loaded, with rows), laying the view out once."""
        keys = list(keys)
        if self._set_open(keys, True) and self.model is not None:
            for key in keys:
                self.model.sort_opened(key)
            self.keys.update(keys)
            self.changed.emit()

    def close_keys(self, keys: Iterable[int]) -> None:
        """Close these rows (where shown), laying the view out once."""
        keys = list(keys)
        if self._set_open(keys, False):
            self.keys.difference_update(keys)
            self.changed.emit()

    def _set_open(self, keys: list[int], opened: bool) -> bool:
        """The rows of these keys shown open (closed), the view laid out once; False:
        no plan is shown."""
        model, view = self.model, self.view
        if model is None:
            return False
        view.scheduleDelayedItemsLayout()
        blocked = view.blockSignals(True)
        try:
            for key in keys:
                index = model.index_for_key(key)
                if index.isValid():
                    view.setExpanded(index, opened)
        finally:
            view.blockSignals(blocked)
        return True

    def expand_all(self) -> None:
        """Every row open: the plan's shape read at once, its lists given to Qt, then one
        layout; a busy cursor, and progress once it has taken a while."""
        model = self.model
        if model is None:
            return
        with self._busy():
            self._follow(model.load_all(ROOT))
            self.open_keys(model.keys_below(ROOT)[1:])
        self.loaded.emit()

    def collapse_all(self) -> None:
        blocked = self.view.blockSignals(True)
        try:
            QTreeView.collapseAll(self.view)
        finally:
            self.view.blockSignals(blocked)
        self.keys.clear()
        self.changed.emit()

    def expand_subtree(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """A row and every row below it open (Shift+click on its arrow, Shift+Right, *)."""
        model = self.model
        if model is None or not index.isValid() or not model.has_rows(index):
            return
        key = model.key_of(index)
        with self._busy():
            self._follow(model.load_all(key))
            self.open_keys(model.keys_below(key))
        self.loaded.emit()

    def reopen(self, keys: Iterable[int]) -> None:
        """Open these rows again where they are found (after a reload, at start, when
        rows come back), each list they are in loaded on the way down."""
        self.keys = set(keys)
        self._reopen_below([ROOT])

    def _arrived(self, keys: list[int]) -> None:
        """Rows made anew (an undone purge): open again what was open in them."""
        self._reopen_below([k for k in keys if k in self.keys])

    def _reopen_below(self, tops: list[int]) -> None:
        model = self.model
        if model is None or not tops:
            return
        if len(self.keys) > BULK:
            for top in tops:
                self._follow(model.load_all(top))
            self.loaded.emit()
        found, stack = [], list(tops)
        while stack:
            key = stack.pop()
            if key != ROOT:
                found.append(key)
            model.load_key(key)
            keys = self.keys
            stack.extend(k for k in model.listed_keys(key) if k in keys and model.key_has_rows(k))
        self.open_keys(found)

    # -- while rows load -----------------------------------------------------------------
    @contextlib.contextmanager
    def _busy(self) -> Iterator[None]:
        """A busy cursor, and the view in a state that tells the window not to change
        the model meanwhile (progress lets events through)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        state = self.view.state()
        self.view.setState(QAbstractItemView.State.ExpandingState)
        try:
            yield
        finally:
            self.view.setState(state)
            QApplication.restoreOverrideCursor()
            if self.progress is not None:
                self.progress(-1)

    def _follow(self, steps: Iterator[float]) -> None:
        """Run a load's steps; after PROGRESS_AFTER_S, report each and let the window
        paint it (no input: the user waits for the rows)."""
        started = time.perf_counter()
        for share in steps:
            if self.progress is not None and time.perf_counter() - started > PROGRESS_AFTER_S:
                self.progress(round(share * 100))
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
