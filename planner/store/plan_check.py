"""Looking at a plan file before anything writes to it: is it a plan, which schema, is it
sound. Plain sqlite3 on a read-only connection, so a file that is not a plan, a damaged
plan or a plan from a newer version is left byte-for-byte as it was; no SQLAlchemy, so the
look can start (`InspectAhead`) while the rest of the app is still being imported.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
import struct
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from planner import formats
from planner.domain.errors import DamagedLog, PlanFileError, PlanFileMissing
from planner.i18n import _, ngettext
from planner.store.connection import open_sqlite, read_only_query, unshared
from planner.store.wal_check import log_held, read_held_log

FileState = tuple[int, int, int, int]  # see file_state

# The migrations this version knows, oldest first; the last is the schema it writes.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
HEAD_REVISION = KNOWN_REVISIONS[-1]
# "PlnR" in the SQLite header: tells a plan from any other SQLite file.
APPLICATION_ID = 0x506C6E52

_SQLITE_MAGIC = b"SQLite format 3\x00"


def inspect_plan(path: Path, look_at_log: bool = True) -> str:
    """Return the schema revision of the plan at `path`, or raise a PlanFileError saying why
    it cannot be opened. Reads only. `look_at_log`: refuse a plan whose write-ahead log
    holds commits SQLite would drop (`DamagedLog`), after keeping a copy of the log."""
    if not path.exists():
        raise PlanFileMissing(_("There is no plan at {path}.").format(path=path))
    if path.is_dir():
        raise PlanFileError(_("{path} is a folder, not a plan file.").format(path=path))
    try:
        size = path.stat().st_size
    except OSError as e:
        raise PlanFileError(_cannot_read(path, e)) from None
    if size == 0:
        raise PlanFileError(_("{path} is empty: it is not a Planner plan.").format(path=path))
    with unshared(path) as safe:
        # The file's own bytes only while no connection of this process is open on it:
        # closing the descriptor would drop SQLite's locks (see `connection`). When one
        # is, the plan passed these checks on opening, and SQLite's below still run.
        if safe:
            # Under the log's lock: no other process starts or ends a checkpoint meanwhile
            # (which would change the file's size and header between two reads of them).
            with log_held(path, create=_has_log(path)) as index_fd:
                if index_fd is None:  # in use elsewhere: only what no checkpoint changes
                    _check_header(path, None)
                else:
                    _check_header(path, _size(path))
                    reading = read_held_log(path, index_fd) if look_at_log else None
                    if reading is not None and reading.damaged:
                        copy = keep_damaged_log(path, reading.log)
                        raise DamagedLog(path, reading.lost, copy)
    # A read-only look at a WAL file may leave empty -wal and -shm files beside a file
    # that is then refused; those that were not there before are taken away again.
    sidecars = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    new_sidecars = [p for p in sidecars if not p.exists()]
    try:
        con = connect_read_only(path)
    except sqlite3.Error as e:
        raise PlanFileError(
            _("{path} cannot be opened: {reason}.").format(path=path, reason=e)
        ) from None
    try:
        return _check_plan(con, path)
    except PlanFileError:
        con.close()
        wal = sidecars[0]
        if wal in new_sidecars and not _has_log(path):
            for leftover in new_sidecars:
                with contextlib.suppress(OSError):
                    leftover.unlink()
        raise
    finally:
        con.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as e:
        raise PlanFileError(_cannot_read(path, e)) from None


def _check_header(path: Path, size: int | None) -> None:
    """What the first 100 bytes say, in plain words: not SQLite, or cut short."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as e:
        raise PlanFileError(_cannot_read(path, e)) from None
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise PlanFileError(
            _("{path} is not a Planner plan (it is not an SQLite database).").format(path=path)
        )
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if page_size < 512 or page_size & (page_size - 1):
        raise PlanFileError(
            _("{path} is damaged: its size does not fit its page size.").format(path=path)
        )
    if size is None:  # another process is using the plan: its size may be changing
        return
    if size % page_size:
        raise PlanFileError(
            _("{path} is damaged: its size does not fit its page size.").format(path=path)
        )
    # With commits in the write-ahead log, the file may rightly be shorter than its header
    # says (a checkpoint stopped by a full disk): the log holds the pages, and SQLite's
    # own check, which reads through the log, judges it.
    if _has_log(path):
        return
    if valid_for == change_counter and size < page_count * page_size:
        if _changed_since(path, size, header):
            return  # another process wrote it meanwhile: SQLite's own check judges it
        whole = page_count * page_size
        raise PlanFileError(
            ngettext(
                "{path} is damaged: it is cut short ({size} of {whole} byte).",
                "{path} is damaged: it is cut short ({size} of {whole} bytes).",
                whole,
            ).format(path=path, size=formats.number(size), whole=formats.number(whole))
        )


def _changed_since(path: Path, size: int, header: bytes) -> bool:
    """Whether the file's size or header changes from what was read, looked at twice over
    50 ms: where no lock could be held (nobody had the log open a moment ago), another
    process may have opened the plan, written and checkpointed between the two reads (or
    be checkpointing now), which would look like a cut file. A cut file stays as it is."""
    for _look in range(2):
        time.sleep(0.025)
        try:
            with path.open("rb") as f:
                if path.stat().st_size != size or f.read(100) != header:
                    return True
        except OSError:
            return True
    return False


def _cannot_read(path: Path, error: OSError) -> str:
    return _("{path} cannot be read: {reason}.").format(path=path, reason=error.strerror)


