"""A second start on a plan that a running Planner shows (hidden in the notification area,
or behind other windows) shows that Planner's window and ends, instead of saying the plan
is in use elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from planner.ui.reminders.instance import ShowRequests, ask_to_show
from tests.helpers.window import MakeWindow


def test_a_start_on_the_same_plan_is_heard(tmp_path: Path, qtbot: Any) -> None:
    listening = ShowRequests()
    plan, other = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert listening.listen(plan)
    with qtbot.waitSignal(listening.showRequested, timeout=5000):
        assert ask_to_show(plan)
    assert not ask_to_show(other)  # nobody shows that one
    listening.close()
    assert not ask_to_show(plan)


def test_a_second_planner_shows_the_hidden_window_and_ends(
    make_window: MakeWindow, plan_path: Path, tmp_path: Path, qtbot: Any
) -> None:
    window = make_window()
    window.reminder_actions._listen.timeout.emit()  # listening (a moment after it opened)
    window.hide()  # as in the notification area
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    second = subprocess.Popen(
        [sys.executable, "-m", "planner", "--db", str(plan_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    qtbot.waitUntil(window.isVisible, timeout=20_000)
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err.decode()
    assert window.session is not None  # still showing its plan
