"""Starting the window: which plan it opens, the look at that plan's file on a second core
while Qt loads, and the sample plan of `--demo`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from planner.app import (
    APP_NAME,
    default_plan_path,
    make_demo_plan,
    open_plan,
    plan_files,
    plan_path,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from planner.store.plan_check import InspectAhead


def run_app(
    db: str | None = None,
    demo: bool = False,
    argv: list[str] | None = None,
    language: str | None = None,
    in_tray: bool = False,
) -> int:
    """Start the window: on the demo plan, on --db / PLANNER_DB, or on the last plan used
    (the default plan the first time); in `language` (the command line's --lang), else in
    the language chosen in View › Language, else in the system's. `in_tray`: the window
    hidden in the notification area, when Planner is kept running there (at login)."""
    import shutil
    import sys
    import tempfile

    from planner import i18n

    language = language or i18n.chosen_language()
    i18n.set_language(language)  # before the sample plan is made: it is made in it

    # The plan file is looked at on a second core while the window's code is imported,
    # and its tree read, for the progress and totals shown right after the first paint:
    # as soon as the plan is known (a plan named by --db or PLANNER_DB, before Qt loads).
    named = not demo and bool(db or os.environ.get("PLANNER_DB"))
    ahead = _look_ahead(plan_path(db)) if named else None

    from PySide6.QtCore import QSettings

    settings = QSettings(APP_NAME, APP_NAME)  # what QSettings() reads once the app is named
    path = None if demo else start_path(db, settings)
    if ahead is None and path is not None:
        ahead = _look_ahead(path)

    from PySide6.QtWidgets import QApplication

    from planner.ui import language as qt_language
    from planner.ui.window.idle_gc import IdleCollector
    from planner.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    qt_language.apply(language)  # Qt's own words too, before the first widget is made
    if path is not None and _shown_elsewhere(path):
        return 0  # the Planner that shows it (maybe hidden in the notification area) does
    window = MainWindow(
        lambda p, create, **options: open_plan(p, create=create, ahead=ahead, **options),
        settings,
        files=plan_files(),
    )
    # Full collections between actions and scrolls, not within.
    collector = IdleCollector(window, idle=window.user_idle)
    collector.start()
    window.planClosed.connect(collector.thaw)
    window.tree.open_rows.loaded.connect(collector.collect_soon)
    demo_dir: str | None = None
    if path is None:
        demo_dir = tempfile.mkdtemp(prefix="planner-demo-")
        opened = window.open_path(make_demo_plan(Path(demo_dir)), temporary=True)
    else:
        # A plan that cannot be opened gets a message offering a backup, another file or
        # a new plan; declining them all quits.
        opened = window.open_path(path, create=path == default_plan_path())
    if not opened:
        return 1
    if not (in_tray and window.reminder_actions.starts_hidden()):
        window.show()
    try:
        return app.exec()
    finally:
        collector.stop()
        if demo_dir:
            shutil.rmtree(demo_dir, ignore_errors=True)


def start_path(db: str | None, settings: QSettings) -> Path:
    """The plan to open at start: --db, PLANNER_DB, else the last plan used if it is still
    there, else the default plan."""
    path = plan_path(db)
    last = settings.value("plans/last")
    implicit = not db and not os.environ.get("PLANNER_DB")
    if implicit and isinstance(last, str) and Path(last).exists():
        path = Path(last)
    return path


def _shown_elsewhere(path: Path) -> bool:
    """Whether another Planner shows this plan: then it was asked to show its window."""
    from planner.store.plan_lock import is_in_use

    if not is_in_use(path):
        return False
    from planner.ui.reminders.instance import ask_to_show

    return ask_to_show(path)


def _look_ahead(path: Path) -> InspectAhead | None:
    """A look at the plan at `path` on a thread of its own, with its tree read."""
    from planner.store.plan_check import InspectAhead

    return InspectAhead(path, _read_tree) if path.exists() else None


def _read_tree(path: Path) -> object:
    from planner.store.quick_store import read_tree  # imported on the look-ahead's thread

    return read_tree(path)
