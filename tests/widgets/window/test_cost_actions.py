"""Calculation in the window: the Total column, the status bar, the Calculation section of
the details panel, each edit an undoable step that updates every ancestor's total."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QInputDialog, QLineEdit, QMessageBox

from planner import i18n
from planner.app import open_plan
from planner.domain.cost_rollup import PLAN
from planner.domain.costs import LineKind, Totals
from planner.services.costs import CostService
from planner.services.plan import PlanService
from planner.ui.details.costs import AMOUNT, DESCRIPTION, KIND, PRICE, QUANTITY
from planner.ui.tree.model import Column
from planner.ui.tree.nodes import id_of
from planner.ui.tree.style import KEY_ROLE
from planner.ui.window.main_window import MainWindow
from tests.helpers.cost_reference import totals_by_definition
from tests.helpers.window import MakeWindow, focus, index_of, load_everything, model_of


@pytest.fixture(autouse=True)
def english(monkeypatch: Any) -> None:
    monkeypatch.setenv("LANGUAGE", "en_US")


def renovation(service: PlanService) -> dict[str, int]:
    """Home › Renovation (own line) › Tiles (two lines), Vanity (done), Tiler (deleted)."""
    costs = CostService(service.store)
    costs.set_currency("USD")
    home = service.first_group()
    assert home is not None
    service.edit(home.id, title="Home")
    ids = {"Home": home.id}
    ids["Renovation"] = service.create_item(home.id, "Renovation").ids[0]
    for title in ("Tiles", "Vanity", "Tiler", "Paint"):
        ids[title] = service.create_item(ids["Renovation"], title).ids[0]
    lines = {
        "Renovation": [("Skip hire", "1", "180")],
        "Tiles": [("Wall tiles", "14.5", "32.90"), ("Adhesive", "6", "18.75")],
        "Vanity": [("Vanity unit", "1", "449")],
        "Tiler": [("Tiler", "3", "320")],
    }
    for title, rows in lines.items():
        costs.set_calc(ids[title], True)
        for description, quantity, price in rows:
            costs.add_line(ids[title], description, Decimal(quantity), Decimal(price))
    service.mark_done([ids["Vanity"]])
    service.delete([ids["Tiler"]])
    return ids


@pytest.fixture
def window(make_window: MakeWindow, plan_path: Path, qtbot: Any) -> tuple[MainWindow, dict]:
    service = open_plan(plan_path, create=True)
    ids = renovation(service)
    service.store.close()
    window = make_window(plan_path, create=False)
    qtbot.waitUntil(lambda: model_of(window).costs.rollup is not None)
    return window, ids


def total_text(window: MainWindow, item_id: int) -> Any:
    return model_of(window).index_for_item(item_id, Column.TOTAL).data()


def select(qtbot: Any, window: MainWindow, item_id: int) -> None:
    window.reveal([item_id])
    window.details.show_tab(window.details.costs_tab)
    qtbot.waitUntil(lambda: window.cost_actions.current is not None)
    assert window.cost_actions.current.id == item_id


def file_totals(window: MainWindow) -> dict[int | None, Totals]:
    """Every item's (and the plan's) totals as computed afresh from the plan file, by the
    definition."""
    assert window.plan_path is not None
    service = open_plan(window.plan_path)
    try:
        return totals_by_definition(service.store)
    finally:
        service.store.close()


def lines_of(window: MainWindow, item_id: int) -> list[Any]:
    return model_of(window).costs.service.lines(item_id)


def shown_totals(window: MainWindow) -> dict[int | None, Totals]:
    """The window's totals of the same items."""
    rollup = model_of(window).costs.rollup
    assert rollup is not None
    return {key: rollup.totals(PLAN if key is None else key) for key in file_totals(window)}


def headline(window: MainWindow, item_id: int) -> Decimal:
    return file_totals(window)[item_id].headline


