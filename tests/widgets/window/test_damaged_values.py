"""The window on a plan received with values that do not read (a plan is data from
outside): File › Check Plan names each; a setting that does not read is ignored and the
plan shown."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from planner.app import open_plan
from planner.domain.errors import PlanFileError
from planner.ui.dialogs import startup
from tests.helpers.window import MakeWindow, model_of


def plan_with(path: Path, sql: str) -> None:
    """A plan with goal 2 in group 1, then `sql` run on it by SQLite itself."""
    service = open_plan(path, create=True)
    group = service.first_group()
    assert group is not None
    service.create_item(group.id, "Goal A")
    service.store.close()
    with sqlite3.connect(path) as con:
        con.execute(sql)
    con.close()


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the window says when it asks what to do with a plan it cannot open."""
    said: list[str] = []

    def ask(_parent: Any, _path: Path, error: PlanFileError, _files: Any) -> startup.Choice:
        said.append(str(error))
        return startup.Choice.CANCEL

    monkeypatch.setattr(startup, "ask_what_to_do", ask)
    return said


def test_check_plan_lists_a_value_that_does_not_read(
    make_window: MakeWindow, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    with sqlite3.connect(plan_path) as con:  # as another program would, the plan open
        con.execute(
            "INSERT INTO shares (item_id, format, file, made, updated, live, fingerprint)"
            " VALUES (1, 'html', 'card.html', 'garbage', ?, 0, '')",
            ("2026-01-01T00:00:00.000000+00:00",),
        )
        con.execute("INSERT INTO settings (key, value) VALUES ('card_page', 'b5')")
    con.close()
    seen: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: seen.append(f"{box.text()}\n{box.informativeText()}")
    )
    window.actions_by_name["check_plan"].trigger()
    [text] = seen
    assert text.startswith("The plan has 2 problems:")
    assert "• Share 1: time it was made 'garbage' is not a moment in time." in text
    assert "• Setting card_page: 'b5' does not read; it is ignored (the default is used)." in text


def test_a_setting_that_does_not_read_is_ignored_and_the_plan_shown(
    make_window: MakeWindow, tmp_path: Path, asked: list[str]
) -> None:
    window = make_window()
    odd = tmp_path / "odd.sqlite3"
    plan_with(
        odd,
        "INSERT INTO settings (key, value) VALUES ('workweek', 'garbage'), ('workdays', 'on'),"
        " ('holiday_country', 'DE'), ('holidays', 'zz-yy 2025-13-45')",
    )
    assert window.open_path(odd)
    assert asked == []
    model = model_of(window)
    assert model.rowCount() == 1


def test_a_row_that_does_not_read_closes_the_plan_and_asks_what_to_do(
    qtbot: Any, make_window: MakeWindow, plan_path: Path, asked: list[str]
) -> None:
    """Found while the tree paints the group (it was a traceback printed at every paint,
    the rows blank): said once, the plan closed, the ways on offered."""
    plan_with(plan_path, "UPDATE items SET due = '2026-02-30' WHERE id = 1")
    window = make_window(path=plan_path, create=False)
    window.tree.viewport().repaint()
    qtbot.waitUntil(lambda: window.session is None)
    assert asked == [
        "The plan is damaged: Item 1: due date '2026-02-30' is not a date. Restore a backup "
        "(planner backup list) or run planner check."
    ]
