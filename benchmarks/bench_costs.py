"""Calculation totals on a plan of 100,000 items, calculation on for half of them (1-3
lines each): how soon are all totals ready, and how fast do they follow a change?

    uv run python benchmarks/bench_costs.py [--repeat 15] [--keep DIR]

Prints medians of: the totals of every item ready after opening (one streamed read and one
pass, CostRollup.build); the progress and the totals together, as the window loads them
(TreeQueries.rollups: one read of the tree for both), on this plan and on the same plan
without any line, with the memory they keep (tracemalloc); one line edit through the
service, with its commit, and the totals of every ancestor updated (CostService.follow);
moving and deleting the 10,000-item subtree ("Big parent"), each with its commit and the
totals updated; the totals ready again once that subtree sits under a group made after it
(the ids no longer give the order from the leaves up).
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from figures import figure
from plan_builder import build_plan, count_items

from planner.app import open_plan
from planner.domain.cost_rollup import PLAN
from planner.services.costs import CostService
from planner.services.queries import TreeQueries

OPEN_TARGET_MS = 300.0
BOTH_TARGET_MS = 150.0  # progress and totals, on the plan without lines (the window's)
EDIT_TARGET_MS = 20.0
SUBTREE_TARGET_MS = 50.0


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def kept_mb(action: Callable[[], object]) -> tuple[float, float]:
    """The memory what `action` returns keeps, and the peak while it ran (MB)."""
    gc.collect()
    tracemalloc.start()
    result = action()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return kept / 2**20, peak / 2**20


def both_rollups(path: Path, label: str, repeat: int, target: float | None) -> None:
    """Progress and totals as the window loads them: time, and memory kept."""
    service = open_plan(path)
    queries = TreeQueries(service.store)
    ms = median_ms(queries.rollups, repeat)
    kept, peak = kept_mb(queries.rollups)
    service.store.close()
    shown = f" (target {target:.0f})" if target else ""
    print(f"progress and totals ready, {label}: {ms:.0f} ms{shown}")
    print(f"  memory they keep: {kept:.1f} MB (peak while built {peak:.1f} MB)")
    ok = ms < target if target else None
    figure(
        f"progress and totals ready, {label}", ms, "ms", f"< {target:.0f} ms" if target else "", ok
    )
    figure(f"progress and totals, memory kept, {label}", kept, "MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", metavar="DIR", help="build (or reuse) the plan there")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-costs-"))
    path = folder / "costs.sqlite3"
    try:
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            seconds = build_plan(path, cost_lines=True)
            print(f"built the plan in {seconds:.1f} s")
        service = open_plan(path)
        costs = CostService(service.store)
        with service.store.read() as unit:
            lines = unit.all_lines()
        print(f"{count_items(service):,} items, {len(lines):,} cost lines")

        repeat = max(3, args.repeat // 3)
        ready = median_ms(costs.rollup, repeat)
        rollup = costs.rollup()
        print(f"all totals ready after opening: {ready:.0f} ms (target {OPEN_TARGET_MS:.0f})")
        ok = ready < OPEN_TARGET_MS
        figure("totals of 100,000 items ready", ready, "ms", f"< {OPEN_TARGET_MS:.0f} ms", ok)
        both_rollups(path, "plan with lines", repeat, None)
        plain = folder / "no-lines.sqlite3"
        if not plain.exists():
            build_plan(plain)
        both_rollups(plain, "plan without lines", repeat, BOTH_TARGET_MS)

        group = service.first_group()
        assert group is not None
        big = next(c for c in service.children(group.id) if c.title == "Big parent")
        other = service.create_group("Elsewhere").ids[0]

        # Under a group made after it, the subtree's ids no longer run from the leaves up:
        # the order is worked out.
        costs.follow(rollup, service.move([big.id], other))
        late_ms = median_ms(costs.rollup, repeat)
        print(f"all totals ready, a subtree under a later group: {late_ms:.0f} ms")
        ok = late_ms < OPEN_TARGET_MS
        target = f"< {OPEN_TARGET_MS:.0f} ms"
        figure("totals ready, a subtree under a later group", late_ms, "ms", target, ok)
        costs.follow(rollup, service.move([big.id], group.id))

        # The deepest line: the longest way up.
        deepest = max(lines, key=lambda x: len(service.path(x.item_id)) if x.id % 50 == 0 else 0)
        quantities = iter(Decimal(q) / 4 for q in range(1, 10_000))

        def edit() -> None:
            costs.follow(rollup, costs.edit_line(deepest.id, quantity=next(quantities)))

        depth = len(service.path(deepest.item_id))
        edit_ms = median_ms(edit, args.repeat)
        ok = edit_ms < EDIT_TARGET_MS
        figure("cost line edit, totals updated", edit_ms, "ms", f"< {EDIT_TARGET_MS:.0f} ms", ok)
        print(
            f"one line edit + {depth} ancestors updated: {edit_ms:.1f} ms "
            f"(target {EDIT_TARGET_MS:.0f})"
        )

        spots = iter([other, group.id] * args.repeat)

        def move() -> None:
            costs.follow(rollup, service.move([big.id], next(spots)))

        move_ms = median_ms(move, args.repeat)
        flip = iter([True, False] * args.repeat)

        def delete() -> None:
            change = service.delete if next(flip) else service.restore
            costs.follow(rollup, change([big.id]))

        delete_ms = median_ms(delete, args.repeat)
        target = f"< {SUBTREE_TARGET_MS:.0f} ms"
        for name, ms in (("move", move_ms), ("delete/restore", delete_ms)):
            ok = ms < SUBTREE_TARGET_MS
            figure(f"{name} 10,000-item subtree, totals updated", ms, "ms", target, ok)
        print(
            f"10,000-item subtree, totals updated: move {move_ms:.1f} ms, "
            f"delete/restore {delete_ms:.1f} ms (target {SUBTREE_TARGET_MS:.0f})"
        )
        assert rollup.totals(PLAN) == costs.rollup().totals(PLAN)
        service.store.close()
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
