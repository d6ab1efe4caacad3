"""The window's quick keys on the selected goals and tasks: the due date typed in a popup
(Ctrl+D), the priority (Ctrl+1/2/3/0), the assignee with completion (Ctrl+Shift+A), and
the quick-add field over the tree (Ctrl+Space). Each change is one undoable step. The
popups and the field (and their modules) are made when first asked for, not at start-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from planner.domain import changes as ch
from planner.domain.items import ItemRecord, Priority, Status, quoted
from planner.formats import number
from planner.i18n import _, ngettext
from planner.services.people import PeopleService
from planner.ui.session import OpenSession, Session
from planner.ui.tree.model import Column
from planner.ui.tree.texts import priority_name
from planner.ui.tree.view import PlanTreeView
from planner.ui.window.item_actions import STEPS, said
from planner.ui.window.messages import Messages
from planner.ui.window.navigation import Navigator
from planner.ui.window.people_actions import PeopleActions
from planner.ui.window.steps import Steps

if TYPE_CHECKING:
    from planner.services.quick_add import QuickAddService, QuickPlan
    from planner.ui.entry.popups import AssigneePopup, DatePopup
    from planner.ui.entry.quick_add import QuickAddField

PRIORITY_KEYS = {
    "priority_high": Priority.HIGH,
    "priority_medium": Priority.MEDIUM,
    "priority_low": Priority.LOW,
    "priority_none": Priority.NONE,
}


class EntryActions:
    """Handed the open plan, the tree, the selection, the steps, the people's actions,
    messages, the current day, and the page whose top holds the quick-add field."""

    def __init__(
        self,
        session: OpenSession,
        *,
        tree: PlanTreeView,
        selection: Navigator,
        steps: Steps,
        people: PeopleActions,
        messages: Messages,
        today: Callable[[], date],
        page: QWidget,
    ) -> None:
        self._session, self._tree, self._selection = session, tree, selection
        self._steps, self._people, self._today = steps, people, today
        self._messages, self._page = messages, page
        # The list of items shown (the tree, or a view's rows): popups open at its row.
        self.shown_list: Callable[[], QAbstractItemView] = lambda: tree
        self.popup: DatePopup | AssigneePopup | None = None  # the one open, if any
        self._quick_field: QuickAddField | None = None  # made at the first Ctrl+Space

    @property
    def quick_field(self) -> QuickAddField:
        """The quick-add field at the top of the tree's page (hidden until asked for),
        made the first time it is."""
        if self._quick_field is None:
            from planner.ui.entry.quick_add import QuickAddField  # not at start-up

            field = self._quick_field = QuickAddField(self._page)
            field.hide()
            field.addRequested.connect(self._quick_add)
            field.closeRequested.connect(self.close_quick_add)
            layout = self._page.layout()
            assert layout is not None
            layout.insertWidget(0, field)  # type: ignore[attr-defined]
            self._bind_quick_field()
        return self._quick_field

    def _shown_list(self) -> QAbstractItemView:
        shown = self.shown_list()
        return shown if shown.isVisible() else self._tree  # (the calendar: its chosen item)

    # -- which can act -------------------------------------------------------------------
    def _items(self) -> list[ItemRecord]:
        """The selected goals and tasks (groups have no due date, priority or assignee);
        the current one when none is selected."""
        current = self._selection.current_record()
        return [r for r in self._selection.selected_records() if not r.is_group] or [
            r for r in [current] if r is not None and not r.is_group
        ]

    def unavailable(self) -> dict[str, str | None]:
        """Each of these actions' names, and why it cannot act now (None: it can)."""
        items = None if self._items() else _("Select a goal or task: a group cannot do this.")
        plan = None if self._session() is not None else _("Open a plan to add to it.")
        names = ["due_date", "assignee", *PRIORITY_KEYS]
        return {name: items for name in names} | {"quick_add": plan}

    def plan_opened(self) -> None:
        """A plan was opened, or closed: the quick-add field (once made) adds to it."""
        if self._quick_field is not None:
            self._bind_quick_field()

    def _bind_quick_field(self) -> None:
        session = self._session()
        quick = _quick_add_service(session) if session is not None else None
        self.quick_field.bind(quick, self._default_parent)
        if quick is None:
            self.close_quick_add()

    def _default_parent(self) -> int | None:
        """Where a quick entry without #place goes: under the current item, unless it
        is deleted or inside a deleted one (then the first group, as with none)."""
        current, session = self._selection.current_record(), self._session()
        if current is None or session is None:
            return None
        line = [current, *session.service.path(current.id)]
        return None if any(r.status is Status.DELETED for r in line) else current.id

    # -- due date ------------------------------------------------------------------------
    def due_date(self) -> None:
        """Ctrl+D: a popup at the current row to type the due date of the selection in."""
        self.ask_due(self._items(), self._shown_list())

    def ask_due(self, records: list[ItemRecord], view: QAbstractItemView) -> None:
        """A popup at `view`'s current row to type the due date of `records` in (any list
        of items: the tree, a view)."""
        if not records or self._session() is None:
            return
        heading = said(
            (
                lambda title: _("Due date of {title}").format(title=title),
                lambda n: ngettext("Due date of {n} item", "Due date of {n} items", n).format(
                    n=number(n)
                ),
            ),
            records,
        )
        from planner.ui.entry.popups import DatePopup  # not at start-up

        shown = records[0].due if len({r.due for r in records}) == 1 else None
        popup = DatePopup(view.window(), heading(), self._today(), shown)
        ids = [r.id for r in records]
        popup.chosen.connect(lambda day: self.set_due(ids, day))
        self._show(popup, view)

    def set_due(self, ids: list[int], day: date | None) -> None:
        """The due date of items (None: none), one step; items that have it already are
        left out (none left: no step)."""
        session = self._session()
        if session is None:
            return
        service = session.service
        records = [r for r in service.get_many(ids).values() if r.due != day]
        if not records:
            self._messages.note(_("Nothing changed: that is the due date already."))
            return
        self._edit_all(records, "due", day)

    # -- priority ------------------------------------------------------------------------
    def set_priority(self, priority: Priority) -> None:
        """Ctrl+1/2/3/0: the selection's priority, one step (those with it left out)."""
        self.set_priority_of(self._items(), priority)

    def set_priority_of(self, items: list[ItemRecord], priority: Priority) -> None:
        """The priority of goals and tasks (any list's), one step; those that have it
        already are left out, and when all have it, the status bar says so."""
        session = self._session()
        records = [r for r in items if r.priority is not priority]
        if session is None or not items:
            return
        if not records:  # a word, not a step that changes nothing
            if priority is Priority.NONE:
                self._messages.note(_("There is no priority to take away."))
            else:
                shown = priority_name(priority)
                self._messages.note(_("The priority is {priority} already.").format(priority=shown))
            return
        self._edit_all(records, "priority", priority)

    def _edit_all(self, records: list[ItemRecord], field: str, value: object) -> None:
        """One field of every one of `records` set to `value`, as one step."""
        session = self._session()
        if session is None:
            return
        service = session.service
        edits = tuple(ch.Edit(r.id, {field: value}) for r in records)
        self._steps.run(said(STEPS[field], records), lambda: service.apply(ch.Steps(edits)))

    # -- assignee ------------------------------------------------------------------------
    def assignee(self) -> None:
        """Ctrl+Shift+A: a popup at the current row to type a person's name in (completed
        from the plan's people); emptied, nobody."""
        self.ask_assignee(self._items(), self._shown_list())

    def ask_assignee(self, records: list[ItemRecord], view: QAbstractItemView) -> None:
        """A popup at `view`'s current row to type the assignee of `records` in."""
        session = self._session()
        if session is None or not records:
            return
        from planner.ui.entry.popups import AssigneePopup  # not at start-up

        people = PeopleService(session.service.store).people()
        heading = said(
            (
                lambda title: _("Assignee of {title}").format(title=title),
                lambda n: ngettext("Assignee of {n} item", "Assignee of {n} items", n).format(
                    n=number(n)
                ),
            ),
            records,
        )
        assignees = {r.assignee_id for r in records}
        shown = next((p.name for p in people if {p.id} == assignees), "")
        popup = AssigneePopup(view.window(), heading(), people, shown)
        popup.chosen.connect(lambda person_id: self._people.assign(records, person_id))
        self._show(popup, view)

    def _show(self, popup: DatePopup | AssigneePopup, view: QAbstractItemView) -> None:
        """The popup under the current row's first column (the view's top when none
        shows). It belongs to the window, not the view: the view's own keys (Enter: a
        new item) must not act inside it."""
        self.popup = popup
        popup.destroyed.connect(lambda: setattr(self, "popup", None))
        index = view.currentIndex()
        viewport = view.viewport()
        column = Column.TITLE if view is self._tree else 0
        row = view.visualRect(index.siblingAtColumn(column))
        if not row.isValid() or not viewport.rect().intersects(row):
            row = QRect(0, 0, viewport.width(), 0)
        popup.show_under(row, viewport)

    # -- quick add -----------------------------------------------------------------------
    def quick_add(self) -> None:
        """Ctrl+Space: the quick-add field over the tree, ready to type in."""
        if self._session() is None:
            return
        self.quick_field.show()
        self.quick_field.refresh()  # the current item may have changed: the default place
        self.quick_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.quick_field.line.selectAll()

    def close_quick_add(self) -> None:
        """Escape: the field goes, the tree has the focus (what was typed stays for next
        time)."""
        field = self._quick_field
        if field is None:
            return
        focused = self._tree.window().focusWidget()
        had_focus = focused is not None and field.isAncestorOf(focused)
        field.hide()
        if had_focus:
            self._tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def make(self, plan: QuickPlan) -> bool:
        """A quick entry's item made as one step, selected where it shows; whether made."""
        session = self._session()
        if session is None:
            return False
        quick = _quick_add_service(session)
        title = quoted(plan.entry.title)
        done = self._steps.run(
            lambda: _("Add {title}").format(title=title), lambda: quick.make(plan)
        )
        return bool(done)

    def _quick_add(self, plan: QuickPlan) -> None:
        """Enter in the quick-add field over the tree: the item, selected in the tree."""
        if self.make(plan):
            self.quick_field.clear_line()
            self.close_quick_add()
            self._tree.setFocus(Qt.FocusReason.OtherFocusReason)


def _quick_add_service(session: Session) -> QuickAddService:
    """Quick add's reader of typed lines (with the typed dates' parser: 10 ms to import),
    loaded when quick add is first used, not at start."""
    from planner.services.quick_add import QuickAddService

    return QuickAddService(session.service)
