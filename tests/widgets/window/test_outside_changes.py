"""What another program writes to the plan shows in the window: when the window comes to
the front, before an undo, and every few seconds while it is in front, with the same rows
open and the same item selected; never while a title is being typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from planner.app import open_plan
from tests.helpers.clock import FakeClock
from tests.helpers.window import MakeWindow, index_of, press, service_of, titles_under


def test_changes_made_elsewhere_are_shown_as_they_are(
    qtbot: Any, make_window: MakeWindow, plan_path: Path, clock: FakeClock
) -> None:
    window = make_window()
    service = service_of(window)
    group = service.first_group()
    assert group is not None
    trip = service.create_item(group.id, "Trip").ids[0]
    service.create_item(trip, "Book flights")
    window.model.reload()  # type: ignore[union-attr]
    window.tree.expand(index_of(window, ["Goals"]))
    window.tree.expand(index_of(window, ["Goals", "Trip"]))
    window.reveal([trip])
    assert not window.pick_up_outside_changes()  # nothing new: nothing reloaded

    other = open_plan(plan_path, clock=clock)  # the command line, say
    other.create_item(trip, "Pack")
    other.edit(trip, title="Trip to Lisbon")
    other.store.close()
    assert window.pick_up_outside_changes()
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == ["Book flights", "Pack"]
    assert window.selected_ids() == [trip]
    assert "changed by another program" in window.statusBar().currentMessage()
    assert not window.pick_up_outside_changes()


def test_nothing_is_reloaded_under_a_title_being_typed(
    qtbot: Any, make_window: MakeWindow, plan_path: Path, clock: FakeClock
) -> None:
    window = make_window()
    window.reveal([service_of(window).first_group().id])  # type: ignore[union-attr]
    press(qtbot, window, Qt.Key.Key_F2)
    assert window.tree.state() == QAbstractItemView.State.EditingState
    other = open_plan(plan_path, clock=clock)
    other.create_group("Elsewhere")
    other.store.close()
    assert not window.pick_up_outside_changes(typing_ok=False)
    assert window.tree.state() == QAbstractItemView.State.EditingState  # the editor stays
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.pick_up_outside_changes()
