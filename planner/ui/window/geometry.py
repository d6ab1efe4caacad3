"""The window's size, place and panes: as the user left them (the widths of two panes saved
before the side bar came shared out again), always inside the screen's free area (a small
screen, 150 % scaling, a size remembered from a larger screen), saved when it closes."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

DEFAULT_SIZE = (1100, 700)


class WindowGeometry:
    """Handed the window, its splitter (side bar, pages, details), the side bar and the
    settings."""

    def __init__(
        self, window: QMainWindow, splitter: QSplitter, side_bar: QWidget, settings: QSettings
    ) -> None:
        self.window, self.splitter, self.side_bar = window, splitter, side_bar
        self.settings = settings
        self._fitted = False  # fitted to the screen with its frame (first shown)

    def restore(self) -> None:
        self.window.resize(*DEFAULT_SIZE)
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.window.restoreGeometry(geometry)
        self.fit_screen()
        panes = self.settings.value("window/panes")  # side bar, pages, details
        if isinstance(panes, QByteArray):
            self.splitter.restoreState(panes)
        else:
            self._restore_two_panes(self.settings.value("window/splitter"))

    def _restore_two_panes(self, state: object) -> None:
        """The tree's and the details panel's widths saved before the side bar came (a
        state of two panes would give the side bar the tree's width): their share of the
        room beside the side bar."""
        if not isinstance(state, QByteArray):
            return
        two = QSplitter()
        two.addWidget(QWidget())
        two.addWidget(QWidget())
        if not two.restoreState(state) or sum(two.sizes()) <= 0:
            return
        tree, details = two.sizes()
        side = self.side_bar.sizeHint().width()
        room = max(self.window.width() - side, 1)
        shown = round(room * tree / (tree + details))
        self.splitter.setSizes([side, shown, room - shown])

    def first_shown(self) -> bool:
        """Whether the window is shown for the first time: then it has its frame, and its
        layout the minimum size of the plan shown (not of the empty window): it is fitted
        again, once, when that has settled."""
        if self._fitted:
            return False
        self._fitted = True
        QTimer.singleShot(0, self.fit_screen)
        return True

    def fit_screen(self) -> None:
        """Keep the window inside its screen's available area: never bigger, and moved
        in."""
        window = self.window
        area = window.screen().availableGeometry()
        frame = window.frameGeometry().size() - window.geometry().size()  # none before shown
        width = min(window.width(), area.width() - frame.width())
        height = min(window.height(), area.height() - frame.height())
        if (width, height) != (window.width(), window.height()):
            window.resize(width, height)
        x = min(max(window.x(), area.left()), area.right() + 1 - width - frame.width())
        y = min(max(window.y(), area.top()), area.bottom() + 1 - height - frame.height())
        window.move(x, y)

    def save_size(self) -> None:
        self.settings.setValue("window/geometry", self.window.saveGeometry())

    def save_panes(self) -> None:
        self.settings.setValue("window/panes", self.splitter.saveState())
