"""Sorting the tree by a column header: ascending, descending, then the user's own order;
a view only (the positions in the file never change); drops between rows refused while
sorted, drops onto an item still moving it (and undone); Move Up/Down disabled."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner.domain.items import Priority
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.ui.tree.nodes import Column
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import MakeWindow, titles_under

TITLES = ("Walk the dog", "buy bread", "Call Ana", "Answer mail")


@pytest.fixture
def plan(service: PlanService) -> dict[str, int]:
    """Goals › Chores › four tasks with due dates, priorities and assignees; Goals › Trip."""
    group = service.first_group()
    assert group is not None
    ids = {"Goals": group.id}
    ids["Chores"] = service.create_item(group.id, "Chores").ids[0]
    today = date(2026, 12, 6)
    dues = (today + timedelta(days=3), None, today + timedelta(days=1), today + timedelta(days=9))
    priorities = (Priority.LOW, Priority.HIGH, Priority.NONE, Priority.MEDIUM)
    people = PeopleService(service.store)
    ids["Zoe"] = people.add_person("Zoe").people[0]
    ids["Ana"] = people.add_person("Ana").people[0]
    assignees = ("Zoe", None, "Ana", None)
    for title, due, priority, person in zip(TITLES, dues, priorities, assignees, strict=True):
        item_id = service.create_item(ids["Chores"], title).ids[0]
        ids[title] = item_id
        service.edit(item_id, due=due, priority=priority)
        if person is not None:
            people.assign([item_id], ids[person])
    ids["Trip"] = service.create_item(group.id, "Trip").ids[0]
    return ids


def chores(window: MainWindow) -> list[str]:
    return titles_under(window, ["Goals", "Chores"])


def positions(path: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, position FROM items ORDER BY id").fetchall()


def click_heading(window: MainWindow, column: int) -> None:
    window.tree.header().sectionClicked.emit(column)


def test_title_sorts_ascending_descending_then_back(
    make_window: MakeWindow, plan: dict[str, int]
) -> None:
    window = make_window()
    assert chores(window) == list(TITLES)
    click_heading(window, Column.TITLE)
    assert chores(window) == ["Answer mail", "buy bread", "Call Ana", "Walk the dog"]
    header = window.tree.header()
    assert header.isSortIndicatorShown()
    assert header.sortIndicatorSection() == Column.TITLE
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    click_heading(window, Column.TITLE)
    assert chores(window) == ["Walk the dog", "Call Ana", "buy bread", "Answer mail"]
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    click_heading(window, Column.TITLE)
    assert chores(window) == list(TITLES)
    assert not header.isSortIndicatorShown()
