"""What one test leaves in the application does not reach the next (in a parallel run any
test may follow any other in a process)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QApplication, QListView

from tests.helpers.keys import let_go_of_keys
from tests.helpers.window import CTRL


def test_a_key_clicked_with_ctrl_is_let_go(qtbot: Any) -> None:
    view = QListView()
    view.setModel(QStringListModel(["Call the bank", "Buy bread"], view))
    view.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
    qtbot.addWidget(view)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    # What QTest leaves (the reason for the helper): Qt believes a modifier still held,
    # and a row made current is added to the selection rather than selected alone.
    assert QApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier
    let_go_of_keys()
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
    model = view.model()
    view.setCurrentIndex(model.index(0, 0))
    view.setCurrentIndex(model.index(1, 0))
    assert [i.row() for i in view.selectionModel().selectedIndexes()] == [1]
