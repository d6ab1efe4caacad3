"""Opening a plan file safely: look before writing, refuse what is not ours, migrate, create.

Every check on an existing file runs on a read-only connection, so a file that is not a
plan, a damaged plan or a plan from a newer version is left byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import tempfile
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import URL, Engine, create_engine, event, insert
from sqlalchemy.pool import ConnectionPoolEntry

from planner.domain.errors import PlanFileError, PlanFileMissing
from planner.store.schema import APPLICATION_ID

# The migrations this version knows, oldest first; the last is the schema it writes.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

_SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def inspect_plan(path: Path) -> str:
    """Return the schema revision of the plan at `path`, or raise a PlanFileError saying why
    it cannot be opened. Reads only."""
    if not path.exists():
        raise PlanFileMissing(f"There is no plan at {path}.")
    if path.is_dir():
        raise PlanFileError(f"{path} is a folder, not a plan file.")
    try:
        with path.open("rb") as f:
            header = f.read(100)
        size = path.stat().st_size
    except OSError as e:
        raise PlanFileError(f"{path} cannot be read: {e.strerror}.") from None
    if size == 0:
        raise PlanFileError(f"{path} is empty: it is not a Planner plan.")
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise PlanFileError(f"{path} is not a Planner plan (it is not an SQLite database).")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if page_size < 512 or size % page_size:
        raise PlanFileError(f"{path} is damaged: its size does not fit its page size.")
    if valid_for == change_counter and size < page_count * page_size:
        raise PlanFileError(
            f"{path} is damaged: it is cut short ({size:,} of {page_count * page_size:,} bytes)."
        )
    # A read-only look at a WAL file may leave empty -wal and -shm files beside a file
    # that is then refused; those that were not there before are taken away again.
    sidecars = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    new_sidecars = [p for p in sidecars if not p.exists()]
    try:
        con = connect_read_only(path)
    except sqlite3.Error as e:
        raise PlanFileError(f"{path} cannot be opened: {e}.") from None
    try:
        return _check_plan(con, path)
    except PlanFileError:
        con.close()
        wal = sidecars[0]
        if wal in new_sidecars and (not wal.exists() or wal.stat().st_size == 0):
            for leftover in new_sidecars:
                with contextlib.suppress(OSError):
                    leftover.unlink()
        raise
    finally:
        con.close()


def is_writable(path: Path) -> bool:
    """Whether the plan can be changed: its file and its folder (where SQLite keeps the
    write-ahead log) are writable for this user."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _needs_immutable(path: Path) -> bool:
    """A WAL plan in a folder where SQLite can make no shared-memory file can only be read
    as immutable, which is safe only when no write-ahead log holds unmerged commits."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    try:
        con = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        try:
            con.execute("PRAGMA schema_version").fetchone()
        finally:
            con.close()
    except sqlite3.OperationalError:
        return not os.access(path.parent, os.W_OK)
    except sqlite3.Error:  # not a database at all: the checks that follow say so
        return False
    return False


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that writes nothing, not even beside the file."""
    immutable = "&immutable=1" if _needs_immutable(path) else ""
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro{immutable}", uri=True)


def _check_plan(con: sqlite3.Connection, path: Path) -> str:
    try:
        (app_id,) = con.execute("PRAGMA application_id").fetchone()
        if app_id != APPLICATION_ID:
            raise PlanFileError(f"{path} is an SQLite database, but not a Planner plan.")
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            row = None
        if row is None:
            raise PlanFileError(f"{path} is damaged: it has no schema version.")
        (revision,) = row
        if revision not in KNOWN_REVISIONS:
            raise PlanFileError(
                f"{path} was written by a newer version of Planner (schema {revision}). "
                "Update Planner to open it; the file was not changed."
            )
        problems = _quick_check(con)
        if problems != ["ok"]:
            detail = " ".join(problems[0].replace("*** in database main ***", "").split())
            detail = detail if len(detail) <= 120 else detail[:119] + "…"
            raise PlanFileError(f"{path} is damaged (SQLite's check says: {detail}).")
        return str(revision)
    except sqlite3.DatabaseError as e:
        raise PlanFileError(f"{path} is damaged or not a plan: {e}.") from None


