"""Every shortcut of PRODUCT.md's keyboard table, pressed on the focused tree of a real
window on a real plan file; after each one the new or moved item is current, selected and
visible, and Edit › Undo names the action."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.services.plan import PlanService
from tests.helpers.window import (
    CTRL,
    SHIFT,
    MakeWindow,
    assert_current,
    editor,
    export_on_disk,
    index_of,
    model_of,
    plan_export,
    press,
    rows,
    titles_under,
    type_title,
)

Key = Qt.Key


def undo_text(window: Any) -> str:
    return window.actions_by_name["undo"].text().replace("&", "")


def redo_text(window: Any) -> str:
    return window.actions_by_name["redo"].text().replace("&", "")


def on_disk_titles(plan_path: Path) -> list[str]:
    document = export_on_disk(plan_path)
    out: list[str] = []
    stack = [*reversed(document["groups"])]
    while stack:
        node = stack.pop()
        out.append(node.get("title", node.get("name")))
        stack.extend(reversed(node.get("items", node.get("children", []))))
    return out


def test_ctrl_n_enter_insert_and_f2_create_and_name_items(
    qtbot: Any, make_window: MakeWindow, plan_path: Path
) -> None:
    window = make_window()
    model = model_of(window)
    assert rows(model) == ["Goals"]

    # Ctrl+N: a new goal in the current group, its title editor open at once.
    press(qtbot, window, Key.Key_N, CTRL)
    assert_current(window, "New goal")
    type_title(qtbot, window, "Trip to Lisbon")
    assert titles_under(window, ["Goals"]) == ["Trip to Lisbon"]
    assert_current(window, "Trip to Lisbon")
    assert on_disk_titles(plan_path) == ["Goals", "Trip to Lisbon"]
    assert undo_text(window) == "Undo Rename 'New goal'"

    # Enter: a new item below the selected one, at the same level, editing.
    press(qtbot, window, Key.Key_Return)
    assert_current(window, "New goal")
    type_title(qtbot, window, "Learn Portuguese")
    assert titles_under(window, ["Goals"]) == ["Trip to Lisbon", "Learn Portuguese"]
    # Enter on the keypad too; on a goal above another one it lands between them.
    window.tree.setCurrentIndex(index_of(window, ["Goals", "Trip to Lisbon"]))
    press(qtbot, window, Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    type_title(qtbot, window, "Save money")
    assert titles_under(window, ["Goals"]) == ["Trip to Lisbon", "Save money", "Learn Portuguese"]
    assert_current(window, "Save money")

    # Insert and Ctrl+Shift+N: a new subtask of the selected item.
    window.tree.setCurrentIndex(index_of(window, ["Goals", "Trip to Lisbon"]))
    press(qtbot, window, Key.Key_Insert)
    assert_current(window, "New task")
    type_title(qtbot, window, "Book flights")
    press(qtbot, window, Key.Key_Return)
    type_title(qtbot, window, "Find a flat")
    window.tree.setCurrentIndex(index_of(window, ["Goals", "Trip to Lisbon"]))
    press(qtbot, window, Key.Key_N, CTRL | SHIFT)
    assert_current(window, "New task")
    type_title(qtbot, window, "Pack")
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == [
        "Book flights",
        "Find a flat",
        "Pack",
    ]
    assert_current(window, "Pack")

    # F2: rename in place.
    press(qtbot, window, Key.Key_F2)
    assert editor(window).text() == "Pack"
    type_title(qtbot, window, "Pack the bags")
    assert_current(window, "Pack the bags")
    assert undo_text(window) == "Undo Rename 'Pack'"
    assert on_disk_titles(plan_path) == [
        "Goals",
        "Trip to Lisbon",
        "Book flights",
        "Find a flat",
        "Pack the bags",
        "Save money",
        "Learn Portuguese",
    ]


@pytest.fixture
def trip(service: PlanService) -> dict[str, int]:
    """Goals › Trip to Lisbon › Book flights, Find a flat, Pack; Goals › Learn Portuguese."""
    group = service.first_group()
    assert group is not None
    ids = {"Goals": group.id}
    ids["Trip to Lisbon"] = service.create_item(group.id, "Trip to Lisbon").ids[0]
    for title in ("Book flights", "Find a flat", "Pack"):
        ids[title] = service.create_item(ids["Trip to Lisbon"], title).ids[0]
    ids["Learn Portuguese"] = service.create_item(group.id, "Learn Portuguese").ids[0]
    return ids


def test_tab_and_shift_tab_indent_and_outdent(
    qtbot: Any, make_window: MakeWindow, service: PlanService, trip: dict[str, int]
) -> None:
    window = make_window()
    before = plan_export(service)
    window.reveal([trip["Find a flat"]])
    press(qtbot, window, Key.Key_Tab)
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == ["Book flights", "Pack"]
    assert titles_under(window, ["Goals", "Trip to Lisbon", "Book flights"]) == ["Find a flat"]
    assert_current(window, "Find a flat")
    assert service.get(trip["Find a flat"]).parent_id == trip["Book flights"]
    assert undo_text(window) == "Undo Indent 'Find a flat'"

    press(qtbot, window, Key.Key_Backtab, SHIFT)
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == [
        "Book flights",
        "Find a flat",
        "Pack",
    ]
    assert_current(window, "Find a flat")
    assert undo_text(window) == "Undo Outdent 'Find a flat'"
    assert plan_export(service) == before

    # A goal outdents no further; the first child has nothing above to indent under.
    window.reveal([trip["Trip to Lisbon"]])
    press(qtbot, window, Key.Key_Backtab, SHIFT)
    window.reveal([trip["Book flights"]])
    press(qtbot, window, Key.Key_Tab)
    assert plan_export(service) == before
    assert_current(window, "Book flights")
    # A goal indents under the goal above it and becomes a task.
    window.reveal([trip["Learn Portuguese"]])
    press(qtbot, window, Key.Key_Tab)
    assert titles_under(window, ["Goals"]) == ["Trip to Lisbon"]
    assert titles_under(window, ["Goals", "Trip to Lisbon"])[-1] == "Learn Portuguese"
    assert_current(window, "Learn Portuguese")


def test_ctrl_shift_up_and_down_move_among_siblings(
    qtbot: Any, make_window: MakeWindow, service: PlanService, trip: dict[str, int]
) -> None:
    window = make_window()
    window.reveal([trip["Pack"]])
    press(qtbot, window, Key.Key_Up, CTRL | SHIFT)
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == [
        "Book flights",
        "Pack",
        "Find a flat",
    ]
    assert_current(window, "Pack")
    assert undo_text(window) == "Undo Move 'Pack'"
    press(qtbot, window, Key.Key_Up, CTRL | SHIFT)
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == [
        "Pack",
        "Book flights",
        "Find a flat",
    ]
    assert_current(window, "Pack")
    press(qtbot, window, Key.Key_Up, CTRL | SHIFT)  # already first: nothing happens
    assert titles_under(window, ["Goals", "Trip to Lisbon"])[0] == "Pack"
    for _ in range(2):
        press(qtbot, window, Key.Key_Down, CTRL | SHIFT)
    assert window.controller is not None
    steps = window.controller.stack.count()
    press(qtbot, window, Key.Key_Down, CTRL | SHIFT)  # already last: nothing happens
    assert window.controller.stack.count() == steps
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == [
        "Book flights",
        "Find a flat",
        "Pack",
    ]
    assert_current(window, "Pack")
    assert [r.title for r in service.children(trip["Trip to Lisbon"])] == [
        "Book flights",
        "Find a flat",
        "Pack",
    ]
    # Goals move among goals too.
    window.reveal([trip["Learn Portuguese"]])
    press(qtbot, window, Key.Key_Up, CTRL | SHIFT)
    assert titles_under(window, ["Goals"]) == ["Learn Portuguese", "Trip to Lisbon"]
    assert_current(window, "Learn Portuguese")


def test_ctrl_enter_marks_done_and_not_done(
    qtbot: Any, make_window: MakeWindow, service: PlanService, trip: dict[str, int]
) -> None:
    window = make_window()
    window.reveal([trip["Find a flat"]])
    press(qtbot, window, Key.Key_Return, CTRL)
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == ["Book flights", "Pack", "Done (1)"]
    assert titles_under(window, ["Goals", "Trip to Lisbon", "Done (1)"]) == ["Find a flat"]
    assert_current(window, "Find a flat")
    assert undo_text(window) == "Undo Mark done 'Find a flat'"
    assert service.get(trip["Find a flat"]).done_at is not None

    press(qtbot, window, Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == [
        "Book flights",
        "Find a flat",
        "Pack",
    ]
    assert_current(window, "Find a flat")
    assert undo_text(window) == "Undo Mark not done 'Find a flat'"


def test_delete_and_shift_delete(
    qtbot: Any,
    make_window: MakeWindow,
    service: PlanService,
    trip: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    window.reveal([trip["Book flights"]])
    press(qtbot, window, Key.Key_Delete)
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == [
        "Find a flat",
        "Pack",
        "Deleted (1)",
    ]
    assert_current(window, "Book flights")
    assert undo_text(window) == "Undo Delete 'Book flights'"

    answers: list[QMessageBox.StandardButton] = []
    questions: list[str] = []

    def question(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        questions.append(args[2])
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    before = plan_export(service)
    answers.append(QMessageBox.StandardButton.No)
    window.reveal([trip["Pack"]])
    press(qtbot, window, Key.Key_Delete, SHIFT)
    assert len(questions) == 1 and "'Pack'" in questions[0]
    assert plan_export(service) == before
    assert_current(window, "Pack")

    answers.append(QMessageBox.StandardButton.Yes)
    press(qtbot, window, Key.Key_Delete, SHIFT)
    assert len(questions) == 2
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == ["Find a flat", "Deleted (1)"]
    assert trip["Pack"] not in {r.id for r in service.all_items()}
    assert undo_text(window) == "Undo Delete permanently 'Pack'"
    # The selection stays nearby and visible.
    assert window.tree.currentIndex().isValid()
    assert window.tree.visualRect(window.tree.currentIndex()).isValid()

    press(qtbot, window, Key.Key_Z, CTRL)
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == [
        "Find a flat",
        "Pack",
        "Deleted (1)",
    ]
    assert plan_export(service) == before


def test_undo_and_redo_keys(
    qtbot: Any, make_window: MakeWindow, service: PlanService, trip: dict[str, int]
) -> None:
    window = make_window()
    states = [plan_export(service)]
    window.reveal([trip["Find a flat"]])
    press(qtbot, window, Key.Key_Down, CTRL | SHIFT)
    states.append(plan_export(service))
    press(qtbot, window, Key.Key_Return, CTRL)
    states.append(plan_export(service))
    assert undo_text(window) == "Undo Mark done 'Find a flat'"

    press(qtbot, window, Key.Key_Z, CTRL)
    assert plan_export(service) == states[1]
    assert_current(window, "Find a flat")
    assert undo_text(window) == "Undo Move 'Find a flat'"
    assert redo_text(window) == "Redo Mark done 'Find a flat'"
    press(qtbot, window, Key.Key_Z, CTRL)
    assert plan_export(service) == states[0]
    assert_current(window, "Find a flat")
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == [
        "Book flights",
        "Find a flat",
        "Pack",
    ]
    assert not window.actions_by_name["undo"].isEnabled()

    press(qtbot, window, Key.Key_Z, CTRL | SHIFT)
    assert plan_export(service) == states[1]
    assert_current(window, "Find a flat")
    press(qtbot, window, Key.Key_Y, CTRL)
    assert plan_export(service) == states[2]
    assert_current(window, "Find a flat")
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == ["Book flights", "Pack", "Done (1)"]
    assert not window.actions_by_name["redo"].isEnabled()
    assert export_on_disk(Path(str(window.plan_path))) == states[2]


def test_ctrl_n_adds_the_goal_to_the_group_of_the_selected_item(
    qtbot: Any, make_window: MakeWindow, service: PlanService, trip: dict[str, int]
) -> None:
    home = service.create_group("Home").ids[0]
    hall = service.create_item(home, "Paint the hall").ids[0]
    walls = service.create_item(hall, "Buy paint").ids[0]
    window = make_window()
    window.reveal([walls])
    press(qtbot, window, Key.Key_N, CTRL)
    type_title(qtbot, window, "Fix the roof")
    assert titles_under(window, ["Home"]) == ["Paint the hall", "Fix the roof"]
    assert titles_under(window, ["Goals"]) == ["Trip to Lisbon", "Learn Portuguese"]
    assert_current(window, "Fix the roof")


def test_inline_rename_left_unchanged_or_emptied_changes_nothing(
    qtbot: Any,
    make_window: MakeWindow,
    service: PlanService,
    trip: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialogs: list[Any] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: dialogs.append(a))
    window = make_window()
    stack = window.controller.stack  # type: ignore[union-attr]
    window.reveal([trip["Pack"]])
    before = plan_export(service)
    press(qtbot, window, Key.Key_F2)
    type_title(qtbot, window, "Pack")  # Enter on the title as it was
    assert stack.count() == 0
    press(qtbot, window, Key.Key_F2)
    type_title(qtbot, window, "   ")  # emptied: the old title stays, no dialog
    assert stack.count() == 0 and not dialogs
    assert plan_export(service) == before
    assert model_of(window).index_for_item(trip["Pack"]).data() == "Pack"
    assert "title is required" in window.statusBar().currentMessage()


def test_escape_on_a_new_items_untouched_title_cancels_it(
    qtbot: Any, make_window: MakeWindow, plan_path: Path
) -> None:
    """Ctrl+N, Enter or Insert, then Escape: the new item is gone, and no step is left to
    undo or redo. Escape on a title being renamed only ends the rename."""
    window = make_window()
    stack = window.controller.stack  # type: ignore[union-attr]
    press(qtbot, window, Key.Key_N, CTRL)
    type_title(qtbot, window, "Trip to Lisbon")
    count, before = stack.count(), on_disk_titles(plan_path)
    for key, modifiers in (
        (Key.Key_N, CTRL),
        (Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        (Key.Key_Insert, Qt.KeyboardModifier.NoModifier),
    ):
        press(qtbot, window, key, modifiers)
        assert window.tree.state() == window.tree.State.EditingState
        qtbot.keyClick(editor(window), Key.Key_Escape)
        qtbot.waitUntil(lambda: stack.count() == count)
        assert titles_under(window, ["Goals"]) == ["Trip to Lisbon"], key
        assert on_disk_titles(plan_path) == before
        assert not stack.canRedo() and undo_text(window) == "Undo Rename 'New goal'"
    # A rename cancelled keeps the item.
    press(qtbot, window, Key.Key_F2)
    qtbot.keyClick(editor(window), Key.Key_Escape)
    qtbot.wait(10)
    assert titles_under(window, ["Goals"]) == ["Trip to Lisbon"] and stack.count() == count


def test_f6_escape_and_tab_reach_the_details_panel_and_back(
    qtbot: Any, make_window: MakeWindow, service: PlanService, plan_path: Path
) -> None:
    """The tree has the focus at start; F6 / Shift+F6 go round side bar (when shown),
    tree and details; Escape in a details field goes back to the tree and keeps what was
    typed; Tab leaves the notes (it typed a tab character there)."""
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Run").ids[0]
    service.store.close()
    window = make_window(plan_path, create=False)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
    window.reveal([goal])
    details = window.details
    qtbot.keyClick(window.tree, Key.Key_F6)
    assert QApplication.focusWidget() is details.title_edit
    qtbot.keyClick(details.title_edit, Key.Key_F6)
    assert QApplication.focusWidget() is window.tree
    window.actions_by_name["side_bar"].trigger()  # (the test screen starts without it)
    side_bar = window.views.side_bar
    assert side_bar.isVisible()
    qtbot.keyClick(window.tree, Key.Key_F6)
    assert QApplication.focusWidget() is details.title_edit
    qtbot.keyClick(details.title_edit, Key.Key_F6)
    assert QApplication.focusWidget() is side_bar
    qtbot.keyClick(side_bar, Key.Key_F6)
    assert QApplication.focusWidget() is window.tree
    qtbot.keyClick(window.tree, Key.Key_F6, SHIFT)
    assert QApplication.focusWidget() is side_bar
    qtbot.keyClick(side_bar, Key.Key_F6, SHIFT)
    assert QApplication.focusWidget() is details.title_edit
    window.actions_by_name["side_bar"].trigger()
    assert not side_bar.isVisible()
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Key.Key_F6, SHIFT)
    assert QApplication.focusWidget() is details.title_edit
    # Tab moves on from the notes; Escape there goes back to the tree, the notes kept.
    details.notes_edit.setFocus()
    qtbot.keyClicks(details.notes_edit, "Slowly")
    qtbot.keyClick(details.notes_edit, Key.Key_Tab)
    assert QApplication.focusWidget() is not details.notes_edit
    assert details.notes_edit.toPlainText() == "Slowly"
    details.notes_edit.setFocus()
    qtbot.keyClicks(details.notes_edit, " and often")
    qtbot.keyClick(details.notes_edit, Key.Key_Escape)
    assert QApplication.focusWidget() is window.tree
    assert model_of(window).service.get(goal).notes == "Slowly and often"
