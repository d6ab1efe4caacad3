"""Drag and drop in the goal tree: what a drag carries, where a drop may land, and what
it asks the window to do (the model itself never changes the plan)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal

from planner.domain.items import Section, Status
from planner.ui.tree.lazy import LazyTree
from planner.ui.tree.marks import dropped_files
from planner.ui.tree.nodes import DONE, MIME_TYPE, ROOT, Index, item_key


class TreeDragDrop(LazyTree):
    """The drag and drop part of the tree model."""

    # Emitted when the user drops rows or image files; the window turns them into undoable
    # commands.
    dropRequested = Signal(list, object, int, object)  # ids, parent id, row, Section
    filesDropped = Signal(int, list)  # item id, paths of files dropped onto its row
    # A drop between rows while the tree is sorted by a column: nothing moves (the order
    # shown is not the plan's); the window says why.
    reorderRefused = Signal()

    def is_sorted(self) -> bool:
        """Whether the rows are shown in another order than the plan's (a sorted column)."""
        return False

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction  # copy: image files

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE, "text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # type: ignore[override]
        ids: list[int] = []
        for index in sorted(indexes, key=self._visual_order):
            item_id = self.item_id(index)
            if item_id is not None and item_id not in ids:
                ids.append(item_id)
        if not ids:
            return None  # a section row alone (its other cells can be dragged): no drag
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(json.dumps({"ids": ids}).encode()))
        return mime

    def _visual_order(self, index: QModelIndex) -> list[int]:
        path = []
        while index.isValid():
            path.append(index.row())
            index = index.parent()
        return path[::-1]

    @staticmethod
    def dragged_ids(data: QMimeData) -> list[int]:
        if not data.hasFormat(MIME_TYPE):
            return []
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
            ids = payload["ids"]
        except (ValueError, KeyError, TypeError):
            return []
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
            return []
        return ids

    def drop_target(self, row: int, parent: Index) -> tuple[int | None, int | None, Section]:
        """Where a drop at (row, parent) goes: (parent item id or None for the top level,
        index among active children or None for the end, which section)."""
        node = self._node(parent)
        if node is None:
            return None, None, Section.ACTIVE
        if node.section:
            section = Section.DONE if node.section == DONE else Section.DELETED
            return node.owner_id, None, section
        index = row if 0 <= row <= len(node.rows or ()) else None
        return node.owner_id, index, Section.ACTIVE

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(MIME_TYPE):
            return self._file_drop_target(data, row, parent) is not None
        ids = self.dragged_ids(data)
        if not ids or action not in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction):
            return False
        if parent.isValid() and self._node(parent) is None:
            return False  # a row of a list not loaded (nobody can see it)
        nodes = [self._nodes.get(item_key(i)) for i in ids]
        found = [self._record_of(n) for n in nodes if n is not None]
        records = [r for r in found if r is not None]
        if len(records) < len(ids):
            return False
        groups = {r.is_group for r in records}
        if len(groups) > 1:
            return False
        target_id, index, section = self.drop_target(row, parent)
        if index is not None and self.is_sorted():
            self.reorderRefused.emit()
            return False
        if True in groups:
            # Groups reorder at the top level, or go to the Deleted section of the top level.
            return target_id is None and (section is Section.ACTIVE or section is Section.DELETED)
        if target_id is None:
            return False
        target_node = self._nodes.get(item_key(target_id))
        target = None if target_node is None else self._record_of(target_node)
        if target_node is None or target is None:
            return False
        if section is Section.ACTIVE and target.status is Status.DELETED:
            return False
        # No drop into the own subtree: walk up from the target through loaded nodes.
        dragged = {item_key(i) for i in ids}
        key = target_node.key
        while key != ROOT:
            if key in dragged:
                return False
            key = self._nodes[key].parent_key
        return True

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item_id = self._file_drop_target(data, row, parent)
        if item_id is not None:
            self.filesDropped.emit(item_id, dropped_files(data))
            return False  # never accepted as a move: the dropped files stay where they are
        target_id, index, section = self.drop_target(row, parent)
        self.dropRequested.emit(
            self.dragged_ids(data), target_id, -1 if index is None else index, section
        )
        # The move itself happens through the services; returning False keeps Qt from
        # trying to remove the dragged rows afterwards.
        return False

    def _file_drop_target(self, data: QMimeData, row: int, parent: Index) -> int | None:
        """The goal or task image files dropped right onto its row go to."""
        record = self.record(parent) if row < 0 else None
        if record is None or record.is_group or record.status is Status.DELETED:
            return None
        if not dropped_files(data):
            return None
        return record.id