def test_total_column_and_status_bar(window: tuple[MainWindow, dict], qtbot: Any) -> None:
    win, ids = window
    load_everything(win)
    # 180 + 14.5 × 32.90 + 6 × 18.75 + 449 (done counts); the deleted tiler does not.
    assert total_text(win, ids["Renovation"]) == "$1,218.55"
    assert total_text(win, ids["Home"]) == "$1,218.55"
    assert total_text(win, ids["Tiles"]) == "$589.55"
    assert total_text(win, ids["Tiler"]) == "$960.00"  # its own figures, counted nowhere
    assert total_text(win, ids["Paint"]) is None  # nothing below it counts: blank
    assert model_of(win).headerData(Column.TOTAL, Qt.Orientation.Horizontal) == "Total"
    select(qtbot, win, ids["Tiles"])
    assert win.totals_label.text() == "Plan total $1,218.55 · 'Home' $1,218.55"
    tip = (
        model_of(win)
        .index_for_item(ids["Renovation"], Column.TOTAL)
        .data(Qt.ItemDataRole.ToolTipRole)
    )
    assert "Expenses $1,218.55 ($449.00 done)" in tip


def test_section_shows_lines_totals_and_breakdown(
    window: tuple[MainWindow, dict], qtbot: Any
) -> None:
    win, ids = window
    select(qtbot, win, ids["Renovation"])
    section = win.details.costs
    assert section.switch.isChecked() and section.switch.isVisible()
    assert section.table.rowCount() == 1
    assert section.table.item(0, DESCRIPTION).text() == "Skip hire"
    labels = section.totals_labels
    assert labels[("expense", "")].text() == "$1,218.55"
    assert labels[("expense", "_done")].text() == "$449.00"
    assert labels[("expense", "_remaining")].text() == "$769.55"
    text = section.breakdown.text()
    for part in ("Own lines", "$180.00", "Tiles", "$589.55", "Vanity", "$449.00", "$1,218.55"):
        assert part in text
    assert "Tiler" not in text and "Paint" not in text  # they add nothing
    # A group: totals and breakdown, no switch nor lines.
    select(qtbot, win, ids["Home"])
    assert not section.switch.isVisibleTo(win) and not section.table.isVisibleTo(win)
    assert "Renovation" in section.breakdown.text()


def test_editing_a_line_updates_ancestors_and_undoes(
    window: tuple[MainWindow, dict], qtbot: Any
) -> None:
    win, ids = window
    index_of(win, ["Home", "Renovation"])
    model_of(win).load_rows(model_of(win).index_for_item(ids["Renovation"]))
    select(qtbot, win, ids["Tiles"])
    section = win.details.costs
    section.table.item(0, QUANTITY).setText("15")  # 15 × 32.90 = 493.50
    qtbot.waitUntil(lambda: total_text(win, ids["Renovation"]) == "$1,235.00")
    assert total_text(win, ids["Tiles"]) == "$606.00"
    assert total_text(win, ids["Home"]) == "$1,235.00"
    assert win.actions_by_name["undo"].text() == "&Undo Edit cost line 'Wall tiles'"
    assert shown_totals(win) == file_totals(win)
    win.undo()
    assert total_text(win, ids["Renovation"]) == "$1,218.55"
    assert section.table.item(0, QUANTITY).text() == "14.5"
    assert shown_totals(win) == file_totals(win)
    win.redo()
    assert total_text(win, ids["Home"]) == "$1,235.00"
    assert shown_totals(win) == file_totals(win)


