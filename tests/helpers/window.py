"""Driving the main window in tests: keys, focus, the rows a tree shows, the plan behind it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

from planner.app import open_plan
from planner.domain.items import ItemRecord
from planner.exports.json_format import export_document
from planner.services.plan import PlanService
from planner.services.search import SearchService
from planner.ui.tree.model import PlanTreeModel
from planner.ui.window.main_window import MainWindow

# make_window(path=plan_path, create=True, tester=True): the widgets' fixture (conftest.py)
MakeWindow = Callable[..., MainWindow]
# make_demo_window(code="en") and use_language(code): the widgets' fixtures (conftest.py)
MakeDemoWindow = Callable[..., MainWindow]
UseLanguage = Callable[[str], None]

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def service_of(window: MainWindow) -> PlanService:
    assert window.service is not None
    return window.service


def found(window: MainWindow, text: str) -> ItemRecord:
    """The one item of the window's plan that a search for `text` finds."""
    [hit] = SearchService(service_of(window).store).search(text).hits
    return hit.record


def model_of(window: MainWindow) -> PlanTreeModel:
    assert window.model is not None
    return window.model


def rows(model: PlanTreeModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    return [str(model.index(r, 0, parent).data()) for r in range(model.rowCount(parent))]


def plan_export(service: PlanService) -> dict[str, Any]:
    """The whole plan as exported, without the export time."""
    document = export_document(service)
    document.pop("exported_at")
    return document


def export_on_disk(path: Path) -> dict[str, Any]:
    """The plan as a separate connection reads it from the file."""
    service = open_plan(path)
    try:
        return plan_export(service)
    finally:
        service.store.close()


def focus_tree(qtbot: Any, window: MainWindow) -> None:
    focus(qtbot, window.tree)


def focus(qtbot: Any, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def press(
    qtbot: Any,
    window: MainWindow,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key pressed on the tree, as a user would, with the tree focused."""
    if not window.tree.hasFocus():
        focus_tree(qtbot, window)
    qtbot.keyClick(window.tree, key, modifiers)


def editor(window: MainWindow) -> QLineEdit:
    assert window.tree.state() == QAbstractItemView.State.EditingState
    widget = QApplication.focusWidget()
    assert isinstance(widget, QLineEdit), widget
    return widget


def type_title(qtbot: Any, window: MainWindow, text: str) -> None:
    """Type into the open title editor and press Enter."""
    line = editor(window)
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tree.state() != QAbstractItemView.State.EditingState)
    # The delegate commits and closes the editor through a queued call.
    qtbot.waitUntil(lambda: window.tree.hasFocus())


def assert_current(window: MainWindow, title: str) -> QModelIndex:
    """The item is the current row, selected, its parents expanded, scrolled into view."""
    tree = window.tree
    index = tree.currentIndex()
    assert index.isValid() and index.data() == title, index.data()
    assert tree.selectionModel().isRowSelected(index.row(), index.parent())
    parent = index.parent()
    while parent.isValid():
        assert tree.isExpanded(parent), parent.data()
        parent = parent.parent()
    rect = tree.visualRect(index)
    assert rect.isValid() and tree.viewport().rect().intersects(rect)
    return index


def titles_under(window: MainWindow, title_path: list[str]) -> list[str]:
    """The rows shown under the row reached by following titles from the top."""
    model = model_of(window)
    parent = QModelIndex()
    for title in title_path:
        names = rows(model, parent)
        parent = model.index(names.index(title), 0, parent)
        model.load_rows(parent)
    return rows(model, parent)


def load_everything(window: MainWindow) -> None:
    """Every list of rows loaded (as Expand All loads them), none opened."""
    for _ in model_of(window).load_all():
        pass


def index_of(window: MainWindow, title_path: list[str]) -> QModelIndex:
    model = model_of(window)
    parent = QModelIndex()
    for title in title_path:
        model.load_rows(parent)
        names = rows(model, parent)
        parent = model.index(names.index(title), 0, parent)
    return parent


class AppRun:
    """Runs the app's entry point (`planner.__main__.main`) with its event loop replaced by
    a function given the shown window: the user's data and settings folders point into a
    temporary folder, so neither the default plan nor the real settings are touched."""

    def __init__(self, monkeypatch: Any, tmp_path: Path) -> None:
        from PySide6.QtCore import QSettings

        self.data_home = tmp_path / "data"
        self.config_home = tmp_path / "config"
        monkeypatch.setenv("XDG_DATA_HOME", str(self.data_home))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(self.config_home))
        monkeypatch.delenv("PLANNER_DB", raising=False)
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(self.config_home))
        self._monkeypatch = monkeypatch

    def __call__(self, argv: list[str], session: Any) -> int:
        """Start the app with `argv`; `session(window)` plays the user, then closes it."""
        from planner.__main__ import main

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        names = app.organizationName(), app.applicationName()
        windows: list[MainWindow] = []

        def exec_() -> int:
            shown = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()
            ]
            assert len(shown) == 1
            windows.append(shown[0])
            session(shown[0])
            assert not shown[0].isVisible(), "the session closes the window"
            return 0

        self._monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
        try:
            code = main(argv)
        finally:
            app.setOrganizationName(names[0])
            app.setApplicationName(names[1])
        assert windows, "the window was never shown"
        for window in windows:
            window.deleteLater()
        return code

    @property
    def settings_files(self) -> list[Path]:
        return sorted(self.config_home.rglob("*.conf")) + sorted(self.config_home.rglob("*.ini"))


class Bug(Exception):
    """Stands for a mistake in Planner's own code."""


def raises(error: Exception) -> Any:
    """A stand-in for a method: raises `error` whatever it is called with."""

    def fail(*_args: object, **_kwargs: object) -> NoReturn:
        raise error

    return fail


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type `text` as key presses: QTest takes ASCII only, so any other character (€, ä,
    пятница) is sent as the key event a keyboard layout gives for it (no key code, its
    text)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    run = ""
    for char in text + "\0":
        if char.isascii() and char != "\0":
            run += char
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if char != "\0":
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)
