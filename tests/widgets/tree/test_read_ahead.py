"""The records of the rows about to be painted are read before the paint: a frame reads
the screen it paints in one go when some of its rows have none (that screen alone: the
scroll bar dragged far lands far again), and the moments between frames read the screens
the view is heading for, so that the next frames (Page Down, scrolling on, the scroll bar
dragged on) read nothing."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from planner.domain.new_node import NewNode
from planner.services.plan import PlanService
from planner.ui.tree.model import PlanTreeModel
from planner.ui.tree.read_ahead import AHEAD_SCREENS
from planner.ui.tree.view import PlanTreeView
from tests.helpers.window import MakeWindow, index_of, model_of


class Scrolling:
    """A window showing a goal of 3,000 tasks, open, and the reads of records it makes."""

    def __init__(self, make_window: MakeWindow, service: PlanService, monkeypatch: Any) -> None:
        group = service.first_group()
        assert group is not None
        tasks = [NewNode(title=f"Task {n}") for n in range(3000)]
        service.add_trees(group.id, [NewNode(title="Big", children=tasks)])
        window = make_window()
        self.tree: PlanTreeView = window.tree
        self.model: PlanTreeModel = model_of(window)
        self.big = index_of(window, ["Goals", "Big"])
        self.tree.expand(self.big.parent())
        self.tree.expand(self.big)
        self.model.load_rows(self.big)
        QApplication.processEvents()
        self.screen = self.tree.viewport().height() // self.tree.visualRect(self.top()).height()
        assert self.screen > 5
        self.reads: list[int] = []  # records read, one entry for each read
        get_many = self.model.queries.get_many

        def counted(ids: list[int]) -> Any:
            self.reads.append(len(ids))
            return get_many(ids)

        monkeypatch.setattr(self.model.queries, "get_many", counted)

    def top(self) -> QModelIndex:
        return self.tree.indexAt(QPoint(1, 1))

    def bottom(self) -> QModelIndex:
        return self.tree.indexAt(QPoint(1, self.tree.viewport().height() - 2))

    def task(self, row: int) -> QModelIndex:
        return self.model.index(row, 0, self.big)

    def read(self, first: int, last: int) -> bool:
        """Whether the tasks of these rows (of Big's list) all have their records."""
        return all(self.model.has_record(self.task(row)) for row in range(first, last + 1))

    def scroll_to(self, value: int) -> None:
        """The scroll bar moved, and the frame painted (no moment between frames yet)."""
        self.tree.verticalScrollBar().setValue(value)
        self.tree.viewport().repaint()

    def idle(self, qtbot: Any) -> None:
        """A moment without input: whatever is read between frames is read."""
        qtbot.waitUntil(lambda: not self.tree.read_ahead.busy, timeout=3000)


@pytest.fixture
def scrolling(make_window: MakeWindow, service: PlanService, monkeypatch: Any) -> Scrolling:
    return Scrolling(make_window, service, monkeypatch)


def test_a_far_jump_reads_its_screen_alone_in_the_frame(scrolling: Scrolling) -> None:
    bar = scrolling.tree.verticalScrollBar()
    scrolling.scroll_to(bar.maximum() // 2)  # far from every row read
    top = scrolling.top()
    assert scrolling.model.has_record(top) and scrolling.model.has_record(scrolling.bottom())
    assert len(scrolling.reads) == 1  # one read
    assert not scrolling.model.has_record(scrolling.task(top.row() + 2 * scrolling.screen))


def test_between_frames_the_screens_below_are_read_and_page_down_reads_nothing(
    qtbot: Any, scrolling: Scrolling
) -> None:
    bar = scrolling.tree.verticalScrollBar()
    scrolling.scroll_to(bar.maximum() // 2)
    scrolling.scroll_to(bar.value() + 3)  # on down, by a few rows
    bottom = scrolling.bottom().row()
    qtbot.waitUntil(lambda: scrolling.read(bottom, bottom + AHEAD_SCREENS * scrolling.screen))
    # Not the whole list: a few screens on, nothing was read.
    assert not scrolling.model.has_record(scrolling.task(bottom + 4 * scrolling.screen))

    scrolling.tree.setFocus()
    scrolling.tree.setCurrentIndex(scrolling.top())
    for _page in range(3):
        scrolling.idle(qtbot)
        scrolling.reads.clear()
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(scrolling.tree, key)
        scrolling.tree.viewport().repaint()
        assert scrolling.reads == []  # this frame read nothing: the rows were read before it
    assert scrolling.top().row() > bottom  # (Page Down did move on)


def test_moving_up_reads_the_screens_above_between_frames(qtbot: Any, scrolling: Scrolling) -> None:
    bar = scrolling.tree.verticalScrollBar()
    scrolling.scroll_to(bar.maximum() // 2)
    scrolling.scroll_to(bar.value() - scrolling.screen // 2)  # up by half a screen
    top = scrolling.top().row()
    qtbot.waitUntil(lambda: scrolling.read(top - AHEAD_SCREENS * scrolling.screen + 1, top))
    assert not scrolling.model.has_record(
        scrolling.task(scrolling.bottom().row() + scrolling.screen)
    )


def test_the_scroll_bar_dragged_on_lands_on_rows_read_between_frames(
    qtbot: Any, scrolling: Scrolling
) -> None:
    bar = scrolling.tree.verticalScrollBar()
    step = 3 * scrolling.screen  # a drag: each frame three screens further
    scrolling.scroll_to(bar.maximum() // 3)
    scrolling.idle(qtbot)
    scrolling.scroll_to(bar.value() + step)
    scrolling.idle(qtbot)
    # The rows passed over were not read (the next frame lands past them).
    bottom = scrolling.bottom().row()
    assert not scrolling.model.has_record(scrolling.task(bottom + scrolling.screen))
    scrolling.reads.clear()
    scrolling.scroll_to(bar.value() + step)
    assert scrolling.reads == []  # landed on rows read between the frames
    assert scrolling.read(scrolling.top().row(), scrolling.bottom().row())