def test_add_remove_reorder_kind_and_switch(window: tuple[MainWindow, dict], qtbot: Any) -> None:
    win, ids = window
    select(qtbot, win, ids["Tiles"])
    section = win.details.costs
    before = file_totals(win)

    section.add_button.click()  # a new line, its description being edited
    assert section.table.rowCount() == 3
    assert section.table.item(2, DESCRIPTION).text() == "New line"
    section.table.item(2, DESCRIPTION).setText("Grout")
    qtbot.waitUntil(lambda: section.table.item(2, DESCRIPTION).text() == "Grout")
    section.table.item(2, PRICE).setText("9.99")
    qtbot.waitUntil(lambda: headline(win, ids["Tiles"]) == Decimal("599.54"))

    section.table.selectRow(2)
    section.up_button.click()
    qtbot.waitUntil(lambda: section.table.item(1, DESCRIPTION).text() == "Grout")
    assert section.table.currentRow() == 1  # the moved line stays selected

    kind = section.table.cellWidget(1, KIND)
    kind.setCurrentIndex(1)
    kind.activated.emit(1)  # as a user's choice
    qtbot.waitUntil(lambda: lines_of(win, ids["Tiles"])[1].kind is LineKind.INCOME)
    assert total_text(win, ids["Tiles"]) == "$579.56"  # the cost: 589.55 − 9.99 income

    section.table.selectRow(1)
    section.remove_button.click()
    qtbot.waitUntil(lambda: section.table.rowCount() == 2)

    section.switch.setChecked(False)  # switched off: the lines stay but stop counting
    qtbot.waitUntil(lambda: total_text(win, ids["Tiles"]) is None)
    assert section.table.rowCount() == 2 and not section.table.isEnabled()
    assert section.off_hint.isVisible()
    assert total_text(win, ids["Renovation"]) == "$629.00"

    for _ in range(7):  # switch, remove, kind, move, price, description, add: all undone
        win.undo()
    assert file_totals(win) == before
    assert shown_totals(win) == before
    assert len(lines_of(win, ids["Tiles"])) == 2
    for _ in range(7):
        win.redo()
    assert total_text(win, ids["Tiles"]) is None
    assert shown_totals(win) == file_totals(win)


def test_bad_numbers_are_refused_with_a_message(
    window: tuple[MainWindow, dict], qtbot: Any, monkeypatch: Any
) -> None:
    win, ids = window
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    select(qtbot, win, ids["Tiles"])
    section = win.details.costs
    before = file_totals(win)
    depth = win.controller.stack.count() if win.controller else 0
    for text, expected in (
        ("abc", "is not a number"),
        ("-3", "cannot be negative"),
        ("1.1234567", "at most 6 decimal places"),
        ("nan", "must be a finite number"),
        ("2000000000000", "at most 1,000,000,000,000"),
    ):
        section.table.item(0, QUANTITY).setText(text)
        assert expected in messages[-1], messages[-1]
        assert section.table.item(0, QUANTITY).text() == "14.5"  # the old value is back
    section.table.item(0, PRICE).setText("1.23456")
    assert "at most 4 decimal places" in messages[-1]
    assert file_totals(win) == before
    assert win.controller is not None and win.controller.stack.count() == depth


def test_comma_decimals_in_a_comma_locale(window: tuple[MainWindow, dict], qtbot: Any) -> None:
    win, ids = window
    i18n.set_language("de")  # numbers are shown and typed the language's way
    try:
        select(qtbot, win, ids["Tiles"])
        section = win.details.costs
        assert section.table.item(0, QUANTITY).text() == "14,5"
        section.table.item(0, QUANTITY).setText("12,50")
        qtbot.waitUntil(lambda: lines_of(win, ids["Tiles"])[0].quantity == Decimal("12.5"))
        assert section.totals_labels[("expense", "")].text() == "523,75\xa0$"
    finally:
        i18n.set_language("en")


def test_currency_change_is_undoable(
    window: tuple[MainWindow, dict], qtbot: Any, monkeypatch: Any
) -> None:
    win, ids = window
    index_of(win, ["Home", "Renovation"])
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("eur", True))
    win.actions_by_name["currency"].trigger()
    assert total_text(win, ids["Renovation"]) == "€1,218.55"
    assert CostService(win.service.store).currency() == "EUR"  # type: ignore[union-attr]
    assert win.actions_by_name["undo"].text() == "&Undo Change currency to EUR"
    win.undo()
    assert total_text(win, ids["Renovation"]) == "$1,218.55"
    assert CostService(win.service.store).currency() == "USD"  # type: ignore[union-attr]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("dollars", True))
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    win.actions_by_name["currency"].trigger()
    assert "not a currency code" in messages[-1]
    assert CostService(win.service.store).currency() == "USD"  # type: ignore[union-attr]


