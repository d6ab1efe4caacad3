"""The ready-made views (Today, Upcoming, Overdue, No due date, High priority, Assigned to,
Logbook) and the side bar's counts on a plan of 100,000 items with due dates spread over two
years: 2,000 overdue, 300 due in the coming week, 1 in 20 leaves done (about a dozen a day
over the past year), 1 in 50 of high priority, 1 in 50 assigned to Ana; calculation on for
every other item (benchmarks/plan_builder.py).

    uv run python benchmarks/bench_views.py [--repeat 15] [--keep DIR]

Prints medians of: every view computed as the window would (AgendaService.view with the
tree's links and the totals the window keeps in memory), its first page of 200 rows and the
whole of it, rows with their paths, countdowns, people and totals; the counts of every view
after a change (an overdue item marked done, or back, through the service with its commit;
the links followed as the window's rollup follows it), and the counts alone; the same
without links (the command line's way: the plan's links read for the call); `planner
agenda` as a process; a typed date and a quick entry read. Then in the window (offscreen
unless QT_QPA_PLATFORM says otherwise): each view chosen in the side bar until its page is
painted (its first 200 rows read, the rest as the list scrolls); the side bar's counts
after a change made through the window (its tree's links following it); an overdue row of
Today marked done (Ctrl+Enter) until the view, the counts, the tree and the details panel
are current and painted.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from figures import figure
from plan_builder import build_plan, count_items

from planner.app import open_plan
from planner.domain.agenda import Agenda, View
from planner.domain.items import Status
from planner.domain.quick_add import parse_quick_add
from planner.domain.typed_dates import parse_typed_date
from planner.services.agenda import AgendaService
from planner.services.people import PeopleService
from planner.services.queries import TreeQueries
from planner.services.search import SearchService

VIEW_TARGET_MS = 50.0
COUNTS_TARGET_MS = 10.0
PAGE = 200


Timed = tuple[float, float]  # medians: wall time and processor time (ms)


def median_ms(
    action: Callable[[], object], repeat: int, before: Callable[[], object] = list
) -> Timed:
    """Medians of `action`'s wall time and processor time (ms), `before` run untimed before
    each run. The machine is shared: the processor time is what the action itself took."""
    wall, cpu = [], []
    for _ in range(repeat):
        before()
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def report(name: str, timed: Timed, target: float | None, own_process: bool = True) -> None:
    ms, cpu = timed
    shown = f" (target {target:.0f})" if target else ""
    processor = f", processor {cpu:.1f} ms" if own_process else ""
    print(f"{name}: {ms:.1f} ms{shown}{processor}")
    ok = ms < target if target else None
    figure(name, round(ms, 2), "ms", f"< {target:.0f} ms" if target else "", ok)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", metavar="DIR", help="build (or reuse) the plan there")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-views-"))
    path = folder / f"views-{date.today().isoformat()}.sqlite3"  # its dates are today's
    try:
        if not path.exists():
            seconds = build_plan(path, cost_lines=True, agenda=date.today())
            print(f"built the plan in {seconds:.1f} s")
        measure(path, args.repeat)
        measure_window(path, args.repeat)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def measure_window(path: Path, repeat: int) -> None:
    """The views as the window shows them, on the same plan."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from planner.app import plan_files
    from planner.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    service = open_plan(path)
    try:  # the search index caught up first: its work while the window idles is not ours
        SearchService(service.store).catch_up()
    finally:
        service.store.close()
    folder = Path(tempfile.mkdtemp(prefix="bench-views-window-"))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/side_bar", True)
    window = MainWindow(lambda p, c, **o: open_plan(p, create=c, **o), settings, files=plan_files())
    try:
        assert window.open_path(path)
        window.resize(1366, 740)
        window.show()
        app.processEvents()
        model, views = window.model, window.views
        assert model is not None
        model.ensure_totals()  # what the window has in memory a moment after opening
        app.processEvents()
        service = window.service
        assert service is not None
        ana = next(p.id for p in PeopleService(service.store).people() if p.name == "Ana")

        def show(which: View) -> None:
            views.open_view(which, ana if which is View.ASSIGNED else None)
            views.page.list.viewport().repaint()
            app.processEvents()

        for which in View:
            show(which)
            rows = views.page.rows
            label = f"window: view {which.value} chosen and painted ({rows.total:,} rows)"
            report(label, median_ms(functools.partial(show, which), repeat), VIEW_TARGET_MS)
        show(View.TODAY)
        row = next(e for e in views.page.rows.entries if not isinstance(e, str))
        overdue = row.record.id
        marked = [False]

        def change() -> None:
            """An overdue item marked done (or back) through the window, untimed."""
            how = service.mark_undone if marked[0] else service.mark_done
            window.steps.run_in_place("bench", lambda: how([overdue]))
            marked[0] = not marked[0]

        report(
            "window: the side bar's counts after a change",
            median_ms(views._count_now, repeat, change),
            COUNTS_TARGET_MS,
        )
        if marked[0]:
            change()

        def back() -> None:
            """The row marked done before is active again, Today shown from the top."""
            if service.get(overdue).status is not Status.ACTIVE:
                window.steps.run_in_place("bench", lambda: service.mark_undone([overdue]))
            show(View.TODAY)
            views.page.select([overdue])

        def mark_done() -> None:
            window.actions_by_name["toggle_done"].trigger()
            views.page.list.viewport().repaint()
            app.processEvents()

        report(
            "window: an overdue row of Today marked done, all current and painted",
            median_ms(mark_done, repeat, back),
            None,
        )
        back()
    finally:
        window.close()
        shutil.rmtree(folder, ignore_errors=True)


