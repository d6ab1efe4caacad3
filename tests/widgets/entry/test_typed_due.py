"""The details panel's due field takes a date typed in words: what was understood is
shown before Enter takes it (one undo step, through the panel's edit), a text that is no
date keeps the old date and says so in red, an emptied field clears the date, and words of
the language Planner speaks are understood."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from planner.ui.entry.typed_date import Note, TypedDateField
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import (
    CTRL,
    UseLanguage,
    focus,
    plan_export,
    press,
    service_of,
    type_text,
)

RUN_DUE = date(2026, 12, 31)  # the plan's "Run a marathon" (conftest)


def due_field(qtbot: Any, window: MainWindow) -> TypedDateField:
    field = window.details.due_typed
    assert field.isVisible()
    focus(qtbot, field.edit)
    return field


def run_due(window: MainWindow) -> date | None:
    record = window.details.record
    assert record is not None and record.title == "Run a marathon"
    return service_of(window).get(record.id).due


def test_what_was_understood_is_shown_then_enter_takes_it(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Health", "Run a marathon"))
    field = due_field(qtbot, window)
    for typed, shown in (
        ("fri", "Fri, Nov 27 — 5 days left"),
        # On a Sunday, the Friday of next week is the coming one (weeks run Mon to Sun).
        ("next friday", "Fri, Nov 27 — 5 days left"),
        ("in 3 days", "Wed, Nov 25 — 3 days left"),
        ("dec 24", "Thu, Dec 24 — 32 days left"),
        ("24.12", "Thu, Dec 24 — 32 days left"),
        ("eow", "Sun, Nov 22 — Due today"),
        ("jan 5", "Tue, Jan 5, 2027 — 44 days left"),
    ):
        field.edit.clear()
        type_text(qtbot, field.edit, typed)
        assert (field.state, field.note.text()) == (Note.UNDERSTOOD, shown), typed
        assert run_due(window) == RUN_DUE  # nothing taken before Enter
    steps = window.controller.stack.count()  # type: ignore[union-attr]
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert run_due(window) == date(2027, 1, 5)
    assert window.controller.stack.count() == steps + 1  # type: ignore[union-attr]
    assert window.controller.stack.undoText() == "Change due date of 'Run a marathon'"  # type: ignore[union-attr]
    assert field.edit.text() == "" and not field.note.isVisible()
    assert window.details.due_edit.date().toPython() == date(2027, 1, 5)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert run_due(window) == RUN_DUE
    assert window.details.due_edit.date().toPython() == RUN_DUE


def test_a_text_that_is_no_date_keeps_the_old_one_and_says_so(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Health", "Run a marathon"))
    before = plan_export(service_of(window))
    field = due_field(qtbot, window)
    for typed in ("32.13", "fri fri", "someday"):
        field.edit.clear()
        type_text(qtbot, field.edit, typed)
        assert (field.state, field.note.text()) == (Note.HINT, "Not a date yet.")
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
        assert field.state is Note.REFUSED
        assert field.note.isVisible() and "c62828" in field.note.styleSheet()
        assert field.note.text().endswith("The due date is kept.")
        assert field.edit.text() == typed  # to be corrected
    assert "'32.13' is not a valid date" not in field.note.text()
    assert field.note.text().startswith("'someday' is not a date Planner understands")
    assert plan_export(service_of(window)) == before
    assert window.controller.stack.count() == 0  # type: ignore[union-attr]


def test_an_emptied_field_clears_the_date_and_enter_in_an_untouched_one_does_nothing(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Health", "Run a marathon"))
    field = due_field(qtbot, window)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)  # nothing typed: nothing happens
    assert run_due(window) == RUN_DUE and window.controller.stack.count() == 0  # type: ignore[union-attr]
    type_text(qtbot, field.edit, "fri")
    for _ in range(3):
        qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    assert (field.state, field.note.text()) == (Note.CLEARS, "No due date")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert run_due(window) is None
    assert not window.details.due_check.isChecked()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert run_due(window) == RUN_DUE


def test_dates_typed_in_the_language_planner_speaks(
    qtbot: Any, window: MainWindow, select: Any, use_language: UseLanguage
) -> None:
    use_language("de")
    select(("Health", "Run a marathon"))
    field = due_field(qtbot, window)
    type_text(qtbot, field.edit, "nächsten Freitag")
    assert field.state is Note.UNDERSTOOD
    assert field.note.text() == "Fr., 27. Nov. — Noch 5 Tage"
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert run_due(window) == date(2026, 11, 27)
    use_language("ru")
    field.edit.clear()
    type_text(qtbot, field.edit, "через 2 недели")
    assert field.state is Note.UNDERSTOOD and field.note.text().startswith("вс, 6 дек.")
