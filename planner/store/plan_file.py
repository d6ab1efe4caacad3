"""Opening a plan file safely: look before writing, refuse what is not ours, migrate, create.

Every check on an existing file runs on a read-only connection, so a file that is not a
plan, a damaged plan or a plan from a newer version is left byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Engine, create_engine, event, insert

from planner.domain.errors import DamagedLog, PlanFileError
from planner.i18n import _
from planner.store.connection import configure, connect, open_sqlite, read_only_query
from planner.store.plan_check import (
    APPLICATION_ID,
    HEAD_REVISION,
    ChangeWatch,
    inspect_plan,
    is_writable,
)

if TYPE_CHECKING:
    from planner.store.repository import PlanStore

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def make_engine(path: Path, read_only: bool = False) -> Engine:
    """An engine on an existing plan, its connections made by `connection.connect`. With
    `read_only`, SQLite opens the file read-only (and writes nothing beside it)."""
    url = URL.create("sqlite", database=str(path))  # names the file; `connect` opens it
    query = read_only_query(path) if read_only else ""
    engine = create_engine(url, creator=lambda: connect(path, read_only, query))

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


def create_plan(path: Path, first_group: str) -> bool:
    """Write a new plan at `path` holding one empty group, `first_group` (its name in the
    user's language), atomically: it is built beside the target and put
    in place only when complete, never over a file. Returns False when another process
    made the plan meanwhile (two first commands at once): theirs is kept."""
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
        return _put_in_place(tmp, path)
    finally:
        engine.dispose()
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _put_in_place(tmp: Path, path: Path) -> bool:
    """Give the finished plan its name unless that name is taken (a hard link fails on a
    taken name, atomically); False when it was."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: nearly as good
        if os.path.lexists(path):
            return False
        tmp.rename(path)
    return True


def discard_new_plan(path: Path) -> None:
    """Take away a plan this process made for a command that was then refused, unless
    another program has opened it meanwhile (theirs to keep)."""
    from planner.store.wal_check import log_held

    with log_held(path) as index_fd:
        if index_fd is None:
            return
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def open_store(
    path: Path, first_group: str | None = None, inspected: str | None = None
) -> PlanStore:
    """The store of the plan at `path`, migrated to this version. With `first_group` (the
    name of its first group), a missing file becomes a new plan; an existing file is never
    replaced. `inspected`: the revision an `InspectAhead` found, when it found one (the
    file is then not looked at again)."""
    from planner.store.repository import PlanStore

    path = Path(path)
    created = first_group is not None and not path.exists() and create_plan(path, first_group)
    revision = inspected or inspect_plan(path)
    read_only = not is_writable(path)
    if read_only and revision != HEAD_REVISION:
        raise PlanFileError(
            _(
                "{path} was written by an older version of Planner and needs updating, but it "
                "is read-only. Copy it to a folder you can write to, then open the copy."
            ).format(path=path)
        )
    engine = make_engine(path, read_only=read_only)
    if revision != HEAD_REVISION:
        migrate(engine)
    store = PlanStore(engine, read_only, ChangeWatch(path))
    store.created = created
    return store


def accept_damaged_log(path: Path) -> None:
    """Go on without the commits a damaged log holds past the damage (`DamagedLog`): a copy
    of the log is kept first, then SQLite merges what it can read into the plan and
    empties the log, so the plan opens as it can be read from now on."""
    try:
        inspect_plan(path)
        return  # nothing to accept (any other problem is for the opening to report)
    except DamagedLog:
        pass  # the copy is kept
    if not is_writable(path):
        raise PlanFileError(
            _("{path} is read-only: its damaged log cannot be set aside.").format(path=path)
        )
    con = open_sqlite(path)
    try:
        configure(con, read_only=False)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        con.close()
