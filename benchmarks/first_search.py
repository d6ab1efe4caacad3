"""The window's first search on a plan whose search index is behind (every item waiting, as
after the upgrade to the index): each keystroke of a query typed at once after the plan
opened, how long until the true count shows, the longest slice of work meanwhile; and the
first keystroke after the user paused a few seconds (the idle steps at work).

    python benchmarks/first_search.py PLAN [--pause SECONDS] [--query TEXT] [--indexed]
                                           [--folded]

--indexed: only how long the window, left idle, takes to fold and index every item.
--folded: every waiting text folded before typing, none indexed (as when the idle steps
have folded them and the user comes back before they index them).

PLAN is copied first (it is not changed); when there is none, it is built there (the
benchmark plan with corpus.py's titles and notes, 101,552 items, none indexed yet).
Prints one JSON object per figure, wall and CPU (the main thread's) milliseconds.
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
from planner.services.search import SearchService
from planner.ui.window import idle as idle_steps
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


def open_window(source: Path, prefix: str) -> tuple[QApplication, MainWindow]:
    """A window as run_app makes it (its idle collector too), shown and painted, on a copy
    of `source` (built there first when there is none)."""
    if not source.exists():
        build_plan(source)
        write_texts(source)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    plan = folder / "plan.sqlite3"
    shutil.copy(source, plan)
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
    return app, window


def away(app: QApplication, seconds: float) -> None:
    """The user away: only the window's own timers run."""
    ended = time.perf_counter() + seconds
    while time.perf_counter() < ended:
        app.processEvents()
        time.sleep(0.002)


def stir(window: MainWindow) -> None:
    """A mouse move over the tree: the user's input, for the idle watch."""
    viewport = window.tree.viewport()
    at = QPointF(viewport.rect().center())
    none = Qt.MouseButton.NoButton
    move = QMouseEvent(
        QEvent.Type.MouseMove, at, viewport.mapToGlobal(at), none, none,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(viewport, move)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("plan", type=Path)
    parser.add_argument("--pause", type=float, default=0.0, help="seconds idle before typing")
    parser.add_argument("--query", default="report")
    parser.add_argument("--indexed", action="store_true", help="time the idle indexing only")
    parser.add_argument("--folded", action="store_true", help="every waiting text folded")
    args = parser.parse_args()
    app, window = open_window(args.plan, "first-search-")
    panel = window.search
    service = panel.service
    assert service is not None
    say("items waiting for the index", float(service.stale()), "")
    if args.indexed:
        idle = Clock()
        while service.stale() and idle.read()[0] < LIMIT_S * 1000:
            app.processEvents()
            time.sleep(0.002)
        wall, cpu = idle.read()
        say("idle until every item is indexed, wall", wall)
        say("idle until every item is indexed, CPU", cpu)
        say("items still waiting", float(service.stale()), "")
        os._exit(0)
    if args.folded:
        idle_steps.IDLE_S = 3600.0  # the user never idle: nothing indexed
        while not service.fold_waiting(5000):
            pass
    away(app, args.pause)

    slices: list[float] = []  # each slice of work while the count is not complete
    # The panel's step between keys: looking further (folding, then looking through the
    # folded texts), or, in the code before it, folding.
    step = "look_further" if hasattr(service, "look_further") else "fold_waiting"
    work = getattr(service, step, None)
    if work is not None:

        def timed_step(*a: object) -> bool:
            clock = Clock()
            done = work(*a)
            slices.append(clock.read()[1])
            return bool(done)

        setattr(service, step, timed_step)

    typing = Clock()
    for k in range(1, len(args.query) + 1):
        stir(window)
        panel.field.setText(args.query[:k])
        panel._timer.stop()
        clock = Clock()
        panel.run()
        app.processEvents()
        panel.grab()
        wall, cpu = clock.read()
        complete = getattr(panel.hits, "complete", True)
        say(f"keystroke {k} ({args.query[:k]!r}), wall", wall)
        say(f"keystroke {k}, CPU", cpu)
        say(f"keystroke {k}, shown", f"{panel.summary.text()} (complete: {complete})", "")
    slices.clear()
    limit = time.perf_counter() + LIMIT_S
    while not getattr(panel.hits, "complete", True) and time.perf_counter() < limit:
        app.processEvents()
    wall, cpu = typing.read()
    say("from the first keystroke to the true count, wall", wall)
    say("from the first keystroke to the true count, CPU", cpu)
    if slices:
        say("slices of work after the last keystroke", float(len(slices)), "")
        say("slowest slice of work, CPU", max(slices))
        say("median slice of work, CPU", sorted(slices)[len(slices) // 2])
    shown = panel.hits.count
    say("count shown", float(shown), "")
    exact = SearchService(service.store).search(args.query).count  # folds every item
    say("count of a search folding every waiting item", float(exact), "")
    say(
        "memory (RSS)",
        int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) / 1024,
        "MB",
    )
    os._exit(0 if shown == exact else 1)


if __name__ == "__main__":
    main()
