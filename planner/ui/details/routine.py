"""The details panel's Routine tab: the item's Repeat, Reminders and Habit editors, one
below the other in a scroll area (the panel never grows into an endless column). Their
steps and messages go out through the tab's own signals."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from planner.domain.items import ItemRecord, quoted
from planner.i18n import _
from planner.services.ports import Store
from planner.ui.details.goal import WideScrollArea

if TYPE_CHECKING:
    from planner.ui.details.habit import HabitSection
    from planner.ui.details.reminders import RemindersSection
    from planner.ui.details.repeat import RepeatSection

Clock = Callable[[], datetime]


@dataclasses.dataclass(frozen=True)
class Sections:
    repeat: RepeatSection
    reminders: RemindersSection
    habit: HabitSection

    def all(self) -> tuple[RepeatSection, RemindersSection, HabitSection]:
        return (self.repeat, self.reminders, self.habit)


class RoutineTab(WideScrollArea):
    """Repeat, Reminders and Habit (a habit for goals, or an item that is one already).
    Its sections are made when first shown or asked for: a start-up that never opens the
    tab does not pay for them."""

    runRequested = Signal(str, object)  # (undo text, action returning an Outcome)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sections: Sections | None = None
        self._store: Store | None = None
        self._clock: Clock | None = None
        self._shown: tuple[ItemRecord | None, date, bool] | None = None  # the last shown
        self._record: ItemRecord | None = None
        self._sending = False  # a step of the tab's own is being sent: no flush meanwhile
        # The pending form already refused with a message (not repeated on every flush).
        self._refused: tuple[int, str, str] | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

    # -- the sections, made when first needed ----------------------------------------------
    @property
    def repeat(self) -> RepeatSection:
        return self._built().repeat

    @property
    def reminders(self) -> RemindersSection:
        return self._built().reminders

    @property
    def habit(self) -> HabitSection:
        return self._built().habit

    def _built(self) -> Sections:
        if self._sections is None:
            self._sections = self._build()
        return self._sections

    def _build(self) -> Sections:
        from planner.ui.details.habit import HabitSection
        from planner.ui.details.reminders import RemindersSection
        from planner.ui.details.repeat import RepeatSection

        inner = QWidget()
        layout = QVBoxLayout(inner)
        sections = Sections(RepeatSection(), RemindersSection(), HabitSection())
        for section in sections.all():
            section.runRequested.connect(self._run)
            section.failed.connect(self.failed)
            layout.addWidget(section)
        layout.addStretch(1)
        self.setWidget(inner)
        self._sections = sections
        self._give_services()
        if self._shown is not None:
            self._show(*self._shown)
        return sections

    def showEvent(self, event: QShowEvent) -> None:
        self._built()
        super().showEvent(event)

    def set_services(self, store: Store | None, clock: Clock) -> None:
        """The open plan's (None: no plan open)."""
        self._store, self._clock = store, clock
        if self._sections is not None:
            self._give_services()

    def _give_services(self) -> None:
        from planner.services.habits import HabitService
        from planner.services.reminders import ReminderService
        from planner.services.repeats import RepeatService

        sections, store, clock = self._sections, self._store, self._clock
        assert sections is not None
        if store is None or clock is None:
            for section in sections.all():
                section.set_service(None)
            return
        sections.repeat.set_service(RepeatService(store, clock))
        sections.reminders.set_service(ReminderService(store, clock))
        sections.habit.set_service(HabitService(store, clock))

    def show_record(self, record: ItemRecord | None, today: date, is_goal: bool) -> None:
        if record is not None and record.is_group:
            record = None
        if self._record is not None and (record is None or record.id != self._record.id):
            self.flush(leaving=True)  # the forms of the item left, before they show another
        self._record = record
        self._shown = (record, today, is_goal)
        if self._sections is not None:
            self._show(record, today, is_goal)

    def _show(self, record: ItemRecord | None, today: date, is_goal: bool) -> None:
        sections = self._built()
        sections.repeat.show_record(record)
        sections.reminders.show_record(record, today)
        sections.habit.show_record(record, today)
        # A habit is a goal's; a task shows one only when it is one already (the command
        # line lets any item be one).
        sections.habit.setVisible(is_goal or sections.habit.view is not None)

    def _run(self, name: str, action: object) -> None:
        """A section's step: the window flushes the panel before running it, which must
        not send the forms again."""
        self._sending = True
        try:
            self.runRequested.emit(name, action)
        finally:
            self._sending = False

    def flush(self, leaving: bool = False) -> None:
        """Send what was changed in the Repeat and Habit forms and not saved (before an
        undo, a close, another step or another item), each as its Save button would; a
        form that cannot be saved gets a message (once for the same form, and again when
        its item is left)."""
        record = self._record
        if record is None or self._sending or self._sections is None:
            return
        # Every step is read before any is sent: sending one shows the panel again.
        steps = []
        for section, what in ((self.repeat, "repeat"), (self.habit, "habit")):
            if not section.pending():
                continue
            problem, step = section.problem(), section.step()
            if problem is None:
                steps += [step] if step is not None else []
                continue
            refused = (record.id, what, problem)
            if leaving or self._refused != refused:
                self._refused = refused
                message = (
                    _("The repeat of {title} is not saved: {error}")
                    if what == "repeat"
                    else _("The habit of {title} is not saved: {error}")
                )
                self.failed.emit(message.format(title=quoted(record.title), error=problem))
        for name, action in steps:
            self._run(name, action)

    def retranslate(self) -> None:
        if self._sections is not None:
            for section in self._sections.all():
                section.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def tab_name() -> str:
        return _("Routine")
