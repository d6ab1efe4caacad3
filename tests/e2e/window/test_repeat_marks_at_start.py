"""The tree's repeat marks at start-up, in a Planner process of its own: every repeating
item's mark and its rule in words come in after the first paint without loading dateutil
(its import and a check of every rule took about 10 ms of each start); a rule the plan
holds that does not read leaves its item without a mark, and the others still come."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.app import open_plan
from planner.services.repeats import RepeatService
from tests.helpers.window_process import window_report

pytestmark = pytest.mark.e2e

# The window's process: Planner's own start (`planner --db PLAN`), its event loop replaced
# by the user below, who waits for the marks and reports what each row shows.
USER = r"""
import json, os, sys, time
from PySide6.QtWidgets import QApplication

def use(app):
    from planner.ui.tree.model import Role
    from planner.ui.window.main_window import MainWindow

    [window] = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    model = window.model
    window.tree.expandAll()
    deadline = time.monotonic() + 20
    while not model.routines.loaded and time.monotonic() < deadline:
        app.processEvents()
        window.tree.viewport().repaint()
        time.sleep(0.01)
    group = model.index(0, 0)
    rows = [model.index(r, 0, group) for r in range(model.rowCount(group))]
    report = {
        "marks": {str(i.data()): i.data(Role.REPEAT) for i in rows},
        "dateutil": sorted(m for m in sys.modules if m.split(".")[0] == "dateutil"),
    }
    print(json.dumps(report))
    sys.stdout.flush()
    os._exit(0)

QApplication.exec = use
from planner.__main__ import main
main(["--db", sys.argv[1]])
"""


def _plan(path: Path, damaged: bool) -> None:
    """Goals repeating weekly, every 2 weeks on Mon, Thu (paused), daily, and one not;
    with `damaged`, two more whose rules in the file are not a rule, or not one as Planner
    writes it (lower case: its words could not be made)."""
    service = open_plan(path, create=True)
    try:
        group = service.first_group()
        assert group is not None
        due = date.today() + timedelta(days=3)
        repeats = RepeatService(service.store, service.clock)
        weekly = service.create_item(group.id, "Water the plants", due=due).ids[0]
        repeats.set_repeat(weekly, "every week")
        paused = service.create_item(group.id, "Clean the windows", due=due).ids[0]
        repeats.set_repeat(paused, "every 2 weeks on mon,thu")
        repeats.pause(paused, True)
        service.create_item(group.id, "Buy a lamp", due=due)
        odd = service.create_item(group.id, "Odd one", due=due).ids[0]
        repeats.set_repeat(odd, "every day")
        low = service.create_item(group.id, "Lower case", due=due).ids[0]
        repeats.set_repeat(low, "every day")
    finally:
        service.store.close()
    if damaged:
        with sqlite3.connect(path) as con:  # as another program would write it
            con.execute("UPDATE repeats SET rule = 'garbage' WHERE item_id = ?", (odd,))
            con.execute("UPDATE repeats SET rule = 'freq=daily' WHERE item_id = ?", (low,))
        con.close()


def _run_window(tmp_path: Path, damaged: bool) -> dict[str, Any]:
    plan = tmp_path / "plan.sqlite3"
    _plan(plan, damaged)
    return window_report(USER, [str(plan)], tmp_path)


def test_repeat_marks_come_in_without_dateutil(tmp_path: Path) -> None:
    report = _run_window(tmp_path, damaged=False)
    assert report["marks"] == {
        "Water the plants": "Weekly",
        "Clean the windows": "Every 2 weeks on Mon, Thu (paused)",
        "Buy a lamp": None,
        "Odd one": "Daily",
        "Lower case": "Daily",
    }
    assert report["dateutil"] == []


def test_a_rule_that_does_not_read_leaves_only_its_item_without_a_mark(
    tmp_path: Path,
) -> None:
    report = _run_window(tmp_path, damaged=True)
    assert report["marks"] == {
        "Water the plants": "Weekly",
        "Clean the windows": "Every 2 weeks on Mon, Thu (paused)",
        "Buy a lamp": None,
        "Odd one": None,
        "Lower case": None,
    }
