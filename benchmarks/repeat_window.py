"""A repeating goal marked done in the window, and undone: bench_repeat.py's plan (its
goal of 500 subtasks, "Weekly cleaning", and "Goal 1", which repeats too, with 1,830 items
below it), its rows closed or every row open. Run by bench_repeat.py in a process of its
own:

    python benchmarks/repeat_window.py PLAN SETTINGS closed|open [--rounds 7]

Each round selects the goal, marks it done (Space's command: the plan commits, the tree
follows, the goal stays selected) and undoes it (Ctrl+Z), each timed from the input to the
window painted (wall, and this process's CPU). Prints one JSON object per figure, as
all_open.py does; the goal must still be the one selected, and its rows open, at the end.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from all_open import Run, say

GOALS = (("Weekly cleaning", "500 subtasks"), ("Goal 1", "1,830 below it"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("plan", type=Path)
    parser.add_argument("settings", type=Path)
    parser.add_argument("rows", choices=("closed", "open"))
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    run = Run(args.plan, args.settings)
    if args.rows == "open":
        run.window.actions_by_name["expand_all"].trigger()
    else:
        run.tree.expand(run.model.index(0, 0))
    run.settle()
    service = run.window.service
    assert service is not None
    group = service.first_group()
    assert group is not None
    found = {r.title: r.id for r in service.children(group.id)}
    for title, what in GOALS:
        goal = found[title]
        times: dict[str, list[float]] = {"done": [], "done, CPU": [], "undo": [], "undo, CPU": []}
        for _ in range(args.rounds):
            run.window.reveal([goal])
            run.settle()
            for name, action in (("done", run.window.items.toggle_done), ("undo", run.window.undo)):
                cpu = time.process_time()
                times[name].append(run.timed(action))
                times[f"{name}, CPU"].append((time.process_time() - cpu) * 1000)
                index = run.model.index_for_item(goal)
                assert run.tree.currentIndex() == index, f"{title} not selected after {name}"
            run.settle()
        for name, found_ms in times.items():
            say(f"{title} ({what}) {name}, rows {args.rows}", statistics.median(found_ms))
            if "CPU" not in name:
                say(f"{title} ({what}) {name}, rows {args.rows}, slowest", max(found_ms))
        if args.rows == "open":
            shown = run.tree.isExpanded(run.model.index_for_item(goal))
            say(f"{title} still open after the rounds", str(shown), "")
    run.finish()


if __name__ == "__main__":
    main()
