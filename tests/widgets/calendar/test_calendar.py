"""View › Calendar on a real plan, a fixed today (22 November 2026): items on their due
days in their countdown colours, "+N more" and the day's list, an item dragged to another
day (one undoable step), the keys, the details panel and the tree following the calendar,
and the calendar following every change (the tree's, undo, another program's, the day
turning)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QPalette,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QToolTip

from planner.app import open_plan
from planner.domain.calendar import month_days
from planner.domain.items import Priority
from planner.formats import first_weekday
from planner.ui.calendar.grid import MIME_TYPE, CalendarGrid, more_text
from planner.ui.tree.style import style
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import MakeWindow, service_of

TODAY = date(2026, 11, 22)
BUSY = date(2026, 11, 25)  # twelve items: more than a cell holds
DUE = {
    "Call the tiler": date(2026, 11, 3),  # overdue
    "Pay the deposit": TODAY,
    "Order tiles": date(2026, 11, 30),
    "Book the van": date(2026, 12, 1),  # next month, in November's last week
    "Pick a colour": date(2027, 1, 15),  # not in November's six weeks
}


@pytest.fixture
def plan(plan_path: Path, clock: FakeClock) -> dict[str, int]:
    """A plan with items due around November 2026 (and twelve on BUSY); their ids."""
    service = open_plan(plan_path, create=True, clock=clock)
    group = service.create_group("Home").ids[0]
    goal = service.create_item(group, "Kitchen").ids[0]
    ids: dict[str, int] = {}
    for title, day in DUE.items():
        ids[title] = service.create_item(goal, title).ids[0]
        service.edit(ids[title], due=day)
    for n in range(12):
        title = f"Busy {n:02}"
        ids[title] = service.create_item(goal, title).ids[0]
        service.edit(ids[title], due=BUSY, priority=Priority.HIGH if n == 11 else Priority.NONE)
    service.store.close()
    return ids


def open_calendar(make_window: MakeWindow) -> tuple[MainWindow, CalendarGrid]:
    window = make_window(create=False)
    window.actions_by_name["calendar"].trigger()
    assert window.pages.currentWidget() is window.calendar.page
    return window, window.calendar.page.grid


def shown(grid: CalendarGrid) -> dict[date, list[str]]:
    """The titles each day's cell shows."""
    return {
        laid.day: [grid.title_of(e) for _r, e in laid.lines]
        for laid in grid.day_layouts()
        if laid.lines
    }


def line_of(grid: CalendarGrid, title: str) -> QPoint:
    """The middle of the line that shows `title`."""
    for laid in grid.day_layouts():
        for rect, entry in laid.lines:
            if grid.title_of(entry) == title:
                return rect.center()
    raise AssertionError(f"{title} is not shown")


def cell_of(grid: CalendarGrid, day: date) -> QPoint:
    laid = grid.layout_of(day)
    assert laid is not None
    return laid.cell.center()


