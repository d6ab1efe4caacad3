"""Two programs on one plan, each in a process of its own, driven line by line: the window
(the real MainWindow, offscreen) and the command line (`planner` commands run one after
another in one process, each opening and closing the plan as a fresh `planner` does).

`python -m tests.helpers.plan_sides window PLAN SETTINGS` or `... cli PLAN` reads one JSON
request a line on standard input and answers each with one JSON line. `Side` starts one
and talks to it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _window_side(plan: Path, settings_file: Path) -> None:  # pragma: no cover - child
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from planner.app import open_plan, plan_files
    from planner.store.backups import make_backup
    from planner.ui.window.main_window import MainWindow

    app = QApplication([])
    said: list[str] = []  # what the window told the user (no modal box in the way)
    QMessageBox.warning = lambda _parent, _title, text, *_a: said.append(text)  # type: ignore
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(lambda p, c, **o: open_plan(p, create=c, **o), settings, files=plan_files())
    assert window.open_path(plan)
    window.show()
    app.processEvents()

    def handle(request: dict[str, Any]) -> Any:
        service, controller = window.service, window.controller
        assert service is not None and controller is not None
        op = request["op"]
        if op == "add":  # as Ctrl+N does: one undoable step through the controller
            outcomes = controller.run(
                "New goal", lambda: service.create_item(request["under"], request["title"])
            )
            return outcomes[0].ids[0] if outcomes else None
        if op == "backup":  # as the automatic backup does: in a thread beside the window
            made: list[object] = []

            def back_up() -> None:
                try:
                    made.append(make_backup(plan).name)
                except Exception as e:
                    made.append(e)

            thread = threading.Thread(target=back_up)
            thread.start()
            thread.join()
            if isinstance(made[0], Exception):
                raise made[0]
            return made[0]
        if op == "check":
            return service.check()
        if op == "rename":
            outcomes = controller.run(
                "Rename", lambda: service.edit(request["id"], title=request["title"])
            )
            return bool(outcomes)
        if op == "undo":  # Edit › Undo
            window.undo()
            return controller.stack.index()
        if op == "said":
            told, said[:] = list(said), []
            return told
        if op == "shows":  # the item's row is in the tree (it is selected to show it)
            window.reveal([request["id"]])
            return window.selected_ids() == [request["id"]]
        if op == "titles":
            return {r.id: r.title for r in service.all_items()}
        raise ValueError(op)

    _serve(handle, after_each=app.processEvents)
    window.close()


def _cli_side(plan: Path) -> None:  # pragma: no cover - child
    from planner.cli.main import run

    def handle(request: dict[str, Any]) -> Any:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = run(["--db", str(plan), *request["argv"]])
        return {"status": status, "out": out.getvalue(), "err": err.getvalue()}

    _serve(handle)


def _serve(handle: Any, after_each: Any = None) -> None:  # pragma: no cover - child
    print(json.dumps({"ready": os.getpid()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "quit":
            break
        try:
            answer = {"ok": handle(request)}
        except Exception as e:
            answer = {"error": f"{type(e).__name__}: {e}"}
        if after_each is not None:
            after_each()
        print(json.dumps(answer), flush=True)


class Side:
    """One program on the plan, in a child process."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.plan_sides", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert "ready" in json.loads(self._line())

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the side ended (status {self.process.wait()})")
        return line

    def ask(self, op: str, **request: Any) -> Any:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"op": op, **request}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self._line())
        if "error" in answer:
            raise AssertionError(answer["error"])
        return answer["ok"]

    def close(self) -> None:
        """Quit as the program would (the window closes its plan), and wait for it."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
        self.process.stdin.close()
        assert self.process.wait(timeout=60) == 0
        self._let_go()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=60)
        self._let_go()

    def _let_go(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


if __name__ == "__main__":  # pragma: no cover - child
    if sys.argv[1] == "window":
        _window_side(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        _cli_side(Path(sys.argv[2]))
