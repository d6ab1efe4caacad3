"""One window per plan: an operating-system lock on `PLAN.lock` beside the plan.

The lock is the kernel's (flock on POSIX, a byte-range lock on Windows), not the file's
existence: a process that crashes or is killed lets go of it at once, so a lock is never
left stuck. The empty lock file itself stays; it holds nothing. (A library like `filelock`
would do the same, but its import alone costs 40-75 ms of the window's start-up.)

The command line does not take the lock: SQLite keeps its changes and a window's safe side
by side. Only replacing the whole plan (restoring a backup) asks whether a window has it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from planner.domain.errors import PlanInUse
from planner.i18n import _

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(plan: Path) -> Path:
    """Beside the plan the path leads to: a link to a plan and the plan itself share one
    lock (one plan, one window)."""
    return Path(f"{plan.resolve()}.lock")


def in_use_message(plan: Path) -> str:
    return _(
        "{plan} is already open in another Planner window. Switch to that window, "
        "or close it and open the plan again."
    ).format(plan=plan)


class PlanLock:
    """Held while a window shows the plan."""

    def __init__(self, plan: Path) -> None:
        self.plan = plan
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise PlanInUse. Where no lock file can be made (a read-only
        folder: no one can change the plan there) the plan is opened without one."""
        if self._fd is not None:
            return
        try:
            fd = os.open(lock_path(self.plan), os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return
        try:
            _try_lock(fd)
        except OSError:  # held by another process (or another window of this one)
            os.close(fd)
            raise PlanInUse(in_use_message(self.plan)) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                _unlock(self._fd)
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


def is_in_use(plan: Path) -> bool:
    """Whether a window (in any process, this one included) holds the plan's lock."""
    path = lock_path(plan)
    if not path.exists():
        return False
    probe = PlanLock(plan)
    try:
        probe.acquire()
    except PlanInUse:
        return True
    probe.release()
    return False
