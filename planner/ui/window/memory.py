"""What the window remembers between runs, in its settings: the plans opened last (File ›
Open Recent, and the plan to open at start), each plan's open rows and the column its tree
was sorted by (never in the plan: sorting is a view)."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from planner.i18n import _
from planner.ui.session import Session
from planner.ui.tree.nodes import COLUMNS
from planner.ui.tree.sorting import SortSpec
from planner.ui.tree.view import PlanTreeView

RECENT_MAX = 8


def _plan_digest(path: Path) -> str:
    """A plan's part of its settings keys: the same in every run of the app (the built-in
    str hash is salted per process)."""
    return hashlib.sha256(str(path.absolute()).encode()).hexdigest()[:24]


def expanded_rows_key(path: Path) -> str:
    """The settings key of a plan's expanded rows."""
    return f"tree/expanded/{_plan_digest(path)}"


def sort_key(path: Path) -> str:
    """The settings key of the column a plan's tree is sorted by ("" for its own order)."""
    return f"tree/sort/{_plan_digest(path)}"


def sort_text(spec: SortSpec | None) -> str:
    """How a sort is kept: "4 descending", or "" for the user's own order."""
    if spec is None:
        return ""
    return f"{spec.column} {'descending' if spec.descending else 'ascending'}"


def sort_of_text(text: object) -> SortSpec | None:
    """The sort kept as `sort_text` wrote it (anything else: the user's own order)."""
    column, _space, way = str(text).partition(" ")
    if not column.isdigit() or int(column) >= COLUMNS or way not in ("ascending", "descending"):
        return None
    return SortSpec(int(column), descending=way == "descending")


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

    # -- the sorted column ---------------------------------------------------------------
    def save_sort(self, session: Session | None, spec: SortSpec | None) -> None:
        if session is not None and not session.temporary:
            self._settings.setValue(sort_key(session.path), sort_text(spec))

    def remembered_sort(self, session: Session) -> SortSpec | None:
        return sort_of_text(self._settings.value(sort_key(session.path), ""))
