"""A plan whose log was damaged after five acknowledged changes: every command says so
before SQLite could drop the change it cannot read, the log is kept (never deleted by a
command that only reads), a copy is set aside, and the user chooses: a backup, or the
plan as it can be read."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.helpers.cli import Cli
from tests.helpers.logs import junk_in_log, plan_left_with_log

# The plans are left by a process that dies with its changes in the log: a real one.
pytestmark = pytest.mark.e2e

TITLES = [f"Item {n}" for n in range(1, 6)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listed(cli: Cli, plan: Path) -> list[str]:
    lines = cli(plan, "list").ok().out.splitlines()[1:]
    return [line.strip().removeprefix("[ ] ").split("  #")[0] for line in lines]


def test_a_damaged_log_is_reported_kept_and_the_user_chooses(cli: Cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.sqlite3"
    wal = Path(f"{plan}-wal")
    plan_left_with_log(plan, TITLES)
    cli(plan, "backup", "now").ok()  # reads what it can; changes nothing
    damaged = junk_in_log(plan, -1000)  # near the end: in the last change
    before = digest(plan)

    for command in (["list"], ["check"], ["show", "2"], ["export", "--format", "json"]):
        refused = cli(plan, *command).refused(r"\(its -wal file\) is damaged: 1 saved change")
        assert "`planner check --accept-damaged-log`" in refused.err
        assert "`planner backup restore N`" in refused.err
        assert wal.read_bytes() == damaged and digest(plan) == before
    for command in (["add", "More", "--group", "1"], ["done", "2"]):
        cli(plan, *command).refused("is damaged")
        assert wal.read_bytes() == damaged and digest(plan) == before
    [copy] = tmp_path.glob("plan.sqlite3-wal.damaged *")
    assert copy.read_bytes() == damaged  # once, however often it was reported

    assert "6 items" in cli(plan, "backup", "list").ok().out  # made before: 5 and the group
    accepted = cli(plan, "check", "--accept-damaged-log").ok()
    assert "The plan is sound" in accepted.out
    assert listed(cli, plan) == TITLES[:4]
    assert copy.read_bytes() == damaged and list(tmp_path.glob("*.damaged *")) == [copy]


def test_restoring_a_backup_sets_the_plan_and_its_damaged_log_aside(
    cli: Cli, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.sqlite3"
    plan_left_with_log(plan, TITLES)
    cli(plan, "backup", "now").ok()
    damaged = junk_in_log(plan, -1000)
    cli(plan, "backup", "restore", "1").ok()  # made before the damage: all five
    [aside] = [
        p for p in tmp_path.glob("plan.sqlite3.damaged *") if p.name[-4:] not in ("-wal", "-shm")
    ]
    assert aside.with_name(aside.name + "-wal").exists()
    assert Path(f"{aside}-wal").read_bytes() == damaged
    assert listed(cli, plan) == TITLES
