"""Backups: made with SQLite's backup API beside the plan, one a day, the last 7 kept,
listed with date and item count, restored after backing up the present state."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from planner.app import open_plan
from planner.domain.errors import PlanFileError
from planner.services.plan import PlanService
from planner.store import backups
from tests.helpers.clock import FakeClock


def titles(path: Path) -> list[str]:
    service = open_plan(path)
    try:
        return [r.title for r in service.all_items()]
    finally:
        service.store.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_is_a_complete_plan_beside_it(service: PlanService, plan_path: Path) -> None:
    group = service.first_group()
    assert group is not None
    service.create_item(group.id, "Only in the log so far")  # not yet checkpointed
    made = backups.make_backup(plan_path, datetime(2026, 12, 1, 9, 30, 5))
    assert made.parent == plan_path.parent / "backups"
    assert made.name == "plan 2026-12-01 09.30.05.sqlite3"
    # One self-contained file: no write-ahead log needed to read it.
    assert not Path(f"{made}-wal").exists()
    con = sqlite3.connect(f"file:{made}?mode=ro", uri=True)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    assert titles(made) == ["Goals", "Only in the log so far"]
    [listed] = backups.list_backups(plan_path)
    assert listed.path == made and listed.items == 2
    assert listed.made == datetime(2026, 12, 1, 9, 30, 5)
    assert listed.label == "Dec 1, 2026, 9:30:05\u202fAM  (2 items)"  # as Babel shows a moment


def test_one_a_day_and_the_last_seven_kept(service: PlanService, plan_path: Path) -> None:
    group = service.first_group()
    assert group is not None
    day = datetime(2026, 11, 1, 8, 0).astimezone()
    assert backups.daily_backup(plan_path, day) is not None
    assert backups.daily_backup(plan_path, day + timedelta(hours=5)) is None
    for n in range(1, 10):
        service.create_item(group.id, f"Day {n}")
        assert backups.daily_backup(plan_path, day + timedelta(days=n)) is not None
    kept = backups.list_backups(plan_path)
    assert len(kept) == 7
    # Newest first, each with the plan as it was that day.
    assert [b.made.day for b in kept] == [10, 9, 8, 7, 6, 5, 4]
    assert [b.items for b in kept] == [10, 9, 8, 7, 6, 5, 4]  # Goals and Day 1..n


def test_backups_of_other_plans_in_the_folder_are_left_alone(
    service: PlanService, plan_path: Path, clock: FakeClock
) -> None:
    other = plan_path.with_name("other.sqlite3")
    open_plan(other, create=True, clock=clock).store.close()
    backups.make_backup(other)
    backups.make_backup(plan_path)
    assert len(backups.list_backups(plan_path)) == 1
    assert backups.prune(plan_path, keep=0)
    assert len(backups.list_backups(other)) == 1


def test_restore_backs_up_the_present_state_first(service: PlanService, plan_path: Path) -> None:
    group = service.first_group()
    assert group is not None
    service.create_item(group.id, "Kept")
    old = backups.make_backup(plan_path, datetime(2026, 11, 30, 10, 0))
    service.create_item(group.id, "Added after the backup")
    # Restored under an open connection (as the command line may have it): it sees the
    # restored plan at its next read.
    kept = backups.restore_backup(plan_path, old)
    assert [r.title for r in service.all_items()] == ["Goals", "Kept"]
    assert kept is not None and titles(kept) == ["Goals", "Kept", "Added after the backup"]
    assert service.check() == []
    assert len(backups.list_backups(plan_path)) == 2


def test_restore_over_a_damaged_plan_keeps_it_aside_unchanged(
    service: PlanService, plan_path: Path
) -> None:
    group = service.first_group()
    assert group is not None
    service.create_item(group.id, "Safe")
    made = backups.make_backup(plan_path)
    service.store.close()
    data = plan_path.read_bytes()
    plan_path.write_bytes(data[:4096] + b"junk" * 1024 + data[8192:])
    damaged = digest(plan_path)
    kept = backups.restore_backup(plan_path, made)
    assert kept is not None and "damaged" in kept.name
    assert digest(kept) == damaged
    assert titles(plan_path) == ["Goals", "Safe"]


def test_a_damaged_backup_is_listed_as_such_and_not_restored(
    service: PlanService, plan_path: Path
) -> None:
    made = backups.make_backup(plan_path)
    made.write_bytes(b"not a plan at all" * 100)
    [listed] = backups.list_backups(plan_path)
    assert listed.items is None and "damaged" in listed.label and listed.problem
    before = digest(plan_path)
    with pytest.raises(PlanFileError):
        backups.restore_backup(plan_path, made)
    assert digest(plan_path) == before


def test_a_cut_off_backup_is_never_listed(service: PlanService, plan_path: Path) -> None:
    folder = plan_path.parent / "backups"
    folder.mkdir()
    cut_off = folder / ".partial-123-plan 2026-12-01 09.30.05.sqlite3"
    cut_off.write_bytes(b"SQLite")
    two_days_ago = time.time() - 2 * 86400
    os.utime(cut_off, (two_days_ago, two_days_ago))
    in_progress = folder / ".partial-abc.sqlite3"  # another process's backup, being written
    in_progress.write_bytes(b"SQLite")
    assert backups.list_backups(plan_path) == []
    made = backups.make_backup(plan_path)
    assert sorted(folder.iterdir()) == [in_progress, made]


def test_backups_of_plans_sharing_a_folder_made_at_once_all_succeed(tmp_path: Path) -> None:
    plans = [tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"]
    for plan in plans:
        open_plan(plan, create=True).store.close()
    now = datetime(2026, 12, 6, 9, 30, 5)  # one second for all: the names must not clash

    def back_up(plan: Path) -> Path:
        return backups.make_backup(plan, now)

    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(back_up, plans * 12))
    assert len(set(made)) == 24
    for plan in plans:
        listed = backups.list_backups(plan)
        assert len(listed) == 12 and all(b.items == 1 for b in listed)
    assert not list((tmp_path / "backups").glob(".partial-*"))
