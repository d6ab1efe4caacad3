"""People and measurable targets in the window, on a real plan file: the Assignee and
Progress columns, the details panel's assignee field (with a person added on the spot),
the People dialog, the metric with check-ins and chart, why / examples, the journal, and
the "Assigned to …" panel's jump to an item. Every edit is one undoable step: undone and
redone, the plan on disk matches each time; a bad value is refused with a message and
leaves the plan and the history as they were."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QSignalSpy
from PySide6.QtWidgets import QInputDialog, QMessageBox

from planner import formats
from planner.domain.agenda import View
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.ui.tree.model import Column, Role
from planner.ui.views.side_bar import Choice
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import (
    MakeWindow,
    UseLanguage,
    export_on_disk,
    focus,
    load_everything,
    model_of,
    plan_export,
    service_of,
)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def setup_plan(service: PlanService, clock: FakeClock) -> dict[str, int]:
    today = clock.now.astimezone().date()
    group = service.first_group()
    assert group is not None
    run = service.create_item(group.id, "Run", due=today + timedelta(days=20)).ids[0]
    shoes = service.create_item(run, "Buy shoes", due=today - timedelta(days=1)).ids[0]
    read = service.create_item(group.id, "Read").ids[0]
    people = PeopleService(service.store)
    ana = people.add_person("Ana").people[0]
    bob = people.add_person("Bob").people[0]
    people.assign([run, shoes], ana)
    return {"group": group.id, "run": run, "shoes": shoes, "read": read, "ana": ana, "bob": bob}


def step(window: MainWindow, do: Callable[[], None], undo_text: str | None = None) -> None:
    """Do one edit through the window; check it is one undoable step whose undo and redo
    bring the plan on disk back to before and after."""
    service = service_of(window)
    stack = window.controller.stack  # type: ignore[union-attr]
    count = stack.count()
    before = plan_export(service)
    do()
    after = plan_export(service)
    assert after != before
    assert stack.count() == count + 1
    if undo_text is not None:
        assert stack.undoText() == undo_text
    window.undo()
    assert plan_export(service) == before
    assert export_on_disk(window.plan_path) == before  # type: ignore[arg-type]
    window.redo()
    assert plan_export(service) == after


def refused(window: MainWindow, warnings: list[str], do: Callable[[], None], pattern: str) -> None:
    service = service_of(window)
    count = window.controller.stack.count()  # type: ignore[union-attr]
    before = plan_export(service)
    warnings.clear()
    do()
    assert plan_export(service) == before
    assert window.controller.stack.count() == count  # type: ignore[union-attr]
    assert len(warnings) == 1 and pattern in warnings[0], warnings


def test_assignee_column_and_details_field(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = setup_plan(service, clock)
    window = make_window()
    window.reveal([ids["shoes"]])
    model = model_of(window)
    assert model.headerData(Column.ASSIGNEE, Qt.Orientation.Horizontal) == "Assignee"
    assert model.index_for_item(ids["run"], Column.ASSIGNEE).data() == "Ana"
    assert model.index_for_item(ids["read"], Column.ASSIGNEE).data() is None
    window.reveal([ids["run"]])
    box = window.details.assignee.box
    assert box.currentText() == "Ana"
    assert [box.itemText(i) for i in range(box.count())] == [
        "Nobody",
        "Ana",
        "Bob",
        "",
        "Add person…",
    ]

    def pick(name: str) -> Callable[[], None]:
        def do() -> None:
            row = box.findText(name)
            box.setCurrentIndex(row)
            box.activated.emit(row)

        return do

    step(window, pick("Bob"), "Assign 'Run' to Bob")
    assert model.index_for_item(ids["run"], Column.ASSIGNEE).data() == "Bob"
    assert box.currentText() == "Bob"
    step(window, pick("Nobody"), "Unassign 'Run'")
    assert model.index_for_item(ids["run"], Column.ASSIGNEE).data() is None
    window.undo()
    assert model.index_for_item(ids["run"], Column.ASSIGNEE).data() == "Bob"
    assert box.currentText() == "Bob"
    # A group has no assignee field.
    window.reveal([ids["group"]])
    assert not window.details.item_fields.isVisible()


def test_add_a_person_on_the_spot(
    qtbot: Any,
    make_window: MakeWindow,
    service: PlanService,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    ids = setup_plan(service, clock)
    window = make_window()
    window.reveal([ids["read"]])
    box = window.details.assignee.box
    answers = [("Cleo", True)]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: answers.pop(0))

    def add() -> None:
        row = box.findText("Add person…")
        box.setCurrentIndex(row)
        box.activated.emit(row)

    step(window, add, "Assign 'Read' to Cleo")
    people = PeopleService(service.store)
    cleo = next(p for p in people.people() if p.name == "Cleo")
    assert service.get(ids["read"]).assignee_id == cleo.id
    assert model_of(window).index_for_item(ids["read"], Column.ASSIGNEE).data() == "Cleo"
    window.undo()
    assert [p.name for p in people.people()] == ["Ana", "Bob"]  # one step took both back
    assert box.currentText() == "Nobody"
    window.redo()
    # A name already taken is refused, nothing changes.
    answers.append(("ana", True))
    refused(window, warnings, add, "already a person named 'Ana'")
    # Cancel does nothing.
    answers.append(("", False))
    count = window.controller.stack.count()  # type: ignore[union-attr]
    add()
    assert window.controller.stack.count() == count  # type: ignore[union-attr]


def test_people_dialog(
    qtbot: Any,
    make_window: MakeWindow,
    service: PlanService,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    ids = setup_plan(service, clock)
    window = make_window()
    load_everything(window)
    window.reveal([ids["run"]])
    dialog = window.people.show_people()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert [dialog.listing.item(i).text() for i in range(dialog.listing.count())] == [
        "Ana  (2)",
        "Bob",
    ]

    def add() -> None:
        dialog.new_person()
        dialog.name_edit.setText("Dee")
        dialog.email_edit.setText("dee@example.org")
        dialog.save_button.click()

    step(window, add, "Add person Dee")
    assert [dialog.listing.item(i).text() for i in range(3)] == ["Ana  (2)", "Bob", "Dee"]

    def edit() -> None:
        dialog.listing.setCurrentRow(2)
        dialog.email_edit.setText("dee@example.com")
        dialog.note_edit.setPlainText("Sister")
        dialog.save_button.click()

    step(window, edit, "Edit person Dee")
    dee = next(p for p in PeopleService(service.store).people() if p.name == "Dee")
    assert (dee.email, dee.note) == ("dee@example.com", "Sister")

    # Bad input: a clear message, nothing changed.
    def bad_email() -> None:
        dialog.listing.setCurrentRow(2)
        dialog.email_edit.setText("not an email")
        dialog.save_button.click()

    refused(window, warnings, bad_email, "'not an email' is not an email address")

    def taken() -> None:
        dialog.listing.setCurrentRow(2)
        dialog.name_edit.setText("BOB")
        dialog.email_edit.setText("")
        dialog.save_button.click()

    refused(window, warnings, taken, "already a person named 'Bob'")

    # Removing Ana, who has two items: the question says how many; No keeps her.
    questions: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)

    def remove() -> None:
        dialog.listing.setCurrentRow(0)
        dialog.remove_button.click()

    count = window.controller.stack.count()  # type: ignore[union-attr]
    remove()
    assert "Ana has 2 items assigned" in questions[0]
    assert window.controller.stack.count() == count  # type: ignore[union-attr]
    model = model_of(window)
    step(window, remove, "Remove person Ana")
    assert model.index_for_item(ids["run"], Column.ASSIGNEE).data() is None
    window.undo()
    assert model.index_for_item(ids["run"], Column.ASSIGNEE).data() == "Ana"
    assert model.index_for_item(ids["shoes"], Column.ASSIGNEE).data() == "Ana"
    assert dialog.listing.item(0).text() == "Ana  (2)"
    # The undo of a removal did not select all of Ana's items.
    assert window.tree.currentIndex().data() == "Run"
    # "Show Items" shows the selected person's open items in their "Assigned to" view.
    dialog.listing.setCurrentRow(0)
    dialog.items_button.click()
    assert window.views.chosen == Choice(View.ASSIGNED, ids["ana"])
    assert window.pages.currentWidget() is window.views.page
    assert window.views.page.caption.text() == "Assigned to Ana"
    assert view_titles(window) == ["Buy shoes", "Run"]


def test_metric_checkins_chart_and_progress_column(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock, warnings: list[str]
) -> None:
    ids = setup_plan(service, clock)
    window = make_window()
    window.reveal([ids["run"]])
    goal = window.details.goal
    model = model_of(window)
    window.details.show_tab(window.details.goal_tab)
    assert goal.isVisible() and goal.metric_hint.isVisible()
    assert goal.save_metric_button.text() == "Add metric"

    def add_metric() -> None:
        goal.name_edit.setText("Distance")
        goal.unit_edit.setText("km")
        goal.baseline_edit.setText("10")
        goal.target_edit.setText("42")
        goal.stretch_edit.setText("50")
        goal.save_metric_button.click()

    step(window, add_metric, "Add metric to 'Run'")
    assert goal.progress_label.text() == "Now 10 km — 0%"
    assert goal.checkin_note.text() == "No check-in yet: this is the baseline."
    progress = model.index_for_item(ids["run"], Column.PROGRESS)
    assert progress.data(Role.PROGRESS) == 0.0

    def check_in(value: str) -> Callable[[], None]:
        def do() -> None:
            goal.checkin_value.setText(value)
            goal.add_checkin_button.click()

        return do

    step(window, check_in("58"), "Check in 58 on 'Run'")
    assert goal.progress_label.text() == "Now 58 km — 150%"
    today = clock.now.astimezone().date()
    assert goal.checkin_note.text() == f"Latest check-in: {formats.date_short(today)}"
    assert model.index_for_item(ids["run"], Column.PROGRESS).data(Role.PROGRESS) == 1.5
    assert goal.checkin_list.count() == 1
    assert len(goal.chart.checkins) == 1 and goal.chart.due == service.get(ids["run"]).due
    assert not goal.chart.grab().toImage().isNull()
    window.undo()
    assert model.index_for_item(ids["run"], Column.PROGRESS).data(Role.PROGRESS) == 0.0
    window.redo()

    refused(window, warnings, check_in("abc"), "A check-in: 'abc' is not a number")
    refused(window, warnings, check_in("nan"), "not a number")

    def bad_target() -> None:
        goal.target_edit.setText("10")
        goal.save_metric_button.click()

    refused(window, warnings, bad_target, "target (10) must be above the baseline (10)")

    def to_limit() -> None:
        goal.name_edit.setText("Rest days")
        goal.unit_edit.setText("")
        goal.baseline_edit.setText("3")
        goal.target_edit.setText("1")
        goal.stretch_edit.setText("")
        goal.direction_box.setCurrentIndex(goal.direction_box.findData("at_most"))
        goal.save_metric_button.click()

    step(window, to_limit, "Change metric of 'Run'")
    assert model.index_for_item(ids["run"], Column.PROGRESS).data(Role.PROGRESS_TEXT) == "Over"
    assert goal.tabText(0) == "Target · Over"

    def remove_checkin() -> None:
        goal.checkin_list.setCurrentRow(0)
        goal.remove_checkin_button.click()

    step(window, remove_checkin, "Remove check-in of 'Run'")
    step(window, goal.remove_metric_button.click, "Remove metric of 'Run'")
    # step() ends redone: the metric is gone again, and so is its progress.
    assert MetricService(service.store).metric(ids["run"]) is None
    assert goal.metric_hint.isVisible()
    assert ids["run"] not in model.metrics


def test_why_examples_and_journal(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock, warnings: list[str]
) -> None:
    ids = setup_plan(service, clock)
    window = make_window()
    window.reveal([ids["run"]])
    goal = window.details.goal

    def why() -> None:
        goal.why_edit.setPlainText("To feel strong")
        goal.examples_edit.setPlainText("Three runs a week")
        window.details.flush()

    step(window, why)
    record = service.get(ids["run"])
    assert (record.why, record.examples) == ("To feel strong", "Three runs a week")
    window.undo()
    assert goal.why_edit.toPlainText() == ""
    window.redo()
    assert goal.why_edit.toPlainText() == "To feel strong"

    def entry(text: str) -> Callable[[], None]:
        def do() -> None:
            goal.journal_text.setPlainText(text)
            goal.add_journal_button.click()

        return do

    step(window, entry("First week done"), "Add journal entry to 'Run'")
    step(window, entry("Second week"))
    assert goal.journal_list.item(0).text().endswith("Second week")  # newest first
    refused(window, warnings, entry("   "), "A journal entry needs some text")

    def remove() -> None:
        goal.journal_list.setCurrentRow(1)
        goal.remove_journal_button.click()

    step(window, remove, "Remove journal entry of 'Run'")
    assert [goal.journal_list.item(i).text()[-11:] for i in range(goal.journal_list.count())] == [
        "Second week"
    ]


def test_assigned_view_lists_open_items_and_jumps(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    """View › Assigned To… opens the current item's assignee's view: their open items
    (the done ones are in the Logbook) with countdown and path; Enter shows one in the
    tree; it follows changes and their undo."""
    ids = setup_plan(service, clock)
    service.mark_done([ids["shoes"]])
    PeopleService(service.store).assign([ids["read"]], ids["ana"])
    window = make_window()
    window.reveal([ids["run"]])
    window.actions_by_name["assigned"].trigger()
    assert window.views.chosen == Choice(View.ASSIGNED, ids["ana"])
    page = window.views.page
    assert view_titles(window) == ["Run", "Read"]  # by due date, undated last
    run = page.rows.row_at(page.rows.index_of(ids["run"]))
    assert run is not None
    assert (run.countdown, run.path, run.assignee) == ("20 days left", ("Goals",), "Ana")
    # Enter shows the item in the tree (the tree's page shown, the item selected).
    page.select([ids["read"]])
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.tree_page
    assert window.tree.currentIndex().data() == "Read"
    # It follows changes: unassigning "Read" in the details panel drops it from the view.
    window.people.show_assigned(ids["ana"])
    page.select([ids["read"]])
    assert window.details._record is not None and window.details._record.id == ids["read"]
    box = window.details.assignee.box
    box.setCurrentIndex(0)
    box.activated.emit(0)
    assert view_titles(window) == ["Run"]
    window.undo()
    assert view_titles(window) == ["Run", "Read"]


def view_titles(window: MainWindow) -> list[str]:
    """The titles of the rows the view shown lists (without its headings)."""
    rows = window.views.page.rows
    return [e.record.title for e in rows.entries if not isinstance(e, str)]


def test_assign_the_selection_from_the_context_menu(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = setup_plan(service, clock)
    window = make_window()
    window.reveal([ids["run"], ids["read"], ids["group"]])
    assert len(window.navigator.selected_records()) == 3
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    sub = window.people.add_assign_menu(menu)
    assert sub is not None
    assert [a.text() for a in sub.actions() if a.text()] == ["Nobody", "Ana", "Bob"]
    bob = next(a for a in sub.actions() if a.text() == "Bob")
    step(window, bob.trigger, "Assign 2 items to Bob")  # the group is skipped
    model = model_of(window)
    assert model.index_for_item(ids["run"], Column.ASSIGNEE).data() == "Bob"
    assert model.index_for_item(ids["read"], Column.ASSIGNEE).data() == "Bob"
    nobody = next(a for a in sub.actions() if a.text() == "Nobody")
    step(window, nobody.trigger, "Unassign 2 items")
    assert model.index_for_item(ids["run"], Column.ASSIGNEE).data() is None


def test_purge_and_undo_bring_the_metric_back_to_the_tree(
    qtbot: Any,
    make_window: MakeWindow,
    service: PlanService,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = setup_plan(service, clock)
    metrics = MetricService(service.store, service.clock)
    metrics.set_metric(ids["read"], name="Books", baseline="0", target="12")
    metrics.add_checkin(ids["read"], "3")
    window = make_window()
    load_everything(window)
    model = model_of(window)
    assert model.index_for_item(ids["read"], Column.PROGRESS).data(Role.PROGRESS) == 0.25
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.reveal([ids["read"]])
    step(window, window.items.purge)
    window.undo()
    assert model.index_for_item(ids["read"], Column.PROGRESS).data(Role.PROGRESS) == 0.25
    window.reveal([ids["read"]])
    assert window.details.goal.progress_label.text() == "Now 3 — 25%"


def test_the_people_dialog_of_a_plan_closed_before_goes_with_it(
    make_window: MakeWindow, plan_path: Path, tmp_path: Path, use_language: UseLanguage
) -> None:
    """Its plan closed (another one opened), the People dialog is gone, not hidden: a
    language switch later must not read the plan it showed (gone: an error)."""
    window = make_window(plan_path)
    PeopleService(service_of(window).store).add_person("Ana")
    dialog = window.people.show_people()
    assert dialog is not None
    gone = QSignalSpy(dialog.destroyed)
    assert window.open_path(tmp_path / "other.sqlite3", create=True)
    plan_path.unlink()  # the plan it showed is not there any more
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    use_language("de")
    assert gone.count() == 1
    assert window.people.show_people() is not None


def test_first_checkin_keeps_the_form_in_place_and_says_nothing_more(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock, warnings: list[str]
) -> None:
    """The next click lands where it aimed: the first check-in moves no field of the Target
    tab; one click on Check in is one check-in and no message."""
    ids = setup_plan(service, clock)
    MetricService(service.store).set_metric(
        ids["run"], name="Distance", unit="km", baseline="10", target="42"
    )
    window = make_window()
    window.resize(1100, 700)
    window.reveal([ids["run"]])
    goal = window.details.goal
    window.details.show_tab(window.details.goal_tab)
    qtbot.wait(50)

    def places() -> list[tuple[int, int]]:
        widgets = (goal.checkin_date, goal.checkin_value, goal.add_checkin_button, goal.name_edit)
        return [
            (w.mapTo(goal, w.rect().topLeft()).x(), w.mapTo(goal, w.rect().topLeft()).y())
            for w in widgets
        ]

    before = places()
    goal.checkin_value.setFocus()
    qtbot.keyClicks(goal.checkin_value, "12")
    focus(qtbot, goal.add_checkin_button)  # as a real click leaves it
    qtbot.mouseClick(goal.add_checkin_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert [c.value for c in MetricService(service.store).checkins(ids["run"])] == [Decimal(12)]
    assert warnings == []
    assert places() == before
    # Nothing typed: Check in cannot act, and its status tip says why.
    assert not goal.add_checkin_button.isEnabled()
    assert goal.add_checkin_button.statusTip() == "Type a value to check in."
    # No day after today can be chosen (the service refuses one too).
    today = clock.now.astimezone().date()
    assert goal.checkin_date.maximumDate().toPython() == today


def test_the_metric_hint_names_a_task_a_task(
    make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = setup_plan(service, clock)
    window = make_window()
    goal = window.details.goal
    window.reveal([ids["shoes"]])
    assert goal.metric_hint.text() == "No metric yet: give this task a measurable target."
    window.reveal([ids["run"]])
    assert goal.metric_hint.text() == "No metric yet: give this goal a measurable target."
