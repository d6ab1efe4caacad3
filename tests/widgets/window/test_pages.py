"""The pages beside the details panel (the tree, a view, the calendar) hand over to each
other: one is shown at a time, and the commands act on the one shown."""

from __future__ import annotations

from planner.domain.agenda import View
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import MakeDemoWindow


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
