"""A real main window on a real plan file, with its own settings file and a movable clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QAbstractItemModelTester

from planner.app import open_plan, plan_files
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import MakeWindow


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def make_settings(settings_path: Path) -> Callable[[], QSettings]:
    def make() -> QSettings:
        return QSettings(str(settings_path), QSettings.Format.IniFormat)

    return make


@pytest.fixture
def make_window(
    qtbot: Any, clock: FakeClock, plan_path: Path, make_settings: Callable[[], QSettings]
) -> Iterator[MakeWindow]:
    """make_window(path=plan_path, create=True, tester=True): a shown window on the plan,
    with QAbstractItemModelTester on its model (attach it after the data is in place)."""
    testers: list[QAbstractItemModelTester] = []
    windows: list[MainWindow] = []

    def make(path: Path | None = None, create: bool = True, tester: bool = True) -> MainWindow:
        window = MainWindow(
            lambda p, c: open_plan(p, create=c, clock=clock),
            make_settings(),
            clock=clock,
            files=plan_files(),
        )
        qtbot.addWidget(window)
        windows.append(window)
        assert window.open_path(path or plan_path, create=create)
        window.show()
        qtbot.waitExposed(window)
        if tester:
            attach_tester(window)
        return window

    def attach_tester(window: MainWindow) -> None:
        assert window.model is not None
        testers.append(
            QAbstractItemModelTester(
                window.model, QAbstractItemModelTester.FailureReportingMode.Warning
            )
        )

    make.attach_tester = attach_tester  # type: ignore[attr-defined]
    yield make
    for window in windows:
        window.close()
    testers.clear()
