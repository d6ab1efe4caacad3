"""The floor for the tree figures: a bare QTreeView over a QStandardItemModel holding the
benchmark plan's shape (101,552 rows, titles in the items, 7 columns), measured as
bench_window measures Planner's window. Run by bench_window.py in a process of its own:

    python benchmarks/tree_floor.py [GOALS BIG_CHILDREN]

Prints one JSON object per figure ({"name", "value", "unit"}), as soon as it has it.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTreeView

FANOUT = (5, 5, 8, 8)  # as benchmarks/plan_builder.py
COLUMNS = 7


def memory() -> tuple[float, float]:
    """(RSS, peak RSS) of this process in MB."""
    status = Path("/proc/self/status").read_text()
    rss = int(status.split("VmRSS:")[1].split()[0]) / 1024
    return rss, int(status.split("VmHWM:")[1].split()[0]) / 1024


def say(name: str, value: float, unit: str = "ms") -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}), flush=True)


def since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def subtree(title: str, level: int) -> QStandardItem:
    item = QStandardItem(title)
    if level < len(FANOUT):
        item.appendRows([subtree(f"{title}.{i + 1}", level + 1) for i in range(FANOUT[level])])
        item.setColumnCount(COLUMNS)
    return item


def quantiles(frames: list[float]) -> tuple[float, float, float]:
    ordered = sorted(frames)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered), p95, ordered[-1]


def main() -> None:
    goals = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    big_children = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    app = QApplication([])
    say("memory, empty app", memory()[0], "MB")
    started = time.perf_counter()
    model = QStandardItemModel()
    model.setColumnCount(COLUMNS)
    group = QStandardItem("Goals")
    big = QStandardItem("Big parent")
    big.appendRows([QStandardItem(f"Child {i + 1}") for i in range(big_children)])
    big.setColumnCount(COLUMNS)
    group.appendRows([*(subtree(f"Goal {g + 1}", 0) for g in range(goals)), big])
    group.setColumnCount(COLUMNS)
    model.appendRow(group)
    say("rows made in Python", since(started))
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.setAnimated(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setModel(model)
    view.resize(1200, 800)
    view.show()
    app.processEvents()
    view.grab()
    started = time.perf_counter()
    view.expandAll()
    app.processEvents()
    view.grab()
    say("Expand All", since(started))
    say("memory with every row open", memory()[0], "MB")
    bar = view.verticalScrollBar()
    frames = []
    steps = 500
    for k in range(steps + 1):
        started = time.perf_counter()
        bar.setValue(bar.maximum() * k // steps)
        app.processEvents()
        frames.append(since(started))
    for label, value in zip(("median", "p95", "max"), quantiles(frames), strict=True):
        say(f"scroll bar frame, {label}", value)
    bar.setValue(0)
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    app.processEvents()
    frames = []
    for _ in range(400):
        started = time.perf_counter()
        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(view, press)
        app.processEvents()
        frames.append(since(started))
    for label, value in zip(("median", "p95", "max"), quantiles(frames), strict=True):
        say(f"Page Down frame, {label}", value)
    started = time.perf_counter()
    view.collapseAll()
    app.processEvents()
    view.grab()
    say("Collapse All", since(started))
    top = model.index(0, 0)
    view.expand(top)
    app.processEvents()
    goal = model.index(0, 0, top)
    started = time.perf_counter()
    view.expandRecursively(goal)
    app.processEvents()
    view.grab()
    say("subtree of a goal, the rest closed", since(started))
    view.expandAll()
    app.processEvents()
    goal = model.index(7, 0, top)
    view.collapse(goal)
    app.processEvents()
    started = time.perf_counter()
    view.expandRecursively(goal)
    app.processEvents()
    view.grab()
    say("subtree of a goal, the rest open", since(started))
    say("peak memory", memory()[1], "MB")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
