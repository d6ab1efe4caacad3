"""A window on a small plan made for the typed-date, key and quick-add tests: two groups,
goals with known due dates, two people, euros; today is Sunday 22 November 2026."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel

from planner.app import open_plan
from planner.services.costs import CostService
from planner.services.people import PeopleService
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import MakeWindow, index_of

RUN_DUE = date(2026, 12, 31)
Select = Callable[..., None]


@pytest.fixture
def window(make_window: MakeWindow, plan_path: Path, clock: FakeClock) -> MainWindow:
    service = open_plan(plan_path, create=True, clock=clock)
    try:
        health = service.create_group("Health").ids[0]
        service.create_item(health, "Run a marathon", due=RUN_DUE)
        service.create_item(health, "Swim weekly", due=RUN_DUE)
        home = service.create_group("Home").ids[0]
        service.create_item(home, "Paint the fence", due=None)
        people = PeopleService(service.store)
        people.add_person("Ana Silva")
        people.add_person("Sam Okafor")
        CostService(service.store).set_currency("EUR")
    finally:
        service.store.close()
    return make_window(create=False)


@pytest.fixture
def select(window: MainWindow) -> Select:
    """select(("Health", "Run a marathon"), ...): those rows selected, the first current."""

    def rows(*paths: tuple[str, ...]) -> None:
        flag = QItemSelectionModel.SelectionFlag
        selection = window.tree.selectionModel()
        for n, path in enumerate(paths):
            index = index_of(window, list(path))
            assert index.isValid(), path
            if n == 0:
                selection.setCurrentIndex(index, flag.Rows | flag.ClearAndSelect)
            else:
                selection.select(index, flag.Rows | flag.Select)

    return rows
