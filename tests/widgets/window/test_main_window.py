"""The window's other promises: the midnight refresh, the empty-plan hint, details panel
edits as undoable steps, and what is remembered between sessions."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox

from planner.domain.items import Priority
from planner.services.plan import PlanService
from planner.ui.tree.model import Column
from tests.helpers.clock import FakeClock
from tests.helpers.window import (
    CTRL,
    MakeWindow,
    assert_current,
    export_on_disk,
    focus,
    focus_tree,
    index_of,
    model_of,
    plan_export,
    press,
    rows,
    service_of,
    titles_under,
    type_title,
)


def test_countdowns_move_at_midnight_without_reopening(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    clock.now = datetime(2026, 11, 22, 23, 59).astimezone()  # local time
    tomorrow = clock.now.date() + timedelta(days=1)
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Renew passport", due=tomorrow).ids[0]
    task = service.create_item(goal, "Photos", due=clock.now.date()).ids[0]
    window = make_window()
    window.reveal([task])
    window.reveal([goal])
    model = model_of(window)
    due = model.index_for_item(goal, Column.DUE)
    assert due.data() == "Due tomorrow"
    assert model.index_for_item(task, Column.DUE).data() == "Due today"
    assert window.details.countdown_label.text() == "Due tomorrow"

    clock.advance(minutes=2)
    with qtbot.waitSignal(model.dataChanged):
        window.day_watcher.check()
    assert model.index_for_item(goal, Column.DUE).data() == "Due today"
    assert model.index_for_item(task, Column.DUE).data() == "1 day overdue"
    assert window.details.countdown_label.text() == "Due today"
    # The next check on the same day changes nothing.
    with qtbot.assertNotEmitted(window.day_watcher.dayChanged):
        window.day_watcher.check()
    # An item selected later counts from the new day too.
    window.reveal([task])
    assert window.details.countdown_label.text() == "1 day overdue"


def painted_below_the_rows(window: Any) -> bool:
    """Whether the tree paints anything below its last row, where the empty-plan hint goes
    (else that part of it is one colour)."""
    view = window.tree
    image = view.viewport().grab().toImage()
    index, bottom = view.model().index(0, 0), -1
    while index.isValid():
        bottom = max(bottom, view.visualRect(index).bottom())
        index = view.indexBelow(index)
    below = image.copy(0, bottom + 1, image.width(), image.height() - bottom - 1)
    assert below.height() > 100, "the tree is too short to tell"
    blank = QImage(below.size(), below.format())
    blank.fill(below.pixel(below.width() - 1, below.height() - 1))
    return below != blank


def test_empty_plan_shows_a_hint_until_there_is_a_goal(qtbot: Any, make_window: MakeWindow) -> None:
    window = make_window()
    assert window.tree.empty_hint and painted_below_the_rows(window)
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    type_title(qtbot, window, "First goal")
    assert not window.tree.empty_hint and not painted_below_the_rows(window)
    window.undo()  # the rename
    window.undo()  # the new goal
    assert window.tree.empty_hint and painted_below_the_rows(window)
    window.redo()
    assert not window.tree.empty_hint and not painted_below_the_rows(window)


def test_details_panel_edits_are_one_undoable_step_each(
    qtbot: Any, make_window: MakeWindow, service: PlanService
) -> None:
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Trip to Lisbon").ids[0]
    window = make_window()
    window.reveal([goal])
    panel = window.details
    stack = window.controller.stack  # type: ignore[union-attr]
    states = [plan_export(service)]

    # Title: typed, then Enter.
    focus(qtbot, panel.title_edit)
    panel.title_edit.selectAll()
    qtbot.keyClicks(panel.title_edit, "Trip to Porto")
    qtbot.keyClick(panel.title_edit, Qt.Key.Key_Return)
    assert service.get(goal).title == "Trip to Porto"
    assert model_of(window).index_for_item(goal).data() == "Trip to Porto"
    assert stack.count() == 1 and stack.undoText() == "Rename 'Trip to Lisbon'"
    states.append(plan_export(service))

    # Due date: chosen in the date editor, then Enter.
    new_due = service.get(goal).due + timedelta(days=3)  # type: ignore[operator]
    focus(qtbot, panel.due_edit)
    panel.due_edit.setDate(QDate(new_due.year, new_due.month, new_due.day))
    qtbot.keyClick(panel.due_edit, Qt.Key.Key_Return)
    assert service.get(goal).due == new_due
    assert stack.count() == 2 and stack.undoText() == "Change due date of 'Trip to Porto'"
    states.append(plan_export(service))
    # No due date at all.
    panel.due_check.click()
    assert service.get(goal).due is None
    assert panel.countdown_label.text() == "No due date"
    assert stack.count() == 3
    states.append(plan_export(service))

    # Priority: picked with the keyboard.
    focus(qtbot, panel.priority_box)
    qtbot.keyClick(panel.priority_box, Qt.Key.Key_Down)
    assert service.get(goal).priority is Priority.LOW
    assert stack.count() == 4 and stack.undoText() == "Change priority of 'Trip to Porto'"
    states.append(plan_export(service))

    # Notes: typed, kept when the focus leaves; one step for the whole text.
    focus(qtbot, panel.notes_edit)
    qtbot.keyClicks(panel.notes_edit, "Window seat")
    assert stack.count() == 4
    focus_tree(qtbot, window)
    assert service.get(goal).notes == "Window seat"
    assert stack.count() == 5 and stack.undoText() == "Edit notes of 'Trip to Porto'"
    states.append(plan_export(service))

    for state in reversed(states[:-1]):
        window.undo()
        assert plan_export(service) == state
    assert panel.title_edit.text() == "Trip to Lisbon"
    assert panel.notes_edit.toPlainText() == ""
    assert_current(window, "Trip to Lisbon")
    for state in states[1:]:
        window.redo()
        assert plan_export(service) == state
    assert panel.notes_edit.toPlainText() == "Window seat"
    assert panel.priority_box.currentIndex() == int(Priority.LOW)
    assert export_on_disk(Path(str(window.plan_path))) == states[-1]


def test_an_empty_title_in_the_details_keeps_the_old_one(
    qtbot: Any, make_window: MakeWindow, service: PlanService
) -> None:
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Trip to Lisbon").ids[0]
    window = make_window()
    window.reveal([goal])
    focus(qtbot, window.details.title_edit)
    window.details.title_edit.selectAll()
    qtbot.keyClick(window.details.title_edit, Qt.Key.Key_Delete)
    qtbot.keyClick(window.details.title_edit, Qt.Key.Key_Return)
    assert window.details.title_edit.text() == "Trip to Lisbon"
    assert service.get(goal).title == "Trip to Lisbon"
    assert window.controller.stack.count() == 0  # type: ignore[union-attr]


def test_window_remembers_geometry_columns_expanded_rows_and_last_plan(
    qtbot: Any,
    make_window: MakeWindow,
    service: PlanService,
    plan_path: Path,
    settings_path: Path,
) -> None:
    group = service.first_group()
    assert group is not None
    trip = service.create_item(group.id, "Trip to Lisbon").ids[0]
    flights = service.create_item(trip, "Book flights").ids[0]
    service.create_item(flights, "Compare prices")
    done = service.create_item(trip, "Renew passport").ids[0]
    service.mark_done([done])
    other = service.create_item(group.id, "Learn Portuguese").ids[0]
    service.create_item(other, "Find a course")
    home = service.create_group("Home").ids[0]
    service.create_item(home, "Paint the hall")

    window = make_window()
    window.resize(780, 560)  # within the offscreen screen (800 × 800)
    drag_column_edge(qtbot, window, Column.DUE, 171)  # the user's own width
    window.tree.collapseAll()
    for path in (
        ["Goals"],
        ["Goals", "Trip to Lisbon"],
        ["Goals", "Trip to Lisbon", "Book flights"],
        ["Goals", "Trip to Lisbon", "Done (1)"],
    ):
        window.tree.expand(index_of(window, path))
    expanded = sorted(shown_expanded(window))
    assert expanded == [
        "Book flights",
        "Done (1)",
        "Goals",
        "Trip to Lisbon",
    ]
    window.close()

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert settings.value("plans/last") == str(plan_path)
    assert settings.value("plans/recent") in ([str(plan_path)], str(plan_path))

    again = make_window(create=False)
    assert sorted(shown_expanded(again)) == expanded
    assert (again.size().width(), again.size().height()) == (780, 560)
    assert again.tree.columnWidth(Column.DUE) == 171
    assert service_of(again).get(trip).title == "Trip to Lisbon"


def drag_column_edge(qtbot: Any, window: Any, column: int, width: int) -> None:
    """Drag a column's right edge in the header until the column is `width` wide."""
    header = window.tree.header()
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    viewport = header.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    target = QPoint(edge + width - header.sectionSize(column), y)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(target),
        QPointF(viewport.mapToGlobal(target)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)
    assert header.sectionSize(column) == width


