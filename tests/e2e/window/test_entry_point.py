"""End to end: `planner` started through its entry point on a fresh default plan (in a
temporary data folder), used with the keyboard and a drag, closed, and started again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from planner.app import default_plan_path, open_plan
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import (
    CTRL,
    AppRun,
    assert_current,
    index_of,
    model_of,
    plan_export,
    press,
    rows,
    titles_under,
    type_title,
)

Key = Qt.Key
TRIP = ["Travel", "Trip to Lisbon"]


def first_session(qtbot: Any, window: MainWindow) -> None:
    tester = QAbstractItemModelTester(
        model_of(window), QAbstractItemModelTester.FailureReportingMode.Warning
    )
    assert window.tree.empty_hint
    assert rows(model_of(window)) == ["Goals"]

    # Enter on a group: a new group below it.
    window.tree.setCurrentIndex(model_of(window).index(0, 0))
    press(qtbot, window, Key.Key_Return)
    type_title(qtbot, window, "Travel")
    assert rows(model_of(window)) == ["Goals", "Travel"]
    assert_current(window, "Travel")
    # Ctrl+N: a goal in the current group; Insert: its first task; Enter: the next ones.
    press(qtbot, window, Key.Key_N, CTRL)
    type_title(qtbot, window, "Trip to Lisbon")
    press(qtbot, window, Key.Key_Insert)
    type_title(qtbot, window, "Book flights")
    for title in ("Find a flat", "Pack", "Buy a guidebook"):
        press(qtbot, window, Key.Key_Return)
        type_title(qtbot, window, title)
    assert titles_under(window, TRIP) == ["Book flights", "Find a flat", "Pack", "Buy a guidebook"]
    assert not window.tree.empty_hint

    # Done with Ctrl+Enter.
    window.reveal([item_id(window, [*TRIP, "Find a flat"])])
    press(qtbot, window, Key.Key_Return, CTRL)
    assert titles_under(window, TRIP) == ["Book flights", "Pack", "Buy a guidebook", "Done (1)"]

    # A drag: Buy a guidebook to the top, kept; then Pack onto Book flights, undone.
    model = model_of(window)
    move = Qt.DropAction.MoveAction
    data = model.mimeData([index_of(window, [*TRIP, "Buy a guidebook"])])
    assert model.canDropMimeData(data, move, 0, 0, index_of(window, TRIP))
    model.dropMimeData(data, move, 0, 0, index_of(window, TRIP))
    assert titles_under(window, TRIP) == ["Buy a guidebook", "Book flights", "Pack", "Done (1)"]
    before_drag = plan_export(window.service)  # type: ignore[arg-type]
    data = model.mimeData([index_of(window, [*TRIP, "Pack"])])
    model.dropMimeData(data, move, -1, 0, index_of(window, [*TRIP, "Book flights"]))
    assert titles_under(window, [*TRIP, "Book flights"]) == ["Pack"]
    assert window.actions_by_name["undo"].text() == "&Undo Move 'Pack'"
    press(qtbot, window, Key.Key_Z, CTRL)
    assert plan_export(window.service) == before_drag  # type: ignore[arg-type]
    assert titles_under(window, TRIP) == ["Buy a guidebook", "Book flights", "Pack", "Done (1)"]
    window.tree.expand(index_of(window, [*TRIP, "Done (1)"]))
    del tester
    window.close()


def item_id(window: MainWindow, path: list[str]) -> int:
    found = model_of(window).item_id(index_of(window, path))
    assert found is not None
    return found


def second_session(qtbot: Any, window: MainWindow, expected: dict[str, Any]) -> None:
    assert window.plan_path == default_plan_path()
    model = model_of(window)
    assert rows(model) == ["Goals", "Travel"]
    # Expanded as left, before anything is loaded by hand.
    assert window.tree.isExpanded(index_of(window, ["Travel"]))
    assert window.tree.isExpanded(index_of(window, TRIP))
    assert window.tree.isExpanded(index_of(window, [*TRIP, "Done (1)"]))
    assert titles_under(window, TRIP) == ["Buy a guidebook", "Book flights", "Pack", "Done (1)"]
    assert titles_under(window, [*TRIP, "Done (1)"]) == ["Find a flat"]
    assert titles_under(window, [*TRIP, "Book flights"]) == []
    assert plan_export(window.service) == expected  # type: ignore[arg-type]
    # A new window starts a new history.
    assert not window.actions_by_name["undo"].isEnabled()
    assert not window.tree.empty_hint
    window.close()


@pytest.mark.gui
def test_create_use_close_and_reopen(monkeypatch: Any, tmp_path: Path, qtbot: Any) -> None:
    run = AppRun(monkeypatch, tmp_path)
    assert not default_plan_path().exists()
    assert run([], lambda window: first_session(qtbot, window)) == 0
    assert default_plan_path().exists()

    service = open_plan(default_plan_path())
    try:
        expected = plan_export(service)
    finally:
        service.store.close()
    assert [g["name"] for g in expected["groups"]] == ["Goals", "Travel"]
    trip = expected["groups"][1]["items"][0]
    assert [(c["title"], c["status"]) for c in trip["children"]] == [
        ("Buy a guidebook", "active"),
        ("Book flights", "active"),
        ("Find a flat", "done"),
        ("Pack", "active"),
    ]

    assert run([], lambda window: second_session(qtbot, window, expected)) == 0
