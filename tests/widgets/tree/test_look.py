"""What a row looks like for what it is: everything inside a deleted item is drawn as
deleted (muted), whatever its own status; a deleted item shows no progress bar."""

from __future__ import annotations

from PySide6.QtCore import Qt

from planner.services.plan import PlanService
from planner.ui.tree.model import Column, Role
from planner.ui.tree.style import style
from tests.helpers.window import MakeWindow, model_of


def test_rows_inside_a_deleted_item_are_drawn_as_deleted(
    make_window: MakeWindow, service: PlanService
) -> None:
    home = service.create_group("Home").ids[0]
    paint = service.create_item(home, "Paint the hall").ids[0]
    trip = service.create_group("Trip").ids[0]
    flights = service.create_item(trip, "Book flights").ids[0]
    seats = service.create_item(flights, "Choose seats").ids[0]
    garden = service.create_item(home, "Garden").ids[0]
    seeds = service.create_item(garden, "Buy seeds").ids[0]
    old = service.create_item(paint, "Old colour").ids[0]
    sample = service.create_item(old, "Buy a sample").ids[0]
    service.mark_done([sample])
    service.delete([trip, garden, old])
    window = make_window()
    model = model_of(window)
    window.reveal([seats, seeds, old, paint])
    muted = style().muted.color()

    def color(item_id: int, column: int = Column.TITLE) -> object:
        brush = model.index_for_item(item_id, column).data(Qt.ItemDataRole.ForegroundRole)
        return None if brush is None else brush.color()

    # Active themselves, but inside a deleted group or goal.
    for item_id in (flights, seats, seeds):
        assert color(item_id) == muted, item_id
        assert color(item_id, Column.DUE) == muted, item_id
    assert color(paint) is None  # an active goal in an active group
    # A deleted task counts nowhere: no bar (its done subtask drew it 100 %).
    model.load_figures()
    assert model.index_for_item(old, Column.PROGRESS).data(Role.PROGRESS) is None
    assert model.index_for_item(paint, Column.PROGRESS).data(Role.PROGRESS) is None
