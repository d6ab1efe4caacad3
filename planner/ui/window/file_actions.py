"""The File menu's plans: New Plan…, Open Plan…, Restore from Backup…, Check Plan, and the
ways on offered when a plan cannot be opened (a backup, another file, a new plan)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from planner.domain.errors import PlanFileError
from planner.i18n import _
from planner.services.plan import PlanService
from planner.services.ports import PlanFiles, WindowLock
from planner.ui.dialogs import startup
from planner.ui.dialogs.backups import Restoring, check_plan
from planner.ui.session import OpenSession

OpenPath = Callable[..., bool]  # (path, create=False, accept_damaged_log=False): shown
OpenPlan = Callable[..., PlanService]  # (path, create, accept_damaged_log=False)


class FileActions:
    """Handed the window (the dialogs' parent), its open plan, how it shows a plan and
    how a plan's services are made, the details panel's flush, the backups' restoring and
    the plan's files. It holds the lock of the plan shown: no other window may show it."""

    def __init__(
        self,
        window: QWidget,
        session: OpenSession,
        open_path: OpenPath,
        open_plan: OpenPlan,
        flush: Callable[[], object],
        restoring: Restoring,
        files: PlanFiles,
    ) -> None:
        self.window, self.session, self.open_path = window, session, open_path
        self.flush, self.restoring, self.files = flush, restoring, files
        self._open_plan = open_plan
        self._lock: WindowLock | None = None

    def open_locked(
        self, path: Path, create: bool, accept_damaged_log: bool
    ) -> tuple[PlanService, WindowLock]:
        """The plan's services, and its lock taken (the one held already when the plan
        is the one open). PlanFileError when either cannot be had."""
        options = {"accept_damaged_log": True} if accept_damaged_log else {}
        service = self._open_plan(path, create, **options)
        held = self._lock
        same = held is not None and held.plan.resolve() == path.resolve()
        lock = held if held is not None and same else self.files.lock(path)
        try:
            lock.acquire()
        except PlanFileError:
            service.store.close()
            raise
        return service, lock

    def hold(self, lock: WindowLock) -> None:
        """`lock` is now the shown plan's (the last one's let go, if another)."""
        if self._lock is not None and self._lock is not lock:
            self._lock.release()
        self._lock = lock

    def release(self) -> None:
        """The window closes: the plan's lock goes."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def new_plan(self) -> None:
        path = startup.ask_for_new_file(self.window)
        if path is not None:
            self.open_path(path, create=True)

    def open_plan(self) -> None:
        path = startup.ask_for_other_file(self.window)
        if path is not None:
            self.open_path(path)

    def unavailable(self) -> dict[str, str | None]:
        """Why File › Restore from Backup cannot act now (None: it can)."""
        session = self.session()
        temporary = session is not None and session.temporary
        why = _("The sample plan is a temporary copy: it has no backups.")
        return {"restore_backup": why if temporary else None}

    def restore_from_backup(self) -> None:
        session = self.session()
        if session is None or session.temporary:
            return
        self.flush()
        self.restoring.ask_and_restore(session.path)

    def check_plan(self) -> None:
        session = self.session()
        if session is not None:
            self.flush()
            check_plan(self.window, session.service)

    def cannot_open(self, path: Path, error: PlanFileError) -> bool:
        """The plan at `path` cannot be opened: the user chooses a way on (or none)."""
        choice = startup.ask_what_to_do(self.window, path, error, self.files)
        if choice is startup.Choice.CREATE:
            return self.open_path(path, create=True)
        if choice is startup.Choice.WITHOUT_LOST:
            return self.open_path(path, accept_damaged_log=True)
        if choice is startup.Choice.BACKUP:
            backup = self.restoring.choose(path)
            return backup is not None and self.restoring.restore_into(path, backup)
        if choice is startup.Choice.OTHER:
            other = startup.ask_for_other_file(self.window)
            return other is not None and self.open_path(other)
        if choice is startup.Choice.NEW:
            new = startup.ask_for_new_file(self.window)
            return new is not None and self.open_path(new, create=True)
        return False
