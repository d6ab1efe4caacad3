"""The tree model's skeleton: each row's whole list of rows, read when first needed, and
given to Qt so that a view lays out open rows without asking Python anything.

Qt's items hold the tree's shape: a row that has rows has a Qt item (in the title column)
with that many child rows from the moment it is made; rows with no rows of their own and
no flags of their own (most rows) have no Qt item at all, only their place. A view laying
out 100,000 open rows then asks every question in C++ (index, parent, rowCount,
hasChildren, flags): after a change with every row open, that layout takes about 20 ms
instead of 100 ms with a Python model. Python answers only for the rows painted (data).

Which row is which: the index of a row in a list points to the Qt item of the row the
list is under (`internalId`), which `_owners` maps to that row's key; the node then says
which key is at that row. So the nodes must say what Qt says at every moment a signal
runs: a change to a listed row is announced (`_expect`) and applied to the node by the
first receiver of Qt's rowsInserted / rowsRemoved, before any view or tester hears it.
Lists are read whole (one read of the index on (parent, status, position)): a parent of
10,000 rows takes about 10 ms, so there are no pages.

A list is shown in another order (a sorted column) by Qt's own sort of its rows, in C++:
each row moves with its rows, and every view's open rows, hidden rows and selection move
with it (`reorder`). The rows' places in that sort are held by Qt items in one column
past the last (SORT_COLUMN), under the lists ever reordered only (a long list has the
column from the start, empty until its first sort): Qt's sort of a list goes on into the
lists of its rows that have that column, so each such list keeps places that never
decrease down its rows (a row coming in takes the place of the row above it; none in an
empty column), and Qt's sort leaves it as it is. Those items are kept: Qt deletes a row's
item in time that grows with the list (10,000 took 0.2 s).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from planner.domain.errors import DamagedPlan
from planner.domain.items import ItemRecord, Section, Status
from planner.services.plan import PlanService
from planner.services.queries import TreeQueries
from planner.ui.tree.nodes import (
    COLUMNS,
    DELETED,
    DONE,
    FLAGS_ACTIVE,
    FLAGS_DELETED,
    FLAGS_ROOT,
    FLAGS_SECTION,
    ROOT,
    STATUS_OF_LIST,
    TOP_DELETED,
    UNKNOWN,
    Index,
    Node,
    id_of,
    is_section,
    item_key,
    key_item_id,
    owner_key,
    section_key,
    section_of,
    zero_counts,
)
from planner.ui.tree.settling import SORT_COLUMN, SORT_ROLE, PlaceSettling

FREE_MS = 200  # rows taken away are freed this long after (see LazyTree._take_away)
LONG_LIST = 1_000  # a list this long gets its column of places with its rows (see _dress)
RECORD_BATCH = 256  # records read at once for rows about to be painted
CountsByKey = dict[int, dict[Status, int]]


class LazyTree(QStandardItemModel):
    """Groups, goals and tasks with their Done and Deleted sections, each list loaded
    whole when first needed. What the rows show, and how they follow changes, is
    PlanTreeModel's part. A Qt item cannot move: a row that moves is taken out and put
    back, between the signals `relocating` and `relocated` (the view keeps what it had
    open in it)."""

    relocating = Signal(int)  # a row (by key) is about to be taken out, to be put back
    relocated = Signal(int)  # ... and is back, at its new place
    arrived = Signal(list)  # rows made anew by a change (an undone purge, say), by key
    damaged = Signal(object)  # DamagedPlan: a row's value does not read (told once)

    def __init__(self, service: PlanService, today: Callable[[], date] | None = None) -> None:
        super().__init__()
        self.service = service
        self.queries = TreeQueries(service.store)
        self.today = today or service.today
        self.damage_told = False
        self.setColumnCount(COLUMNS)
        self._nodes: dict[int, Node] = {}
        self._owners: dict[int, int] = {}  # Qt's address of a row -> its key
        # Rows taken away, and their nodes, are freed a moment later (see _take_away).
        self._taken: list[QStandardItem] = []
        self._let_go: list[Node] = []
        self._free_later = QTimer(self)
        self._free_later.setSingleShot(True)
        self._free_later.setInterval(FREE_MS)
        self._free_later.timeout.connect(self.free_taken)
        self._busy = False  # following a change: the plan is ahead of the model
        self._loading_all = False  # many lists are being loaded (load_all)
        self._expected: tuple[int, list[int] | None] | None = None  # see _expect
        self._ahead: tuple[dict[int, list[int]], CountsByKey] | None = None  # see reading_ahead
        # First of all receivers: the nodes follow Qt before anyone else hears of it.
        self.rowsInserted.connect(self._qt_inserted)
        self.rowsRemoved.connect(self._qt_removed)
        self.layoutChanged.connect(self._qt_reordered)
        self._reordered: dict[int, list[int]] = {}  # see reorder
        self._places = PlaceSettling(self, self._sorted_list)  # after a sort (see reorder)
        self.setSortRole(SORT_ROLE)
        self._reset_nodes()

    def _reset_nodes(self) -> None:
        root_item = self.invisibleRootItem()
        root_item.setFlags(FLAGS_ROOT)
        root_item.removeRows(0, root_item.rowCount())
        root = Node(ROOT, ROOT, self.service.counts([None])[None])
        root.address = shiboken6.getCppPointer(root_item)[0]
        self._nodes = {ROOT: root}
        self._owners = {root.address: ROOT}
        self._load(root)

    def reload(self) -> None:
        self.beginResetModel()
        with self._quiet():  # one reset, not a signal for each row
            self._reset_nodes()
        self.endResetModel()

    @contextlib.contextmanager
    def _quiet(self) -> Iterator[None]:
        """No signals: for rows no view has laid out yet (their places are Qt's already)."""
        blocked = self.blockSignals(True)
        try:
            yield
        finally:
            self.blockSignals(blocked)

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        self._busy = True
        try:
            yield
        finally:
            self._busy = False

    @property
    def busy(self) -> bool:
        """True while the model follows a change."""
        return self._busy

    # -- which row is which --------------------------------------------------------------
    def key_of(self, index: Index) -> int:
        """The key of the row an index is in (any column); the root's for an invalid one,
        UNKNOWN for a row of a list not loaded."""
        if not index.isValid():
            return ROOT
        owner = self._nodes.get(self._owners.get(index.internalId(), UNKNOWN))
        return UNKNOWN if owner is None else owner.key_at(index.row())

    def knows(self, key: int) -> bool:
        """Whether a row is listed in a loaded list (the root is always)."""
        return key in self._nodes

    def parent_key(self, key: int) -> int:
        """The key of the row a known row is listed under (ROOT: the top level)."""
        return self._nodes[key].parent_key

    def _node(self, index: Index) -> Node | None:
        return self._nodes.get(self.key_of(index))

    def _index_of(self, key: int, column: int = 0) -> QModelIndex:
        if key == ROOT:
            return QModelIndex()
        parent = self._nodes[self._nodes[key].parent_key]
        # (its row map asked directly: a filter asks for 6,000 rows' indexes)
        return self.createIndex(parent.row_map()[key], column, parent.address)

    def index_for_item(self, item_id: int, column: int = 0) -> QModelIndex:
        """The index of an item's row if the model lists it, else an invalid index."""
        return self.index_for_key(item_key(item_id), column)

    def index_for_key(self, key: int, column: int = 0) -> QModelIndex:
        return self._index_of(key, column) if key in self._nodes else QModelIndex()

    def has_rows(self, index: Index) -> bool:
        """Whether a row has rows (and so can be open)."""
        node = self._node(index)
        return node is not None and self._slot_count(node) > 0

    def key_has_rows(self, key: int) -> bool:
        node = self._nodes.get(key)
        return node is not None and self._slot_count(node) > 0

    def is_key_loaded(self, key: int) -> bool:
        """Whether a known row's list of rows is loaded (False: unknown, or no rows)."""
        node = self._nodes.get(key)
        return node is not None and node.rows is not None

    def is_loaded(self, index: Index) -> bool:
        """Whether a row's list of rows is loaded (a view may show it open)."""
        node = self._node(index)
        return node is not None and node.rows is not None

    def open_candidates(self, parent: Index) -> list[QModelIndex]:
        """The rows under `parent` that have rows, the only ones a view can show open."""
        node = self._node(parent)
        if node is None or node.rows is None:
            return []
        nodes, address = self._nodes, node.address
        return [
            self.createIndex(row, 0, address)
            for row, key in enumerate(node.listed())
            if is_section(key) or nodes[key].has_children
        ]

    def load_key(self, key: int) -> None:
        """Load the list of a known row that has rows (nothing for others)."""
        node = self._nodes.get(key)
        if node is not None and node.rows is None and (node.section or node.has_children):
            self._load(node)

    def listed_keys(self, key: int) -> list[int]:
        """The keys of the rows listed under a row (none while its list is not loaded)."""
        node = self._nodes.get(key)
        return [] if node is None else node.listed()

    def loaded_sections(self, keys: Iterable[int]) -> dict[int, set[int]]:
        """The keys of the section rows (Done, Deleted) of these lists, where loaded."""
        nodes = self._nodes
        found = {}
        for key in keys:
            node = nodes.get(key)
            if node is not None and node.sections:
                found[key] = set(node.sections)
        return found

    def keys_below(self, key: int) -> list[int]:
        """The keys of the loaded rows with rows below a row (itself included), parents
        first: what can be open in it."""
        found, stack = [], [key]
        while stack:
            node = self._nodes.get(stack.pop())
            if node is None or not (node.section or node.has_children):
                continue
            found.append(node.key)
            stack.extend(reversed(node.listed()))
        return found

    def open_below(self, key: int, open_keys: set[int]) -> list[int]:
        """Of `open_keys`, the rows below a row (itself included) whose lists are loaded,
        parents first: those that can be shown open in it without reading the plan."""
        nodes = self._nodes
        return [k for k in self.keys_below(key) if k in open_keys and nodes[k].rows is not None]

    # -- lists of rows -------------------------------------------------------------------
    def load_rows(self, index: Index) -> None:
        """Load a row's list of rows (if it has not got it), before a view shows it open."""
        node = self._node(index)
        if node is not None and node.rows is None:
            self._load(node)

    def _load(self, node: Node) -> None:
        """Read a node's whole list and show it: its rows' places are Qt's already."""
        ahead = self._ahead
        if ahead is not None and (keys := ahead[0].pop(node.key, None)) is not None:
            self._adopt(node, keys, ahead[1])
            return
        status = STATUS_OF_LIST[node.section] if node.section else Status.ACTIVE
        ids, counted = self.queries.child_list(node.owner_id, status)
        counts: CountsByKey = {}
        for child, listed, n in counted:
            counts.setdefault(item_key(child), zero_counts())[STATUS_OF_LIST[listed]] = n
        self._adopt(node, [item_key(i) for i in ids], counts)

    def lists_read(self, keys: Iterable[int]) -> dict[int, list[int]]:
        """The lists of these rows (by key: their rows' keys, in order) in one read: a
        filter's 3,000 paths at once, not 3,000 reads (nor the whole plan's shape)."""
        owners = {id_of(key) for key in keys} - {0}  # (the top level is always loaded)
        lists = _grouped(self.queries.lists_of(sorted(owners)))
        for key in keys:
            if id_of(key) in owners:
                lists.setdefault(key, [])
        return lists

    @contextlib.contextmanager
    def reading_ahead(self, lists: dict[int, list[int]], counts: CountsByKey) -> Iterator[None]:
        """While this lasts, a list loaded (load_key, a row opened; parents first) takes
        its rows from `lists` (lists_read, the plan unchanged since) and leaves it there.
        `counts`: the children by status of every item, for the rows the lists bring (the
        rollup's links)."""
        self._ahead = (lists, counts)
        try:
            yield
        finally:
            self._ahead = None

    def _adopt(self, node: Node, keys: list[int], counts: CountsByKey) -> None:
        """Give a node its list: nodes for its rows (a row shown elsewhere stays there:
        while a change is followed, it is placed afterwards), then Qt's items for the rows
        that have rows or flags of their own."""
        nodes = self._nodes
        keys = [k for k in keys if k not in nodes]
        for key in keys:
            nodes[key] = Node(key, node.key, counts.get(key))
        sections = self._section_keys(node)
        index = self._index_of(node.key)
        self._fit_rows(node, index, len(keys) + len(sections))
        node.rows, node.sections = keys, sections
        node.changed()
        with self._quiet():
            self._dress_rows(node, keys, sections)
        self._list_loaded(node.key)

    def _list_loaded(self, key: int) -> None:
        """A list was just loaded (in the order the plan keeps)."""

    def sort_opened(self, key: int) -> None:
        """A row was opened (its list is loaded): shown in the order a view asks for."""

    def _section_keys(self, node: Node) -> list[int]:
        if node.section:
            return []
        counts = node.counts
        return [
            section_key(node.owner_id, s)
            for s, status in ((DONE, Status.DONE), (DELETED, Status.DELETED))
            if counts[status] > 0 and (node.key != ROOT or s == DELETED)
        ]

    def _slot_count(self, node: Node) -> int:
        """How many rows Qt holds under a node's row: its list's, loaded or not."""
        if node.rows is not None:
            return len(node.rows) + len(node.sections)
        if node.section:
            owner = self._nodes.get(node.parent_key)
            return 0 if owner is None else owner.counts[STATUS_OF_LIST[node.section]]
        if node._counts is None:
            return 0
        return node._counts[Status.ACTIVE] + len(self._section_keys(node))

    def _fit_rows(self, node: Node, index: QModelIndex, wanted: int) -> None:
        """Make Qt hold `wanted` rows under a node whose list is not loaded (the places of
        rows no one has seen: counts read earlier may be out of date)."""
        have = QStandardItemModel.rowCount(self, index)
        if have < wanted:
            self._give_rows(node, index, have, wanted - have)
        elif have > wanted:
            QStandardItemModel.removeRows(self, wanted, have - wanted, index)

    def _give_rows(self, node: Node, index: QModelIndex, at: int, count: int) -> None:
        """Add `count` empty rows under a node's row (its Qt item made if it has none)."""
        if QStandardItemModel.columnCount(self, index) < COLUMNS:
            with self._quiet():  # no rows yet: nothing anyone could have seen changes
                QStandardItemModel.insertColumns(self, 0, COLUMNS, index)
        if not node.address:
            self._register(node, self.itemFromIndex(index) if index.isValid() else None)
        QStandardItemModel.insertRows(self, at, count, index)

    def _register(self, node: Node, item: QStandardItem | None) -> None:
        """Remember where Qt keeps a row that has (or will have) rows."""
        if item is not None:
            node.address = shiboken6.getCppPointer(item)[0]
            self._owners[node.address] = node.key

    def _dress_rows(self, node: Node, keys: Sequence[int], sections: Sequence[int]) -> None:
        """Qt items for the rows of a list just loaded that need one (signals off: no view
        has laid these rows out with anything but Qt's defaults)."""
        nodes, address = self._nodes, node.address
        deleted = node.section == DELETED
        for row, key in enumerate(keys):
            child = nodes[key]
            if deleted or child.has_children:
                self._dress(child, self.createIndex(row, 0, address), deleted)
        for at, key in enumerate(sections, len(keys)):
            section = self._nodes.get(key)
            if section is None:
                section = self._nodes[key] = Node(key, node.key)
            self._dress(section, self.createIndex(at, 0, address), False)

    def _dress(self, node: Node, index: QModelIndex, deleted: bool) -> None:
        """A row's flags and its rows' places, as its node says."""
        if node.section or deleted:
            item = self.itemFromIndex(index)
            item.setFlags(FLAGS_SECTION if node.section else FLAGS_DELETED)
        count = self._slot_count(node)
        if count:
            if QStandardItemModel.columnCount(self, index) < COLUMNS:
                # A long list's column of places made now, while it has no rows: added to
                # 10,000 rows at the first sort, Qt took 45-75 ms (it moves every row).
                columns = SORT_COLUMN + 1 if count >= LONG_LIST else COLUMNS
                QStandardItemModel.insertColumns(self, 0, columns, index)
            QStandardItemModel.insertRows(self, 0, count, index)
            node.address = QStandardItemModel.index(self, 0, 0, index).internalId()
            self._owners[node.address] = node.key

    def _flags_of(self, node: Node) -> Qt.ItemFlag:
        if node.section:
            return FLAGS_SECTION
        return FLAGS_DELETED if node.status is Status.DELETED else FLAGS_ACTIVE

    def _refresh_flags(self, keys: Iterable[int]) -> None:
        """These nodes' status may have changed: their rows' flags."""
        for key in keys:
            node = self._nodes.get(key)
            if node is None or key == ROOT:
                continue
            index = self._index_of(key)
            flags = self._flags_of(node)
            if QStandardItemModel.flags(self, index) != flags:
                self.itemFromIndex(index).setFlags(flags)

    # -- changes to loaded lists (nodes follow Qt) ---------------------------------------
    def _expect(self, owner: Node, keys: list[int] | None) -> None:
        """The next rowsInserted (keys: the rows' keys) or rowsRemoved (None) under a
        loaded list is this node's: its list follows Qt's before anyone hears of it."""
        self._expected = (owner.key, keys)

    def _qt_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        self._keep_places(parent, first, last)
        expected, self._expected = self._expected, None
        if expected is None or expected[1] is None:
            return  # empty places under a list not loaded
        node = self._nodes[expected[0]]
        assert node.rows is not None
        for at, key in enumerate(expected[1], first):
            if is_section(key):
                node.sections.insert(at - len(node.rows), key)
            else:
                node.rows.insert(at, key)
        node.changed()

    def _qt_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        expected, self._expected = self._expected, None
        if expected is None or expected[1] is not None:
            return
        node = self._nodes[expected[0]]
        assert node.rows is not None
        for row in range(last, first - 1, -1):
            if row < len(node.rows):
                node.rows.pop(row)
            else:
                node.sections.pop(row - len(node.rows))
        node.changed()

    # -- another order (a sorted column) -------------------------------------------------
    def reorder(self, orders: dict[int, list[int]]) -> None:
        """Show loaded lists' item rows in these orders (by the list's key: the same keys
        in another order; its sections stay after them), each list with one sort of Qt's."""
        orders = {
            key: keys
            for key, keys in orders.items()
            if (node := self._nodes.get(key)) is not None
            and node.rows is not None
            and keys != node.rows
        }
        for key, keys in orders.items():
            node = self._nodes[key]
            assert node.rows is not None and len(keys) == len(node.rows)
            place = {k: at for at, k in enumerate(keys)}
            places = [place[k] for k in node.rows]
            self._give_places(node, places + list(range(len(keys), len(node.listed()))))
            self._reordered = {key: keys}
            item = self._owner_item(node)
            item.sortChildren(SORT_COLUMN)
            if key == ROOT:  # the header must never see the column
                with self._quiet():
                    item.setColumnCount(COLUMNS)
            else:
                self._places.moved(key)

    @property
    def settling(self) -> bool:
        """Whether a sort's places are being settled (a slice at a time)."""
        return self._places.busy

    def settle_places(self) -> None:
        """Every list sorted since the last settling settled now, at once (the window
        settles them a slice at a time: see settling.py)."""
        self._places.settle_all()

    def _sorted_list(self, key: int) -> QModelIndex | None:
        """A loaded list's index, if it has its column of places (else None)."""
        node = self._nodes.get(key)
        if node is None or node.rows is None:
            return None
        index = self._index_of(key)
        return index if QStandardItemModel.columnCount(self, index) > SORT_COLUMN else None

    def _give_places(self, node: Node, places: list[int]) -> None:
        """Each row's place in the coming sort, in SORT_COLUMN (made if the list has none)."""
        item = self._owner_item(node)
        index = self._index_of(node.key)
        set_data, make_index = QStandardItemModel.setData, QStandardItemModel.index
        with self._quiet():
            if item.columnCount() <= SORT_COLUMN:
                item.setColumnCount(SORT_COLUMN + 1)
            for row, place in enumerate(places):
                set_data(self, make_index(self, row, SORT_COLUMN, index), place, SORT_ROLE)

    def _qt_reordered(self) -> None:
        """First of all receivers of layoutChanged: the nodes of lists Qt just sorted."""
        reordered, self._reordered = self._reordered, {}
        for key, keys in reordered.items():
            node = self._nodes[key]
            node.rows = keys
            node.changed()

    def _keep_places(self, parent: QModelIndex, first: int, last: int) -> None:
        """Rows came into a list once reordered: each takes the place of the row above it,
        so that a sort of a list above leaves this one as it is."""
        if QStandardItemModel.columnCount(self, parent) <= SORT_COLUMN:
            return
        make_index, set_data = QStandardItemModel.index, QStandardItemModel.setData
        beside = first - 1 if first else last + 1  # a row there before these
        if beside >= QStandardItemModel.rowCount(self, parent) or (
            QStandardItemModel.data(self, make_index(self, beside, SORT_COLUMN, parent), SORT_ROLE)
            is None
        ):
            return  # never reordered (a long list has the column from the start)
        above = make_index(self, first - 1, SORT_COLUMN, parent) if first else None
        place = QStandardItemModel.data(self, above, SORT_ROLE) if above is not None else None
        place = -1 if place is None else place
        with self._quiet():
            for row in range(first, last + 1):
                set_data(self, make_index(self, row, SORT_COLUMN, parent), place, SORT_ROLE)

    def _owner_item(self, owner: Node) -> QStandardItem:
        """The Qt item of a loaded list's row, ready to hold rows."""
        if owner.key == ROOT:
            return self.invisibleRootItem()
        index = self._index_of(owner.key)
        if QStandardItemModel.columnCount(self, index) < COLUMNS:
            with self._quiet():
                QStandardItemModel.insertColumns(self, 0, COLUMNS, index)
        item = self.itemFromIndex(index)
        if not owner.address:
            self._register(owner, item)
        return item

    def _insert_rows(self, owner: Node, row: int, keys: list[int]) -> None:
        """Show rows for these nodes (made already, not listed yet) in a loaded list."""
        index = self._index_of(owner.key)
        self._owner_item(owner)
        self._expect(owner, keys)
        QStandardItemModel.insertRows(self, row, len(keys), index)
        with self._quiet():  # the new rows' own rows: a view lays them out later
            for at, key in enumerate(keys, row):
                node = self._nodes[key]
                deleted = not node.section and node.status is Status.DELETED
                if deleted or node.section or node.has_children:
                    self._dress(node, self.createIndex(at, 0, owner.address), deleted)

    def _move_row(self, node: Node, target: Node, row: int) -> None:
        """Take a row (with its rows) out of its list and put it back at `row` of a loaded
        list (the row counted without it when both are the same list)."""
        source = self._nodes[node.parent_key]
        source_item = self._owner_item(source)
        self.relocating.emit(node.key)
        self._expect(source, None)
        taken = source_item.takeRow(source.row_of(node.key))
        node.parent_key = target.key
        target_item = self._owner_item(target)
        self._expect(target, [node.key])
        if taken and taken[0] is not None:
            target_item.insertRow(row, [taken[0]])
        else:
            QStandardItemModel.insertRows(self, row, 1, self._index_of(target.key))
        self.relocated.emit(node.key)

    def _take_away(self, owner: Node, key: int) -> None:
        """Take a row, with every row below it, away from Qt, and forget their nodes. Both
        are freed a moment later, between actions: freeing 10,000 rows' Qt items and nodes
        takes 10-15 ms, which the action need not wait for."""
        item = self._owner_item(owner)
        self._expect(owner, None)
        taken = item.takeRow(owner.row_of(key))
        if taken and taken[0] is not None:
            self._taken.append(taken[0])
        nodes, stack = self._nodes, [key]
        while stack:
            node = nodes.pop(stack.pop(), None)
            if node is None:
                continue
            self._let_go.append(node)
            if node.address:
                self._owners.pop(node.address, None)
            stack += node.listed()
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

    def insertRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
        return False  # rows come and go with the plan's changes only (sync), never so

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
        return False  # (Qt asks this after a drag that ended as a move, say)

    # -- records -------------------------------------------------------------------------
    def record(self, index: Index) -> ItemRecord | None:
        node = self._node(index) if index.isValid() else None
        return None if node is None else self._record_of(node)

    def _record_of(self, node: Node) -> ItemRecord | None:
        """A node's record, read with those of the rows around it if it was not read yet
        (rows a list brings have none until they are painted or asked about)."""
        if node.record is not None or node.section or node.key == ROOT:
            return node.record
        parent = self._nodes[node.parent_key]
        at = parent.row_of(node.key)
        rows = parent.rows or []
        self.read_records(rows[max(0, at - RECORD_BATCH // 4) : at + RECORD_BATCH])
        return node.record

    def read_records(self, keys: Iterable[int]) -> None:
        """Read, in one go, the records of these rows that have none yet."""
        nodes = self._nodes
        missing = [
            k
            for k in keys
            if not is_section(k) and (n := nodes.get(k)) is not None and n.record is None
        ]
        if not missing:
            return
        try:
            fresh = self.queries.get_many([id_of(k) for k in missing])
        except DamagedPlan as e:  # asked while painting: told once, the rows stay blank
            if not self.damage_told:
                self.damage_told = True
                self.damaged.emit(e)
            return
        for key in missing:
            nodes[key].record = fresh.get(id_of(key))

    def has_record(self, index: Index) -> bool:
        return self.key_has_record(self.key_of(index))

    def key_has_record(self, key: int) -> bool:
        """Whether a row needs no record read (read already, a section, or not listed)."""
        node = self._nodes.get(key)
        return node is None or node.section != 0 or node.record is not None

    def item_id(self, index: Index) -> int | None:
        return key_item_id(self.key_of(index)) if index.isValid() else None

    def section_of(self, index: Index) -> tuple[int | None, Section] | None:
        """For a section row: (owner item id or None for the top level, which section)."""
        node = self._node(index) if index.isValid() else None
        if node is None or not node.section:
            return None
        return node.owner_id, Section.DONE if node.section == DONE else Section.DELETED

    def counts_of(self, item_id: int) -> dict[Status, int]:
        node = self._nodes.get(item_key(item_id))
        return dict(node.counts) if node else {}

    def container_index(self, record: ItemRecord) -> QModelIndex | None:
        """The index of the row an item is listed under (invalid: the top level), its list
        loaded; None when that row is not listed itself."""
        key = self._target_key(record)
        owner = self._nodes.get(owner_key(key))
        if owner is None:
            return None
        if owner.rows is None:
            self._load(owner)
        container = self._nodes.get(key)
        if container is None:
            return None
        if container.rows is None:
            self._load(container)
        return self._index_of(key)

    def _target_key(self, record: ItemRecord) -> int:
        """The key of the list an item belongs in."""
        owner = record.parent_id
        if record.status is Status.ACTIVE:
            return item_key(owner) if owner else ROOT
        section = DONE if record.status is Status.DONE else DELETED
        return section_key(owner, section)

    def _is_group(self, node: Node) -> bool:
        return not node.section and node.parent_key in (ROOT, TOP_DELETED) and node.key != ROOT

    # -- the whole shape at once ---------------------------------------------------------
    def load_all(self, key: int = ROOT) -> Iterator[float]:
        """Load every list below a row (see _load_all)."""
        self._loading_all = True
        try:
            yield from self._load_all(key)
        finally:
            self._loading_all = False
            self._all_loaded()

    def _all_loaded(self) -> None:
        """Every list below a row was just loaded (see load_all)."""

    def _load_all(self, key: int) -> Iterator[float]:
        """Load every list below a row (ROOT: the whole plan) from one read of the plan's
        shape, parents first; yields how far it got (0 to 1) now and then, between
        steps that leave the model whole, so that a caller can show progress."""
        shape = self.queries.shape(id_of(key) or None)
        yield 0.25
        lists = _grouped(shape)
        counts: CountsByKey = {}
        for list_key, keys in lists.items():
            status = STATUS_OF_LIST[section_of(list_key)]
            counts.setdefault(owner_key(list_key), zero_counts())[status] = len(keys)
        yield 0.4
        stack, done = [key], 0
        while stack:
            node = self._nodes.get(stack.pop())
            if node is None:
                continue
            if node.rows is None:
                if not node.section:
                    node.counts = counts.get(node.key) or zero_counts()
                self._adopt(node, lists.get(node.key, []), counts)
            stack.extend(k for k in node.listed() if is_section(k) or k in counts)
            done += len(node.rows or ())
            if done > 20_000:
                done = 0
                yield min(0.9, 0.4 + 0.5 * len(self._nodes) / (len(shape) or 1))
        yield 1.0


def _grouped(rows: Iterable[tuple[int, int | None, int]]) -> dict[int, list[int]]:
    """Rows (id, parent id, which list) as each list's keys in the order read, by the
    list's key (rows of one list one after the other: looked up once a list)."""
    lists: dict[int, list[int]] = {}
    current_key, current = UNKNOWN, []
    for item_id, parent_id, listed in rows:
        list_key = section_key(parent_id, listed)
        if list_key != current_key:
            current_key, current = list_key, lists.setdefault(list_key, [])
        current.append(item_key(item_id))
    return lists
