"""The window's side of "nothing lost": files that cannot be opened (a dialog with ways
on, the file unchanged), backups (automatic, restore), File › Check Plan, a full disk, and
one window per plan."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from planner.app import open_plan, plan_files
from planner.services.plan import PlanService
from planner.store import backups
from planner.store.plan_lock import lock_path
from planner.ui.dialogs.backups import BackupDialog
from planner.ui.window.main_window import MainWindow
from tests.helpers.bad_files import CASES, Writer, cap_growth
from tests.helpers.clock import FakeClock
from tests.helpers.logs import junk_in_log, plan_left_with_log
from tests.helpers.other_user import as_other_user
from tests.helpers.window import MakeWindow, model_of, rows

ROOT = Path(__file__).resolve().parents[3]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Dialogs:
    """Answers the modal dialogs the window opens, in order, and remembers what they said."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.seen: list[dict[str, Any]] = []
        self._answers: list[Callable[[Any], None]] = []

    def then(self, answer: Callable[[Any], None]) -> Dialogs:
        self._answers.append(answer)
        if len(self._answers) == 1:
            QTimer.singleShot(0, self._answer)
        return self

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, self._answer)
            return
        buttons = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        info = dialog.informativeText() if isinstance(dialog, QMessageBox) else ""
        self.seen.append(
            {"name": dialog.objectName(), "text": text, "info": info, "buttons": buttons}
        )
        answer = self._answers.pop(0)
        answer(dialog)
        if self._answers:
            QTimer.singleShot(0, self._answer)


def click(label: str) -> Callable[[Any], None]:
    def answer(dialog: Any) -> None:
        for button in dialog.findChildren(QPushButton):
            if button.text() == label:
                button.click()
                return
        raise AssertionError(f"no button {label!r}")

    return answer


def accept(dialog: Any) -> None:
    dialog.accept()


@pytest.fixture
def window(qtbot: Any, clock: FakeClock, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        lambda p, c, **o: open_plan(p, create=c, clock=clock, **o),
        settings,
        clock=clock,
        files=plan_files(),
    )
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


# -- files that cannot be opened ---------------------------------------------------------


