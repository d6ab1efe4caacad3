"""The lazy tree's skeleton: node keys, nodes, and loading children page by page.

Nodes are keyed by small integers (never Python objects in an index): an item with id N is
4N, the Done section under item N is 4N+1 and its Deleted section 4N+2; the root is 0 and
the top-level section of deleted groups is 2.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from planner.domain.items import ItemRecord, Section, Status
from planner.services.plan import PlanService
from planner.services.queries import TreeQueries

MIME_TYPE = "application/x-planner-item-ids"
PAGE_SIZE = 200
FREE_MS = 200  # rows taken away are freed this long after (see LazyTree._take_away)
ROOT = 0
DONE, DELETED = 1, 2

Index = QModelIndex | QPersistentModelIndex


class Column:
    TITLE, DUE, CREATED, PROGRESS, PRIORITY, ASSIGNEE, TOTAL = range(7)
    NAMES = ("Title", "Due", "Created", "Progress", "Priority", "Assignee", "Total")  # not-ui


COLUMNS = len(Column.NAMES)

_F = Qt.ItemFlag
FLAGS_ROOT = _F.ItemIsDropEnabled
FLAGS_SECTION = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDropEnabled
_DRAG = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDragEnabled
_LEAF = _F.ItemNeverHasChildren  # a view laying out the row need not ask for its children
# An item's title cell, [deleted][leaf]; its other cells have no Qt item, and no flags of
# their own: the view refuses to edit them, the model to drop onto a deleted item's.
FLAGS_ITEM = tuple(
    tuple(base | leaf | _F.ItemIsEditable for leaf in (_F.NoItemFlags, _LEAF))
    for base in (_DRAG | _F.ItemIsDropEnabled, _DRAG)
)


class Role:
    KEY = Qt.ItemDataRole.UserRole + 1
    PROGRESS = Qt.ItemDataRole.UserRole + 2
    KIND = Qt.ItemDataRole.UserRole + 3
    IMAGES = Qt.ItemDataRole.UserRole + 8  # how many images an item has (title column)
    PROGRESS_TEXT = Qt.ItemDataRole.UserRole + 4  # instead of "n%" (a metric's limit)


KEY_ROLE = int(Role.KEY)


# A row's key: an item's (or group's) id times 4; the rows of its Done and Deleted
# sections, that plus DONE or DELETED; the top level, ROOT (its Deleted section: DELETED).
# Only the functions below read or make one.


def item_key(item_id: int) -> int:
    return item_id * 4


def section_key(owner_id: int | None, section: int) -> int:
    return item_key(owner_id or 0) + section


def is_section(key: int) -> bool:
    return key % 4 != 0


def section_of(key: int) -> int:
    """0 for an item's row (it lists its own active children), else DONE or DELETED."""
    return key % 4


def id_of(key: int) -> int:
    """The id of the item a key is of, or whose section it is (0: the top level)."""
    return key // 4


def owner_key(key: int) -> int:
    """The key of the item (or the top level) a row is of, or whose section it is."""
    return item_key(id_of(key))


def key_item_id(key: int) -> int | None:
    """The item id of an item key; None for the root and section keys."""
    return None if is_section(key) else id_of(key) or None


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
    item: QStandardItem | None = None  # its row's title cell, while the row is shown
    _row_of: dict[int, int] | None = None

    @property
    def owner_id(self) -> int | None:
        """The item whose children this node lists (None: the top level)."""
        return id_of(self.key) or None

    @property
    def section(self) -> int:
        return section_of(self.key)

    def row_of(self, key: int) -> int:
        if self._row_of is None:
            self._row_of = {k: i for i, k in enumerate(self.rows)}
        return self._row_of[key]

    def changed(self) -> None:
        self._row_of = None

    @property
    def leaf(self) -> bool:
        """Nothing below it, listed or counted: a view need not ask for its children."""
        return not self.rows and not any(self.counts.values())


