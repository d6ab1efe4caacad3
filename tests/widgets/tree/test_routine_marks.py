"""What the tree shows of repeating items, habits and working days: the repeat mark painted
at the end of a repeating item's title with its rule in words as tooltip data, a habit's
30-day share in the Progress column, "Tick Habit for Today" as one undoable step, the
countdown in working days when the plan counts them; all read in bulk, not per row."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from planner.app import open_plan
from planner.domain.items import Section
from planner.services.habits import HabitService
from planner.services.plan import PlanService
from planner.services.repeats import RepeatService
from planner.services.workdays import WorkdayService
from planner.store.schedule_rows import ScheduleReads
from planner.ui.tree.model import Column, Role
from planner.ui.tree.nodes import key_item_id
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import MakeWindow, index_of, model_of, rows, service_of

DUE = date(2026, 12, 22)  # a Tuesday, 30 days after the tests' clock's day (a Sunday)


def two_tasks(service: PlanService) -> dict[str, int]:
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Run", due=DUE).ids[0]
    a = service.create_item(goal, "Long run", due=DUE).ids[0]
    b = service.create_item(goal, "Short run", due=DUE).ids[0]
    return {"goal": goal, "a": a, "b": b}


def elsewhere(window: MainWindow, clock: FakeClock) -> PlanService:
    """The plan as another program (the command line) opens it."""
    assert window.plan_path is not None
    return open_plan(window.plan_path, clock=clock)


def settle(qtbot: Any, window: MainWindow) -> None:
    """Let the tree paint, and the marks it asked for come in."""
    window.tree.expandAll()
    window.tree.viewport().repaint()
    qtbot.waitUntil(lambda: model_of(window).routines.loaded, timeout=3000)


def weekly_review(service: PlanService, clock: FakeClock, done: int) -> tuple[int, list[int]]:
    """A goal repeating every week, due today, with five steps, the first `done` done."""
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Weekly review", due=clock.now.date()).ids[0]
    steps = [service.create_item(goal, f"Step {n}").ids[0] for n in range(5)]
    service.mark_done(steps[:done])
    RepeatService(service.store, clock).set_repeat(goal, "every week")
    return goal, steps


def title_cell(window: MainWindow, title: str) -> QModelIndex:
    group = model_of(window).index(0, 0)
    return index_of(window, [str(group.data()), "Run", title])


def painted(window: MainWindow, index: QModelIndex) -> QImage:
    """The title cell as its delegate paints it, on a white image."""
    tree = window.tree
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    option.widget = tree
    option.state = QStyle.StateFlag.State_Enabled  # a row neither selected nor hovered
    option.rect = tree.visualRect(index).translated(-tree.visualRect(index).left(), 0)
    option.rect.moveTop(0)
    option.rect.setWidth(400)
    image = QImage(400, option.rect.height(), QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    tree.itemDelegateForColumn(Column.TITLE).paint(painter, option, index)
    painter.end()
    return image


def ink_columns(image: QImage) -> list[int]:
    """The columns of the image with anything painted in them (other than its background,
    the colour of its right end)."""
    background = image.pixel(image.width() - 1, 0)
    return [
        x
        for x in range(image.width())
        if any(image.pixel(x, y) != background for y in range(image.height()))
    ]


def test_repeat_mark_painted_with_the_rule_in_words(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = two_tasks(service)
    RepeatService(service.store, clock).set_repeat(ids["a"], "every 2 weeks on mon,thu")
    window = make_window()
    settle(qtbot, window)
    repeating, plain = title_cell(window, "Long run"), title_cell(window, "Short run")
    assert repeating.data(Role.REPEAT) == "Every 2 weeks on Mon, Thu"
    assert plain.data(Role.REPEAT) is None
    # The same width of title ("Long run", "Short run" differ by a letter): the repeating
    # one has ink further right, where its mark is.
    marked, bare = ink_columns(painted(window, repeating)), ink_columns(painted(window, plain))
    assert max(marked) > max(bare) + 8

    # Made to repeat in the window: the mark follows, and goes with the undo.
    window.reveal([ids["b"]])
    repeat = window.details.routine.repeat
    repeat.frequency_box.setCurrentIndex(repeat.frequency_box.findData("YEARLY"))
    repeat.save_button.click()
    plain = title_cell(window, "Short run")
    assert plain.data(Role.REPEAT) == "Yearly"
    window.undo()
    assert title_cell(window, "Short run").data(Role.REPEAT) is None
    # Paused by the command line, the words say so.
    other = elsewhere(window, clock)
    RepeatService(other.store, clock).pause(ids["a"])
    other.store.close()
    assert window.pick_up_outside_changes()
    settle(qtbot, window)
    assert title_cell(window, "Long run").data(Role.REPEAT) == "Every 2 weeks on Mon, Thu (paused)"


def test_habit_progress_is_its_share_and_tick_for_today_is_one_step(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = two_tasks(service)
    habits = HabitService(service.store, clock)
    habits.set_habit(ids["a"], "daily")
    today = date(2026, 11, 22)
    for back in (1, 2, 3, 5):  # 21, 20, 19 and 17 November
        habits.tick(ids["a"], today - timedelta(days=back))
    window = make_window()
    settle(qtbot, window)
    cell = title_cell(window, "Long run").siblingAtColumn(Column.PROGRESS)
    share = habits.view(ids["a"]).figures.kept_30  # type: ignore[union-attr]
    assert share == 4 / 5  # 4 of the 5 days from the first tick to yesterday (today is open)
    assert cell.data(Role.PROGRESS) == share
    assert cell.data(0x03) == "A habit: kept 80% of the last 30 days"  # ToolTipRole
    action = window.actions_by_name["tick_habit"]
    window.reveal([ids["b"]])
    assert not action.isEnabled()  # not a habit
    window.reveal([ids["a"]])
    assert action.isEnabled()
    stack = window.controller.stack  # type: ignore[union-attr]
    count = stack.count()
    action.trigger()
    assert habits.view(ids["a"]).figures.strip[-1].ticked  # type: ignore[union-attr]
    assert stack.count() == count + 1 and stack.undoText() == "Tick 'Long run' on Nov 22, 2026"
    cell = title_cell(window, "Long run").siblingAtColumn(Column.PROGRESS)
    assert cell.data(Role.PROGRESS) == 5 / 6
    # The panel follows the tick made from the tree.
    assert window.details.routine.habit.today_button.text() == "Untick Today"
    window.undo()
    assert not habits.view(ids["a"]).figures.strip[-1].ticked  # type: ignore[union-attr]
    assert (
        title_cell(window, "Long run").siblingAtColumn(Column.PROGRESS).data(Role.PROGRESS) == share
    )


def test_countdown_in_working_days_when_the_plan_counts_them(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    ids = two_tasks(service)
    window = make_window()
    settle(qtbot, window)
    due = title_cell(window, "Long run").siblingAtColumn(Column.DUE)
    assert due.data() == "30 days left"
    # Monday 23 November to Tuesday 22 December: 22 weekdays.
    other = elsewhere(window, clock)
    WorkdayService(other.store, clock).set_calendar(True)
    other.store.close()
    assert window.pick_up_outside_changes()
    due = title_cell(window, "Long run").siblingAtColumn(Column.DUE)
    assert due.data() == "22 working days left"
    window.reveal([ids["a"]])
    assert window.details.countdown_label.text() == "22 working days left"


def test_working_days_setting_from_the_window_is_one_undo_step(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock, monkeypatch: Any
) -> None:
    ids = two_tasks(service)
    window = make_window()
    settle(qtbot, window)
    window.reveal([ids["a"]])
    from planner.ui.dialogs import workdays

    def answered(dialog: workdays.WorkdaysDialog) -> int:
        dialog.on_check.setChecked(True)
        dialog.week_buttons[4].setChecked(False)  # Monday to Thursday
        return 1

    monkeypatch.setattr(workdays.WorkdaysDialog, "exec", answered)
    stack = window.controller.stack  # type: ignore[union-attr]
    count = stack.count()
    window.actions_by_name["workdays"].trigger()
    calendar = WorkdayService(service_of(window).store, clock).calendar()
    assert calendar.on and calendar.week == frozenset({0, 1, 2, 3})
    assert stack.count() == count + 1 and stack.undoText() == "Change working days"
    # Mon-Thu from 23 November to 22 December: 18 days.
    assert title_cell(window, "Long run").siblingAtColumn(Column.DUE).data() == (
        "18 working days left"
    )
    assert window.details.countdown_label.text() == "18 working days left"
    window.undo()
    assert not WorkdayService(service_of(window).store, clock).calendar().on
    assert title_cell(window, "Long run").siblingAtColumn(Column.DUE).data() == "30 days left"
    assert window.details.countdown_label.text() == "30 days left"


def test_marks_are_read_in_bulk_not_per_row(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock, monkeypatch: Any
) -> None:
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Run", due=DUE).ids[0]
    repeats = RepeatService(service.store, clock)
    for n in range(40):
        task = service.create_item(goal, f"Task {n}", due=DUE).ids[0]
        if n % 2:
            repeats.set_repeat(task, "weekly")
    reads: list[object] = []
    real = ScheduleReads.repeat_marks

    def counted(self: ScheduleReads, item_ids: Any = None) -> Any:
        reads.append(item_ids)
        return real(self, item_ids)

    monkeypatch.setattr(ScheduleReads, "repeat_marks", counted)
    window = make_window()
    settle(qtbot, window)
    for _ in range(3):
        window.tree.viewport().repaint()
    marked = [
        window.model.index(r, 0, window.model.index(0, 0, window.model.index(0, 0)))  # type: ignore[union-attr]
        for r in range(40)
    ]
    assert sum(1 for i in marked if i.data(Role.REPEAT) == "Weekly") == 20
    assert reads == [None]  # one read of every repeating item, whatever was painted


def test_marks_follow_items_removed_for_good_and_put_back(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock, monkeypatch: Any
) -> None:
    ids = two_tasks(service)
    RepeatService(service.store, clock).set_repeat(ids["a"], "every 3 days")
    window = make_window()
    settle(qtbot, window)
    monkeypatch.setattr(window.messages, "confirm", lambda *_args: True)
    window.reveal([ids["a"]])
    window.actions_by_name["purge"].trigger()
    assert model_of(window).routines.repeat(ids["a"]) is None
    window.undo()  # back, with its repeating
    assert title_cell(window, "Long run").data(Role.REPEAT) == "Every 3 days"
    # A new item made meanwhile has no mark, and the repeating one keeps its own.
    window.reveal([ids["b"]])
    window.actions_by_name["new_sibling"].trigger()
    assert title_cell(window, "Long run").data(Role.REPEAT) == "Every 3 days"
    assert title_cell(window, "Short run").data(Role.REPEAT) is None


def test_an_unknown_country_is_refused_with_nothing_changed(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock, monkeypatch: Any
) -> None:
    two_tasks(service)
    window = make_window()
    settle(qtbot, window)
    from planner.ui.dialogs import workdays

    def answered(dialog: workdays.WorkdaysDialog) -> int:
        dialog.on_check.setChecked(True)
        dialog.country_edit.setText("ZZ")
        return 1

    shown: list[str] = []
    monkeypatch.setattr(workdays.WorkdaysDialog, "exec", answered)
    monkeypatch.setattr(window.messages, "error", shown.append)
    stack = window.controller.stack  # type: ignore[union-attr]
    count = stack.count()
    window.actions_by_name["workdays"].trigger()
    assert shown == ["ZZ is not a country Planner knows the holidays of."]
    assert stack.count() == count
    assert not WorkdayService(service_of(window).store, clock).calendar().on
    assert title_cell(window, "Long run").siblingAtColumn(Column.DUE).data() == "30 days left"


def test_a_repeating_goal_marked_done_stays_the_one_selected(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    """Done on a repeating goal brings back its subtasks undone: the goal stays the
    selection (it selected every subtask brought back, so the next Delete deleted them
    all, and selecting them one by one took seconds with many)."""
    goal, steps = weekly_review(service, clock, done=3)
    window = make_window()
    settle(qtbot, window)
    window.reveal([goal])
    window.actions_by_name["toggle_done"].trigger()
    settle(qtbot, window)
    assert all(r.status.value == "active" for r in service_of(window).get_many(steps).values())
    assert window.navigator.selected_ids() == [goal]
    assert window.navigator.current_record().id == goal  # type: ignore[union-attr]
    service_of(window).mark_done(steps[:3])  # dropped on its group's Done section: the same
    window.pick_up_outside_changes()
    window.items.drop([goal], service.get(goal).parent_id, -1, Section.DONE)
    settle(qtbot, window)
    assert all(r.status.value == "active" for r in service_of(window).get_many(steps).values())
    assert window.navigator.selected_ids() == [goal]


def test_a_repeating_goal_marked_done_moves_only_the_rows_that_change_place(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    """Done on a repeating goal brings its subtasks back undone: the rows already in their
    place stay where they are (each was taken out and put back, every row open: 1.2 s
    for a goal of 500), those done come back from its Done section, in the plan's order,
    open rows kept; undo puts every row back."""
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Weekly review", due=clock.now.date()).ids[0]
    steps = [service.create_item(goal, f"Step {n}").ids[0] for n in range(8)]
    below = service.create_item(steps[4], "Inner step").ids[0]
    service.mark_done([steps[1], steps[6]])
    RepeatService(service.store, clock).set_repeat(goal, "every week")
    window = make_window()
    settle(qtbot, window)
    model = model_of(window)
    goal_index = index_of(window, [str(model.index(0, 0).data()), "Weekly review"])
    before = rows(model, goal_index)
    assert before == [*(f"Step {n}" for n in (0, 2, 3, 4, 5, 7)), "Done (2)"]
    moved: list[int | None] = []
    model.relocating.connect(lambda key: moved.append(key_item_id(key)))
    window.reveal([goal])
    window.actions_by_name["toggle_done"].trigger()
    qtbot.wait(1)
    goal_index = model.index_for_item(goal)
    assert rows(model, goal_index) == [f"Step {n}" for n in range(8)]
    assert sorted(moved) == sorted([steps[1], steps[6]])
    assert window.tree.isExpanded(model.index_for_item(steps[4]))
    assert window.navigator.selected_ids() == [goal]
    window.undo()
    qtbot.wait(1)
    goal_index = model.index_for_item(goal)
    assert rows(model, goal_index) == before
    assert window.tree.isExpanded(model.index_for_item(steps[4]))
    window.tree.expand(model.index(6, 0, goal_index))  # its Done section, back
    assert rows(model, model.index(6, 0, goal_index)) == ["Step 1", "Step 6"]
    assert str(model.index_for_item(below).data()) == "Inner step"


def test_undo_and_redo_of_done_on_a_repeating_goal_select_the_goal(
    qtbot: Any, make_window: MakeWindow, service: PlanService, clock: FakeClock
) -> None:
    """Undo and redo select what the step selected: the goal, not every subtask the undo
    or redo touched (the next Delete would have deleted them all)."""
    goal, steps = weekly_review(service, clock, done=2)
    window = make_window()
    settle(qtbot, window)
    window.reveal([goal])
    window.actions_by_name["toggle_done"].trigger()
    for step in (window.undo, window.redo, window.undo):
        step()
        assert window.navigator.selected_ids() == [goal]
        assert window.navigator.current_record().id == goal  # type: ignore[union-attr]
    statuses = {i: r.status.value for i, r in service_of(window).get_many(steps).items()}
    assert statuses == {i: "done" if i in steps[:2] else "active" for i in steps}
