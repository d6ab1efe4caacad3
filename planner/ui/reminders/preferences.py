"""The Reminder Settings dialog: keep running in the notification area, start Planner at
login, and the morning digest with its time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.autostart import Autostart
from planner.domain.errors import InvalidInput
from planner.i18n import _
from planner.ui.language import Retranslated
from planner.ui.reminders.digest import DEFAULT_TIME
from planner.ui.reminders.settings import ReminderSettings


class ReminderPreferences(Retranslated, QDialog):
    """The settings as they are; OK applies them (`failed` says what could not be)."""

    def __init__(
        self,
        settings: ReminderSettings,
        autostart: Autostart,
        tray_available: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.autostart = settings, autostart
        self.keep = QCheckBox()
        self.keep.setChecked(bool(settings.keep_running()))
        self.no_tray = QLabel()
        self.no_tray.setWordWrap(True)
        self.no_tray.setStyleSheet("color: #6b7280;")
        has_tray = tray_available()
        self.keep.setEnabled(has_tray or self.keep.isChecked())
        self.no_tray.setVisible(not has_tray)
        self.login = QCheckBox()
        self.login.setChecked(autostart.enabled())
        self.digest = QCheckBox()
        at = settings.digest_time()
        self.digest.setChecked(at is not None)
        self.digest_time = QTimeEdit()
        shown = at or DEFAULT_TIME
        self.digest_time.setTime(QTime(shown.hour, shown.minute))
        self.digest_time.setEnabled(at is not None)
        self.digest.toggled.connect(self.digest_time.setEnabled)
        self.digest_note = QLabel()
        self.digest_note.setWordWrap(True)
        self.digest_note.setStyleSheet("color: #6b7280;")
        digest_row = QHBoxLayout()
        digest_row.addWidget(self.digest)
        digest_row.addWidget(self.digest_time)
        digest_row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keep)
        layout.addWidget(self.no_tray)
        layout.addSpacing(6)
        layout.addWidget(self.login)
        layout.addSpacing(6)
        layout.addLayout(digest_row)
        layout.addWidget(self.digest_note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        # Never smaller than its words (a long check box does not wrap); wrapped notes get
        # the height they need at the width they have.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reminder Settings"))
        self.keep.setText(
            _("&Keep Planner running in the notification area when its window is closed")
        )
        self.no_tray.setText(
            _("This desktop has no notification area: Planner stops when its window is closed.")
        )
        self.login.setText(_("&Start Planner when I log in"))
        self.digest.setText(_("Show a &morning digest at"))
        self.digest_note.setText(
            _("Once a day: how many items are due today and how many are overdue.")
        )

    def chosen_digest(self) -> time | None:
        if not self.digest.isChecked():
            return None
        chosen = self.digest_time.time()
        return time(chosen.hour(), chosen.minute())

    def apply(self) -> str:
        """Save what is chosen; the reason autostart could not be changed, or ""."""
        self.settings.set_keep_running(self.keep.isChecked())
        self.settings.set_digest_time(self.chosen_digest())
        wanted = self.login.isChecked()
        if wanted == self.autostart.enabled():
            return ""
        try:
            if wanted:
                self.autostart.enable()
            else:
                self.autostart.disable()
        except InvalidInput as e:  # the writer's own sentence names the file and why
            return _("Starting Planner at login could not be changed. {reason}").format(reason=e)
        except OSError as e:
            return _("Starting Planner at login could not be changed: {reason}.").format(
                reason=e.strerror or e
            )
        return ""
