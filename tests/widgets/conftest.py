"""A real main window on a real plan file, with its own settings file and a movable clock;
the whole application in a language; a window on the sample plan."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtTest import QAbstractItemModelTester

from planner import i18n
from planner.app import make_demo_plan, open_plan, plan_files
from planner.ui import language
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.i18n_checks import PseudoTranslations
from tests.helpers.window import MakeDemoWindow, MakeWindow, UseLanguage


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


@pytest.fixture
def use_language(qapp: object) -> Iterator[UseLanguage]:
    """use_language(code): the whole application in that language, as View › Language
    switches it (Qt's own words too); "pseudo": the tests' pseudo-language for our words,
    Qt's in English. English again after the test, with Qt's default locale as it was, and
    no choice remembered."""
    locale = QLocale()

    def use(code: str) -> None:
        if code == "pseudo":
            language.apply("en")
            i18n.use_catalog(PseudoTranslations(), "en")
            language.announce()
        else:
            language.apply(code)

    yield use
    language.apply("en")
    QLocale.setDefault(locale)
    i18n.remember_language(None)


@pytest.fixture(scope="session")
def demo_plans(tmp_path_factory: pytest.TempPathFactory) -> dict[datetime, Path]:
    """The sample plans built so far in this session, by the clock's moment they were built
    at (building one takes a second and more, most of it waiting for the disk)."""
    return {}


@pytest.fixture
def make_demo_window(
    qtbot: Any,
    clock: FakeClock,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    use_language: UseLanguage,
    demo_plans: dict[datetime, Path],
) -> Iterator[MakeDemoWindow]:
    """make_demo_window(code="en"): a shown window in that language (`use_language`) on
    a new sample plan, made in English whatever the window's language, so that the user's
    words are the same in every window (a copy of the one built at the clock's moment);
    each in the same place (the one before closed and its plan deleted), so that two show
    the same file paths."""
    windows: list[MainWindow] = []
    folder = tmp_path / "demo"

    def make(code: str = "en") -> MainWindow:
        if windows:
            windows[-1].close()
            shutil.rmtree(folder)
        folder.mkdir()
        if clock.now not in demo_plans:
            use_language("en")
            demo_plans[clock.now] = make_demo_plan(tmp_path_factory.mktemp("demo"), clock=clock)
        plan = folder / demo_plans[clock.now].name
        shutil.copyfile(demo_plans[clock.now], plan)  # closed: a complete file, no log
        use_language(code)
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            lambda p, c, **o: open_plan(p, create=c, clock=clock, **o),
            settings,
            clock=clock,
            files=plan_files(),
        )
        qtbot.addWidget(window)
        windows.append(window)
        assert window.open_path(plan, temporary=True)
        window.show()
        qtbot.waitExposed(window)
        # The first window fits the screen (800 x 800 offscreen); these tests look at the
        # window's first size on a desktop screen.
        qtbot.wait(1)
        window.resize(1100, 700)
        model = window.model
        assert model is not None
        qtbot.waitUntil(lambda: model.costs.rollup is not None)  # the totals shown
        return window

    yield make
    for window in windows:
        window.close()
