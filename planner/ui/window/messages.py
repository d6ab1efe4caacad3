"""What the window's parts tell the user: a line in the status bar, a warning, a question."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox

from planner.i18n import _


class Messages:
    def __init__(self, window: QMainWindow) -> None:
        self._window = window

    def note(self, text: str, ms: int = 5000) -> None:
        self._window.statusBar().showMessage(text, ms)

    def error(self, message: str) -> None:
        QMessageBox.warning(self._window, _("Planner"), message)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._window, title, text)
        return answer == QMessageBox.StandardButton.Yes
