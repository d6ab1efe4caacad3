"""Planner with a real notification area: a window process on an X server (Xvfb) beside a
real system tray (trayer, an XEmbed tray). A reminder fires through the tray's icon and
Planner's own card; the keep-running question comes, answered Yes; closing the window
leaves Planner running in the tray; the icon's Show Planner brings the window back; its
Quit ends the process. Skipped where Xvfb or trayer is not installed (Debian: xvfb,
trayer); the other reminder tests replace the tray."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from ctypes.util import find_library
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from planner.app import open_plan
from planner.services.plan import system_clock
from planner.services.reminders import ReminderService

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not (shutil.which("xvfb-run") and shutil.which("trayer") and find_library("xcb-cursor")),
        reason="needs an X server, a tray and Qt's xcb libraries: apt-get install xvfb trayer "
        "libxcb-cursor0 (.ci/run installs them)",
    ),
]

# The window process: Planner started as `planner --db PLAN` starts it, watched from a
# timer in its own event loop; what it saw printed as JSON.
WATCH = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon
app = QApplication(sys.argv[:1])
seen = {}
def window():
    return next(x for x in app.topLevelWidgets() if x.inherits("QMainWindow"))
def fired():
    r = window().reminder_actions
    if r.question is None:
        QTimer.singleShot(200, fired)
        return
    seen["tray"] = QSystemTrayIcon.isSystemTrayAvailable()
    seen["cards"] = [c.title.text() for c in r.popup.cards]
    r.question.button(QMessageBox.StandardButton.Yes).click()
    seen["icon after yes"] = r.tray.shown()
    window().close()
    QTimer.singleShot(300, closed)
def closed():
    r = window().reminder_actions
    seen["window after close"] = window().isVisible()
    seen["icon after close"] = r.tray.shown()
    r.tray.show_action.trigger()
    QTimer.singleShot(300, shown)
def shown():
    seen["window after show"] = window().isVisible()
    window().reminder_actions.tray.quit_action.trigger()
QTimer.singleShot(500, fired)
from planner.launch import run_app
seen["exit"] = run_app(db=sys.argv[1])
print(json.dumps(seen))
"""


def test_a_reminder_through_a_real_tray_and_planner_kept_there(tmp_path: Path) -> None:
    plan = tmp_path / "plan.sqlite3"
    service = open_plan(plan, create=True)
    group = service.first_group()
    assert group is not None
    item = service.create_item(group.id, "Call the plumber").ids[0]
    soon = datetime.now(UTC) + timedelta(seconds=3)
    ReminderService(service.store, system_clock).add_at(item, soon)
    service.store.close()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    tray = "trayer --edge top --align right --widthtype pixel --width 100 --height 24 & sleep 1"
    window = shlex.join([sys.executable, "-c", WATCH, str(plan)])
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1024x768x24", "bash", "-c", f"{tray}; {window}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "tray": True,
        "cards": ["Call the plumber"],
        "icon after yes": True,
        "window after close": False,
        "icon after close": True,  # still running, in the notification area
        "window after show": True,
        "exit": 0,  # the icon's Quit ended it
    }
