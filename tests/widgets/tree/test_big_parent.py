"""Actions beside a parent whose 450 rows are open and all loaded: the user sees the right
rows in the right order, the Done (n) and Deleted (n) counts, the acted-on item current and
selected, the big parent still open; and the view lays its rows out once per action (each
time it walks every open row), not once more in the middle of the change."""

from __future__ import annotations

from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeView

from planner.domain.new_node import NewNode
from planner.services.plan import PlanService
from planner.ui.tree.view import PlanTreeView
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import CTRL, SHIFT, MakeWindow, assert_current, index_of, model_of, press

Key = Qt.Key
CHILDREN = 450  # more than two pages


@pytest.fixture
def plan(service: PlanService) -> dict[str, int]:
    """Goals › Alpha (2 tasks), Beta, Big (450 tasks)."""
    group = service.first_group()
    assert group is not None
    big = NewNode(title="Big", children=[NewNode(title=f"Task {i + 1}") for i in range(CHILDREN)])
    alpha = NewNode(title="Alpha", children=[NewNode(title="A1"), NewNode(title="A2")])
    service.add_trees(group.id, [alpha, NewNode(title="Beta"), big])
    ids = {r.title: r.id for r in service.children(group.id)}
    return {"Goals": group.id, **ids}


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each full layout of the tree's rows, as it happens."""
    done: list[int] = []

    def counted(self: PlanTreeView) -> None:
        QTreeView.doItemsLayout(self)
        done.append(1)

    monkeypatch.setattr(PlanTreeView, "doItemsLayout", counted)
    return done


def open_big(window: MainWindow) -> None:
    big = index_of(window, ["Goals", "Big"])
    window.tree.expand(big)
    model_of(window).fetch_all(big)


def goals(window: MainWindow) -> list[str]:
    model = model_of(window)
    parent = index_of(window, ["Goals"])
    return [str(model.index(r, 0, parent).data()) for r in range(model.rowCount(parent))]


def big_still_open(window: MainWindow) -> bool:
    big = index_of(window, ["Goals", "Big"])
    return window.tree.isExpanded(big) and model_of(window).rowCount(big) == CHILDREN


def test_move_done_delete_and_undo_beside_an_open_big_parent(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int], layouts: list[int]
) -> None:
    window = make_window()
    open_big(window)
    window.reveal([plan["Alpha"]])
    qtbot.wait(1)
    steps = [
        ((Key.Key_Down, CTRL | SHIFT), ["Beta", "Alpha", "Big"], None),
        ((Key.Key_Return, CTRL), ["Beta", "Big", "Done (1)"], "Done (1)"),
        ((Key.Key_Return, CTRL), ["Beta", "Alpha", "Big"], None),
        (
            (Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
            ["Beta", "Big", "Deleted (1)"],
            "Deleted (1)",
        ),
        ((Key.Key_Z, CTRL), ["Beta", "Alpha", "Big"], None),
    ]
    for (key, modifiers), shown, section in steps:
        layouts.clear()
        press(qtbot, window, key, modifiers)
        assert len(layouts) == 1, (key, len(layouts))
        assert goals(window) == shown
        index = assert_current(window, "Alpha")
        assert (index.parent().data() if section else "Goals") == (section or "Goals")
        assert big_still_open(window)
        qtbot.wait(1)  # what the change left for the event loop (a paint, saving what is open)
    assert model_of(window).rowCount(index_of(window, ["Goals", "Alpha"])) == 0  # not loaded
    assert [r.title for r in window.service.children(plan["Goals"])] == ["Beta", "Alpha", "Big"]  # type: ignore[union-attr]


def test_several_rows_deleted_at_once_beside_an_open_big_parent(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int], layouts: list[int]
) -> None:
    window = make_window()
    open_big(window)
    window.reveal([plan["Alpha"], plan["Beta"]])
    layouts.clear()
    press(qtbot, window, Key.Key_Delete)
    assert len(layouts) == 1
    assert goals(window) == ["Big", "Deleted (2)"]
    assert [str(i.data()) for i in window.tree.selectionModel().selectedRows(0)] == [
        "Alpha",
        "Beta",
    ]
    assert big_still_open(window)
    press(qtbot, window, Key.Key_Z, CTRL)
    assert goals(window) == ["Alpha", "Beta", "Big"]
    assert big_still_open(window)


def test_the_big_parent_itself_moves_open_and_keeps_its_rows(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int], layouts: list[int]
) -> None:
    window = make_window()
    open_big(window)
    window.reveal([plan["Big"]])
    layouts.clear()
    press(qtbot, window, Key.Key_Up, CTRL | SHIFT)
    assert len(layouts) == 1
    assert goals(window) == ["Alpha", "Big", "Beta"]
    assert_current(window, "Big")
    assert big_still_open(window)
    press(qtbot, window, Key.Key_Return, CTRL)
    assert goals(window) == ["Alpha", "Beta", "Done (1)"]
    assert_current(window, "Big")
    press(qtbot, window, Key.Key_Z, CTRL)
    assert goals(window) == ["Alpha", "Big", "Beta"]
    assert_current(window, "Big")


def test_rows_taken_away_are_forgotten_at_once_and_freed_a_moment_later(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int], service: PlanService
) -> None:
    window = make_window()
    open_big(window)
    model = model_of(window)
    task = service.children(plan["Big"])[0].id
    assert model.index_for_item(task).isValid()
    window.reveal([plan["Big"]])
    press(qtbot, window, Key.Key_Delete)  # Deleted (1) is not loaded: Big's row goes
    assert not model.index_for_item(task).isValid()
    taken = list(model._taken)  # its Qt items and nodes: freed after the action, not in it
    assert len(taken) == 1 and shiboken6.isValid(taken[0]) and model._let_go
    qtbot.waitUntil(lambda: not model._taken, timeout=2000)
    assert not shiboken6.isValid(taken[0])  # Qt's, not Python's: deleted, with its rows
    assert not model._let_go
    assert goals(window) == ["Alpha", "Beta", "Deleted (1)"]
    assert_current(window, "Big")
