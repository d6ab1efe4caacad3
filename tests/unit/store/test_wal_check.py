"""The log is read as SQLite's recovery reads it: a damaged log whose recovery would drop
acknowledged commits is found before the plan is opened, and told from a log whose last
write was merely cut off. Checked against SQLite itself: a copy of the plan is recovered
by SQLite and its items counted."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.store.wal_check import LogReading, log_held, read_held_log, read_log
from tests.helpers.logs import frames, junk_in_log, plan_left_with_log

# The plan is left by a process that dies with its changes in the log: a real one.
pytestmark = pytest.mark.e2e

TITLES = [f"Item {n}" for n in range(1, 6)]


def check_log(plan: Path) -> LogReading:
    """What inspect_plan reads of the plan's log, as it reads it (under the log's lock)."""
    with log_held(plan) as index_fd:
        assert index_fd is not None  # no other process uses these plans
        return read_held_log(plan, index_fd)


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan whose five items are still in its log (made once, copied by each test)."""
    path = tmp_path_factory.mktemp("crashed") / "plan.sqlite3"
    plan_left_with_log(path, TITLES)
    return path


def copy_of(crashed: Path, folder: Path, index: bool = True) -> Path:
    path = folder / "plan.sqlite3"
    for suffix in ("", "-wal", *(["-shm"] if index else [])):
        shutil.copyfile(f"{crashed}{suffix}", f"{path}{suffix}")
    return path


def items_sqlite_recovers(path: Path, log: bytes) -> int:
    """How many of the items SQLite's own recovery finds in a fresh copy of the plan."""
    folder = path.parent / "recovered"
    folder.mkdir(exist_ok=True)
    copy = folder / "plan.sqlite3"
    shutil.copyfile(path, copy)
    Path(f"{copy}-wal").write_bytes(log)
    Path(f"{copy}-shm").unlink(missing_ok=True)
    con = sqlite3.connect(copy)
    try:
        (n,) = con.execute("SELECT count(*) FROM items WHERE title LIKE 'Item %'").fetchone()
    finally:
        con.close()
    shutil.rmtree(folder)
    return int(n)


def test_a_sound_log_keeps_every_commit(crashed: Path, tmp_path: Path) -> None:
    path = copy_of(crashed, tmp_path)
    reading = check_log(path)
    assert reading.kept == 5 and not reading.damaged  # one commit an item


def test_junk_in_the_middle_drops_the_commits_after_it(crashed: Path, tmp_path: Path) -> None:
    path = copy_of(crashed, tmp_path, index=False)  # even without the index
    log = Path(f"{path}-wal").read_bytes()
    commits = [offset for offset, commit in frames(log) if commit]
    damaged = junk_in_log(path, commits[-3] + 24 + 100)  # in the third last commit's page
    assert items_sqlite_recovers(path, damaged) == 2
    assert check_log(path).kept == 2 and check_log(path).lost == 3


def test_junk_in_the_last_commit_is_found_through_the_index(crashed: Path, tmp_path: Path) -> None:
    path = copy_of(crashed, tmp_path)
    damaged = junk_in_log(path, -1000)  # near the end: the last commit's own frame
    assert items_sqlite_recovers(path, damaged) == 4  # what `planner list` showed
    reading = check_log(path)
    assert reading.damaged and reading.lost == 1
    # Without the index that damage looks like a write cut off by a crash: not reported.
    assert not read_log(damaged).damaged


def test_a_broken_log_header_loses_everything(crashed: Path, tmp_path: Path) -> None:
    path = copy_of(crashed, tmp_path, index=False)
    damaged = junk_in_log(path, 24)  # the header's own checksum
    assert items_sqlite_recovers(path, damaged) == 0
    assert check_log(path).lost == 5


def test_a_write_cut_off_by_a_crash_is_not_damage(crashed: Path, tmp_path: Path) -> None:
    path = copy_of(crashed, tmp_path, index=False)
    wal = Path(f"{path}-wal")
    log = wal.read_bytes()
    wal.write_bytes(log[:-1000])  # the last frame only partly written
    assert check_log(path).kept == 4 and not check_log(path).damaged
    offset, _ = frames(log)[-1]
    torn = log[: offset + 24] + bytes(len(log) - offset - 24)  # its page never written
    assert not read_log(torn).damaged


def test_an_acknowledged_commit_cut_off_is_damage(crashed: Path, tmp_path: Path) -> None:
    path = copy_of(crashed, tmp_path)  # the index says the last frame was committed
    wal = Path(f"{path}-wal")
    wal.write_bytes(wal.read_bytes()[:-1000])
    assert check_log(path).damaged


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(where=st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
def test_with_the_index_every_loss_sqlite_would_make_is_found(
    crashed: Path, tmp_path: Path, where: float
) -> None:
    folder = tmp_path / f"case{where!r}"
    folder.mkdir()
    path = copy_of(crashed, folder)
    log = Path(f"{path}-wal").read_bytes()
    at = 32 + int(where * (len(log) - 40))
    damaged = junk_in_log(path, at)
    if damaged == log:
        return  # the junk landed on the same bytes
    lost = 5 - items_sqlite_recovers(path, damaged)
    reading = check_log(path)
    assert reading.damaged == (lost > 0)
    assert reading.kept == 5 - lost
    shutil.rmtree(folder)
