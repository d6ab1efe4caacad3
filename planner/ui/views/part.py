"""The window's views part: the side bar and the view page beside the tree's page, which
of them is shown, and keeping the view shown and every count current after each change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QStackedWidget, QWidget

from planner.domain.agenda import EMPTY_TEXTS, Agenda, View
from planner.domain.errors import PlannerError
from planner.domain.items import ItemRecord, Priority
from planner.i18n import _
from planner.services.agenda import AgendaService
from planner.services.people import PeopleService
from planner.ui.session import OpenSession, Session
from planner.ui.views.page import ViewPage
from planner.ui.views.rows import ReadPage
from planner.ui.views.side_bar import TREE, Choice, SideBar

if TYPE_CHECKING:
    from planner.services.quick_add import QuickDefaults, QuickPlan


class Views(QObject):
    """Handed the open plan, how to read today, the window's pages and the tree's page;
    `selection_to` is told which page has the selection (None: the tree), `go_to` shows
    an item in the tree."""

    def __init__(
        self,
        session: OpenSession,
        today: Callable[[], date],
        pages: QStackedWidget,
        tree_page: QWidget,
        *,
        selection_to: Callable[[ViewPage | None], None],
        go_to: Callable[[int], None],
    ) -> None:
        super().__init__(pages)
        self._session, self.today = session, today
        self._pages, self._tree_page = pages, tree_page
        self._selection_to, self._go_to = selection_to, go_to
        self.side_bar = SideBar()
        self.page = ViewPage(today, self._total, self._repeats)
        pages.addWidget(self.page)
        self.chosen: Choice = TREE
        # The window's step that makes a quick entry's item; whether it was made.
        self.make_quick: Callable[[QuickPlan], bool] = lambda _plan: False
        self._just_opened = False  # a plan was opened; its counts are not read yet
        self.side_bar.openRequested.connect(self.open)
        self.side_bar.itemActivated.connect(lambda *_: self.focus_rows())
        self.page.list.showInTreeRequested.connect(self.show_in_tree)
        # Counts wait for the tree's links when the plan has just been opened (they are
        # read once the tree is painted: opening stays as quick as it was).
        self._counts_later = QTimer(self)
        self._counts_later.setSingleShot(True)
        self._counts_later.setInterval(0)
        self._counts_later.timeout.connect(self._count_now)

    # -- which page is shown -------------------------------------------------------------
    @property
    def showing_view(self) -> bool:
        return self.chosen.view is not None

    def unavailable(self, current: ItemRecord | None) -> dict[str, str | None]:
        """Why View › Plan and Show in Tree cannot act now (None: they can), with
        `current` the selected item of the page shown."""
        shown = None if self.showing_view else _("The plan tree is shown already.")
        in_tree = self.showing_view and current is not None
        select = _("Select an item in a view first: the tree shows it.")
        return {"view_plan": shown, "show_in_tree": None if in_tree else select}

    def open(self, choice: Choice) -> None:
        """Show the tree, or a view (read now, its first row current)."""
        if choice.view is None:
            self.show_tree()
            return
        session = self._session()
        if session is None:
            return
        self._read_people(session)
        self.chosen = choice
        self._bind_quick(session)
        self.side_bar.mark(choice)
        self._pages.setCurrentWidget(self.page)
        self._selection_to(self.page)
        self.page.blockSignals(True)  # the details panel follows once, at the end
        try:
            self.page.show_view(self._reader(session, choice), *self._words())
        except PlannerError:  # its person was removed by another program meanwhile
            self.page.blockSignals(False)
            self.show_tree()
            self.refresh()
            return
        finally:
            self.page.blockSignals(False)
        self.page.currentMoved.emit()
        self.page.selectionMoved.emit()

    def open_view(self, view: View, person_id: int | None = None) -> None:
        self.open(Choice(view, person_id))

    def show_tree(self) -> None:
        self.chosen = TREE
        self.side_bar.mark(TREE)
        self.page.rows.show(None)
        self._pages.setCurrentWidget(self._tree_page)
        self._selection_to(None)

    def rows_busy(self) -> bool:
        """Whether a title is being typed (or a row dragged) in the view's rows."""
        return self.page.list.state() != QAbstractItemView.State.NoState

    def focus_rows(self) -> None:
        """Enter in the side bar: the rows of what it opened have the focus."""
        shown = self._pages.currentWidget()
        if shown is self.page:
            self.page.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._tree_page.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_in_tree(self, item_id: int | None = None) -> None:
        """Ctrl+J, Enter on a row: the tree, with the item (the current one) selected."""
        if item_id is None:
            item_id = self.page.current_item_id() if self.showing_view else None
            if item_id is None:
                return
        self.show_tree()
        self._go_to(item_id)

    def _reader(self, session: Session, choice: Choice) -> ReadPage:
        agenda = AgendaService(session.service.store)

        def read(offset: int, limit: int) -> Agenda:
            return agenda.view(
                choice.view or View.TODAY,
                self.today(),
                person_id=choice.person_id,
                tree=session.model.ensure_rollup(),
                offset=offset,
                limit=limit,
            )

        return read

    # -- quick add ------------------------------------------------------------------------
    def _bind_quick(self, session: Session) -> None:
        """The view's quick-add line adds to the plan what belongs in the view (not in
        the Logbook: its items are done)."""
        field = self.page.quick_field()
        if field.quick is None:  # just made: its signals
            field.addRequested.connect(self._add_quick)
            field.closeRequested.connect(self.focus_rows)
        field.setVisible(self.chosen.view is not View.LOGBOOK)
        # Quick add's reader (with the typed dates' parser: 10 ms to import) loads with the
        # first view's line, not at start.
        from planner.services.quick_add import QuickAddService

        field.bind(QuickAddService(session.service), lambda: None, self._quick_defaults)

    def _quick_defaults(self) -> QuickDefaults:
        """What a line typed in the view shown leaves out: what puts the item in it."""
        from planner.services.quick_add import QuickDefaults

        view, today = self.chosen.view, self.today()
        if view in (View.TODAY, View.OVERDUE):  # (overdue: today is the soonest)
            return QuickDefaults(due=today)
        if view is View.UPCOMING:
            return QuickDefaults(due=today + timedelta(days=1))
        if view is View.NO_DATE:
            return QuickDefaults(undated=True)
        if view is View.HIGH:
            return QuickDefaults(priority=Priority.HIGH)
        if view is View.ASSIGNED:
            return QuickDefaults(person_id=self.chosen.person_id)
        return QuickDefaults()

    def focus_quick(self) -> bool:
        """Ctrl+Space while a view with a quick-add line is shown: the line has the focus
        (what is typed there lands in the view); whether it took it."""
        if not self.showing_view or self.chosen.view is View.LOGBOOK:
            return False
        field = self.page.quick_field()
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.line.selectAll()
        return True

    def _add_quick(self, plan: QuickPlan) -> None:
        """Enter in the view's line: the item made (one step, selected in the view when it
        shows there); the line emptied for the next one, keeping the focus."""
        if self.make_quick(plan):
            self.page.quick_field().clear_line()

    def _words(self) -> tuple[str, str]:
        """The shown view's name and what it says when empty."""
        view = self.chosen.view or View.TODAY
        return self.side_bar.name_of(self.chosen), _(EMPTY_TEXTS[view])

    def _total(self, item_id: int) -> tuple[str | None, bool]:
        session = self._session()
        if session is None:
            return None, False
        costs = session.model.costs
        return costs.headline(item_id), costs.gains(item_id)

    def _repeats(self, item_id: int) -> bool:
        session = self._session()
        return session is not None and session.model.routines.repeat(item_id) is not None

    # -- after every change --------------------------------------------------------------
    def plan_opened(self) -> None:
        """A plan was opened or closed: the tree shown, the entries its people's."""
        self.show_tree()
        self.side_bar.show_counts(None)
        self._just_opened = True
        self.refresh()

    def refresh(self) -> None:
        """The plan changed (here, by an undo, elsewhere) or the day turned: the entries,
        the counts and the view shown follow at once."""
        session = self._session()
        if session is None:
            self.side_bar.set_people([])
            return
        if not self.showing_view and not self._side_bar_shown():
            return  # read when the side bar is shown again
        self._read_people(session)
        self.side_bar.make_room_for(self._most_rows(session))
        if self.showing_view and self.chosen not in self.side_bar.choices():
            self.show_tree()  # the person of the view shown was removed
        if self.showing_view:
            try:
                self.page.name(*self._words())
                self.page.reread()
            except PlannerError:
                self.show_tree()
        self.count()

    @staticmethod
    def _most_rows(session: Session) -> int:
        """More rows than any view can count: the ids of the tree's links the window keeps
        (before they are read, the plan's, one read)."""
        rollup = session.model.rollup
        if rollup is None:
            return AgendaService(session.service.store).most_rows()
        return len(rollup.status) - 1

    def _read_people(self, session: Session) -> None:
        """The side bar's entries for the plan's people (one small read)."""
        people = [(p.id, p.name) for p in PeopleService(session.service.store).people()]
        self.side_bar.set_people(people)

    def count(self) -> None:
        """Every view's count in the side bar (when it is shown): now, except right after
        the plan opened, when they wait for the tree's links to be read after its first
        paint."""
        session = self._session()
        if session is None or not self._side_bar_shown():
            return
        if session.model.rollup is None and self._just_opened:
            self._counts_later.start()
            return
        self._count_now()

    def _side_bar_shown(self) -> bool:
        return self.side_bar.isVisibleTo(self.side_bar.window())

    def _count_now(self) -> None:
        self._just_opened = False
        session = self._session()
        if session is None:
            return
        agenda = AgendaService(session.service.store)
        tree = session.model.ensure_rollup()
        self.side_bar.show_counts(agenda.counts(self.today(), tree=tree))

    def retranslate(self) -> None:
        """The language changed: the names, and the shown view's headings and rows."""
        self.side_bar.retranslate()
        if self.showing_view and self._session() is not None:
            self.page.name(*self._words())
            self.page.reread()
        self.page.rows.repaint()
