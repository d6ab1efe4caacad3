"""Full garbage collections run between actions, from a timer, and what survives is frozen;
a closed plan's objects are thawed and collected."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem

from planner.ui.controller import ChangeCommand, PlanController
from planner.ui.tree.model import PlanTreeModel
from planner.ui.window.idle_gc import NEVER, IdleCollector
from tests.helpers.window import MakeWindow


class Cyclic:
    me: Cyclic | None = None


def old_cycle() -> weakref.ref[Cyclic]:
    """An object in a reference cycle, promoted to the oldest generation, then let go: only
    a full collection finds it."""
    thing = Cyclic()
    thing.me = thing
    gc.collect(1)  # alive: moved on to the oldest generation
    return weakref.ref(thing)


def test_full_collections_wait_for_the_timer_and_survivors_are_frozen(qapp: Any) -> None:
    collector = IdleCollector()
    collector.start()
    try:
        assert gc.get_threshold()[2] == NEVER  # Python never starts one by itself
        assert gc.get_freeze_count() > 0  # what was there: the code, mostly
        gone = old_cycle()
        for _ in range(30):
            gc.collect(1)  # what Python keeps doing by itself: the cycle survives it
        assert gone() is not None
        collector.collect()
        assert gone() is None
        assert gc.get_freeze_count() > 0

        kept = Cyclic()
        kept.me = kept
        gc.collect(1)
        collector.collect()  # frozen while alive ...
        frozen = weakref.ref(kept)
        del kept
        gc.collect(1)
        collector.collect()  # ... and not collected when it becomes garbage
        assert frozen() is not None
        collector.thaw()  # a plan was closed
        collector.collect()
        assert frozen() is None
    finally:
        collector.stop()
    assert gc.get_threshold()[2] != NEVER
    assert gc.get_freeze_count() == 0


def test_a_closed_plan_says_so(make_window: MakeWindow, tmp_path: Path, qtbot: Any) -> None:
    window = make_window()
    with qtbot.waitSignal(window.planClosed, timeout=1000):
        assert window.open_path(tmp_path / "other.sqlite3", create=True)


def test_a_closed_plan_leaves_no_undo_commands_to_the_collector(
    make_window: MakeWindow, tmp_path: Path, qtbot: Any
) -> None:
    """A closed plan's undo stack, its commands and its controller were a cycle, and PySide
    crashed when the collector freed its parts in some orders (as after a thaw): the stack
    is emptied while it is alive, and nothing of it is left for the collector."""
    window = make_window()
    assert window.model is not None
    window.tree.setCurrentIndex(window.model.index(0, 0))
    window.items.new_goal()
    qtbot.keyClick(window.tree, Qt.Key.Key_Escape)
    assert window.controller is not None and window.controller.stack.count() > 0
    gc.collect()
    assert window.open_path(tmp_path / "other.sqlite3", create=True)
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        kinds = (ChangeCommand, PlanController, PlanTreeModel, QStandardItem)
        left = [o for o in gc.garbage if isinstance(o, kinds)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []
