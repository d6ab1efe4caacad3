"""The tree's keys and nodes: what the model knows of each row, whether Qt shows it or not.

Nodes are keyed by small integers (never Python objects in an index): an item with id N is
4N, the Done section under item N is 4N+1 and its Deleted section 4N+2; the root is 0 and
the top-level section of deleted groups is 2. The key of a list of rows is its owner's key
plus the section (0: an item's active children), so a row's status is its list's section.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from planner.domain.items import ItemRecord, Status

MIME_TYPE = "application/x-planner-item-ids"
ROOT = 0
DONE, DELETED = 1, 2
TOP_DELETED = DELETED  # the section of deleted groups, under the root
UNKNOWN = -1  # the key of a row whose list is not loaded (no node has it)
STATUS_OF_LIST = (Status.ACTIVE, Status.DONE, Status.DELETED)  # by a list's section

Index = QModelIndex | QPersistentModelIndex


class Column:
    TITLE, DUE, CREATED, PROGRESS, PRIORITY, ASSIGNEE, TOTAL = range(7)
    NAMES = ("Title", "Due", "Created", "Progress", "Priority", "Assignee", "Total")  # not-ui


COLUMNS = len(Column.NAMES)

_F = Qt.ItemFlag
FLAGS_ROOT = _F.ItemIsDropEnabled
FLAGS_SECTION = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDropEnabled
# An item's title cell. An active or done item's are Qt's own for a cell with no Qt item,
# so most rows need none; a deleted item takes no drops. The other cells have no Qt item:
# the view refuses to edit them, the model to drop onto a deleted item's.
FLAGS_ITEM = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDragEnabled | _F.ItemIsEditable
FLAGS_ACTIVE = FLAGS_ITEM | _F.ItemIsDropEnabled
FLAGS_DELETED = FLAGS_ITEM


class Role:
    KEY = Qt.ItemDataRole.UserRole + 1
    PROGRESS = Qt.ItemDataRole.UserRole + 2
    KIND = Qt.ItemDataRole.UserRole + 3
    IMAGES = Qt.ItemDataRole.UserRole + 8  # how many images an item has (title column)
    PROGRESS_TEXT = Qt.ItemDataRole.UserRole + 4  # instead of "n%" (a metric's limit)
    REPEAT = Qt.ItemDataRole.UserRole + 12  # a repeating item's rule in words (title column)


KEY_ROLE = int(Role.KEY)


# A row's key: an item's (or group's) id times 4; the rows of its Done and Deleted
# sections, that plus DONE or DELETED; the top level, ROOT (its Deleted section: DELETED).
# A list's key is its owner's key plus the section (0: an item's active children).
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
    """The key of the item (or the top level) a row is of, or whose section it is; of a
    list: the item (or the top level) whose children it holds."""
    return item_key(id_of(key))


def key_item_id(key: int) -> int | None:
    """The item id of an item key; None for the root, section keys and UNKNOWN."""
    return None if is_section(key) else id_of(key) or None


def zero_counts() -> dict[Status, int]:
    return dict.fromkeys(Status, 0)


class Node:
    """A row the model knows: an item (a group, a goal, a task), a section, or the root.

    `rows` is the whole list of the item rows shown under it (the active children of an
    item, the items of a section), None until it is first needed; `sections` the section
    rows after them. Qt holds as many rows under the node's row as it has rows of its own
    from the moment the row is made (empty ones while its list is not loaded), so a view
    knows which rows have rows without asking Python. `record` is read when the row is
    first painted or asked about; `counts` (children by status) is None for an item with
    none."""

    __slots__ = (
        "_counts",
        "_row_of",
        "address",
        "key",
        "late_child",
        "parent_key",
        "record",
        "rows",
        "sections",
    )

    def __init__(
        self,
        key: int,
        parent_key: int,
        counts: dict[Status, int] | None = None,
        record: ItemRecord | None = None,
    ) -> None:
        self.key = key
        self.parent_key = parent_key  # the list it is in (the root's key for groups)
        self.record = record
        self._counts = counts
        self.rows: list[int] | None = None
        self.sections: list[int] = []
        self.late_child: ItemRecord | bool | None = False  # False: not looked up yet
        # Where Qt keeps its row (the parent of its rows' indexes): 0 while it has none.
        self.address = 0
        self._row_of: dict[int, int] | None = None

    @property
    def counts(self) -> dict[Status, int]:
        if self._counts is None:
            self._counts = zero_counts()
        return self._counts

    @counts.setter
    def counts(self, value: dict[Status, int]) -> None:
        self._counts = value

    @property
    def status(self) -> Status:
        """An item's status, as the list it is in says (a section's: its owner's)."""
        return STATUS_OF_LIST[section_of(self.parent_key)]

    @property
    def owner_id(self) -> int | None:
        """The item whose children this node lists (None: the top level)."""
        return id_of(self.key) or None

    @property
    def section(self) -> int:
        return section_of(self.key)

    @property
    def loaded(self) -> bool:
        return self.rows is not None

    @property
    def has_children(self) -> bool:
        """Anything below it, listed or counted."""
        if self.rows:
            return True
        return self._counts is not None and any(self._counts.values())

    def row_of(self, key: int) -> int:
        """The row of a listed item or section under this node."""
        return self.row_map()[key]

    def row_map(self) -> dict[int, int]:
        """The row of each listed item and section under this node (do not change it)."""
        if self._row_of is None:
            assert self.rows is not None
            listed = self.rows + self.sections
            self._row_of = {k: i for i, k in enumerate(listed)}
        return self._row_of

    def listed(self) -> list[int]:
        """Every row under it, items then sections (none while not loaded)."""
        return (self.rows or []) + self.sections

    def changed(self) -> None:
        self._row_of = None

    def key_at(self, row: int) -> int:
        rows = self.rows
        if rows is None:
            return UNKNOWN
        if row < len(rows):
            return rows[row]
        at = row - len(rows)
        return self.sections[at] if at < len(self.sections) else UNKNOWN
