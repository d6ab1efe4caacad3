"""Zoom into one item with a breadcrumb back up; search finds items by any word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from planner.services.plan import PlanService
from tests.helpers.search_index import every_item_waiting
from tests.helpers.window import MakeWindow, focus_tree, model_of, press, rows


def build(service: PlanService) -> dict[str, int]:
    group = service.first_group()
    assert group is not None
    trip = service.create_item(group.id, "Trip to Lisbon").ids[0]
    flights = service.create_item(trip, "Book flights").ids[0]
    flat = service.create_item(trip, "Find a flat", notes="Near Alfama, quiet street").ids[0]
    other = service.create_item(group.id, "Learn Portuguese").ids[0]
    return {"trip": trip, "flights": flights, "flat": flat, "other": other}


def test_zoom_in_fills_the_tree_and_the_breadcrumb_leads_back(
    make_window: MakeWindow, service: PlanService, qtbot: Any
) -> None:
    ids = build(service)
    window = make_window()
    window.reveal([ids["trip"]])
    focus_tree(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    model = model_of(window)
    assert window.navigator.zoomed == ids["trip"]
    assert rows(model, window.tree.rootIndex()) == ["Book flights", "Find a flat"]
    assert window.breadcrumb.isVisible()
    assert "Goals" in window.breadcrumb.text() and "Trip to Lisbon" in window.breadcrumb.text()
    # Showing an item outside the zoomed one zooms out first.
    window.reveal([ids["other"]])
    assert window.navigator.zoomed is None and not window.tree.rootIndex().isValid()
    window.navigator.zoom_to(ids["flights"])
    window.navigator.zoom_out()
    assert window.navigator.zoomed == ids["trip"]
    window.breadcrumb.linkActivated.emit("plan")
    assert window.navigator.zoomed is None and not window.breadcrumb.isVisible()


def test_zoomed_item_deleted_for_good_zooms_out(
    make_window: MakeWindow, service: PlanService
) -> None:
    ids = build(service)
    window = make_window()
    window.navigator.zoom_to(ids["trip"])
    assert window.controller is not None
    window.controller.run("Delete permanently", lambda: service.purge([ids["trip"]]))
    assert window.navigator.zoomed is None and not window.breadcrumb.isVisible()
    assert rows(model_of(window)) == ["Goals"]


def test_search_finds_words_in_titles_and_notes_and_jumps_there(
    make_window: MakeWindow, service: PlanService, qtbot: Any
) -> None:
    ids = build(service)
    window = make_window()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.field.hasFocus()
    window.search.field.setText("alfama QUIET")
    window.search.run()
    results = window.search.hits
    assert results.rowCount() == 1 and window.search.summary.text() == "1 match"
    assert results.index(0).data() == "Find a flat\nGoals › Trip to Lisbon"
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.navigator.current_record() is not None
    assert window.navigator.current_record().id == ids["flat"]  # type: ignore[union-attr]
    window.search.field.setText("nothing like this")
    window.search.run()
    assert results.rowCount() == 0 and window.search.summary.text() == "No matches"


def test_a_deleted_item_dropped_on_done_comes_back_done_in_one_step(
    make_window: MakeWindow, service: PlanService
) -> None:
    ids = build(service)
    service.delete([ids["other"]])
    service.mark_done([ids["flights"]])
    window = make_window()
    model = model_of(window)
    window.reveal([ids["other"]])
    window.reveal([ids["flights"]])
    mime = model.mimeData([model.index_for_item(ids["other"])])
    done_row = window.tree.currentIndex().parent()  # "Done (1)" under the trip
    assert done_row.data() == "Done (1)"
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, done_row)
    moved = service.get(ids["other"])
    assert (moved.parent_id, moved.status.value) == (ids["trip"], "done")
    assert window.controller is not None
    window.controller.stack.undo()
    back = service.get(ids["other"])
    assert (back.parent_id, back.status.value) == (service.first_group().id, "deleted")  # type: ignore[union-attr]


def test_search_shows_the_true_count_and_pages_as_the_list_scrolls(
    make_window: MakeWindow, service: PlanService, qtbot: Any
) -> None:
    from planner.domain.new_node import NewNode
    from planner.services.search import PAGE

    group = service.first_group()
    assert group is not None
    service.add_trees(group.id, [NewNode(title=f"Report {n}") for n in range(3 * PAGE + 12)])
    window = make_window()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # to the field
    window.search.field.setText("report")
    window.search.run()
    hits, view = window.search.hits, window.search.results
    assert window.search.summary.text() == f"{3 * PAGE + 12} matches"
    assert hits.rowCount() == PAGE  # the first page: the rest as the list scrolls
    view.scrollToBottom()
    qtbot.waitUntil(lambda: hits.rowCount() == 2 * PAGE)
    while hits.canFetchMore(QModelIndex()):
        view.scrollToBottom()
        qtbot.wait(1)
    titles = [hits.index(r).data().split("\n")[0] for r in range(hits.rowCount())]
    assert titles == [f"Report {n}" for n in range(3 * PAGE + 12)]
    view.setCurrentIndex(hits.index(3 * PAGE + 11))
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.navigator.current_record() is not None
    assert window.navigator.current_record().title == f"Report {3 * PAGE + 11}"  # type: ignore[union-attr]


def test_the_search_index_catches_up_while_the_user_is_idle(
    make_window: MakeWindow, service: PlanService, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Items marked stale (here: made before the window opened, never searched) are
    indexed a step at a time, only once nobody is typing or clicking."""
    from planner.domain.new_node import NewNode
    from planner.services.search import STEP, SearchService
    from planner.ui.window import idle

    group = service.first_group()
    assert group is not None
    service.add_trees(group.id, [NewNode(title=f"Task {n}") for n in range(2 * STEP + 3)])
    search = SearchService(service.store)
    waiting = search.stale()
    assert waiting > 2 * STEP
    monkeypatch.setattr(idle, "IDLE_S", 3600.0)  # the user never stops
    make_window()
    qtbot.wait(3 * idle.STEP_MS)
    assert search.stale() == waiting
    monkeypatch.setattr(idle, "IDLE_S", 0.0)
    qtbot.waitUntil(lambda: search.stale() == 0, timeout=5000)