class LazyTree(QStandardItemModel):
    """Groups, goals and tasks with their Done and Deleted sections, loaded on demand.
    What the rows show, and how they follow changes, is PlanTreeModel's part.

    The tree's shape lives in Qt's own items (one QStandardItem per row, in the title
    column, holding the row's key and flags), so what a view asks about every open row when
    it lays itself out (index, flags) is answered in C++: with 10,000 rows open, a Python
    model spends 40-60 ms on those questions after every change. Python answers only for
    the rows painted (data) and for the few rows that may have children (hasChildren).
    A Qt item cannot be moved: a row that moves is taken out and put back, between the
    signals `relocating` and `relocated` (the view keeps what it had open in it).
    The nodes change before a row is shown and after it is taken away: while Qt's signals
    run, they never say a row Qt still lists is gone."""

    relocating = Signal(int)  # a row (by key) is about to be taken out, to be put back
    relocated = Signal(int)  # ... and is back, at its new place

    def __init__(self, service: PlanService, today: Callable[[], date] | None = None) -> None:
        super().__init__()
        self.service = service
        self.queries = TreeQueries(service.store)
        self.today = today or service.today
        self.setColumnCount(COLUMNS)
        self._nodes: dict[int, Node] = {}
        # Rows taken away, and their nodes, are freed a moment later (see _take_away).
        self._taken: list[QStandardItem] = []
        self._let_go: list[Node] = []
        self._free_later = QTimer(self)
        self._free_later.setSingleShot(True)
        self._free_later.setInterval(FREE_MS)
        self._free_later.timeout.connect(self.free_taken)
        # While following a change the plan is ahead of the model, and while a page is
        # coming in a view may ask for it again: no fetching in either case.
        self._busy = False
        self._reset_nodes()

    def _reset_nodes(self) -> None:
        root = Node(ROOT, ROOT)
        root.item = self.invisibleRootItem()
        root.item.setFlags(FLAGS_ROOT)
        root.item.removeRows(0, root.item.rowCount())
        root.counts = self.service.counts([None])[None]
        self._nodes = {ROOT: root}
        self._fetch_more(root)

    def reload(self) -> None:
        self.beginResetModel()
        blocked = self.blockSignals(True)  # one reset, not a signal for each row
        try:
            self._reset_nodes()
        finally:
            self.blockSignals(blocked)
        with self._changing():  # a view fetches when it lays itself out, not amid the reset
            self.endResetModel()

    # -- structure -----------------------------------------------------------------------
    def key_of(self, index: Index) -> int:
        """The key of the row an index is in (any column); the root's for an invalid one."""
        if not index.isValid():
            return ROOT
        if index.column():
            index = index.sibling(index.row(), 0)
        return QStandardItemModel.data(self, index, KEY_ROLE)

    def parent_key(self, key: int) -> int:
        """The key of the row a loaded row is listed under (ROOT: the top level)."""
        return self._nodes[key].parent_key

    def _node(self, index: Index) -> Node:
        return self._nodes[self.key_of(index)]

    def _sections(self, node: Node) -> list[int]:
        """The section rows shown after a node's loaded rows (none before it is fetched)."""
        if node.section or not node.fetched:
            return []
        return [
            section_key(node.owner_id, s)
            for s, status in ((DONE, Status.DONE), (DELETED, Status.DELETED))
            if node.counts[status] > 0 and (node.key != ROOT or s == DELETED)
        ]

    def _child_count(self, node: Node) -> int:
        if not node.fetched:
            return 0
        return len(node.rows) + len(self._sections(node))

    def _section_node(self, key: int) -> Node:
        node = self._nodes.get(key)
        if node is None:
            node = Node(key, owner_key(key))
            self._nodes[key] = node
        return node

    def _flags_of(self, node: Node) -> Qt.ItemFlag:
        if node.section:
            return FLAGS_SECTION
        deleted = node.record is not None and node.record.status is Status.DELETED
        return FLAGS_ITEM[deleted][node.leaf]

    def _insert_rows(self, parent: Node, row: int, keys: Sequence[int]) -> None:
        """Show the rows of these nodes (already made and listed) under `parent`'s row."""
        items = []
        for key in keys:
            node = self._section_node(key) if is_section(key) else self._nodes[key]
            item = node.item = QStandardItem()
            item.setData(key, KEY_ROLE)
            item.setFlags(self._flags_of(node))
            item.setColumnCount(COLUMNS)  # the rows it will have show every column
            items.append(item)
        assert parent.item is not None
        parent.item.insertRows(row, items)

    def _take_away(self, parent: Node, row: int, key: int) -> None:
        """Take a row, with every row below it, away from Qt, and forget their nodes. Both
        are freed a moment later, between actions: freeing 10,000 rows' Qt items and nodes
        takes 10-15 ms, which the action need not wait for."""
        assert parent.item is not None and row >= 0
        self._taken.append(parent.item.takeRow(row)[0])
        if not is_section(key):
            parent.rows.pop(row)
            parent.changed()
        nodes, stack = self._nodes, [key]
        while stack:
            node = nodes.pop(stack.pop(), None)
            if node is None:
                continue
            self._let_go.append(node)
            if node.rows:
                stack += node.rows
            if not node.section:  # an item: its section nodes, where made
                for section in (DONE, DELETED):
                    if section_key(node.owner_id, section) in nodes:
                        stack.append(section_key(node.owner_id, section))
        self._free_later.start()

    def free_taken(self) -> None:
        """Free the rows taken away (Qt's items, with the rows below them) and their nodes.
        A taken item is Qt's, not Python's: dropping the last reference to it frees
        nothing."""
        for item in self._taken:
            if shiboken6.isValid(item):
                shiboken6.delete(item)
        self._taken.clear()
        self._let_go.clear()

    def _refresh_flags(self, keys: Iterable[int]) -> None:
        """These nodes changed (status, rows or counts below them): their rows' flags."""
        for key in keys:
            node = self._nodes.get(key)
            if node is not None and node.item is not None and key != ROOT:
                flags = self._flags_of(node)
                if node.item.flags() != flags:
                    node.item.setFlags(flags)

    def _index_of(self, key: int, column: int = 0) -> QModelIndex:
        node = self._nodes[key]
        if key == ROOT or node.item is None:
            return QModelIndex()
        index = node.item.index()
        return index.siblingAtColumn(column) if column else index

    def insertRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
        return False  # rows come and go with the plan's changes only (sync), never so

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
        return False  # (Qt asks this after a drag that ended as a move, say)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        # Asked only for rows not marked ItemNeverHasChildren: those that may have some.
        if parent.column() > 0:
            return False
        node = self._node(parent)
        if node.key == ROOT:
            return self._child_count(node) > 0
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
        with self._changing():
            self._fetch_more(node)

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        """While nodes change: no fetching."""
        self._busy = True
        try:
            yield
        finally:
            self._busy = False

    def _fetch_more(self, node: Node) -> None:
        keys, complete = self._next_page(node)
        if not node.fetched:
            # The first page brings the section rows along with it.
            node.fetched, node.rows, node.complete = True, keys, complete
            node.changed()
            self._insert_rows(node, 0, [*keys, *self._sections(node)])
            return
        first = len(node.rows)
        node.rows.extend(keys)
        node.complete = complete or not keys
        node.changed()
        if keys:
            self._insert_rows(node, first, keys)

    def _next_page(self, node: Node) -> tuple[list[int], bool]:
        records, complete = self._page(node)
        return self._adopt(node, records), complete

    def _page(self, node: Node) -> tuple[list[ItemRecord], bool]:
        after = None
        if node.rows:
            last_id = id_of(node.rows[-1])
            last = self.queries.get_many([last_id]).get(last_id)
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

    def open_candidates(self, parent: Index) -> list[QModelIndex]:
        """The rows under `parent` that have rows of their own, the only ones a view can
        show open: found among the loaded nodes, without asking the view about each row."""
        node = self._node(parent)
        if not node.fetched:
            return []
        nodes = self._nodes
        keys = [k for k in node.rows if not nodes[k].leaf] + self._sections(node)
        return [self._index_of(k) for k in keys]

    @property
    def busy(self) -> bool:
        """True while the model follows a change (or takes in a page of rows)."""
        return self._busy

    def fetch_all(self, parent: Index) -> None:
        while self.canFetchMore(parent):
            self.fetchMore(parent)

    # -- data ----------------------------------------------------------------------------
    def record(self, index: Index) -> ItemRecord | None:
        return self._node(index).record if index.isValid() else None

    def item_id(self, index: Index) -> int | None:
        return key_item_id(self.key_of(index)) if index.isValid() else None

    def section_of(self, index: Index) -> tuple[int | None, Section] | None:
        """For a section row: (owner item id or None for the top level, which section)."""
        if not index.isValid():
            return None
        node = self._nodes[self.key_of(index)]
        if not node.section:
            return None
        return node.owner_id, Section.DONE if node.section == DONE else Section.DELETED

    def index_for_item(self, item_id: int, column: int = 0) -> QModelIndex:
        """The index of an item if it is loaded in the model, else an invalid index."""
        return self.index_for_key(item_key(item_id), column)

    def index_for_key(self, key: int, column: int = 0) -> QModelIndex:
        """The index of a node's row if it is shown (while it has a Qt item), else an
        invalid index."""
        return self._index_of(key, column) if key in self._nodes else QModelIndex()

    def counts_of(self, item_id: int) -> dict[Status, int]:
        node = self._nodes.get(item_key(item_id))
        return dict(node.counts) if node else {}

    def container_index(self, record: ItemRecord) -> QModelIndex | None:
        """The index of the row an item is listed under (invalid: the top level), its
        parent loaded first; None when that parent is not loaded."""
        key = self._target_key(record)
        if key == ROOT:
            return QModelIndex()
        if not is_section(key):
            return self._index_of(key) if key in self._nodes else None
        owner = self._nodes.get(owner_key(key))
        if owner is None:
            return None
        if not owner.fetched:
            self.fetchMore(self._index_of(owner.key))
        return self.index_for_key(key) or None

    def _owner_key(self, parent_key: int) -> int:
        """The item (or root) node whose children include the node listed under parent_key."""
        return owner_key(parent_key)

    def _target_key(self, record: ItemRecord) -> int:
        owner = record.parent_id
        if record.status is Status.ACTIVE:
            return item_key(owner) if owner else ROOT
        section = DONE if record.status is Status.DONE else DELETED
        return section_key(owner, section)
