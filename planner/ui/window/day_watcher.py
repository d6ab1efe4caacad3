"""Notices when the date changes (midnight, or waking from sleep) so countdowns move."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal

from planner.services.plan import Clock, local_today

CHECK_EVERY_MS = 20_000


class DayWatcher(QObject):
    """Checks the injectable clock every 20 s; a sleep or a clock change is caught too."""

    dayChanged = Signal(object)  # the new date

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.today = self._today()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _today(self) -> date:
        return local_today(self.clock)

    def check(self) -> None:
        today = self._today()
        if today != self.today:
            self.today = today
            self.dayChanged.emit(today)
