"""Texts the tree writes once and keeps (each amount of the Total column, each
percentage of the progress bars) are written again in another language or currency."""

from __future__ import annotations

from PySide6.QtCore import Qt

from planner.ui.tree.model import Column
from planner.ui.tree.view import ProgressDelegate
from tests.helpers.window import MakeDemoWindow, UseLanguage, found


def test_totals_and_percentages_follow_the_language(
    make_demo_window: MakeDemoWindow, use_language: UseLanguage
) -> None:
    window = make_demo_window()
    model = window.model
    assert model is not None
    goal = found(window, "Renovate the bathroom").id
    window.reveal([goal])
    total = model.index_for_item(goal, Column.TOTAL)
    assert total.data(Qt.ItemDataRole.DisplayRole) == "€1,218.55"
    progress = window.tree.itemDelegateForColumn(Column.PROGRESS)
    assert isinstance(progress, ProgressDelegate)
    assert progress.percent(0.22) == "22%"

    use_language("de")
    assert total.data(Qt.ItemDataRole.DisplayRole) == "1.218,55\u00a0€"
    assert progress.percent(0.22) == "22\u00a0%"
