"""The goal tree as a lazy QAbstractItemModel: pages of children, Done/Deleted sections.

Nodes are keyed by small integers (never Python objects in an index): an item with id N is
4N, the Done section under item N is 4N+1 and its Deleted section 4N+2; the root is 0 and
the top-level section of deleted groups is 2. The model never changes the plan itself: the
window applies a change through the services and hands the outcome to `sync`, which turns
it into begin/end signals.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from planner.domain.countdown import countdown_text, is_overdue
from planner.domain.items import ItemRecord, Section, Status
from planner.domain.rollup import Rollup
from planner.services.plan import PlanService
from planner.services.queries import TreeQueries
from planner.ui.icons import icon

MIME_TYPE = "application/x-planner-item-ids"
PAGE_SIZE = 200
ROOT = 0
DONE, DELETED = 1, 2

Index = QModelIndex | QPersistentModelIndex


class Column:
    TITLE, DUE, CREATED, PROGRESS, PRIORITY = range(5)
    NAMES = ("Title", "Due", "Created", "Progress", "Priority")


class Role:
    KEY = Qt.ItemDataRole.UserRole + 1
    PROGRESS = Qt.ItemDataRole.UserRole + 2
    KIND = Qt.ItemDataRole.UserRole + 3


# Plain ints and ready-made flag sets: data() and flags() run thousands of times a second.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
FONT = int(Qt.ItemDataRole.FontRole)
DECORATION = int(Qt.ItemDataRole.DecorationRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
KEY_ROLE, PROGRESS_ROLE, KIND_ROLE = int(Role.KEY), int(Role.PROGRESS), int(Role.KIND)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
_F = Qt.ItemFlag
FLAGS_ROOT = _F.ItemIsDropEnabled
FLAGS_SECTION = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDropEnabled
_DRAG = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDragEnabled
# [deleted][title column]
FLAGS_ITEM = (
    (_DRAG | _F.ItemIsDropEnabled, _DRAG | _F.ItemIsDropEnabled | _F.ItemIsEditable),
    (_DRAG, _DRAG | _F.ItemIsEditable),
)


class _Style:
    """Fonts, colours and icons of the tree, made once (they need a running QApplication)."""

    def __init__(self) -> None:
        self.bold, self.struck, self.italic = QFont(), QFont(), QFont()
        self.bold.setBold(True)
        self.struck.setStrikeOut(True)
        self.italic.setItalic(True)
        self.muted = QBrush(QColor("#8a8f98"))
        self.overdue = QBrush(QColor("#c62828"))
        self.due_today = QBrush(QColor("#b35c00"))
        self.section = QBrush(QColor("#6b7280"))
        self.group_icon = icon("group")
        self.goal_icon = icon("goal")
        self.task_icon = icon("task")
        self.done_icon = icon("done")
        self.deleted_icon = icon("deleted")
        self.warning_icon = icon("warning")

    def icon(self, record: ItemRecord, goal: bool) -> QIcon:
        if record.is_group:
            return self.group_icon
        if record.status is Status.DONE:
            return self.done_icon
        return self.goal_icon if goal else self.task_icon


_STYLE: _Style | None = None


def _style() -> _Style:
    global _STYLE
    if _STYLE is None:
        _STYLE = _Style()
    return _STYLE


def item_key(item_id: int) -> int:
    return item_id * 4


def section_key(owner_id: int | None, section: int) -> int:
    return (owner_id or 0) * 4 + section


def key_item_id(key: int) -> int | None:
    """The item id of an item key; None for the root and section keys."""
    return key // 4 if key and key % 4 == 0 else None


@dataclasses.dataclass(eq=False)
class Node:
    key: int
    parent_key: int  # the node this one is listed under (the root for groups)
    record: ItemRecord | None = None  # items and groups
    counts: dict[Status, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(Status, 0))
    rows: list[int] = dataclasses.field(default_factory=list)  # listed item keys, loaded
    fetched: bool = False
    complete: bool = False
    late_child: ItemRecord | bool | None = False  # False: not looked up yet
    _row_of: dict[int, int] | None = None

    @property
    def owner_id(self) -> int | None:
        """The item whose children this node lists (None: the top level)."""
        return self.key // 4 or None

    @property
    def section(self) -> int:
        return self.key % 4  # 0: an item's own active children; DONE; DELETED

    def row_of(self, key: int) -> int:
        if self._row_of is None:
            self._row_of = {k: i for i, k in enumerate(self.rows)}
        return self._row_of[key]

    def changed(self) -> None:
        self._row_of = None


class PlanTreeModel(QAbstractItemModel):
    """Groups, goals and tasks with their Done and Deleted sections, loaded on demand."""

    # Emitted when the user renames in place or drops rows; the window turns them into
    # undoable commands.
    renameRequested = Signal(int, str)
    dropRequested = Signal(list, object, int, object)  # ids, parent id, row, Section

    def __init__(self, service: PlanService, today: Callable[[], date] | None = None) -> None:
        super().__init__()
        self.service = service
        self.queries = TreeQueries(service.store)
        self.today = today or service.today
        self._nodes: dict[int, Node] = {}
        # Progress of every item, built once after the first paint, then kept up to date.
        self.rollup: Rollup | None = None
        self._rollup_pending = False
        # While following a change the plan is ahead of the model, and while a page is
        # coming in a view may ask for it again: no fetching in either case.
        self._busy = False
        self._reset_nodes()

    def _reset_nodes(self) -> None:
        root = Node(ROOT, ROOT)
        root.counts = self.service.counts([None])[None]
        self._nodes = {ROOT: root}
        self.rollup = None
        self._fetch(root)

    def reload(self) -> None:
        self.beginResetModel()
        self._reset_nodes()
        self.endResetModel()

    # -- structure -----------------------------------------------------------------------
    def _node(self, index: Index) -> Node:
        return self._nodes[index.internalId()] if index.isValid() else self._nodes[ROOT]

    def _children(self, node: Node) -> list[int]:
        """The keys shown under a node: its loaded rows, then its visible sections."""
        if not node.fetched:
            return []
        if node.section:
            return node.rows
        extra = [
            section_key(node.owner_id, s)
            for s, status in ((DONE, Status.DONE), (DELETED, Status.DELETED))
            if node.counts[status] > 0 and (node.key != ROOT or s == DELETED)
        ]
        return node.rows + extra if extra else node.rows

    def _section_node(self, key: int) -> Node:
        node = self._nodes.get(key)
        if node is None:
            owner = key // 4
            node = Node(key, item_key(owner) if owner else ROOT)
            self._nodes[key] = node
        return node

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(Column.NAMES) or row < 0:
            return QModelIndex()
        children = self._children(self._node(parent))
        if row >= len(children):
            return QModelIndex()
        key = children[row]
        if key % 4:
            self._section_node(key)
        return self.createIndex(row, column, key)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._nodes[index.internalId()]
        if node.parent_key == ROOT:
            return QModelIndex()
        return self._index_of(node.parent_key)

    def _index_of(self, key: int, column: int = 0) -> QModelIndex:
        if key == ROOT:
            return QModelIndex()
        node = self._nodes[key]
        parent = self._nodes[node.parent_key]
        if node.section:
            row = len(parent.rows) + (
                1 if node.section == DELETED and parent.counts[Status.DONE] and parent.key else 0
            )
        else:
            row = parent.row_of(key)
        return self.createIndex(row, column, key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        return len(self._children(self._node(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(Column.NAMES)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        if parent.column() > 0:
            return False
        node = self._node(parent)
        if node.key == ROOT:
            return bool(self._children(node))
        # Rows already listed count too: while a change is followed, rows arrive before the
        # child counts are brought up to date.
        if node.rows:
            return True
        if node.section:
            return self._section_count(node) > 0
        return sum(node.counts.values()) > 0

    def _section_count(self, node: Node) -> int:
        owner = self._nodes.get(node.parent_key)
        status = Status.DONE if node.section == DONE else Status.DELETED
        return owner.counts[status] if owner else 0

    def canFetchMore(self, parent: Index) -> bool:
        if self._busy:
            return False
        node = self._node(parent)
        if node.key == ROOT or node.section:
            return not node.complete
        return not node.complete and sum(node.counts.values()) > 0

    def fetchMore(self, parent: Index) -> None:
        node = self._node(parent)
        if node.complete or self._busy:
            return
        self._busy = True
        try:
            self._fetch_more(parent, node)
        finally:
            self._busy = False

    def _fetch_more(self, parent: Index, node: Node) -> None:
        if not node.fetched:
            # The first page brings the section rows along with it.
            keys, complete = self._next_page(node)
            node.fetched, node.rows = True, keys
            total = len(self._children(node))
            node.fetched, node.rows = False, []
            if total:
                self.beginInsertRows(parent, 0, total - 1)
            node.fetched, node.rows, node.complete = True, keys, complete
            node.changed()
            if total:
                self.endInsertRows()
            return
        keys, complete = self._next_page(node)
        if keys:
            first = len(node.rows)
            self.beginInsertRows(parent, first, first + len(keys) - 1)
            node.rows.extend(keys)
            node.complete = complete
            node.changed()
            self.endInsertRows()
        else:
            node.complete = True

    def _fetch(self, node: Node) -> None:
        """Load the first page of a node without signals (while the model resets)."""
        node.rows, node.complete = self._next_page(node)
        node.fetched = True
        node.changed()

    def _next_page(self, node: Node) -> tuple[list[int], bool]:
        records, complete = self._page(node)
        return self._adopt(node, records), complete

    def _page(self, node: Node) -> tuple[list[ItemRecord], bool]:
        after = None
        if node.rows:
            last = self.queries.get_many([node.rows[-1] // 4]).get(node.rows[-1] // 4)
            after = None if last is None else (last.position, last.id)
        section = {0: Section.ACTIVE, DONE: Section.DONE, DELETED: Section.DELETED}[node.section]
        records = self.service.children(node.owner_id, section, after=after, limit=PAGE_SIZE + 1)
        complete = len(records) <= PAGE_SIZE
        return records[:PAGE_SIZE], complete

    def _adopt(self, parent: Node, records: Sequence[ItemRecord]) -> list[int]:
        """Make nodes for freshly read records listed under `parent`."""
        counts = self.service.counts([r.id for r in records]) if records else {}
        keys = []
        for record in records:
            key = item_key(record.id)
            self._nodes[key] = Node(key, parent.key, record, counts[record.id])
            keys.append(key)
        return keys

    def fetch_all(self, parent: Index) -> None:
        while self.canFetchMore(parent):
            self.fetchMore(parent)

    # -- data ----------------------------------------------------------------------------
    def record(self, index: Index) -> ItemRecord | None:
        return self._node(index).record if index.isValid() else None

    def item_id(self, index: Index) -> int | None:
        return key_item_id(index.internalId()) if index.isValid() else None

    def section_of(self, index: Index) -> tuple[int | None, Section] | None:
        """For a section row: (owner item id or None for the top level, which section)."""
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        if not node.section:
            return None
        return node.owner_id, Section.DONE if node.section == DONE else Section.DELETED

    def index_for_item(self, item_id: int, column: int = 0) -> QModelIndex:
        """The index of an item if it is loaded in the model, else an invalid index."""
        key = item_key(item_id)
        if key not in self._nodes:
            return QModelIndex()
        return self._index_of(key, column)

    def index_for_key(self, key: int) -> QModelIndex:
        """The index of a node by its key, if that node is loaded and shown."""
        node = self._nodes.get(key)
        if node is None and key % 4 and key - key % 4 in self._nodes:
            node = self._section_node(key)  # a section row's node is made when first asked for
        if node is None or key == ROOT:
            return QModelIndex()
        parent = self._nodes.get(node.parent_key)
        if parent is None or not parent.fetched:
            return QModelIndex()
        if node.section:
            return self._index_of(key) if self._section_count(node) else QModelIndex()
        return self._index_of(key) if key in parent.rows else QModelIndex()

    def counts_of(self, item_id: int) -> dict[Status, int]:
        node = self._nodes.get(item_key(item_id))
        return dict(node.counts) if node else {}

    def container_index(self, record: ItemRecord) -> QModelIndex | None:
        """The index of the row an item is listed under (invalid: the top level), its
        parent loaded first; None when that parent is not loaded."""
        key = self._target_key(record)
        if key == ROOT:
            return QModelIndex()
        if not key % 4:
            return self._index_of(key) if key in self._nodes else None
        owner_key = self._owner_key(key)
        if owner_key != ROOT and owner_key not in self._nodes:
            return None
        owner = self._nodes[owner_key]
        if not owner.fetched:
            self.fetchMore(self._index_of(owner_key))
        self._section_node(key)
        return self.index_for_key(key) or None

    def progress(self, item_id: int) -> tuple[int, int] | None:
        """(done, total) of the tasks below an item; None until the figures are loaded,
        which happens right after the first paint, so opening stays as fast as possible."""
        if self.rollup is None:
            if not self._rollup_pending:
                self._rollup_pending = True
                QTimer.singleShot(0, self.ensure_rollup)
            return None
        return self.rollup.progress(item_id)

    def ensure_rollup(self) -> Rollup:
        if self.rollup is None:
            self.rollup = self.queries.rollup()
            self._rollup_pending = False
            self._repaint_column(Column.PROGRESS)
        return self.rollup

    def _follow_rollup(self, ids: Sequence[int], fresh: dict[int, ItemRecord]) -> None:
        rollup = self.rollup
        if rollup is None:
            return
        for item_id in ids:
            record = fresh.get(item_id)
            if record is None:
                rollup.remove(item_id)
            elif rollup.contains(item_id):
                rollup.place(item_id, record.parent_id, record.status)
            else:
                rollup.add_subtree(self.queries.subtree_structure(item_id))

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        role = int(role)
        if role == KEY_ROLE:
            return node.key
        column = index.column()
        if node.section:
            return self._section_data(node, column, role)
        record = node.record
        assert record is not None
        if role in (DISPLAY, TOOLTIP):
            return self._text(record, column, role)
        if role == EDIT:
            return record.title if column == Column.TITLE else None
        if role == PROGRESS_ROLE:
            if column != Column.PROGRESS:
                return None
            figures = self.progress(record.id)
            if figures is None or figures[1] == 0:
                return None
            return 1.0 if record.status is Status.DONE else figures[0] / figures[1]
        if role == FOREGROUND:
            return self._foreground(record, column)
        if role == FONT:
            return self._font(record, column)
        if role == DECORATION:
            if column == Column.TITLE:
                return _style().icon(record, self._is_goal(record))
            if column == Column.DUE and self._late_child(node):
                return _style().warning_icon
        if role == ALIGNMENT and column == Column.PRIORITY:
            return CENTER
        if role == KIND_ROLE:
            return record.kind.value
        return None

    def _late_child(self, node: Node) -> ItemRecord | None:
        if node.late_child is False:
            record = node.record
            looked_for = record is not None and record.status is Status.ACTIVE
            if record is None or not looked_for or not node.counts[Status.ACTIVE]:
                node.late_child = None
            else:
                node.late_child = self.queries.late_child(record)
        return node.late_child if isinstance(node.late_child, ItemRecord) else None

    def _is_goal(self, record: ItemRecord) -> bool:
        parent = self._nodes.get(item_key(record.parent_id)) if record.parent_id else None
        return parent is not None and parent.record is not None and parent.record.is_group

    def _text(self, record: ItemRecord, column: int, role: int) -> str | None:
        tooltip = role == TOOLTIP
        if column == Column.TITLE:
            return None if tooltip and len(record.title) < 60 else record.title
        if record.is_group:
            return None
        if column == Column.DUE:
            if tooltip:
                text = record.due.strftime("Due %A, %d %B %Y") if record.due else "No due date"
                late = self._late_child(self._nodes[item_key(record.id)])
                if late is not None and late.due is not None:
                    text += f"\n{late.title!r} is due later: {late.due.strftime('%d %B %Y')}"
                return text
            done_on = record.done_at.astimezone().date() if record.done_at else None
            return countdown_text(record.due, record.status, done_on, self.today())
        if column == Column.CREATED:
            created = record.created.astimezone()
            return created.strftime("Created %d %B %Y, %H:%M" if tooltip else "%d %b %Y")
        if column == Column.PRIORITY:
            return record.priority.label or None
        if column == Column.PROGRESS and tooltip:
            figures = self.progress(record.id)
            if not figures or not figures[1]:
                return None
            return f"{figures[0]:,} of {figures[1]:,} tasks done"
        return None

    def _foreground(self, record: ItemRecord, column: int) -> QBrush | None:
        style = _style()
        if record.status is not Status.ACTIVE:
            return style.muted
        if column == Column.DUE and record.due is not None:
            today = self.today()
            if is_overdue(record.due, record.status, today):
                return style.overdue
            if record.due == today:
                return style.due_today
        return None

    def _font(self, record: ItemRecord, column: int) -> QFont | None:
        style = _style()
        if column == Column.TITLE:
            if record.is_group:
                return style.bold
            if record.status is Status.DONE:
                return style.struck
        elif column == Column.DUE and record.status is Status.ACTIVE:
            due_now = record.due is not None and record.due <= self.today()
            return style.bold if due_now else None
        return None

    def _section_data(self, node: Node, column: int, role: int) -> Any:
        if column != Column.TITLE:
            return None
        if role == DISPLAY:
            label = "Done" if node.section == DONE else "Deleted"
            return f"{label} ({self._section_count(node)})"
        if role == FOREGROUND:
            return _style().section
        if role == FONT:
            return _style().italic
        if role == DECORATION:
            return _style().done_icon if node.section == DONE else _style().deleted_icon
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            return Column.NAMES[section]
        if role == ALIGNMENT and section == Column.PRIORITY:
            return CENTER  # like the values below it
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return FLAGS_ROOT
        node = self._nodes[index.internalId()]
        if node.section:
            return FLAGS_SECTION
        deleted = node.record is not None and node.record.status is Status.DELETED
        title = index.column() == Column.TITLE
        return FLAGS_ITEM[deleted][title]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item_id = self.item_id(index)
        if item_id is None or role != Qt.ItemDataRole.EditRole or index.column() != Column.TITLE:
            return False
        self.renameRequested.emit(item_id, str(value))
        return True

    # -- drag and drop -------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[int] = []
        for index in sorted(indexes, key=self._visual_order):
            item_id = self.item_id(index)
            if item_id is not None and item_id not in ids:
                ids.append(item_id)
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
        if node.section:
            section = Section.DONE if node.section == DONE else Section.DELETED
            return node.owner_id, None, section
        index = row if 0 <= row <= len(node.rows) else None
        return node.owner_id, index, Section.ACTIVE

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = self.dragged_ids(data)
        if not ids or action not in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction):
            return False
        nodes = [self._nodes.get(item_key(i)) for i in ids]
        if any(n is None or n.record is None for n in nodes):
            return False
        records = [n.record for n in nodes if n and n.record]
        groups = {r.is_group for r in records}
        if len(groups) > 1:
            return False
        target_id, _, section = self.drop_target(row, parent)
        if True in groups:
            # Groups reorder at the top level, or go to the Deleted section of the top level.
            return target_id is None and (section is Section.ACTIVE or section is Section.DELETED)
        if target_id is None:
            return False
        target_node = self._nodes.get(item_key(target_id))
        if target_node is None or target_node.record is None:
            return False
        if section is Section.ACTIVE and target_node.record.status is Status.DELETED:
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
        target_id, index, section = self.drop_target(row, parent)
        self.dropRequested.emit(
            self.dragged_ids(data), target_id, -1 if index is None else index, section
        )
        # The move itself happens through the services; returning False keeps Qt from
        # trying to remove the dragged rows afterwards.
        return False

    # -- following changes ---------------------------------------------------------------
    def refresh_items(self, item_ids: Iterable[int]) -> None:
        """Re-read items whose fields changed (title, due, ...) and repaint their rows."""
        fresh = self.queries.get_many([i for i in item_ids if item_key(i) in self._nodes])
        for item_id, record in fresh.items():
            node = self._nodes[item_key(item_id)]
            node.record = record
            node.late_child = False
            self._forget_late_child(record.parent_id)
            self._row_changed(node.key)

    def _forget_late_child(self, parent_id: int | None) -> None:
        parent = self._nodes.get(item_key(parent_id)) if parent_id else None
        if parent is not None:
            parent.late_child = False
            self._row_changed(parent.key)

    def _row_changed(self, key: int) -> None:
        if key == ROOT or key not in self._nodes:
            return
        left = self._index_of(key, 0)
        right = left.siblingAtColumn(len(Column.NAMES) - 1)
        self.dataChanged.emit(left, right)

    def refresh_all(self) -> None:
        """Repaint every loaded row (the date changed: every countdown moves)."""
        self._repaint_column(0, len(Column.NAMES) - 1)

    def _repaint_column(self, first_column: int, last_column: int | None = None) -> None:
        last_column = first_column if last_column is None else last_column
        for node in list(self._nodes.values()):
            if node.fetched and node.rows:
                first = self._index_of(node.rows[0], first_column)
                last = self._index_of(node.rows[-1], last_column)
                self.dataChanged.emit(first, last)

    def sync(self, item_ids: Iterable[int], parents: Iterable[int | None] = ()) -> None:
        """Follow a change the services made to these items (moved, status changed, added
        or removed for good), with the begin/end signals Qt's views need. `parents`: where
        items removed for good were, for those the model may never have loaded (a collapsed
        Deleted section being emptied): their parents' counts and sections change too."""
        self._busy = True
        try:
            self._sync(list(dict.fromkeys(item_ids)), parents)
        finally:
            self._busy = False

    def _sync(self, ids: list[int], parents: Iterable[int | None] = ()) -> None:
        fresh = self.queries.get_many(ids)
        # Owners whose child counts may change: where the items were and where they are.
        owners: set[int] = {item_key(p) if p else ROOT for p in parents}
        for item_id in ids:
            node = self._nodes.get(item_key(item_id))
            if node is not None:
                owners.add(self._owner_key(node.parent_key))
            record = fresh.get(item_id)
            if record is not None:
                owners.add(item_key(record.parent_id) if record.parent_id else ROOT)
        self._follow_rollup(ids, fresh)
        new_counts = self.service.counts(
            [self._nodes[k].owner_id for k in owners if k in self._nodes]
        )
        # 1. Sections that appear get their row first, so items can move into them.
        for key in owners:
            owner = self._nodes.get(key)
            if owner is None:
                continue
            counts = new_counts[owner.owner_id]
            for status, section in ((Status.DONE, DONE), (Status.DELETED, DELETED)):
                if key == ROOT and section == DONE:
                    continue
                if owner.counts[status] == 0 and counts[status] > 0 and owner.fetched:
                    row = len(self._children(owner))
                    if section == DONE and owner.counts[Status.DELETED] > 0:
                        row -= 1
                    self.beginInsertRows(self._index_of(key), row, row)
                    owner.counts[status] = counts[status]
                    self._section_node(section_key(owner.owner_id, section))
                    self.endInsertRows()
        # 2. Items leave rows whose new place is not loaded; the rest move or arrive.
        placed: list[ItemRecord] = []
        for item_id in ids:
            record = fresh.get(item_id)
            node = self._nodes.get(item_key(item_id))
            target = None if record is None else self._target_key(record)
            target_node = self._nodes.get(target) if target is not None else None
            if record is not None and target_node is not None and target_node.fetched:
                placed.append(record)
            elif node is not None:
                self._remove_row(node)
        placed.sort(key=lambda r: (r.position, r.id))
        pending = {item_key(r.id) for r in placed}
        for record in placed:
            pending.discard(item_key(record.id))
            self._place_row(record, pending, {item_key(r.id) for r in placed})
        # 3. Counts settle; emptied sections go; changed rows repaint.
        for key in owners:
            owner = self._nodes.get(key)
            if owner is None:
                continue
            counts = new_counts[owner.owner_id]
            for status, section in ((Status.DELETED, DELETED), (Status.DONE, DONE)):
                if owner.counts[status] > 0 and counts[status] == 0 and owner.fetched:
                    if key == ROOT and section == DONE:
                        owner.counts[status] = 0
                        continue
                    skey = section_key(owner.owner_id, section)
                    row = self._index_of(skey).row()
                    self.beginRemoveRows(self._index_of(key), row, row)
                    owner.counts[status] = 0
                    self._drop_subtree(skey)
                    self.endRemoveRows()
            owner.counts = counts
            owner.late_child = False
            for section in (DONE, DELETED):
                if section_key(owner.owner_id, section) in self._nodes and owner.fetched:
                    skey = section_key(owner.owner_id, section)
                    status = Status.DONE if section == DONE else Status.DELETED
                    if counts[status] > 0:
                        self._row_changed(skey)
            self._row_changed(key)
        for item_id, record in fresh.items():
            node = self._nodes.get(item_key(item_id))
            if node is not None:
                node.record = record
                self._row_changed(node.key)
        for key in owners:
            self._ancestors_changed(key)

    def _owner_key(self, parent_key: int) -> int:
        """The item (or root) node whose children include the node listed under parent_key."""
        return parent_key - parent_key % 4

    def _target_key(self, record: ItemRecord) -> int:
        owner = record.parent_id
        if record.status is Status.ACTIVE:
            return item_key(owner) if owner else ROOT
        section = DONE if record.status is Status.DONE else DELETED
        return section_key(owner, section)

    def _place_row(self, record: ItemRecord, pending: set[int], placed: set[int]) -> None:
        """Move (or insert) one item's row to where the plan now has it, among the loaded
        rows of its new parent node; items still to be placed are skipped over."""
        key = item_key(record.id)
        target = self._nodes[self._target_key(record)]
        node = self._nodes.get(key)
        # Rows before it: siblings before it in the plan, less those still being placed.
        before = self.queries.rank(record)
        unaffected_loaded = sum(1 for k in target.rows if k not in placed)
        already = [k for k in target.rows if k in placed and k not in pending and k != key]
        unaffected_before = before - len(already)
        beyond = unaffected_before > unaffected_loaded or (
            unaffected_before == unaffected_loaded and not target.complete
        )
        if beyond:
            if node is not None:
                self._remove_row(node)
            return
        wanted = unaffected_before + len(already)
        row = len(target.rows)
        count = 0
        for i, k in enumerate(target.rows):
            if k == key or k in pending:
                continue
            if count == wanted:
                row = i
                break
            count += 1
        target_index = self._index_of(target.key)
        if node is None:
            self.beginInsertRows(target_index, row, row)
            counts = self.service.counts([record.id])[record.id]
            self._nodes[key] = Node(key, target.key, record, counts)
            target.rows.insert(row, key)
            target.changed()
            self.endInsertRows()
            return
        source = self._nodes[node.parent_key]
        source_row = source.row_of(key)
        if source is target and row in (source_row, source_row + 1):
            node.record = record
            return
        source_index = self._index_of(source.key)
        if not self.beginMoveRows(source_index, source_row, source_row, target_index, row):
            return
        source.rows.pop(source_row)
        source.changed()
        if source is target and row > source_row:
            row -= 1
        target.rows.insert(row, key)
        target.changed()
        node.parent_key = target.key
        node.record = record
        self.endMoveRows()

    def _remove_row(self, node: Node) -> None:
        parent = self._nodes[node.parent_key]
        row = parent.row_of(node.key)
        self.beginRemoveRows(self._index_of(parent.key), row, row)
        parent.rows.pop(row)
        parent.changed()
        self._drop_subtree(node.key)
        self.endRemoveRows()

    def _drop_subtree(self, key: int) -> None:
        stack = [key]
        while stack:
            node = self._nodes.pop(stack.pop(), None)
            if node is None:
                continue
            stack.extend(node.rows)
            if not node.section:
                stack.extend(section_key(node.owner_id, s) for s in (DONE, DELETED))

    def _ancestors_changed(self, key: int) -> None:
        while key != ROOT and key in self._nodes:
            if not key % 4:
                left = self._index_of(key, Column.PROGRESS)
                self.dataChanged.emit(left, left)
            key = self._nodes[key].parent_key
