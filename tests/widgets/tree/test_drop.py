"""Drag and drop through the model's mimeData / canDropMimeData / dropMimeData, as a view
does it, for every kind of drop; undo and redo after each give back the tree and the file
exactly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from planner.domain.errors import StorageError
from planner.domain.items import Status
from planner.services.plan import PlanService
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import (
    MakeWindow,
    assert_current,
    export_on_disk,
    index_of,
    model_of,
    plan_export,
    raises,
    rows,
    service_of,
    titles_under,
)

MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def plan(service: PlanService) -> dict[str, int]:
    """Goals › Trip to Lisbon › Book flights, Find a flat, Pack (+ Done: Renew passport)
    Goals › Learn Portuguese; Home › Paint the hall."""
    group = service.first_group()
    assert group is not None
    ids = {"Goals": group.id}

    def add(parent: str, title: str) -> None:
        ids[title] = service.create_item(ids[parent], title).ids[0]

    add("Goals", "Trip to Lisbon")
    for title in ("Book flights", "Find a flat", "Pack", "Renew passport"):
        add("Trip to Lisbon", title)
    service.mark_done([ids["Renew passport"]])
    add("Goals", "Learn Portuguese")
    ids["Home"] = service.create_group("Home").ids[0]
    add("Home", "Paint the hall")
    return ids


def whole_tree(window: MainWindow) -> list[tuple[int, str]]:
    """Every row of the tree, every list loaded in full, as (depth, text)."""
    model = model_of(window)
    out: list[tuple[int, str]] = []
    stack: list[tuple[QModelIndex, int]] = [(QModelIndex(), -1)]
    while stack:
        parent, depth = stack.pop()
        if parent.isValid():
            out.append((depth, str(parent.data())))
        model.fetch_all(parent)
        children = [model.index(r, 0, parent) for r in range(model.rowCount(parent))]
        stack.extend((c, depth + 1) for c in reversed(children))
    return out


def drag(window: MainWindow, *paths: list[str]) -> Any:
    model = model_of(window)
    indexes = []
    for path in paths:
        index = index_of(window, path)
        indexes.extend(index.siblingAtColumn(c) for c in range(model.columnCount()))
    return model.mimeData(indexes)


def drop(
    window: MainWindow, data: Any, onto: list[str] | None, row: int = -1, accept: bool = True
) -> None:
    model = model_of(window)
    parent = QModelIndex() if onto is None else index_of(window, onto)
    assert model.canDropMimeData(data, MOVE, row, 0, parent) is accept
    model.dropMimeData(data, MOVE, row, 0, parent)


@pytest.fixture
def check_undo_redo(
    service: PlanService,
) -> Callable[[MainWindow, Callable[[], None]], None]:
    """Run a drop; undo must give back the tree and file before it, redo the ones after."""

    def run(window: MainWindow, action: Callable[[], None]) -> None:
        assert window.plan_path is not None
        before_tree, before_plan = whole_tree(window), plan_export(service)
        action()
        after_tree, after_plan = whole_tree(window), plan_export(service)
        assert after_plan != before_plan
        window.undo()
        assert plan_export(service) == before_plan
        assert export_on_disk(window.plan_path) == before_plan
        assert whole_tree(window) == before_tree
        window.redo()
        assert plan_export(service) == after_plan
        assert whole_tree(window) == after_tree
        window.undo()
        assert whole_tree(window) == before_tree
        window.redo()
        assert export_on_disk(window.plan_path) == after_plan
        assert whole_tree(window) == after_tree

    return run


def test_reorder_among_siblings(make_window: MakeWindow, plan: dict[str, int], check_undo_redo):  # type: ignore[no-untyped-def]
    window = make_window()
    trip = ["Goals", "Trip to Lisbon"]

    def action() -> None:
        drop(window, drag(window, [*trip, "Pack"]), trip, row=0)

    check_undo_redo(window, action)
    assert titles_under(window, trip) == ["Pack", "Book flights", "Find a flat", "Done (1)"]
    assert_current(window, "Pack")
    assert window.actions_by_name["undo"].text() == "&Undo Move 'Pack'"

    # Down: a drop between Find a flat and the Done row.
    check_undo_redo(window, lambda: drop(window, drag(window, [*trip, "Pack"]), trip, row=3))
    assert titles_under(window, trip) == ["Book flights", "Find a flat", "Pack", "Done (1)"]


def test_drop_onto_an_item_makes_a_child(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService, check_undo_redo
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    trip = ["Goals", "Trip to Lisbon"]
    check_undo_redo(
        window, lambda: drop(window, drag(window, [*trip, "Pack"]), [*trip, "Book flights"])
    )
    assert titles_under(window, [*trip, "Book flights"]) == ["Pack"]
    assert service.get(plan["Pack"]).parent_id == plan["Book flights"]
    assert_current(window, "Pack")


def test_task_onto_a_group_becomes_a_goal(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService, check_undo_redo
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    check_undo_redo(
        window,
        lambda: drop(window, drag(window, ["Goals", "Trip to Lisbon", "Book flights"]), ["Home"]),
    )
    assert titles_under(window, ["Home"]) == ["Paint the hall", "Book flights"]
    assert service.get(plan["Book flights"]).parent_id == plan["Home"]
    assert_current(window, "Book flights")


def test_goal_onto_a_goal_becomes_a_subtask(
    make_window: MakeWindow, plan: dict[str, int], check_undo_redo
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    check_undo_redo(
        window,
        lambda: drop(
            window,
            drag(window, ["Goals", "Learn Portuguese"]),
            ["Goals", "Trip to Lisbon", "Find a flat"],
        ),
    )
    assert titles_under(window, ["Goals"]) == ["Trip to Lisbon"]
    assert titles_under(window, ["Goals", "Trip to Lisbon", "Find a flat"]) == ["Learn Portuguese"]
    assert_current(window, "Learn Portuguese")


def test_goals_move_between_groups(
    make_window: MakeWindow, plan: dict[str, int], check_undo_redo
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    check_undo_redo(
        window, lambda: drop(window, drag(window, ["Goals", "Trip to Lisbon"]), ["Home"], row=0)
    )
    assert titles_under(window, ["Home"]) == ["Trip to Lisbon", "Paint the hall"]
    assert titles_under(window, ["Goals"]) == ["Learn Portuguese"]
    assert titles_under(window, ["Home", "Trip to Lisbon"]) == [
        "Book flights",
        "Find a flat",
        "Pack",
        "Done (1)",
    ]
    assert_current(window, "Trip to Lisbon")


def test_multi_selection_drags_together_in_order(
    make_window: MakeWindow, plan: dict[str, int], check_undo_redo
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    trip = ["Goals", "Trip to Lisbon"]
    # Given in reverse, they still travel in the order they are shown.
    check_undo_redo(
        window,
        lambda: drop(
            window,
            drag(window, [*trip, "Pack"], [*trip, "Book flights"]),
            ["Home", "Paint the hall"],
        ),
    )
    assert titles_under(window, trip) == ["Find a flat", "Done (1)"]
    assert titles_under(window, ["Home", "Paint the hall"]) == ["Book flights", "Pack"]
    selected = [i.data() for i in window.tree.selectionModel().selectedRows(0)]
    assert sorted(selected) == ["Book flights", "Pack"]

    # Among their own siblings, to the top, keeping their order.
    check_undo_redo(
        window,
        lambda: drop(
            window,
            drag(window, ["Home", "Paint the hall", "Pack"], ["Goals", "Learn Portuguese"]),
            ["Goals", "Trip to Lisbon"],
            row=0,
        ),
    )
    # Goals › Learn Portuguese is shown above Home › Paint the hall › Pack.
    assert titles_under(window, trip) == ["Learn Portuguese", "Pack", "Find a flat", "Done (1)"]


def test_drop_onto_done_marks_done(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService, check_undo_redo
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    trip = ["Goals", "Trip to Lisbon"]
    check_undo_redo(
        window, lambda: drop(window, drag(window, [*trip, "Find a flat"]), [*trip, "Done (1)"])
    )
    assert titles_under(window, trip) == ["Book flights", "Pack", "Done (2)"]
    assert titles_under(window, [*trip, "Done (2)"]) == ["Find a flat", "Renew passport"]
    assert service.get(plan["Find a flat"]).status is Status.DONE
    assert_current(window, "Find a flat")
    assert window.actions_by_name["undo"].text() == "&Undo Mark done 'Find a flat'"

    # From another parent: it moves there and is done.
    check_undo_redo(
        window,
        lambda: drop(window, drag(window, ["Home", "Paint the hall"]), [*trip, "Done (2)"]),
    )
    record = service.get(plan["Paint the hall"])
    assert record.status is Status.DONE and record.parent_id == plan["Trip to Lisbon"]
    assert titles_under(window, ["Home"]) == []


def test_a_drop_that_fails_halfway_changes_nothing(
    make_window: MakeWindow, plan: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moved to another parent, then marked done: when the second change fails, the
    first is taken back, no step is added, and the user is told why."""
    window = make_window()
    trip = ["Goals", "Trip to Lisbon"]
    before = plan_export(service_of(window))
    steps = window.controller.stack.count()  # type: ignore[union-attr]
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    with monkeypatch.context() as patch:
        patch.setattr(window.service, "mark_done", raises(StorageError("The disk is full.")))
        drop(window, drag(window, ["Home", "Paint the hall"]), [*trip, "Done (1)"])
    assert said == ["The disk is full."]
    assert plan_export(service_of(window)) == before
    assert window.controller.stack.count() == steps  # type: ignore[union-attr]
    assert titles_under(window, ["Home"]) == ["Paint the hall"]


