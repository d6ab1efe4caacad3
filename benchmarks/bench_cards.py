"""The share card of a goal with 500 tasks (three levels, a fifth done, cost lines on a
tenth): how long the HTML, the PDF and the PNG take, from the plan file to the bytes.

    uv run python benchmarks/bench_cards.py [--repeat 5]

Targets: HTML under 0.5 s; PDF and PNG under 2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import figure

from planner.app import open_plan
from planner.exports.card import build_card, render_html
from planner.services.costs import CostService
from planner.ui.card_render import ensure_gui, render_pdf, render_png

TASKS = 500
TARGETS_S = {"html": 0.5, "pdf": 2.0, "png": 2.0}


def median_s(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-cards-"))
    try:
        service = open_plan(folder / "cards.sqlite3", create=True)
        costs = CostService(service.store)
        group = service.create_group("Work").ids[0]
        goal = service.create_item(group, "Ship the release", notes="A goal of 500 tasks.").ids[0]
        made, done = 0, []
        stages = [service.create_item(goal, f"Stage {s + 1}").ids[0] for s in range(10)]
        made += len(stages)
        while made < TASKS:
            stage = stages[made % len(stages)]
            task = service.create_item(stage, f"Task {made:03} with a title of some length").ids[0]
            made += 1
            if made < TASKS and made % 7 == 0:
                service.create_item(task, f"Step {made:03}")
                made += 1
            if made % 5 == 0:
                done.append(task)
            if made % 10 == 0:
                costs.set_calc(task, True)
                costs.add_line(task, "Hours", Decimal(made % 13 + 1), Decimal("85.5"))
        service.mark_done(done)
        ensure_gui()
        name = "Bench plan"
        print(f"a goal with {len(service.subtree(goal)) - 1} tasks, {len(done)} done")

        def html() -> bytes:
            return render_html(build_card(service, goal, name)).encode()

        def pdf() -> bytes:
            return render_pdf(build_card(service, goal, name))

        def png() -> bytes:
            return render_png(build_card(service, goal, name))

        for label, action in (("html", html), ("pdf", pdf), ("png", png)):
            seconds, data = median_s(action, args.repeat)
            assert isinstance(data, bytes)
            extra = ""
            if label == "pdf":
                extra = f", {data.count(b'/Type /Page') - data.count(b'/Type /Pages')} pages"
            if label == "png":
                from PySide6.QtGui import QImage

                image = QImage.fromData(data)
                extra = f", {image.width()}×{image.height()} px"
            verdict = "ok" if seconds < TARGETS_S[label] else "OVER TARGET"
            figure(
                f"{label.upper()} card, goal of 500 tasks",
                round(seconds * 1000, 1),
                "ms",
                f"< {TARGETS_S[label] * 1000:.0f} ms",
                seconds < TARGETS_S[label],
            )
            print(
                f"{label.upper():<5} {seconds * 1000:7.0f} ms  (target < {TARGETS_S[label]} s, "
                f"{verdict}); {len(data) / 1024:,.0f} KiB{extra}"
            )
        service.store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
