"""How every connection to a plan file is set up, whether SQLAlchemy's pool or the quick
store (`quick_store`) makes it: no SQLAlchemy here."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from planner.store.plan_check import needs_immutable

BUSY_TIMEOUT_MS = 5000


def _casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def read_only_uri(path: Path) -> str:
    """The URI that opens a plan read-only (immutable where SQLite cannot share memory
    beside it); SQLite then writes nothing beside the file."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    return uri + "&immutable=1" if needs_immutable(path) else uri


def configure(con: sqlite3.Connection, read_only: bool) -> None:
    """Foreign keys on, WAL, synchronous FULL, a busy timeout, and transactions left to
    us: a write unit starts with BEGIN IMMEDIATE (taking the write lock before it reads),
    a read unit with BEGIN."""
    con.isolation_level = None
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    con.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    # Case-insensitive search beyond ASCII (SQLite's LIKE only folds A-Z).
    con.create_function("casefold", 1, _casefold, deterministic=True)


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection of our own (not SQLAlchemy's) to the plan at `path`."""
    con = sqlite3.connect(read_only_uri(path), uri=True) if read_only else sqlite3.connect(path)
    configure(con, read_only)
    return con
