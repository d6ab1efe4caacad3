"""Planner's icon in the notification area: its menu (Show Planner, Quit) and its messages,
where the desktop has a notification area."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from planner.i18n import _
from planner.ui.icons import icon

MESSAGE_MS = 10_000


class Tray(QObject):
    """Made the first time it is shown. `available`: whether the desktop has a
    notification area (asked each time: a panel can come and go)."""

    showRequested = Signal()
    quitRequested = Signal()
    messageClicked = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
    ) -> None:
        super().__init__(parent)
        self.available = available
        self.icon: QSystemTrayIcon | None = None
        self.menu: QMenu | None = None

    def _made(self) -> QSystemTrayIcon:
        if self.icon is None:
            self.icon = QSystemTrayIcon(icon("app"), self)
            self.menu = QMenu()
            self.show_action = self.menu.addAction("")
            self.show_action.triggered.connect(self.showRequested)
            self.menu.addSeparator()
            self.quit_action = self.menu.addAction("")
            self.quit_action.triggered.connect(self.quitRequested)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.icon.messageClicked.connect(self.messageClicked)
            self.retranslate()
        return self.icon

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.showRequested.emit()

    def set_shown(self, shown: bool) -> None:
        """The icon in the notification area (when the desktop has one), or not."""
        if shown and self.available():
            self._made().show()
        elif self.icon is not None:
            self.icon.hide()

    def shown(self) -> bool:
        return self.icon is not None and self.icon.isVisible()

    def message(self, title: str, text: str) -> bool:
        """A message from the icon; False where the desktop has no notification area."""
        if not self.available():
            return False
        tray = self._made()
        tray.show()
        tray.showMessage(title, text, icon("app"), MESSAGE_MS)
        return True

    def retranslate(self) -> None:
        if self.icon is None:
            return
        self.icon.setToolTip(_("Planner"))
        self.show_action.setText(_("&Show Planner"))
        self.quit_action.setText(_("&Quit"))
