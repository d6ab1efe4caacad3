"""What the window remembers between runs, in its settings: the plans opened last (File ›
Open Recent, and the plan to open at start) and each plan's open rows."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from planner.i18n import _
from planner.ui.session import Session
from planner.ui.tree.view import PlanTreeView

RECENT_MAX = 8


def expanded_rows_key(path: Path) -> str:
    """The settings key of a plan's expanded rows: the same in every run of the app (the
    built-in str hash is salted per process)."""
    digest = hashlib.sha256(str(path.absolute()).encode()).hexdigest()[:24]
    return f"tree/expanded/{digest}"


class WindowMemory:
    """Handed the settings and the tree."""

    def __init__(self, settings: QSettings, tree: PlanTreeView) -> None:
        self._settings = settings
        self._tree = tree

    # -- recent plans --------------------------------------------------------------------
    def remember_recent(self, path: Path) -> None:
        recent = [p for p in self.recent() if p != str(path)]
        recent.insert(0, str(path))
        self._settings.setValue("plans/recent", recent[:RECENT_MAX])
        self._settings.setValue("plans/last", str(path))

    def recent(self) -> list[str]:
        value = self._settings.value("plans/recent", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def fill_recent(self, menu: QMenu, open_path: Callable[[Path], object]) -> None:
        """File › Open Recent, as it opens."""
        menu.clear()
        for entry in self.recent():
            action = menu.addAction(entry)
            action.triggered.connect(lambda _c=False, p=entry: open_path(Path(p)))
        if not menu.actions():
            menu.addAction(_("No recent plans")).setEnabled(False)

    # -- open rows -----------------------------------------------------------------------
    def save_expanded(self, session: Session | None) -> None:
        """The plan's open rows, as the tree keeps them (by key: no walk of the view)."""
        if session is None or session.temporary:
            return
        model = session.model
        keys = sorted(k for k in self._tree.open_rows.keys if model.knows(k))
        self._settings.setValue(expanded_rows_key(session.path), keys)

    def restore_expanded(self, session: Session) -> None:
        saved = self._settings.value(expanded_rows_key(session.path), [])
        if isinstance(saved, str):  # one key: QSettings gives a single value back so
            saved = [saved]
        keys = []
        for key in saved if isinstance(saved, list) else []:
            with contextlib.suppress(ValueError):
                keys.append(int(key))
        self._tree.open_rows.reopen(keys)
