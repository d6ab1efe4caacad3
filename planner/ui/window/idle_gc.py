"""Python's cycle collector, kept out of the way of the user's actions.

A full collection walks every object the process holds (Planner's and Qt's code, the plan's
rows and records): 50-90 ms with a big plan open. Python starts one by itself once enough
objects have piled up, so one landed now and then in the middle of an action (a "done"
that took 130 ms instead of 40). Here the oldest generation is collected from a timer
instead, between actions, and what survives is frozen (gc.freeze): the next collections
look only at what was made since. A plan's objects are thawed when it closes, to be
collected with the rest. The young generations are collected as Python always does.
"""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 2000
IDLE_S = 1.0  # the timer's collections wait for this long without input
SOON_MS = 200  # after many objects were made at once: once the window has shown them
NEVER = 2**31 - 1  # a threshold Python never reaches: no full collection of its own


class IdleCollector(QObject):
    """`idle`: how long the user has been idle (ui.window.idle.UserIdle); with it, the
    timer's collections wait for a second without input, so none lands in a scroll."""

    def __init__(self, parent: QObject | None = None, idle: Any = None) -> None:
        super().__init__(parent)
        self._idle = idle
        self._thawed = False
        self._threshold: tuple[int, int, int] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """From now on; what is there already (the code, mostly) is frozen at once."""
        self._threshold = gc.get_threshold()
        gc.set_threshold(self._threshold[0], self._threshold[1], NEVER)
        gc.freeze()
        self._timer.start()

    def stop(self) -> None:
        """Python collects by itself again, everything (nothing stays frozen)."""
        self._timer.stop()
        if self._threshold is not None:
            gc.set_threshold(*self._threshold)
            self._threshold = None
        gc.unfreeze()

    def thaw(self) -> None:
        """A plan was closed: what was frozen while it was open may be garbage now."""
        gc.unfreeze()
        self._thawed = True

    def _tick(self) -> None:
        if self._idle is None or self._idle.seconds() >= IDLE_S:
            self.collect()

    def collect_soon(self) -> None:
        """Many objects were just made (every row of a plan loaded): collect and freeze
        them once the window has shown them, not in some later frame."""
        QTimer.singleShot(SOON_MS, self.collect)

    def collect(self) -> None:
        """A full collection, if objects reached the oldest generation since the last one
        (or were thawed); then what is left is frozen."""
        if not self._thawed and gc.get_count()[2] == 0:
            return
        self._thawed = False
        gc.collect()
        gc.freeze()
