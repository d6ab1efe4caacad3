"""The File menu's plans: New Plan…, Open Plan…, Restore from Backup…, Check Plan, and the
ways on offered when a plan cannot be opened (a backup, another file, a new plan)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from planner.domain.errors import PlanFileError
from planner.services.ports import PlanFiles
from planner.ui.dialogs import startup
from planner.ui.dialogs.backups import Restoring, check_plan
from planner.ui.session import OpenSession

OpenPath = Callable[..., bool]  # (path, create=False, accept_damaged_log=False): shown


class FileActions:
    """Handed the window (the dialogs' parent), its open plan, how it opens a plan, the
    details panel's flush, the backups' restoring and the plan's files."""

    def __init__(
        self,
        window: QWidget,
        session: OpenSession,
        open_path: OpenPath,
        flush: Callable[[], object],
        restoring: Restoring,
        files: PlanFiles,
    ) -> None:
        self.window, self.session, self.open_path = window, session, open_path
        self.flush, self.restoring, self.files = flush, restoring, files

    def new_plan(self) -> None:
        path = startup.ask_for_new_file(self.window)
        if path is not None:
            self.open_path(path, create=True)

    def open_plan(self) -> None:
        path = startup.ask_for_other_file(self.window)
        if path is not None:
            self.open_path(path)

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
