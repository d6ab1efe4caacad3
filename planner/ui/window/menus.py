"""The window's menus and keys, as one table: each command's name, text and keys, in the
order the menus show them. The window hands in what each name does. The texts are marked
here and translated where shown (`retranslate`), so a language switch reaches them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from planner import i18n
from planner.i18n import N_, _


@dataclass(frozen=True)
class Command:
    name: str
    text: str  # marked with N_(); `retranslate` shows it in the current language
    keys: tuple[str, ...] = ()
    # Keys like Enter and Delete belong to the tree, not to the details panel's fields.
    tree_only: bool = False


@dataclass(frozen=True)
class Submenu:
    """Commands grouped under one entry of a menu (Item › Priority ▸ High…)."""

    title: str  # marked with N_()
    entries: tuple[Command | None, ...]


SEPARATOR = None
RECENT = "recent"  # the submenu of recent plans, filled as it opens
LANGUAGE = "language"  # View › Language: the system's, or one of Planner's languages
SUBMENUS = {RECENT: N_("Open &Recent"), LANGUAGE: N_("&Language")}
Entry = Command | Submenu | str | None

MENUS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    (
        N_("&File"),
        (
            Command("new_plan", N_("&New Plan…")),
            Command("open_plan", N_("&Open Plan…"), ("Ctrl+O",)),
            RECENT,
            SEPARATOR,
            Command("restore_backup", N_("Restore from &Backup…")),
            Command("check_plan", N_("Chec&k Plan")),
            SEPARATOR,
            Command("currency", N_("Plan &Currency…")),
            Command("reminder_settings", N_("Remin&der Settings…")),
            Command("workdays", N_("&Working Days…")),
            SEPARATOR,
            Command("import", N_("&Import…")),
            Command("export", N_("&Export…")),
            Command("shares", N_("S&hares…")),
            SEPARATOR,
            Command("quit", N_("&Quit"), ("Ctrl+Q",)),
        ),
    ),
    (
        N_("&Edit"),
        (
            Command("undo", N_("&Undo"), ("Ctrl+Z",)),
            Command("redo", N_("&Redo"), ("Ctrl+Shift+Z", "Ctrl+Y")),
        ),
    ),
    (
        N_("&Item"),
        (
            Command("new_goal", N_("New &Goal"), ("Ctrl+N",)),
            Command("new_sibling", N_("New Item &Below"), ("Return", "Enter"), tree_only=True),
            Command("new_subtask", N_("New &Subtask"), ("Ctrl+Shift+N", "Insert")),
            Command("new_group", N_("&New Group")),
            Command("rename", N_("&Rename"), ("F2",), tree_only=True),
            Command("quick_add", N_("&Quick Add…"), ("Ctrl+Space",)),
            SEPARATOR,
            Command("due_date", N_("&Change Due Date…"), ("Ctrl+D",)),
            Submenu(
                N_("Priorit&y"),
                (
                    Command("priority_high", N_("&High"), ("Ctrl+1",)),
                    Command("priority_medium", N_("&Medium"), ("Ctrl+2",)),
                    Command("priority_low", N_("&Low"), ("Ctrl+3",)),
                    Command("priority_none", N_("&None"), ("Ctrl+0",)),
                ),
            ),
            Command("assignee", N_("&Assignee…"), ("Ctrl+Shift+A",)),
            SEPARATOR,
            Command("toggle_done", N_("&Mark Done / Not Done"), ("Ctrl+Return", "Ctrl+Enter")),
            Command("tick_habit", N_("Tic&k Habit for Today")),
            Command("indent", N_("&Indent")),
            Command("outdent", N_("&Outdent")),
            Command("move_up", N_("Move &Up"), ("Ctrl+Shift+Up",)),
            Command("move_down", N_("Move Do&wn"), ("Ctrl+Shift+Down",)),
            SEPARATOR,
            Command("delete", N_("&Delete"), ("Delete",), tree_only=True),
            Command("restore", N_("Res&tore")),
            Command("purge", N_("Delete &Permanently…"), ("Shift+Delete",), tree_only=True),
            Command("empty_deleted", N_("&Empty Deleted…")),
            SEPARATOR,
            Command("people", N_("Peop&le…"), ("Ctrl+Shift+P",)),
            Command("share", N_("S&hare…"), ("Ctrl+Shift+S",)),
        ),
    ),
    (
        N_("&View"),
        (
            Command("search", N_("&Search…"), ("Ctrl+F",)),
            Command("filter", N_("&Filter…"), ("Ctrl+Shift+F",)),
            Submenu(
                N_("So&rt By"),  # the tree's columns, as a click on a heading sorts them
                (
                    Command("sort_own", N_("&Your Order")),
                    Command("sort_title", N_("&Title")),
                    Command("sort_due", N_("&Due")),
                    Command("sort_priority", N_("&Priority")),
                    Command("sort_total", N_("T&otal")),
                    Command("sort_progress", N_("Pro&gress")),
                    Command("sort_assignee", N_("&Assignee")),
                    SEPARATOR,
                    Command("sort_descending", N_("Desce&nding")),
                ),
            ),
            Command("assigned", N_("&Assigned To…")),
            SEPARATOR,
            Command("side_bar", N_("Side &Bar"), ("F9",)),
            Submenu(
                N_("&Go To"),  # the plan tree and each ready-made view
                (
                    Command("view_plan", N_("&Plan"), ("Alt+0",)),
                    Command("view_today", N_("&Today"), ("Alt+1",)),
                    Command("view_upcoming", N_("&Upcoming"), ("Alt+2",)),
                    Command("view_overdue", N_("&Overdue"), ("Alt+3",)),
                    Command("view_nodate", N_("&No Due Date"), ("Alt+4",)),
                    Command("view_high", N_("&High Priority"), ("Alt+5",)),
                    Command("view_logbook", N_("&Logbook"), ("Alt+6",)),
                ),
            ),
            Command("calendar", N_("Calen&dar"), ("Ctrl+Shift+C",)),
            Command("show_in_tree", N_("Show in &Tree"), ("Ctrl+J",)),
            SEPARATOR,
            Command("zoom_in", N_("&Zoom In"), ("Alt+Right",)),
            Command("zoom_out", N_("Zoom &Out"), ("Alt+Left",)),
            SEPARATOR,
            Command("expand_all", N_("&Expand All")),
            Command("collapse_all", N_("&Collapse All")),
            SEPARATOR,
            LANGUAGE,
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
    "tick_habit",
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
ChooseLanguage = Callable[[str | None], object]  # a language, or None: the system's


@dataclass
class Menus:
    actions: dict[str, QAction]  # every command's action, by its name
    recent: QMenu
    titled: list[tuple[QMenu, str]]  # each menu and submenu, with its title's msgid
    languages: dict[str | None, QAction]  # View › Language's entries (None: the system's)


def add_menus(
    window: QMainWindow, tree: QWidget, slots: Slots, choose_language: ChooseLanguage
) -> Menus:
    """The menu bar of `window`, each command doing `slots[name]`, in the current language."""
    actions: dict[str, QAction] = {}
    titled: list[tuple[QMenu, str]] = []
    submenus: dict[str, QMenu] = {}
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(title)
        titled.append((menu, title))
        for entry in entries:
            if entry is SEPARATOR:
                menu.addSeparator()
            elif isinstance(entry, Command):
                action = _action(entry, slots[entry.name], window, tree)
                actions[entry.name] = action
                menu.addAction(action)
            elif isinstance(entry, Submenu):
                sub = menu.addMenu(entry.title)
                titled.append((sub, entry.title))
                for command in entry.entries:
                    if command is None:
                        sub.addSeparator()
                    else:
                        actions[command.name] = _action(command, slots[command.name], window, tree)
                        sub.addAction(actions[command.name])
            else:
                submenus[entry] = menu.addMenu(SUBMENUS[entry])
                titled.append((submenus[entry], SUBMENUS[entry]))
    menus = Menus(
        actions,
        submenus[RECENT],
        titled,
        _language_entries(submenus[LANGUAGE], choose_language),
    )
    retranslate(menus)
    return menus


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


def _language_entries(menu: QMenu, choose: ChooseLanguage) -> dict[str | None, QAction]:
    """ "System Language", then each language in its own name (never translated: a reader
    looks for their own); the one spoken checked ("System Language" when it is the
    system's and nothing else was chosen)."""
    group = QActionGroup(menu)
    entries: dict[str | None, QAction] = {}
    for code in (None, *i18n.LANGUAGES):
        action = QAction(i18n.LANGUAGE_NAMES[code] if code else "", menu, checkable=True)
        action.triggered.connect(lambda _checked=False, code=code: choose(code))
        group.addAction(action)
        menu.addAction(action)
        if code is None:
            menu.addSeparator()
        entries[code] = action
    spoken, remembered = i18n.current_language(), i18n.remembered_language()
    chosen = remembered if spoken == (remembered or i18n.system_language()) else spoken
    entries[chosen].setChecked(True)
    return entries


def retranslate(menus: Menus) -> None:
    """Every menu title and command text in the current language."""
    for menu, title in menus.titled:
        menu.setTitle(_(title))
    for _title, entries in MENUS:
        for entry in entries:
            inner = entry.entries if isinstance(entry, Submenu) else (entry,)
            for command in inner:
                if isinstance(command, Command):
                    menus.actions[command.name].setText(_(command.text))
    system = i18n.LANGUAGE_NAMES[i18n.system_language()]
    menus.languages[None].setText(_("System Language ({language})").format(language=system))


def context_menu(parent: QWidget, actions: Mapping[str, QAction]) -> QMenu:
    """The tree's right-click menu: the commands of CONTEXT that are enabled now."""
    menu = QMenu(parent)
    for name in CONTEXT:
        if name is SEPARATOR:
            menu.addSeparator()
        elif actions[name].isEnabled():
            menu.addAction(actions[name])
    return menu
