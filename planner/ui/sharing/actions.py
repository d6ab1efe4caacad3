"""The window's sharing and exchange: Share…, the Shares window, File › Export… and
Import…, and the live shares, rewritten after changes at most once a second.

Shares and exports write files outside the plan; they are not steps of the undo history
(as saving a file elsewhere is not). An import adds to the plan, so it is one undoable
step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import (
    QObject,
    QRunnable,
    QSettings,
    QStandardPaths,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QStatusBar, QWidget

from planner.domain.errors import PlannerError
from planner.domain.items import ItemRecord, quoted
from planner.domain.new_node import count_nodes
from planner.domain.shares import ShareRecord
from planner.exports.files import plan_files, plan_name, write_atomically
from planner.exports.share_files import Rewrite, make_share, pending_rewrites, revoke
from planner.formats import number
from planner.i18n import _, ngettext
from planner.services.costs import CostService
from planner.services.plan import PlanService
from planner.services.shares import ShareService
from planner.ui.session import OpenSession

REFRESH_MS = 1000
# The dialogs and the exchange formats (20 ms to import) load when first used, not at start.
if TYPE_CHECKING:
    from planner.ui.sharing.dialogs import SharesWindow

IMPORT_PATTERNS = "*.json *.opml *.xml *.md *.markdown *.txt"


class _Signals(QObject):
    done = Signal(object)  # the job, finished


class _RenderJob(QRunnable):
    """Renders and writes the changed live shares on a worker thread (QTextDocument and
    QPdfWriter need no GUI thread); the records are updated back on the main thread."""

    def __init__(self, rewrites: list[Rewrite]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.rewrites = rewrites
        self.notes: list[str | None] = []
        self.signals = _Signals()

    def run(self) -> None:
        self.notes = [rewrite.run() for rewrite in self.rewrites]
        self.signals.done.emit(self)


class Selection(Protocol):
    def current_record(self) -> ItemRecord | None: ...
    def reveal(self, item_ids: Sequence[int], edit: bool = False) -> None: ...


class Sharing(QObject):
    """Handed the window (the dialogs' parent), the open plan, the selection, where an
    imported goal goes, and the status bar."""

    refreshed = Signal(int)  # a refresh of the live shares ran; how many files it rewrote

    def __init__(
        self,
        window: QWidget,
        session: OpenSession,
        selection: Selection,
        import_group: Callable[[], int | None],
        status: QStatusBar,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._session = session
        self._selection = selection
        self._import_group = import_group
        self._status = status
        self._settings = settings  # the last folder used, per kind of file
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh_now)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._job: _RenderJob | None = None
        self._again = False
        self.shares_window: SharesWindow | None = None

    # -- state of the open plan --------------------------------------------------------
    @property
    def service(self) -> PlanService | None:
        session = self._session()
        return session.service if session is not None else None

    @property
    def plan(self) -> Path | None:
        session = self._session()
        return session.path if session is not None else None

    def _folder(self, kind: str) -> Path:
        """Where a dialog for this kind of file (share, export, import) starts: the folder
        used last for it, else the documents folder, else home: the first that exists
        (Qt names ~/Documents even where there is none)."""
        last = self._settings.value(f"folders/{kind}") if self._settings is not None else None
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        for folder in (last, docs):
            if isinstance(folder, str) and folder and Path(folder).is_dir():
                return Path(folder)
        return Path.home()

    def _remember(self, kind: str, file: Path) -> None:
        if self._settings is not None:
            self._settings.setValue(f"folders/{kind}", str(file.absolute().parent))

    # -- live shares -------------------------------------------------------------------
    def plan_changed(self) -> None:
        """The plan changed: rewrite the live shares soon. A burst of changes makes one
        rewrite, at most one a second."""
        if not self.timer.isActive():
            self.timer.start()

    def plan_closing(self) -> None:
        """Before the plan closes: a pending rewrite is done now, and one under way ends."""
        if self.timer.isActive():
            self.timer.stop()
            self.refresh_now()
        self.wait()

    def wait(self) -> None:
        """Until the rewrite under way (if any) is written and recorded."""
        if self._job is not None:
            self.pool.waitForDone()
            self._finish(self._job)

    def refresh_now(self) -> None:
        """Build the cards of the live shares now (a quick read); the files of those that
        changed are rendered and written on a worker thread, so editing goes on."""
        service, plan = self.service, self.plan
        if service is None or plan is None:
            return
        if self._job is not None:  # one rewrite at a time; this change is seen after it
            self._again = True
            return
        try:
            jobs, notes = pending_rewrites(service, plan)
        except (PlannerError, OSError) as e:
            jobs, notes = [], [_("Live shares not updated: {reason}").format(reason=e)]
        if notes:
            self._status.showMessage(" ".join(notes), 10000)
        if not jobs:
            self.refreshed.emit(0)
            return
        job = _RenderJob(jobs)
        # Queued: the records are written on the main thread, with the plan's connection.
        job.signals.done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._job = job
        self.pool.start(job)

    def _finish(self, job: _RenderJob) -> None:
        if self._job is not job:
            return  # already recorded (the plan was closing and waited for it)
        self._job = None
        service = self.service
        rewritten = 0
        failed = [n for n in job.notes if n]
        if service is not None:
            shares = ShareService(service)
            for rewrite, note in zip(job.rewrites, job.notes, strict=True):
                if note is not None:
                    continue
                try:
                    shares.written(rewrite.share_id, rewrite.digest)
                except PlannerError as e:  # a read-only plan: the file is new, its record not
                    failed.append(
                        _("Share {id} written, not recorded: {reason}").format(
                            id=rewrite.share_id, reason=e
                        )
                    )
                rewritten += 1
        if failed:
            self._status.showMessage(" ".join(failed), 10000)
        self.refreshed.emit(rewritten)
        if self.shares_window is not None and self.shares_window.isVisible():
            self.shares_window.reload()
        if self._again:
            self._again = False
            self.plan_changed()

    # -- Share… ------------------------------------------------------------------------
    def share_current(self) -> None:
        service, plan = self.service, self.plan
        record = self._selection.current_record()
        if service is None or plan is None or record is None or record.is_group:
            self._status.showMessage(_("Select a goal or task to share."), 5000)
            return
        from planner.ui.sharing.dialogs import ShareDialog

        shares = ShareService(service)
        dialog = ShareDialog(self.window, record.title, self._folder("share"), shares.page())
        # A file that cannot be written: the message, then the dialog again as it was.
        while True:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            page = str(dialog.page.currentData())
            try:
                if dialog.fmt == "pdf" and page != shares.page():
                    shares.set_page(page)
                live = dialog.live.isChecked()
                share = make_share(service, record.id, dialog.fmt, dialog.path(), live, plan, page)
            except (PlannerError, OSError) as e:
                QMessageBox.warning(dialog, _("Cannot share"), str(e))
                continue
            break
        self._remember("share", dialog.path())
        saved = (
            _("Card saved to {file}. It is kept up to date.")
            if share.live
            else _("Card saved to {file}.")
        )
        self._status.showMessage(saved.format(file=share.file), 8000)

    # -- Shares window -------------------------------------------------------------------
    def show_shares(self) -> None:
        if self.service is None:
            return
        if self.shares_window is None:
            from planner.ui.sharing.dialogs import SharesWindow

            self.shares_window = SharesWindow(self.window, self._share_rows, self._revoke)
        self.shares_window.reload()
        self.shares_window.show()

    def _share_rows(self) -> list[tuple[ShareRecord, str | None]]:
        service = self.service
        if service is None:
            return []
        shares = ShareService(service, self.plan).all()
        found = service.get_many(s.item_id for s in shares)
        return [(s, found[s.item_id].title if s.item_id in found else None) for s in shares]

    def _revoke(self, share_id: int) -> str | None:
        if self.service is None or self.plan is None:
            return None
        try:
            return revoke(self.service, share_id, self.plan)
        except (PlannerError, OSError) as e:
            return str(e)

    # -- File › Export… and Import… ------------------------------------------------------
    def export_dialog(self) -> None:
        service, plan = self.service, self.plan
        if service is None or plan is None:
            return
        from planner.exports.exchange import export_bytes
        from planner.ui.sharing.dialogs import ExportDialog

        record = self._selection.current_record()
        title = record.title if record is not None else None
        dialog = ExportDialog(self.window, title, self._folder("export"), plan_name(plan))
        if record is not None:
            dialog.item.setChecked(True)
        while True:  # a file that cannot be written: the message, then the dialog again
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            item_id = record.id if record is not None and dialog.item.isChecked() else None
            try:
                data = export_bytes(service, dialog.fmt, item_id, plan_name(plan))
                write_atomically(dialog.path(), data, plan_files(plan))
            except (PlannerError, OSError) as e:
                QMessageBox.warning(dialog, _("Cannot export"), str(e))
                continue
            break
        self._remember("export", dialog.path())
        self._status.showMessage(_("Exported to {file}.").format(file=dialog.path()), 8000)

    def import_dialog(self, name: str | None = None) -> None:
        session = self._session()
        if session is None:
            return
        if name is None:
            outlines, everything = _("Plans and outlines"), _("All files")
            name, _filter = QFileDialog.getOpenFileName(
                self.window,
                _("Import"),
                str(self._folder("import")),
                f"{outlines} ({IMPORT_PATTERNS});;{everything} (*)",
            )
        if not name:
            return
        from planner.exports.exchange import read_import

        path = Path(name)
        self._remember("import", path)
        try:
            kind, nodes, currency, people = read_import(path, None, self.plan)
        except PlannerError as e:
            QMessageBox.warning(self.window, _("Cannot import"), str(e))
            return
        target: int | None = None
        if kind == "item":
            target = self._import_group()
            if target is None:
                QMessageBox.warning(self.window, _("Cannot import"), _("The plan has no group."))
                return
        service = session.service
        costs = CostService(service.store)
        had_lines = costs.has_lines()
        file = path.name
        outcomes = session.controller.run(
            lambda: _("Import {file}").format(file=quoted(file)),
            lambda: service.add_trees(target, nodes, people),
        )
        if outcomes and currency and not had_lines and currency != costs.currency():
            # As on the command line: a plan without amounts takes the export's currency.
            costs.set_currency(currency)
        if outcomes:
            ids = list(outcomes[0].ids)
            self._selection.reveal(ids)
            n = count_nodes(nodes)  # every item, not only the top ones
            imported = ngettext(
                "Imported {n} item from {file}.", "Imported {n} items from {file}.", n
            ).format(n=number(n), file=path.name)
            self._status.showMessage(imported, 8000)
