"""Backups and checks in the window: the automatic daily backup (made in a worker thread
after the plan is shown, so it never delays start-up), File › Restore from Backup… and
File › Check Plan."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.domain.backups import Backup
from planner.domain.errors import PlannerError
from planner.formats import moment, number
from planner.i18n import _, ngettext
from planner.services.plan import PlanService
from planner.services.ports import PlanFiles
from planner.ui.language import Retranslated

MAX_LISTED_PROBLEMS = 20


class AutoBackup(QObject):
    """The once-a-day backup of the open plan, made by SQLite's backup API in a thread of
    its own a moment after the plan is shown (start-up is not kept waiting, nor competed
    with); `done` carries a line for the status bar (empty: nothing was needed).

    The thread touches no Qt object: it leaves its line behind, and a timer in the window's
    own thread picks it up and emits `done`."""

    done = Signal(str)
    DELAY_MS = 1500
    POLL_MS = 200

    def __init__(self, files: PlanFiles, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._files = files
        self._thread: threading.Thread | None = None
        self._pending: Path | None = None
        self._message: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._begin)
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self._check_finished)

    def start(self, plan: Path) -> None:
        """Back up `plan` (if it has no backup from today) in a moment."""
        self.wait()
        self._pending = plan
        self._timer.start(self.DELAY_MS)

    def _begin(self) -> None:
        plan, self._pending = self._pending, None
        if plan is None:
            return
        self._message = None
        self._thread = threading.Thread(
            target=self._run, args=(plan,), name="planner-backup", daemon=True
        )
        self._thread.start()
        self._poll.start()

    def _run(self, plan: Path) -> None:
        try:
            made = self._files.daily_backup(plan)
        except Exception as e:  # a backup must never take the window down
            self._message = _("No automatic backup today: {reason}").format(reason=e)
            return
        self._message = _("Backed up to {file}").format(file=made.name) if made else ""

    def _check_finished(self) -> None:
        if self._thread is not None and not self._thread.is_alive():
            self._finish()

    def _finish(self) -> None:
        self._poll.stop()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        message, self._message = self._message, None
        if message:
            self.done.emit(message)

    def wait(self) -> None:
        """Make the backup now if it is still to come, and let it finish (before the plan
        is closed or replaced)."""
        self._timer.stop()
        self._begin()
        self._finish()


class BackupDialog(Retranslated, QDialog):
    """The plan's backups, newest first, with the date and the number of items of each."""

    def __init__(self, plan: Path, files: PlanFiles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.plan, self.folder = plan, files.backup_folder(plan)
        self.backups = files.backups(plan)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.list = QListWidget()
        for backup in self.backups:
            item = QListWidgetItem()
            if backup.items is None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(backup.problem)
            self.list.addItem(item)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        if self.backups:
            layout.addWidget(self.list, 1)
        else:
            self.list.hide()
            layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(lambda _r: self._update())
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        first = next((i for i, b in enumerate(self.backups) if b.items is not None), None)
        if first is not None:
            self.list.setCurrentRow(first)
        self._update()
        self.retranslate()
        self.resize(520, 320)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Restore from Backup"))
        self.intro.setText(
            _(
                "Backups of {plan} in {folder}.\n"
                "One is made each day the plan is opened; the last 7 are kept.\n"
                "Restoring first backs up the plan as it is now."
            ).format(plan=self.plan.name, folder=self.folder)
        )
        for row, backup in enumerate(self.backups):
            self.list.item(row).setText(backup_label(backup))
        self.empty.setText(_("No backups yet: the first is made the next time the plan is opened."))
        self.restore_button.setText(_("Restore"))

    def _update(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def chosen(self) -> Backup | None:
        row = self.list.currentRow()
        if 0 <= row < len(self.backups) and self.backups[row].items is not None:
            return self.backups[row]
        return None


def backup_label(backup: Backup) -> str:
    """A backup's line in the list: when it was made, and how many items it holds."""
    when = moment(backup.made)
    if backup.items is None:
        return _("{when}  (damaged: cannot be restored)").format(when=when)
    return ngettext("{when}  ({n} item)", "{when}  ({n} items)", backup.items).format(
        when=when, n=number(backup.items)
    )


class ShowsPlans(Protocol):
    """What putting a backup in place of a plan needs of the window."""

    @property
    def plan_path(self) -> Path | None: ...
    def close_plan_for_replacing(self) -> None: ...
    def open_path(self, path: Path) -> bool: ...


class Restoring:
    """Putting a backup in place of a plan, open or not, and showing it: File › Restore
    from Backup…, and a way on when a plan cannot be opened. Handed the window (the
    dialogs' parent, which shows plans), the plan's files, its automatic backup and the
    status bar."""

    def __init__(
        self,
        window: QWidget,
        plans: ShowsPlans,
        files: PlanFiles,
        auto: AutoBackup,
        status: QStatusBar,
    ) -> None:
        self._window, self._plans, self._files = window, plans, files
        self._auto, self._status = auto, status

    def choose(self, plan: Path) -> Backup | None:
        dialog = BackupDialog(plan, self._files, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def ask_and_restore(self, plan: Path) -> None:
        """File › Restore from Backup… on the open plan."""
        backup = self.choose(plan)
        if backup is None:
            return
        items = backup.items or 0
        answer = QMessageBox.question(
            self._window,
            _("Restore from backup"),
            ngettext(
                "Replace the plan with the backup of {when} ({n} item)?",
                "Replace the plan with the backup of {when} ({n} items)?",
                items,
            ).format(when=moment(backup.made), n=number(items))
            + "\n\n"
            + _("The plan as it is now is backed up first. Undo history is cleared."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_into(plan, backup)

    def restore_into(self, plan: Path, backup: Backup) -> bool:
        """Put `backup` in place of `plan` (open or not) and show it. The plan as it was is
        kept: as a new backup, or moved aside unchanged when it could not be opened."""
        self._auto.wait()
        if self._plans.plan_path == plan:
            self._plans.close_plan_for_replacing()
        try:
            kept = self._files.restore(plan, backup.path)
        except PlannerError as e:
            QMessageBox.warning(self._window, _("Restore from backup"), str(e))
            return self._plans.open_path(plan) if plan.exists() else False
        if not self._plans.open_path(plan):
            return False
        items = backup.items or 0
        restored = ngettext(
            "Restored the backup of {when} ({n} item).",
            "Restored the backup of {when} ({n} items).",
            items,
        ).format(when=moment(backup.made), n=number(items))
        if kept:
            where = _("The plan as it was is kept in {file}.").format(file=kept)
            restored = f"{restored} {where}"
        self._status.showMessage(restored, 15000)
        return True


def check_plan(window: QWidget, service: PlanService) -> None:
    """File › Check Plan: SQLite's integrity check and the plan's own rules."""
    started = datetime.now()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        problems = service.check()
        with service.store.read() as unit:
            items = unit.count_items()
    except PlannerError as e:
        problems = [str(e)]
        items = 0
    finally:
        QApplication.restoreOverrideCursor()
    seconds = (datetime.now() - started).total_seconds()
    if not problems:
        sound = ngettext(
            # TRANSLATORS: {took} is a duration with its unit: "0.8 sec".
            "The plan is sound: {n} item or group, integrity check passed ({took}).",
            "The plan is sound: {n} items and groups, integrity check passed ({took}).",
            items,
        ).format(n=number(items), took=formats.seconds(seconds))
        QMessageBox.information(window, _("Check plan"), sound)
        return
    check_result(window, problems).exec()


def check_result(window: QWidget, problems: list[str]) -> QMessageBox:
    """The problems File › Check Plan found (the first few), and the way on."""
    listed = problems[:MAX_LISTED_PROBLEMS]
    more = len(problems) - len(listed)
    text = "\n".join(f"• {p}" for p in listed)
    if more:
        text += "\n" + ngettext("… and {n} more.", "… and {n} more.", more).format(n=number(more))
    box = QMessageBox(QMessageBox.Icon.Warning, _("Check plan"), "", parent=window)
    box.setObjectName("checkResult")
    n = len(problems)
    box.setText(
        ngettext("The plan has {n} problem:", "The plan has {n} problems:", n).format(n=number(n))
    )
    way_on = _(
        "File › Restore from Backup… can bring back a sound copy; "
        "`planner check` lists every problem."
    )
    box.setInformativeText(f"{text}\n\n{way_on}")
    return box
