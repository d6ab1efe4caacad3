"""The window's first screen, in a Planner process of its own: the parts it does not show
(the calendar's page, the quick-add field, the popups of Ctrl+D and Ctrl+Shift+A, the
filter bar, the reminders' notification and settings, the start-at-login entry, the
Routine tab's editors) are
neither imported nor
made while it starts (nor is the parser of every command built); each comes when first
used, and works; a reminder missed while Planner was closed is still shown once it has
started."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.app import open_plan
from planner.services.reminders import ReminderService
from tests.helpers.window_process import window_report

pytestmark = pytest.mark.e2e

# The modules of the parts made on first use, by part.
LATER = {
    "calendar": ["planner.ui.calendar.page", "planner.services.calendar"],
    # (its reader of typed lines, with the typed dates' parser)
    "quick add": [
        "planner.ui.entry.quick_add",
        "planner.services.quick_add",
        "planner.domain.quick_add",
        "planner.domain.typed_dates",
    ],
    "popups": ["planner.ui.entry.popups"],
    "filter bar": ["planner.ui.tree.filter_bar"],
    "notification": ["planner.ui.reminders.popup"],
    "reminder settings": ["planner.ui.reminders.preferences", "planner.autostart"],
    "shares window": ["planner.ui.sharing.dialogs"],
    "routine tab": [
        "planner.ui.details.habit",
        "planner.ui.details.repeat",
        "planner.ui.details.repeat_form",
    ],
}

# The window's process: Planner's own start (`planner --db PLAN`), its event loop replaced
# by the user below, who reports what was loaded and made, uses each part, and quits.
USER = r"""
import json, os, sys, time
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

LATER = json.loads(sys.argv[2])
report = {}

def loaded():
    return {part: [m for m in names if m in sys.modules] for part, names in LATER.items()}

def settle(app, done):
    deadline = time.monotonic() + 20
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)

def made(window, kind):
    return any(type(w).__name__ == kind for w in window.findChildren(QWidget))

def use(app):
    from planner.ui.window.main_window import MainWindow

    [window] = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    app.processEvents()
    actions = window.actions_by_name
    report["loaded at start"] = loaded()
    report["commands' parser"] = "planner.cli.main" in sys.modules
    report["made at start"] = {
        "calendar": made(window, "CalendarPage"),
        "quick add": made(window, "QuickAddField"),
        "filter bar": made(window, "FilterBar"),
        "pages": window.pages.count(),
    }
    report["keys at start"] = {
        name: actions[name].shortcut().toString() for name in ("calendar", "quick_add")
    }
    # A reminder missed while Planner was closed: shown a moment after the start.
    shown = lambda: [w for w in app.topLevelWidgets() if made(w, "NoticeCard") and w.isVisible()]
    settle(app, shown)
    report["notification"] = [w.heading.text() for w in shown()]
    window.reminder_actions.popup.dismiss_all()

    actions["calendar"].trigger()
    app.processEvents()
    page = window.calendar.page
    report["calendar"] = [window.calendar.shown, page.title.text(), page.due_count]

    actions["quick_add"].trigger()  # from the calendar: the tree first, the field over it
    field = window.entry.quick_field
    report["quick add shown"] = [window.calendar.shown, field.isVisible()]
    QTest.keyClicks(field.line, "Buy milk")
    settle(app, lambda: not field.pending)
    QTest.keyClick(field.line, Qt.Key.Key_Return)
    group = window.service.first_group()
    report["added"] = [r.title for r in window.service.children(group.id)]

    actions["due_date"].trigger()
    report["due popup"] = type(window.entry.popup).__name__
    window.entry.popup.close()
    actions["filter"].trigger()
    report["filter bar"] = window.filter_bar.isVisible()
    window.filter_bar.close_button.click()
    actions["reminder_settings"].trigger()
    report["settings"] = window.reminder_actions.dialog.isVisible()
    actions["shares"].trigger()
    report["shares window"] = window.sharing.shares_window.isVisible()
    window.reveal([window.service.children(group.id)[0].id])
    window.details.tabs.setCurrentWidget(window.details.routine)
    app.processEvents()
    report["routine tab"] = window.details.routine.repeat.isVisible()
    report["loaded after use"] = loaded()
    print(json.dumps(report))
    sys.stdout.flush()
    os._exit(0)

QApplication.exec = use
from planner.__main__ import main
main(["--db", sys.argv[1]])
"""


def _plan(path: Path) -> None:
    """A plan with an item due today, reminded an hour ago (while Planner was closed)."""
    now = datetime.now(UTC)
    service = open_plan(path, create=True)
    try:
        group = service.first_group()
        assert group is not None
        item = service.create_item(group.id, "Call the plumber", due=date.today()).ids[0]
        before = ReminderService(service.store, lambda: now - timedelta(hours=2))
        before.add_at(item, now - timedelta(hours=1))
    finally:
        service.store.close()


def _run_window(tmp_path: Path) -> dict[str, Any]:
    plan = tmp_path / "plan.sqlite3"
    _plan(plan)
    return window_report(USER, [str(plan), json.dumps(LATER)], tmp_path)


def test_parts_not_on_the_first_screen_come_when_first_used(tmp_path: Path) -> None:
    report = _run_window(tmp_path)
    assert report["loaded at start"] == {part: [] for part in LATER}
    assert report["commands' parser"] is False
    assert report["made at start"] == {
        "calendar": False,
        "quick add": False,
        "filter bar": False,
        "pages": 2,
    }
    # Their commands and keys are there from the start.
    assert report["keys at start"] == {"calendar": "Ctrl+Shift+C", "quick_add": "Ctrl+Space"}
    assert report["notification"] == ["1 reminder while Planner was closed"]
    today = date.today()
    assert report["calendar"][0] is True and report["calendar"][2] == 1
    assert str(today.year) in report["calendar"][1]
    assert report["quick add shown"] == [False, True]
    assert report["added"] == ["Call the plumber", "Buy milk"]
    assert report["due popup"] == "DatePopup"
    assert report["filter bar"] is True
    assert report["settings"] is True
    assert report["shares window"] is True
    assert report["routine tab"] is True
    assert report["loaded after use"] == LATER
