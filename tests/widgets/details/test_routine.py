"""The details panel's Routine tab: the Repeat, Reminders and Habit editors set what the
command line sets (read back through the services), each change is one undoable step
that undo and redo take back and bring back (the panel following), and bad input gets a
message with nothing changed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from planner.app import open_plan
from planner.domain.recurrence import clean_rule
from planner.domain.rule_words import rule_from_words
from planner.services.costs import CostService
from planner.services.habits import HabitService
from planner.services.plan import PlanService
from planner.services.reminders import ReminderService
from planner.services.repeats import RepeatService
from planner.ui.details.repeat_form import End, Frequency, MonthDay
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import MakeWindow, export_on_disk, service_of

DUE = date(2026, 11, 26)  # a Thursday, four days after the tests' clock's day


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def goal_and_task(service: PlanService) -> dict[str, int]:
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Run").ids[0]
    task = service.create_item(goal, "Long run").ids[0]
    service.edit(goal, due=DUE)
    service.edit(task, due=DUE)
    return {"goal": goal, "task": task}


def routine_of(window: MainWindow, item_id: int) -> Any:
    window.reveal([item_id])
    window.details.show_tab(window.details.routine_tab)
    return window.details.routine


def on_disk(path: Path, clock: FakeClock) -> tuple[RepeatService, HabitService, ReminderService]:
    """The services of a separate connection to the plan file (what was saved)."""
    other = open_plan(path, clock=clock)
    return (
        RepeatService(other.store, clock),
        HabitService(other.store, clock),
        ReminderService(other.store, clock),
    )


def cli_rule(words: str, due: date = DUE) -> str:
    """The rule `planner repeat ID 'words'` sets."""
    return clean_rule(rule_from_words(words), due)


def choose(box: Any, value: object) -> None:
    box.setCurrentIndex(box.findData(value))


# -- repeat ------------------------------------------------------------------------------


def test_weekly_rule_is_what_the_command_line_sets_and_one_undo_step(
    make_window: MakeWindow, service: PlanService, clock: FakeClock, warnings: list[str]
) -> None:
    ids = goal_and_task(service)
    window = make_window()
    path, stack = window.plan_path, window.controller.stack  # type: ignore[union-attr]
    assert path is not None
    before = export_on_disk(path)
    repeat = routine_of(window, ids["task"]).repeat
    assert not repeat.save_button.isEnabled()  # nothing to save yet
    choose(repeat.frequency_box, Frequency.WEEKLY.value)
    repeat.interval_spin.setValue(2)
    for day, button in enumerate(repeat.weekday_buttons):
        button.setChecked(day in (0, 3))
    assert repeat.preview_label.text() == "Save to repeat: Every 2 weeks on Mon, Thu"
    count = stack.count()
    repeat.save_button.click()

    view = on_disk(path, clock)[0].view(ids["task"])
    assert view is not None
    assert (
        view.repeat.rule
        == cli_rule("every 2 weeks on mon,thu")
        == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"
    )
    assert not view.repeat.from_done
    assert stack.count() == count + 1 and stack.undoText() == "Repeat 'Long run'"
    # The panel shows what is stored: the words, the next dates, nothing left to save.
    assert repeat.state_label.text() == "Every 2 weeks on Mon, Thu, from the due date"
    assert repeat.next_label.text().startswith("Next due: Dec 7, 2026; then Dec 10, 2026")
    assert not repeat.save_button.isEnabled()
    assert warnings == []

    window.undo()
    assert on_disk(path, clock)[0].view(ids["task"]) is None
    assert export_on_disk(path) == before
    assert repeat.frequency_box.currentData() == Frequency.NEVER.value
    window.redo()
    again = on_disk(path, clock)[0].view(ids["task"])
    assert again is not None and again.repeat.rule == view.repeat.rule
    assert repeat.state_label.text() == "Every 2 weeks on Mon, Thu, from the due date"


@pytest.mark.parametrize(
    ("fill", "words"),
    [
        ({"month_day": MonthDay.LAST_DAY}, "monthly on the last day"),
        (
            {"month_day": MonthDay.NTH_WEEKDAY, "nth": -1, "weekday": 4},
            "monthly on the last friday",
        ),
        ({"month_day": MonthDay.NTH_WEEKDAY, "nth": 2, "weekday": 1}, "monthly on the 2nd tuesday"),
        ({"month_day": MonthDay.DAY, "day": 15}, "monthly on day 15"),
        ({"month_day": MonthDay.FIRST_WORKDAY}, "monthly on the first weekday"),
    ],
)
def test_monthly_rules_are_what_the_command_line_sets(
    make_window: MakeWindow,
    service: PlanService,
    clock: FakeClock,
    fill: dict[str, Any],
    words: str,
) -> None:
    ids = goal_and_task(service)
    window = make_window()
    repeat = routine_of(window, ids["task"]).repeat
    choose(repeat.frequency_box, Frequency.MONTHLY.value)
    choose(repeat.month_day_box, fill["month_day"].value)
    if "nth" in fill:
        choose(repeat.nth_box, fill["nth"])
        repeat.nth_weekday_box.setCurrentIndex(fill["weekday"])
    if "day" in fill:
        repeat.day_spin.setValue(fill["day"])
    repeat.save_button.click()
    view = RepeatService(service_of(window).store, clock).view(ids["task"])
    assert view is not None and view.repeat.rule == cli_rule(words)
    # Shown again, the stored rule fills the form as it was set: nothing to save.
    window.reveal([ids["goal"]])
    routine_of(window, ids["task"])
    assert repeat.frequency_box.currentData() == Frequency.MONTHLY.value
    assert repeat.month_day_box.currentData() == fill["month_day"].value
    assert not repeat.save_button.isEnabled()


def test_weekdays_only_ends_and_from_done(
    make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = goal_and_task(service)
    window = make_window()
    repeat = routine_of(window, ids["task"]).repeat
    repeats = RepeatService(service_of(window).store, clock)

    choose(repeat.frequency_box, Frequency.DAILY.value)
    repeat.weekdays_only_check.setChecked(True)
    choose(repeat.end_box, End.COUNT.value)
    repeat.count_spin.setValue(5)
    repeat.from_done_radio.setChecked(True)
    repeat.save_button.click()
    view = repeats.view(ids["task"])
    assert view is not None
    assert view.repeat.rule == cli_rule("every weekday, 5 times") and view.repeat.from_done
    assert repeat.state_label.text() == "Every weekday, 5 times, from the day it is done"

    choose(repeat.end_box, End.UNTIL.value)
    repeat.until_edit.setDate(QDate(2027, 6, 30))
    repeat.save_button.click()
    view = repeats.view(ids["task"])
    assert view is not None and view.repeat.rule == cli_rule("every weekday until 2027-06-30")

    choose(repeat.frequency_box, Frequency.NEVER.value)
    stack = window.controller.stack  # type: ignore[union-attr]
    repeat.save_button.click()
    assert repeats.view(ids["task"]) is None
    assert stack.undoText() == "Stop repeating 'Long run'"


def test_a_bad_rule_gets_a_message_and_changes_nothing(
    make_window: MakeWindow, service: PlanService, warnings: list[str]
) -> None:
    ids = goal_and_task(service)
    window = make_window()
    path, stack = window.plan_path, window.controller.stack  # type: ignore[union-attr]
    assert path is not None
    before, count = export_on_disk(path), stack.count()
    repeat = routine_of(window, ids["task"]).repeat
    choose(repeat.frequency_box, Frequency.CUSTOM.value)
    repeat.custom_edit.setText("FREQ=DAILY;COUNT=0")
    assert repeat.preview_label.text() == "COUNT must be from 1 to 100000; this rule has 0."
    repeat.save_button.click()
    assert warnings == ["COUNT must be from 1 to 100000; this rule has 0."]
    # An end before the start, typed in the form.
    choose(repeat.frequency_box, Frequency.DAILY.value)
    choose(repeat.end_box, End.UNTIL.value)
    repeat.until_edit.setDate(QDate(2026, 11, 1))
    repeat.save_button.click()
    assert warnings[-1] == "The rule ends (UNTIL 2026-11-01) before it starts (2026-11-26)."
    assert stack.count() == count and export_on_disk(path) == before


def test_skip_and_pause_are_one_step_each(
    make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = goal_and_task(service)
    repeats = RepeatService(service.store, clock)
    repeats.set_repeat(ids["task"], "every 2 weeks on mon,thu")
    window = make_window()
    path, stack = window.plan_path, window.controller.stack  # type: ignore[union-attr]
    assert path is not None
    repeat = routine_of(window, ids["task"]).repeat
    count = stack.count()
    repeat.skip_button.click()
    assert service_of(window).get(ids["task"]).due == date(2026, 12, 7)
    assert stack.count() == count + 1 and stack.undoText() == "Skip this one of 'Long run'"
    assert repeat.next_label.text().startswith("Next due: Dec 10, 2026")
    window.undo()
    assert service_of(window).get(ids["task"]).due == DUE

    repeat.pause_button.click()
    view = on_disk(path, clock)[0].view(ids["task"])
    assert view is not None and view.repeat.paused
    assert repeat.state_label.text().endswith("(paused)")
    assert repeat.pause_button.text() == "Resume Repeating"
    assert not repeat.skip_button.isEnabled()
    window.undo()
    view = on_disk(path, clock)[0].view(ids["task"])
    assert view is not None and not view.repeat.paused
    assert repeat.pause_button.text() == "Pause Repeating"


def test_the_panel_tells_how_often_it_was_done_and_what_that_spent(
    make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = goal_and_task(service)
    costs = CostService(service.store)
    costs.set_currency("EUR")
    costs.set_calc(ids["goal"], True)
    costs.add_line(ids["goal"], "Entry fee", Decimal(1), Decimal("12.50"))
    RepeatService(service.store, clock).set_repeat(ids["goal"], "weekly")
    window = make_window()
    repeat = routine_of(window, ids["goal"]).repeat
    assert repeat.turns_label.isHidden()  # not done yet: nothing to tell

    window.items.toggle_done()
    assert repeat.turns_label.text() == "Done 1 time, last on Nov 22, 2026 · Spent €12.50 in all"
    repeat.skip_button.click()
    assert repeat.turns_label.text() == (
        "Done 1 time, last on Nov 22, 2026 · Skipped 1 time · Spent €12.50 in all"
    )
    window.undo()
    window.undo()
    assert repeat.turns_label.isHidden()


# -- reminders ---------------------------------------------------------------------------


def test_reminders_added_and_removed_as_the_command_line_sets_them(
    make_window: MakeWindow, service: PlanService, clock: FakeClock, warnings: list[str]
) -> None:
    ids = goal_and_task(service)
    window = make_window()
    path, stack = window.plan_path, window.controller.stack  # type: ignore[union-attr]
    assert path is not None
    section = routine_of(window, ids["task"]).reminders
    assert section.empty_label.isVisibleTo(section)

    choose(section.when_box, "days")
    section.count_spin.setValue(1)
    section.time_edit.setText("18:00")
    count = stack.count()
    section.add_button.click()
    choose(section.when_box, "weeks")
    section.time_edit.setText("9:00")
    section.add_button.click()
    choose(section.when_box, "day")
    section.add_button.click()
    choose(section.when_box, "at")
    section.date_edit.setDate(QDate(2026, 11, 25))
    section.time_edit.setText("07:30")
    section.add_button.click()

    stored = on_disk(path, clock)[2].reminders(ids["task"])
    relative = [(r.days_before, r.time) for r in stored if r.relative]
    assert relative == [(1, time(18, 0)), (7, time(9, 0)), (0, time(9, 0))]
    [at] = [r.at for r in stored if not r.relative]
    local = datetime(2026, 11, 25, 7, 30).astimezone()
    assert at == local.astimezone(UTC)
    assert stack.count() == count + 4 and stack.undoText() == "Add reminder to 'Long run'"
    shown = [
        section.reminder_list.item(r).text().replace("\u202f", " ")  # Babel's narrow space
        for r in range(section.reminder_list.count())
    ]
    assert shown[:3] == [
        "1 day before at 6:00 PM",
        "1 week before at 9:00 AM",
        "On the day at 9:00 AM",
    ]
    assert warnings == []

    section.reminder_list.setCurrentRow(0)
    section.remove_button.click()
    left = on_disk(path, clock)[2].reminders(ids["task"])
    assert [(r.days_before, r.time) for r in left if r.relative] == [(7, time(9)), (0, time(9))]
    assert stack.undoText() == "Remove reminder of 'Long run'"
    window.undo()
    assert len(on_disk(path, clock)[2].reminders(ids["task"])) == 4
    assert section.reminder_list.count() == 4


@pytest.mark.parametrize("typed", ["25:61", "9.00", "", "24:00"])
def test_a_time_that_is_no_time_is_refused_with_nothing_changed(
    make_window: MakeWindow, service: PlanService, warnings: list[str], typed: str
) -> None:
    ids = goal_and_task(service)
    window = make_window()
    path, stack = window.plan_path, window.controller.stack  # type: ignore[union-attr]
    assert path is not None
    before, count = export_on_disk(path), stack.count()
    section = routine_of(window, ids["task"]).reminders
    choose(section.when_box, "days")
    section.time_edit.setText(typed)
    section.add_button.click()
    assert warnings == [f"'{typed}' is not a time of day; use HH:MM, such as 09:00 or 18:30."]
    assert stack.count() == count and export_on_disk(path) == before


def test_a_relative_reminder_needs_a_due_date(
    make_window: MakeWindow, service: PlanService, warnings: list[str]
) -> None:
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Someday", due=None).ids[0]
    window = make_window()
    section = routine_of(window, goal).reminders
    assert "only one at a date and time" in section.empty_label.text()
    section.add_button.click()
    assert warnings == ["'Someday' has no due date for a reminder to go by; give it one first."]


# -- habits ------------------------------------------------------------------------------


def test_habit_set_as_the_command_line_sets_it_and_its_strip_ticks_a_past_day(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = goal_and_task(service)
    window = make_window()
    path, stack = window.plan_path, window.controller.stack  # type: ignore[union-attr]
    assert path is not None
    habit = routine_of(window, ids["goal"]).habit
    assert habit.isVisibleTo(window.details.routine)
    assert not habit.figures_box.isVisibleTo(habit)
    choose(habit.cadence_box, "weekly")
    habit.per_week_spin.setValue(3)
    habit.save_button.click()
    view = on_disk(path, clock)[1].view(ids["goal"])
    assert view is not None
    assert (view.habit.cadence.value, view.habit.per_week) == ("weekly", 3)
    assert stack.undoText() == "Make 'Run' a habit"
    assert habit.figures_box.isVisibleTo(habit)

    choose(habit.cadence_box, "days")
    for day, button in enumerate(habit.weekday_buttons):
        button.setChecked(day in (0, 2, 4))
    habit.save_button.click()
    view = on_disk(path, clock)[1].view(ids["goal"])
    assert view is not None and view.habit.days == frozenset({0, 2, 4})
    assert stack.undoText() == "Change habit 'Run'"

    # A click on the strip's fifth day from the end (Wednesday 18 November) ticks it.
    habit.strip.resize(300, 22)
    cell = habit.strip.cell_rect(len(habit.strip.days) - 5)
    count = stack.count()
    qtbot.mouseClick(habit.strip, Qt.MouseButton.LeftButton, pos=cell.center())
    view = on_disk(path, clock)[1].view(ids["goal"])
    assert view is not None
    assert [d.day for d in view.figures.strip if d.ticked] == [date(2026, 11, 18)]
    assert stack.count() == count + 1
    assert stack.undoText() == "Tick 'Run' on Nov 18, 2026"
    # Friday 20 November passed unticked: the streak of one ended.
    assert habit.streak_label.text() == "Current streak: 0 days · best: 1 day"
    # Clicked again, it is unticked; undo ticks it again.
    qtbot.mouseClick(habit.strip, Qt.MouseButton.LeftButton, pos=cell.center())
    assert HabitService(service_of(window).store, clock).view(ids["goal"]).figures.ticks == 0  # type: ignore[union-attr]
    window.undo()
    assert HabitService(service_of(window).store, clock).view(ids["goal"]).figures.ticks == 1  # type: ignore[union-attr]
    assert habit.strip.days[-5].ticked


def test_done_today_and_its_undo(
    make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = goal_and_task(service)
    HabitService(service.store, clock).set_habit(ids["goal"], "daily")
    window = make_window()
    habit = routine_of(window, ids["goal"]).habit
    assert habit.today_button.text() == "Done Today"
    habit.today_button.click()
    view = HabitService(service_of(window).store, clock).view(ids["goal"])
    assert view is not None and view.figures.strip[-1].ticked
    assert habit.today_button.text() == "Untick Today"
    assert habit.kept_label.text().startswith("Kept 100%")
    window.undo()
    assert habit.today_button.text() == "Done Today"
    window.redo()
    assert habit.today_button.text() == "Untick Today"


def test_habit_editor_is_for_goals(make_window: MakeWindow, service: PlanService) -> None:
    ids = goal_and_task(service)
    window = make_window()
    routine = routine_of(window, ids["task"])
    assert not routine.habit.isVisibleTo(routine)
    routine_of(window, ids["goal"])
    assert routine.habit.isVisibleTo(routine)


def test_strip_day_under_a_point(
    make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = goal_and_task(service)
    HabitService(service.store, clock).set_habit(ids["goal"], "daily")
    window = make_window()
    strip = routine_of(window, ids["goal"]).habit.strip
    strip.resize(310, 22)
    assert strip.day_at(strip.cell_rect(29).center()) == date(2026, 11, 22)
    assert strip.day_at(strip.cell_rect(0).center()) == date(2026, 10, 24)
    assert strip.day_at(QPoint(-5, -5)) is None


# -- nothing chosen is silently lost -----------------------------------------------------


def test_a_changed_form_is_saved_when_another_item_is_selected_and_on_undo(
    make_window: MakeWindow, service: PlanService, clock: FakeClock, warnings: list[str]
) -> None:
    ids = goal_and_task(service)
    window = make_window()
    path, stack = window.plan_path, window.controller.stack  # type: ignore[union-attr]
    assert path is not None
    routine = routine_of(window, ids["task"])
    choose(routine.repeat.frequency_box, Frequency.MONTHLY.value)
    choose(routine.repeat.month_day_box, MonthDay.LAST_DAY.value)
    count = stack.count()
    window.reveal([ids["goal"]])  # sent as its Save button would
    view = on_disk(path, clock)[0].view(ids["task"])
    assert view is not None and view.repeat.rule == cli_rule("monthly on the last day")
    assert stack.count() == count + 1 and stack.undoText() == "Repeat 'Long run'"
    # The form now shows the goal, which does not repeat.
    assert routine.repeat.frequency_box.currentData() == Frequency.NEVER.value
    assert not routine.repeat.pending()

    # Undo while a form is changed: the change is one step, and it is what is undone.
    choose(routine.habit.cadence_box, "daily")
    window.undo()
    assert on_disk(path, clock)[1].view(ids["goal"]) is None
    assert on_disk(path, clock)[0].view(ids["task"]) is not None  # the step before stays
    window.redo()
    habit = on_disk(path, clock)[1].view(ids["goal"])
    assert habit is not None and habit.habit.cadence.value == "daily"
    assert warnings == []


def test_a_form_that_cannot_be_saved_gets_one_message_when_left(
    make_window: MakeWindow, service: PlanService, warnings: list[str]
) -> None:
    ids = goal_and_task(service)
    window = make_window()
    path, stack = window.plan_path, window.controller.stack  # type: ignore[union-attr]
    assert path is not None
    before, count = export_on_disk(path), stack.count()
    routine = routine_of(window, ids["goal"])
    choose(routine.habit.cadence_box, "days")
    for button in routine.habit.weekday_buttons:
        button.setChecked(False)
    window.details.flush()
    window.details.flush()  # the same form: said once
    assert warnings == [
        "The habit of 'Run' is not saved: Choose the weekdays the habit is kept on."
    ]
    window.reveal([ids["task"]])  # left: said again
    assert len(warnings) == 2
    assert stack.count() == count and export_on_disk(path) == before