def shown_expanded(window: Any) -> list[str]:
    """Titles of the expanded rows, without loading anything."""
    model = model_of(window)
    out, stack = [], [window.tree.rootIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if window.tree.isExpanded(index):
                out.append(str(index.data()))
                stack.append(index)
    return out


@pytest.mark.e2e
def test_expanded_rows_are_found_again_by_another_process(tmp_path: Path) -> None:
    """The settings key for a plan's expanded rows must not change from run to run (Python's
    str hash does), and each plan has its own."""
    plans = [str(tmp_path / "p.sqlite3"), str(tmp_path / "q.sqlite3")]
    code = (
        "import sys; from pathlib import Path; "
        "from planner.ui.window.memory import expanded_rows_key; "
        "print([expanded_rows_key(Path(plan)) for plan in sys.argv[1:]])"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", code, *plans],
            env={"PYTHONHASHSEED": seed, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(keys) == 1  # the same in both runs
    [both] = keys
    first, second = ast.literal_eval(both)
    assert first != second  # one key a plan


def test_details_of_a_group_stay_at_the_top_of_the_panel(
    qtbot: Any, make_window: MakeWindow
) -> None:
    window = make_window()
    window.reveal([service_of(window).first_group().id])  # type: ignore[union-attr]
    panel = window.details
    assert panel.kind_label.text() == "Group"
    qtbot.waitUntil(lambda: panel.title_edit.isVisible())

    def shown() -> list[tuple[str, int]]:
        """Each text the panel shows, and how far down the panel it is."""
        widgets = [*panel.findChildren(QLabel), *panel.findChildren(QLineEdit)]
        return [
            (widget.text(), widget.mapTo(panel, widget.rect().topLeft()).y())
            for widget in widgets
            if widget.isVisible()
        ]

    # Not spread down the panel when the item's tabs are hidden: a taller panel shows the
    # group's name, totals and breakdown where they were, with the room below them.
    window.resize(720, 500)  # as short as the window can be (its minimum is above 500)
    qtbot.waitUntil(lambda: window.height() < 600)
    before, height = shown(), panel.height()
    assert any(text == "Breakdown" for text, _ in before)
    window.resize(720, 780)
    qtbot.waitUntil(lambda: panel.height() > height + 200)
    assert shown() == before


def test_the_first_goal_after_a_group_leaves_the_trees_width_alone(
    qtbot: Any, make_window: MakeWindow, service: PlanService
) -> None:
    """A group's page hides the goal's tabs; the panel is as wide as the goal's page all
    the same, so the first goal shown does not narrow the tree (with every row of a big
    plan open, that relaid out all of them within a key press)."""
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Trip to Lisbon").ids[0]
    window = make_window()
    window.resize(760, 600)  # the panel at its least width
    window.reveal([group.id])
    qtbot.waitUntil(lambda: window.details.kind_label.text() == "Group")
    QApplication.processEvents()
    width, panel = window.tree.width(), window.details.width()
    window.reveal([goal])
    qtbot.waitUntil(lambda: window.details.kind_label.text() == "Goal")
    QApplication.processEvents()
    assert (window.tree.width(), window.details.width()) == (width, panel)
    assert window.details.minimumSizeHint().width() <= panel


def test_empty_deleted_on_a_collapsed_section(
    make_window: MakeWindow,
    service: PlanService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its items were never loaded; the section row still goes, and comes back on undo.
    (No model tester here: it would load every row, which is what this test must avoid.)"""
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    goals = service.first_group()
    assert goals is not None
    trip = {"Trip to Lisbon": service.create_item(goals.id, "Trip to Lisbon").ids[0]}
    for title in ("Book flights", "Find a flat", "Pack"):
        trip[title] = service.create_item(trip["Trip to Lisbon"], title).ids[0]
    service.delete([trip["Book flights"], trip["Pack"]])
    window = make_window(tester=False)
    window.reveal([trip["Find a flat"]])
    section = index_of(window, ["Goals", "Trip to Lisbon", "Deleted (2)"])
    assert not model_of(window).is_loaded(section)
    window.tree.setCurrentIndex(section)
    before = plan_export(service)
    window.actions_by_name["empty_deleted"].trigger()
    assert titles_under(window, ["Goals", "Trip to Lisbon"]) == ["Find a flat"]
    after = plan_export(service)
    window.undo()
    assert plan_export(service) == before
    trip_rows = rows(model_of(window), index_of(window, ["Goals", "Trip to Lisbon"]))
    assert trip_rows == ["Find a flat", "Deleted (2)"]
    window.redo()
    assert plan_export(service) == after
    trip_rows = rows(model_of(window), index_of(window, ["Goals", "Trip to Lisbon"]))
    assert trip_rows == ["Find a flat"]


@pytest.mark.parametrize("timezone", ["Etc/GMT-14", "Etc/GMT+12"])
def test_an_import_with_dates_at_the_ends_is_shown_and_left_as_it_is(
    qtbot: Any,
    make_window: MakeWindow,
    service: PlanService,
    tmp_path: Path,
    monkeypatch: Any,
    timezone: str,
) -> None:
    """Times near the years 1 and 9999 that an import takes show in the tree, the details
    and the metric chart in any time zone; a due date before 1900 stays as it is when the
    date editor is passed through."""
    monkeypatch.setenv("TZ", timezone)
    time.tzset()
    try:
        metric = {"name": "n", "unit": "u", "baseline": "0", "target": "1"}
        item = {
            "title": "Ancient",
            "created": "9999-12-29T23:59:59+00:00",
            "due": "0001-01-01",
            "metric": metric | {"direction": "increase"},
            "checkins": [{"date": "9999-12-31", "value": "1"}],
            "journal": [{"date": "0001-01-01", "text": "t", "created": "0001-01-03T00:00Z"}],
        }
        path = tmp_path / "old.json"
        path.write_text(json.dumps({"format": "planner", "version": 3, "item": item}))
        service.store.close()
        window = make_window()
        window.sharing.import_dialog(str(path))
        ancient = next(r for r in service_of(window).all_items() if r.title == "Ancient")
        window.reveal([ancient.id])
        panel = window.details
        window.grab()  # paints the tree, the details and the chart
        focus(qtbot, panel.due_edit)
        qtbot.keyClick(panel.due_edit, Qt.Key.Key_Return)
        assert service_of(window).get(ancient.id).due == date(1, 1, 1)
        assert panel.due_edit.date() == QDate(1, 1, 1)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_first_window_fits_the_screen(qtbot: Any, make_window: MakeWindow) -> None:
    """No size remembered: the window fits the screen's available area (at 150 % a
    1366 x 768 screen has 910 x 512 for it), with its details panel whole."""
    window = make_window()
    screen = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: screen.contains(window.frameGeometry()), timeout=2000)
    assert window.width() <= screen.width() and window.height() <= screen.height()
    panel = window.details
    right = panel.mapTo(window, panel.rect().topRight()).x()
    assert right < window.width()
