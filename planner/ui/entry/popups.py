"""Small popups at the current row: a due date typed in words (Ctrl+D) and a person's name
with completion (Ctrl+Shift+A). Enter hands the choice on (`chosen`), Escape or a click
elsewhere closes them with nothing changed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from planner.domain.people import Person
from planner.i18n import _
from planner.services.quick_add import choices, people_named
from planner.ui.entry.typed_date import ERROR, MUTED, UNDERSTOOD, TypedDateField

WIDTH = 340  # room for a date's note, or a long name, on one line


class RowPopup(QFrame):
    """A frame over the window with a heading, closed by Escape or a click elsewhere."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(8, 6, 8, 8)
        self.column.addWidget(self.heading)

    def show_under(self, row: QRect, over: QWidget) -> None:
        """Show just under `row` (in `over`'s coordinates), kept on the screen."""
        self.setFixedWidth(max(WIDTH, self.sizeHint().width()))
        self.adjustSize()
        place = over.mapToGlobal(row.bottomLeft() + QPoint(0, 2))
        area = over.screen().availableGeometry()
        if place.y() + self.height() > area.bottom():
            place.setY(over.mapToGlobal(row.topLeft()).y() - self.height() - 2)
        place.setX(max(area.left(), min(place.x(), area.right() - self.width())))
        self.move(place)
        self.show()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class DatePopup(RowPopup):
    """The due date of the selected items, typed in words; emptied, no due date."""

    chosen = Signal(object)  # a date, or None: no due date

    def __init__(self, parent: QWidget, heading: str, today: date, shown: date | None) -> None:
        super().__init__(parent)
        self.heading.setText(heading)
        self.field = TypedDateField(clearable=True)
        self.field.set_today(today)
        self.column.addWidget(self.field)
        self.setFocusProxy(self.field)
        if shown is not None:
            self.field.set_text(shown.isoformat())  # Enter alone keeps it; typing replaces it
        self.field.taken.connect(self._taken)

    def _taken(self, day: date | None) -> None:
        self.close()
        self.chosen.emit(day)


class AssigneePopup(RowPopup):
    """A person's name, completed from the plan's people; emptied, nobody."""

    chosen = Signal(object)  # a person's id, or None: nobody

    def __init__(self, parent: QWidget, heading: str, people: list[Person], shown: str) -> None:
        super().__init__(parent)
        self.people = people
        self.heading.setText(heading)
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(_("A person's name; empty: nobody"))
        completer = QCompleter([p.name for p in people], self.edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(completer)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.column.addWidget(self.edit)
        self.column.addWidget(self.note)
        self.setFocusProxy(self.edit)
        self.edit.setText(shown)
        self.edit.selectAll()
        self.edit.textChanged.connect(lambda _text: self._show_meant(final=False))
        self.edit.returnPressed.connect(self.take)
        self._show_meant(final=False)

    def meant(self) -> list[Person]:
        """Those the typed name may mean (none for an empty line)."""
        typed = self.edit.text().strip()
        return people_named(self.people, typed) if typed else []

    def _show_meant(self, final: bool) -> bool:
        """Say who Enter assigns to; whether that is one person, or nobody on purpose."""
        typed = self.edit.text().strip()
        found = self.meant()
        if not typed:
            self._say(_("Nobody: Enter unassigns."), MUTED)
            return True
        if len(found) == 1:
            self._say(_("Assign to {name}").format(name=found[0].name), UNDERSTOOD)
            return True
        if found:
            text = _("'{name}' could be {people}; type more of the name.").format(
                name=typed, people=choices([p.name for p in found])
            )
        else:
            text = _("Nobody in the plan is called '{name}'.").format(name=typed)
        self._say(text, ERROR if final else MUTED)
        return False

    def take(self) -> None:
        if not self._show_meant(final=True):
            return
        found = self.meant()
        self.close()
        self.chosen.emit(found[0].id if found else None)

    def _say(self, text: str, style: str) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(style)
