"""The quick-add line at the top of each view: what is typed there lands in the view (Today:
due today; Upcoming: tomorrow; No due date: none; High priority: high; Assigned to Ana:
Ana), the line's own parts come first, the item is selected in the view, one step of Undo
takes it back, the line is emptied for the next one and keeps the focus; Ctrl+Space in a
view goes to it; the Logbook has none."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.domain.agenda import View
from planner.domain.items import ItemRecord, Priority
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import MakeWindow, service_of


@pytest.fixture
def window(make_window: MakeWindow, service: PlanService) -> MainWindow:
    group = service.first_group()
    assert group is not None
    service.create_item(group.id, "Trip", due=None)
    PeopleService(service.store).add_person("Ana")
    return make_window()


def typed(qtbot: Any, window: MainWindow, line: str) -> ItemRecord:
    """`line` typed in the view's quick-add line and Enter pressed: the item it made."""
    field = window.views.page.quick_field()
    before = {r.id for r in service_of(window).all_items()}
    field.line.setText(line)
    field.resolve()
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    made = [r for r in service_of(window).all_items() if r.id not in before]
    assert len(made) == 1, field.error
    return made[0]


def test_a_line_typed_in_today_is_due_today_and_shown_there_selected(
    qtbot: Any, window: MainWindow, clock: FakeClock
) -> None:
    window.views.open_view(View.TODAY)
    field = window.views.page.quick_field()
    assert field.isVisibleTo(window)
    field.setFocus()
    field.line.setText("Call the plumber !high")
    field.resolve()
    today = window.today()
    assert "due" in field.preview.text() and "High" in field.preview.text()
    stack = window.session.controller.stack  # type: ignore[union-attr]
    steps = stack.count()
    record = typed(qtbot, window, "Call the plumber !high")
    assert stack.count() == steps + 1
    assert record.due == today and record.priority is Priority.HIGH
    assert record.parent_id == service_of(window).first_group().id  # type: ignore[union-attr]
    page = window.views.page
    assert [r.id for r in page.selected_records()] == [record.id]
    assert field.line.text() == ""
    assert QApplication.focusWidget() is field.line  # the next one can be typed at once
    window.actions_by_name["undo"].trigger()
    assert record.id not in {r.id for r in service_of(window).all_items()}


@pytest.mark.parametrize(
    ("view", "line", "due", "priority", "assigned"),
    [
        (View.UPCOMING, "Book tickets", 1, Priority.NONE, False),
        (View.UPCOMING, "Book tickets in 5 days", 5, Priority.NONE, False),
        (View.OVERDUE, "Catch up", 0, Priority.NONE, False),
        (View.NO_DATE, "Sort photos", None, Priority.NONE, False),
        (View.HIGH, "Fix the roof", "default", Priority.HIGH, False),
        (View.HIGH, "Fix the roof !low", "default", Priority.LOW, False),
        (View.ASSIGNED, "Send the report", "default", Priority.NONE, True),
    ],
)
def test_each_view_gives_what_puts_the_item_in_it_and_the_line_comes_first(
    qtbot: Any,
    window: MainWindow,
    view: View,
    line: str,
    due: int | str | None,
    priority: Priority,
    assigned: bool,
) -> None:
    ana = PeopleService(service_of(window).store).people()[0].id
    window.views.open_view(view, ana if view is View.ASSIGNED else None)
    record = typed(qtbot, window, line)
    today = window.today()
    if due == "default":  # as any new item: 30 days ahead under a group
        assert record.due == today + timedelta(days=30)
    else:
        assert record.due == (None if due is None else today + timedelta(days=int(due)))
    assert record.priority is priority
    assert record.assignee_id == (ana if assigned else None)


def test_ctrl_space_in_a_view_goes_to_its_line_and_the_logbook_has_none(
    qtbot: Any, window: MainWindow
) -> None:
    window.views.open_view(View.NO_DATE)
    window.views.page.list.setFocus()
    window.actions_by_name["quick_add"].trigger()
    field = window.views.page.quick_field()
    assert window.views.showing_view  # not sent to the tree
    assert QApplication.focusWidget() is field.line
    assert not window.entry.quick_field.isVisibleTo(window)
    qtbot.keyClick(field.line, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.views.page.list
    window.views.open_view(View.LOGBOOK)
    assert not field.isVisibleTo(window)
    window.actions_by_name["quick_add"].trigger()  # the tree's line, over the tree
    assert not window.views.showing_view
    assert window.entry.quick_field.isVisibleTo(window)


def test_a_view_line_naming_its_place_goes_there(qtbot: Any, window: MainWindow) -> None:
    window.views.open_view(View.TODAY)
    record = typed(qtbot, window, "Pack the bags #Trip")
    trip = next(r for r in service_of(window).all_items() if r.title == "Trip")
    assert record.parent_id == trip.id and record.due == window.today()
    assert isinstance(record.due, date)
