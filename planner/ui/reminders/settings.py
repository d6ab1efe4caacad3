"""The reminder settings of this user (not of a plan): keep running in the notification
area when the window is closed (asked once), and the morning digest's time."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QSettings

KEEP_RUNNING = "reminders/keep_running"  # "yes", "no"; absent: not asked yet
DIGEST = "reminders/digest"  # "HH:MM"; absent or empty: no digest
DIGEST_SHOWN = "reminders/digest_shown"  # the day the digest was last shown (ISO)


class ReminderSettings:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _text(self, key: str) -> str:
        value = self.settings.value(key, "")
        return value if isinstance(value, str) else ""

    def keep_running(self) -> bool | None:
        """Whether Planner stays in the notification area when its window is closed (None:
        the user was not asked yet)."""
        value = self._text(KEEP_RUNNING)
        return None if value not in ("yes", "no") else value == "yes"

    def set_keep_running(self, keep: bool) -> None:
        self.settings.setValue(KEEP_RUNNING, "yes" if keep else "no")
        self.settings.sync()

    def digest_time(self) -> time | None:
        try:
            return time.fromisoformat(self._text(DIGEST))
        except ValueError:  # none ("") or not a time
            return None

    def set_digest_time(self, at: time | None) -> None:
        self.settings.setValue(DIGEST, at.strftime("%H:%M") if at is not None else "")
        self.settings.sync()

    def digest_shown(self) -> date | None:
        try:
            return date.fromisoformat(self._text(DIGEST_SHOWN))
        except ValueError:  # never shown ("") or not a date
            return None

    def mark_digest_shown(self, day: date) -> None:
        self.settings.setValue(DIGEST_SHOWN, day.isoformat())
        self.settings.sync()
