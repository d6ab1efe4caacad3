"""A field for a due date typed in words ("fri", "next friday", "in 3 days", "dec 24",
"24.12", "eow"), with what was understood shown under it before Enter takes it."""

from __future__ import annotations

import enum
from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from planner import formats
from planner.domain.countdown import countdown_text
from planner.domain.errors import InvalidInput
from planner.domain.items import Status
from planner.domain.validation import TYPED_DATE_MAX
from planner.i18n import _

MUTED = "color: #6b7280;"
ERROR = "color: #c62828;"
UNDERSTOOD = "color: #1d4ed8;"


def _parse(text: str, today: date) -> date:
    """The day typed (InvalidInput if none). The parser, with its word tables and patterns
    (6 ms to import), loads when the first date is typed, not at start."""
    from planner.domain.typed_dates import parse_typed_date

    return parse_typed_date(text, today)


class Note(enum.StrEnum):
    """What the line under the field says."""

    NONE = "none"  # nothing typed
    HINT = "hint"  # typing, not a date (yet)
    UNDERSTOOD = "understood"  # the day that Enter would take
    CLEARS = "clears"  # emptied: Enter takes no date
    REFUSED = "refused"  # Enter on what is no date: the old value stays


def understood_text(day: date, today: date) -> str:
    """'Fri, Dec 11 — 4 days left': the day and how far it is."""
    far = countdown_text(day, Status.ACTIVE, None, today)
    # TRANSLATORS: what a typed date was understood as: the day, then how far it is.
    return _("{day} — {countdown}").format(day=formats.weekday_short(day, today), countdown=far)


class TypedDateField(QWidget):
    """A line to type a date in, and under it what it was understood as (or why it is
    no date). Enter emits `taken` with the day; with `clearable`, a line the user emptied
    emits it with None (no date). A text that is no date emits nothing: the note says so
    in red, and the old value stays."""

    taken = Signal(object)  # a date, or None: no date

    def __init__(self, parent: QWidget | None = None, clearable: bool = True) -> None:
        super().__init__(parent)
        self.clearable = clearable
        self._today = date.today()
        self.state = Note.NONE
        self.edit = QLineEdit()
        self.edit.setMaxLength(TYPED_DATE_MAX)
        self.edit.setClearButtonEnabled(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.note)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(lambda _text: self.show_understood())
        self.edit.returnPressed.connect(self.take)
        self.retranslate()
        self.show_understood()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(_("Type a date: fri, in 3 days, dec 24"))
        self.edit.setToolTip(
            _(
                "A date in words: today, tomorrow, fri, next fri (the Friday of next week), "
                "in 3 days, 2 weeks, dec 24, 24.12, end of month, eow. Enter takes it."
            )
        )
        if self.state is not Note.REFUSED:
            self.show_understood()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_today(self, today: date) -> None:
        self._today = today
        self.show_understood()

    def set_text(self, text: str) -> None:
        """Put a text in the line (not as typed: emptied, it clears nothing), selected."""
        self.edit.setText(text)
        self.edit.selectAll()
        self.show_understood()

    def _emptied(self) -> bool:
        return self.clearable and self.edit.isModified() and not self.edit.text().strip()

    def show_understood(self) -> None:
        """What Enter would take, under the line, as the user types."""
        text = self.edit.text()
        if not text.strip():
            if self._emptied():
                self._say(Note.CLEARS, _("No due date"), MUTED)
            else:
                self._say(Note.NONE, "", MUTED)
            return
        try:
            day = _parse(text, self._today)
        except InvalidInput:
            self._say(Note.HINT, _("Not a date yet."), MUTED)
            return
        self._say(Note.UNDERSTOOD, understood_text(day, self._today), UNDERSTOOD)

    def take(self) -> None:
        """Enter: the date typed is taken (or none, emptied); a text that is no date is
        refused with a message under the line."""
        text = self.edit.text()
        if not text.strip():
            if self._emptied():
                self.taken.emit(None)
            return
        try:
            day = _parse(text, self._today)
        except InvalidInput as e:
            self._say(Note.REFUSED, _("{error} The due date is kept.").format(error=e), ERROR)
            return
        self.taken.emit(day)

    def reset(self) -> None:
        """Nothing typed, nothing said (after a date was taken)."""
        self.edit.clear()
        self.edit.setModified(False)
        self.show_understood()

    def _say(self, state: Note, text: str, style: str) -> None:
        self.state = state
        self.note.setText(text)
        if self.note.styleSheet() != style:  # (setting one polishes again: 0.3 ms)
            self.note.setStyleSheet(style)
        self.note.setVisible(bool(text))
