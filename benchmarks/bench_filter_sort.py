"""The tree's filter bar and sorted columns on a plan of 100,000 items (benchmarks/
plan_builder.py with its agenda: due dates over two years, 2,000 overdue, 300 due this
week, 1 in 50 of high priority, 1 in 50 assigned to Ana).

    uv run python benchmarks/bench_filter_sort.py [--repeat 7] [--keep DIR]

In the window (offscreen), the group and Big parent (10,000 children) open, times: the
first filter (overdue: 2,000 found all over the plan: its first screen, then every path
open and the longest pause meanwhile) and the first sort (by Title) of a new window, each
in a window of its own, once; each keystroke of typing a filter's text
("c", "ch", ... "child 77"), each other field, every field together, and Clear (each with
the layout and paint that follow, the typing pause not counted); sorting Big parent's
10,000 children by each column, ascending and descending, and back to the user's own
order, each a second after the sort before; and, after a sort, the longest pause of the
window's events while it settles the sort's places (from 0.3 s on, a slice at a time).
Medians; the processor time beside them, since the machine is shared.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from pathlib import Path

from figures import figure
from first_search import away
from plan_builder import build_plan

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from planner.app import open_plan, plan_files
from planner.domain.items import Priority
from planner.domain.tree_filter import DueWindow, TreeFilter
from planner.ui.tree.nodes import Column
from planner.ui.tree.sorting import SortSpec
from planner.ui.window.idle_gc import IdleCollector
from planner.ui.window.main_window import MainWindow

FILTER_TARGET_MS = 100.0
SORT_TARGET_MS = 100.0
TYPED = "child 77"
OVERDUE = TreeFilter(due=DueWindow.OVERDUE)


def median_ms(
    app: QApplication,
    action: Callable[[], object],
    repeat: int,
    before: Callable[[], object] = list,
) -> tuple[float, float]:
    """Medians of the action's wall and processor time, `before` untimed before each run."""
    wall, cpu = [], []
    for _ in range(repeat):
        before()
        app.processEvents()
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        app.processEvents()  # the layout and the paint that follow
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def report(name: str, timed: tuple[float, float], target: float) -> None:
    ms, cpu = timed
    print(f"{name}: {ms:.1f} ms (target {target:.0f}), processor {cpu:.1f} ms")
    figure(name, round(ms, 2), "ms", f"< {target:.0f} ms", ms < target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", metavar="DIR", help="build (or reuse) the plan there")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    plan = folder / "filter_sort.plan"
    try:
        if not plan.exists():
            print(f"building the plan: {build_plan(plan, agenda=date.today()):.1f} s")
        run(plan, folder, args.repeat)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def open_window(app: QApplication, plan: Path, folder: Path) -> MainWindow:
    """A new window on the plan from empty settings (not the last run's sort nor its open
    rows), its totals read, the group and Big parent open, then idle for a second."""
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.clear()
    window = MainWindow(lambda p, c: open_plan(p, create=c), settings, files=plan_files())
    collector = IdleCollector(window, idle=window.user_idle)  # as the app does (launch.py):
    collector.start()  # no full collection of Python's own in the middle of a filter
    window.tree.open_rows.loaded.connect(collector.collect_soon)
    window.destroyed.connect(collector.stop)
    window.open_path(plan)
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    model, tree = window.model, window.tree
    assert model is not None
    model.ensure_totals()
    group = model.index(0, 0)
    tree.open_rows.open(group)
    big = model.index(model.rowCount(group) - 1, 0, group)
    assert big.data() == "Big parent", big.data()
    tree.open_rows.open(big)
    away(app, 1.0)
    return window


def longest_pause_ms(seconds: float, until: Callable[[], bool] | None = None) -> float:
    """The longest gap between two ticks of a 5 ms timer while the window runs on its own
    for `seconds` (or until `until()` says done): the longest the window leaves its events
    (a click, a paint) waiting."""
    ticks = [time.perf_counter()]
    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start()
    loop = QEventLoop()
    if until is None:
        QTimer.singleShot(int(seconds * 1000), loop.quit)
    else:
        watch = QTimer()
        watch.setInterval(1)
        watch.timeout.connect(lambda: until() and loop.quit())
        watch.start()
    loop.exec()
    probe.stop()
    ticks.append(time.perf_counter())
    return max(b - a for a, b in pairwise(ticks)) * 1000


def timed_once(app: QApplication, action: Callable[[], object]) -> tuple[float, float]:
    """The wall and processor time of one action, with the layout and paint that follow."""
    start, start_cpu = time.perf_counter(), time.process_time()
    action()
    app.processEvents()
    return (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000


def firsts(app: QApplication, plan: Path, folder: Path) -> None:
    """The first filter and the first sort of a new window (each in a window of its own):
    what a user meets first, before any list on the paths is loaded or sorted."""
    window = open_window(app, plan, folder)
    filtering = window.filters.filtering
    start, start_cpu = time.perf_counter(), time.process_time()
    timed = timed_once(app, lambda: filtering.apply(OVERDUE))
    found = filtering.found
    report(f"the first filter of a new window, overdue ({found:,} found)", timed, FILTER_TARGET_MS)
    pause = longest_pause_ms(0, until=lambda: not filtering.opening)
    wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000
    print(f"... every path open after {wall:.0f} ms (processor {cpu:.0f} ms)")
    print(f"... the longest pause of the window's events meanwhile: {pause:.1f} ms")
    figure("the first filter of a new window, every path open", round(wall, 2), "ms")
    figure("the first filter of a new window, the longest pause meanwhile", round(pause, 2), "ms")
    gone(app, window)
    window = open_window(app, plan, folder)
    timed = timed_once(app, lambda: window.tree.sort_by(SortSpec(Column.TITLE)))
    report("the first sort of a new window, 10,000 children by Title", timed, SORT_TARGET_MS)
    gone(app, window)


def gone(app: QApplication, window: MainWindow) -> None:
    """A window closed and freed (its 100,000 rows not left to slow the next one down)."""
    window.close()
    window.deleteLater()
    app.processEvents()
    gc.collect()


def run(plan: Path, folder: Path, repeat: int) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    firsts(app, plan, folder)
    window = open_window(app, plan, folder)
    model, tree = window.model, window.tree
    assert model is not None
    filtering = window.filters.filtering
    ana = next(i for i, name in model.people_names.items() if name == "Ana")

    def settled(_result: object = None) -> None:
        """The window idle for a second, as between a user's clicks (a sort's places
        settled: see longest_pause_ms)."""
        away(app, 1.0)

    def unfiltered() -> None:
        filtering.clear()
        app.processEvents()

    cases = [(f'text "{TYPED[:n]}"', TreeFilter(text=TYPED[:n])) for n in range(1, len(TYPED) + 1)]
    cases += [
        ("overdue", OVERDUE),
        ("due this week", TreeFilter(due=DueWindow.WEEK)),
        ("assigned to Ana", TreeFilter(person=ana)),
        ("high priority", TreeFilter(priority=Priority.HIGH)),
        ("Done and Deleted hidden", TreeFilter(hide_closed=True)),
        (
            "every field",
            TreeFilter("goal", ana, Priority.HIGH, DueWindow.MONTH, hide_closed=True),
        ),
    ]
    print(f"{model.filter_reads.total():,} items; Big parent open")
    for name, wanted in cases:
        # Once untimed, every path let open: the lists on its paths loaded, as after the
        # first filter of a window (timed above).
        filtering.apply(wanted)
        longest_pause_ms(0, until=lambda: not filtering.opening)
        filtering.clear()
        timed = median_ms(app, lambda w=wanted: filtering.apply(w), repeat, filtering.clear)
        found = filtering.found
        report(f"filter keystroke, {name} ({found:,} found)", timed, FILTER_TARGET_MS)
    # Typing on: each keystroke from the one before.
    steps = [TreeFilter(text=TYPED[:n]) for n in range(1, len(TYPED) + 1)]
    per_key = []
    for _ in range(repeat):
        unfiltered()
        for wanted in steps:
            start = time.perf_counter()
            filtering.apply(wanted)
            app.processEvents()
            per_key.append((time.perf_counter() - start) * 1000)
    worst = max(per_key)
    print(
        f"typing {TYPED!r} key after key: median {statistics.median(per_key):.1f} ms,"
        f" slowest {worst:.1f} ms"
    )
    figure("filter keystroke while typing, slowest", round(worst, 2), "ms", "< 100 ms", worst < 100)
    timed = median_ms(
        app, filtering.clear, repeat, lambda: filtering.apply(TreeFilter(text="child"))
    )
    report("Clear (every row back)", timed, FILTER_TARGET_MS)
    for column in (
        Column.TITLE,
        Column.DUE,
        Column.PRIORITY,
        Column.PROGRESS,
        Column.TOTAL,
        Column.ASSIGNEE,
    ):
        name = Column.NAMES[column]
        for descending in (False, True):
            spec = SortSpec(column, descending)
            way = "descending" if descending else "ascending"
            timed = median_ms(
                app, lambda s=spec: tree.sort_by(s), repeat, lambda: settled(tree.sort_by(None))
            )
            report(f"sort 10,000 children by {name}, {way}", timed, SORT_TARGET_MS)
    timed = median_ms(
        app, lambda: tree.sort_by(None), repeat, lambda: settled(tree.sort_by(SortSpec(Column.DUE)))
    )
    report("back to the user's own order", timed, SORT_TARGET_MS)
    # What the window does after a sort that moved every row: it settles the places a
    # slice at a time from 0.3 s on (see settling.PlaceSettling); the longest pause.
    far = SortSpec(Column.TITLE, descending=True)
    pauses = []
    for _ in range(repeat):
        tree.sort_by(None)
        settled()
        tree.sort_by(far)
        app.processEvents()
        pauses.append(longest_pause_ms(1.0))
    ms = statistics.median(pauses)
    print(f"after a sort, the longest pause of the window's events: {ms:.1f} ms")
    figure("after a sort, the longest pause of the window's events", round(ms, 2), "ms")
    window.close()


if __name__ == "__main__":
    main()
