"""A long step's progress in the status bar (View › Expand All on a big plan): a bar with
what is being done, shown from the first report and gone when the step ends."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from planner.i18n import _


class StatusProgress:
    """Called with the percent done, or -1 when the step is over."""

    def __init__(self, status_bar: QStatusBar) -> None:
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(160)
        status_bar.addWidget(self.label)
        status_bar.addWidget(self.bar)
        self.label.hide()
        self.bar.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(_("Opening every row…"))

    def __call__(self, percent: int) -> None:
        shown = percent >= 0
        self.label.setVisible(shown)
        self.bar.setVisible(shown)
        if shown:
            self.bar.setValue(percent)
