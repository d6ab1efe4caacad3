"""Files that are not usable plans, each with the words its refusal must hold, and a disk
that fills up: shared by the store's, the command line's and the window's tests."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from planner.app import open_plan
from tests.helpers.clock import FakeClock

Writer = Callable[[Path, FakeClock], None]


def make_plan(path: Path, clock: FakeClock, items: int = 0) -> None:
    """A sound plan with `items` items, one change each (at the clock's time): made once,
    then its bytes copied (closed, the plan is one file)."""
    key = (items, clock.now)
    if key in _made:
        path.write_bytes(_made[key])
        return
    service = open_plan(path, create=True, clock=clock)
    group = service.first_group()
    assert group is not None
    for i in range(items):
        service.create_item(group.id, f"Item {i}", notes="Some notes. " * 20)
    service.store.close()
    assert not Path(f"{path}-wal").exists()
    _made[key] = path.read_bytes()


_made: dict[tuple[int, datetime], bytes] = {}


def write_text(path: Path, clock: FakeClock) -> None:
    path.write_text("Shopping list:\n- eggs\n- milk\n" * 20, encoding="utf-8")


def write_empty(path: Path, clock: FakeClock) -> None:
    path.write_bytes(b"")


def write_truncated(path: Path, clock: FakeClock) -> None:
    make_plan(path, clock, items=200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def write_truncated_odd(path: Path, clock: FakeClock) -> None:
    make_plan(path, clock, items=200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 123])


def write_newer(path: Path, clock: FakeClock) -> None:
    make_plan(path, clock, items=3)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()


def write_other_sqlite(path: Path, clock: FakeClock) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        con.execute("INSERT INTO contacts VALUES ('Ann', '555-0100')")
    con.close()


def write_other_sqlite_wal(path: Path, clock: FakeClock) -> None:
    write_other_sqlite(path, clock)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.close()


def write_plan_without_version(path: Path, clock: FakeClock) -> None:
    make_plan(path, clock, items=1)
    con = sqlite3.connect(path)
    with con:
        con.execute("DROP TABLE alembic_version")
    con.close()


BAD_FILES: list[tuple[Writer, str]] = [
    (write_text, "not a Planner plan"),
    (write_empty, "is empty"),
    (write_truncated, "damaged"),
    (write_truncated_odd, "damaged"),
    (write_newer, "newer version of Planner"),
    (write_other_sqlite, "not a Planner plan"),
    (write_other_sqlite_wal, "not a Planner plan"),
    (write_plan_without_version, "damaged"),
]


def write_junk_page(path: Path, clock: FakeClock) -> None:
    make_plan(path, clock, items=200)
    data = bytearray(path.read_bytes())
    page = 4096 * 10  # a page of the items' table, well inside the file
    data[page : page + 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))


CASES: list[tuple[Writer, str]] = [*BAD_FILES, (write_junk_page, "damaged")]


def cap_growth(engine: Any) -> None:
    """The disk is full: from the next transaction on, the file cannot grow by a page."""

    @event.listens_for(engine, "begin")
    def _cap(conn: Any) -> None:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
