"""The main window: the goal tree, the details panel, menus, keyboard and undo."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.domain import changes as ch
from planner.domain.errors import InvalidInput, PlanFileError
from planner.domain.items import ItemRecord, Section, Status
from planner.domain.validation import clean_title
from planner.services.plan import Clock, PlanService, quoted, system_clock
from planner.ui.controller import PlanController
from planner.ui.day_watcher import DayWatcher
from planner.ui.details_panel import DetailsPanel
from planner.ui.search_panel import SearchPanel
from planner.ui.tree_model import Column, PlanTreeModel
from planner.ui.tree_view import PlanTreeView

RECENT_MAX = 8
OpenPlan = Callable[[Path, bool], PlanService]


def expanded_rows_key(path: Path) -> str:
    """The settings key of a plan's expanded rows: the same in every run of the app (the
    built-in str hash is salted per process)."""
    digest = hashlib.sha256(str(path.absolute()).encode()).hexdigest()[:24]
    return f"tree/expanded/{digest}"


def _unchanged(record: ItemRecord, field: str, value: Any) -> bool:
    if field == "title":
        try:
            return clean_title(str(value)) == record.title
        except InvalidInput:
            return False
    return bool(getattr(record, field) == value)


class MainWindow(QMainWindow):
    """One window on one open plan at a time."""

    def __init__(
        self, open_plan: OpenPlan, settings: QSettings, clock: Clock = system_clock
    ) -> None:
        super().__init__()
        self._open_plan = open_plan
        self.settings = settings
        self.clock = clock
        self.service: PlanService | None = None
        self.model: PlanTreeModel | None = None
        self.controller: PlanController | None = None
        self.plan_path: Path | None = None
        self.temporary_plan = False  # the demo: never remembered as the last plan
        self._touched: list[int] | None = None  # ids changed by an undo or redo under way

        self.tree = PlanTreeView()
        self.details = DetailsPanel()
        self.details.editRequested.connect(self._details_edit)
        self.search = SearchPanel()
        self.search.activated.connect(self._search_hit)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)

        self.tree.indentRequested.connect(self.indent)
        self.tree.outdentRequested.connect(self.outdent)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.expanded.connect(lambda _i: self._save_expanded_later())
        self.tree.collapsed.connect(lambda _i: self._save_expanded_later())

        self.day_watcher = DayWatcher(clock, self)
        self.day_watcher.dayChanged.connect(self._day_changed)

        self.actions_by_name: dict[str, QAction] = {}
        self._build_menus()
        self.setWindowTitle("Planner")
        self.resize(1100, 700)
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter_state = settings.value("window/splitter")
        if isinstance(splitter_state, QByteArray):
            splitter.restoreState(splitter_state)

    # -- opening plans -------------------------------------------------------------------
    def open_path(self, path: Path, create: bool = False, temporary: bool = False) -> bool:
        """Show the plan at `path`; on failure say why and keep what was open."""
        try:
            service = self._open_plan(path, create)
        except PlanFileError as e:
            QMessageBox.warning(self, "Cannot open plan", str(e))
            return False
        self._close_plan()
        self.service, self.plan_path, self.temporary_plan = service, path, temporary
        self.model = PlanTreeModel(service, today=self.today)
        self.controller = PlanController(service, self.model)
        self.controller.failed.connect(self._show_error)
        self.controller.noted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.controller.changed.connect(self._after_change)
        self.model.renameRequested.connect(self._rename_in_place)
        self.model.dropRequested.connect(self._drop)
        self.tree.setModel(self.model)
        self.search.set_queries(self.model.queries)
        self.tree.configure_columns()
        header_state = self.settings.value("tree/header")
        if isinstance(header_state, QByteArray):
            self.tree.header().restoreState(header_state)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_details())
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self._connect_undo(self.controller)
        self._restore_expanded()
        self.setWindowTitle(f"{path.stem} — Planner")
        if not temporary:
            self._remember_recent(path)
        self._after_change([])
        if self.model.rowCount() and not self.tree.currentIndex().isValid():
            self.tree.setCurrentIndex(self.model.index(0, 0))
        return True

    def _close_plan(self) -> None:
        if self.service is None:
            return
        self.details.flush()
        self._save_expanded()
        self.settings.setValue("tree/header", self.tree.header().saveState())
        if self.controller is not None:
            # The stack goes with the plan; it must not call back while it is destroyed.
            self.controller.stack.indexChanged.disconnect(self._undo_names)
            self.controller.stack.cleanChanged.disconnect(self._undo_names)
        self.tree.setModel(None)
        self.service.store.close()
        self.service = self.model = self.controller = None
        self._undo_names()

    def _connect_undo(self, controller: PlanController) -> None:
        controller.stack.indexChanged.connect(self._undo_names)
        controller.stack.cleanChanged.connect(self._undo_names)
        self._undo_names()

    def _undo_names(self, *_args: Any) -> None:
        """Edit › Undo/Redo say what they would do: "Undo Move 'Book flights'"."""
        undo, redo = self.actions_by_name["undo"], self.actions_by_name["redo"]
        stack = self.controller.stack if self.controller is not None else None
        if stack is not None and not shiboken6.isValid(stack):
            return  # the stack is going away with its plan (at exit)
        undo.setText(f"&Undo {stack.undoText() if stack else ''}".rstrip())
        redo.setText(f"&Redo {stack.redoText() if stack else ''}".rstrip())
        undo.setEnabled(stack is not None and stack.canUndo())
        redo.setEnabled(stack is not None and stack.canRedo())

    def undo(self) -> None:
        if self.controller is not None:
            self.details.flush()
            self._step(self.controller.stack.undo)

    def redo(self) -> None:
        if self.controller is not None:
            self.details.flush()
            self._step(self.controller.stack.redo)

    def _step(self, step: Callable[[], None]) -> None:
        """Undo or redo, then select what it touched, like the action itself did."""
        self._touched = []
        try:
            step()
            touched = self._touched
        finally:
            self._touched = None
        if touched:
            self.reveal(list(dict.fromkeys(touched)))  # items purged for good are skipped

    # -- menus and actions ---------------------------------------------------------------
    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], Any],
        shortcuts: Sequence[str] = (),
        tree_only: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False: slot())
        if tree_only:
            # Keys like Enter and Delete belong to the tree, not to the details fields.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(action)
        else:
            self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self._action("new_plan", "&New Plan…", self.new_plan_dialog))
        file_menu.addAction(
            self._action("open_plan", "&Open Plan…", self.open_plan_dialog, ["Ctrl+O"])
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self._action("quit", "&Quit", self.close, ["Ctrl+Q"]))

        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addAction(self._action("undo", "&Undo", self.undo, ["Ctrl+Z"]))
        self.edit_menu.addAction(
            self._action("redo", "&Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        )

        item_menu = bar.addMenu("&Item")
        self.item_menu = item_menu
        item_menu.addAction(self._action("new_goal", "New &Goal", self.new_goal, ["Ctrl+N"]))
        item_menu.addAction(
            self._action(
                "new_sibling",
                "New Item &Below",
                self.new_sibling,
                ["Return", "Enter"],
                tree_only=True,
            )
        )
        item_menu.addAction(
            self._action(
                "new_subtask", "New &Subtask", self.new_subtask, ["Ctrl+Shift+N", "Insert"]
            )
        )
        item_menu.addAction(self._action("new_group", "New Gro&up", self.new_group))
        item_menu.addAction(self._action("rename", "&Rename", self.rename, ["F2"], tree_only=True))
        item_menu.addSeparator()
        item_menu.addAction(
            self._action(
                "toggle_done",
                "Mark &Done / Not Done",
                self.toggle_done,
                ["Ctrl+Return", "Ctrl+Enter"],
            )
        )
        item_menu.addAction(self._action("indent", "&Indent", self.indent))
        item_menu.addAction(self._action("outdent", "&Outdent", self.outdent))
        item_menu.addAction(
            self._action("move_up", "Move &Up", lambda: self.move_by(-1), ["Ctrl+Shift+Up"])
        )
        item_menu.addAction(
            self._action("move_down", "Move Do&wn", lambda: self.move_by(1), ["Ctrl+Shift+Down"])
        )
        item_menu.addSeparator()
        item_menu.addAction(
            self._action("delete", "&Delete", self.delete, ["Delete"], tree_only=True)
        )
        item_menu.addAction(self._action("restore", "Re&store", self.restore))
        item_menu.addAction(
            self._action(
                "purge", "Delete &Permanently…", self.purge, ["Shift+Delete"], tree_only=True
            )
        )
        item_menu.addAction(self._action("empty_deleted", "&Empty Deleted…", self.empty_deleted))

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self._action("search", "&Search…", self.search.focus, ["Ctrl+F"]))
        view_menu.addSeparator()
        view_menu.addAction(self._action("expand_all", "&Expand All", self.tree.expandAll))
        view_menu.addAction(self._action("collapse_all", "&Collapse All", self.tree.collapseAll))

    def _context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for name in (
            "new_goal",
            "new_sibling",
            "new_subtask",
            "rename",
            None,
            "toggle_done",
            "indent",
            "outdent",
            "move_up",
            "move_down",
            None,
            "delete",
            "restore",
            "purge",
            "empty_deleted",
        ):
            if name is None:
                menu.addSeparator()
            elif self.actions_by_name[name].isEnabled():
                menu.addAction(self.actions_by_name[name])
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _update_actions(self) -> None:
        records = self.selected_records()
        current = self.current_record()
        has_items = any(not r.is_group for r in records)
        deleted = any(r.status is Status.DELETED for r in records)
        enable = {
            "new_sibling": current is not None,
            "new_subtask": current is not None and not deleted,
            "rename": current is not None,
            "toggle_done": has_items and not deleted,
            "indent": current is not None and not current.is_group,
            "outdent": current is not None and not current.is_group,
            "move_up": current is not None,
            "move_down": current is not None,
            "delete": bool(records) and not all(r.status is Status.DELETED for r in records),
            "restore": bool(records),
            "purge": bool(records),
            "empty_deleted": self._deleted_section_owner() is not False,
        }
        for name, on in enable.items():
            self.actions_by_name[name].setEnabled(on)

    # -- selection -----------------------------------------------------------------------
    def today(self) -> date:
        return self.clock().astimezone().date()

    def current_record(self) -> ItemRecord | None:
        return self.model.record(self.tree.currentIndex()) if self.model else None

    def selected_records(self) -> list[ItemRecord]:
        if self.model is None:
            return []
        rows = self.tree.selectionModel().selectedRows(0)
        rows.sort(key=self.model._visual_order)
        records = [self.model.record(i) for i in rows]
        return [r for r in records if r is not None]

    def selected_ids(self) -> list[int]:
        ids = [r.id for r in self.selected_records()]
        current = self.current_record()
        if not ids and current is not None:
            ids = [current.id]
        return ids

    def reveal(self, item_ids: Sequence[int], edit: bool = False) -> None:
        """Select items (loading and expanding what is above them) and scroll to them."""
        if self.model is None or not item_ids:
            return
        selection = self.tree.selectionModel()
        first = True
        for item_id in item_ids:
            index = self._load_path(item_id)
            if not index.isValid():
                continue
            flags = QItemSelectionModel.SelectionFlag.Rows | (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                if first
                else QItemSelectionModel.SelectionFlag.Select
            )
            if first:
                selection.setCurrentIndex(index, flags)
                first = False
            else:
                selection.select(index, flags)
            self.tree.scrollTo(index)
        if edit and not first:
            self.tree.edit(self.tree.currentIndex())

    def _load_path(self, item_id: int) -> QModelIndex:
        assert self.model is not None and self.service is not None
        try:
            chain = [*self.service.path(item_id), self.service.get(item_id)]
        except Exception:
            return QModelIndex()
        model = self.model
        for record in chain:
            container = model.container_index(record)
            if container is None:
                return QModelIndex()
            above = container
            while above.isValid():
                self.tree.expand(above)
                above = above.parent()
            index = model.index_for_item(record.id)
            while not index.isValid() and model.canFetchMore(container):
                model.fetchMore(container)
                index = model.index_for_item(record.id)
            if not index.isValid():
                return QModelIndex()
        return model.index_for_item(item_id)

    # -- actions -------------------------------------------------------------------------
    def _run(
        self, text: str, action: Callable[[], Any], select: bool = True, edit: bool = False
    ) -> list[ch.Outcome] | None:
        if self.controller is None:
            return None
        self.details.flush()
        outcomes = self.controller.run(text, action)
        if outcomes and select:
            ids = [i for o in outcomes for i in o.ids]
            self.reveal(ids, edit=edit)
        return outcomes

    def _group_for_new_goal(self) -> int | None:
        assert self.service is not None
        current = self.current_record()
        if current is not None:
            if current.is_group and current.status is Status.ACTIVE:
                return current.id
            path = self.service.path(current.id)
            if path and path[0].status is Status.ACTIVE:
                return path[0].id
        first = self.service.first_group()
        return None if first is None else first.id

    def new_goal(self) -> None:
        if self.service is None:
            return
        service = self.service
        group = self._group_for_new_goal()
        if group is None:
            self._run("New group", lambda: service.create_group("Goals"))
            group = self._group_for_new_goal()
            if group is None:
                return
        gid = group
        self._run("New goal", lambda: service.create_item(gid, "New goal"), edit=True)

    def new_sibling(self) -> None:
        current = self.current_record()
        if self.service is None or self.model is None or current is None:
            return
        service = self.service
        active = current.status is Status.ACTIVE
        index = self.model.queries.rank(current) + 1 if active else None
        if current.is_group:
            self._run("New group", lambda: service.create_group("New group", index), edit=True)
            return
        parent_id = current.parent_id
        assert parent_id is not None
        parent = service.get(parent_id)
        title = "New goal" if parent.is_group else "New task"
        self._run(
            f"New {title[4:]}",
            lambda: service.create_item(parent_id, title, index=index),
            edit=True,
        )

    def new_subtask(self) -> None:
        current = self.current_record()
        if self.service is None or current is None:
            return
        service = self.service
        title = "New goal" if current.is_group else "New task"
        self._run(f"New {title[4:]}", lambda: service.create_item(current.id, title), edit=True)

    def new_group(self) -> None:
        if self.service is not None:
            service = self.service
            self._run("New group", lambda: service.create_group("New group"), edit=True)

    def rename(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid() and self.current_record() is not None:
            self.tree.edit(index.siblingAtColumn(Column.TITLE))

    def edit_item(self, item_id: int, **fields: Any) -> None:
        if self.service is None:
            return
        service = self.service
        record = service.get(item_id)
        # Nothing changed (Enter in an editor left as it was): no step in the history.
        fields = {k: v for k, v in fields.items() if not _unchanged(record, k, v)}
        if not fields:
            return
        what = {
            "title": "Rename",
            "notes": "Edit notes of",
            "due": "Change due date of",
            "priority": "Change priority of",
        }
        verb = what[next(iter(fields))] if len(fields) == 1 else "Edit"
        self._run(
            f"{verb} {quoted(record.title)}", lambda: service.edit(item_id, **fields), select=False
        )

    def _rename_in_place(self, item_id: int, title: str) -> None:
        if not title.strip():
            # Like the details panel: an emptied title keeps the old one, without a dialog.
            self.statusBar().showMessage("A title is required; the old one is kept.", 5000)
            return
        self.edit_item(item_id, title=title)

    def _details_edit(self, item_id: int, fields: dict[str, Any]) -> None:
        self.edit_item(item_id, **fields)

    def _label(self, verb: str, records: Sequence[ItemRecord]) -> str:
        if len(records) == 1:
            return f"{verb} {quoted(records[0].title)}"
        return f"{verb} {len(records)} items"

    def toggle_done(self) -> None:
        records = [r for r in self.selected_records() if not r.is_group] or [
            r for r in [self.current_record()] if r is not None and not r.is_group
        ]
        if self.service is None or not records:
            return
        service = self.service
        ids = [r.id for r in records]
        if all(r.status is Status.DONE for r in records):
            self._run(self._label("Mark not done", records), lambda: service.mark_undone(ids))
        else:
            self._run(self._label("Mark done", records), lambda: service.mark_done(ids))

    def delete(self) -> None:
        records = self.selected_records()
        if self.service is None or not records:
            return
        service = self.service
        ids = [r.id for r in records if r.status is not Status.DELETED]
        self._run(self._label("Delete", records), lambda: service.delete(ids))

    def restore(self) -> None:
        records = self.selected_records()
        if self.service is None or not records:
            return
        service = self.service
        ids = [r.id for r in records]
        self._run(self._label("Restore", records), lambda: service.restore(ids))

    def purge(self) -> None:
        records = self.selected_records()
        if self.service is None or not records:
            return
        what = quoted(records[0].title) if len(records) == 1 else f"{len(records)} items"
        if not self._confirm(
            "Delete permanently",
            f"Delete {what} and everything below it permanently?\n\n"
            "You can still undo this until you close the plan.",
        ):
            return
        service = self.service
        ids = [r.id for r in records]
        self._run(
            self._label("Delete permanently", records), lambda: service.purge(ids), select=False
        )

    def _deleted_section_owner(self) -> int | bool | None:
        """The item whose Deleted section 'Empty Deleted' would empty (None: the top level),
        or False when there is none."""
        if self.model is None:
            return False
        index = self.tree.currentIndex()
        section = self.model.section_of(index)
        if section is not None:
            return section[0] if section[1] is Section.DELETED else False
        record = self.model.record(index)
        if record is None:
            return False
        if record.status is Status.DELETED:
            return record.parent_id
        counts = self.model.counts_of(record.id)
        return record.id if counts.get(Status.DELETED) else False

    def empty_deleted(self) -> None:
        owner = self._deleted_section_owner()
        if self.service is None or owner is False:
            return
        owner_id = None if owner is None or owner is True else int(owner)
        if not self._confirm(
            "Empty Deleted", "Delete everything in this Deleted section permanently?"
        ):
            return
        service = self.service
        self._run("Empty Deleted", lambda: service.empty_deleted(owner_id), select=False)

    def indent(self) -> None:
        current = self.current_record()
        if self.service is None or self.model is None or current is None or current.is_group:
            return
        if current.status is not Status.ACTIVE:
            self.statusBar().showMessage("Only active items can be indented.", 5000)
            return
        index = self.tree.currentIndex()
        above = index.sibling(index.row() - 1, 0) if index.row() > 0 else QModelIndex()
        target = self.model.record(above)
        if target is None:
            self.statusBar().showMessage("Nothing above to indent under.", 5000)
            return
        service, records = self.service, self.selected_records() or [current]
        ids = [r.id for r in records if not r.is_group and r.id != target.id]
        self._run(self._label("Indent", records), lambda: service.move(ids, target.id))

    def outdent(self) -> None:
        current = self.current_record()
        if self.service is None or self.model is None or current is None or current.is_group:
            return
        assert current.parent_id is not None
        parent = self.service.get(current.parent_id)
        if parent.is_group:
            self.statusBar().showMessage(f"{quoted(current.title)} is already a goal.", 5000)
            return
        service = self.service
        target = parent.parent_id
        index = self.model.queries.rank(parent) + 1 if parent.status is Status.ACTIVE else None
        self._run(
            self._label("Outdent", [current]), lambda: service.move([current.id], target, index)
        )

    def move_by(self, step: int) -> None:
        current = self.current_record()
        if self.service is None or self.model is None or current is None:
            return
        if current.status is not Status.ACTIVE:
            return
        rank = self.model.queries.rank(current)
        index = rank - 1 if step < 0 else rank + 2
        if index < 0:
            return
        service = self.service
        parent = current.parent_id
        self._run(self._label("Move", [current]), lambda: service.move([current.id], parent, index))

    def _drop(self, ids: list[int], parent_id: int | None, row: int, section: Section) -> None:
        if self.service is None:
            return
        service = self.service
        records = [service.get(i) for i in ids]
        index = None if row < 0 else row

        def action() -> list[ch.Outcome]:
            outcomes = []
            movers = [
                r.id for r in records if r.parent_id != parent_id or section is Section.ACTIVE
            ]
            if movers and (
                section is Section.ACTIVE or any(r.parent_id != parent_id for r in records)
            ):
                outcomes.append(service.move(movers, parent_id, index))
            if section is Section.DONE:
                outcomes.append(service.mark_done(ids))
            elif section is Section.DELETED:
                outcomes.append(service.delete(ids))
            elif any(r.status is not Status.ACTIVE for r in records):
                restored = [r.id for r in records if r.status is Status.DELETED]
                undone = [r.id for r in records if r.status is Status.DONE]
                if restored:
                    outcomes.append(service.restore(restored))
                if undone:
                    outcomes.append(service.mark_undone(undone))
            return outcomes

        verb = {Section.ACTIVE: "Move", Section.DONE: "Mark done", Section.DELETED: "Delete"}
        self._run(self._label(verb[section], records), action)

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Planner", message)

    # -- after every change --------------------------------------------------------------
    def _search_hit(self, item_id: int) -> None:
        self.reveal([item_id])
        self.tree.setFocus()

    def _after_change(self, ids: list[int]) -> None:
        if self.search.field.text():
            self.search.run()
        if self._touched is not None:
            self._touched.extend(ids)
        self._show_details()
        self._update_actions()
        if self.model is not None:
            self.tree.empty_hint = self.model.queries.is_empty()
            self.tree.viewport().update()
            where = str(self.plan_path or "")
            if self.temporary_plan:
                where = "Sample plan: a temporary copy, not your own plan"
            self.status_label.setText(where)

    def _show_details(self) -> None:
        if self.service is None:
            self.details.show_record(None)
            return
        record = self.current_record()
        if record is not None:
            try:
                record = self.service.get(record.id)
            except Exception:
                record = None
        path = ""
        if record is not None and not record.is_group:
            path = " › ".join(p.title for p in self.service.path(record.id))
        self.details.show_record(record, path, self.today())
        self._update_actions()

    def _day_changed(self, today: date) -> None:
        if self.model is not None:
            self.model.refresh_all()
        self.details.set_today(today)

    # -- remembering ---------------------------------------------------------------------
    def _remember_recent(self, path: Path) -> None:
        recent = [p for p in self._recent() if p != str(path)]
        recent.insert(0, str(path))
        self.settings.setValue("plans/recent", recent[:RECENT_MAX])
        self.settings.setValue("plans/last", str(path))

    def _recent(self) -> list[str]:
        value = self.settings.value("plans/recent", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for entry in self._recent():
            action = self.recent_menu.addAction(entry)
            action.triggered.connect(lambda _c=False, p=entry: self.open_path(Path(p)))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("No recent plans").setEnabled(False)

    def _expanded_key(self) -> str:
        return expanded_rows_key(self.plan_path or Path())

    def _save_expanded_later(self) -> None:
        QTimer.singleShot(0, self._save_expanded)

    def _save_expanded(self) -> None:
        if self.model is None or self.temporary_plan:
            return
        keys: list[int] = []
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    keys.append(int(index.internalId()))
                    stack.append(index)
        self.settings.setValue(self._expanded_key(), keys)

    def _restore_expanded(self) -> None:
        if self.model is None:
            return
        saved = self.settings.value(self._expanded_key(), [])
        keys = [int(k) for k in saved] if isinstance(saved, list) else []
        self.tree.blockSignals(True)
        try:
            for key in keys:  # parents were saved before their children
                index = self.model.index_for_key(key)
                if index.isValid():
                    self.tree.expand(index)
                    # The view loads an expanded row's children only when it lays itself
                    # out; the rows below must be there now to be expanded in turn.
                    if self.model.canFetchMore(index):
                        self.model.fetchMore(index)
        finally:
            self.tree.blockSignals(False)

    # -- file menu -----------------------------------------------------------------------
    def new_plan_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "New plan", str(Path.home() / "New plan.sqlite3"), "Plans (*.sqlite3 *.db)"
        )
        if not name:
            return
        path = Path(name)
        if path.exists():
            QMessageBox.warning(self, "New plan", f"{path} already exists; choose a new name.")
            return
        self.open_path(path, create=True)

    def open_plan_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open plan", str(Path.home()), "Plans (*.sqlite3 *.db);;All files (*)"
        )
        if name:
            self.open_path(Path(name))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self._close_plan()
        self.settings.sync()
        super().closeEvent(event)
