"""The records of the rows about to be painted are read in one go: a screen none of whose
rows were read (the scroll bar dragged far) reads that screen alone, the next frame landing
far again; scrolling on from rows read reads the screens ahead too."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from planner.domain.new_node import NewNode
from planner.services.plan import PlanService
from planner.ui.tree.view import READ_AHEAD_SCREENS
from tests.helpers.window import MakeWindow, index_of, model_of


def test_a_far_jump_reads_its_screen_and_scrolling_on_the_screens_ahead(
    qtbot: Any, make_window: MakeWindow, service: PlanService
) -> None:
    group = service.first_group()
    assert group is not None
    tasks = [NewNode(title=f"Task {n}") for n in range(3000)]
    service.add_trees(group.id, [NewNode(title="Big", children=tasks)])
    window = make_window()
    tree, model = window.tree, model_of(window)
    big = index_of(window, ["Goals", "Big"])
    tree.expand(big.parent())
    tree.expand(big)
    model.load_rows(big)
    QApplication.processEvents()

    def row_at(y: int) -> Any:
        return tree.indexAt(QPoint(1, y))

    screen = tree.viewport().height() // tree.visualRect(row_at(1)).height()
    assert READ_AHEAD_SCREENS >= 2 and screen > 5

    bar = tree.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # far from every row read
    tree.viewport().repaint()
    top = row_at(1)
    assert model.has_record(top) and model.has_record(row_at(tree.viewport().height() - 2))
    below = model.index(top.row() + 2 * screen, 0, big)
    assert not model.has_record(below)  # (three screens were read, two of them for nothing)

    bar.setValue(bar.value() + screen // 2)  # scrolling on: half the screen new
    tree.viewport().repaint()
    assert model.has_record(below)  # read ahead, for the frames to come