def test_drop_onto_deleted_deletes(
    make_window: MakeWindow, plan: dict[str, int], service: PlanService, check_undo_redo
) -> None:  # type: ignore[no-untyped-def]
    service.delete([plan["Pack"]])
    window = make_window()
    trip = ["Goals", "Trip to Lisbon"]
    check_undo_redo(
        window,
        lambda: drop(window, drag(window, [*trip, "Book flights"]), [*trip, "Deleted (1)"]),
    )
    assert titles_under(window, trip) == ["Find a flat", "Done (1)", "Deleted (2)"]
    assert service.get(plan["Book flights"]).status is Status.DELETED
    assert window.actions_by_name["undo"].text() == "&Undo Delete 'Book flights'"


def test_drop_into_own_subtree_is_refused(make_window: MakeWindow, plan: dict[str, int]) -> None:
    window = make_window()
    before_tree, before_plan = whole_tree(window), plan_export(window.service)  # type: ignore[arg-type]
    trip = ["Goals", "Trip to Lisbon"]
    data = drag(window, trip)
    drop(window, data, [*trip, "Book flights"], accept=False)
    drop(window, data, trip, accept=False)  # onto itself
    drop(window, data, trip, row=0, accept=False)  # among its own children
    drop(window, data, [*trip, "Done (1)"], accept=False)  # its own Done section
    drop(window, data, [*trip, "Done (1)", "Renew passport"], accept=False)
    # Mixed groups and items, and items at the top level, are refused too.
    drop(window, drag(window, ["Home"], trip), ["Goals"], accept=False)
    drop(window, drag(window, trip), None, row=0, accept=False)
    assert whole_tree(window) == before_tree
    assert plan_export(window.service) == before_plan  # type: ignore[arg-type]
    assert not window.actions_by_name["undo"].isEnabled()


def test_groups_reorder_at_the_top_level(
    make_window: MakeWindow, plan: dict[str, int], check_undo_redo
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    check_undo_redo(window, lambda: drop(window, drag(window, ["Home"]), None, row=0))
    assert rows(model_of(window)) == ["Home", "Goals"]
    assert_current(window, "Home")
    # A group cannot go into another group or item.
    drop(window, drag(window, ["Home"]), ["Goals"], accept=False)
    drop(window, drag(window, ["Home"]), ["Goals", "Trip to Lisbon"], accept=False)
    # Onto the top-level Deleted section, once there is one, it is deleted.
    check_undo_redo(window, lambda: window.items.delete())
    assert rows(model_of(window)) == ["Goals", "Deleted (1)"]
    check_undo_redo(window, lambda: drop(window, drag(window, ["Goals"]), ["Deleted (1)"]))
    assert rows(model_of(window)) == ["Deleted (2)"]


def test_a_section_row_starts_no_drag_and_qt_cannot_edit_the_rows(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    """A Done or Deleted row alone carries nothing (its cells other than the title can be
    picked up); and Qt's own row editing (which it uses after a drag ended as a move) is
    refused: rows come and go with the plan's changes only."""
    window = make_window()
    model = model_of(window)
    assert drag(window, ["Goals", "Trip to Lisbon", "Done (1)"]) is None
    before = whole_tree(window)
    goals = index_of(window, ["Goals"])
    assert not model.removeRows(0, 1, goals)
    assert not model.insertRows(0, 1, goals)
    assert whole_tree(window) == before
