"""The user's presence: how long they have been idle (any key, click, wheel or move in the
application), and their first input after a plan opened; work done only while they are
idle (folding the texts the search index lacks, then catching the index up, a step at a
time: a step of 500 items, 7-30 ms, one after the other while the user stays idle,
never in a scroll)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from planner.domain.errors import PlannerError
from planner.services.search import STEP, SearchService

IDLE_S = 0.5  # the user counts as idle after this long without input
# The watch starts this long after the window's first paint: the first events it sees
# wrap objects of Qt classes Python has not met yet, which has PySide make the rest of
# Qt's types (about 70 enums: 12-18 ms of CPU) right when the window becomes ready. No
# one answers a window within 0.2 s of its showing.
WATCH_AFTER_MS = 200
STEP_MS = 100  # how often a waiting step looks whether the user is idle

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
    }
)


class UserIdle(QObject):
    """Watches the application's input events (an event filter: no event is changed)."""

    stirred = Signal()  # the first input since `arm()`

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last = time.monotonic()
        self._armed = False
        self._watching = False

    def watch(self) -> None:
        """Start watching (once the window is shown: the thousands of events of its
        building and first paint are no input, and each would be a call into Python)."""
        app = QApplication.instance()
        if app is not None and not self._watching:
            self._watching = True
            app.installEventFilter(self)

    def unwatch(self) -> None:
        """Stop watching: the window closes (an application-wide filter of a window that
        stays made but closed would be called at every event of the process)."""
        app = QApplication.instance()
        if app is not None and self._watching:
            self._watching = False
            app.removeEventFilter(self)

    def arm(self) -> None:
        """`stirred` is emitted at the next key, click, wheel or move."""
        self._armed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._last = time.monotonic()
            if self._armed:
                self._armed = False
                self.stirred.emit()
        return False

    def seconds(self) -> float:
        """How long since the last key, click, wheel or move."""
        return time.monotonic() - self._last


class SearchUpkeep(QObject):
    """Brings the open plan's search index up to date with the items marked stale (after
    an upgrade, an import, another program's changes), a step at a time while the user is
    idle. First the texts of those items are folded for the search (kept by it), one
    slice after the other, so that a search meanwhile is complete at its first keystroke
    (services/search.py); then they are indexed, a step after the other (input handled
    between). Once the user stirs, whether they idle again is looked at every STEP_MS."""

    def __init__(self, idle: UserIdle, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._idle = idle
        self.service: SearchService | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(STEP_MS)
        self._timer.timeout.connect(self._step)

    def bind(self, service: SearchService | None) -> None:
        """The plan now open (None: none); its index is looked at once the user idles."""
        self.service = service
        self.changed()

    def changed(self) -> None:
        """The plan changed: items may be marked stale (and their folded texts kept for
        the search are read again)."""
        if self.service is not None:
            self.service.plan_changed()
        if self.service is not None:
            self._timer.setInterval(STEP_MS)
            self._timer.start()
        else:
            self._timer.stop()

    def _step(self) -> None:
        service = self.service
        if service is None:
            self._timer.stop()
            return
        if self._idle.seconds() < IDLE_S:
            self._timer.setInterval(STEP_MS)
            return
        try:
            if not service.waiting_folded():
                service.fold_waiting()  # then the next slice, or the first step, at once
                self._timer.setInterval(0)
                return
            left = 0 if service.store.read_only else service.catch_up(STEP)
        except PlannerError:  # the plan is busy or cannot be written: try after a change
            left = 0
        if not left:
            self._timer.stop()
        else:  # the next step at once while the user stays idle (100,000 items: 6-10 s,
            self._timer.setInterval(0)  # not 30 s of steps 0.1 s apart)