def measure(path: Path, repeat: int) -> None:
    service = open_plan(path)
    try:
        today = service.today()
        agenda = AgendaService(service.store)
        queries = TreeQueries(service.store)
        started = time.perf_counter()
        rollup, costs = queries.rollups()  # what the window keeps once the plan is open
        read_ms = (time.perf_counter() - started) * 1000
        print(f"{count_items(service):,} items; the window's rollups read in {read_ms:.0f} ms")
        ana = next(p.id for p in PeopleService(service.store).people() if p.name == "Ana")
        print(f"counts: {agenda.counts(today, tree=rollup)}")

        def view(which: View, limit: int | None) -> Agenda:
            person = ana if which is View.ASSIGNED else None
            return agenda.view(
                which, today, person_id=person, tree=rollup, totals=costs.totals, limit=limit
            )

        for which in View:
            label = f"view {which.value} ({view(which, 0).total:,} rows)"
            first = median_ms(functools.partial(view, which, PAGE), repeat)
            report(f"{label}, first {PAGE}", first, VIEW_TARGET_MS)
            whole = median_ms(functools.partial(view, which, None), repeat)
            report(f"{label}, all of them", whole, VIEW_TARGET_MS)

        overdue = view(View.OVERDUE, 1).rows[0].record
        marked = [False]

        def change() -> None:
            """Mark an overdue item done (or back), and follow it as the window's model
            does."""
            outcome = (service.mark_undone if marked[0] else service.mark_done)([overdue.id])
            marked[0] = not marked[0]
            for record in service.get_many(outcome.ids).values():
                rollup.place(record.id, record.parent_id, record.status)

        def counts() -> object:
            return agenda.counts(today, tree=rollup)

        report(
            "counts of every view after a change",
            median_ms(counts, repeat, change),
            COUNTS_TARGET_MS,
        )

        def change_and_count() -> None:
            change()
            counts()

        report("change (commit) and counts", median_ms(change_and_count, repeat), None)
        few = max(3, repeat // 3)
        report(
            "counts, the command line's way (no links kept)",
            median_ms(lambda: agenda.counts(today), few),
            None,
        )
        report(
            "view today, the command line's way (no links kept)",
            median_ms(lambda: agenda.view(View.TODAY, today), few),
            None,
        )
        if marked[0]:
            change()
    finally:
        service.store.close()
    command = [sys.executable, "-m", "planner", "--db", str(path), "agenda"]
    env = os.environ | {"PYTHONIOENCODING": "utf-8"}
    process = median_ms(
        lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env), 3
    )
    report("`planner agenda` (today), the whole process", process, None, own_process=False)
    report(
        "a typed date read ('next friday')",
        median_ms(lambda: parse_typed_date("next friday", today), 1000),
        None,
    )
    line = "Buy running shoes fri !high @Ana €129.99 #Health"
    report("a quick entry read", median_ms(lambda: parse_quick_add(line, today), 1000), None)


if __name__ == "__main__":
    main()
