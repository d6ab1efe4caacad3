"""The goal tree model: what each row shows, and following changes (drag and drop: tree_drop).

The model never changes the plan itself: the window applies a change through the services
and hands the outcome to `sync`, which turns it into begin/end signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal

from planner.domain import changes as ch
from planner.domain.items import ItemRecord, Status
from planner.domain.metrics import Metric
from planner.domain.rollup import Rollup
from planner.domain.tree_filter import SortRow
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.services.tree_filter import TreeFilterService
from planner.ui.tree import texts
from planner.ui.tree.cells import Cells
from planner.ui.tree.costs import TreeCosts
from planner.ui.tree.drop import TreeDragDrop
from planner.ui.tree.marks import ImageMarks
from planner.ui.tree.nodes import (
    COLUMNS,
    DELETED,
    DONE,
    MIME_TYPE,
    ROOT,
    STATUS_OF_LIST,
    Column,
    Index,
    Node,
    Role,
    item_key,
    owner_key,
    section_key,
)
from planner.ui.tree.routines import RoutineMarks
from planner.ui.tree.sorting import SortSpec, sorted_ids
from planner.ui.tree.style import (
    ALIGNMENT,
    CENTER,
    DECORATION,
    DISPLAY,
    FONT,
    FOREGROUND,
    KEY_ROLE,
    RIGHT,
    style,
)

__all__ = ["MIME_TYPE", "Column", "PlanTreeModel", "Role"]

OwnerCounts = dict[int | None, dict[Status, int]]  # children by status, by owner
KEPT_SORT_ROWS = 1_000  # a list this long keeps what its rows sort by (see _rows_to_sort)

_UNANSWERED = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.SizeHintRole,
    )
)


class PlanTreeModel(TreeDragDrop):
    """The tree as the window shows it."""

    # Emitted when the user renames in place (dropping rows: TreeDragDrop); the window turns
    # them into undoable commands.
    renameRequested = Signal(int, str)
    totalsReady = Signal()  # the calculation totals were loaded
    sortChanged = Signal()  # the tree is sorted by another column, or no longer

    def __init__(self, service: PlanService, today: Callable[[], date] | None = None) -> None:
        # Progress of every item, built once after the first paint, then kept up to date.
        self.rollup: Rollup | None = None
        self._figures_asked = False  # a load is waiting for the window to be idle
        self._closed = False  # the plan was closed: a delayed load must not read it
        # Calculation totals, loaded with the progress.
        self.costs = TreeCosts(service.store, self._totals_loaded, ask=self._ask_figures)
        self.image_marks = ImageMarks(service.store)
        # Repeat marks, habits' shares and the plan's calendar: read in bulk after the
        # first paint, like the progress.
        self.routines = RoutineMarks(service.store, lambda: self.today(), self._ask_routines)
        self._routines_asked = False
        # Names of the people (a few hundred at most) and every metric, by id: data() only
        # looks them up.
        self.people_names: dict[int, str] = {}
        # Rows a filter shows only as the path to the items it finds (greyed).
        self.context_keys: set[int] = set()
        self.metrics: dict[int, Metric] = {}
        # Whether a row sits inside a deleted item, by key: looked up once a change (rows
        # move, statuses change), so a paint never walks up a deep chain twice.
        self._in_trash: dict[int, bool] = {}
        self.cells = Cells(self)
        # A sorted column (None: the user's own order), and the lists loaded not yet in
        # its order (closed rows' lists: sorted as they open).
        self.sorting: SortSpec | None = None
        self._unsorted: set[int] = set()
        # What a long list sorts by, read at its first sort and kept until the plan
        # changes (10,000 rows: 12-30 ms a read), by the list's key.
        self._sort_rows: dict[int, list[SortRow]] = {}
        super().__init__(service, today)
        self.filter_reads = TreeFilterService(service.store)

    def _reset_nodes(self) -> None:
        self._in_trash = {}
        self._unsorted = set()
        self._sort_rows = {}
        self.rollup = None
        self.costs.stop()
        self.image_marks.refresh()
        self.routines.forget()
        self.reload_people(repaint=False)
        self.reload_metrics([], repaint=False)
        super()._reset_nodes()

    def _totals_loaded(self) -> None:
        self.repaint_totals()
        self.totalsReady.emit()

    def repaint_totals(self) -> None:
        self._repaint_column(Column.TOTAL)

    def close(self) -> None:
        """The plan is closing: nothing may read it any more (a delayed load)."""
        self._closed = True
        self.costs.close()
        self.free_taken()

    def follow_costs(self, outcome: ch.Outcome) -> None:
        """Totals after a change (or its undo): every ancestor of what it touched."""
        self.costs.follow(outcome)
        if self.costs.rollup is None:
            return
        if not isinstance(outcome.inverse, ch.LineChange):
            return  # rows moved or changed status: `sync` repainted their ancestors
        if all(item_key(i) in self._nodes for i in outcome.ids):
            for item_id in outcome.ids:
                self._ancestors_changed(item_key(item_id))
        else:  # not loaded: its ancestors may be
            self._repaint_column(Column.TOTAL)

    def _ask_routines(self) -> None:
        """Load the repeat marks and habits once the paint that asked is over."""
        if not self._routines_asked:
            self._routines_asked = True
            QTimer.singleShot(0, self._load_routines)

    def _load_routines(self) -> None:
        self._routines_asked = False
        if self._closed or self.routines.loaded:
            return
        self.routines.load()
        self._repaint_column(Column.PROGRESS)
        # The titles of the repeating items alone (their marks): a change over a title
        # being typed would have Qt put the model's title back into its editor.
        for item_id in self.routines.repeating():
            node = self._nodes.get(item_key(item_id))
            if node is not None and not node.section:
                index = self._index_of(node.key, Column.TITLE)
                self.dataChanged.emit(index, index)

    def follow_routines(self, outcome: ch.Outcome) -> None:
        """Repeat marks and habits' shares after a change (or its undo)."""
        for item_id in self.routines.follow(outcome):
            self._row_changed(item_key(item_id))

    def calendar_changed(self) -> None:
        """The plan's working-day setting changed: every countdown is told again."""
        self.routines.forget_calendar()
        self._repaint_column(Column.DUE)

    def reload_people(self, repaint: bool = True) -> None:
        """Read the people's names again (one small query) and repaint the Assignee column."""
        self.people_names = {p.id: p.name for p in PeopleService(self.service.store).people()}
        if repaint:
            self._repaint_column(Column.ASSIGNEE)

    def reload_metrics(self, item_ids: Iterable[int], repaint: bool = True) -> None:
        """Read the metrics again after a change to those of `item_ids`."""
        self.metrics = MetricService(self.service.store).all_metrics()
        if repaint:
            for item_id in item_ids:
                self._row_changed(item_key(item_id))

    def progress(self, item_id: int) -> tuple[int, int] | None:
        """(done, total) of the tasks below an item; None until the figures are loaded,
        which happens right after the first paint, so opening stays as fast as possible."""
        if self.rollup is None:
            self._ask_figures()
            return None
        return self.rollup.progress(item_id)

    def _ask_figures(self) -> None:
        """Load progress and totals once the window is idle (first asked while painting)."""
        if not self._figures_asked:
            self._figures_asked = True
            QTimer.singleShot(0, self._load_later)

    def _load_later(self) -> None:
        if not self._closed and self._figures_asked:
            self.load_figures()

    def ensure_rollup(self) -> Rollup:
        """The progress figures, loaded now if not yet (the totals come after them)."""
        if self.rollup is None:
            self.load_figures()
        assert self.rollup is not None
        return self.rollup

    def ensure_totals(self) -> None:
        """The progress figures and the calculation totals, both loaded before this returns."""
        self.ensure_rollup()
        if self.costs.rollup is None and not self.costs.loading:
            self.load_figures()
        self.costs.wait()

    def load_figures(self) -> None:
        """Progress of the whole plan from one read of its tree (read ahead at start-up:
        ~20 ms for 100,000 items), shown at once; its calculation totals from the same tree,
        added up on a second thread, shown when they come."""
        structure = self.queries.structure()
        self.rollup = Rollup.build(structure)
        self._figures_asked = False
        if self.costs.rollup is None and not self.costs.loading:
            self.costs.load(structure)  # before the repaint: a painted Total must not ask
        self._repaint_column(Column.PROGRESS)

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
        role = int(role)
        if role in _UNANSWERED or not index.isValid() or index.column() >= COLUMNS:
            return None  # a view asks for these for every cell it paints (COLUMNS: lazy's)
        node = self._nodes.get(self.key_of(index))
        if node is None:
            return None
        if node.section:
            return self._section_data(node, index.column(), role)
        record = node.record or self._record_of(node)
        return None if record is None else self.cells.value(node, record, index.column(), role)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """Every role a delegate asks for one cell, in one call (Qt's delegates ask seven
        for each cell they paint)."""
        node = self._nodes.get(self.key_of(index)) if index.isValid() else None
        if node is None or index.column() >= COLUMNS:
            for role_data in roleDataSpan:
                role_data.setData(None)
            return
        column = index.column()
        # Every role is answered, None included: a delegate hands the same span from cell
        # to cell, so a role left alone would keep the cell before's value.
        if node.section:
            for role_data in roleDataSpan:
                role_data.setData(self._section_data(node, column, role_data.role()))
            return
        record = node.record or self._record_of(node)
        answers = self.cells.table[column] if record is not None else {}
        for role_data in roleDataSpan:
            answer = answers.get(role_data.role())
            role_data.setData(None if answer is None or record is None else answer(node, record))

    def inside_deleted(self, node: Node) -> bool:
        """Whether a deleted item (or the top-level Deleted section) is above this row (its
        list says so: no record needs reading)."""
        path: list[int] = []
        key = node.parent_key
        answer = False
        while key != ROOT:
            known = self._in_trash.get(key)
            if known is not None:
                answer = known
                break
            above = self._nodes.get(key)
            if above is None:
                break
            path.append(key)
            if above.section == DELETED or above.status is Status.DELETED:
                answer = True
                break
            key = above.parent_key
        for key in path:  # every node on the way has the same answer
            self._in_trash[key] = answer
        return answer

    def late_child(self, node: Node) -> ItemRecord | None:
        if node.late_child is False:
            record = node.record
            looked_for = record is not None and record.status is Status.ACTIVE
            active = node._counts[Status.ACTIVE] if node._counts else 0
            if record is None or not looked_for or not active:
                node.late_child = None
            else:
                node.late_child = self.queries.late_child(record)
        return node.late_child if isinstance(node.late_child, ItemRecord) else None

    def is_goal(self, record: ItemRecord) -> bool:
        parent = self._nodes.get(item_key(record.parent_id)) if record.parent_id else None
        return parent is not None and self._is_group(parent)

    def _section_data(self, node: Node, column: int, role: int) -> Any:
        if role == KEY_ROLE:
            return node.key
        if column != Column.TITLE:
            return None
        if role == DISPLAY:
            return texts.section_text(node.section, self._section_count(node))
        if role == FOREGROUND:
            return style().section
        if role == FONT:
            return style().italic
        if role == DECORATION:
            return style().done_icon if node.section == DONE else style().deleted_icon
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            return texts.column_name(section)
        if role == ALIGNMENT and section in (Column.PRIORITY, Column.TOTAL):
            return CENTER if section == Column.PRIORITY else RIGHT  # like the values below
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item_id = self.item_id(index)
        if item_id is None or role != Qt.ItemDataRole.EditRole or index.column() != Column.TITLE:
            return False
        self.renameRequested.emit(item_id, str(value))
        return True

    # -- a sorted column ------------------------------------------------------------------
    def sort_by(self, spec: SortSpec | None, open_keys: Iterable[int] | None = None) -> None:
        """Show every list sorted by a column (None: in the user's own order): the lists
        of `open_keys` (the rows a view shows open; None: every list loaded) at once, the
        others as they open (`sort_opened`). A view only: the plan's order is never
        written."""
        self.sorting = spec
        if spec is not None and spec.column == Column.PROGRESS:
            self.ensure_rollup()
        if spec is not None and spec.column == Column.TOTAL:
            self.ensure_totals()
        loaded = [key for key, node in self._nodes.items() if node.rows is not None]
        now = {ROOT, *(loaded if open_keys is None else open_keys)}
        self._unsorted = {key for key in loaded if key not in now}
        self._sort_lists(key for key in loaded if key in now)
        self.sortChanged.emit()

    def is_sorted(self) -> bool:
        return self.sorting is not None

    def sort_opened(self, key: int) -> None:
        """A row was opened: its list in the order shown, if it is not in it yet."""
        if key in self._unsorted:
            self._unsorted.discard(key)
            self._sort_lists([key])

    def _list_loaded(self, key: int) -> None:
        """A list loaded as a row opens (or is gone to) is put in the order shown at once;
        while a change is followed, or many lists load at once, as it opens."""
        if self.sorting is None:
            return
        if self._busy or self._loading_all:
            self._unsorted.add(key)
        else:
            self._sort_lists([key])

    def _all_loaded(self) -> None:
        """Every list below a row was loaded, to be opened (Expand All): all sorted."""
        if self.sorting is not None and self._unsorted:
            waiting, self._unsorted = self._unsorted, set()
            self._sort_lists(waiting)

    def _sort_lists(self, keys: Iterable[int]) -> None:
        orders: dict[int, list[int]] = {}
        for key in keys:
            node = self._nodes.get(key)
            if node is None or node.rows is None or len(node.rows) < 2:
                continue
            rows = self._rows_to_sort(node)
            listed = set(node.rows)
            ordered = [item_key(i) for i in sorted_ids(rows, self.sorting, self)]
            keys_in_order = [k for k in ordered if k in listed]
            found = set(keys_in_order)
            orders[key] = keys_in_order + [k for k in node.rows if k not in found]
        self.reorder(orders)

    def _rows_to_sort(self, node: Node) -> list[SortRow]:
        """What a loaded list's rows sort by: read, or kept from the last read of a long
        list (the plan unchanged since)."""
        rows = self._sort_rows.get(node.key)
        if rows is None:
            rows = self.filter_reads.sort_rows(node.owner_id, STATUS_OF_LIST[node.section])
            if len(rows) >= KEPT_SORT_ROWS:
                self._sort_rows[node.key] = rows
        return rows

    def _sort_lists_of(self, item_ids: Iterable[int]) -> None:
        """After a change while sorted: the lists these items are in, sorted again."""
        if self.sorting is None:
            return
        nodes = self._nodes
        self._sort_lists({nodes[item_key(i)].parent_key for i in item_ids if item_key(i) in nodes})

    def progress_share(self, item_id: int) -> float | None:
        """What the Progress column shows of an item, as a share (None: nothing)."""
        metric = self.metrics.get(item_id)
        if metric is not None:
            return metric.share
        figures = self.rollup.progress(item_id) if self.rollup is not None else None
        return None if not figures or not figures[1] else figures[0] / figures[1]

    def total_cost(self, item_id: int) -> Decimal | None:
        """What the Total column shows of an item (None: nothing counts below it)."""
        totals = self.costs.rollup.totals(item_id) if self.costs.rollup is not None else None
        return totals.cost if totals is not None and totals.lines else None

    # -- following changes ---------------------------------------------------------------
    def refresh_images(self, item_ids: Iterable[int] | None) -> None:
        """Images were added or removed: these items' marks (None: every item's)."""
        if item_ids is None:
            self.image_marks.refresh()
            self._repaint_column(Column.TITLE)
            return
        ids = list(item_ids)
        self.image_marks.refresh(ids)
        for item_id in ids:
            self._row_changed(item_key(item_id))

    def refresh_items(self, item_ids: Iterable[int]) -> None:
        """Re-read items whose fields changed (title, due, ...) and repaint their rows."""
        self._sort_rows = {}
        fresh = self.queries.get_many([i for i in item_ids if item_key(i) in self._nodes])
        for item_id, record in fresh.items():
            node = self._nodes[item_key(item_id)]
            node.record = record
            node.late_child = False
            self._forget_late_child(record.parent_id)
            self._row_changed(node.key)
        self._sort_lists_of(fresh)

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

    def retranslate(self) -> None:
        """The language changed: the headers, and every shown row's texts, computed in
        data() (the section rows, listed after the items, too)."""
        self.costs.forget_texts()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column.NAMES) - 1)
        self.routines.retranslate()
        self.refresh_all()
        for key, node in list(self._nodes.items()):
            if node.section:
                self._row_changed(key)

    def _repaint_column(self, first_column: int, last_column: int | None = None) -> None:
        last_column = first_column if last_column is None else last_column
        for node in list(self._nodes.values()):
            listed = len(node.rows or ()) + len(node.sections)
            if listed and node.address:
                first = self.createIndex(0, first_column, node.address)
                last = self.createIndex(listed - 1, last_column, node.address)
                self.dataChanged.emit(first, last)

    def _section_count(self, node: Node) -> int:
        owner = self._nodes.get(node.parent_key)
        return owner.counts[STATUS_OF_LIST[node.section]] if owner else 0

    def sync(self, item_ids: Iterable[int], parents: Iterable[int | None] = ()) -> None:
        """Follow a change the services made to these items (moved, status changed, added
        or removed for good), with the begin/end signals Qt's views need. `parents`: where
        items removed for good were, for those the model may never have loaded (a collapsed
        Deleted section being emptied): their parents' counts and sections change too."""
        self._sort_rows = {}
        with self._changing():
            ids = list(dict.fromkeys(item_ids))
            arrived = self._sync(ids, parents)
            self._sort_lists_of(ids)
        if arrived:
            self.arrived.emit(arrived)

    def _sync(self, ids: list[int], parents: Iterable[int | None] = ()) -> list[int]:
        self._in_trash = {}
        fresh = self.queries.get_many(ids)
        owners = self._owners_of(ids, fresh, parents)
        self._follow_rollup(ids, fresh)
        new_counts = self.service.counts(
            [self._nodes[k].owner_id for k in owners if k in self._nodes]
        )
        self._load_targets(ids, fresh)
        self._add_sections(owners, new_counts)
        arrived = self._move_rows(ids, fresh)
        self._settle_counts(owners, new_counts)
        self._repaint_changed(fresh, owners)
        self._refresh_flags(item_key(i) for i in ids)
        return arrived

    def _owners_of(
        self, ids: list[int], fresh: dict[int, ItemRecord], parents: Iterable[int | None]
    ) -> set[int]:
        """Owners whose child counts may change: where the items were and where they are."""
        owners: set[int] = {item_key(p) if p else ROOT for p in parents}
        for item_id in ids:
            node = self._nodes.get(item_key(item_id))
            if node is not None:
                owners.add(owner_key(node.parent_key))
            record = fresh.get(item_id)
            if record is not None:
                owners.add(item_key(record.parent_id) if record.parent_id else ROOT)
        return owners

    def _load_targets(self, ids: list[int], fresh: dict[int, ItemRecord]) -> None:
        """Step 0: a shown row moves into a list not loaded yet: that list is loaded first
        (without the rows shown elsewhere, placed in step 2), so the row keeps its own
        rows, open ones included, wherever it goes (a goal marked done, then not done,
        comes back as it was)."""
        for item_id in ids:
            record = fresh.get(item_id)
            if record is None or item_key(item_id) not in self._nodes:
                continue
            key = self._target_key(record)
            owner = self._nodes.get(owner_key(key))
            if owner is not None and owner.rows is None:
                self._load(owner)
            target = self._nodes.get(key)
            if target is not None and target.rows is None:
                self._load(target)

    def _add_sections(self, owners: set[int], new_counts: OwnerCounts) -> None:
        """Step 1: sections that appear get their row first, so items can move into them."""
        for key in owners:
            owner = self._nodes.get(key)
            if owner is None or owner.rows is None:
                continue
            counts = new_counts[owner.owner_id]
            for status, section in ((Status.DONE, DONE), (Status.DELETED, DELETED)):
                skey = section_key(owner.owner_id, section)
                if (key == ROOT and section == DONE) or skey in owner.sections:
                    continue
                if counts[status] > 0:
                    node = self._nodes[skey] = Node(skey, key)
                    node.rows = []  # everything in it arrives in this change
                    row = len(owner.rows) + (len(owner.sections) if section == DELETED else 0)
                    self._insert_rows(owner, row, [skey])

    def _move_rows(self, ids: list[int], fresh: dict[int, ItemRecord]) -> list[int]:
        """Step 2: items leave rows whose new place is not shown; the rest move or
        arrive. Returns the rows made anew."""
        placed: list[ItemRecord] = []
        for item_id in ids:
            record = fresh.get(item_id)
            node = self._nodes.get(item_key(item_id))
            if record is not None and self._shown_list(record) is not None:
                placed.append(record)
            elif node is not None:
                self._remove_row(node)
        placed.sort(key=lambda r: (r.position, r.id))
        ranks = self.queries.ranks(placed)
        all_placed = {item_key(r.id) for r in placed}
        pending = set(all_placed)
        arrived = []
        for record in placed:
            key = item_key(record.id)
            pending.discard(key)
            if self._shown_list(record) is None:  # went with a row removed above
                node = self._nodes.get(key)
                if node is not None:
                    self._remove_row(node)
            elif self._place_row(record, ranks[record.id], pending, all_placed):
                arrived.append(key)
        return arrived

    def _shown_list(self, record: ItemRecord) -> Node | None:
        target = self._nodes.get(self._target_key(record))
        return target if target is not None and target.rows is not None else None

    def _settle_counts(self, owners: set[int], new_counts: OwnerCounts) -> None:
        """Step 3: counts settle; emptied sections go; lists not loaded hold as many
        places as they now have rows; the owners' rows repaint."""
        for key in owners:
            owner = self._nodes.get(key)
            if owner is None or owner.owner_id not in new_counts:
                continue
            counts = new_counts[owner.owner_id]
            for status, section in ((Status.DELETED, DELETED), (Status.DONE, DONE)):
                skey = section_key(owner.owner_id, section)
                if skey in owner.sections and counts[status] == 0:
                    self._take_away(owner, skey)
            owner.counts = counts
            owner.late_child = False
            if owner.rows is None:
                self._fit_rows(owner, self._index_of(key), self._slot_count(owner))
            for skey in owner.sections:
                node = self._nodes[skey]
                if node.rows is None:
                    self._fit_rows(node, self._index_of(skey), self._slot_count(node))
                self._row_changed(skey)
            self._row_changed(key)

    def _repaint_changed(self, fresh: dict[int, ItemRecord], owners: set[int]) -> None:
        """Step 4: the changed items' rows show their new records; the rows above them
        their new progress. One signal for each run of rows next to each other (a signal
        a row, every row open: 56 ms for a repeating goal of 1,831 brought back)."""
        changed: set[int] = set()
        for item_id, record in fresh.items():
            node = self._nodes.get(item_key(item_id))
            if node is not None:
                node.record = record
                node.late_child = False
                changed.add(node.key)
        self._rows_changed(changed, 0)
        above: set[int] = set()
        for key in owners:
            while key != ROOT and key in self._nodes and key not in above:
                above.add(key)
                key = self._nodes[key].parent_key
        self._rows_changed(above - changed, Column.PROGRESS, Column.TOTAL)

    def _rows_changed(self, keys: Iterable[int], first: int, last: int | None = None) -> None:
        """Repaint these rows' columns `first` to `last` (None: the last column), one signal
        for each run of them next to each other in a list (a view goes through every open
        row inside a signal's span: one span over a list of open rows took 200 ms)."""
        rows: dict[int, list[int]] = {}  # list → the rows in it
        for key in keys:
            node = self._nodes[key]
            if node.section and first:
                continue  # (a section has no progress)
            rows.setdefault(node.parent_key, []).append(self._nodes[node.parent_key].row_of(key))
        last = len(Column.NAMES) - 1 if last is None else last
        for parent_key, found in rows.items():
            address = self._nodes[parent_key].address
            found.sort()
            top = found[0]
            for at, row in enumerate(found):
                if at + 1 == len(found) or found[at + 1] != row + 1:  # a run ends here
                    self.dataChanged.emit(
                        self.createIndex(top, first, address),
                        self.createIndex(row, last, address),
                    )
                    if at + 1 < len(found):
                        top = found[at + 1]

    def _place_row(
        self, record: ItemRecord, wanted: int, pending: set[int], placed: set[int]
    ) -> bool:
        """Move (or make) one item's row to where the plan now has it in its list (shown
        and loaded), `wanted` rows of its status before it there (see queries.rank);
        items still to be placed are skipped over. True: a row made anew."""
        key = item_key(record.id)
        target = self._nodes[self._target_key(record)]
        assert target.rows is not None
        node = self._nodes.get(key)
        if node is not None:
            node.record = record
        if (
            node is not None
            and node.parent_key == target.key
            and target.row_of(key) == wanted
            and pending.isdisjoint(target.rows[:wanted])
        ):
            return False  # in its place, none before it still to come (seen at C speed)
        # Rows before it: siblings before it in the plan, less those still being placed.
        # It goes right after them: a row already there stays (rows taken out and put back
        # one by one, every row open, took 1.2 s for a repeating goal of 500 brought back).
        row = count = 0
        here = None  # rows before it that stay, where it is now (in this list)
        for i, k in enumerate(target.rows):
            if k == key:
                here = count
            elif k not in pending:
                if count == wanted:
                    break
                count += 1
                row = i + 1
        if node is None:
            counts = self.service.counts([record.id])[record.id]
            self._nodes[key] = Node(key, target.key, counts, record)
            self._insert_rows(target, row, [key])
            return True
        if node.parent_key == target.key:
            if here == wanted:  # in its place already
                return False
            source_row = target.row_of(key)
            if row > source_row:
                row -= 1
        self._move_row(node, target, row)
        return False

    def _remove_row(self, node: Node) -> None:
        self._take_away(self._nodes[node.parent_key], node.key)

    def _ancestors_changed(self, key: int) -> None:
        while key != ROOT and key in self._nodes:
            if not self._nodes[key].section:
                left = self._index_of(key, Column.PROGRESS)
                self.dataChanged.emit(left, left.siblingAtColumn(Column.TOTAL))
            key = self._nodes[key].parent_key