# Checked by `planner check` (a full integrity check), not each time a plan opens: the
# images' bytes, up to a gigabyte in a big plan, would make opening it slow.
_NOT_CHECKED_ON_OPEN = frozenset({"image_data"})


def _quick_check(con: sqlite3.Connection) -> list[str]:
    """SQLite's quick check of every table and index but the images' bytes; ["ok"] when
    all is well."""
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    if not _NOT_CHECKED_ON_OPEN & set(tables):
        return [r[0] for r in con.execute("PRAGMA quick_check(5)")]
    problems: list[str] = []
    for table in tables:
        if table not in _NOT_CHECKED_ON_OPEN:
            quoted = "'" + table.replace("'", "''") + "'"
            found = [r[0] for r in con.execute(f"PRAGMA quick_check({quoted})")]
            problems.extend(p for p in found if p != "ok")
    return problems[:5] or ["ok"]


def _casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def make_engine(path: Path, read_only: bool = False) -> Engine:
    """An engine on an existing plan: foreign keys on, WAL, synchronous FULL, busy timeout.
    With `read_only`, SQLite opens the file read-only (and writes nothing beside it).

    pysqlite's own transaction handling is switched off so that a write unit can start with
    BEGIN IMMEDIATE (taking the write lock before it reads) and a read unit with BEGIN.
    """
    # URL.create, not an f-string: a path holding "?", "#" or "%" must name the same file.
    if read_only:
        query = {"mode": "ro", "uri": "true"}
        if _needs_immutable(path):
            query["immutable"] = "1"
        url = URL.create("sqlite", database=f"file:{quote(str(path.resolve()))}", query=query)
    else:
        url = URL.create("sqlite", database=str(path))
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        dbapi_con.isolation_level = None
        dbapi_con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_con.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            dbapi_con.execute("PRAGMA journal_mode = WAL")
        dbapi_con.execute("PRAGMA synchronous = FULL")
        # Case-insensitive search beyond ASCII (SQLite's LIKE only folds A-Z).
        dbapi_con.create_function("casefold", 1, _casefold, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        mode = conn.get_execution_options().get("begin", "BEGIN")
        conn.exec_driver_sql(mode)

    return engine


def migrate(engine: Engine) -> None:
    """Bring the plan's schema up to this version's head with Alembic."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def create_plan(path: Path, first_group: str = "Goals") -> None:
    """Write a new, empty plan at `path` (which must not exist), atomically: it is built
    beside the target and renamed into place only when complete."""
    from datetime import UTC, datetime

    from planner.store.schema import ItemRow

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".new-plan-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    engine = make_engine(tmp)
    try:
        migrate(engine)
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(
                insert(ItemRow).values(
                    kind="group",
                    parent_id=None,
                    position=0,
                    title=first_group,
                    notes="",
                    created=datetime.now(UTC),
                    priority=0,
                    status="active",
                )
            )
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        with contextlib.suppress(FileNotFoundError):
            for suffix in ("-wal", "-shm"):
                Path(f"{tmp}{suffix}").unlink()
        if path.exists():
            raise PlanFileError(f"{path} already exists.")
        tmp.rename(path)
    finally:
        engine.dispose()
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def open_plan(path: Path, create: bool = False) -> Engine:
    """An engine on the plan at `path`, migrated to this version. With `create`, a missing
    file becomes a new plan; an existing file is never replaced."""
    path = Path(path)
    if create and not path.exists():
        create_plan(path)
    revision = inspect_plan(path)
    read_only = not is_writable(path)
    if read_only and revision != HEAD_REVISION:
        raise PlanFileError(
            f"{path} was written by an older version of Planner and needs updating, but it "
            "is read-only. Copy it to a folder you can write to, then open the copy."
        )
    engine = make_engine(path, read_only=read_only)
    if revision != HEAD_REVISION:
        migrate(engine)
    return engine


def is_read_only(engine: Engine) -> bool:
    """Whether `engine` (from open_plan) was opened read-only."""
    return engine.url.query.get("mode") == "ro"
