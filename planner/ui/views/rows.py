"""One view's rows as a list model: headings ("Tomorrow", "Done today") and the items under
them, read a page at a time as the list scrolls, kept as they were (loaded rows, the
selection) when the view is read again after a change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from planner.domain.agenda import Agenda, AgendaRow
from planner.i18n import _

PAGE = 200  # rows read at a time: a screenful and more, in a few milliseconds
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the AgendaRow (None on a heading)
HEADING_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # the heading's text (None on a row)
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)

Index = QModelIndex | QPersistentModelIndex
Entry = str | AgendaRow  # a heading, or an item's row
ReadPage = Callable[[int, int], Agenda]  # (offset, limit) → that page of the view

_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
# A past turn of a repeating item is history: it is shown, not edited (the item has come
# back since: the tree's row is the one to change).
_TURN_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# A heading is not enabled: the arrow keys pass over it from row to row.
_HEADING_FLAGS = Qt.ItemFlag.NoItemFlags


class ViewRows(QAbstractListModel):
    """The rows of the view shown; `show` reads its first page, `fetchMore` the next."""

    renameRequested = Signal(int, str)  # a title typed into a row

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.total = 0  # rows (not headings) in the whole view
        self.loaded = 0  # rows read so far
        self._read: ReadPage | None = None

    # -- reading -------------------------------------------------------------------------
    def show(self, read: ReadPage | None, rows: int = PAGE) -> None:
        """The view `read` reads (None: nothing), its first `rows` rows (at least a page).
        A read that fails (PlannerError) leaves the rows as they were."""
        agenda = read(0, max(rows, PAGE)) if read is not None else None
        self._read = read
        self.beginResetModel()
        self.entries, self.total, self.loaded = [], 0, 0
        if agenda is not None:
            self._append(agenda)
        self.endResetModel()

    def reread(self) -> None:
        """The same view again (the plan changed): as many rows as were loaded."""
        self.show(self._read, self.loaded)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._read is not None and self.loaded < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        assert self._read is not None
        agenda = self._read(self.loaded, PAGE)
        fresh = _entries(agenda, self._last_heading())
        if not fresh:  # the view shrank since (another program): nothing more to read
            self.total = self.loaded
            return
        first = len(self.entries)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._append(agenda, fresh)
        self.endInsertRows()

    def _append(self, agenda: Agenda, fresh: list[Entry] | None = None) -> None:
        """A page read: its entries (`fresh`, when already made) after those loaded."""
        self.entries += _entries(agenda, self._last_heading()) if fresh is None else fresh
        self.loaded += len(agenda.rows)
        self.total = agenda.total

    def _last_heading(self) -> str | None:
        return next((e for e in reversed(self.entries) if isinstance(e, str)), None)

    # -- what the list asks --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        role = int(role)
        if isinstance(entry, str):
            return entry if role in (DISPLAY, HEADING_ROLE) else None
        if role == ROW_ROLE:
            return entry
        if role in (DISPLAY, EDIT):
            return entry.record.title
        if role == TOOLTIP:
            where = " › ".join((*entry.path, entry.record.title))
            if entry.turn:
                return _(
                    "{path}\nA past turn of a repeating item; Enter shows it in the tree."
                ).format(path=where)
            return where
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return Qt.ItemFlag.NoItemFlags
        entry = self.entries[index.row()]
        if isinstance(entry, str):
            return _HEADING_FLAGS
        return _TURN_FLAGS if entry.turn else _ROW_FLAGS

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        row = self.row_at(index)
        if row is None or int(role) != EDIT:
            return False
        self.renameRequested.emit(row.record.id, str(value))
        return True

    # -- finding rows --------------------------------------------------------------------
    def row_at(self, index: Index) -> AgendaRow | None:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        return None if isinstance(entry, str) else entry

    def index_of(self, item_id: int) -> QModelIndex:
        """The item's row (invalid: not among the rows loaded)."""
        found = self.indexes_of([item_id])
        return found[0] if found else QModelIndex()

    def indexes_of(self, item_ids: Sequence[int]) -> list[QModelIndex]:
        """The rows of those items that are loaded, in the order asked."""
        wanted = set(item_ids)
        where = {
            entry.record.id: number
            for number, entry in enumerate(self.entries)
            if not isinstance(entry, str) and entry.record.id in wanted
        }
        return [self.index(where[i], 0) for i in item_ids if i in where]

    def repaint(self) -> None:
        """Every row again (the totals came, the language changed)."""
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, 0))


def _entries(agenda: Agenda, last_heading: str | None) -> list[Entry]:
    """A page's headings and rows; its first heading left out when it carries on the last
    page's (the same day)."""
    entries: list[Entry] = []
    for number, section in enumerate(agenda.sections):
        if section.heading and not (number == 0 and section.heading == last_heading):
            entries.append(section.heading)
        entries += section.rows
    return entries
