"""Every menu's access keys (the underlined letters, "&" in the texts) are unique within
that menu, in every language: the menu bar, each menu and submenu, and the tree's
right-click menu with its Assign To submenu."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QMenu, QMenuBar

from planner.i18n import LANGUAGES
from planner.ui.window.menus import context_menu
from tests.helpers.window import MakeDemoWindow

_KEY = re.compile(r"&(?!&)(.)")


def access_key(text: str) -> str | None:
    """The letter after a single "&" ("&&" is an ampersand), upper case."""
    found = _KEY.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def clashes(title: str, menu: QMenu | QMenuBar) -> list[str]:
    """'File: C in "Check Plan", "Plan Currency…"' for each letter used twice, in this
    menu and its submenus."""
    by_key: dict[str, list[str]] = {}
    out: list[str] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        key = access_key(action.text())
        if key is not None:
            by_key.setdefault(key, []).append(action.text())
        sub = action.menu()
        if isinstance(sub, QMenu):
            out += clashes(f"{title} › {action.text()}", sub)
    out += [f"{title}: {key} in {texts}" for key, texts in by_key.items() if len(texts) > 1]
    return out


@pytest.mark.parametrize("code", LANGUAGES)
def test_access_keys_are_unique_in_each_menu(make_demo_window: MakeDemoWindow, code: str) -> None:
    window = make_demo_window(code)
    with window.service.store.read() as unit:  # type: ignore[union-attr]
        goal = next(r.id for r in unit.all_items() if r.title == "Run a half marathon")
    window.reveal([goal])
    found = clashes("menu bar", window.menuBar())
    menu = context_menu(window, window.actions_by_name)
    window.people.add_assign_menu(menu)
    found += clashes("right-click menu", menu)
    assert found == [], "\n".join(found)


def test_a_clash_is_found() -> None:
    menu = QMenu()
    menu.addAction("&Check Plan")
    menu.addAction("Plan &Currency…")
    menu.addAction("Fish && &Chips")
    menu.addAction("&Quit")
    assert clashes("File", menu) == [
        "File: C in ['&Check Plan', 'Plan &Currency…', 'Fish && &Chips']"
    ]
