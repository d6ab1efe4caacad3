"""People and metrics on a plan of 100,000 items: 2,000 items assigned to one person,
1,000 goals with a metric and 5 check-ins each.

    uv run python benchmarks/bench_people.py [--repeat 7] [--keep DIR]

Prints medians of: the tree model's extra reads when a plan opens (every person's name and
every metric, PlanTreeModel.reload_people + reload_metrics); the Assignee and Progress
cells of 10,000 loaded rows (data(), as a view asks for them); one person's "Assigned to"
list (2,000 items with their paths and counts); assigning and unassigning those 2,000
items (one transaction each); removing that person and undoing it; a JSON export of the
whole plan.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from plan_builder import build_plan, count_items

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import figure
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication

from planner.app import open_plan
from planner.domain import metrics as mt
from planner.domain.metrics import Direction
from planner.exports.json_format import dumps, export_document
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.ui.tree.model import Column, PlanTreeModel, Role

INCREASE = Direction.INCREASE


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", metavar="DIR", help="build (or reuse) the plan there")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-people-"))
    path = folder / "people.sqlite3"
    app = QApplication.instance() or QApplication([])
    try:
        if not path.exists():
            print(f"built the plan in {build_plan(path):.1f} s")
        service = open_plan(path)
        people = PeopleService(service.store)
        metrics = MetricService(service.store, service.clock)
        items = [r for r in service.all_items() if not r.is_group]
        ana = next((p.id for p in people.people() if p.name == "Ana"), None)
        if ana is None:
            ana = people.add_person("Ana").people[0]
            people.add_person("Bob")
            with service.store.write() as unit:
                start = date(2026, 1, 1)
                for record in items[:1000]:
                    unit.put_metric(
                        mt.Metric(record.id, "Distance", "km", Decimal(10), Decimal(42), INCREASE)
                    )
                    for k in range(5):
                        day = start + timedelta(days=7 * k)
                        unit.insert_checkin(mt.CheckIn(0, record.id, day, Decimal(12 + k)))
                    unit.set_current(record.id, Decimal(16))
            people.assign([r.id for r in items[::50][:2000]], ana)
        assigned_ids = [r.id for r in items[::50][:2000]]
        print(
            f"{count_items(service):,} items, {len(assigned_ids):,} assigned to one person, "
            f"{len(metrics.all_metrics()):,} metrics with 5 check-ins each"
        )

        model = PlanTreeModel(service)

        def extra_reads() -> None:
            model.reload_people(repaint=False)
            model.reload_metrics([], repaint=False)

        opened = median_ms(extra_reads, args.repeat)
        print(f"model's extra reads on opening (people and metrics): {opened:.1f} ms")

        # Load 10,000 rows: the big parent's children, and the goals' first levels.
        root = QModelIndex()
        model.load_rows(root)
        group = model.index(0, 0, root)
        model.load_rows(group)
        rows = []
        for row in range(model.rowCount(group)):
            goal = model.index(row, 0, group)
            model.load_rows(goal)
            rows.append(goal)
            rows.extend(model.index(r, 0, goal) for r in range(model.rowCount(goal)))
        rows = rows[:10_000]

        def cells() -> None:
            for index in rows:
                index.siblingAtColumn(Column.ASSIGNEE).data()
                index.siblingAtColumn(Column.PROGRESS).data(Role.PROGRESS)

        shown = median_ms(cells, args.repeat)
        print(f"Assignee + Progress cells of {len(rows):,} rows: {shown:.1f} ms")
        figure(f"Assignee + Progress cells of {len(rows):,} rows", round(shown, 1), "ms")
        today = date(2026, 11, 22)
        listed = median_ms(lambda: people.assigned(ana, today), args.repeat)
        n = len(people.assigned(ana, today).items)
        print(f"'Assigned to' list of {n:,} items: {listed:.1f} ms")
        figure(f"'Assigned to' list of {n:,} items", round(listed, 1), "ms")

        def reassign() -> None:
            people.assign(assigned_ids, None)
            people.assign(assigned_ids, ana)

        both = median_ms(reassign, args.repeat)
        print(f"unassign + assign {len(assigned_ids):,} items: {both:.1f} ms")

        def remove_and_undo() -> None:
            outcome = people.remove_person(ana)
            service.apply(outcome.inverse)

        print(f"remove the person and undo: {median_ms(remove_and_undo, args.repeat):.1f} ms")
        exported = median_ms(lambda: dumps(export_document(service)), max(1, args.repeat // 3))
        print(f"JSON export of the whole plan: {exported:.0f} ms")
        service.store.close()
    finally:
        del app
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
