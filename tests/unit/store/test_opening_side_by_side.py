"""Looking at a plan while other processes open, change and close it: the last one to
close takes the write-ahead log away, and the look must neither stumble over the missing
file ("plan.sqlite3-wal: No such file or directory", seen in CI on commands run side by
side) nor read a log that is being merged as a damaged one, nor a file whose size and header
a checkpoint changes between two reads as "cut short" (seen under load, and on a memory
disk five runs in six: there no process had the log open when the look began, so it held
no lock, and another opened, wrote, merged and closed between its reads of the size and
the header). On a memory disk where there is one: the race is within reach there."""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.store.plan_check import inspect_plan
from planner.store.plan_file import create_plan

SECONDS = 6.0
OTHERS = 3


def _open_change_close(path: str, stop: multiprocessing.synchronize.Event) -> None:
    while not stop.is_set():
        con = sqlite3.connect(path, timeout=10)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("SELECT count(*) FROM items").fetchall()
        if random.random() < 0.5:
            # A new row: the last to close merges it into a longer file (the header's page
            # count and the file's size change together, under SQLite's lock).
            con.execute(
                "INSERT INTO items (kind, parent_id, position, title, notes, created, "
                "priority, status) VALUES ('item', 1, 0, 'x', hex(randomblob(3000)), "
                "'2026-01-01T00:00:00+00:00', 0, 'active')"
            )
            con.commit()
        con.close()  # the last to close merges the log and deletes it
        time.sleep(random.random() * 0.002)


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A folder on the memory disk (/dev/shm) when it has room, else the test's own."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 2**28):
        yield tmp_path
        return
    made = Path(tempfile.mkdtemp(prefix="planner-test-", dir=shm))
    try:
        yield made
    finally:
        shutil.rmtree(made, ignore_errors=True)


def test_looking_at_a_plan_others_open_and_close_never_fails(folder: Path) -> None:
    plan = folder / "plan.sqlite3"
    create_plan(plan, "Goals")
    stop = multiprocessing.get_context("spawn").Event()
    others = [
        multiprocessing.get_context("spawn").Process(
            target=_open_change_close, args=(str(plan), stop)
        )
        for _ in range(OTHERS)
    ]
    for other in others:
        other.start()
    looks = 0
    try:
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            inspect_plan(plan)  # raised FileNotFoundError now and then before the fix
            looks += 1
    finally:
        stop.set()
        for other in others:
            other.join(30)
    assert looks > 100
    assert not list(folder.glob("*.damaged *"))
    con = sqlite3.connect(plan)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
