"""The pages beside the details panel (the tree, a view, the calendar) hand over to each
other: one is shown at a time, and the commands act on the one shown."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from planner.domain.agenda import View
from planner.domain.items import Priority
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import MakeDemoWindow, service_of


def shown(window: MainWindow) -> str:
    page = window.pages.currentWidget()
    if page is window.tree_page:
        return "tree"
    if page is window.views.page:
        return "view"
    return "calendar" if page is window.calendar.page else "?"


def test_the_calendar_from_a_view_and_a_view_from_the_calendar(
    make_demo_window: MakeDemoWindow,
) -> None:
    window = make_demo_window()
    actions = window.actions_by_name
    actions[f"view_{View.TODAY.value}"].trigger()
    assert shown(window) == "view" and window.navigator.page is window.views.page

    actions["calendar"].trigger()
    assert shown(window) == "calendar" and actions["calendar"].isChecked()
    assert not window.views.showing_view
    assert window.navigator.page is None  # the view's rows no longer what commands act on

    actions[f"view_{View.UPCOMING.value}"].trigger()
    assert shown(window) == "view" and not actions["calendar"].isChecked()
    assert window.navigator.page is window.views.page

    actions["calendar"].trigger()
    actions["calendar"].trigger()  # again: back to the tree
    assert shown(window) == "tree" and not actions["calendar"].isChecked()
    assert window.navigator.page is None


def test_the_item_keys_act_on_a_views_row_and_open_their_popup_over_it(
    make_demo_window: MakeDemoWindow,
) -> None:
    window = make_demo_window()
    actions = window.actions_by_name
    actions[f"view_{View.UPCOMING.value}"].trigger()
    record = window.navigator.current_record()
    assert record is not None and record.priority is not Priority.LOW
    actions["priority_low"].trigger()  # Ctrl+3
    assert service_of(window).get(record.id).priority is Priority.LOW

    actions["due_date"].trigger()  # Ctrl+D: the popup under the view's current row
    popup = window.entry.popup
    assert popup is not None and popup.isVisible()
    rows = window.views.page.list
    row = rows.visualRect(rows.currentIndex())
    under = rows.viewport().mapToGlobal(row.bottomLeft() + QPoint(0, 2))
    assert (popup.pos() - under).manhattanLength() <= 4  # (a frame's pixels apart)
    popup.close()

    actions["quick_add"].trigger()  # Ctrl+Space: the view's own line (adds to the view)
    assert shown(window) == "view" and not window.entry.quick_field.isVisible()
    assert window.views.page.quick_field().line.hasFocus()
    actions["calendar"].trigger()  # from the calendar: the line over the tree
    actions["quick_add"].trigger()
    assert shown(window) == "tree" and window.entry.quick_field.isVisible()


def test_every_command_that_needs_the_tree_brings_it_back_from_the_calendar(
    make_demo_window: MakeDemoWindow,
) -> None:
    """One list of them for the views and the calendar: View › Filter… from the calendar
    showed its bar over the hidden tree."""
    window = make_demo_window()
    actions = window.actions_by_name
    for name in ("filter", "search", "rename", "expand_all", "collapse_all"):
        actions["calendar"].trigger()
        assert shown(window) == "calendar"
        actions[name].trigger()
        assert shown(window) == "tree", name
        QApplication.processEvents()
    assert window.filter_bar.isVisible()