def _has_log(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def keep_damaged_log(path: Path, data: bytes) -> Path:
    """A copy of the plan's damaged log (`data`, as it was read) beside it
    (`plan.sqlite3-wal.damaged 2026-...`), made once for the same damage: the commits
    SQLite cannot read stay in it."""
    wal = Path(f"{path}-wal")
    for earlier in wal.parent.glob(glob.escape(wal.name) + ".damaged *"):
        with contextlib.suppress(OSError):
            if earlier.stat().st_size == len(data) and earlier.read_bytes() == data:
                return earlier
    stamp = datetime.now().strftime("%Y-%m-%d %H.%M.%S")
    copy = wal.with_name(f"{wal.name}.damaged {stamp}")
    try:
        with copy.open("xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        raise PlanFileError(
            _(
                "The log of {path} is damaged, and no copy of it could be kept: {reason}. "
                "Nothing was changed."
            ).format(path=path, reason=e.strerror)
        ) from None
    return copy


def is_writable(path: Path) -> bool:
    """Whether the plan can be changed: its file and its folder (where SQLite keeps the
    write-ahead log) are writable for this user."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that writes nothing, not even beside the file."""
    return open_sqlite(path, read_only_query(path))


def _check_plan(con: sqlite3.Connection, path: Path) -> str:
    try:
        (app_id,) = con.execute("PRAGMA application_id").fetchone()
        if app_id != APPLICATION_ID:
            raise PlanFileError(
                _("{path} is an SQLite database, but not a Planner plan.").format(path=path)
            )
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            row = None
        if row is None:
            raise PlanFileError(_("{path} is damaged: it has no schema version.").format(path=path))
        (revision,) = row
        if revision not in KNOWN_REVISIONS:
            raise PlanFileError(
                _(
                    "{path} was written by a newer version of Planner (schema {revision}). "
                    "Update Planner to open it; the file was not changed."
                ).format(path=path, revision=revision)
            )
        problems = _quick_check(con)
        if problems != ["ok"]:
            detail = " ".join(problems[0].replace("*** in database main ***", "").split())
            detail = detail if len(detail) <= 120 else detail[:119] + "…"
            raise PlanFileError(
                _("{path} is damaged (SQLite's check says: {detail}).").format(
                    path=path, detail=detail
                )
            )
        return str(revision)
    except sqlite3.DatabaseError as e:
        raise PlanFileError(
            _("{path} is damaged or not a plan: {reason}.").format(path=path, reason=e)
        ) from None


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


class InspectAhead:
    """`inspect_plan` of one file on a thread of its own, started early: SQLite's check
    runs in C without the GIL, so on a second core it costs start-up nothing while Python
    imports the window. `revision(path)` gives its finding when it is still true of the
    file, else None (then the caller inspects as usual, and gets the usual messages).
    `read_ahead(path)`, when given, runs next on the same thread for a plan of this
    version; `read()` gives what it returned, once `revision` has vouched for the file."""

    def __init__(self, path: Path, read_ahead: Callable[[Path], object] | None = None) -> None:
        self.path = path
        self._used = False
        self._vouched = False
        self._stat = file_state(path)
        self._revision: str | None = None
        self._read_ahead = read_ahead
        self._read: object = None
        self._inspected = threading.Event()
        self._thread = threading.Thread(target=self._run, name="inspect-plan", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with contextlib.suppress(PlanFileError, OSError, sqlite3.Error):
                self._revision = inspect_plan(self.path)
        finally:
            self._inspected.set()
        if self._revision == HEAD_REVISION and self._read_ahead is not None:
            with contextlib.suppress(OSError, sqlite3.Error):
                self._read = self._read_ahead(self.path)

    def revision(self, path: Path) -> str | None:
        """Once only: a later opening of the same file looks at it again."""
        if path != self.path or self._used:
            return None
        self._used = True
        self._inspected.wait()
        if self._stat is None or file_state(path) != self._stat:
            return None  # changed meanwhile, or was not there: look again
        self._vouched = True
        return self._revision

    def read(self, path: Path) -> tuple[object, FileState | None]:
        """What `read_ahead` read of `path` (waiting for it), and the state of the file
        then (it has not changed while its state is still that). Once only, and (None,
        None) unless `revision` vouched for this file."""
        if path != self.path or not self._vouched:
            return None, None
        self._vouched = False
        self._thread.join()
        return self._read, self._stat


class ChangeWatch:
    """Whether another program wrote to the plan since this process last wrote to it (or
    last asked): the file's and its log's size and time, taken after each own commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen = file_state(path)

    def wrote(self) -> None:
        self._seen = file_state(self.path)

    def own(self, action: Callable[[], object]) -> None:
        """Run something of this process that may change the file without a commit (a
        last connection closing merges the log into it): not another program's change,
        unless one had come before it."""
        unchanged = file_state(self.path) == self._seen
        action()
        if unchanged:
            self._seen = file_state(self.path)

    def changed_elsewhere(self) -> bool:
        now = file_state(self.path)
        changed, self._seen = now != self._seen, now
        return changed


def file_state(path: Path) -> FileState | None:
    """Size and time of the file and of its write-ahead log: equal, nothing was written.
    An empty log counts as none: looking at a plan may leave an empty one beside it."""
    try:
        info = path.stat()
    except OSError:
        return None
    wal_size = wal_time = 0
    with contextlib.suppress(OSError):
        wal = Path(f"{path}-wal").stat()
        if wal.st_size:
            wal_size, wal_time = wal.st_size, wal.st_mtime_ns
    return info.st_size, info.st_mtime_ns, wal_size, wal_time
