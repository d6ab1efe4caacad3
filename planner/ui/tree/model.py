"""The goal tree model: what each row shows, and following changes (drag and drop: tree_drop).

The model never changes the plan itself: the window applies a change through the services
and hands the outcome to `sync`, which turns it into begin/end signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont

from planner.domain import changes as ch
from planner.domain.countdown import countdown_text, is_overdue
from planner.domain.items import ItemRecord, Status
from planner.domain.metrics import Metric
from planner.domain.rollup import Rollup
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.ui.tree import texts
from planner.ui.tree.costs import TreeCosts
from planner.ui.tree.drop import TreeDragDrop
from planner.ui.tree.marks import ImageMarks
from planner.ui.tree.nodes import (
    DELETED,
    DONE,
    MIME_TYPE,
    PAGE_SIZE,
    ROOT,
    Column,
    Index,
    Node,
    Role,
    item_key,
    section_key,
)
from planner.ui.tree.style import (
    ALIGNMENT,
    CENTER,
    DECORATION,
    DISPLAY,
    EDIT,
    FONT,
    FOREGROUND,
    IMAGES_ROLE,
    KEY_ROLE,
    KIND_ROLE,
    PROGRESS_ROLE,
    PROGRESS_TEXT_ROLE,
    RIGHT,
    TOOLTIP,
    style,
)

__all__ = ["MIME_TYPE", "PAGE_SIZE", "Column", "PlanTreeModel", "Role"]

OwnerCounts = dict[int | None, dict[Status, int]]  # children by status, by owner

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

    def __init__(self, service: PlanService, today: Callable[[], date] | None = None) -> None:
        # Progress of every item, built once after the first paint, then kept up to date.
        self.rollup: Rollup | None = None
        self._figures_asked = False  # a load is waiting for the window to be idle
        self._closed = False  # the plan was closed: a delayed load must not read it
        # Calculation totals, loaded with the progress.
        self.costs = TreeCosts(service.store, self._totals_loaded, ask=self._ask_figures)
        self.image_marks = ImageMarks(service.store)
        # Names of the people (a few hundred at most) and every metric, by id: data() only
        # looks them up.
        self.people_names: dict[int, str] = {}
        self.metrics: dict[int, Metric] = {}
        # Whether a row sits inside a deleted item, by key: looked up once a change (rows
        # move, statuses change), so a paint never walks up a deep chain twice.
        self._in_trash: dict[int, bool] = {}
        super().__init__(service, today)

    def _reset_nodes(self) -> None:
        self._in_trash = {}
        self.rollup = None
        self.costs.rollup = None
        self.image_marks.refresh()
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
        self.free_taken()

    def follow_costs(self, outcome: ch.Outcome) -> None:
        """Totals after a change (or its undo): every ancestor of what it touched."""
        if self.costs.rollup is None:
            return
        self.costs.follow(outcome)
        if not isinstance(outcome.inverse, ch.LineChange):
            return  # rows moved or changed status: `sync` repainted their ancestors
        if all(item_key(i) in self._nodes for i in outcome.ids):
            for item_id in outcome.ids:
                self._ancestors_changed(item_key(item_id))
        else:  # not loaded: its ancestors may be
            self._repaint_column(Column.TOTAL)

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
        """The progress figures (and the totals with them), loaded now if not yet."""
        if self.rollup is None:
            self.load_figures()
        assert self.rollup is not None
        return self.rollup

    def load_figures(self) -> None:
        """Progress and calculation totals of the whole plan, from one read of its tree."""
        self.rollup, totals = self.queries.rollups()
        self._figures_asked = False
        self.costs.loaded(totals)  # before the repaint: a painted Total must not ask again
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
        if role in _UNANSWERED or not index.isValid():
            return None  # a view asks for these for every cell it paints
        node = self._nodes[self.key_of(index)]
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
        if role == IMAGES_ROLE:
            return self.image_marks.count(record.id) if column == Column.TITLE else None
        if role == PROGRESS_ROLE:
            if column != Column.PROGRESS or record.status is Status.DELETED:
                return None  # a deleted item's progress counts nowhere: no bar
            metric = self.metrics.get(record.id)
            if metric is not None:
                return metric.share
            figures = self.progress(record.id)
            if figures is None or figures[1] == 0:
                return None
            return 1.0 if record.status is Status.DONE else figures[0] / figures[1]
        if role == FOREGROUND:
            if record.status is Status.ACTIVE and self._inside_deleted(node):
                return style().muted  # deleted with the item above it
            return self._foreground(record, column)
        if role == FONT:
            return self._font(record, column)
        if role == DECORATION:
            if column == Column.TITLE:
                return style().icon(record, self._is_goal(record))
            if column == Column.DUE and self._late_child(node):
                return style().warning_icon
        if role == ALIGNMENT:
            if column == Column.PRIORITY:
                return CENTER
            return RIGHT if column == Column.TOTAL else None
        if role == KIND_ROLE:
            return record.kind.value
        if role == PROGRESS_TEXT_ROLE:
            metric = self.metrics.get(record.id)
            return None if metric is None else texts.limit_word(metric)
        return None

    def _inside_deleted(self, node: Node) -> bool:
        """Whether a deleted item (or the top-level Deleted section) is above this row."""
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
            if above.section == DELETED or (
                above.record is not None and above.record.status is Status.DELETED
            ):
                answer = True
                break
            key = above.parent_key
        for key in path:  # every node on the way has the same answer
            self._in_trash[key] = answer
        return answer

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
        if column == Column.TOTAL:
            return self.costs.summary(record.id) if tooltip else self.costs.headline(record.id)
        if record.is_group:
            return None
        if column == Column.DUE:
            if tooltip:
                late = self._late_child(self._nodes[item_key(record.id)])
                return texts.due_tooltip(record.due, late)
            done_on = record.done_at.astimezone().date() if record.done_at else None
            return countdown_text(record.due, record.status, done_on, self.today())
        if column == Column.CREATED:
            if tooltip:
                return texts.created_tooltip(record.created)
            return texts.created_text(record.created)
        if column == Column.PRIORITY:
            return texts.priority_name(record.priority) or None
        if column == Column.ASSIGNEE:
            return None if record.assignee_id is None else self.people_names.get(record.assignee_id)
        if column == Column.PROGRESS and tooltip and record.status is not Status.DELETED:
            metric = self.metrics.get(record.id)
            if metric is not None:
                return texts.metric_tooltip(metric)
            figures = self.progress(record.id)
            if not figures or not figures[1]:
                return None
            return texts.progress_tooltip(*figures)
        return None

    def _foreground(self, record: ItemRecord, column: int) -> QBrush | None:
        look = style()
        if record.status is not Status.ACTIVE:
            return look.muted
        if column == Column.TOTAL and self.costs.gains(record.id):
            return look.income
        if column == Column.DUE and record.due is not None:
            today = self.today()
            if is_overdue(record.due, record.status, today):
                return look.overdue
            if record.due == today:
                return look.due_today
        return None

    def _font(self, record: ItemRecord, column: int) -> QFont | None:
        look = style()
        if column == Column.TITLE:
            if record.is_group:
                return look.bold
            if record.status is Status.DONE:
                return look.struck
        elif column == Column.DUE and record.status is Status.ACTIVE:
            due_now = record.due is not None and record.due <= self.today()
            return look.bold if due_now else None
        return None

    def _section_data(self, node: Node, column: int, role: int) -> Any:
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

    def retranslate(self) -> None:
        """The language changed: the headers, and every shown row's texts, computed in
        data() (the section rows, listed after the items, too)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column.NAMES) - 1)
        self.refresh_all()
        for key, node in list(self._nodes.items()):
            if node.section:
                self._row_changed(key)

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
        with self._changing():
            self._sync(list(dict.fromkeys(item_ids)), parents)

    def _sync(self, ids: list[int], parents: Iterable[int | None] = ()) -> None:
        self._in_trash = {}
        fresh = self.queries.get_many(ids)
        owners = self._owners_of(ids, fresh, parents)
        self._follow_rollup(ids, fresh)
        new_counts = self.service.counts(
            [self._nodes[k].owner_id for k in owners if k in self._nodes]
        )
        self._add_sections(owners, new_counts)
        self._move_rows(ids, fresh)
        self._settle_counts(owners, new_counts)
        self._repaint_changed(ids, fresh, owners)

    def _owners_of(
        self, ids: list[int], fresh: dict[int, ItemRecord], parents: Iterable[int | None]
    ) -> set[int]:
        """Owners whose child counts may change: where the items were and where they are."""
        owners: set[int] = {item_key(p) if p else ROOT for p in parents}
        for item_id in ids:
            node = self._nodes.get(item_key(item_id))
            if node is not None:
                owners.add(self._owner_key(node.parent_key))
            record = fresh.get(item_id)
            if record is not None:
                owners.add(item_key(record.parent_id) if record.parent_id else ROOT)
        return owners

    def _add_sections(self, owners: set[int], new_counts: OwnerCounts) -> None:
        """Step 1: sections that appear get their row first, so items can move into them."""
        for key in owners:
            owner = self._nodes.get(key)
            if owner is None:
                continue
            counts = new_counts[owner.owner_id]
            for status, section in ((Status.DONE, DONE), (Status.DELETED, DELETED)):
                if key == ROOT and section == DONE:
                    continue
                if owner.counts[status] == 0 and counts[status] > 0 and owner.fetched:
                    row = self._child_count(owner)
                    if section == DONE and owner.counts[Status.DELETED] > 0:
                        row -= 1
                    owner.counts[status] = counts[status]
                    self._insert_rows(owner, row, [section_key(owner.owner_id, section)])

    def _move_rows(self, ids: list[int], fresh: dict[int, ItemRecord]) -> None:
        """Step 2: items leave rows whose new place is not loaded; the rest move or
        arrive."""
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
            target_node = self._nodes.get(self._target_key(record))
            if target_node is None or not target_node.fetched:  # went with a row removed above
                node = self._nodes.get(item_key(record.id))
                if node is not None:
                    self._remove_row(node)
                continue
            self._place_row(record, pending, {item_key(r.id) for r in placed})

    def _settle_counts(self, owners: set[int], new_counts: OwnerCounts) -> None:
        """Step 3: counts settle; emptied sections go; the owners' rows repaint."""
        for key in owners:
            owner = self._nodes.get(key)
            if owner is None or owner.owner_id not in new_counts:
                continue  # not there, or loaded in step 2: its counts are those of now
            counts = new_counts[owner.owner_id]
            for status, section in ((Status.DELETED, DELETED), (Status.DONE, DONE)):
                if owner.counts[status] > 0 and counts[status] == 0 and owner.fetched:
                    if key == ROOT and section == DONE:
                        owner.counts[status] = 0
                        continue
                    skey = section_key(owner.owner_id, section)
                    self._take_away(owner, self._index_of(skey).row(), skey)
                    owner.counts[status] = 0
            owner.counts = counts
            owner.late_child = False
            for section in (DONE, DELETED):
                if section_key(owner.owner_id, section) in self._nodes and owner.fetched:
                    skey = section_key(owner.owner_id, section)
                    status = Status.DONE if section == DONE else Status.DELETED
                    if counts[status] > 0:
                        self._row_changed(skey)
            self._row_changed(key)

    def _repaint_changed(
        self, ids: list[int], fresh: dict[int, ItemRecord], owners: set[int]
    ) -> None:
        """Step 4: the changed items' rows show their new records; the rows above them
        their new progress; flags follow."""
        for item_id, record in fresh.items():
            node = self._nodes.get(item_key(item_id))
            if node is not None:
                node.record = record
                self._row_changed(node.key)
        for key in owners:
            self._ancestors_changed(key)
        self._refresh_flags([*owners, *(item_key(i) for i in ids)])

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
        if node is None:
            counts = self.service.counts([record.id])[record.id]
            self._nodes[key] = Node(key, target.key, record, counts)
            target.rows.insert(row, key)
            target.changed()
            self._insert_rows(target, row, [key])
            return
        source = self._nodes[node.parent_key]
        source_row = source.row_of(key)
        if source is target and row in (source_row, source_row + 1):
            node.record = record
            return
        assert source.item is not None and target.item is not None
        self.relocating.emit(key)
        item = source.item.takeRow(source_row)[0]
        source.rows.pop(source_row)
        source.changed()
        if source is target and row > source_row:
            row -= 1
        target.rows.insert(row, key)
        target.changed()
        node.parent_key = target.key
        node.record = record
        target.item.insertRow(row, item)
        self.relocated.emit(key)

    def _remove_row(self, node: Node) -> None:
        parent = self._nodes[node.parent_key]
        self._take_away(parent, parent.row_of(node.key), node.key)

    def _ancestors_changed(self, key: int) -> None:
        while key != ROOT and key in self._nodes:
            if not self._nodes[key].section:
                left = self._index_of(key, Column.PROGRESS)
                self.dataChanged.emit(left, left.siblingAtColumn(Column.TOTAL))
            key = self._nodes[key].parent_key
