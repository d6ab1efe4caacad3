"""Every command of every menu either does something a user notices (the plan, the undo
history, the selection or the focus changes; a dialog, a question, a panel or a status
message shows) or is disabled, its status tip saying why."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
)

from planner.ui.window.main_window import MainWindow
from tests.helpers.window import MakeDemoWindow, plan_export, service_of

# Switching the language is checked with the languages; quitting closes the window.
SKIPPED = {"quit"}


def every_action(window: MainWindow) -> list[tuple[str, QAction]]:
    out: list[tuple[str, QAction]] = []
    names = {id(a): n for n, a in window.actions_by_name.items()}
    stack: list[QMenu] = []
    for top in window.menuBar().actions():
        if isinstance(top.menu(), QMenu):
            stack.append(top.menu())
    while stack:
        menu = stack.pop()
        menu.aboutToShow.emit()  # Open Recent fills itself as it opens
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                if sub.title().replace("&", "") != "Language":
                    stack.append(sub)
            elif not action.isSeparator():
                out.append((names.get(id(action), action.text()), action))
    return out


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every dialog, question and file chooser asked for, answered "Cancel"."""
    asked: list[str] = []

    def record(kind: str, answer: Any) -> Any:
        def ask(*_args: Any, **_kwargs: Any) -> Any:
            asked.append(kind)
            return answer

        return ask

    monkeypatch.setattr(QDialog, "exec", record("dialog", 0))
    monkeypatch.setattr(QMessageBox, "exec", record("message", QMessageBox.StandardButton.Cancel))
    for name in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, record(name, QMessageBox.StandardButton.Cancel))
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, record(name, ("", "")))
    monkeypatch.setattr(QInputDialog, "getText", record("getText", ("", False)))
    monkeypatch.setattr(QInputDialog, "getItem", record("getItem", ("", False)))
    return asked


def shown_rows(window: MainWindow) -> int:
    """How many rows the tree shows (open ones' children included)."""
    tree, count = window.tree, 0
    index = tree.model().index(0, 0, tree.rootIndex())
    while index.isValid():
        count += 1
        index = tree.indexBelow(index)
    return count


def noticed(window: MainWindow, shown: list[str]) -> tuple[object, ...]:
    stack = window.controller.stack  # type: ignore[union-attr]
    tops = tuple(sorted(id(w) for w in QApplication.topLevelWidgets() if w.isVisible()))
    header = window.tree.header()  # a sorted column: its heading's arrow
    arrow = (
        header.isSortIndicatorShown(),
        header.sortIndicatorSection(),
        header.sortIndicatorOrder(),
    )
    return (
        stack.index(),
        stack.count(),
        str(plan_export(service_of(window))),
        window.statusBar().currentMessage(),
        id(QApplication.focusWidget()),
        window.views.side_bar.isVisible(),
        window.views.chosen,
        id(window.pages.currentWidget()),
        window.navigator.zoomed,
        tuple(window.tree.selectionModel().selectedRows()),
        shown_rows(window),
        len(shown),
        tops,
        arrow,
    )


@pytest.mark.parametrize("selected", ["Run a half marathon", "Health", "Call the tiler"])
def test_every_action_acts_or_says_why_not(
    make_demo_window: MakeDemoWindow, shown: list[str], selected: str
) -> None:
    window = make_demo_window()
    service = service_of(window)
    item = next(r.id for r in service.all_items() if r.title == selected)
    idle: list[str] = []
    side_bar = window.actions_by_name["side_bar"]
    with_side_bar = side_bar.isChecked()
    for name, action in every_action(window):
        if name in SKIPPED:
            continue
        window.reveal([item])
        window.tree.setFocus()
        QApplication.processEvents()
        if not action.isEnabled():
            # A placeholder ("No recent plans") says it in its text.
            placeholder = name not in window.actions_by_name
            assert placeholder or action.statusTip(), f"{name} is disabled without saying why"
            continue
        window.statusBar().clearMessage()
        before = noticed(window, shown)
        action.trigger()
        QApplication.processEvents()
        if noticed(window, shown) == before:
            idle.append(name)
        editor = QApplication.focusWidget()
        if window.tree.state() == window.tree.State.EditingState and editor is not None:
            QTest.keyClick(editor, Qt.Key.Key_Escape)  # a title editor the action opened
            QApplication.processEvents()
        for top in QApplication.topLevelWidgets():
            if top is not window and top.isVisible() and top.isWindow():
                top.close()
        stack = window.controller.stack  # type: ignore[union-attr]
        while stack.canUndo():
            stack.undo()
        window.navigator.zoom_to(None)
        window.views.show_tree()
        window.tree.sort_by(None)
        if side_bar.isChecked() != with_side_bar:
            side_bar.trigger()
    assert idle == [], f"enabled, yet nothing happened: {idle}"


def test_restore_and_restore_from_backup_say_why_they_cannot_act(
    make_demo_window: MakeDemoWindow,
) -> None:
    window = make_demo_window()
    service = service_of(window)
    active = next(r.id for r in service.all_items() if r.title == "Run a half marathon")
    window.reveal([active])
    restore = window.actions_by_name["restore"]
    assert not restore.isEnabled()
    assert restore.statusTip() == "Only a deleted item can be restored."
    backup = window.actions_by_name["restore_backup"]
    assert not backup.isEnabled()
    assert backup.statusTip() == "The sample plan is a temporary copy: it has no backups."
    deleted = next(r.id for r in service.all_items() if r.title == "Call the tiler")
    window.reveal([deleted])
    assert restore.isEnabled() and restore.statusTip() == ""
