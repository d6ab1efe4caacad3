"""Which page shows beside the details panel (the plan tree, a ready-made view, the
calendar) and how they hand over: the commands act on the page shown, those that work in
the tree show it first, F6 cycles through what is shown. A part the window holds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QStackedWidget, QWidget

from planner.domain.agenda import View
from planner.ui.details.panel import DetailsPanel
from planner.ui.session import OpenSession
from planner.ui.tree.view import PlanTreeView
from planner.ui.views.page import ViewPage
from planner.ui.views.part import Views
from planner.ui.window.calendar_view import CalendarView
from planner.ui.window.item_actions import ItemActions
from planner.ui.window.menus import context_menu
from planner.ui.window.navigation import Navigator
from planner.ui.window.people_actions import PeopleActions

# View › Go To's views, each with its key (Alt+1...; Alt+0: the plan tree).
VIEW_KEYS = (View.TODAY, View.UPCOMING, View.OVERDUE, View.NO_DATE, View.HIGH, View.LOGBOOK)
# The side bar is first shown on a screen at least this wide (a smaller one keeps the room
# for the tree's titles; View › Side Bar shows it there).
SIDE_BAR_SCREEN = 1200


class Pages:
    """The window's pages beside the details panel: the tree's, and the views' and the
    calendar's (made here). Handed the window's page stack, the tree and its page, the
    open plan, how to read today, the selection, the item and people actions, the details
    panel, the settings, where to say a failure, how the details panel follows the current
    row and how the commands' states are brought up to date; the menus' commands once
    they are made (`bind_menus`)."""

    def __init__(
        self,
        stack: QStackedWidget,
        tree_page: QWidget,
        tree: PlanTreeView,
        session: OpenSession,
        today: Callable[[], date],
        *,
        selection: Navigator,
        items: ItemActions,
        people: PeopleActions,
        details: DetailsPanel,
        settings: QSettings,
        failed: Callable[[str], object],
        show_details: Callable[[], None],
        update_actions: Callable[[], None],
    ) -> None:
        self.stack, self.tree_page, self.tree = stack, tree_page, tree
        self.selection, self.items, self.people = selection, items, people
        self.details, self.settings = details, settings
        self.show_details, self.update_actions = show_details, update_actions
        self.actions: Mapping[str, QAction] = {}
        self.views = Views(
            session, today, stack, tree_page, selection_to=self.selection_to, go_to=selection.go_to
        )
        self.calendar = CalendarView(
            stack,
            tree_page,
            tree,
            session,
            selection,
            items,
            today,
            failed,
            settings,
            self.calendar_menu,
        )

    def opens(self, view: View) -> Callable[[], None]:
        return lambda: self.views.open_view(view)

    def in_tree(self, command: Callable[[], object]) -> Callable[[], None]:
        """A command that acts in the tree: run from the calendar or a view, the tree is
        shown first, with the item chosen there selected."""

        def run() -> None:
            if self.calendar.shown:
                self.calendar.show_tree()
            if self.views.showing_view:
                self.views.show_in_tree()
                if self.views.showing_view:  # (no current row: the tree as it was)
                    self.views.show_tree()
            command()

        return run

    def renamed_in_place(self, command: Callable[[], object]) -> Callable[[], None]:
        """Rename types the title where the row is, in the tree or a view's list; the
        calendar has no place to type it: the tree is shown first."""

        def run() -> None:
            if self.calendar.shown:
                self.calendar.show_tree()
            command()

        return run

    def bind_menus(self, actions: Mapping[str, QAction]) -> None:
        """The menus' commands, once made: the view page's rows act like the tree's (the
        details panel follows the current row, the commands its selection; F2, Delete and
        Shift+Delete work there), View › Calendar is checked while the calendar shows, the
        side bar is shown as it was left."""
        self.actions = actions
        page = self.views.page
        page.currentMoved.connect(lambda: self.show_details() if self.views.showing_view else None)
        page.selectionMoved.connect(self.update_actions)
        page.rows.renameRequested.connect(self.items.rename_in_place)
        page.list.customContextMenuRequested.connect(self._view_context_menu)
        for name in ("rename", "delete", "purge"):
            page.list.addAction(actions[name])
        self.calendar.action = actions["calendar"]
        self.calendar.action.setCheckable(True)
        side_bar = actions["side_bar"]
        side_bar.setCheckable(True)
        shown = self.settings.value("window/side_bar")
        if shown is None:  # never chosen: shown where the tree keeps room beside it
            shown = self.stack.screen().availableGeometry().width() >= SIDE_BAR_SCREEN
        side_bar.setChecked(shown not in (False, "false"))
        self.views.side_bar.setVisible(side_bar.isChecked())

    def toggle_side_bar(self) -> None:
        """View › Side Bar: shown or hidden (remembered); shown, its counts are current."""
        shown = self.actions["side_bar"].isChecked()
        self.views.side_bar.setVisible(shown)
        self.settings.setValue("window/side_bar", shown)
        if shown:
            self.views.refresh()

    def selection_to(self, page: ViewPage | None) -> None:
        """A view's page (or the tree, None) is shown: the commands act on its rows."""
        self.selection.page = page
        self.update_actions()
        if page is None:  # (a view's page tells when its first row is current)
            self.show_details()

    def toggle_calendar(self) -> None:
        """View › Calendar: the calendar in place of the tree or the view shown (whose
        selection no longer counts), or the tree again."""
        if self.views.showing_view:
            self.views.show_tree()
        self.calendar.toggle()

    def back_to_tree(self) -> None:
        """Escape in the details panel: what was typed is sent, the tree (or the view
        shown) has the focus."""
        self.details.flush()
        self.list_shown().setFocus(Qt.FocusReason.OtherFocusReason)

    def list_shown(self) -> QWidget:
        """The tree, or the rows of the view shown instead, or the calendar's days."""
        if self.calendar.shown:
            return self.calendar.page.grid
        return self.views.page.list if self.views.showing_view else self.tree

    def cycle_focus(self, step: int) -> None:
        """F6 / Shift+F6: the focus to the next (previous) part of the window: the side
        bar when it is shown, the tree (or the view shown), the details panel."""
        rows = self.list_shown()
        parts: list[QWidget] = [rows, self.details]
        if self.views.side_bar.isVisible():
            parts.insert(0, self.views.side_bar)
        focused = QApplication.focusWidget()
        here = next(
            (
                i
                for i, p in enumerate(parts)
                if focused is not None and (p is focused or p.isAncestorOf(focused))
            ),
            parts.index(rows),  # the search box, or nothing: as from the tree
        )
        target = parts[(here + step) % len(parts)]
        if target is self.details:
            self.details.focus_first()
        else:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _view_context_menu(self, pos: QPoint) -> None:
        """A view row's right-click menu: the tree's, and Show in Tree."""
        menu = context_menu(self.tree.window(), self.actions)
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.actions["show_in_tree"])  # type: ignore[arg-type]
        self.people.add_assign_menu(menu)
        menu.exec(self.views.page.list.viewport().mapToGlobal(pos))

    def calendar_menu(self, pos: QPoint) -> None:
        menu = self.calendar_menu_at(pos)
        if menu is not None:
            menu.exec(self.calendar.page.grid.mapToGlobal(pos))

    def calendar_menu_at(self, pos: QPoint) -> QMenu | None:
        """Right-click on an item in the calendar: it is chosen, and the tree's menu acts
        on it (None: no item there)."""
        grid = self.calendar.page.grid
        entry = grid.entry_at(pos)
        if entry is None:
            return None
        grid.set_selected(entry.id)
        self.calendar.select(entry.id)
        menu = context_menu(self.tree.window(), self.actions)
        self.people.add_assign_menu(menu)
        return menu
