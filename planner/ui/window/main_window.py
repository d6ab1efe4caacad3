"""The main window: it builds the tree, the details panel and the parts that act on them,
opens and closes plans, runs undo and redo, and keeps every panel current after a change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QMainWindow,
)

from planner.domain.agenda import View
from planner.domain.errors import PlanFileError
from planner.i18n import N_, _
from planner.services.plan import Clock, local_today, system_clock
from planner.services.ports import PlanFiles
from planner.services.search import SearchService
from planner.ui import language as qt_language
from planner.ui.controller import PlanController
from planner.ui.dialogs.backups import AutoBackup, Restoring
from planner.ui.session import OfSession, Session
from planner.ui.sharing.actions import Sharing
from planner.ui.tree.model import Column, PlanTreeModel
from planner.ui.window import menus
from planner.ui.window.cost_actions import CostActions
from planner.ui.window.day_watcher import DayWatcher
from planner.ui.window.details_follow import DetailsFollow
from planner.ui.window.entry_actions import PRIORITY_KEYS, EntryActions
from planner.ui.window.file_actions import FileActions, OpenPlan
from planner.ui.window.filter_actions import FilterActions
from planner.ui.window.frame import build_frame
from planner.ui.window.geometry import WindowGeometry
from planner.ui.window.idle import IDLE_S, WATCH_AFTER_MS, SearchUpkeep, UserIdle
from planner.ui.window.item_actions import ItemActions
from planner.ui.window.memory import WindowMemory
from planner.ui.window.menus import Slots, add_menus, context_menu
from planner.ui.window.messages import Messages
from planner.ui.window.navigation import Navigator
from planner.ui.window.outside_changes import OutsideChanges
from planner.ui.window.pages import VIEW_KEYS, Pages
from planner.ui.window.people_actions import PeopleActions
from planner.ui.window.progress import StatusProgress
from planner.ui.window.reminder_actions import ReminderActions
from planner.ui.window.routine_actions import RoutineActions
from planner.ui.window.sort_actions import SortActions
from planner.ui.window.steps import Steps
from planner.ui.window.undo_actions import UndoActions

if TYPE_CHECKING:
    from planner.ui.tree.filter_bar import FilterBar

READ_ONLY_NOTE = N_(
    "This plan is read-only: its file or folder cannot be written. "
    "You can look, but changes are not saved."
)
SAVE_OPEN_ROWS_MS = 5000  # open rows are saved this long after they last changed


class MainWindow(QMainWindow):
    """One window on one open plan at a time. Its parts (selection, steps, pages, item,
    people, entry, cost, file, undo, reminder and sharing actions, other programs' changes,
    geometry, backups) are objects it holds, each handed what it uses."""

    planClosed = Signal()  # the plan's objects are let go
    # What the open plan is made of, as the tests and ShowsPlans (plan_path) read it.
    service = OfSession(lambda session: session.service)
    model = OfSession(lambda session: session.model)
    controller = OfSession(lambda session: session.controller)
    plan_path = OfSession(lambda session: session.path)

    def __init__(
        self,
        open_plan: OpenPlan,
        settings: QSettings,
        clock: Clock = system_clock,
        *,
        files: PlanFiles,
    ) -> None:
        super().__init__()
        self._open_plan, self.settings, self.clock, self.files = open_plan, settings, clock, files
        self.session: Session | None = None
        self._build_widgets()
        self._build_parts()
        self._connect_widgets()
        choose = partial(qt_language.choose, failed=lambda text: self.messages.error(text))
        self.menus = add_menus(self, self.tree, self._slots(), choose)
        self.actions_by_name, self.recent_menu = self.menus.actions, self.menus.recent
        self.sorts.take_actions(self.actions_by_name)
        self.paging.bind_menus(self.actions_by_name)
        self.undoing.bind_menus(self.actions_by_name)
        self.recent_menu.aboutToShow.connect(
            lambda: self.memory.fill_recent(self.recent_menu, self.open_path)
        )
        self.geometry_kept = WindowGeometry(self, self.splitter, self.views.side_bar, self.settings)
        self.geometry_kept.restore()
        self.retranslate()

    @property
    def filter_bar(self) -> FilterBar:
        """View › Filter…'s bar over the tree (made when first asked for)."""
        return self.filters.bar

    # -- building ------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        """The search and the tree beside the details panel, and the status bar's labels
        (the views' side bar goes left of them: _build_parts)."""
        f = build_frame(self)
        self.tree, self.details, self.search, self.breadcrumb = (
            f.tree,
            f.details,
            f.search,
            f.breadcrumb,
        )
        self.tree_page, self.pages, self.splitter = f.tree_page, f.pages, f.splitter
        self.totals_label, self.filter_label, self.status_label = f.totals, f.filter, f.where

    def _build_parts(self) -> None:
        """The parts that act on the plan, each handed what it uses."""
        session = self._current_session
        self.messages = Messages(self)
        self.memory = WindowMemory(self.settings, self.tree)
        self.navigator = Navigator(self.tree, self.breadcrumb, session)
        self.navigator.on_zoom = lambda: self._update_actions()
        self.cost_actions = CostActions(self.details.costs, self)
        self.following = DetailsFollow(
            session,
            self.tree,
            self.details,
            self.navigator,
            self.cost_actions,
            self.totals_label,
            self.today,
            calendar_moved=lambda item_id: self.calendar.current_moved(item_id),
            update_actions=lambda: self._update_actions(),
            parent=self,
        )
        self.show_details = self.following.show
        self.steps = Steps(session, self.details.flush, self.show_details, self.navigator)
        self.items = ItemActions(session, self.tree, self.navigator, self.steps, self.messages)
        self.people = PeopleActions(
            session,
            open_assigned=lambda person: self.views.open_view(View.ASSIGNED, person),
            details=self.details,
            selection=self.navigator,
            steps=self.steps,
            messages=self.messages,
            clock=self.clock,
            parent=self,
        )
        # Which page shows beside the details panel: the tree's, a view's, the calendar's.
        self.paging = Pages(
            self.pages,
            self.tree_page,
            self.tree,
            session,
            self.today,
            selection=self.navigator,
            items=self.items,
            people=self.people,
            details=self.details,
            settings=self.settings,
            failed=self.messages.error,
            show_details=self.show_details,
            update_actions=lambda: self._update_actions(),
        )
        self.views, self.calendar = self.paging.views, self.paging.calendar
        self.splitter.insertWidget(0, self.views.side_bar)
        self.tree_page.setFocusProxy(self.tree)  # the side bar's Plan entry: the tree
        self.splitter.setStretchFactor(0, 0)
        self.entry = EntryActions(
            session,
            tree=self.tree,
            selection=self.navigator,
            steps=self.steps,
            people=self.people,
            messages=self.messages,
            today=self.today,
            page=self.tree_page,
        )
        self.views.make_quick = self.entry.make
        self.entry.shown_list = lambda: (
            self.views.page.list if self.views.showing_view else self.tree
        )
        self.routines = RoutineActions(
            session, self.details, self.navigator, self.steps, self.messages, self.clock, self
        )
        self.day_watcher = DayWatcher(self.clock, self)
        self.sharing = Sharing(
            self,
            session,
            self.navigator,
            self.items.group_for_new_goal,
            self.statusBar(),
            self.settings,
        )
        self.auto_backup = AutoBackup(self.files, self)
        self.restoring = Restoring(self, self, self.files, self.auto_backup, self.statusBar())
        self.file_actions = FileActions(
            self,
            session,
            self.open_path,
            self._open_plan,
            self.details.flush,
            self.restoring,
            self.files,
        )
        self.outside = OutsideChanges(
            self,
            session,
            tree=self.tree,
            views=self.views,
            details=self.details,
            selection=self.navigator,
            show_details=self.show_details,
            after_change=self._after_change,
            reminders_follow=lambda: self.reminder_actions.changed_elsewhere(),
        )
        self.undoing = UndoActions(
            session, self.details.flush, self.outside.pick_up, self.show_details, self.navigator
        )
        # Open rows are saved a while after they last changed (and when the plan closes).
        self._save_expanded = QTimer(self)
        self._save_expanded.setSingleShot(True)
        self._save_expanded.setInterval(SAVE_OPEN_ROWS_MS)
        self._save_expanded.timeout.connect(self._save_open_rows)
        self.expand_progress = StatusProgress(self.statusBar())
        self.user_idle = UserIdle(self)
        self.user_idle.stirred.connect(self._user_stirred)
        self.search_upkeep = SearchUpkeep(self.user_idle, self)
        self.reminder_actions = ReminderActions(
            self,
            session,
            self.steps,
            self.navigator,
            self.messages,
            self.settings,
            self.clock,
            lambda: self.pick_up_outside_changes(typing_ok=False),
        )
        # The reminders' index, made on a thread, waits while the user is at work here.
        self.reminder_actions.scheduler.user_busy = lambda: self.user_idle.seconds() < IDLE_S
        self.filters = FilterActions(self.tree, self.filter_label, self)
        self.sorts = SortActions(self.tree, self.memory, lambda: self.session)

    def _connect_widgets(self) -> None:
        self.auto_backup.done.connect(self._backup_done)
        self.details.editRequested.connect(lambda i, fields: self.items.edit_item(i, **fields))
        self.details.costs.failed.connect(self.messages.error)
        self.search.activated.connect(self.navigator.go_to)
        self.details.leaveRequested.connect(self.paging.back_to_tree)
        for key, step in (("F6", 1), ("Shift+F6", -1)):
            cycle = QShortcut(QKeySequence(key), self)
            cycle.activated.connect(lambda step=step: self.paging.cycle_focus(step))
        title_delegate = self.tree.itemDelegateForColumn(Column.TITLE)
        title_delegate.closeEditor.connect(self._title_editor_closed)
        self.tree.indentRequested.connect(self.items.indent)
        self.tree.outdentRequested.connect(self.items.outdent)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.open_rows.changed.connect(self._save_expanded.start)
        self.tree.open_rows.progress = self.expand_progress
        self.day_watcher.dayChanged.connect(self._day_changed)
        self.day_watcher.dayChanged.connect(lambda _day: self.sharing.plan_changed())
        self.day_watcher.dayChanged.connect(lambda _day: self.reminder_actions.scheduler.check())

    def _quick_add(self) -> None:
        """Ctrl+Space: the quick-add line of the view shown (what is typed there lands in
        the view), else the one over the tree (shown first)."""
        if not self.views.focus_quick():
            self.paging.in_tree(self.entry.quick_add)()

    def _slots(self) -> Slots:
        """What each command of the menus does."""
        items, navigator, people, sharing = self.items, self.navigator, self.people, self.sharing
        in_tree, paging = self.paging.in_tree, self.paging
        return {
            "new_plan": self.file_actions.new_plan,
            "open_plan": self.file_actions.open_plan,
            "restore_backup": self.file_actions.restore_from_backup,
            "check_plan": self.file_actions.check_plan,
            "currency": self.cost_actions.choose_currency,
            "workdays": self.routines.working_days,
            "import": sharing.import_dialog,
            "export": sharing.export_dialog,
            "shares": sharing.show_shares,
            "reminder_settings": self.reminder_actions.preferences,
            "quit": self.reminder_actions.close_window,
            "undo": self.undoing.undo,
            "redo": self.undoing.redo,
            "new_goal": in_tree(items.new_goal),
            "new_sibling": in_tree(items.new_sibling),
            "new_subtask": in_tree(items.new_subtask),
            "new_group": in_tree(items.new_group),
            "rename": paging.renamed_in_place(items.rename),
            "toggle_done": items.toggle_done,
            "tick_habit": self.routines.tick_habit_today,
            "indent": in_tree(items.indent),
            "outdent": in_tree(items.outdent),
            "move_up": in_tree(lambda: items.move_by(-1)),
            "move_down": in_tree(lambda: items.move_by(1)),
            "delete": items.delete,
            "restore": items.restore,
            "purge": items.purge,
            "empty_deleted": in_tree(items.empty_deleted),
            "quick_add": self._quick_add,
            "due_date": self.entry.due_date,
            "assignee": self.entry.assignee,
            **{name: partial(self.entry.set_priority, p) for name, p in PRIORITY_KEYS.items()},
            "people": people.show_people,
            "share": sharing.share_current,
            "search": in_tree(self.search.focus),
            "assigned": people.show_assigned,
            "side_bar": paging.toggle_side_bar,
            "show_in_tree": self.views.show_in_tree,
            "view_plan": self.views.show_tree,
            **{f"view_{v.value}": paging.opens(v) for v in VIEW_KEYS},
            "zoom_in": in_tree(navigator.zoom_in),
            "zoom_out": in_tree(navigator.zoom_out),
            "expand_all": in_tree(self.tree.open_rows.expand_all),
            "collapse_all": in_tree(self.tree.open_rows.collapse_all),
            "filter": in_tree(self.filters.open_bar),
            **{name: in_tree(slot) for name, slot in self.sorts.slots().items()},
            "calendar": paging.toggle_calendar,
        }

    # -- the open plan -------------------------------------------------------------------
    def _current_session(self) -> Session | None:
        return self.session

    def today(self) -> date:
        return local_today(self.clock)

    def reveal(self, item_ids: Sequence[int], edit: bool = False) -> None:
        """Select items (loading and expanding what is above them) and scroll to them."""
        self.navigator.reveal(item_ids, edit)

    def selected_ids(self) -> list[int]:
        return self.navigator.selected_ids()

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
            service, lock = self.file_actions.open_locked(path, create, accept_damaged_log)
        except PlanFileError as e:
            return self.file_actions.cannot_open(path, e)
        self.auto_backup.wait()
        self._close_plan()
        self.file_actions.hold(lock)
        model = PlanTreeModel(service, today=self.today)
        self.session = Session(path, temporary, PlanController(service, model))
        self._show_plan(self.session)
        if service.store.read_only:
            self.statusBar().showMessage(_(READ_ONLY_NOTE), 15000)
        elif existed and not temporary:
            self.auto_backup.start(path)  # soon after, in a thread: start-up is not delayed
        with self.show_details.held():
            self.people.plan_opened()
            self.views.plan_opened()
            self.routines.plan_opened()
            self.entry.plan_opened()
            self._after_change([])
            if model.rowCount() and not self.tree.currentIndex().isValid():
                self.tree.setCurrentIndex(model.index(0, 0))
        self.reminder_actions.plan_opened()
        return True

    def _show_plan(self, session: Session) -> None:
        """Wire the panels to the plan just opened, its rows as the user left them."""
        controller, model = session.controller, session.model
        controller.failed.connect(self.messages.error)
        controller.noted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        controller.changed.connect(self._after_change)
        model.renameRequested.connect(self.items.rename_in_place)
        model.dropRequested.connect(self.items.drop)
        model.totalsReady.connect(self.following.totals_ready)
        model.damaged.connect(self._plan_damaged)
        self.cost_actions.bind(controller)
        self.tree.setModel(model)
        self.details.images.bind(session)
        search = SearchService(session.service.store, keep_waiting=True)
        self.search.set_service(search)
        self.search_upkeep.bind(search)
        self.filters.bind_search(search)  # the texts the search keeps folded
        self.tree.configure_columns()
        # The widths the user dragged stay; every other column fits what it shows.
        self.tree.restore_columns(self.settings)
        model.totalsReady.connect(self.tree.fit_columns)
        self.filters.bind(model)
        self.sorts.bind()  # the sort the plan was left in
        model.sortChanged.connect(self._update_actions)  # Move Up/Down: not while sorted
        self.tree.selectionModel().currentChanged.connect(lambda *_: self.following.current_moved())
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        controller.stack.indexChanged.connect(self.undoing.show_names)
        controller.stack.cleanChanged.connect(self.undoing.show_names)
        self.undoing.show_names()
        self.memory.restore_expanded(session)
        self.user_idle.arm()
        self._show_plan_name()
        if not session.temporary:
            self.memory.remember_recent(session.path)

    def _backup_done(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text, 8000)

    def close_plan_for_replacing(self) -> None:
        """Close the plan (its lock kept) so that its file can be replaced, then reopened."""
        self.auto_backup.wait()
        self._close_plan()

    def _plan_damaged(self, error: PlanFileError) -> None:
        """A row of the open plan does not read (a plan from elsewhere): the plan is
        closed and the user chooses a way on, as when a plan cannot be opened (after the
        paint that found it)."""
        session = self.session
        if session is None:
            return
        path = session.path

        def close_and_ask() -> None:
            if self.session is session:
                self._close_plan()
                self.file_actions.cannot_open(path, error)

        QTimer.singleShot(0, close_and_ask)

    def _close_plan(self) -> None:
        session = self.session
        if session is None:
            return
        self.details.flush()
        self.sharing.plan_closing()
        self.reminder_actions.plan_closed()
        self.filters.plan_closing()  # the rows the user had open are the ones saved
        self._save_expanded.stop()
        self.memory.save_expanded(session)
        self.tree.save_columns(self.settings)
        stack = session.controller.stack
        # The stack goes with the plan; it must not call back while it is destroyed.
        stack.indexChanged.disconnect(self.undoing.show_names)
        stack.cleanChanged.disconnect(self.undoing.show_names)
        # Its commands go now, while it is alive: a stack and its commands (which hold the
        # controller) are a cycle, and PySide crashes when Python's collector frees its
        # parts in some orders.
        stack.clear()
        self.search_upkeep.bind(None)
        self.search.set_service(None)
        self.tree.setModel(None)
        session.model.close()
        self.details.images.bind(None)
        session.service.store.close()
        self.session = None
        self.cost_actions.bind(None)
        self.people.plan_opened()
        self.views.plan_opened()
        self.routines.plan_opened()
        self.entry.plan_opened()
        self.undoing.show_names()
        self.calendar.changed()
        self.planClosed.emit()

    # -- undo and redo, other programs' changes ------------------------------------------
    def undo(self) -> None:
        self.undoing.undo()

    def redo(self) -> None:
        self.undoing.redo()

    def pick_up_outside_changes(self, typing_ok: bool = True) -> bool:
        """Another program's changes shown (see OutsideChanges.pick_up)."""
        return self.outside.pick_up(typing_ok)

    def _title_editor_closed(
        self, _editor: object, hint: QAbstractItemDelegate.EndEditHint
    ) -> None:
        """Escape (the edit reverted) on a new item's title cancels the new item; once the
        editor has gone (the row goes with the undo)."""
        if hint != QAbstractItemDelegate.EndEditHint.RevertModelCache:
            self.steps.fresh = None  # named (or left): it stays
            return
        record = self.navigator.current_record()
        item_id = None if record is None else record.id
        QTimer.singleShot(0, lambda: self.steps.cancel_fresh(item_id))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.geometry_kept.first_shown():
            self.tree.setFocus()  # the tree first, not the search box
            # After the first paint (see WATCH_AFTER_MS); not at all if the window is
            # gone by then (the application would call a filter that no longer exists
            # at every event).
            QTimer.singleShot(WATCH_AFTER_MS, self.user_idle, self.user_idle.watch)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.ActivationChange:
            self.outside.window_activated(self.isActiveWindow())
        super().changeEvent(event)

    # -- words ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every word of the window in the current language: its own, and those of the
        parts Qt does not tell (the tree's rows, the details, the steps to undo). The side
        panels and the dialogs hear the switch themselves (Retranslated)."""
        menus.retranslate(self.menus)
        self.views.retranslate()
        self.expand_progress.retranslate()
        self.reminder_actions.tray.retranslate()
        self.filters.retranslate()
        self.sorts.show_sort()  # its status tips
        self._show_plan_name()
        # A passing message is about something done before, in the old language.
        self.statusBar().clearMessage()
        session = self.session
        if session is not None:
            session.controller.retranslate()
            session.model.retranslate()
        self.undoing.show_names()
        self._update_actions()  # why a command cannot act, in the status tips
        self.details.retranslate()  # it names its item again, keeping what is typed
        self.navigator.show_hint()  # the hint of an empty plan, or of an empty zoom
        self.navigator.show_breadcrumb()
        self.following.show_plan_totals()

    def _show_plan_name(self) -> None:
        """The window's title and the status bar's note of the plan's file."""
        session = self.session
        self.setWindowTitle(session.window_title() if session else _("Planner"))
        self.status_label.setText(session.where() if session else "")

    # -- menus ---------------------------------------------------------------------------
    def _context_menu(self, pos: QPoint) -> None:
        menu = context_menu(self, self.actions_by_name)
        self.people.add_assign_menu(menu)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _update_actions(self) -> None:
        why_not = self.items.unavailable() | self.entry.unavailable()
        why_not |= self.routines.unavailable() | self.file_actions.unavailable()
        why_not |= self.navigator.unavailable()
        why_not |= self.views.unavailable(self.navigator.current_record())
        why_not.update(self.filters.unavailable(why_not))
        for name, why in why_not.items():
            action = self.actions_by_name[name]
            action.setEnabled(why is None)
            action.setStatusTip(why or "")  # the reason, in the status bar on hover

    def _save_open_rows(self) -> None:
        """The open rows saved once the user pauses: 11,000 of them take 10-25 ms, which
        made the slowest frame of a scroll."""
        if self.user_idle.seconds() < IDLE_S:
            self._save_expanded.start()
            return
        self.memory.save_expanded(self.session)

    # -- after every change --------------------------------------------------------------
    def _after_change(self, ids: list[int]) -> None:
        self.sharing.plan_changed()
        self.search_upkeep.changed()  # first: the filter and the search read texts anew
        self.filters.follow(ids)
        if self.navigator.zoomed is not None:
            self.navigator.show_breadcrumb()
        if self.search.field.text():
            self.search.run()
        self.undoing.changed(ids)
        self.show_details()
        self._update_actions()
        self.people.refresh()
        self.views.refresh()
        self.reminder_actions.changed(ids)
        session = self.session
        if session is not None:
            self.navigator.show_hint()
        self._show_plan_name()
        self.calendar.changed()

    def _user_stirred(self) -> None:
        """The user's first key or click since the plan opened: the store loads what
        writing needs (SQLAlchemy, ~0.3 s and ~35 MB), off this thread, while they go on.
        Someone who only looks never pays for it; a change made before it is loaded waits
        for it."""
        if self.session is not None:
            self.session.service.store.warm_up()

    def _day_changed(self, today: date) -> None:
        if self.session is not None:
            self.session.model.refresh_all()
        self.details.set_today(today)
        self.views.refresh()
        self.calendar.set_today(today)

    # -- closing -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.geometry_kept.save_size()
        if self.reminder_actions.hides_on_close():
            # Kept in the notification area: the plan stays open, its reminders come.
            self.details.flush()
            event.ignore()
            self.hide()
            return
        self.geometry_kept.save_panes()
        self.user_idle.unwatch()
        self.auto_backup.wait()
        self._close_plan()
        self.file_actions.release()
        self.settings.sync()
        super().closeEvent(event)
