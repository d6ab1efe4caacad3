"""View › Calendar: the calendar's page among the window's pages, kept current after every
change, its chosen item the tree's current one (so the details panel and every item
command act on it), an item dropped on a day given that due date as one undoable step.
The page (and the modules that draw it) is made when the calendar is first shown, not
while the window starts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget, QWidget

from planner.domain.errors import PlannerError
from planner.ui.session import OpenSession
from planner.ui.tree.view import PlanTreeView
from planner.ui.window.item_actions import ItemActions
from planner.ui.window.navigation import Navigator

if TYPE_CHECKING:
    from planner.domain.calendar import CalendarEntry
    from planner.ui.calendar.page import CalendarPage

WEEK_KEY, DONE_KEY = "calendar/week", "calendar/done"


class CalendarView:
    """Handed the window's pages, the tree's page, the tree, the open plan, the selection,
    the item actions, how to read today, where to say a failure, the settings and the
    right-click menu of the calendar's days; `action` (View › Calendar) is set once the
    menus are made."""

    def __init__(
        self,
        pages: QStackedWidget,
        tree_page: QWidget,
        tree: PlanTreeView,
        session: OpenSession,
        selection: Navigator,
        items: ItemActions,
        today: Callable[[], date],
        failed: Callable[[str], object],
        settings: QSettings,
        context_menu: Callable[[QPoint], object],
    ) -> None:
        self.pages, self.tree_page, self.tree = pages, tree_page, tree
        self._session, self.selection, self.items = session, selection, items
        self.today, self.failed, self.settings = today, failed, settings
        self.context_menu = context_menu
        self.action: QAction | None = None
        self._page: CalendarPage | None = None  # made when first shown
        pages.currentChanged.connect(self._page_changed)

    @property
    def page(self) -> CalendarPage:
        """The calendar's page, made the first time it is asked for."""
        if self._page is None:
            from planner.ui.calendar.page import CalendarPage  # not while the window starts

            page = self._page = CalendarPage()
            page.set_today(self.today(), move=True)
            page.set_source(self)
            self.pages.addWidget(page)
            self._remember(page)
            page.itemSelected.connect(self.select)
            page.itemActivated.connect(self.show_in_tree)
            page.dueChangeRequested.connect(self.change_due)
            page.closeRequested.connect(self.show_tree)
            page.grid.customContextMenuRequested.connect(self.context_menu)
        return self._page

    def _remember(self, page: CalendarPage) -> None:
        """Month or week, and whether done items show, as the user left them."""
        settings = self.settings
        page.set_week_view(settings.value(WEEK_KEY) in (True, "true"))
        page.done_box.setChecked(settings.value(DONE_KEY) in (True, "true"))
        page.week_button.toggled.connect(lambda on: settings.setValue(WEEK_KEY, on))
        page.done_box.toggled.connect(lambda on: settings.setValue(DONE_KEY, on))

    def days(self, first: date, last: date, done: bool) -> dict[date, list[CalendarEntry]]:
        """The days' items of the open plan (none without one), which are open read from
        the tree's links the model keeps."""
        from planner.services.calendar import CalendarService

        session = self._session()
        if session is None:
            return {}
        links = session.model.ensure_rollup()
        return CalendarService(session.service.store).days(first, last, tree=links, done=done)

    def titles(self, item_ids: Sequence[int]) -> dict[int, str]:
        from planner.services.calendar import CalendarService

        session = self._session()
        if session is None:
            return {}
        return CalendarService(session.service.store).titles(item_ids)

    # -- showing -------------------------------------------------------------------------
    @property
    def shown(self) -> bool:
        return self._page is not None and self.pages.currentWidget() is self._page

    def toggle(self) -> None:
        """View › Calendar: the calendar, or back to the tree when it shows."""
        if self.shown:
            self.show_tree()
        else:
            self.show_calendar()

    def show_calendar(self) -> None:
        record = self.selection.current_record()
        self.page.set_selected(None if record is None else record.id)
        self.pages.setCurrentWidget(self.page)
        self.page.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_tree(self) -> None:
        if self._page is not None:
            self._page.day_list.hide()
        self.pages.setCurrentWidget(self.tree_page)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _page_changed(self, _index: int) -> None:
        if self.action is not None:
            self.action.setChecked(self.shown)

    # -- following the plan --------------------------------------------------------------
    def changed(self) -> None:
        """After every change, undo, redo, or another program's: the days read again
        (at once when shown, else when next shown; nothing before it is first shown)."""
        if self._page is not None:
            self._page.changed()

    def current_moved(self, item_id: int | None) -> None:
        """The tree's current item (the details panel's) is the calendar's chosen one."""
        if self._page is not None:
            self._page.set_selected(item_id)

    def set_today(self, today: date) -> None:
        if self._page is not None:
            self._page.set_today(today)

    # -- acting --------------------------------------------------------------------------
    def select(self, item_id: int) -> None:
        """An item chosen in the calendar: the tree's current item, shown in the details."""
        self.selection.reveal([item_id])

    def show_in_tree(self, item_id: int) -> None:
        """Double-click or Enter on an item: the tree shows it, in focus."""
        self.show_tree()
        self.selection.go_to(item_id)

    def change_due(self, item_id: int, day: date) -> None:
        """An item dropped on `day`: its due date, as one undoable step (none when it is
        due that day already). An item gone meanwhile (another program deleted it for
        good): the reason is said, nothing changes."""
        try:
            self.items.edit_item(item_id, due=day)
        except PlannerError as e:
            self.failed(str(e))
            self.changed()
            return
        self.select(item_id)  # the details panel shows what moved
