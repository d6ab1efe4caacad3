"""The keys on the selected goals and tasks, pressed on the real window's tree: Ctrl+D (a
typed-date popup at the row), Ctrl+1/2/3/0 (priority), Ctrl+Shift+A (an assignee popup
with the plan's people completed); each change one undo step, Escape changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.domain.items import Priority
from planner.services.people import PeopleService
from planner.ui.entry.popups import AssigneePopup, DatePopup
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import CTRL, SHIFT, plan_export, press, service_of, type_text

RUN_DUE = date(2026, 12, 31)  # both goals of Health (conftest)
BOTH = (("Health", "Run a marathon"), ("Health", "Swim weekly"))


def goals(window: MainWindow) -> list[Any]:
    service = service_of(window)
    with service.store.read() as unit:
        return sorted(
            (r for r in unit.all_items() if r.title in ("Run a marathon", "Swim weekly")),
            key=lambda r: r.title,
        )


def steps(window: MainWindow) -> int:
    assert window.controller is not None
    return window.controller.stack.count()


def date_popup(qtbot: Any, window: MainWindow) -> DatePopup:
    press(qtbot, window, Qt.Key.Key_D, CTRL)
    popup = window.entry.popup
    assert isinstance(popup, DatePopup) and popup.isVisible()
    qtbot.waitUntil(popup.field.edit.hasFocus, timeout=2000)
    return popup


def test_ctrl_d_sets_the_due_date_of_two_selected_items_in_one_step(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(*BOTH)
    popup = date_popup(qtbot, window)
    assert popup.heading.text() == "Due date of 2 items"
    assert popup.field.edit.text() == "2026-12-31"  # the date they share, selected
    assert popup.field.edit.selectedText() == "2026-12-31"
    type_text(qtbot, popup.field.edit, "in 2 weeks")
    assert popup.field.note.text() == "Sun, Dec 6 — 14 days left"
    qtbot.keyClick(popup.field.edit, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert [r.due for r in goals(window)] == [date(2026, 12, 6)] * 2
    assert steps(window) == 1
    assert window.controller.stack.undoText() == "Change due date of 2 items"  # type: ignore[union-attr]
    assert sorted(window.selected_ids()) == sorted(r.id for r in goals(window))
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert [r.due for r in goals(window)] == [RUN_DUE] * 2


def test_ctrl_d_refuses_nonsense_and_escape_changes_nothing(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(*BOTH)
    before = plan_export(service_of(window))
    popup = date_popup(qtbot, window)
    type_text(qtbot, popup.field.edit, "32.13")
    qtbot.keyClick(popup.field.edit, Qt.Key.Key_Return)
    assert popup.isVisible()
    assert popup.field.note.text() == (
        "'32.13' is not a valid date: there is no such day. The due date is kept."
    )
    qtbot.keyClick(popup.field.edit, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert plan_export(service_of(window)) == before and steps(window) == 0


def test_ctrl_d_emptied_clears_the_due_date(qtbot: Any, window: MainWindow, select: Any) -> None:
    select(("Health", "Run a marathon"))
    popup = date_popup(qtbot, window)
    assert popup.heading.text() == "Due date of 'Run a marathon'"
    qtbot.keyClick(popup.field.edit, Qt.Key.Key_Backspace)  # the selected date goes
    assert popup.field.note.text() == "No due date"
    qtbot.keyClick(popup.field.edit, Qt.Key.Key_Return)
    assert [r.due for r in goals(window)] == [None, RUN_DUE]


@pytest.mark.parametrize(
    ("key", "priority"),
    [
        (Qt.Key.Key_1, Priority.HIGH),
        (Qt.Key.Key_2, Priority.MEDIUM),
        (Qt.Key.Key_3, Priority.LOW),
    ],
)
def test_ctrl_digit_sets_the_priority_of_the_selection_in_one_step(
    qtbot: Any, window: MainWindow, select: Any, key: Qt.Key, priority: Priority
) -> None:
    select(*BOTH)
    press(qtbot, window, key, CTRL)
    assert [r.priority for r in goals(window)] == [priority] * 2
    assert steps(window) == 1
    assert window.controller.stack.undoText() == "Change priority of 2 items"  # type: ignore[union-attr]
    press(qtbot, window, Qt.Key.Key_0, CTRL)
    assert [r.priority for r in goals(window)] == [Priority.NONE] * 2
    assert steps(window) == 2
    press(qtbot, window, Qt.Key.Key_0, CTRL)  # none already: no step, a word why
    assert steps(window) == 2
    assert window.statusBar().currentMessage() == "There is no priority to take away."
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert [r.priority for r in goals(window)] == [priority] * 2
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert [r.priority for r in goals(window)] == [Priority.NONE] * 2


def test_the_keys_skip_a_group_and_are_greyed_out_on_one(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Health",))
    action = window.actions_by_name["priority_high"]
    assert not action.isEnabled()
    assert action.statusTip() == "Select a goal or task: a group cannot do this."
    select(("Health",), ("Health", "Run a marathon"))
    assert action.isEnabled()
    press(qtbot, window, Qt.Key.Key_1, CTRL)
    assert [r.priority for r in goals(window)] == [Priority.HIGH, Priority.NONE]


def assignee_popup(qtbot: Any, window: MainWindow) -> AssigneePopup:
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    popup = window.entry.popup
    assert isinstance(popup, AssigneePopup) and popup.isVisible()
    qtbot.waitUntil(popup.edit.hasFocus, timeout=2000)
    return popup


def test_ctrl_shift_a_assigns_with_the_names_completed(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(*BOTH)
    ana = next(p for p in PeopleService(service_of(window).store).people() if p.name == "Ana Silva")
    popup = assignee_popup(qtbot, window)
    assert popup.heading.text() == "Assignee of 2 items"
    qtbot.keyClicks(popup.edit, "sil")
    completer = popup.edit.completer()
    assert completer.currentCompletion() == "Ana Silva"  # found inside the name
    assert popup.note.text() == "Nobody in the plan is called 'sil'."  # not yet: a part
    popup.edit.clear()
    qtbot.keyClicks(popup.edit, "an")
    assert popup.note.text() == "Assign to Ana Silva"
    if completer.popup().isVisible():
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Escape)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert [r.assignee_id for r in goals(window)] == [ana.id] * 2
    assert steps(window) == 1
    assert window.controller.stack.undoText() == "Assign 2 items to Ana Silva"  # type: ignore[union-attr]
    # Again: the name they share is shown; emptied, Enter unassigns.
    popup = assignee_popup(qtbot, window)
    assert popup.edit.text() == "Ana Silva"
    qtbot.keyClick(popup.edit, Qt.Key.Key_Backspace)
    assert popup.note.text() == "Nobody: Enter unassigns."
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert [r.assignee_id for r in goals(window)] == [None, None]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert [r.assignee_id for r in goals(window)] == [ana.id] * 2


def test_an_unknown_name_assigns_nobody_and_escape_closes(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Health", "Run a marathon"))
    before = plan_export(service_of(window))
    popup = assignee_popup(qtbot, window)
    qtbot.keyClicks(popup.edit, "Zed")
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert popup.isVisible()
    assert popup.note.text() == "Nobody in the plan is called 'Zed'."
    assert "c62828" in popup.note.styleSheet()
    qtbot.keyClick(popup.edit, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert plan_export(service_of(window)) == before and steps(window) == 0
    assert QApplication.activePopupWidget() is None
