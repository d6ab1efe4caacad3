"""What to do when the plan to open cannot be opened: say why, then offer a way on — open
one of its backups, create it (when it does not exist), create a new plan elsewhere, or
choose another file. The file that was refused is never changed."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from planner.domain.errors import DamagedLog, PlanFileError, PlanFileMissing, PlanInUse
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
    box = QMessageBox(parent)
    box.setObjectName("planProblem")
    box.setWindowTitle("Cannot open plan")
    box.setIcon(QMessageBox.Icon.Warning)
    missing = isinstance(error, PlanFileMissing)
    if missing:
        box.setText(f"There is no plan at {path}.")
        box.setInformativeText("Create a new, empty plan there, or open another one?")
    elif isinstance(error, DamagedLog):
        box.setText(str(error))
        box.setInformativeText(
            "Open a backup, or open the plan without the changes that cannot be read?"
        )
    else:
        box.setText(str(error))
        if not isinstance(error, PlanInUse):
            box.setInformativeText("The file was not changed. What would you like to do?")
    buttons = {}
    if missing:
        buttons[Choice.CREATE] = box.addButton("Create It", QMessageBox.ButtonRole.AcceptRole)
    elif not isinstance(error, PlanInUse) and _has_backups(files, path):
        buttons[Choice.BACKUP] = box.addButton("Open a Backup…", QMessageBox.ButtonRole.AcceptRole)
    if isinstance(error, DamagedLog):
        buttons[Choice.WITHOUT_LOST] = box.addButton(
            "Open Without Them", QMessageBox.ButtonRole.ActionRole
        )
    buttons[Choice.OTHER] = box.addButton("Choose Another File…", QMessageBox.ButtonRole.ActionRole)
    buttons[Choice.NEW] = box.addButton("Create a New Plan…", QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(cancel)
    box.setDefaultButton(next(iter(buttons.values())))
    box.exec()
    clicked = box.clickedButton()
    return next((c for c, b in buttons.items() if b is clicked), Choice.CANCEL)


def _has_backups(files: PlanFiles, path: Path) -> bool:
    try:
        return any(b.items is not None for b in files.backups(path))
    except OSError:
        return False


def ask_for_other_file(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Open plan", str(Path.home()), "Plans (*.sqlite3 *.db);;All files (*)"
    )
    return Path(name) if name else None


def ask_for_new_file(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "New plan", str(Path.home() / "New plan.sqlite3"), "Plans (*.sqlite3 *.db)"
    )
    if not name:
        return None
    path = Path(name)
    if path.exists():
        QMessageBox.warning(parent, "New plan", f"{path} already exists; choose a new name.")
        return None
    return path
