"""The tree filter's text on a plan whose search index is behind (every item waiting, as
after the upgrade to the index): each keystroke of a text typed into the filter bar at
once after the plan opened (or after `--pause` seconds idle), how long until the status
bar's count is the true one.

    python benchmarks/first_filter.py PLAN [--pause SECONDS] [--query TEXT]

PLAN is copied first (it is not changed); when there is none, it is built there (the
benchmark plan with corpus.py's titles and notes, 101,552 items, none indexed yet).
Prints one JSON object per figure, wall and CPU (the main thread's) milliseconds; exits 1
when the count shown differs from the filter's count over every item.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_texts
from plan_builder import build_plan

from planner.app import open_plan, plan_files
from planner.ui.window.idle_gc import IdleCollector
from planner.ui.window.main_window import MainWindow

LIMIT_S = 60.0


def say(name: str, value: float | str, unit: str = "ms") -> None:
    value = round(value, 2) if isinstance(value, float) else value
    print(json.dumps({"name": name, "value": value, "unit": unit}), flush=True)


class Clock:
    """Wall and CPU (this thread's) milliseconds since it started."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.thread_time()

    def read(self) -> tuple[float, float]:
        return (time.perf_counter() - self.wall) * 1000, (time.thread_time() - self.cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("plan", type=Path)
    parser.add_argument("--pause", type=float, default=0.0, help="seconds idle before typing")
    parser.add_argument("--query", default="report")
    args = parser.parse_args()
    if not args.plan.exists():
        build_plan(args.plan)
        write_texts(args.plan)
    folder = Path(tempfile.mkdtemp(prefix="first-filter-"))
    plan = folder / "plan.sqlite3"
    shutil.copy(args.plan, plan)
    app = QApplication([])
    window = MainWindow(
        lambda p, c: open_plan(p, create=c),
        QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat),
        files=plan_files(),
    )
    collector = IdleCollector(window, idle=window.user_idle)  # as run_app has it
    collector.start()
    window.open_path(plan)
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    window.grab()
    ended = time.perf_counter() + args.pause
    while time.perf_counter() < ended:  # the user away: only the window's own timers
        app.processEvents()
        time.sleep(0.002)
    filters = window.filters
    filters.open_bar()
    app.processEvents()
    bar = filters.bar
    text_search = getattr(filters, "text_search", None)  # (none in the code before)

    def searching() -> bool:
        return bool(text_search is not None and text_search.searching)

    viewport = window.tree.viewport()
    at = QPointF(viewport.rect().center())
    none = Qt.MouseButton.NoButton
    typing = Clock()
    for k in range(1, len(args.query) + 1):
        move = QMouseEvent(
            QEvent.Type.MouseMove, at, viewport.mapToGlobal(at), none, none,
            Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        QApplication.sendEvent(viewport, move)  # the user's input, for the idle watch
        blocked = bar.text.blockSignals(True)
        bar.text.setText(args.query[:k])
        bar.text.blockSignals(blocked)
        clock = Clock()
        bar._send()  # (the typing pause not counted)
        app.processEvents()
        window.tree.grab()
        wall, cpu = clock.read()
        say(f"keystroke {k} ({args.query[:k]!r}), wall", wall)
        say(f"keystroke {k}, CPU", cpu)
        say(f"keystroke {k}, shown", f"{window.filter_label.text()}", "")
    refilters: list[float] = []  # the filter applied again, once every item is looked at
    refilter = filters.filtering.refilter

    def timed_refilter() -> None:
        clock = Clock()
        refilter()
        refilters.append(clock.read()[1])

    filters.filtering.refilter = timed_refilter  # type: ignore[method-assign]
    limit = time.perf_counter() + LIMIT_S
    while searching() and time.perf_counter() < limit:
        app.processEvents()
    filters.filtering.refilter = refilter  # type: ignore[method-assign]
    if refilters:
        say("the filter applied again with every item looked at, CPU", max(refilters))
    wall, cpu = typing.read()
    say("from the first keystroke to the true count, wall", wall)
    say("from the first keystroke to the true count, CPU", cpu)
    shown = filters.filtering.found
    say("count shown", f"{window.filter_label.text()}", "")
    if text_search is not None:
        text_search.bind(None)  # the filter folding every waiting item itself
    filters.filtering.refilter()
    exact = filters.filtering.found
    say("count of a filter folding every waiting item", float(exact), "")
    os._exit(0 if shown == exact else 1)


if __name__ == "__main__":
    main()
