"""The tree filter's text on a plan whose search index is behind (every item waiting, as
just after the upgrade to it): a keystroke folds and looks through a slice of the waiting
items, the status bar says it goes on, and the tree and count come to what every item
gives, without another key; nothing found so far is not said to be nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planner.domain.tree_filter import TreeFilter
from planner.services import search as search_module
from planner.services.plan import PlanService
from planner.services.search import SearchService
from planner.services.tree_filter import TreeFilterService
from planner.ui.window import filter_search, idle
from tests.helpers.search_index import every_item_waiting
from tests.helpers.window import MakeWindow

NOTHING = "Nothing matches the filter.\n\nChange it, or press Clear to see every item."


@pytest.fixture
def waiting_plan(
    service: PlanService, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> PlanService:
    """Goals › Trip › Book flights, Pack, Paint the hall, Pay rent, Call the bank; every
    item waiting for the index; the user typing (no idle steps); a slice of two items."""
    group = service.first_group()
    assert group is not None
    trip = service.create_item(group.id, "Trip").ids[0]
    for title in ("Book flights", "Pack", "Paint the hall", "Pay rent", "Call the bank"):
        service.create_item(trip, title)
    every_item_waiting(plan_path)
    monkeypatch.setattr(search_module, "CATCH_UP_NOW", 0)  # as with 100,000 waiting
    monkeypatch.setattr(idle, "IDLE_S", 3600.0)
    monkeypatch.setattr(filter_search, "FOLD_SLICE", 2)
    monkeypatch.setattr(filter_search, "LOOK_NOW", 2)
    return service


def test_the_first_keystroke_looks_at_a_slice_then_the_whole_plan(
    make_window: MakeWindow, waiting_plan: PlanService, qtbot: Any
) -> None:
    window = make_window()
    folded: list[str] = []
    fold = search_module.fold
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_module, "fold", lambda text: folded.append(text) or fold(text))
        window.filters.filtering.apply(TreeFilter(text="pa"))
    assert len(folded) == 2 * 2  # two items' titles and notes, not all seven
    assert window.filter_label.text() == "Filter on: 0 of 6 items so far, still searching…"
    qtbot.waitUntil(lambda: window.filter_label.text() == "Filter on: 3 of 6 items")
    exact = TreeFilterService(waiting_plan.store).matching(
        TreeFilter(text="pa"), waiting_plan.today()
    )
    assert window.filters.filtering.found == len(exact) == 3  # Pack, Paint, Pay
    assert SearchService(waiting_plan.store).stale() == 7  # found without the index


def test_nothing_found_so_far_is_not_nothing_found(
    make_window: MakeWindow, waiting_plan: PlanService, qtbot: Any
) -> None:
    window = make_window()
    window.filters.filtering.apply(TreeFilter(text="bank"))
    assert window.tree.filter_hint == "No matches so far, still searching…"
    qtbot.waitUntil(lambda: window.filter_label.text() == "Filter on: 1 of 6 items")
    assert window.tree.filter_hint is None
    window.filters.filtering.apply(TreeFilter(text="zeppelin"))
    assert window.tree.filter_hint == "No matches so far, still searching…"
    qtbot.waitUntil(lambda: window.tree.filter_hint == NOTHING)
    assert window.filter_label.text() == "Filter on: 0 of 6 items"
