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

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from planner.domain.items import ItemRecord, Section, Status
from planner.services.plan import PlanService
from planner.services.queries import TreeQueries

MIME_TYPE = "application/x-planner-item-ids"
PAGE_SIZE = 200
INDEX_CACHE = 40_000  # indexes kept for reuse, at most (some 300 bytes each: 12 MB)
ROOT = 0
DONE, DELETED = 1, 2

Index = QModelIndex | QPersistentModelIndex


class Column:
    TITLE, DUE, CREATED, PROGRESS, PRIORITY, ASSIGNEE, TOTAL = range(7)
    NAMES = ("Title", "Due", "Created", "Progress", "Priority", "Assignee", "Total")


COLUMNS = len(Column.NAMES)


class Role:
    KEY = Qt.ItemDataRole.UserRole + 1
    PROGRESS = Qt.ItemDataRole.UserRole + 2
    KIND = Qt.ItemDataRole.UserRole + 3
    IMAGES = Qt.ItemDataRole.UserRole + 8  # how many images an item has (title column)
    PROGRESS_TEXT = Qt.ItemDataRole.UserRole + 4  # instead of "n%" (a metric's limit)


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

    @property
    def leaf(self) -> bool:
        """Nothing below it, listed or counted: a view need not ask for its children."""
        return not self.rows and not any(self.counts.values())


class LazyTree(QAbstractItemModel):
    """Groups, goals and tasks with their Done and Deleted sections, loaded on demand.
    What the rows show, and how they follow changes, is PlanTreeModel's part."""

    def __init__(self, service: PlanService, today: Callable[[], date] | None = None) -> None:
        super().__init__()
        self.service = service
        self.queries = TreeQueries(service.store)
        self.today = today or service.today
        self._nodes: dict[int, Node] = {}
        self._indexes: dict[tuple[int, int, int], QModelIndex] = {}
        # Item rows' flags (other columns, title), kept while no node changes: see flags().
        self._flags: dict[int, tuple[Qt.ItemFlag, Qt.ItemFlag]] = {}
        # While following a change the plan is ahead of the model, and while a page is
        # coming in a view may ask for it again: no fetching in either case.
        self._busy = False
        self._reset_nodes()

    def _reset_nodes(self) -> None:
        self._flags.clear()
        root = Node(ROOT, ROOT)
        root.counts = self.service.counts([None])[None]
        self._nodes = {ROOT: root}
        self._fetch(root)

    def reload(self) -> None:
        self.beginResetModel()
        self._reset_nodes()
        self.endResetModel()

    # -- structure -----------------------------------------------------------------------
    def _node(self, index: Index) -> Node:
        return self._nodes[index.internalId()] if index.isValid() else self._nodes[ROOT]

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
            owner = key // 4
            node = Node(key, item_key(owner) if owner else ROOT)
            self._nodes[key] = node
        return node

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        # Called for every row a view lays out (each time it lays itself out): a listed
        # child is one lookup. An invalid parent's internalId() is 0, the root's key; a node
        # not fetched yet lists no rows.
        rows = self._nodes[parent.internalId()].rows
        if 0 <= row < len(rows) and 0 <= column < COLUMNS:
            index = self._indexes.get((row, column, rows[row]))  # _index_at, inlined
            return self._index_at(row, column, rows[row]) if index is None else index
        return self._section_index(row, column, parent)

    def _index_at(self, row: int, column: int, key: int) -> QModelIndex:
        """createIndex, made once: an index is only (row, column, key, model), and making
        one costs more than the rest of what a view asks for a row."""
        index = self._indexes.get((row, column, key))
        if index is None:
            if len(self._indexes) >= INDEX_CACHE:
                self._indexes.clear()
            index = self._indexes[(row, column, key)] = self.createIndex(row, column, key)
        return index

    def _section_index(self, row: int, column: int, parent: Index) -> QModelIndex:
        """The index of a section row (Done, Deleted) after the listed rows, if any."""
        if column < 0 or column >= COLUMNS or row < 0:
            return QModelIndex()
        node = self._node(parent)
        if not node.fetched:
            return QModelIndex()
        sections = self._sections(node)
        if row - len(node.rows) >= len(sections):
            return QModelIndex()
        key = sections[row - len(node.rows)]
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
        return self._child_count(self._node(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return COLUMNS

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
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
            self._fetch_more(parent, node)

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        """While nodes change: no fetching, and no flags kept (a view asks for flags in the
        middle of a change too). Whatever changes a node forgets its flags (_forget_flags);
        a change cut short forgets them all."""
        self._busy = True
        try:
            yield
        except BaseException:
            self._flags.clear()
            raise
        finally:
            self._busy = False

    def _forget_flags(self, keys: Iterable[int]) -> None:
        """These nodes changed (status, rows or counts below them): their flags are made
        again when next asked for."""
        for key in keys:
            self._flags.pop(key, None)

    def _fetch_more(self, parent: Index, node: Node) -> None:
        if not node.fetched:
            # The first page brings the section rows along with it.
            keys, complete = self._next_page(node)
            node.fetched, node.rows = True, keys
            total = self._child_count(node)
            node.fetched, node.rows = False, []
            if total:
                self.beginInsertRows(parent, 0, total - 1)
            node.fetched, node.rows, node.complete = True, keys, complete
            node.changed()
            self._forget_flags([node.key])
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
        self._forget_flags([node.key])

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
        self._forget_flags(keys)
        return keys

    def open_candidates(self, parent: Index) -> list[QModelIndex]:
        """The rows under `parent` that have rows of their own, the only ones a view can
        show open: found among the loaded nodes, without asking the view about each row."""
        node = self._node(parent)
        if not node.fetched:
            return []
        nodes = self._nodes
        found = [self._index_at(r, 0, k) for r, k in enumerate(node.rows) if not nodes[k].leaf]
        for i, key in enumerate(self._sections(node), start=len(node.rows)):
            self._section_node(key)
            found.append(self._index_at(i, 0, key))
        return found

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

    def _owner_key(self, parent_key: int) -> int:
        """The item (or root) node whose children include the node listed under parent_key."""
        return parent_key - parent_key % 4

    def _target_key(self, record: ItemRecord) -> int:
        owner = record.parent_id
        if record.status is Status.ACTIVE:
            return item_key(owner) if owner else ROOT
        section = DONE if record.status is Status.DONE else DELETED
        return section_key(owner, section)
