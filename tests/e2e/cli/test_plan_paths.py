"""Plan paths as people type them, and as two commands race on them: a name that is not
UTF-8, one too long, a '~user' nobody has, a link to nothing, a link to a plan, two first
commands at once, a backup kept outside the backups folder. Each works or gets one clear
line, and no file is made, replaced or deleted by a refused command."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from planner.domain.errors import PlanInUse
from planner.store.plan_lock import PlanLock
from tests.helpers.cli import Cli


def titles(cli: Cli, plan: Path | str) -> list[str]:
    lines = cli(plan, "list").ok().out.splitlines()
    return [line.strip().removeprefix("[ ] ").split("  #")[0] for line in lines]


@pytest.mark.skipif(sys.platform != "linux", reason="names are bytes on Linux only")
def test_a_plan_name_that_is_not_utf8_works_in_every_command(cli: Cli, tmp_path: Path) -> None:
    plan = os.fsdecode(os.fsencode(tmp_path) + b"/plan\xff.sqlite3")
    group = cli(plan, "group", "add", "Ideas").ok().out.strip()
    cli(plan, "add", "First", "--group", group).ok()
    assert titles(cli, plan) == ["Goals", "Ideas", "First"]
    cli(plan, "check").ok()
    cli(plan, "backup", "now").ok()
    assert os.listdir(os.fsencode(tmp_path)).count(b"plan\xff.sqlite3") == 1


def test_paths_that_cannot_name_a_plan_get_one_line(cli: Cli, tmp_path: Path) -> None:
    long = tmp_path / ("a" * 300 + ".sqlite3")
    cli(long, "group", "add", "G").refused("cannot name a plan file: File name too long")
    cli("~nosuchuser/plan.sqlite3", "list").refused(r"no user whose home folder '~' names")
    cli("~nosuchuser/plan.sqlite3", "group", "add", "G").refused("no user")
    assert os.listdir(tmp_path) == []


def test_a_link_to_nothing_is_never_replaced_nor_deleted(cli: Cli, tmp_path: Path) -> None:
    link = tmp_path / "plan.sqlite3"
    link.symlink_to(tmp_path / "usb" / "plan.sqlite3")  # a drive not mounted, say
    for command in (["group", "add", "G"], ["add", "T", "--group", "1"], ["list"]):
        cli(link, *command).refused("is a link to .*which does not exist.*left as it is")
        assert link.is_symlink() and sorted(os.listdir(tmp_path)) == ["plan.sqlite3"]


def test_a_link_to_a_plan_is_that_plan(cli: Cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.sqlite3"
    cli(plan, "group", "add", "G").ok()
    link = tmp_path / "link.sqlite3"
    link.symlink_to(plan)
    cli(link, "add", "Through the link", "--group", "2").ok()
    assert titles(cli, plan)[-1] == "Through the link"
    held = PlanLock(plan)
    held.acquire()  # a window on the plan...
    try:
        with pytest.raises(PlanInUse):
            PlanLock(link).acquire()  # ...and a second window through the link: refused
        other = PlanLock(tmp_path / "other.sqlite3")
        other.acquire()  # ...while a window on another plan beside it is not
        other.release()
    finally:
        held.release()


@pytest.mark.e2e
def test_two_first_commands_at_once_make_one_plan_with_both(
    cli: Cli, cli_process: Cli, tmp_path: Path
) -> None:
    for attempt in range(5):
        plan = tmp_path / f"plan{attempt}.sqlite3"
        with ThreadPoolExecutor(2) as pool:  # two processes racing to make the plan
            made = list(pool.map(cli_process, [plan, plan], ["group"] * 2, ["add"] * 2, ["A", "B"]))
        for result in made:
            result.ok()
        assert sorted(titles(cli, plan)) == ["A", "B", "Goals"]


def test_a_refused_first_command_leaves_no_plan(cli: Cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.sqlite3"
    cli(plan, "add", "x" * 501, "--group", "1").refused("at most 500 characters")
    assert os.listdir(tmp_path) == []


def test_a_backup_kept_anywhere_can_be_restored(cli: Cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.sqlite3"
    cli(plan, "group", "add", "Kept").ok()
    copy = cli(plan, "backup", "now").ok().out.strip()
    moved = tmp_path / "elsewhere.sqlite3"
    Path(copy).rename(moved)
    cli(plan, "group", "add", "Later").ok()
    cli(plan, "backup", "restore", moved).ok()
    assert titles(cli, plan) == ["Goals", "Kept"]
    cli(plan, "backup", "restore", plan).refused("is the plan itself")
    cli(plan, "backup", "restore", tmp_path / "nothing.sqlite3").refused("nor a file")