@pytest.mark.parametrize(("write", "message"), CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_a_file_that_is_not_right_gets_a_dialog_and_is_left_as_it_was(
    qtbot: Any, window: MainWindow, plan_path: Path, clock: FakeClock, write: Writer, message: str
) -> None:
    write(plan_path, clock)
    before = digest(plan_path)
    dialogs = Dialogs(qtbot).then(click("Cancel"))
    assert not window.open_path(plan_path)
    [seen] = dialogs.seen
    assert seen["name"] == "planProblem"
    assert message in seen["text"] and str(plan_path) in seen["text"]
    assert "not changed" in seen["info"]
    assert seen["buttons"] == ["Choose Another File…", "Create a New Plan…", "Cancel"]
    assert digest(plan_path) == before
    assert window.service is None


def test_a_damaged_plan_is_replaced_by_its_backup_and_kept_aside(
    qtbot: Any, window: MainWindow, plan_path: Path, clock: FakeClock
) -> None:
    service = open_plan(plan_path, create=True, clock=clock)
    group = service.first_group()
    assert group is not None
    service.create_item(group.id, "Saved in the backup")
    backups.make_backup(plan_path)
    service.store.close()
    data = bytearray(plan_path.read_bytes())
    data[4096:8192] = os.urandom(4096)
    plan_path.write_bytes(bytes(data))
    damaged = digest(plan_path)
    dialogs = Dialogs(qtbot).then(click("Open a Backup…")).then(accept)
    assert window.open_path(plan_path)
    assert dialogs.seen[0]["buttons"][0] == "Open a Backup…"
    assert dialogs.seen[1]["name"] == "backupDialog"
    window.model.load_rows(model_of(window).index(0, 0))  # type: ignore[union-attr]
    assert rows(model_of(window), model_of(window).index(0, 0)) == ["Saved in the backup"]
    [aside] = [p for p in plan_path.parent.iterdir() if ".damaged" in p.name]
    assert digest(aside) == damaged
    assert "Restored the backup" in window.statusBar().currentMessage()


@pytest.mark.e2e
def test_a_damaged_log_is_reported_and_the_plan_opened_without_what_it_lost(
    qtbot: Any, window: MainWindow, plan_path: Path
) -> None:
    plan_left_with_log(plan_path, ["Kept", "Lost"])
    damaged = junk_in_log(plan_path, -1000)
    dialogs = Dialogs(qtbot).then(click("Cancel"))
    assert not window.open_path(plan_path)
    [seen] = dialogs.seen
    assert "is damaged: 1 saved change" in seen["text"]
    assert seen["buttons"] == [
        "Open Without Them",
        "Choose Another File…",
        "Create a New Plan…",
        "Cancel",
    ]
    assert Path(f"{plan_path}-wal").read_bytes() == damaged

    dialogs = Dialogs(qtbot).then(click("Open Without Them"))
    assert window.open_path(plan_path)
    window.model.load_rows(model_of(window).index(0, 0))  # type: ignore[union-attr]
    assert rows(model_of(window), model_of(window).index(0, 0)) == ["Kept"]
    [copy] = plan_path.parent.glob("plan.sqlite3-wal.damaged *")
    assert copy.read_bytes() == damaged


def test_a_missing_plan_can_be_created_from_the_dialog(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "moved away.sqlite3"
    dialogs = Dialogs(qtbot).then(click("Create It"))
    assert window.open_path(path)
    assert "There is no plan at" in dialogs.seen[0]["text"]
    assert path.exists() and window.plan_path == path
    assert rows(model_of(window)) == ["Goals"]


# -- backups -----------------------------------------------------------------------------


def test_opening_a_plan_backs_it_up_once_a_day(
    make_window: MakeWindow, service: PlanService, plan_path: Path
) -> None:
    window = make_window(create=False)
    window.auto_backup.wait()
    [first] = backups.list_backups(plan_path)
    assert first.items == 1
    window.close()
    window = make_window(create=False)
    window.auto_backup.wait()
    assert backups.list_backups(plan_path) == [first]


def test_restore_from_backup_in_the_file_menu(
    qtbot: Any,
    make_window: MakeWindow,
    service: PlanService,
    plan_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    group = service.first_group()
    assert group is not None
    service.create_item(group.id, "In the backup")
    backups.make_backup(plan_path)
    window = make_window(create=False)
    window.auto_backup.wait()
    window.controller.run("Add", lambda: service.create_item(group.id, "Added later"))  # type: ignore[union-attr]
    assert window.controller.stack.count() == 1  # type: ignore[union-attr]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog = BackupDialog(plan_path, plan_files())
    assert dialog.list.count() == 1 and "2 items" in dialog.list.item(0).text()
    Dialogs(qtbot).then(accept)
    window.actions_by_name["restore_backup"].trigger()
    model = model_of(window)
    model.load_rows(model.index(0, 0))
    assert rows(model, model.index(0, 0)) == ["In the backup"]
    assert window.controller.stack.count() == 0  # type: ignore[union-attr]
    # The state before the restore is itself a backup now.
    assert [b.items for b in backups.list_backups(plan_path)][:1] == [3]


# -- check plan ----------------------------------------------------------------------------


def test_check_plan_says_sound_or_lists_problems_in_plain_words(
    qtbot: Any,
    make_window: MakeWindow,
    service: PlanService,
    plan_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    group = service.first_group()
    assert group is not None
    a = service.create_item(group.id, "A").ids[0]
    b = service.create_item(a, "B").ids[0]
    window = make_window(create=False)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: said.append(text))
    window.actions_by_name["check_plan"].trigger()
    assert said and said[0].startswith("The plan is sound: 3 items and groups")
    # The time it took is one unbreakable word: "(0.1\xa0sec)", never "(0.1" and "s)".
    assert re.search(r"\(\d+\.\d\xa0sec\)\.$", said[0]), said[0]
    con = sqlite3.connect(plan_path)
    with con:
        con.execute("UPDATE items SET parent_id = ? WHERE id = ?", (b, a))
    con.close()
    dialogs = Dialogs(qtbot).then(click("OK"))
    window.actions_by_name["check_plan"].trigger()
    [seen] = dialogs.seen
    assert seen["name"] == "checkResult"
    assert seen["text"] == "The plan has 1 problem:"
    assert f"Items {a} and {b} are inside a cycle" in seen["info"]


# -- a full disk ---------------------------------------------------------------------------


def test_a_full_disk_fails_the_action_and_keeps_tree_and_undo_as_they_were(
    make_window: MakeWindow,
    service: PlanService,
    plan_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    group = service.first_group()
    assert group is not None
    item = service.create_item(group.id, "Trip").ids[0]
    window = make_window(create=False)
    window.controller.run("Edit", lambda: service.edit(item, title="Trip to Porto"))  # type: ignore[union-attr]
    stack = window.controller.stack  # type: ignore[union-attr]
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text: errors.append(text))
    cap_growth(window.service.store.engine)  # type: ignore[union-attr]
    model = model_of(window)
    model.load_rows(model.index(0, 0))
    shown = rows(model, model.index(0, 0))
    window.details.editRequested.emit(item, {"notes": "A long note. " * 50_000})
    assert errors == ["The disk is full. The change was not saved."]
    assert stack.count() == 1 and stack.undoText() == "Edit"
    assert rows(model, model.index(0, 0)) == shown
    assert window.service.get(item).notes == ""  # type: ignore[union-attr]
    assert window.service.check() == []  # type: ignore[union-attr]
    window.undo()  # the history still works
    assert window.service.get(item).title == "Trip"  # type: ignore[union-attr]


# -- two processes, one plan -----------------------------------------------------------------

HOLDER = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from planner.app import open_plan, plan_files
from planner.ui.window.main_window import MainWindow
app = QApplication([])
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(lambda p, c: open_plan(p, create=c), settings, files=plan_files())
assert window.open_path(Path(sys.argv[1]))
window.show()
app.processEvents()
print("open", flush=True)
time.sleep(120)
"""


@pytest.mark.e2e
def test_a_plan_open_in_another_process_is_refused_until_it_is_killed(
    qtbot: Any, window: MainWindow, service: PlanService, plan_path: Path, tmp_path: Path
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(plan_path), str(tmp_path / "other.ini")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        before = digest(plan_path)
        dialogs = Dialogs(qtbot).then(click("Cancel"))
        assert not window.open_path(plan_path)
        assert "already open in another Planner window" in dialogs.seen[0]["text"]
        assert digest(plan_path) == before
        # The command line still works beside the window: SQLite keeps both safe.
        group = service.first_group()
        assert group is not None
        service.create_item(group.id, "From the command line")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        if holder.stdout:
            holder.stdout.close()
    # Killed, it holds nothing: no stale lock stands in the way.
    assert lock_path(plan_path).exists()
    assert window.open_path(plan_path)
    model = model_of(window)
    model.load_rows(model.index(0, 0))
    assert rows(model, model.index(0, 0)) == ["From the command line"]


# -- a read-only plan in the window ----------------------------------------------------------

READ_ONLY_WINDOW = r"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from planner.app import open_plan, plan_files
from planner.ui.window.main_window import MainWindow
app = QApplication([])
errors = []
QMessageBox.warning = staticmethod(lambda _w, _t, text: errors.append(text))
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(lambda p, c: open_plan(p, create=c), settings, files=plan_files())
opened = window.open_path(Path(sys.argv[1]))
window.show()
app.processEvents()
item = window.service.children(window.service.first_group().id)[0]
window.reveal([item.id])
window.items.toggle_done()
window.details.editRequested.emit(item.id, {"title": "Changed"})
app.processEvents()
print(json.dumps({
    "opened": opened,
    "title": window.windowTitle(),
    "status": window.statusBar().currentMessage(),
    "errors": errors,
    "undo": window.controller.stack.count(),
    "item": window.service.get(item.id).title,
}))
window.close()
"""


@pytest.mark.e2e
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_plan_opens_read_only_and_refuses_edits(shared_dir: Path, what: str) -> None:
    import json

    folder = shared_dir / "plans"
    folder.mkdir()
    path = folder / "plan.sqlite3"
    service = open_plan(path, create=True)
    group = service.first_group()
    assert group is not None
    service.create_item(group.id, "Look, do not touch")
    service.store.close()
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    path.chmod(0o444 if what == "file" else 0o644)
    folder.chmod(0o555 if what == "folder" else 0o755)
    before = digest(path)
    # A plain environment of its own: the other user cannot use this one's runtime folders.
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "HOME": str(shared_dir),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    proc = subprocess.run(
        [
            *as_other_user(),
            sys.executable,
            "-c",
            READ_ONLY_WINDOW,
            str(path),
            str(shared_dir / "s.ini"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["opened"]
    assert result["title"] == "plan (read-only) — Planner"
    assert "read-only" in result["status"]
    assert len(result["errors"]) == 2
    assert all(e.startswith("This plan is open read-only") for e in result["errors"])
    assert result["undo"] == 0 and result["item"] == "Look, do not touch"
    assert digest(path) == before
