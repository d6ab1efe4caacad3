"""The calendar (View › Calendar) on a plan of 100,000 items with due dates spread over two
years (benchmarks/plan_builder.py, as bench_views.py builds it): about 5,800 items due in
the six weeks a month shows.

    uv run python benchmarks/bench_calendar.py [--repeat 15] [--keep DIR]

In the real window (offscreen unless QT_QPA_PLATFORM says otherwise), the calendar shown,
prints medians of: a month computed and shown (Page Down: the next month's items read,
laid out and painted, the grid repainted at once), one month after another over the two
years; the same for a week; the read alone (CalendarService.days over six weeks with the
tree's links the window keeps); an item dropped on another day (the step, the calendar
read and painted again) and its undo.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from figures import figure
from plan_builder import build_plan

from planner.app import open_plan, plan_files
from planner.services.calendar import CalendarService

MONTH_TARGET_MS = 50.0
Timed = tuple[float, float]  # medians: wall time and processor time (ms)


def median_ms(
    action: Callable[[], object], repeat: int, before: Callable[[], object] = list
) -> Timed:
    wall, cpu = [], []
    for _ in range(repeat):
        before()
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def report(name: str, timed: Timed, target: float | None) -> None:
    ms, cpu = timed
    shown = f" (target {target:.0f})" if target else ""
    print(f"{name}: {ms:.1f} ms{shown}, processor {cpu:.1f} ms")
    ok = ms < target if target else None
    figure(name, round(ms, 2), "ms", f"< {target:.0f} ms" if target else "", ok)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", metavar="DIR", help="build (or reuse) the plan there")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-calendar-"))
    path = folder / f"views-{date.today().isoformat()}.sqlite3"  # bench_views.py's plan
    try:
        if not path.exists():
            seconds = build_plan(path, cost_lines=True, agenda=date.today())
            print(f"built the plan in {seconds:.1f} s")
        measure(path, folder, args.repeat)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def measure(path: Path, folder: Path, repeat: int) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from planner.ui.window.main_window import MainWindow

    app = QApplication([])
    settings = QSettings(str(folder / "bench-calendar.ini"), QSettings.Format.IniFormat)
    window = MainWindow(lambda p, c: open_plan(p, create=c), settings, files=plan_files())
    window.open_path(path)
    window.resize(1366, 740)
    window.show()
    app.processEvents()
    # What loads after the first paint, on other threads too (the totals, the full store
    # for writing): done before anything is timed, so that only the calendar is measured.
    window.model.ensure_totals()  # type: ignore[union-attr]
    store = window.session.service.store  # type: ignore[union-attr]
    store.warm_up()
    loader = getattr(store, "_loader", None)
    while loader is not None and loader.is_alive():
        loader.join(0.05)
        app.processEvents()
    window.actions_by_name["calendar"].trigger()
    app.processEvents()
    page, grid = window.calendar.page, window.calendar.page.grid
    month_items = sum(len(v) for v in grid.entries.values())
    print(f"{month_items:,} items due in this month's six weeks (the first shown)")

    counts: list[int] = []

    def next_month() -> None:
        page.turn(1)
        grid.repaint()  # painted now, not when the event loop comes round
        counts.append(sum(len(v) for v in grid.entries.values()))

    start = grid.current
    month = median_ms(next_month, repeat)
    print(f"the months turned to hold {min(counts):,} to {max(counts):,} items each")
    report("calendar: a month computed and shown", month, MONTH_TARGET_MS)
    page.go_to(start)
    page.set_week_view(True)
    report("calendar: a week computed and shown", median_ms(next_month, repeat), MONTH_TARGET_MS)
    page.set_week_view(False)
    page.go_to(start)

    session = window.session
    assert session is not None
    links = session.model.ensure_rollup()
    calendar = CalendarService(session.service.store)
    first, last = grid.days[0], grid.days[-1]
    read = median_ms(lambda: calendar.days(first, last, tree=links), repeat)
    report("calendar: the six weeks' items read (with the window's links)", read, None)
    busiest = max(grid.entries, key=lambda day: len(grid.entries[day]))
    entry = grid.entries[busiest][0]
    moved = [False]

    def drop_or_undo() -> None:
        if moved[0]:
            window.undo()
        else:
            grid.drop(entry.id, busiest + timedelta(days=1))
        moved[0] = not moved[0]
        grid.repaint()

    report(
        "calendar: an item dropped on another day, or undone", median_ms(drop_or_undo, repeat), None
    )
    if moved[0]:
        window.undo()
    load = os.getloadavg()
    print(f"load average: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    window.close()


if __name__ == "__main__":
    main()
