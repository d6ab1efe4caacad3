"""`planner backup list|now|restore` and the plan's rules in `planner check`, on real
files; a restore refused while another process holds the plan."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

import pytest

from planner.store.plan_lock import PlanLock
from tests.helpers.built_plan import Plan
from tests.helpers.cli import Cli


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_list_now_and_restore(cli: Cli, plan: Plan) -> None:
    empty = cli(plan.path, "backup", "list").ok()
    assert empty.out.startswith("No backups of")
    made = Path(cli(plan.path, "backup", "now").ok().out.strip())
    assert made.parent == plan.path.parent / "backups" and made.exists()
    cli(plan.path, "add", "After the backup", "--group", plan["Home"]).ok()
    listed = cli(plan.path, "backup", "list").ok().out.splitlines()
    assert listed[0].startswith("Backups in")
    assert listed[1].split()[0] == "1" and "14 items" in listed[1] and made.name in listed[1]
    restored = cli(plan.path, "backup", "restore", "1").ok()
    assert restored.out.startswith("Restored the backup of")
    assert "The plan as it was is kept in" in restored.out
    assert "After the backup" not in cli(plan.path, "list").ok().out
    # The state before the restore is the newest backup now, with its 15 items.
    newest = cli(plan.path, "backup", "list").ok().out.splitlines()[1]
    assert "15 items" in newest
    cli(plan.path, "check").ok()


@pytest.mark.e2e
def test_restore_by_file_name_and_refusals(cli: Cli, cli_process: Cli, plan: Plan) -> None:
    made = Path(cli(plan.path, "backup", "now").ok().out.strip())
    cli(plan.path, "backup", "restore", made.name).ok()
    before = digest(plan.path)
    cli(plan.path, "backup", "restore", "7").refused("There is no backup '7'")
    cli(plan.path, "backup", "restore", "nonsense.sqlite3").refused("backup list")
    lock = PlanLock(plan.path)
    lock.acquire()  # as a window showing the plan would, in a process of its own
    try:
        restore = cli_process(plan.path, "backup", "restore", "1")
        restore.refused("already open in another Planner window")
    finally:
        lock.release()
    assert digest(plan.path) == before


def test_a_damaged_plan_is_restored_and_kept_aside(cli: Cli, plan: Plan) -> None:
    cli(plan.path, "backup", "now").ok()
    data = bytearray(plan.path.read_bytes())
    data[4096:8192] = b"\xde\xad" * 2048
    plan.path.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        Path(f"{plan.path}{side}").unlink(missing_ok=True)
    damaged = digest(plan.path)
    cli(plan.path, "list").refused("damaged")
    cli(plan.path, "backup", "restore", "1").ok()
    [aside] = [p for p in plan.path.parent.iterdir() if ".damaged" in p.name]
    assert digest(aside) == damaged
    assert "Renovate kitchen" in cli(plan.path, "list").ok().out


def test_backups_of_a_missing_plan(cli: Cli, tmp_path: Path) -> None:
    cli(tmp_path / "none.sqlite3", "backup", "list").refused("There is no plan at")
    cli(tmp_path / "none.sqlite3", "backup", "now").refused("There is no plan at")
    assert list(tmp_path.iterdir()) == []


def test_check_names_broken_rules_in_plain_words(cli: Cli, plan: Plan) -> None:
    with contextlib.closing(sqlite3.connect(plan.path)) as con, con:
        con.execute("UPDATE items SET done_at = NULL WHERE id = ?", (plan["Buy shoes"],))
        con.execute(
            "UPDATE items SET parent_id = ? WHERE id = ?", (plan["Week 1"], plan["Training plan"])
        )
    broken = cli(plan.path, "check")
    assert broken.code == 1
    assert (
        f"Item {plan['Buy shoes']} ('Buy shoes') is in Done but has no date it was done."
        in broken.out
    )
    cycle = sorted([plan["Week 1"], plan["Training plan"]])
    assert f"Items {cycle[0]} and {cycle[1]} are inside a cycle" in broken.out
    assert broken.err == "planner: The plan has 2 problems, listed above.\n"
