"""Keys QTest left held: let go of them between tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def let_go_of_keys() -> None:
    """A click of QTest with Ctrl or Shift ends with a release that still carries the
    modifier, and Qt keeps the modifiers of the last key event as those held down: the
    next test's clicks and selections read Ctrl held (setCurrentIndex then adds to the
    selection). One key release carrying none lets go of them all."""
    if QApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        QTest.keyRelease(QWidget(), Qt.Key.Key_Control, Qt.KeyboardModifier.NoModifier)
