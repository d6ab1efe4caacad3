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


def plan_uri(path: Path, read_only: bool) -> str:
    """The URI that opens the plan at `path`: read-only ones immutable where SQLite cannot
    share memory beside the file (SQLite then writes nothing beside it)."""
    uri = f"file:{quote(str(path.resolve()))}"
    if not read_only:
        return uri
    return uri + ("?mode=ro&immutable=1" if needs_immutable(path) else "?mode=ro")


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


def connect(uri: str, read_only: bool) -> sqlite3.Connection:
    """A connection of our own (not SQLAlchemy's) to the plan at `uri` (`plan_uri`). Any
    thread may use it, one at a time, as SQLAlchemy's pool hands connections out."""
    con = sqlite3.connect(uri, uri=True, check_same_thread=False)
    configure(con, read_only)
    return con
