"""The quick-add field (Ctrl+Space) on the real window: each recognised part coloured as it
is typed (the spans, and the pixels drawn), Backspace after a part turns it into text, the
preview says what Enter makes, Enter makes it as one undo step and selects it, an error
makes nothing, Escape closes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage

from planner.domain.items import Priority
from planner.domain.quick_add import PartKind
from planner.services.costs import CostService
from planner.services.people import PeopleService
from planner.ui.entry.quick_add import COLOURS, TEXT, WRONG, QuickAddField, Span
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import (
    CTRL,
    plan_export,
    press,
    service_of,
    titles_under,
    type_text,
)

LINE = "Buy running shoes fri !high @Ana €129.99 #Health"


def open_field(qtbot: Any, window: MainWindow) -> QuickAddField:
    press(qtbot, window, Qt.Key.Key_Space, CTRL)
    field = window.entry.quick_field
    assert field.isVisible()
    qtbot.waitUntil(field.line.hasFocus, timeout=2000)
    return field


def type_line(qtbot: Any, window: MainWindow, text: str, settle: bool = True) -> QuickAddField:
    """The line typed into the field; with `settle`, its preview shown (a line with a
    #place is looked up in the plan after a pause in the typing)."""
    field = open_field(qtbot, window)
    field.line.clear()
    type_text(qtbot, field.line, text)
    if settle:
        qtbot.waitUntil(lambda: not field.pending, timeout=2000)
    return field


def test_each_kind_of_part_is_coloured_as_it_is_typed(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Health", "Run a marathon"))
    field = type_line(qtbot, window, LINE)
    assert field.spans == [
        Span(18, 3, PartKind.DUE),
        Span(22, 5, PartKind.PRIORITY),
        Span(28, 4, PartKind.ASSIGNEE),
        Span(33, 7, PartKind.COST),
        Span(41, 7, PartKind.PARENT),
    ]
    # Half-way, what is recognised so far is coloured already.
    field.line.clear()
    qtbot.keyClicks(field.line, "Buy shoes !lo")
    assert field.spans == [] and "priority" in field.preview.text()
    qtbot.keyClicks(field.line, "w")
    assert field.spans == [Span(10, 4, PartKind.PRIORITY)]


def background_pixels(field: QuickAddField, start: int, end: int, colour: str) -> int:
    """How many pixels of that colour the line shows between two text positions."""
    line = field.line
    line.setCursorPosition(start)
    left = line.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    line.setCursorPosition(end)
    right = line.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    image: QImage = line.grab().toImage()
    box = QRect(left.left() + 2, left.top(), right.left() - left.left() - 4, left.height())
    wanted = QColor(colour).rgb()
    return sum(
        image.pixel(x, y) == wanted
        for x in range(box.left(), box.right())
        for y in range(box.top(), box.bottom())
    )


def test_the_colours_are_drawn_on_the_parts_and_nowhere_else(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Health", "Run a marathon"))
    field = type_line(qtbot, window, LINE)
    due_background = COLOURS[PartKind.DUE][1]
    assert background_pixels(field, 18, 21, due_background) > 20  # "fri"
    assert background_pixels(field, 0, 3, due_background) == 0  # "Buy"
    money_background = COLOURS[PartKind.COST][1]
    assert background_pixels(field, 33, 40, money_background) > 20
    assert background_pixels(field, 18, 21, money_background) == 0


def test_backspace_right_after_a_part_turns_it_into_text(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Health", "Run a marathon"))
    field = type_line(qtbot, window, "Buy running shoes fri #Health")
    qtbot.keyClick(field.line, Qt.Key.Key_Backspace)  # right after "#Health"
    assert field.line.text() == "Buy running shoes fri \\#Health"
    assert [s.kind for s in field.spans] == [PartKind.DUE, TEXT]
    assert field.preview.text().startswith("Task under Run a marathon")
    field.line.setCursorPosition(21)  # right after "fri"
    qtbot.keyClick(field.line, Qt.Key.Key_Backspace)
    assert field.line.text() == "Buy running shoes \\fri \\#Health"
    assert field.plan is not None and field.plan.entry.title == "Buy running shoes fri #Health"
    assert field.plan.entry.due is None
    # Now a plain Backspace: the "i" goes, as in any field.
    qtbot.keyClick(field.line, Qt.Key.Key_Backspace)
    assert field.line.text() == "Buy running shoes \\fr \\#Health"
    # Ctrl+Z in the line brings the part back.
    for _ in range(3):
        qtbot.keyClick(field.line, Qt.Key.Key_Z, CTRL)
    assert field.line.text() == "Buy running shoes fri #Health"
    assert [s.kind for s in field.spans] == [PartKind.DUE, PartKind.PARENT]


def test_the_preview_says_what_enter_makes(qtbot: Any, window: MainWindow, select: Any) -> None:
    select(("Health", "Run a marathon"))
    field = type_line(qtbot, window, LINE)
    assert field.preview.text() == (
        "Goal under Health · due Fri, Nov 27 · High · Ana Silva · €129.99"
    )
    field.line.clear()
    qtbot.keyClicks(field.line, "Stretch in 3 days !low")
    assert field.preview.text() == "Task under Run a marathon · due Wed, Nov 25 · Low"


def test_enter_makes_the_item_as_one_step_and_selects_it(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Home", "Paint the fence"))
    service = service_of(window)
    before = plan_export(service)
    steps = window.controller.stack.count()  # type: ignore[union-attr]
    field = type_line(qtbot, window, LINE, settle=False)
    assert field.pending  # Enter right away: the place is looked up then
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert not field.isVisible() and field.line.text() == ""
    assert titles_under(window, ["Health"])[-1] == "Buy running shoes"
    current = window.navigator.current_record()
    assert current is not None and current.title == "Buy running shoes"
    record = service.get(current.id)
    assert record.due == date(2026, 11, 27)
    assert record.priority is Priority.HIGH
    ana = next(p for p in PeopleService(service.store).people() if p.name == "Ana Silva")
    assert record.assignee_id == ana.id
    [line] = CostService(service.store).lines(record.id)
    assert line.unit_price == Decimal("129.99") and line.quantity == 1
    assert window.controller.stack.count() == steps + 1  # type: ignore[union-attr]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert plan_export(service) == before
    assert "Buy running shoes" not in titles_under(window, ["Health"])


def test_an_error_is_shown_and_nothing_is_made(qtbot: Any, window: MainWindow, select: Any) -> None:
    select(("Health", "Run a marathon"))
    service = service_of(window)
    before = plan_export(service)
    field = type_line(qtbot, window, "Call the club fri @Nobody")
    assert field.preview.text().startswith("Nobody in the plan is called 'Nobody'")
    assert "c62828" in field.preview.styleSheet()  # red
    # The name the plan does not have is marked wrong; the date stays recognised.
    assert [s.kind for s in field.spans] == [PartKind.DUE, WRONG]
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    field.line.clear()
    qtbot.keyClicks(field.line, "Lunch $12")
    assert field.preview.text() == "The plan counts in EUR; '$' is another currency."
    assert field.spans == [Span(6, 3, WRONG)]
    field.line.clear()
    type_text(qtbot, field.line, "Lunch €12 #Nowhere @Ana")
    qtbot.waitUntil(lambda: not field.pending, timeout=2000)
    assert [s.kind for s in field.spans] == [PartKind.COST, WRONG, PartKind.ASSIGNEE]
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    field.line.clear()
    qtbot.keyClicks(field.line, "Lunch !urgent")
    assert field.preview.text().startswith("'!urgent' is not a priority")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.isVisible()
    assert plan_export(service) == before
    assert window.controller.stack.count() == 0  # type: ignore[union-attr]


def test_escape_closes_the_field_and_the_tree_has_the_focus(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Health", "Run a marathon"))
    field = type_line(qtbot, window, "Half-typed")
    qtbot.keyClick(field.line, Qt.Key.Key_Escape)
    assert not field.isVisible()
    qtbot.waitUntil(window.tree.hasFocus, timeout=2000)
    assert window.controller.stack.count() == 0  # type: ignore[union-attr]


def test_under_a_deleted_item_the_entry_goes_to_the_first_group(
    qtbot: Any, window: MainWindow, select: Any
) -> None:
    select(("Home", "Paint the fence"))
    press(qtbot, window, Qt.Key.Key_Delete)  # now in Home's Deleted section, still current
    current = window.navigator.current_record()
    assert current is not None and current.title == "Paint the fence"
    field = type_line(qtbot, window, "Buy brushes")
    assert field.preview.text() == "Goal under Goals"  # the new plan's first group
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert titles_under(window, ["Goals"]) == ["Buy brushes"]


def test_enter_looks_the_names_up_again(qtbot: Any, window: MainWindow, select: Any) -> None:
    select(("Health", "Run a marathon"))
    field = type_line(qtbot, window, "Call the coach @Sam")
    assert field.preview.text() == "Task under Run a marathon · Sam Okafor"
    people = PeopleService(service_of(window).store)
    sam = next(p for p in people.people() if p.name == "Sam Okafor")
    # Meanwhile, the People dialog removes him (a step of the window, as the dialog's).
    window.steps.run_in_place("Remove Sam", lambda: people.remove_person(sam.id))
    before = plan_export(service_of(window))
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.preview.text().startswith("Nobody in the plan is called 'Sam'")
    assert plan_export(service_of(window)) == before and field.isVisible()
