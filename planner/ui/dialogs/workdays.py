"""The Working Days dialog: whether the plan's countdowns count working days ("12 working
days left") or calendar days, the working week, and the country whose public holidays are
days off (as `planner workdays on|off --week ... --country CC`)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.domain.workdays import WorkCalendar, week_text
from planner.i18n import _

MUTED = "color: #6b7280;"


@dataclasses.dataclass(frozen=True)
class WorkdayChoice:
    """What the dialog was left with: as set_calendar takes it."""

    on: bool
    week: str  # "mon,tue,wed,thu,fri"
    country: str  # an ISO code, "" for none


class WorkdaysDialog(QDialog):
    """The plan's calendar, shown and edited; `choice()` once accepted."""

    def __init__(self, calendar: WorkCalendar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Working Days"))
        layout = QVBoxLayout(self)
        self.on_check = QCheckBox(_("Count working days in countdowns (“12 working days left”)"))
        self.on_check.setChecked(calendar.on)
        layout.addWidget(self.on_check)
        form = QFormLayout()
        days = QHBoxLayout()
        days.setSpacing(2)
        self.week_buttons: list[QToolButton] = []
        for day in range(7):  # Monday first
            button = QToolButton()
            button.setCheckable(True)
            button.setText(formats.weekday_name(day))
            button.setToolTip(formats.weekday_name(day, wide=True))
            button.setChecked(day in calendar.week)
            days.addWidget(button)
            self.week_buttons.append(button)
        days.addStretch(1)
        self.country_edit = QLineEdit(calendar.country)
        self.country_edit.setMaxLength(3)
        self.country_edit.setPlaceholderText(_("e.g. DE, US, BR"))
        form.addRow(QLabel(_("Working week")), days)
        form.addRow(QLabel(_("Public holidays of")), self.country_edit)
        layout.addLayout(form)
        hint = QLabel(
            _(
                "A country's public holidays are days off (two letters, such as DE or US; "
                "empty: none). Days off are not counted."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> WorkdayChoice:
        week = frozenset(d for d, b in enumerate(self.week_buttons) if b.isChecked())
        return WorkdayChoice(
            self.on_check.isChecked(),
            week_text(week),
            self.country_edit.text().strip(),
        )
