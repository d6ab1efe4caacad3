"""What to do when the plan to open cannot be opened: pick another, or start a new one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def ask_for_plan(parent: QWidget | None) -> tuple[Path, bool] | None:
    """(path, create) chosen by the user, or None to quit."""
    box = QMessageBox(parent)
    box.setWindowTitle("Planner")
    box.setText("Open another plan, or start a new one?")
    other = box.addButton("Choose Another File…", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("Create a New Plan…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is other:
        name, _ = QFileDialog.getOpenFileName(parent, "Open plan", str(Path.home()))
        return (Path(name), False) if name else None
    if box.clickedButton() is new:
        name, _ = QFileDialog.getSaveFileName(
            parent, "New plan", str(Path.home() / "New plan.sqlite3")
        )
        if not name or Path(name).exists():
            return None
        return Path(name), True
    return None
