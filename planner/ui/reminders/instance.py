"""One Planner per plan: a second start on a plan that a running Planner shows (maybe
hidden in the notification area) asks that one to show its window, and ends there."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

WAIT_MS = 2000
SHOW = b"show\n"  # not-ui: the message between two Planners


def server_name(plan: Path) -> str:
    """The local socket a Planner showing `plan` listens on: one per user and plan."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    key = f"{user}\n{plan.resolve()}".encode()
    return f"planner-{hashlib.sha256(key).hexdigest()[:24]}"


def ask_to_show(plan: Path) -> bool:
    """Ask the Planner that shows `plan` to show its window; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(plan))
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(SHOW)
    sent = socket.waitForBytesWritten(WAIT_MS)
    socket.disconnectFromServer()
    return sent


class ShowRequests(QObject):
    """Listens, while a plan is shown, for another start on it (`showRequested`)."""

    showRequested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)

    def listen(self, plan: Path) -> bool:
        self.server.close()
        name = server_name(plan)
        if self.server.listen(name):
            return True
        QLocalServer.removeServer(name)  # left by a Planner that ended without closing it
        return self.server.listen(name)

    def close(self) -> None:
        self.server.close()

    def _connected(self) -> None:
        """Another start on the plan: its message read at once (it writes it as soon as
        it is connected, then goes)."""
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket.bytesAvailable() or socket.waitForReadyRead(WAIT_MS):
                message = bytes(socket.readAll().data())
            else:
                message = b""
            socket.abort()
            socket.deleteLater()
            if SHOW.strip() in message:
                self.showRequested.emit()
