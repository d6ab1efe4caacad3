"""A row the tree model moves is taken out and put back (Qt's items cannot move): what the
view had open, selected and current in it, and a zoom into it, come back with it. The open
rows are those OpenRows keeps by key: no walk of the view's rows, and they come back with
one layout (a goal of 1,830 with 231 rows open in it: 5-6 ms less an action)."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QTreeView

from planner.ui.tree.lazy import LazyTree
from planner.ui.tree.nodes import ROOT
from planner.ui.tree.open_rows import OpenRows

_SELECT = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
_NO_UPDATE = QItemSelectionModel.SelectionFlag.NoUpdate


class _Kept(NamedTuple):
    opened: list[int]  # keys of the open rows in the moved one (itself included), parents first
    selected: list[int]
    current: tuple[int, int] | None  # key, column
    root: int | None  # the view was zoomed into a row in it
    blocked: bool  # the selection model's signals were blocked before


class RelocationKeeper:
    """Follows a model's `relocating` and `relocated` for one view. Between the two the
    selection model is silent: to the window, the current row never left."""

    def __init__(self, view: QTreeView, model: LazyTree, open_rows: OpenRows) -> None:
        self.view, self.model, self.open_rows = view, model, open_rows
        self._kept: _Kept | None = None
        # The selected rows' keys by their own and each ancestor's key, made once for all
        # the rows one change moves (a selection of 450 rows moved took 3 s when each row
        # looked through the whole selection); forgotten when the selection or the model
        # changes otherwise, and once the change is over.
        self._selected: dict[int, list[int]] | None = None
        model.relocating.connect(self._before)
        model.relocated.connect(self._after)
        model.modelReset.connect(self._forget_selection)
        view.selectionModel().selectionChanged.connect(self._forget_selection)

    def _before(self, key: int) -> None:
        model, view = self.model, self.view
        top = model.index_for_key(key)
        opened = model.open_below(key, self.open_rows.keys)
        selection = view.selectionModel()
        current, root = selection.currentIndex(), view.rootIndex()
        self._kept = _Kept(
            opened,
            self._selected_by_ancestor().get(key, []),
            (model.key_of(current), current.column()) if _within(current, top) else None,
            model.key_of(root) if _within(root, top) else None,
            selection.blockSignals(True),
        )

    def _after(self, key: int) -> None:
        kept, self._kept = self._kept, None
        if kept is None:
            return
        model, view = self.model, self.view
        selection = view.selectionModel()
        try:
            self.open_rows.open_keys(kept.opened)
            if kept.root is not None:
                view.setRootIndex(model.index_for_key(kept.root))
            for selected in kept.selected:
                selection.select(model.index_for_key(selected), _SELECT)
            if kept.current is not None:
                key, column = kept.current
                current = model.index_for_key(key).siblingAtColumn(column)
                selection.setCurrentIndex(current, _NO_UPDATE)
        finally:
            selection.blockSignals(kept.blocked)

    def _selected_by_ancestor(self) -> dict[int, list[int]]:
        if self._selected is None:
            model, found = self.model, dict[int, list[int]]()
            for index in self.view.selectionModel().selectedRows():
                key = chain = model.key_of(index)
                while chain != ROOT:
                    found.setdefault(chain, []).append(key)
                    chain = model.parent_key(chain)
            self._selected = found
            QTimer.singleShot(0, self._forget_selection)
        return self._selected

    def _forget_selection(self) -> None:
        self._selected = None


def _within(index: QModelIndex | QPersistentModelIndex, top: QModelIndex) -> bool:
    """Whether an index is the row `top` or a row below it."""
    if not top.isValid():
        return False
    while index.isValid():
        if index.row() == top.row() and index.sibling(index.row(), 0) == top:
            return True
        index = index.parent()
    return False
