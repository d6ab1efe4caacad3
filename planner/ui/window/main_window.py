"""The main window: the goal tree, the details panel, menus, keyboard and undo."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlanFileError
from planner.domain.items import ItemRecord, Status
from planner.services.plan import Clock, PlanService, system_clock
from planner.services.ports import PlanFiles, WindowLock
from planner.ui.controller import PlanController
from planner.ui.details.panel import DetailsPanel
from planner.ui.dialogs import backups as backup_dialog
from planner.ui.dialogs import startup
from planner.ui.panels.search import SearchPanel
from planner.ui.sharing.actions import Sharing
from planner.ui.tree.model import PlanTreeModel
from planner.ui.tree.view import PlanTreeView
from planner.ui.window.cost_actions import CostActions
from planner.ui.window.day_watcher import DayWatcher
from planner.ui.window.item_actions import ItemActions
from planner.ui.window.people_actions import PeopleActions

RECENT_MAX = 8
OUTSIDE_CHANGES_MS = 3000  # how often a window in front looks for other programs' changes
OpenPlan = Callable[..., PlanService]  # (path, create, accept_damaged_log=False)


def expanded_rows_key(path: Path) -> str:
    """The settings key of a plan's expanded rows: the same in every run of the app (the
    built-in str hash is salted per process)."""
    digest = hashlib.sha256(str(path.absolute()).encode()).hexdigest()[:24]
    return f"tree/expanded/{digest}"


class MainWindow(PeopleActions, ItemActions):
    """One window on one open plan at a time."""

    planClosed = Signal()  # the plan's objects are let go

    def __init__(
        self,
        open_plan: OpenPlan,
        settings: QSettings,
        clock: Clock = system_clock,
        *,
        files: PlanFiles,
    ) -> None:
        super().__init__()
        self.files = files
        self._open_plan = open_plan
        self.settings = settings
        self.clock = clock
        self.service: PlanService | None = None
        self.model: PlanTreeModel | None = None
        self.controller: PlanController | None = None
        self.plan_path: Path | None = None
        self.temporary_plan = False  # the demo: never remembered as the last plan
        self._touched: list[int] | None = None  # ids changed by an undo or redo under way
        self._plan_lock: WindowLock | None = None  # no other window may show the open plan
        self.auto_backup = backup_dialog.AutoBackup(files, self)
        self.auto_backup.done.connect(self._backup_done)

        self.tree = PlanTreeView()
        self.details = DetailsPanel()
        self.details.editRequested.connect(self._details_edit)
        self.cost_actions = CostActions(self.details.costs, self)
        self.details.costs.failed.connect(self._show_error)
        self.search = SearchPanel()
        self.search.activated.connect(self._search_hit)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.search)
        self.breadcrumb = QLabel()
        self.breadcrumb.setContentsMargins(6, 4, 6, 4)
        self.breadcrumb.linkActivated.connect(self._breadcrumb_clicked)
        self.breadcrumb.hide()
        self.zoomed: int | None = None  # the item that fills the tree, if any
        left_layout.addWidget(self.breadcrumb)
        left_layout.addWidget(self.tree, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.totals_label = QLabel()
        self.statusBar().addPermanentWidget(self.totals_label)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #6b7280;")
        self.statusBar().addPermanentWidget(self.status_label)

        self.tree.indentRequested.connect(self.indent)
        self.tree.outdentRequested.connect(self.outdent)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.expanded.connect(lambda _i: self._save_expanded_later())
        self.tree.collapsed.connect(lambda _i: self._save_expanded_later())

        self.day_watcher = DayWatcher(clock, self)
        self.day_watcher.dayChanged.connect(self._day_changed)
        # Changes other programs (the command line) make are shown when the window comes
        # to the front, before an undo or redo, and every few seconds while it is in front.
        self._outside = QTimer(self)
        self._outside.setInterval(OUTSIDE_CHANGES_MS)
        self._outside.timeout.connect(lambda: self.pick_up_outside_changes(typing_ok=False))

        self._setup_people()
        self.actions_by_name: dict[str, QAction] = {}
        self.sharing = Sharing(self)
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
    def open_path(
        self,
        path: Path,
        create: bool = False,
        temporary: bool = False,
        accept_damaged_log: bool = False,
    ) -> bool:
        """Show the plan at `path`; on failure say why, offer a way on, and keep what was
        open if the user takes none."""
        existed = path.exists()
        try:
            options = {"accept_damaged_log": True} if accept_damaged_log else {}
            service = self._open_plan(path, create, **options)
            same = self._plan_lock is not None and self._plan_lock.plan.resolve() == path.resolve()
            lock = self._plan_lock if same and self._plan_lock else self.files.lock(path)
            try:
                lock.acquire()
            except PlanFileError:
                service.store.close()
                raise
        except PlanFileError as e:
            return self._cannot_open(path, e)
        self.auto_backup.wait()
        self._close_plan()
        if self._plan_lock is not None and self._plan_lock is not lock:
            self._plan_lock.release()
        self._plan_lock = lock
        self.service, self.plan_path, self.temporary_plan = service, path, temporary
        self.model = PlanTreeModel(service, today=self.today)
        self.controller = PlanController(service, self.model)
        self.controller.failed.connect(self._show_error)
        self.controller.noted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.controller.changed.connect(self._after_change)
        self.model.renameRequested.connect(self._rename_in_place)
        self.model.dropRequested.connect(self._drop)
        self.model.totalsReady.connect(self._show_totals)
        self.cost_actions.bind(self.controller)
        self.tree.setModel(self.model)
        self.details.images.bind(self.controller)
        self.search.set_queries(self.model.queries)
        self.tree.configure_columns()
        header_state = self.settings.value("tree/header")
        if isinstance(header_state, QByteArray):
            self.tree.header().restoreState(header_state)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_details())
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self._connect_undo(self.controller)
        self._restore_expanded()
        read_only = " (read-only)" if service.store.read_only else ""
        self.setWindowTitle(f"{path.stem}{read_only} — Planner")
        if not temporary:
            self._remember_recent(path)
        if read_only:
            self.statusBar().showMessage(
                "This plan is read-only: its file or folder cannot be written. "
                "You can look, but changes are not saved.",
                15000,
            )
        elif existed and not temporary:
            self.auto_backup.start(path)  # soon after, in a thread: start-up is not delayed
        with self.details_once():
            self._people_opened()
            self._after_change([])
            if self.model.rowCount() and not self.tree.currentIndex().isValid():
                self.tree.setCurrentIndex(self.model.index(0, 0))
        return True

    def _cannot_open(self, path: Path, error: PlanFileError) -> bool:
        """The plan at `path` cannot be opened: the user chooses a way on (or none)."""
        choice = startup.ask_what_to_do(self, path, error, self.files)
        if choice is startup.Choice.CREATE:
            return self.open_path(path, create=True)
        if choice is startup.Choice.WITHOUT_LOST:
            return self.open_path(path, accept_damaged_log=True)
        if choice is startup.Choice.BACKUP:
            backup = backup_dialog.choose_backup(self, self.files, path)
            return backup is not None and backup_dialog.restore_into(self, path, backup)
        if choice is startup.Choice.OTHER:
            other = startup.ask_for_other_file(self)
            return other is not None and self.open_path(other)
        if choice is startup.Choice.NEW:
            new = startup.ask_for_new_file(self)
            return new is not None and self.open_path(new, create=True)
        return False

    def _backup_done(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text, 8000)

    def close_plan_for_replacing(self) -> None:
        """Close the plan (its lock kept) so that its file can be replaced, then reopened."""
        self.auto_backup.wait()
        self._close_plan()

    def _close_plan(self) -> None:
        if self.service is None:
            return
        self.details.flush()
        self.sharing.plan_closing()
        self._save_expanded()
        self.settings.setValue("tree/header", self.tree.header().saveState())
        if self.controller is not None:
            # The stack goes with the plan; it must not call back while it is destroyed.
            self.controller.stack.indexChanged.disconnect(self._undo_names)
            self.controller.stack.cleanChanged.disconnect(self._undo_names)
            # Its commands go now, while it is alive: a stack and its commands (which hold
            # the controller) are a cycle, and PySide crashes when Python's collector frees
            # its parts in some orders.
            self.controller.stack.clear()
        self.tree.setModel(None)
        if self.model is not None:
            self.model.close()
        self.details.images.bind(None)
        self.service.store.close()
        self.service = self.model = self.controller = None
        self.cost_actions.bind(None)
        self._people_opened()
        self._undo_names()
        self.planClosed.emit()

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
            self.pick_up_outside_changes()
            self._step(self.controller.stack.undo)

    def redo(self) -> None:
        if self.controller is not None:
            self.details.flush()
            self.pick_up_outside_changes()
            self._step(self.controller.stack.redo)

    def pick_up_outside_changes(self, typing_ok: bool = True) -> bool:
        """Another program changed the plan: show it as it is now, with the same rows open
        and the same items selected (the undo history stays; a step that would undo
        something made elsewhere is refused when it is tried). Never while a title is being
        typed in the tree or a row dragged; `typing_ok` False: nor while a field of the
        details has the focus (what is typed there is sent first otherwise)."""
        if self.service is None or self.model is None:
            return False
        if self.tree.state() != QAbstractItemView.State.NoState:
            return False
        focus = QApplication.focusWidget()
        if focus is not None and self.details.isAncestorOf(focus):
            if not typing_ok:
                return False
            self.details.flush()
        if not self.service.store.changed_elsewhere():
            return False
        selected = self.selected_ids()
        keys = self._expanded_keys()
        with self.details_once():
            self.model.reload()
            self._expand_keys(keys)
            self.reveal(selected)
            self._after_change([])
        self.statusBar().showMessage(
            "The plan was changed by another program; it is shown as it is now.", 8000
        )
        return True

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange:
            if self.isActiveWindow():
                self.pick_up_outside_changes()
                self._outside.start()
            else:
                self._outside.stop()
        super().changeEvent(event)

    def _step(self, step: Callable[[], None]) -> None:
        """Undo or redo, then select what it touched, like the action itself did."""
        self._touched = []
        with self.details_once():
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
        file_menu.addAction(
            self._action(
                "restore_backup",
                "Restore from &Backup…",
                lambda: backup_dialog.restore_from_backup(self),
            )
        )
        file_menu.addAction(
            self._action("check_plan", "&Check Plan", lambda: backup_dialog.check_plan(self))
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("currency", "Plan &Currency…", self.cost_actions.choose_currency)
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("import", "&Import…", self.sharing.import_dialog))
        file_menu.addAction(self._action("export", "&Export…", self.sharing.export_dialog))
        file_menu.addAction(self._action("shares", "S&hares…", self.sharing.show_shares))
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
        item_menu.addSeparator()
        item_menu.addAction(self._action("people", "P&eople…", self.show_people, ["Ctrl+Shift+P"]))
        item_menu.addAction(
            self._action("share", "S&hare…", self.sharing.share_current, ["Ctrl+Shift+S"])
        )

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self._action("search", "&Search…", self.search.focus, ["Ctrl+F"]))
        view_menu.addAction(
            self._action("assigned", "&Assigned To…", self.show_assigned, ["Ctrl+Shift+A"])
        )
        view_menu.addSeparator()
        view_menu.addAction(self._action("zoom_in", "&Zoom In", self.zoom_in, ["Alt+Right"]))
        view_menu.addAction(self._action("zoom_out", "Zoom &Out", self.zoom_out, ["Alt+Left"]))
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
            None,
            "share",
        ):
            if name is None:
                menu.addSeparator()
            elif self.actions_by_name[name].isEnabled():
                menu.addAction(self.actions_by_name[name])
        self.add_assign_menu(menu)
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
            "share": current is not None
            and not current.is_group
            and current.status is not Status.DELETED,
        }
        for name, on in enable.items():
            self.actions_by_name[name].setEnabled(on)

    # -- after every change --------------------------------------------------------------
    def _search_hit(self, item_id: int) -> None:
        self.reveal([item_id])
        self.tree.setFocus()

    def _after_change(self, ids: list[int]) -> None:
        self.sharing.plan_changed()
        if self.zoomed is not None:
            self._show_breadcrumb()
        if self.search.field.text():
            self.search.run()
        if self._touched is not None:
            self._touched.extend(ids)
        self._show_details()
        self._update_actions()
        self._refresh_people()
        if self.model is not None:
            self.tree.empty_hint = self.model.queries.is_empty()
            self.tree.viewport().update()
            where = str(self.plan_path or "")
            if self.temporary_plan:
                where = "Sample plan: a temporary copy, not your own plan"
            self.status_label.setText(where)

    def _show_details(self) -> None:
        if self._details_held is not None:
            self._details_held = True  # shown once the action is over
            return
        if self.service is None:
            self.details.show_record(None)
            return
        record = self.current_record()
        if record is not None:
            try:
                record = self.service.get(record.id)
            except Exception:
                record = None
        ancestors = self._ancestors(record)
        path = " › ".join(p.title for p in ancestors)
        self.details.show_record(record, path, self.today())
        self._show_costs(record, ancestors)
        self._update_actions()

    def _show_totals(self) -> None:
        """The figures just loaded: the Calculation tab and the status bar's totals only.
        The plan is shown: the store may now load what writing needs, off this thread."""
        record = self.current_record()
        self._show_costs(record, self._ancestors(record))
        if self.service is not None:  # once the repaint is done (a 0-ms timer waits for it)
            QTimer.singleShot(0, self.service.store.warm_up)

    def _ancestors(self, record: ItemRecord | None) -> list[ItemRecord]:
        """The items above a goal or task, its group first (none above a group)."""
        if record is None or record.is_group or self.service is None:
            return []
        return self.service.path(record.id)

    def _show_costs(self, record: ItemRecord | None, ancestors: list[ItemRecord]) -> None:
        """The Calculation tab, and the plan's and the record's group's totals."""
        group = ancestors[0] if ancestors else record if record and record.is_group else None
        self.cost_actions.show(record)
        self.totals_label.setText(self.cost_actions.status_text(group))

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
        self.settings.setValue(self._expanded_key(), self._expanded_keys())

    def _expanded_keys(self) -> list[int]:
        """The rows open in the tree, parents before their children."""
        keys: list[int] = []
        if self.model is None:
            return keys
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            # Not every row: a parent with 10,000 tasks open has but a few that can be open.
            for index in self.model.open_candidates(parent):
                if self.tree.isExpanded(index):
                    keys.append(self.model.key_of(index))
                    stack.append(index)
        return keys

    def _restore_expanded(self) -> None:
        saved = self.settings.value(self._expanded_key(), [])
        self._expand_keys([int(k) for k in saved] if isinstance(saved, list) else [])

    def _expand_keys(self, keys: list[int]) -> None:
        if self.model is None:
            return
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
        path = startup.ask_for_new_file(self)
        if path is not None:
            self.open_path(path, create=True)

    def open_plan_dialog(self) -> None:
        path = startup.ask_for_other_file(self)
        if path is not None:
            self.open_path(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.auto_backup.wait()
        self._close_plan()
        if self._plan_lock is not None:
            self._plan_lock.release()
            self._plan_lock = None
        self.settings.sync()
        super().closeEvent(event)