def test_while_the_user_stays_idle_the_index_catches_up_a_step_after_the_other(
    make_window: MakeWindow, service: PlanService, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the user is idle, the steps follow each other at once (input is handled
    between two), not a step every STEP_MS: 100,000 items took 30 s so."""
    from planner.domain.new_node import NewNode
    from planner.services.search import SearchService
    from planner.ui.window import idle

    group = service.first_group()
    assert group is not None
    service.add_trees(group.id, [NewNode(title=f"Task {n}") for n in range(12)])
    search = SearchService(service.store)
    assert search.stale() > 12
    monkeypatch.setattr(idle, "STEP", 3)
    monkeypatch.setattr(idle, "IDLE_S", 0.0)
    monkeypatch.setattr(idle, "STEP_MS", 3_600_000)  # an hour between two looks
    window = make_window()
    window.search_upkeep._step()  # the first look (after STEP_MS): the user is idle
    qtbot.waitUntil(lambda: search.stale() == 0, timeout=5000)


def test_a_search_before_the_index_caught_up_shows_what_it_found_so_far_then_all(
    make_window: MakeWindow,
    service: PlanService,
    plan_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After the upgrade every item waits for the index: a keystroke looks at a slice of
    them (not all 100,000 at once, which took 1.3 s), says it goes on, and the true count
    and hits follow, a slice at a time, without another keystroke."""
    from planner.services import search as search_module
    from planner.ui.panels import search as panel_module
    from planner.ui.window import idle

    build(service)  # the group, the trip, flights, the flat, Learn Portuguese
    monkeypatch.setattr(search_module, "CATCH_UP_NOW", 0)  # as with 100,000 waiting
    monkeypatch.setattr(panel_module, "FOLD_SLICE", 2)
    monkeypatch.setattr(idle, "IDLE_S", 3600.0)  # the user is typing: no idle steps
    every_item_waiting(plan_path)
    window = make_window()
    window.search.field.setText("flat quiet")
    window.search.run()
    assert window.search.summary.text() == "No matches so far, still searching…"
    assert window.search.hits.rowCount() == 0
    qtbot.waitUntil(lambda: window.search.summary.text() == "1 match", timeout=5000)
    assert window.search.hits.hits[0].record.title == "Find a flat"
    window.search.field.setText("lisbon")
    window.search.run()  # (the folded texts are kept: complete at once)
    assert window.search.summary.text() == "1 match"


def test_with_every_waiting_text_folded_a_keystroke_still_looks_through_a_slice_only(
    make_window: MakeWindow,
    service: PlanService,
    plan_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The idle steps folded every waiting text but have not indexed them yet: a
    keystroke looks through a slice of them for its query (all 100,000 took 40-75 ms a
    keystroke), says it goes on, and the true count follows without another key."""
    from planner.services import search as search_module
    from planner.ui.panels import search as panel_module
    from planner.ui.window import idle

    build(service)  # the group, the trip, flights, the flat (quiet), Learn Portuguese
    monkeypatch.setattr(search_module, "CATCH_UP_NOW", 0)
    monkeypatch.setattr(panel_module, "LOOK_NOW", 1)
    monkeypatch.setattr(idle, "IDLE_S", 3600.0)  # the user is typing: no idle steps
    every_item_waiting(plan_path)
    window = make_window()
    search = window.search.service
    assert search is not None
    while not search.fold_waiting():
        pass
    window.search.field.setText("quiet")
    window.search.run()
    assert window.search.summary.text() == "No matches so far, still searching…"
    qtbot.waitUntil(lambda: window.search.summary.text() == "1 match", timeout=5000)
    assert window.search.hits.hits[0].record.title == "Find a flat"
    assert search.stale() == 5  # found among the folded texts: none indexed


def test_the_idle_steps_fold_the_waiting_texts_first_so_a_first_search_is_complete(
    make_window: MakeWindow,
    service: PlanService,
    plan_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.services import search as search_module
    from planner.services.search import SearchService
    from planner.ui.window import idle

    build(service)
    monkeypatch.setattr(search_module, "CATCH_UP_NOW", 0)
    every_item_waiting(plan_path)
    folded_before_indexing: list[bool] = []
    catch_up = SearchService.catch_up

    def watched(search: SearchService, items: int | None = None) -> int:
        folded_before_indexing.append(search.waiting_folded())
        return catch_up(search, items)

    monkeypatch.setattr(SearchService, "catch_up", watched)
    monkeypatch.setattr(idle, "IDLE_S", 0.0)
    window = make_window()
    qtbot.waitUntil(lambda: bool(folded_before_indexing), timeout=5000)
    assert folded_before_indexing[0]
    window.search.field.setText("alfama")
    window.search.run()
    assert window.search.summary.text() == "1 match"


def test_alt_left_selects_the_item_zoomed_out_of_and_an_empty_zoom_says_what_to_do(
    make_window: MakeWindow, service: PlanService, qtbot: Any
) -> None:
    ids = build(service)
    window = make_window()
    window.reveal([ids["flights"]])
    focus_tree(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.navigator.zoomed == ids["flights"]
    # Nothing under it: the hint says so and which key adds a subtask.
    assert window.tree.empty_hint and "Insert adds a subtask" in (window.tree.hint_text or "")
    assert window.actions_by_name["zoom_out"].isEnabled()
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.navigator.zoomed == ids["trip"]
    current = window.navigator.current_record()
    assert current is not None and current.id == ids["flights"]  # was nothing
    assert not window.tree.empty_hint
    while window.navigator.zoomed is not None:  # up through the group to the plan
        left = window.navigator.zoomed
        press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        current = window.navigator.current_record()
        assert current is not None and current.id == left
    zoom_out = window.actions_by_name["zoom_out"]
    assert not zoom_out.isEnabled()
    assert zoom_out.statusTip() == "Not zoomed in: nothing to zoom out of."


def test_input_is_watched_from_the_first_paint_on(make_window: MakeWindow, qtbot: Any) -> None:
    """The window's watch for the user's input (idle time, the first key that loads the
    full store) starts once it is shown (0.2 s after its first paint), not while it is
    built, and sees keys from then."""
    window = make_window()
    qtbot.waitUntil(lambda: window.user_idle._watching)
    stirred: list[bool] = []
    window.user_idle.stirred.connect(lambda: stirred.append(True))
    window.user_idle.arm()
    window.user_idle._last -= 100  # as if idle for a while
    focus_tree(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Down)
    assert window.user_idle.seconds() < 50 and stirred == [True]