def test_moving_and_deleting_update_totals(window: tuple[MainWindow, dict], qtbot: Any) -> None:
    win, ids = window
    service = win.service
    assert service is not None
    index_of(win, ["Home", "Renovation"])
    created = win.steps.run("New group", lambda: service.create_group("Other"))
    assert created
    other = created[0].ids[0]
    win.steps.run("Move", lambda: service.move([ids["Tiles"]], other))
    assert total_text(win, ids["Renovation"]) == "$629.00"
    assert total_text(win, other) == "$589.55"
    win.steps.run("Delete", lambda: service.delete([ids["Tiles"]]))
    assert total_text(win, other) is None
    assert shown_totals(win) == file_totals(win)
    win.undo()
    win.undo()
    assert total_text(win, ids["Renovation"]) == "$1,218.55"
    assert total_text(win, other) is None
    assert shown_totals(win) == file_totals(win)


def type_in_cell(qtbot: Any, win: MainWindow, row: int, column: int, text: str) -> Any:
    """Open a cell's editor as a user would (F2) and type, leaving the editor open."""
    table = win.details.costs.table
    focus(qtbot, table)
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    return editor


def press_return(qtbot: Any, win: MainWindow, editor: Any) -> None:
    """Enter ends the edit; the delegate commits it through a queued call."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    table = win.details.costs.table
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_tab_after_an_edit_goes_on_in_the_next_cell(
    window: tuple[MainWindow, dict], qtbot: Any
) -> None:
    win, ids = window
    select(qtbot, win, ids["Tiles"])
    table = win.details.costs.table
    editor = type_in_cell(qtbot, win, 0, QUANTITY, "20")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # saved; the Unit cell's editor opens
    assert lines_of(win, ids["Tiles"])[0].quantity == Decimal(20)
    assert table.currentColumn() == QUANTITY + 1
    unit_editor = QApplication.focusWidget()
    assert isinstance(unit_editor, QLineEdit)
    qtbot.keyClicks(unit_editor, "sqm")
    press_return(qtbot, win, unit_editor)
    line = lines_of(win, ids["Tiles"])[0]
    assert (line.description, line.quantity, line.unit) == ("Wall tiles", Decimal(20), "sqm")
    assert table.item(0, AMOUNT).text() == "$658.00"
    assert total_text(win, ids["Tiles"]) == "$770.50"


def test_a_refused_edit_shows_the_saved_value_again(
    window: tuple[MainWindow, dict], qtbot: Any, monkeypatch: Any
) -> None:
    win, ids = window
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    select(qtbot, win, ids["Tiles"])
    table = win.details.costs.table
    depth = win.controller.stack.count() if win.controller else 0
    editor = type_in_cell(qtbot, win, 0, DESCRIPTION, " ")
    press_return(qtbot, win, editor)
    assert "description is required" in messages[-1]
    assert table.item(0, DESCRIPTION).text() == "Wall tiles"
    editor = type_in_cell(qtbot, win, 0, PRICE, "99999999999")  # × 14.5: over 10^12
    press_return(qtbot, win, editor)
    assert "10^12" in messages[-1], messages[-1]
    assert table.item(0, PRICE).text() == "32.9"
    assert lines_of(win, ids["Tiles"])[0].unit_price == Decimal("32.9")
    assert win.controller is not None and win.controller.stack.count() == depth


def test_what_is_typed_is_saved_in_its_own_plan(
    window: tuple[MainWindow, dict], qtbot: Any, tmp_path: Path
) -> None:
    win, ids = window
    first = win.plan_path
    assert first is not None
    other = tmp_path / "other.sqlite3"
    service = open_plan(other, create=True)
    renovation(service)
    service.store.close()
    select(qtbot, win, ids["Tiles"])
    type_in_cell(qtbot, win, 1, DESCRIPTION, "Typed in the first plan")
    assert win.open_path(other)  # with the editor still open
    for path, expected in ((first, "Typed in the first plan"), (other, "Adhesive")):
        service = open_plan(path)
        try:
            assert CostService(service.store).lines(ids["Tiles"])[1].description == expected
        finally:
            service.store.close()


def test_ancestors_totals_are_repainted(window: tuple[MainWindow, dict], qtbot: Any) -> None:
    win, ids = window
    index_of(win, ["Home", "Renovation"])
    model = model_of(win)
    model.load_rows(model.index_for_item(ids["Renovation"]))
    select(qtbot, win, ids["Tiles"])
    changed: list[int] = []

    def spy(left: Any, right: Any, *_: Any) -> None:
        if left.column() <= Column.TOTAL <= right.column():
            changed.append(id_of(model.data(left, KEY_ROLE)))

    model.dataChanged.connect(spy)
    editor = type_in_cell(qtbot, win, 0, QUANTITY, "15")
    press_return(qtbot, win, editor)
    assert {ids["Tiles"], ids["Renovation"], ids["Home"]} <= set(changed)
    assert win.totals_label.text() == "Plan total $1,235.00 · 'Home' $1,235.00"


def test_money_coming_in_looks_the_same_everywhere(
    make_window: MakeWindow, plan_path: Path, qtbot: Any
) -> None:
    """A cost is plain; money coming in has a "+" and is green: tree, tooltip, status bar,
    totals, breakdown, lines. An expense-only goal and one with an income read alike."""
    service = open_plan(plan_path, create=True)
    ids = renovation(service)
    costs = CostService(service.store)
    sofa = service.create_item(ids["Home"], "Sell the old sofa").ids[0]
    costs.set_calc(sofa, True)
    costs.add_line(sofa, "Ad", Decimal(1), Decimal(20))
    costs.add_line(sofa, "Sale", Decimal(1), Decimal(300), kind=LineKind.INCOME)
    service.store.close()
    win = make_window(plan_path, create=False)
    model = model_of(win)
    qtbot.waitUntil(lambda: model.costs.rollup is not None)
    index_of(win, ["Home", "Sell the old sofa"])
    cell = model.index_for_item(sofa, Column.TOTAL)
    assert cell.data() == "+$280.00"
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#1e7b4f"
    assert model.index_for_item(ids["Renovation"], Column.TOTAL).data() == "$1,218.55"
    assert model.index_for_item(ids["Home"], Column.TOTAL).data() == "$938.55"
    assert "Net +$280.00" in cell.data(Qt.ItemDataRole.ToolTipRole)
    select(qtbot, win, sofa)
    assert win.totals_label.text() == "Plan total $938.55 · 'Home' $938.55"
    labels = win.details.costs.totals_labels
    assert labels[("income", "")].text() == "+$300.00"
    assert labels[("net", "")].text() == "+$280.00"
    assert labels[("expense", "")].text() == "$20.00"
    assert win.details.costs.table.item(1, AMOUNT).text() == "+$300.00"
    assert "+$300.00" in win.details.costs.breakdown.text()


def test_the_description_takes_the_free_width(window: tuple[MainWindow, dict], qtbot: Any) -> None:
    """At the window's first size the other columns fit their contents and the
    description has the rest: its heading whole, its text unwrapped."""
    win, ids = window
    win.resize(1100, 700)
    select(qtbot, win, ids["Tiles"])
    table = win.details.costs.table
    header = table.horizontalHeader()

    def widths() -> list[int]:
        return [header.sectionSize(c) for c in range(table.columnCount())]

    qtbot.wait(100)  # the panel is laid out again once the lines are in
    # No room left over, none missing.
    qtbot.waitUntil(lambda: sum(widths()) == table.viewport().width())
    widths = widths()  # type: ignore[assignment]
    assert widths[DESCRIPTION] >= header.sectionSizeHint(DESCRIPTION)  # type: ignore[index]  # "Description" whole
    for column in (QUANTITY, PRICE, KIND, AMOUNT):
        assert widths[column] == max(
            header.sectionSizeHint(column), table.sizeHintForColumn(column)
        ), column
