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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from planner.domain.errors import PlanFileError, PlanFileMissing, StorageError
from planner.store.plan_check import inspect_plan

BACKUP_DIR_NAME = "backups"
KEEP = 7
_STAMP = "%Y-%m-%d %H.%M.%S"
_STAMP_RE = r"(\d{4}-\d{2}-\d{2} \d{2}\.\d{2}\.\d{2})(?:-(\d+))?"
_TMP_PREFIX = ".partial-"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime  # local time, naive, as in the file name
    items: int | None  # items and groups in it; None when it cannot be read
    problem: str = ""  # why it cannot be read, in plain words

    @property
    def label(self) -> str:
        when = self.made.strftime("%Y-%m-%d %H:%M:%S")
        if self.items is None:
            return f"{when}  (damaged: cannot be restored)"
        return f"{when}  ({self.items:,} items)"


def backup_dir(plan: Path) -> Path:
    return plan.parent / BACKUP_DIR_NAME


def _pattern(plan: Path) -> re.Pattern[str]:
    suffix = plan.suffix or ".sqlite3"
    return re.compile(re.escape(plan.stem) + " " + _STAMP_RE + re.escape(suffix) + "$")


def _ro_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def make_backup(plan: Path, now: datetime | None = None) -> Path:
    """Copy the plan, as it stands in its last commit, into a new backup; return its path.
    Raises StorageError (cannot write the backups folder) or PlanFileError (not a plan)."""
    inspect_plan(plan)
    folder = backup_dir(plan)
    stamp = (now or datetime.now()).astimezone().strftime(_STAMP)
    suffix = plan.suffix or ".sqlite3"
    try:
        folder.mkdir(exist_ok=True)
        for stale in folder.glob(_TMP_PREFIX + "*"):  # left by a backup that was cut off
            with contextlib.suppress(OSError):
                stale.unlink()
        target = folder / f"{plan.stem} {stamp}{suffix}"
        n = 1
        while target.exists():
            n += 1
            target = folder / f"{plan.stem} {stamp}-{n}{suffix}"
        tmp = folder / f"{_TMP_PREFIX}{os.getpid()}-{target.name}"
        _copy(plan, tmp, source_uri=True)
        tmp.replace(target)
    except (OSError, sqlite3.Error) as e:
        with contextlib.suppress(OSError, UnboundLocalError):
            tmp.unlink(missing_ok=True)
        reason = getattr(e, "strerror", None) or str(e)
        raise StorageError(f"The backup could not be written in {folder}: {reason}.") from None
    return target


def _copy(source: Path, target: Path, source_uri: bool) -> None:
    """SQLite's backup API from `source` into a new file `target`, left in rollback-journal
    mode so that it is one self-contained file."""
    src = sqlite3.connect(_ro_uri(source), uri=True) if source_uri else sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
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


def _describe(path: Path, made: datetime) -> Backup:
    try:
        inspect_plan(path)
        con = sqlite3.connect(_ro_uri(path), uri=True)
        try:
            (items,) = con.execute("SELECT count(*) FROM items").fetchone()
        finally:
            con.close()
    except (PlanFileError, sqlite3.Error) as e:
        return Backup(path, made, None, str(e).replace(str(path), "the backup"))
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
        raise PlanFileMissing(f"There is no backup at {backup}.")
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
            src = sqlite3.connect(_ro_uri(backup), uri=True)
            try:
                dst = sqlite3.connect(plan, timeout=5)
                try:
                    src.backup(dst)
                finally:
                    dst.close()
            finally:
                src.close()
        else:
            if plan.exists():
                stamp = (now or datetime.now()).astimezone().strftime(_STAMP)
                kept = plan.with_name(f"{plan.name}.damaged {stamp}")
                plan.replace(kept)
                for suffix in ("-wal", "-shm"):
                    side = Path(f"{plan}{suffix}")
                    if side.exists():
                        side.replace(Path(f"{kept}{suffix}"))
            tmp = plan.with_name(f"{_TMP_PREFIX}{os.getpid()}-{plan.name}")
            _copy(backup, tmp, source_uri=True)
            tmp.replace(plan)
    except (OSError, sqlite3.Error) as e:
        reason = getattr(e, "strerror", None) or str(e)
        raise StorageError(f"The backup could not be restored: {reason}.") from None
    return kept
