"""Backups of a plan, made with SQLite's online backup API, in a `backups` folder beside it.

A backup is a complete, ordinary (rollback-journal) SQLite file named after the plan and
the moment it was made: `backups/plan 2026-12-01 19.30.05.sqlite3`. It is written under a
temporary name and renamed into place when complete, so a crash never leaves half a backup
that looks like a whole one. The automatic backup runs at most once a day per plan and
keeps the last seven.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
import tempfile
import time
from datetime import datetime
from pathlib import Path

from planner.domain.backups import Backup
from planner.domain.errors import PlanFileError, PlanFileMissing, StorageError
from planner.i18n import _
from planner.store.connection import open_sqlite
from planner.store.plan_check import inspect_plan

BACKUP_DIR_NAME = "backups"
KEEP = 7
_STAMP = "%Y-%m-%d %H.%M.%S"
_STAMP_RE = r"(\d{4}-\d{2}-\d{2} \d{2}\.\d{2}\.\d{2})(?:-(\d+))?"
_TMP_PREFIX = ".partial-"
_STALE_PARTIAL_SECONDS = 24 * 3600


def backup_dir(plan: Path) -> Path:
    return plan.parent / BACKUP_DIR_NAME


def _pattern(plan: Path) -> re.Pattern[str]:
    suffix = plan.suffix or ".sqlite3"
    return re.compile(re.escape(plan.stem) + " " + _STAMP_RE + re.escape(suffix) + "$")


def make_backup(plan: Path, now: datetime | None = None) -> Path:
    """Copy the plan, as it stands in its last commit, into a new backup; return its path.
    Raises StorageError (cannot write the backups folder) or PlanFileError (not a plan).
    Backups of several plans (or processes) may be made in one folder at once: each writes
    a temporary file of its own and never touches another's."""
    # What SQLite can read of the plan: a damaged log (see wal_check) is left for the
    # opening of the plan to report; reading it here changes nothing.
    inspect_plan(plan, look_at_log=False)
    folder = backup_dir(plan)
    stamp = (now or datetime.now()).astimezone().strftime(_STAMP)
    suffix = plan.suffix or ".sqlite3"
    tmp: Path | None = None
    try:
        folder.mkdir(exist_ok=True)
        _remove_stale_partials(folder)
        fd, name = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=suffix, dir=folder)
        os.close(fd)
        tmp = Path(name)
        _copy(plan, tmp)
        target = _place_without_clobbering(tmp, folder, f"{plan.stem} {stamp}", suffix)
    except (OSError, sqlite3.Error) as e:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        reason = getattr(e, "strerror", None) or str(e)
        raise StorageError(
            _("The backup could not be written in {folder}: {reason}.").format(
                folder=folder, reason=reason
            )
        ) from None
    return target


