"""The window's menus and keys, as one table: each command's name, text and keys, in the
order the menus show them. The window hands in what each name does."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget


@dataclass(frozen=True)
class Command:
    name: str
    text: str
    keys: tuple[str, ...] = ()
    # Keys like Enter and Delete belong to the tree, not to the details panel's fields.
    tree_only: bool = False


SEPARATOR = None
RECENT = "Open &Recent"  # the submenu of recent plans, filled as it opens
Entry = Command | str | None

MENUS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    (
        "&File",
        (
            Command("new_plan", "&New Plan…"),
            Command("open_plan", "&Open Plan…", ("Ctrl+O",)),
            RECENT,
            SEPARATOR,
            Command("restore_backup", "Restore from &Backup…"),
            Command("check_plan", "&Check Plan"),
            SEPARATOR,
            Command("currency", "Plan &Currency…"),
            SEPARATOR,
            Command("import", "&Import…"),
            Command("export", "&Export…"),
            Command("shares", "S&hares…"),
            SEPARATOR,
            Command("quit", "&Quit", ("Ctrl+Q",)),
        ),
    ),
    (
        "&Edit",
        (
            Command("undo", "&Undo", ("Ctrl+Z",)),
            Command("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
        ),
    ),
    (
        "&Item",
        (
            Command("new_goal", "New &Goal", ("Ctrl+N",)),
            Command("new_sibling", "New Item &Below", ("Return", "Enter"), tree_only=True),
            Command("new_subtask", "New &Subtask", ("Ctrl+Shift+N", "Insert")),
            Command("new_group", "New Gro&up"),
            Command("rename", "&Rename", ("F2",), tree_only=True),
            SEPARATOR,
            Command("toggle_done", "Mark &Done / Not Done", ("Ctrl+Return", "Ctrl+Enter")),
            Command("indent", "&Indent"),
            Command("outdent", "&Outdent"),
            Command("move_up", "Move &Up", ("Ctrl+Shift+Up",)),
            Command("move_down", "Move Do&wn", ("Ctrl+Shift+Down",)),
            SEPARATOR,
            Command("delete", "&Delete", ("Delete",), tree_only=True),
            Command("restore", "Re&store"),
            Command("purge", "Delete &Permanently…", ("Shift+Delete",), tree_only=True),
            Command("empty_deleted", "&Empty Deleted…"),
            SEPARATOR,
            Command("people", "P&eople…", ("Ctrl+Shift+P",)),
            Command("share", "S&hare…", ("Ctrl+Shift+S",)),
        ),
    ),
    (
        "&View",
        (
            Command("search", "&Search…", ("Ctrl+F",)),
            Command("assigned", "&Assigned To…", ("Ctrl+Shift+A",)),
            SEPARATOR,
            Command("zoom_in", "&Zoom In", ("Alt+Right",)),
            Command("zoom_out", "Zoom &Out", ("Alt+Left",)),
            SEPARATOR,
            Command("expand_all", "&Expand All"),
            Command("collapse_all", "&Collapse All"),
        ),
    ),
)

# The tree's right-click menu: the item commands that can run on the selection.
CONTEXT: tuple[str | None, ...] = (
    "new_goal",
    "new_sibling",
    "new_subtask",
    "rename",
    SEPARATOR,
    "toggle_done",
    "indent",
    "outdent",
    "move_up",
    "move_down",
    SEPARATOR,
    "delete",
    "restore",
    "purge",
    "empty_deleted",
    SEPARATOR,
    "share",
)

Slots = Mapping[str, Callable[[], object]]


@dataclass
class Menus:
    actions: dict[str, QAction]  # every command's action, by its name
    recent: QMenu


def add_menus(window: QMainWindow, tree: QWidget, slots: Slots) -> Menus:
    """The menu bar of `window`, each command doing `slots[name]`."""
    actions: dict[str, QAction] = {}
    recent: QMenu | None = None
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(title)
        for entry in entries:
            if entry is SEPARATOR:
                menu.addSeparator()
            elif entry == RECENT:
                recent = menu.addMenu(RECENT)
            elif isinstance(entry, Command):
                action = _action(entry, slots[entry.name], window, tree)
                actions[entry.name] = action
                menu.addAction(action)
    assert recent is not None
    return Menus(actions, recent)


def _action(
    command: Command, slot: Callable[[], object], window: QMainWindow, tree: QWidget
) -> QAction:
    action = QAction(command.text, window)
    if command.keys:
        action.setShortcuts([QKeySequence(k) for k in command.keys])
    action.triggered.connect(lambda _checked=False: slot())
    if command.tree_only:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tree.addAction(action)
    else:
        window.addAction(action)
    return action


def context_menu(parent: QWidget, actions: Mapping[str, QAction]) -> QMenu:
    """The tree's right-click menu: the commands of CONTEXT that are enabled now."""
    menu = QMenu(parent)
    for name in CONTEXT:
        if name is SEPARATOR:
            menu.addSeparator()
        elif actions[name].isEnabled():
            menu.addAction(actions[name])
    return menu
