"""The open rows are saved a while after they changed, but not in the middle of the user's
input: with 11,000 rows open a save takes 10-25 ms, the slowest frame of a scroll."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from planner.services.plan import PlanService
from planner.ui.window.memory import expanded_rows_key
from tests.helpers.window import MakeWindow


def test_open_rows_are_saved_once_the_user_pauses(
    make_window: MakeWindow,
    service: PlanService,
    plan_path: Path,
    settings_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
) -> None:
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Trip").ids[0]
    service.create_item(goal, "Book flights")
    window = make_window()
    idle = [0.0]
    monkeypatch.setattr(window.user_idle, "seconds", lambda: idle[0])
    window.actions_by_name["expand_all"].trigger()
    qtbot.wait(1)
    key = expanded_rows_key(plan_path)

    def saved() -> object:
        window.settings.sync()
        return QSettings(str(settings_path), QSettings.Format.IniFormat).value(key)

    window._save_expanded.timeout.emit()  # its time came while the user scrolls
    assert saved() is None
    assert window._save_expanded.isActive()  # again, later
    idle[0] = 10.0
    window._save_expanded.timeout.emit()
    assert saved()
