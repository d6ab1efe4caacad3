"""The Qt binding itself: a release that mishandles reference counts would crash the app."""

import sys

import pytest
from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal(int, str)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True is immortal from 3.12 on")
def test_signal_emit_keeps_reference_counts(qapp) -> None:  # type: ignore[no-untyped-def]
    emitter = Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.changed.emit(1, "x")
    assert sys.getrefcount(True) >= before - 5
