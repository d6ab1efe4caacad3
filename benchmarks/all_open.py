"""Planner's window with every row open: Expand All, Collapse All, a subtree opened with
everything below it, scroll frames (scroll bar and Page Down), the actions on a goal of
1,830 descendants and on Big parent (10,000), typing a title, memory. Run by
bench_window.py in a process of its own:

    python benchmarks/all_open.py PLAN SETTINGS [--quick | --frames]

`--quick`: Expand All only (the 3,000-item plan). `--frames`: Expand All and the scroll
frames only, the reminders' index made while the scroll bar's first pass runs (as it is a
moment after a plan opens, in whatever the user is doing then). Between two frames the
window does what it does before the next input (the rows ahead read, a slice at a time:
the longest pass is reported). Prints one JSON object per figure
({"name", "value", "unit"}) as soon as it has it, so a run stopped by a time limit keeps
what it measured.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from first_search import stir
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from planner.app import open_plan, plan_files
from planner.ui.window.idle_gc import IdleCollector
from planner.ui.window.main_window import MainWindow

ROUNDS = 5


def memory() -> tuple[float, float]:
    """(RSS, peak RSS) of this process in MB."""
    status = Path("/proc/self/status").read_text()
    rss = int(status.split("VmRSS:")[1].split()[0]) / 1024
    return rss, int(status.split("VmHWM:")[1].split()[0]) / 1024


def say(name: str, value: float | str, unit: str = "ms") -> None:
    value = round(value, 2) if isinstance(value, float) else value
    print(json.dumps({"name": name, "value": value, "unit": unit}), flush=True)


def since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def quantiles(frames: list[float]) -> tuple[float, float, float]:
    ordered = sorted(frames)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered), p95, ordered[-1]


class Run:
    def __init__(self, plan: Path, settings: Path) -> None:
        self.app = QApplication([])
        self.window = MainWindow(
            lambda p, c: open_plan(p, create=c),
            QSettings(str(settings), QSettings.Format.IniFormat),
            files=plan_files(),
        )
        # As run_app has it: its collections wait for a second without input.
        idle = getattr(self.window, "user_idle", None)  # (not in versions before issue 17)
        self.collector = IdleCollector(self.window, idle=idle)
        self.collector.start()
        self.window.planClosed.connect(self.collector.thaw)
        if hasattr(self.window.tree, "open_rows"):  # (not in versions before issue 17)
            self.window.tree.open_rows.loaded.connect(self.collector.collect_soon)
        self.window.open_path(plan)
        self.window.resize(1200, 800)
        self.window.show()
        self.settle()
        model = self.window.model
        assert model is not None
        model.ensure_rollup()
        self.window.service.store.full()  # type: ignore[union-attr]
        self.settle()
        self.model, self.tree = model, self.window.tree

    def settle(self) -> None:
        self.app.processEvents()
        self.window.grab()

    def stir(self) -> None:
        """The user's input (a mouse move over the tree), as the key or click that starts
        an action brings: the idle collector waits for a second without any."""
        stir(self.window)

    def timed(self, action: Callable[[], object], grab: bool = True) -> float:
        """Milliseconds until the window shows the result (`grab`: painted in full), after
        the input that starts it."""
        self.stir()
        started = time.perf_counter()
        action()
        self.app.processEvents()
        if grab:
            self.window.grab()
        return since(started)

    def command(self, name: str) -> Callable[[], object]:
        return self.window.actions_by_name[name].trigger

    def goal(self, row: int) -> object:
        return self.model.index(row, 0, self.model.index(0, 0))

    def big_parent(self) -> object:
        group = self.model.index(0, 0)
        return self.model.index(self.model.rowCount(group) - 1, 0, group)

    # -- the figures ---------------------------------------------------------------------
    def expand_all(self) -> None:
        say("Expand All", self.timed(self.command("expand_all")))
        say("memory with every row open", memory()[0], "MB")
        say("peak memory after Expand All", memory()[1], "MB")
        self.collector.collect()

    def subtree(self) -> None:
        if not hasattr(self.tree, "expand_subtree"):
            return
        self.tree.expand(self.model.index(0, 0))
        self.settle()
        ms = self.timed(lambda: self.tree.expand_subtree(self.goal(0)))
        say("subtree of a goal of 1,830, the rest closed", ms)
        self.tree.collapse(self.goal(0))
        self.settle()
        ms = self.timed(lambda: self.tree.expand_subtree(self.big_parent()))
        say("subtree of Big parent (10,000), the rest closed", ms)
        self.tree.collapse(self.big_parent())
        self.settle()

    def collapse_all(self) -> None:
        say("Collapse All", self.timed(self.command("collapse_all")))
        say("Expand All again (rows loaded)", self.timed(self.command("expand_all")))
        if hasattr(self.tree, "expand_subtree"):
            goal = self.goal(7)
            self.tree.collapse(goal)
            self.settle()
            ms = self.timed(lambda: self.tree.expand_subtree(goal))
            say("subtree of a goal of 1,830, the rest open", ms)

    reminding = False  # whether the reminders' index is made in the first scroll pass

    def remind_while_scrolling(self) -> None:
        """The reminders' index made from now on, beside the scroll frames that follow (as
        a moment after a plan opens), not before them."""
        scheduler = self.window.reminder_actions.scheduler
        scheduler.plan_opened()  # stops a look already under way or made
        scheduler._late_start.stop()
        for thread in threading.enumerate():
            if thread.name == "planner-reminders":
                thread.join()  # a build given up: not beside these frames
        scheduler.start_in_background()
        self.reminding = True

    longest_between = 0.0  # the longest pass of work between two frames (CPU, ms)

    def between_frames(self) -> None:
        """The moment before the user's next move (a mouse reports a drag some 8-16 ms
        apart): what is waiting runs (since frames8 the tree reads the rows the next frames
        will paint, a slice at a time, till done). Each pass of the event loop timed (CPU):
        an input coming then waits for it."""
        read_ahead = getattr(self.tree, "read_ahead", None)
        for _pass in range(10_000):
            cpu = time.thread_time()  # (the waiting for a timer is not work)
            self.app.processEvents()
            work = (time.thread_time() - cpu) * 1000
            self.longest_between = max(self.longest_between, work)
            if read_ahead is None or not read_ahead.busy:
                return

    def scrolling(self) -> None:
        bar = self.tree.verticalScrollBar()

        def frames(steps: int) -> tuple[list[float], list[float]]:
            """The scroll bar dragged: the mouse moves, the bar moves (wall; this thread's
            CPU)."""
            times, work = [], []
            for k in range(steps + 1):
                started, cpu = time.perf_counter(), time.thread_time()
                self.stir()
                bar.setValue(bar.maximum() * k // steps)
                self.app.processEvents()
                times.append(since(started))
                work.append((time.thread_time() - cpu) * 1000)
                self.between_frames()
            return times, work

        for name in ("first pass", "again"):
            times, work = frames(500)
            for label, value in zip(("median", "p95", "max"), quantiles(times), strict=True):
                say(f"scroll bar frame, {name}, {label}", value)
            for label, value in zip(("median", "p95", "max"), quantiles(work), strict=True):
                say(f"scroll bar frame, {name}, CPU, {label}", value)
            if name == "first pass" and self.reminding:
                made = self.window.reminder_actions.scheduler.index is not None
                say("the reminders' index made during the first pass", str(made), "")
        bar.setValue(0)
        self.tree.setFocus()
        self.tree.setCurrentIndex(self.model.index(0, 0))
        self.app.processEvents()
        times, work = [], []  # wall; this thread's CPU (the load moves the wall times)
        for _ in range(400):
            started, cpu = time.perf_counter(), time.thread_time()
            key = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier
            )
            QApplication.sendEvent(self.tree, key)
            self.app.processEvents()
            times.append(since(started))
            work.append((time.thread_time() - cpu) * 1000)
            self.between_frames()
        for label, value in zip(("median", "p95", "max"), quantiles(times), strict=True):
            say(f"Page Down frame, {label}", value)
        for label, value in zip(("median", "p95", "max"), quantiles(work), strict=True):
            say(f"Page Down frame, CPU, {label}", value)
        say("the first Page Down, CPU (the details panel shown at once)", work[0])
        say("the longest pass of work between frames, CPU", self.longest_between)
        say("memory after scrolling through every row", memory()[0], "MB")
        self.collector.collect()

    def actions(self) -> None:
        self._actions(self.model.item_id(self.goal(0)), "goal of 1,830", 1)
        # Big parent is its group's last row: it moves up.
        self._actions(self.model.item_id(self.big_parent()), "Big parent of 10,000", -1)

    def _actions(self, goal_id: int, what: str, step: int) -> None:
        window = self.window
        runs: dict[str, list[float]] = {}
        for _ in range(ROUNDS):
            window.reveal([goal_id])
            self.settle()
            for name, action in (
                ("move", lambda: window.items.move_by(step)),
                ("done", window.items.toggle_done),
                ("not done", window.items.toggle_done),
                ("delete", window.items.delete),
                ("undo delete", window.undo),
            ):
                runs.setdefault(name, []).append(self.timed(action, grab=False))
        for name, times in runs.items():
            say(f"{name}, {what}, every row open", statistics.median(times))
            say(f"{name}, {what}, every row open, slowest", max(times))
        index = self.model.index_for_item(goal_id)
        say(f"{what} still open after the actions", str(self.tree.isExpanded(index)), "")
        selected = str(self.tree.currentIndex() == index)
        say(f"{what} still selected after the actions", selected, "")

    def typing(self) -> None:
        goals = self.model.rowCount(self.model.index(0, 0))
        self.window.reveal([self.model.item_id(self.goal(min(3, goals - 1)))])
        self.settle()
        self.window.items.rename()
        self.settle()
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit), editor
        editor.end(False)
        times = []
        for char in "a longer title typed key by key":
            started = time.perf_counter()
            QTest.keyClick(editor, char)
            self.app.processEvents()
            times.append(since(started))
        QTest.keyClick(editor, Qt.Key.Key_Escape)
        self.settle()
        for label, value in zip(("median", "p95", "max"), quantiles(times), strict=True):
            say(f"typing a title, every row open, a key, {label}", value)

    def searching(self) -> None:
        """A query typed key by key in the search panel (its debounce left out): the true
        count and the first page of hits, shown and painted, every row open behind it."""
        panel = self.window.search
        times = []
        for query in ("child 1", "goal 7.3", "1.2"):
            for k in range(1, len(query) + 1):
                self.stir()  # the key typed
                panel.field.setText(query[:k])
                panel._timer.stop()
                started = time.perf_counter()
                panel.run()
                self.app.processEvents()
                panel.grab()
                times.append(since(started))
        say("search panel: matches of the last query", float(panel.hits.count), "")
        panel.field.clear()
        panel.run()
        self.settle()
        for label, value in zip(("median", "p95", "max"), quantiles(times), strict=True):
            say(f"search panel, a keystroke, every row open, {label}", value)

    def finish(self) -> None:
        say("peak memory with every row open", memory()[1], "MB")
        sys.stdout.flush()
        os._exit(0)


def main() -> None:
    run = Run(Path(sys.argv[1]), Path(sys.argv[2]))
    if "--quick" in sys.argv:
        run.expand_all()
        run.finish()
    if "--frames" in sys.argv:
        run.expand_all()
        run.remind_while_scrolling()
        run.scrolling()
        run.finish()
    run.subtree()
    run.expand_all()
    run.collapse_all()
    run.scrolling()
    run.actions()
    run.typing()
    run.searching()
    run.finish()


if __name__ == "__main__":
    main()
