"""Repeating items, reminders and habits on a plan of 100,000 items: 10,000 reminders,
2,000 repeating items, a repeating goal with 500 subtasks and a habit ticked for 5 years.

    uv run python benchmarks/bench_repeat.py [--repeat 15] [--keep DIR] [--before DIR]

Prints medians (and the slowest) of: finding the next reminder after a change (the index
brought up to date for the items the change touched, then asked for the next one); marking
the repeating goal done, with its 500 subtasks brought back and their dates shifted,
including the commit (and its undo), by the service and in the window (repeat_window.py:
rows closed, every row open); the habit's strip, streaks and shares (the figures alone,
and read from the plan with them). Then the window's start-up on this plan, as
benchmarks/bench_window.py measures it; with `--before DIR` (the code before this change,
e.g. `git archive main | tar -x -C DIR`), the start-up of that code on the same plan as it
built it, run in turns with this code's, so that both meet the same spells of the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_window import CHILD, child_figures
from figures import figure
from plan_builder import build_plan, count_items

from planner.app import open_plan
from planner.domain.habits import Cadence, Habit, figures
from planner.domain.new_node import NewNode
from planner.domain.reminders import Reminder
from planner.domain.repeats import Repeat
from planner.domain.rollup import Rollup
from planner.services.habits import HabitService
from planner.services.plan import PlanService
from planner.services.reminders import ReminderService

REMINDERS = 10_000
REPEATING = 2_000
SUBTASKS = 500
TICK_YEARS = 5
START_RUNS = 7


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median, slowest) milliseconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def furnish(service: PlanService) -> tuple[int, int, list[int]]:
    """The repeating goal with its subtasks, the habit, and the ids of items with
    reminders (made once: a kept plan has them already)."""
    group = service.first_group()
    assert group is not None
    found = {r.title: r.id for r in service.children(group.id)}
    items = [r.id for r in service.all_items() if not r.is_group]
    reminded = items[::10][:REMINDERS]
    if "Weekly cleaning" in found:
        return found["Weekly cleaning"], found["Stretch"], reminded
    today = service.today()
    goal = NewNode("Weekly cleaning", due=today + timedelta(days=3))
    goal.children = [
        NewNode(f"Room {k}", due=today + timedelta(days=k % 3)) for k in range(SUBTASKS)
    ]
    goal_id = service.add_trees(group.id, [goal]).ids[0]
    habit_id = service.add_trees(group.id, [NewNode("Stretch")]).ids[0]
    now = datetime.now(UTC)
    with service.store.write() as unit:
        # Due dates for the items that repeat and remind, a week or so apart.
        dated = sorted(set(items[::50][:REPEATING]) | set(reminded))
        unit.set_dues([(i, today + timedelta(days=1 + i % 60)) for i in dated])
        for item_id in items[::50][:REPEATING]:
            due = today + timedelta(days=1 + item_id % 60)
            unit.put_repeat(Repeat(item_id, "FREQ=WEEKLY", due))
        unit.put_repeat(Repeat(goal_id, "FREQ=WEEKLY", today + timedelta(days=3)))
        for item_id in reminded:
            unit.insert_reminder(Reminder(0, item_id, None, 1, clock(9), now))
        first = today - timedelta(days=365 * TICK_YEARS)
        unit.put_habit(Habit(habit_id, Cadence.DAILY, first))
        days = (first + timedelta(days=k) for k in range(365 * TICK_YEARS))
        unit.insert_ticks((habit_id, d) for d in days if d.toordinal() % 13)
    return goal_id, habit_id, reminded


def start_ups(plans: dict[str, tuple[Path, dict[str, str]]], runs: int) -> dict[str, float]:
    """Median seconds to a window ready for input, for each (plan, environment), the runs
    taken in turns."""
    times: dict[str, list[float]] = {name: [] for name in plans}
    for _ in range(runs + 1):
        for name, (plan, env) in plans.items():
            config = Path(tempfile.mkdtemp(prefix="bench-config-"))
            start = time.time()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(plan), str(config)],
                capture_output=True,
                text=True,
                check=True,
                env=env,
                cwd=config,  # not this checkout: its `planner` would come before PYTHONPATH's
            ).stdout
            # The child prints: first paint, ready, ... (see bench_window.CHILD).
            times[name].append(float(out.split()[1]) - start)
            shutil.rmtree(config, ignore_errors=True)
    # The first round warms bytecode and the page cache: left out.
    return {name: statistics.median(found[1:]) for name, found in times.items()}


def in_the_window(path: Path, folder: Path) -> None:
    """The repeating goals marked done and undone in the window (repeat_window.py, in a
    process of its own for each: rows closed, every row open), on a copy of the plan: the
    window leaves its log behind (it is stopped, not closed), which the start-ups measured
    next would read through."""
    copy = folder / "window.sqlite3"
    for rows in ("closed", "open"):
        with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        source.close()
        target.close()
        found = child_figures("repeat_window.py", str(copy), str(folder / "window.ini"), rows)
        for leftover in folder.glob("window.*"):  # the plan, its log, the settings
            leftover.unlink()
        for name, value in found.items():
            if "memory" in name:
                continue
            if isinstance(value, str):
                print(f"  {name}: {value}")
                continue
            done = " done, rows" in name and "slowest" not in name
            print(f"{name}: {value:.1f} ms")
            if done and "CPU" not in name:
                figure(f"{name} (in the window)", round(value, 1), "ms", "< 100 ms", value < 100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", metavar="DIR", help="build (or reuse) the plan there")
    parser.add_argument("--before", metavar="DIR", help="the code before, to compare start-up")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-repeat-"))
    path = folder / "repeat.sqlite3"
    try:
        if not path.exists():
            print(f"built the plan in {build_plan(path):.1f} s")
        service = open_plan(path)
        goal, habit, reminded = furnish(service)
        print(
            f"{count_items(service):,} items, {len(reminded):,} reminders, "
            f"{REPEATING + 1:,} repeating items, a repeating goal with {SUBTASKS} subtasks"
        )
        reminders = ReminderService(service.store, service.clock)
        start = time.perf_counter()
        index = reminders.index()
        print(f"reminder index built: {(time.perf_counter() - start) * 1000:.0f} ms")
        # The tree's links as the window keeps them (its progress rollup), followed after
        # each change the way the tree's model follows it.
        with service.store.read() as unit:
            tree = Rollup.build(unit.tree_structure())
        start = time.perf_counter()
        index = reminders.index(tree)
        print(f"  with the tree's links: {(time.perf_counter() - start) * 1000:.0f} ms")

        def links_follow(ids: Iterable[int]) -> list[int]:
            records = service.get_many(ids)
            for item_id in ids:
                record = records.get(item_id)
                if record is None:
                    tree.remove(item_id)
                else:
                    tree.place(item_id, record.parent_id, record.status)
            return list(ids)

        # A change, then the next reminder: the due date of an item with a reminder moved.
        moved = iter(reminded[::7])
        changes = []

        def follow_a_change() -> None:
            item_id = next(moved)
            outcome = service.edit(item_id, due=service.today() + timedelta(days=2))
            links_follow(outcome.ids)
            started = time.perf_counter()
            reminders.follow(index, outcome.ids, tree)
            assert index.next() is not None
            changes.append((time.perf_counter() - started) * 1000)

        for _ in range(args.repeat * 3):
            follow_a_change()
        next_ms, next_max = statistics.median(changes), max(changes)
        print(f"next reminder after a change: {next_ms:.2f} ms (slowest {next_max:.2f})")
        figure(
            "next reminder after a change (10,000 reminders)",
            round(next_ms, 2),
            "ms",
            "< 5 ms",
            next_ms < 5,
        )

        # Marking done (and undoing) an item with reminders below it: the index follows
        # the subtree (its reminders go, and come back).
        parents = [service.get(i).parent_id for i in reminded[:400:20]]
        above = [p for p in parents if p is not None and not service.get(p).is_group]
        above_ms: list[float] = []
        for parent in above[: args.repeat]:
            for outcome in (service.mark_done([parent]),):
                links_follow(outcome.ids)
                started = time.perf_counter()
                reminders.follow(index, outcome.ids, tree)
                index.next()
                above_ms.append((time.perf_counter() - started) * 1000)
                undone = service.apply(outcome.inverse)
                links_follow(undone.ids)
                started = time.perf_counter()
                reminders.follow(index, undone.ids, tree)
                index.next()
                above_ms.append((time.perf_counter() - started) * 1000)
        if above_ms:
            print(
                f"next reminder after an item with reminders below it is done or undone: "
                f"{statistics.median(above_ms):.2f} ms (slowest {max(above_ms):.2f})"
            )
            figure(
                "next reminder after a goal above reminders done/undone",
                round(statistics.median(above_ms), 2),
                "ms",
                "< 5 ms",
                statistics.median(above_ms) < 5,
            )
        # A whole group deleted and restored (tens of thousands of items below it).
        group = service.get(reminded[0]).parent_id
        while group is not None and not service.get(group).is_group:
            group = service.get(group).parent_id
        if group is not None:
            deleted = service.delete([group])
            links_follow(deleted.ids)
            started = time.perf_counter()
            reminders.follow(index, deleted.ids, tree)
            assert index.next() is None
            gone_ms = (time.perf_counter() - started) * 1000
            restored = service.apply(deleted.inverse)
            links_follow(restored.ids)
            started = time.perf_counter()
            reminders.follow(index, restored.ids, tree)
            assert index.next() is not None
            back_ms = (time.perf_counter() - started) * 1000
            print(
                f"a group of {len(service.subtree(group)):,} items deleted: the index follows "
                f"in {gone_ms:.0f} ms; restored: {back_ms:.0f} ms"
            )
        started = time.perf_counter()
        coming = index.next()
        assert coming is not None
        reminders.fire(items=[coming[1].item_id])
        fire_ms = (time.perf_counter() - started) * 1000
        print(f"firing what has come (the window's wake, one item): {fire_ms:.1f} ms")

        done_ms, done_max = timed(lambda: service.mark_done([goal]), args.repeat)
        print(
            f"repeating goal with {SUBTASKS} subtasks done: {done_ms:.1f} ms "
            f"(slowest {done_max:.1f})"
        )
        figure(
            f"repeating goal with {SUBTASKS} subtasks done, back with dates shifted (commit)",
            round(done_ms, 1),
            "ms",
            "< 100 ms",
            done_ms < 100,
        )
        turns = [service.mark_done([goal]) for _ in range(args.repeat)]
        undo_ms, undo_max = timed(lambda: service.apply(turns.pop().inverse), args.repeat)
        print(f"  its undo: {undo_ms:.1f} ms (slowest {undo_max:.1f})")
        figure("  undo of it", round(undo_ms, 1), "ms", "< 100 ms", undo_ms < 100)

        habits = HabitService(service.store, service.clock)
        view = habits.view(habit)
        assert view is not None
        with service.store.read() as unit:
            ticks = [day for _id, day in unit.ticks([habit])]
        today = date.today()
        pure_ms, pure_max = timed(lambda: figures(view.habit, ticks, today), args.repeat)
        read_ms, _ = timed(lambda: habits.view(habit), args.repeat)
        print(
            f"habit strip and streaks, {len(ticks):,} ticks: {pure_ms:.2f} ms "
            f"(slowest {pure_max:.2f}); read from the plan with them: {read_ms:.2f} ms"
        )
        figure(
            f"habit strip and streaks, {TICK_YEARS} years of ticks",
            round(pure_ms, 2),
            "ms",
            "< 10 ms",
            pure_ms < 10,
        )
        figure("  read from the plan with them", round(read_ms, 2), "ms", "< 10 ms", read_ms < 10)
        service.store.close()
        in_the_window(path, folder)

        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        plans = {"this code": (path, env)}
        if args.before:
            before = Path(args.before).resolve()
            old_plan = folder / "before.sqlite3"
            old_env = env | {"PYTHONPATH": str(before)}
            if not old_plan.exists():
                builder = (
                    "import sys; sys.path.insert(0, 'benchmarks');"
                    "from plan_builder import build_plan; from pathlib import Path;"
                    f"build_plan(Path({str(old_plan)!r}))"
                )
                subprocess.run([sys.executable, "-c", builder], check=True, env=old_env, cwd=before)
            plans["the code before"] = (old_plan, old_env)
        found = start_ups(plans, START_RUNS)
        for name, seconds in found.items():
            print(f"start to window ready, 100,000 items ({name}): {seconds:.3f} s")
        figure(
            "start to window ready, with all of them",
            round(found["this code"], 3),
            "s",
            "< 0.5 s",
            found["this code"] < 0.5,
        )
        if "the code before" in found:
            ratio = found["this code"] / found["the code before"]
            print(f"  ratio to the code before: {ratio:.3f}")
            figure(
                "  start-up against the code before", round(ratio, 3), "×", "< 1.05", ratio < 1.05
            )
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
