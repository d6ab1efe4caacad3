"""What is typed in the Action Plan tab is never silently lost: the metric form and the
why / examples are sent when another item is selected, on undo and when the plan closes,
like the rest of the details panel (an invalid metric gets a message instead)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit, QMessageBox

from planner.app import open_plan
from planner.domain import metrics as mt
from planner.services.metrics import MetricService
from planner.services.plan import PlanService
from planner.ui.window.main_window import MainWindow
from tests.helpers.window import MakeWindow, export_on_disk, plan_export, service_of


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def two_goals(service: PlanService) -> dict[str, int]:
    group = service.first_group()
    assert group is not None
    run = service.create_item(group.id, "Run").ids[0]
    read = service.create_item(group.id, "Read").ids[0]
    return {"run": run, "read": read}


def metric_on_disk(path: Path, item_id: int) -> mt.Metric | None:
    """The metric as a separate connection reads it from the plan file."""
    other = open_plan(path)
    try:
        return MetricService(other.store).metric(item_id)
    finally:
        other.store.close()


def action_plan(window: MainWindow, item_id: int) -> None:
    window.reveal([item_id])
    window.details.show_tab(window.details.goal_tab)


def type_into(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def type_metric(qtbot: Any, window: MainWindow, name: str, base: str, target: str) -> None:
    goal = window.details.goal
    type_into(qtbot, goal.name_edit, name)
    type_into(qtbot, goal.unit_edit, "km")
    type_into(qtbot, goal.baseline_edit, base)
    type_into(qtbot, goal.target_edit, target)


def test_typed_metric_is_saved_when_another_item_is_selected(
    qtbot: Any, make_window: MakeWindow, service: PlanService, warnings: list[str]
) -> None:
    ids = two_goals(service)
    window = make_window()
    path = window.plan_path
    assert path is not None
    stack = window.controller.stack  # type: ignore[union-attr]
    goal = window.details.goal
    action_plan(window, ids["run"])
    before = plan_export(service_of(window))
    count = stack.count()

    type_metric(qtbot, window, "Distance", "10", "42")
    goal.checkin_value.setText("12")  # not added by its button: not sent
    window.reveal([ids["read"]])

    saved = metric_on_disk(path, ids["run"])
    assert saved is not None
    assert (saved.name, saved.unit, saved.baseline, saved.target) == (
        "Distance",
        "km",
        Decimal(10),
        Decimal(42),
    )
    assert stack.count() == count + 1 and stack.undoText() == "Add metric to 'Run'"
    assert MetricService(service_of(window).store).checkins(ids["run"]) == []
    assert warnings == []
    # The form now shows the other goal, which has no metric, and nothing typed for Run.
    assert window.details.record is not None and window.details.record.id == ids["read"]
    assert goal.name_edit.text() == "" and goal.target_edit.text() == ""
    assert goal.checkin_value.text() == ""
    assert goal.metric_hint.isVisible()

    window.undo()
    assert metric_on_disk(path, ids["run"]) is None
    assert export_on_disk(path) == before
    window.redo()
    assert metric_on_disk(path, ids["run"]) == saved

    # Back on Run, the form shows what was saved; a change of it is one more step.
    action_plan(window, ids["run"])
    assert goal.name_edit.text() == "Distance" and goal.target_edit.text() == "42"
    type_into(qtbot, goal.target_edit, "50")
    window.reveal([ids["read"]])
    changed = metric_on_disk(path, ids["run"])
    assert changed is not None and changed.target == Decimal(50)
    assert stack.undoText() == "Change metric of 'Run'"
    # Selecting again without typing anything adds no step.
    count = stack.count()
    action_plan(window, ids["run"])
    window.reveal([ids["read"]])
    assert stack.count() == count and warnings == []


def test_typed_metric_is_saved_on_undo_and_on_close(
    qtbot: Any, make_window: MakeWindow, service: PlanService, warnings: list[str]
) -> None:
    ids = two_goals(service)
    window = make_window()
    path = window.plan_path
    assert path is not None
    goal = window.details.goal
    action_plan(window, ids["run"])

    # Undo while typing: the typing is one step, and that step is what is undone; redo
    # brings it back (as for the notes).
    type_metric(qtbot, window, "Distance", "10", "42")
    window.undo()
    assert metric_on_disk(path, ids["run"]) is None
    window.redo()
    assert goal.name_edit.text() == "Distance"
    assert metric_on_disk(path, ids["run"]) is not None

    type_into(qtbot, goal.target_edit, "60")
    window.close_plan_for_replacing()
    closed = metric_on_disk(path, ids["run"])
    assert closed is not None and closed.target == Decimal(60)
    assert warnings == []


def test_invalid_metric_gets_a_message_and_nothing_is_saved(
    qtbot: Any, make_window: MakeWindow, service: PlanService, warnings: list[str]
) -> None:
    ids = two_goals(service)
    MetricService(service.store).set_metric(ids["run"], name="Distance", baseline="10", target="42")
    window = make_window()
    path = window.plan_path
    assert path is not None
    stack = window.controller.stack  # type: ignore[union-attr]
    goal = window.details.goal
    action_plan(window, ids["run"])
    assert goal.target_edit.text() == "42"
    before = plan_export(service_of(window))
    count = stack.count()

    type_into(qtbot, goal.target_edit, "10")  # the baseline: no direction can be told
    window.reveal([ids["read"]])

    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("The metric of 'Run' is not saved:")
    assert "target (10) must be above the baseline (10)" in warnings[0]
    assert plan_export(service_of(window)) == before
    assert export_on_disk(path) == before
    assert stack.count() == count
    assert goal.target_edit.text() == ""  # the form shows Read now


def test_invalid_metric_stays_in_the_form_while_its_item_is_shown(
    qtbot: Any, make_window: MakeWindow, service: PlanService, warnings: list[str]
) -> None:
    ids = two_goals(service)
    window = make_window()
    path = window.plan_path
    assert path is not None
    goal = window.details.goal
    action_plan(window, ids["run"])

    type_into(qtbot, goal.name_edit, "Distance")  # no baseline nor target yet
    # Another change of the same goal (its notes) is made and the panel refreshed: the
    # half-typed metric is kept in the form, with one message, not one per change.
    window.details.notes_edit.setPlainText("Mornings")
    window.details.flush()
    window.details.notes_edit.setPlainText("Mornings, before work")
    window.details.flush()
    assert service_of(window).get(ids["run"]).notes == "Mornings, before work"
    assert goal.name_edit.text() == "Distance"
    assert len(warnings) == 1 and "The baseline" in warnings[0], warnings
    assert metric_on_disk(path, ids["run"]) is None

    # Completed, it is saved when the goal is left.
    type_into(qtbot, goal.baseline_edit, "0")
    type_into(qtbot, goal.target_edit, "100")
    window.reveal([ids["read"]])
    saved = metric_on_disk(path, ids["run"])
    assert saved is not None and saved.target == Decimal(100)
    assert len(warnings) == 1


def test_typed_why_and_examples_are_saved_when_another_item_is_selected(
    qtbot: Any, make_window: MakeWindow, service: PlanService, warnings: list[str]
) -> None:
    ids = two_goals(service)
    window = make_window()
    path = window.plan_path
    assert path is not None
    stack = window.controller.stack  # type: ignore[union-attr]
    goal = window.details.goal
    action_plan(window, ids["run"])
    goal.setCurrentIndex(1)  # the Why tab
    before = export_on_disk(path)

    qtbot.keyClicks(goal.why_edit, "To feel strong")
    type_metric(qtbot, window, "Distance", "10", "42")
    qtbot.keyClicks(goal.examples_edit, "Three runs a week")
    window.reveal([ids["read"]])

    run = open_plan(path)
    try:
        record = run.get(ids["run"])
        assert (record.why, record.examples) == ("To feel strong", "Three runs a week")
        assert MetricService(run.store).metric(ids["run"]) is not None
    finally:
        run.store.close()
    assert goal.why_edit.toPlainText() == "" and goal.examples_edit.toPlainText() == ""
    assert warnings == []

    # Two steps as Run was left: the metric, then why and examples.
    assert stack.undoText() == "Edit 'Run'"
    window.undo()
    assert stack.undoText() == "Add metric to 'Run'"
    window.undo()
    assert export_on_disk(path) == before
