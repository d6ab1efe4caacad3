"""What to do when the plan to open cannot be opened: say why, then offer a way on — open
one of its backups, create it (when it does not exist), create a new plan elsewhere, or
choose another file. The file that was refused is never changed."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from planner.domain.errors import DamagedLog, PlanFileError, PlanFileMissing, PlanInUse
from planner.i18n import _
from planner.services.ports import PlanFiles


class Choice(enum.Enum):
    BACKUP = "backup"
    CREATE = "create"
    NEW = "new"
    WITHOUT_LOST = "without-lost"  # a damaged log: open the plan as it can be read
    OTHER = "other"
    CANCEL = "cancel"


def ask_what_to_do(
    parent: QWidget | None, path: Path, error: PlanFileError, files: PlanFiles
) -> Choice:
    """The message for a plan that cannot be opened, with the ways on that make sense."""
    box, buttons = problem_box(parent, path, error, files)
    box.exec()
    clicked = box.clickedButton()
    return next((c for c, b in buttons.items() if b is clicked), Choice.CANCEL)


def problem_box(
    parent: QWidget | None, path: Path, error: PlanFileError, files: PlanFiles
) -> tuple[QMessageBox, dict[Choice, QPushButton]]:
    """The message box of `ask_what_to_do`, and its buttons by the choice each makes."""
    box = QMessageBox(parent)
    box.setObjectName("planProblem")
    box.setWindowTitle(_("Cannot open plan"))
    box.setIcon(QMessageBox.Icon.Warning)
    missing = isinstance(error, PlanFileMissing)
    if missing:
        box.setText(_("There is no plan at {path}.").format(path=path))
        box.setInformativeText(_("Create a new, empty plan there, or open another one?"))
    elif isinstance(error, DamagedLog):
        box.setText(str(error))
        box.setInformativeText(
            _("Open a backup, or open the plan without the changes that cannot be read?")
        )
    else:
        box.setText(str(error))
        if not isinstance(error, PlanInUse):
            box.setInformativeText(_("The file was not changed. What would you like to do?"))
    buttons: dict[Choice, QPushButton] = {}
    accept, action = QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.ActionRole
    if missing:
        buttons[Choice.CREATE] = box.addButton(_("Create It"), accept)
    elif not isinstance(error, PlanInUse) and _has_backups(files, path):
        buttons[Choice.BACKUP] = box.addButton(_("Open a Backup…"), accept)
    if isinstance(error, DamagedLog):
        buttons[Choice.WITHOUT_LOST] = box.addButton(_("Open Without Them"), action)
    buttons[Choice.OTHER] = box.addButton(_("Choose Another File…"), action)
    buttons[Choice.NEW] = box.addButton(_("Create a New Plan…"), action)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(cancel)
    box.setDefaultButton(next(iter(buttons.values())))
    return box, buttons


def _has_backups(files: PlanFiles, path: Path) -> bool:
    try:
        return any(b.items is not None for b in files.backups(path))
    except OSError:
        return False


def _plans_filter(everything: bool = False) -> str:
    """The file dialogs' filter: plan files (and, to open, any file)."""
    plans = _("Plans")
    if not everything:
        return f"{plans} (*.sqlite3 *.db)"
    everything_else = _("All files")
    return f"{plans} (*.sqlite3 *.db);;{everything_else} (*)"


def ask_for_other_file(parent: QWidget | None) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Open plan"), str(Path.home()), _plans_filter(everything=True)
    )
    return Path(name) if name else None


def ask_for_new_file(parent: QWidget | None) -> Path | None:
    # TRANSLATORS: the name offered for a new plan's file (".sqlite3" is added).
    offered = Path.home() / (_("New plan") + ".sqlite3")
    name, _filter = QFileDialog.getSaveFileName(
        parent, _("New plan"), str(offered), _plans_filter()
    )
    if not name:
        return None
    path = Path(name)
    if path.exists():
        QMessageBox.warning(
            parent,
            _("New plan"),
            _("{path} already exists; choose a new name.").format(path=path),
        )
        return None
    return path