def test_items_show_on_their_due_days_in_their_countdown_colours(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    page = window.calendar.page
    assert page.title.text() == "November 2026"
    assert grid.days == month_days(2026, 11, first_weekday())
    expected = {day: [title] for title, day in DUE.items() if day in grid.days}
    found = shown(grid)
    assert {d: t for d, t in found.items() if d != BUSY} == expected
    assert date(2027, 1, 15) not in grid.days
    entries = {grid.title_of(e): e for listed in grid.entries.values() for e in listed}
    assert grid.entry_colour(entries["Call the tiler"]) == style().overdue.color()
    assert grid.entry_colour(entries["Pay the deposit"]) == style().due_today.color()
    text = grid.palette().color(QPalette.ColorRole.Text)
    assert grid.entry_colour(entries["Order tiles"]) == text
    assert page.summary.text() == "15 items due"  # November's: the tiler, today, the 30th, 12


def test_a_full_day_shows_plus_n_more_which_lists_all_its_items(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    laid = grid.layout_of(BUSY)
    assert laid is not None and laid.more is not None
    lines = [grid.title_of(e) for _r, e in laid.lines]
    assert 0 < len(lines) < 12
    assert laid.hidden == 12 - len(lines)
    assert lines[0] == "Busy 11"  # high priority first, then the oldest
    assert lines[1:] == [f"Busy {n:02}" for n in range(len(lines) - 1)]
    one_line = grid.layout_of(DUE["Call the tiler"])
    assert one_line is not None and one_line.more is None and one_line.hidden == 0

    QTest.mouseClick(grid, Qt.MouseButton.LeftButton, pos=laid.more.center())
    day_list = window.calendar.page.day_list
    qtbot.waitUntil(day_list.isVisible)
    listed = [day_list.items.item(r).text() for r in range(day_list.items.count())]
    assert listed == ["Busy 11", *(f"Busy {n:02}" for n in range(11))]

    # A taller window: more lines fit, fewer are hidden; the count still adds up.
    window.resize(window.width(), window.height() + 300)
    qtbot.waitUntil(lambda: grid.layout_of(BUSY).hidden < laid.hidden)  # type: ignore[union-attr]
    taller = grid.layout_of(BUSY)
    assert taller is not None and len(taller.lines) + taller.hidden == 12


def test_the_more_line_counts_in_the_language(make_window: MakeWindow) -> None:
    assert more_text(1) == "+1 more" and more_text(5) == "+5 more"


def test_dropping_an_item_on_a_day_changes_its_due_date_in_one_step_that_undoes(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    service, stack = service_of(window), window.controller.stack  # type: ignore[union-attr]
    tiler, before = plan["Call the tiler"], stack.count()
    new_day = date(2026, 11, 24)

    grid.drop(tiler, new_day)
    assert service.get(tiler).due == new_day
    assert stack.count() == before + 1
    assert window.actions_by_name["undo"].text() == "&Undo Change due date of 'Call the tiler'"
    assert shown(grid)[new_day] == ["Call the tiler"]
    assert DUE["Call the tiler"] not in shown(grid)
    assert window.details.title_edit.text() == "Call the tiler"  # the details show it

    window.actions_by_name["undo"].trigger()
    assert service.get(tiler).due == DUE["Call the tiler"]
    assert shown(grid)[DUE["Call the tiler"]] == ["Call the tiler"]
    assert new_day not in shown(grid)
    window.actions_by_name["redo"].trigger()
    assert service.get(tiler).due == new_day and shown(grid)[new_day] == ["Call the tiler"]


def drop_event(kind: type, grid: CalendarGrid, data: QMimeData, at: QPoint) -> Any:
    buttons, no_keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.MoveAction
    if kind is QDropEvent:
        return QDropEvent(QPointF(at), action, data, buttons, no_keys)
    return kind(at, action, data, buttons, no_keys)


def test_an_item_dragged_by_the_mouse_and_dropped_on_a_day_moves_there(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mouse presses on an item and moves: the grid starts a drag carrying it (the
    platform's drag loop is not run here); its data dropped on another day's cell, through
    the drag enter, move and drop events, moves the item there."""
    window, grid = open_calendar(make_window)
    started: list[QMimeData] = []

    def exec_(drag: QDrag, *_args: object) -> Qt.DropAction:
        started.append(drag.mimeData())
        return Qt.DropAction.MoveAction

    monkeypatch.setattr(QDrag, "exec", exec_)
    start = line_of(grid, "Order tiles")
    QTest.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(grid, start + QPoint(QApplication.startDragDistance() + 20, 30))
    assert len(started) == 1
    data = started[0]
    target = cell_of(grid, date(2026, 11, 12))
    enter = drop_event(QDragEnterEvent, grid, data, target)
    QApplication.sendEvent(grid, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(grid, drop_event(QDragMoveEvent, grid, data, target))
    drop = drop_event(QDropEvent, grid, data, target)
    QApplication.sendEvent(grid, drop)
    assert drop.isAccepted()
    assert service_of(window).get(plan["Order tiles"]).due == date(2026, 11, 12)
    assert shown(grid)[date(2026, 11, 12)] == ["Order tiles"]
    QTest.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=target)


def test_a_drop_on_the_same_day_or_from_elsewhere_changes_nothing(
    make_window: MakeWindow, plan: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, grid = open_calendar(make_window)
    service, stack = service_of(window), window.controller.stack  # type: ignore[union-attr]
    tiler, before = plan["Call the tiler"], stack.count()
    grid.drop(tiler, DUE["Call the tiler"])
    assert service.get(tiler).due == DUE["Call the tiler"] and stack.count() == before
    assert not window.actions_by_name["undo"].isEnabled()

    # Another window's drag (another plan, where the id is another item) is refused.
    foreign = QMimeData()
    foreign.setData(MIME_TYPE, f"{'0' * 32}:{tiler}".encode())
    at = cell_of(grid, date(2026, 11, 12))
    enter = drop_event(QDragEnterEvent, grid, foreign, at)
    QApplication.sendEvent(grid, enter)
    assert not enter.isAccepted()
    QApplication.sendEvent(grid, drop_event(QDropEvent, grid, foreign, at))
    assert service.get(tiler).due == DUE["Call the tiler"] and stack.count() == before

    # An item another program purged since it was shown: said, nothing changed.
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: said.append(text))
    other = open_plan(window.plan_path, clock=FakeClock(window.clock()))  # type: ignore[arg-type]
    other.delete([plan["Order tiles"]])
    other.purge([plan["Order tiles"]])
    other.store.close()
    grid.drop(plan["Order tiles"], date(2026, 11, 12))
    assert len(said) == 1 and stack.count() == before
    assert "Order tiles" not in [t for titles in shown(grid).values() for t in titles]


def test_keys_move_between_days_and_months_and_open_a_day(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    page = window.calendar.page
    qtbot.waitUntil(grid.hasFocus)
    assert grid.current == TODAY
    for key, day in (
        (Qt.Key.Key_Right, date(2026, 11, 23)),
        (Qt.Key.Key_Down, date(2026, 11, 30)),
        (Qt.Key.Key_Left, date(2026, 11, 29)),
        (Qt.Key.Key_Up, date(2026, 11, 22)),
    ):
        QTest.keyClick(grid, key)
        assert grid.current == day
    QTest.keyClick(grid, Qt.Key.Key_PageDown)
    assert grid.current == date(2026, 12, 22) and page.title.text() == "December 2026"
    assert shown(grid)[date(2026, 12, 1)] == ["Book the van"]
    QTest.keyClick(grid, Qt.Key.Key_PageUp)
    QTest.keyClick(grid, Qt.Key.Key_PageUp)
    assert grid.current == date(2026, 10, 22) and page.title.text() == "October 2026"
    QTest.keyClick(grid, Qt.Key.Key_Home)
    assert grid.current == TODAY and page.title.text() == "November 2026"

    QTest.keyClick(grid, Qt.Key.Key_Return)
    qtbot.waitUntil(page.day_list.isVisible)
    assert page.day_list.items.count() == 1
    assert page.day_list.items.item(0).text() == "Pay the deposit"
    page.day_list.hide()

    QTest.keyClick(grid, Qt.Key.Key_Escape)  # back to the tree
    assert window.pages.currentWidget() is window.tree_page
    assert not window.actions_by_name["calendar"].isChecked()


def test_the_current_day_shows_the_focus(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    qtbot.waitUntil(grid.hasFocus)
    laid = grid.layout_of(grid.current)
    assert laid is not None
    inside = QPoint(laid.cell.x() + 2, laid.cell.center().y())  # the frame's third pixel
    highlight = grid.palette().color(QPalette.ColorRole.Highlight)
    assert grid.grab().toImage().pixelColor(inside) == highlight
    window.tree.setFocus()  # (hidden: the focus only leaves the grid)
    grid.clearFocus()
    assert grid.grab().toImage().pixelColor(inside) != highlight


def test_choosing_an_item_shows_its_details_and_double_click_shows_it_in_the_tree(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    QTest.mouseClick(grid, Qt.MouseButton.LeftButton, pos=line_of(grid, "Order tiles"))
    assert window.details.title_edit.text() == "Order tiles"
    assert window.selected_ids() == [plan["Order tiles"]]
    assert grid.selected == plan["Order tiles"]
    # Mark Done acts on the calendar's item; it leaves the calendar.
    window.actions_by_name["toggle_done"].trigger()
    assert "Order tiles" not in [t for titles in shown(grid).values() for t in titles]
    window.actions_by_name["undo"].trigger()
    assert shown(grid)[DUE["Order tiles"]] == ["Order tiles"]

    QTest.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=line_of(grid, "Call the tiler"))
    assert window.pages.currentWidget() is window.tree_page
    qtbot.waitUntil(window.tree.hasFocus)
    assert window.navigator.current_record().title == "Call the tiler"  # type: ignore[union-attr]


def test_enter_in_the_days_list_shows_the_item_in_the_tree(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    page = window.calendar.page
    grid.move_to(BUSY)
    QTest.keyClick(grid, Qt.Key.Key_Return)
    qtbot.waitUntil(page.day_list.isVisible)
    QTest.keyClick(page.day_list.items, Qt.Key.Key_Down)
    assert window.details.title_edit.text() == "Busy 00"  # chosen: shown in the details
    QTest.keyClick(page.day_list.items, Qt.Key.Key_Return)
    assert not page.day_list.isVisible()
    assert window.pages.currentWidget() is window.tree_page
    assert window.navigator.current_record().title == "Busy 00"  # type: ignore[union-attr]


def test_the_calendar_follows_the_tree_other_programs_and_the_day(
    make_window: MakeWindow, plan: dict[str, int], plan_path: Path, clock: FakeClock
) -> None:
    window, grid = open_calendar(make_window)
    window.actions_by_name["calendar"].trigger()  # the same command: back to the tree
    assert window.pages.currentWidget() is window.tree_page
    # Changed in the tree (the details panel's due date) while the calendar is hidden.
    window.reveal([plan["Pay the deposit"]])
    window.items.edit_item(plan["Pay the deposit"], due=date(2026, 11, 27))
    window.actions_by_name["calendar"].trigger()
    assert shown(grid)[date(2026, 11, 27)] == ["Pay the deposit"]
    assert TODAY not in shown(grid)

    other = open_plan(plan_path, clock=clock)  # the command line, say
    other.edit(plan["Order tiles"], due=date(2026, 11, 10), title="Order the tiles")
    other.store.close()
    assert window.pick_up_outside_changes()
    assert shown(grid)[date(2026, 11, 10)] == ["Order the tiles"]

    deposit = grid.entries[date(2026, 11, 27)][0]
    assert grid.entry_colour(deposit) == grid.palette().color(QPalette.ColorRole.Text)
    clock.advance(days=5)  # 27 November: it is due today now
    window.day_watcher.check()
    assert grid.today == date(2026, 11, 27)
    deposit = grid.entries[date(2026, 11, 27)][0]
    assert grid.entry_colour(deposit) == style().due_today.color()
    assert grid.entry_colour(grid.entries[date(2026, 11, 10)][0]) == style().overdue.color()


def test_commands_that_work_in_the_tree_bring_it_back(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, _grid = open_calendar(make_window)
    window.actions_by_name["search"].trigger()  # Ctrl+F: the field above the tree
    assert window.pages.currentWidget() is window.tree_page
    qtbot.waitUntil(window.search.field.hasFocus)
    window.actions_by_name["calendar"].trigger()
    window.actions_by_name["new_goal"].trigger()  # its title typed in the tree
    assert window.pages.currentWidget() is window.tree_page
    assert window.tree.state() == QAbstractItemView.State.EditingState


def test_f6_goes_from_the_calendar_to_the_details_and_back(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    qtbot.waitUntil(grid.hasFocus)
    QTest.mouseClick(grid, Qt.MouseButton.LeftButton, pos=line_of(grid, "Order tiles"))
    QTest.keyClick(grid, Qt.Key.Key_F6)
    focused = QApplication.focusWidget()
    assert focused is not None and window.details.isAncestorOf(focused)
    QTest.keyClick(focused, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert grid.hasFocus()


def test_an_items_tooltip_has_its_whole_title_and_countdown(
    make_window: MakeWindow, plan: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, grid = open_calendar(make_window)
    shown_tips: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _at, text, *_a: shown_tips.append(text))
    at = line_of(grid, "Order tiles")
    QApplication.sendEvent(grid, QHelpEvent(QEvent.Type.ToolTip, at, grid.mapToGlobal(at)))
    assert shown_tips == ["Order tiles\n8 days left"]
    empty_day = cell_of(grid, date(2026, 11, 18))
    assert grid.tooltip_at(empty_day) == ""


def test_a_click_on_a_day_of_the_next_month_chooses_there_without_turning(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    QTest.mouseClick(grid, Qt.MouseButton.LeftButton, pos=line_of(grid, "Book the van"))
    assert grid.selected == plan["Book the van"] and grid.current == date(2026, 12, 1)
    assert window.details.title_edit.text() == "Book the van"
    assert window.calendar.page.title.text() == "November 2026"
    QTest.keyClick(grid, Qt.Key.Key_Right)  # the keys turn to the current day's month
    assert window.calendar.page.title.text() == "December 2026"


def test_the_calendar_speaks_the_language_of_the_window(
    make_window: MakeWindow, plan: dict[str, int], use_language: Any
) -> None:
    window, grid = open_calendar(make_window)
    use_language("ru")
    page = window.calendar.page
    assert page.title.text() == "Ноябрь 2026\u202fг."  # (CLDR: a narrow no-break space)
    assert grid.days[0].weekday() == 0  # weeks from Monday
    assert page.today_button.text() == "Сегодня"
    laid = grid.layout_of(BUSY)
    assert laid is not None and laid.more is not None
    assert more_text(laid.hidden) == f"ещё {laid.hidden}"
    assert page.summary.text() == "15 пунктов со сроком"


def test_an_item_of_the_days_list_is_dragged_onto_another_day(
    qtbot: Any, make_window: MakeWindow, plan: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The items "+N more" hides can move too: dragged out of the day's list (which steps
    aside), dropped on a day."""
    window, grid = open_calendar(make_window)
    page = window.calendar.page
    started: list[QMimeData] = []

    def exec_(drag: QDrag, *_args: object) -> Qt.DropAction:
        started.append(drag.mimeData())
        return Qt.DropAction.MoveAction

    monkeypatch.setattr(QDrag, "exec", exec_)
    page.open_day(BUSY)
    qtbot.waitUntil(page.day_list.isVisible)
    rows = page.day_list.items
    rows.setCurrentRow(rows.count() - 1)  # the last: hidden in the cell
    assert rows.currentItem().text() == "Busy 10"
    rows.startDrag(Qt.DropAction.MoveAction)
    assert not page.day_list.isVisible() and len(started) == 1
    target = cell_of(grid, date(2026, 11, 26))
    QApplication.sendEvent(grid, drop_event(QDragEnterEvent, grid, started[0], target))
    QApplication.sendEvent(grid, drop_event(QDropEvent, grid, started[0], target))
    assert service_of(window).get(plan["Busy 10"]).due == date(2026, 11, 26)
    assert shown(grid)[date(2026, 11, 26)] == ["Busy 10"]
    laid = grid.layout_of(BUSY)
    assert laid is not None and len(laid.lines) + laid.hidden == 11


def test_a_right_click_on_an_item_offers_the_trees_menu_for_it(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    menu = window.paging.calendar_menu_at(line_of(grid, "Order tiles"))
    assert window.selected_ids() == [plan["Order tiles"]]
    assert grid.selected == plan["Order tiles"]
    assert menu is not None and "&Mark Done / Not Done" in [a.text() for a in menu.actions()]
    assert window.paging.calendar_menu_at(cell_of(grid, date(2026, 11, 18))) is None  # no item


def test_week_view_and_done_items_are_remembered(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window, grid = open_calendar(make_window)
    window.calendar.page.week_button.click()
    window.calendar.page.done_box.click()
    assert len(grid.days) == 7
    window.close()
    again, grid = open_calendar(make_window)
    page = again.calendar.page
    assert page.week_view and page.week_button.isChecked() and page.done_box.isChecked()
    assert len(grid.days) == 7 and TODAY in grid.days
    page.month_button.click()
    assert len(grid.days) == 42