def _remove_stale_partials(folder: Path) -> None:
    """Temporary files of backups cut off by a crash: those older than a day (a backup in
    progress in another process is never that old)."""
    cutoff = time.time() - _STALE_PARTIAL_SECONDS
    for stale in folder.glob(_TMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < cutoff:
                stale.unlink()


def _place_without_clobbering(tmp: Path, folder: Path, stem: str, suffix: str) -> Path:
    """Give the finished backup its name: the first of `stem`, `stem-2`, ... that is free,
    taken atomically (a hard link fails on a name another process took meanwhile)."""
    n = 1
    while True:
        target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            os.link(tmp, target)
        except FileExistsError:
            n += 1
            continue
        except OSError:  # a file system without hard links
            if target.exists():
                n += 1
                continue
            tmp.replace(target)
            return target
        tmp.unlink()
        return target


def _copy(source: Path, target: Path) -> None:
    """SQLite's backup API from `source` (read-only) into the file `target` (new or empty),
    left in rollback-journal mode so that it is one self-contained file."""
    src = open_sqlite(source, "mode=ro")
    try:
        dst = open_sqlite(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            dst.commit()
        finally:
            dst.close()
    finally:
        src.close()
    with open(target, "rb") as f:  # on disk before it is renamed into place
        os.fsync(f.fileno())


def list_backups(plan: Path) -> list[Backup]:
    """The plan's backups, newest first, each with the number of items it holds."""
    folder = backup_dir(plan)
    pattern = _pattern(plan)
    found = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            match = pattern.match(path.name)
            if not match:
                continue
            made = datetime.strptime(match.group(1), _STAMP)
            found.append((made, int(match.group(2) or 1), path))
    found.sort(reverse=True)
    return [_describe(path, made) for made, _n, path in found]


def describe_file(path: Path) -> Backup:
    """A plan file kept anywhere, described as a backup (made: when it was last written)."""
    return _describe(path, datetime.fromtimestamp(path.stat().st_mtime))


def _describe(path: Path, made: datetime) -> Backup:
    try:
        inspect_plan(path)
        con = open_sqlite(path, "mode=ro")
        try:
            (items,) = con.execute("SELECT count(*) FROM items").fetchone()
        finally:
            con.close()
    except (PlanFileError, sqlite3.Error) as e:
        # TRANSLATORS: stands for a backup's path in a message that names the file.
        return Backup(path, made, None, str(e).replace(str(path), _("the backup")))
    return Backup(path, made, int(items))


def prune(plan: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest `keep` backups; return the ones removed."""
    old = [b.path for b in list_backups(plan)[keep:]]
    for path in old:
        with contextlib.suppress(OSError):
            path.unlink()
    return old


def daily_backup(plan: Path, now: datetime | None = None) -> Path | None:
    """The automatic backup on opening: one a day at most, the last KEEP kept. Returns the
    new backup, or None when there is one from today already."""
    now = (now or datetime.now()).astimezone()
    pattern = _pattern(plan)
    today = now.strftime("%Y-%m-%d")
    with contextlib.suppress(OSError):
        for path in backup_dir(plan).iterdir():  # names only: cheap on every opening
            match = pattern.match(path.name)
            if match and match.group(1).startswith(today):
                return None
    made = make_backup(plan, now)
    prune(plan)
    return made


def restore_backup(plan: Path, backup: Path, now: datetime | None = None) -> Path | None:
    """Put `backup` in place of the plan. The plan's present state is kept first: as a new
    backup when it is a sound plan, or, when it is damaged or not a plan, the file itself
    moved aside unchanged (`plan.sqlite3.damaged 2026-...`). Returns where it was kept
    (None: there was no plan). The plan must not be open in this process."""
    if not backup.exists():
        raise PlanFileMissing(_("There is no backup at {path}.").format(path=backup))
    inspect_plan(backup)
    kept: Path | None = None
    sound = False
    if plan.exists():
        try:
            inspect_plan(plan)
            sound = True
        except PlanFileError:
            sound = False
    try:
        if sound:
            kept = make_backup(plan, now)
            # Through SQLite, into the live file: a reader elsewhere sees the whole old plan
            # or the whole restored one, and the write-ahead log is dealt with properly.
            src = open_sqlite(backup, "mode=ro")
            try:
                dst = open_sqlite(plan, timeout=5)
                try:
                    src.backup(dst)
                finally:
                    dst.close()
            finally:
                src.close()
        else:
            mode = 0o644
            if plan.exists():
                mode = stat.S_IMODE(plan.stat().st_mode)
                stamp = (now or datetime.now()).astimezone().strftime(_STAMP)
                kept = plan.with_name(f"{plan.name}.damaged {stamp}")
                plan.replace(kept)
                for suffix in ("-wal", "-shm"):
                    side = Path(f"{plan}{suffix}")
                    if side.exists():
                        side.replace(Path(f"{kept}{suffix}"))
            fd, name = tempfile.mkstemp(prefix=_TMP_PREFIX, dir=plan.parent)
            os.close(fd)
            tmp = Path(name)
            try:
                _copy(backup, tmp)
                tmp.chmod(mode)  # the plan's own mode, not the temporary file's 0600
                tmp.replace(plan)
            finally:
                tmp.unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as e:
        reason = getattr(e, "strerror", None) or str(e)
        raise StorageError(
            _("The backup could not be restored: {reason}.").format(reason=reason)
        ) from None
    return kept
