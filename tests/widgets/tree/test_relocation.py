"""A row that moves (a Qt item cannot move: it is taken out and put back) keeps what the
view had open in it, stays current and selected, and keeps a zoom into it; the window
never hears the current row leave."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from planner.services.plan import PlanService
from tests.helpers.window import (
    CTRL,
    SHIFT,
    MakeWindow,
    assert_current,
    index_of,
    press,
    titles_under,
)

TRIP = ["Goals", "Trip to Lisbon"]
OPEN = [TRIP, [*TRIP, "Book flights"], [*TRIP, "Book flights", "Choose seats"]]


def build(service: PlanService) -> dict[str, int]:
    group = service.first_group()
    assert group is not None
    trip = service.create_item(group.id, "Trip to Lisbon").ids[0]
    flights = service.create_item(trip, "Book flights").ids[0]
    seats = service.create_item(flights, "Choose seats").ids[0]
    aisle = service.create_item(seats, "Aisle seat").ids[0]
    other = service.create_item(group.id, "Learn Portuguese").ids[0]
    service.create_item(other, "First lesson")
    return {"group": group.id, "trip": trip, "flights": flights, "aisle": aisle, "other": other}


def test_a_moved_row_keeps_its_open_rows_and_stays_current(
    qtbot: Any, make_window: MakeWindow, service: PlanService
) -> None:
    ids = build(service)
    window = make_window()
    tree = window.tree
    window.reveal([ids["aisle"]])  # opens the rows above it
    window.reveal([ids["trip"]])
    heard: list[Any] = []
    tree.selectionModel().currentChanged.connect(lambda *args: heard.append(args))

    def check(order: list[str]) -> None:
        assert titles_under(window, ["Goals"]) == order
        assert_current(window, "Trip to Lisbon")
        assert all(tree.isExpanded(index_of(window, path)) for path in OPEN)
        assert not tree.isExpanded(index_of(window, ["Goals", "Learn Portuguese"]))
        assert tree.selectionModel().selectedRows() == [tree.currentIndex()]

    press(qtbot, window, Qt.Key.Key_Down, CTRL | SHIFT)
    check(["Learn Portuguese", "Trip to Lisbon"])
    window.undo()
    check(["Trip to Lisbon", "Learn Portuguese"])
    window.redo()
    check(["Learn Portuguese", "Trip to Lisbon"])
    assert heard == []


def test_a_zoom_into_a_moved_row_stays(make_window: MakeWindow, service: PlanService) -> None:
    ids = build(service)
    window = make_window()
    window.navigator.zoom_to(ids["flights"])
    assert window.controller is not None
    window.controller.run("Move", lambda: service.move([ids["trip"]], ids["group"]))
    assert window.navigator.zoomed == ids["flights"]
    assert window.tree.rootIndex() == index_of(window, [*TRIP, "Book flights"])
    assert titles_under(window, ["Goals"]) == ["Learn Portuguese", "Trip to Lisbon"]


def test_only_titles_are_edited_in_place(make_window: MakeWindow, service: PlanService) -> None:
    ids = build(service)
    window = make_window()
    window.reveal([ids["trip"]])
    due = window.tree.currentIndex().siblingAtColumn(1)
    assert not window.tree.edit(due, window.tree.EditTrigger.AllEditTriggers, None)
    assert window.tree.state() != window.tree.State.EditingState
    window.tree.edit(window.tree.currentIndex())
    assert window.tree.state() == window.tree.State.EditingState


def test_rows_moved_together_stay_selected_and_open(
    make_window: MakeWindow, service: PlanService
) -> None:
    ids = build(service)
    window = make_window()
    tree = window.tree
    window.reveal([ids["aisle"]])
    window.reveal([ids["trip"], ids["other"]])
    assert window.controller is not None
    window.controller.run(
        "Move", lambda: service.move([ids["other"], ids["trip"]], ids["group"], 0)
    )
    assert titles_under(window, ["Goals"]) == ["Learn Portuguese", "Trip to Lisbon"]
    selected = sorted(str(i.data()) for i in tree.selectionModel().selectedRows())
    assert selected == ["Learn Portuguese", "Trip to Lisbon"]
    assert tree.currentIndex().data() == "Trip to Lisbon"
    assert all(tree.isExpanded(index_of(window, path)) for path in OPEN)
