"""Every SQLite connection to a plan file or a backup is made here, so the process knows
which files it has open.

On Linux and macOS, closing *any* descriptor of a file drops every POSIX lock the process
holds on it, SQLite's included; another process would then take the plan's write-ahead
log for abandoned and delete it. So the plan's files are read directly (`plan_check`) only
while `unshared` says no connection of this process is open on them. No SQLAlchemy here.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

BUSY_TIMEOUT_MS = 5000

FileKey = tuple[int, int]  # device and inode: a file whatever the name it is reached by

_registry_lock = threading.RLock()  # re-entered by a check inside `unshared`
_open_files: Counter[FileKey] = Counter()


def file_key(path: Path) -> FileKey | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


class _TrackedConnection(sqlite3.Connection):
    """A connection that counts itself in `_open_files` from opening to closing."""

    _key: FileKey | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._forget()

    def __del__(self) -> None:
        self._forget()

    def _forget(self) -> None:
        key, self._key = self._key, None
        if key is not None:
            with _registry_lock:
                _open_files[key] -= 1
                if _open_files[key] <= 0:
                    del _open_files[key]


def open_sqlite(path: Path, query: str = "", **options: Any) -> sqlite3.Connection:
    """A connection to the SQLite file at `path` (`query`: URI parameters such as
    "mode=ro"), counted as open until it is closed."""
    # The path as the file system has it: a name that is not UTF-8 is kept byte for byte.
    uri = f"file:{quote(os.fsencode(Path(path).resolve()))}" + (f"?{query}" if query else "")
    with _registry_lock:  # counted before SQLite takes any lock on the file
        con = sqlite3.connect(uri, uri=True, factory=_TrackedConnection, **options)
        key = file_key(path)
        if key is not None:
            con._key = key
            _open_files[key] += 1
    return con


@contextlib.contextmanager
def unshared(path: Path) -> Iterator[bool]:
    """Held while the plan's own files are read directly: says whether that is safe (no
    connection of this process is open on the plan), and keeps one from opening meanwhile."""
    with _registry_lock:
        key = file_key(path)
        yield key is None or key not in _open_files


def _casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def needs_immutable(path: Path) -> bool:
    """A WAL plan in a folder where SQLite can make no shared-memory file can only be read
    as immutable, which is safe only when no write-ahead log holds unmerged commits."""
    with contextlib.suppress(OSError):  # (another process may take the log away meanwhile)
        if Path(f"{path}-wal").stat().st_size > 0:
            return False
    try:
        con = open_sqlite(path, "mode=ro")
        try:
            con.execute("PRAGMA schema_version").fetchone()
        finally:
            con.close()
    except sqlite3.OperationalError:
        return not os.access(path.parent, os.W_OK)
    except sqlite3.Error:  # not a database at all: the checks that follow say so
        return False
    return False


def read_only_query(path: Path) -> str:
    """The URI parameters that open the plan at `path` read-only: immutable where SQLite
    cannot share memory beside the file (it then writes nothing beside it)."""
    return "mode=ro&immutable=1" if needs_immutable(path) else "mode=ro"


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


def connect(path: Path, read_only: bool, query: str | None = None) -> sqlite3.Connection:
    """A configured connection of our own (not SQLAlchemy's) to the plan at `path`. Any
    thread may use it, one at a time, as SQLAlchemy's pool hands connections out.
    `query`: the URI parameters, when the caller has them (`read_only_query`)."""
    if query is None:
        query = read_only_query(path) if read_only else ""
    con = open_sqlite(path, query, check_same_thread=False)
    configure(con, read_only)
    return con
