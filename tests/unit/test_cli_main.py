"""The command line's exit: a refusal or a file system error is one line and status 1; a
bug is not dressed up as either, it raises with its traceback."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from planner.app import open_plan
from planner.cli import main
from planner.services.plan import PlanService


def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.sqlite3"
    open_plan(path, create=True).store.close()
    return path


def failing_list(error: BaseException) -> object:
    def command(service: PlanService, args: argparse.Namespace) -> int:
        raise error

    return command


def test_a_file_system_error_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    path = plan(tmp_path)
    error = PermissionError(13, "Permission denied", "/somewhere/out.csv")
    monkeypatch.setitem(main.COMMANDS, "list", failing_list(error))
    assert main.run(["--db", str(path), "list"]) == 1
    assert capfd.readouterr().err == "planner: /somewhere/out.csv: Permission denied.\n"


def test_a_bug_raises_with_its_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = plan(tmp_path)
    monkeypatch.setitem(main.COMMANDS, "list", failing_list(ZeroDivisionError("a bug")))
    with pytest.raises(ZeroDivisionError, match="a bug"):
        main.run(["--db", str(path), "list"])


def test_no_command_opens_the_window_in_the_tray_if_asked() -> None:
    """--in-tray (the autostart entry's): the window to open, hidden where Planner is kept
    in the notification area."""
    assert main.run(["--in-tray"]) == main.OpenWindow(None, False, True)
    assert main.run([]) == main.OpenWindow(None, False, False)
