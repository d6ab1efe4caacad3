"""The window's part of repeating items, reminders, habits and working days: the details
panel's Routine tab bound to the open plan, ticking a habit for today from the tree, and
the plan's Working Days setting (one undoable step, like the plan's currency)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from planner.domain.errors import PlannerError
from planner.domain.items import quoted
from planner.domain.workdays import CALENDAR_DAYS, WorkCalendar
from planner.i18n import _
from planner.services.habits import HabitService
from planner.services.plan import Clock, local_today
from planner.services.workdays import WorkdayService
from planner.ui.controller import PlanController, SettingStep
from planner.ui.details.panel import DetailsPanel
from planner.ui.session import OpenSession
from planner.ui.window.messages import Messages
from planner.ui.window.navigation import Navigator
from planner.ui.window.steps import Steps

if TYPE_CHECKING:
    from planner.ui.dialogs.workdays import WorkdayChoice


class RoutineActions:
    """Handed the open plan, the details panel, the selection, a way to run a step,
    messages, the clock, and the window (the dialogs' parent)."""

    def __init__(
        self,
        session: OpenSession,
        details: DetailsPanel,
        selection: Navigator,
        steps: Steps,
        messages: Messages,
        clock: Clock,
        parent: QWidget,
    ) -> None:
        self._session, self._details, self._selection = session, details, selection
        self._steps, self._messages, self._clock, self._parent = steps, messages, clock, parent
        details.routine.runRequested.connect(steps.run_in_place)
        details.routine.failed.connect(messages.error)

    def plan_opened(self) -> None:
        """A plan was opened, or closed: the Routine tab and the countdowns follow."""
        session = self._session()
        store = session.service.store if session is not None else None
        self._details.routine.set_services(store, self._clock)
        if session is None:
            self._details.set_calendar(lambda: CALENDAR_DAYS)
        else:
            self._details.set_calendar(session.model.routines.calendar)

    # -- habits ----------------------------------------------------------------------------
    def unavailable(self) -> dict[str, str | None]:
        """Why "Tick Habit for Today" cannot act now (None: it can)."""
        session, current = self._session(), self._selection.current_record()
        is_habit = False
        if session is not None and current is not None:
            is_habit = session.model.routines.is_habit(current.id)
        return {"tick_habit": None if is_habit else _("Select a habit first.")}

    def tick_habit_today(self) -> None:
        """Tick the current habit for today (untick it, when it is ticked already)."""
        session, current = self._session(), self._selection.current_record()
        if session is None or current is None:
            return
        habits = HabitService(session.service.store, self._clock)
        today = local_today(self._clock)
        try:
            view = habits.view(current.id, today)
        except PlannerError as e:
            self._messages.error(str(e))
            return
        if view is None:
            self._messages.note(_("{title} is not a habit.").format(title=quoted(current.title)))
            return
        # (the habit's editor, with the repeat's: imported when first used, 3 ms at start)
        from planner.ui.details.habit import toggle_step

        name, tick = toggle_step(habits, current, today, view.figures.strip[-1].ticked)
        self._steps.run(name, tick, select=False)

    # -- working days ----------------------------------------------------------------------
    def working_days(self) -> None:
        """File › Working Days…: the plan's calendar, changed as one undoable step."""
        session = self._session()
        if session is None:
            return
        from planner.ui.dialogs.workdays import WorkdaysDialog  # when first asked for

        self._details.flush()
        dialog = WorkdaysDialog(session.model.routines.calendar(), self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        try:
            command = WorkdaysCommand(session.controller, self._clock, choice)
        except (PlannerError, OSError) as e:
            self._messages.error(str(e))
            return
        if command.changed:
            session.controller.stack.push(command)


class WorkdaysCommand(SettingStep[WorkCalendar]):
    """Change the plan's calendar (a few settings: no item changes)."""

    def __init__(self, controller: PlanController, clock: Clock, choice: WorkdayChoice) -> None:
        self._service = WorkdayService(controller.service.store, clock)
        old = self._service.set_calendar(choice.on, choice.week, choice.country)
        super().__init__(controller, _("Change working days"), old, self._service.calendar())

    def apply(self, value: WorkCalendar) -> None:
        self._service.restore(value)

    def shown(self) -> None:
        self._controller.model.calendar_changed()
        self._controller.changed.emit([])  # the details panel's countdown follows
