"""Repeating items through the services, on a real plan file: a goal done comes back with
its subtree undone and shifted, its occurrence recorded with what it spent; skip, pause,
series ends, an item behind coming back once, months without drift; and the undo and redo
of each giving back every row of the plan exactly."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from planner.app import open_plan
from planner.domain import changes as ch
from planner.domain.costs import LineKind
from planner.domain.errors import InvalidInput, Refused
from planner.domain.items import Status
from planner.services.costs import CostService
from planner.services.habits import HabitService
from planner.services.plan import PlanService
from planner.services.reminders import ReminderService
from planner.services.repeats import RepeatService
from planner.store import plan_file
from planner.store.plan_check import APPLICATION_ID
from tests.helpers.clock import FakeClock
from tests.helpers.migrations import plan_at
from tests.helpers.plan_rows import plan_rows

D = date


@pytest.fixture
def repeats(service: PlanService) -> RepeatService:
    return RepeatService(service.store, service.clock)


def _goal(service: PlanService, title: str, due: date) -> int:
    group = service.first_group()
    assert group is not None
    return service.create_item(group.id, title, due=due).ids[0]


def _at(clock: FakeClock, day: date) -> None:
    clock.now = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _undo_redo_exactly(service: PlanService, outcome: ch.Outcome, before: object) -> None:
    after = plan_rows(service)
    undone = service.apply(outcome.inverse)
    assert plan_rows(service) == before
    service.apply(undone.inverse)
    assert plan_rows(service) == after


def test_a_repeating_goal_comes_back_with_its_subtree(
    service: PlanService, repeats: RepeatService, clock: FakeClock
) -> None:
    _at(clock, D(2027, 1, 31))
    costs = CostService(service.store)
    goal = _goal(service, "Monthly accounts", D(2027, 1, 31))
    gather = service.create_item(goal, "Gather receipts", due=D(2027, 1, 25)).ids[0]
    book = service.create_item(goal, "Book them", due=D(2027, 1, 30)).ids[0]
    inner = service.create_item(book, "Check the bank", due=D(2027, 1, 29)).ids[0]
    dropped = service.create_item(goal, "Old step", due=D(2027, 1, 20)).ids[0]
    loose = service.create_item(goal, "Whenever", due=None).ids[0]
    costs.set_calc(goal, True)
    costs.add_line(goal, "Accountant", Decimal(2), Decimal("45.50"))
    costs.set_calc(book, True)
    costs.add_line(book, "Refund", Decimal(1), Decimal(10), kind=LineKind.INCOME)
    service.mark_done([gather, inner])
    service.delete([dropped])
    repeats.set_repeat(goal, "monthly on the last day")
    before = plan_rows(service)

    outcome = service.mark_done([goal])

    records = service.get_many([goal, gather, book, inner, dropped, loose])
    assert records[goal].status is Status.ACTIVE and records[goal].due == D(2027, 2, 28)
    # 28 days later, each one of them; done ones back undone; the deleted one as it was.
    assert [records[i].due for i in (gather, book, inner)] == [
        D(2027, 2, 22),
        D(2027, 2, 27),
        D(2027, 2, 26),
    ]
    assert all(records[i].status is Status.ACTIVE for i in (gather, book, inner))
    assert records[gather].done_at is None
    assert (records[dropped].status, records[dropped].due) == (Status.DELETED, D(2027, 1, 20))
    assert records[loose].due is None
    view = repeats.view(goal)
    assert view is not None
    (occurrence,) = view.occurrences
    assert occurrence.due == D(2027, 1, 31) and occurrence.done_at == clock.now
    assert (occurrence.expense, occurrence.income) == (Decimal("91.00"), Decimal(10))
    assert view.repeat.turns == 1 and view.next_due == D(2027, 3, 31)
    assert set(outcome.ids) >= {goal, gather, book, inner}
    _undo_redo_exactly(service, outcome, before)


def test_no_month_drift(service: PlanService, repeats: RepeatService, clock: FakeClock) -> None:
    goal = _goal(service, "Rent", D(2027, 1, 31))
    repeats.set_repeat(goal, "FREQ=MONTHLY;BYMONTHDAY=-1")
    seen = []
    for day in (D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30)):
        _at(clock, day)
        service.mark_done([goal])
        seen.append(service.get(goal).due)
    assert seen == [D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30), D(2027, 5, 31)]
    on_31 = _goal(service, "Pay on the 31st", D(2027, 1, 31))
    repeats.set_repeat(on_31, "FREQ=MONTHLY;BYMONTHDAY=31")
    _at(clock, D(2027, 1, 31))
    service.mark_done([on_31])
    assert service.get(on_31).due == D(2027, 3, 31)  # February has no 31st: as the rule says


def test_behind_it_comes_back_once_at_the_next_date_from_today(
    service: PlanService, repeats: RepeatService, clock: FakeClock
) -> None:
    goal = _goal(service, "Water the plants", D(2027, 1, 4))  # a Monday
    repeats.set_repeat(goal, "every week on mon")
    _at(clock, D(2027, 1, 27))  # three Mondays missed
    service.mark_done([goal])
    assert service.get(goal).due == D(2027, 2, 1)
    view = repeats.view(goal)
    assert view is not None and len(view.occurrences) == 1


def test_from_the_day_done(service: PlanService, repeats: RepeatService, clock: FakeClock) -> None:
    goal = _goal(service, "Descale the kettle", D(2027, 1, 5))
    repeats.set_repeat(goal, "every 3 days", from_done=True)
    _at(clock, D(2027, 1, 10))
    service.mark_done([goal])
    assert service.get(goal).due == D(2027, 1, 13)


def test_skip_pause_and_the_end_of_a_series(
    service: PlanService, repeats: RepeatService, clock: FakeClock
) -> None:
    _at(clock, D(2027, 1, 4))
    goal = _goal(service, "Team lunch", D(2027, 1, 8))
    repeats.set_repeat(goal, "weekly, 3 times")
    before = plan_rows(service)
    skipped = repeats.skip(goal)
    view = repeats.view(goal)
    assert view is not None and view.occurrences[0].skipped
    assert service.get(goal).due == D(2027, 1, 15)
    _undo_redo_exactly(service, skipped, before)

    before = plan_rows(service)
    paused = repeats.pause(goal)
    done = service.mark_done([goal])  # paused: an ordinary done
    assert service.get(goal).status is Status.DONE
    service.apply(done.inverse)
    _undo_redo_exactly(service, paused, before)
    repeats.pause(goal, paused=False)
    service.mark_done([goal])  # the third time it comes due was the last
    assert service.get(goal).due == D(2027, 1, 22)
    service.mark_done([goal])
    assert service.get(goal).status is Status.DONE and service.get(goal).due == D(2027, 1, 22)
    with pytest.raises(Refused, match="only an active item can skip a turn"):
        repeats.skip(goal)


def test_done_with_others_in_one_step(
    service: PlanService, repeats: RepeatService, clock: FakeClock
) -> None:
    _at(clock, D(2027, 1, 4))
    plain = _goal(service, "Once", D(2027, 1, 8))
    weekly = _goal(service, "Weekly review", D(2027, 1, 8))
    repeats.set_repeat(weekly, "weekly")
    before = plan_rows(service)
    outcome = service.mark_done([plain, weekly])
    assert isinstance(outcome.inverse, ch.Steps)
    assert service.get(plain).status is Status.DONE
    assert service.get(weekly).due == D(2027, 1, 15)
    _undo_redo_exactly(service, outcome, before)


def test_setting_stopping_and_their_undo(service: PlanService, repeats: RepeatService) -> None:
    goal = _goal(service, "Backup", D(2027, 1, 6))
    before = plan_rows(service)
    _undo_redo_exactly(service, repeats.set_repeat(goal, "daily"), before)
    before = plan_rows(service)
    _undo_redo_exactly(service, repeats.stop(goal), before)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=DAILY;COUNT=0", "COUNT must be from 1 to 100000"),
        ("FREQ=DAILY;INTERVAL=1000000000", "An interval must be from 1 to 999"),
        ("FREQ=DAILY;UNTIL=20260101", r"ends \(UNTIL 2026-01-01\) before it starts \(2027-01-06\)"),
        ("fortnightly", "'fortnightly' is not a repeat rule Planner reads"),
    ],
)
def test_bad_rules_change_nothing(
    service: PlanService, repeats: RepeatService, rule: str, message: str
) -> None:
    goal = _goal(service, "Backup", D(2027, 1, 6))
    repeats.set_repeat(goal, "weekly")
    before = plan_rows(service)
    with pytest.raises(InvalidInput, match=message):
        repeats.set_repeat(goal, rule)
    assert plan_rows(service) == before


def test_what_cannot_repeat(service: PlanService, repeats: RepeatService) -> None:
    group = service.first_group()
    assert group is not None
    with pytest.raises(Refused, match="is a group; repeating, habits and reminders"):
        repeats.set_repeat(group.id, "daily")
    undated = _goal(service, "Someday", D(2027, 1, 6))
    service.edit(undated, due=None)
    with pytest.raises(Refused, match="'Someday' has no due date to repeat from"):
        repeats.set_repeat(undated, "daily")
    habit = _goal(service, "Stretch", D(2027, 1, 6))
    HabitService(service.store, service.clock).set_habit(habit, "daily")
    with pytest.raises(Refused, match="'Stretch' is a habit"):
        repeats.set_repeat(habit, "daily")
    with pytest.raises(InvalidInput, match="'Stretch' does not repeat"):
        repeats.skip(habit)


def test_an_undo_never_overwrites_a_change_made_elsewhere(
    service: PlanService, repeats: RepeatService, clock: FakeClock
) -> None:
    _at(clock, D(2027, 1, 4))
    goal = _goal(service, "Weekly review", D(2027, 1, 8))
    step = service.create_item(goal, "Inbox zero", due=D(2027, 1, 7)).ids[0]
    repeats.set_repeat(goal, "weekly")
    outcome = service.mark_done([goal])
    service.edit(step, due=D(2027, 1, 20))  # another program moved it meanwhile
    before = plan_rows(service)
    with pytest.raises(Refused, match="'Weekly review' was changed elsewhere since"):
        service.apply(outcome.inverse)
    assert plan_rows(service) == before


def test_removed_for_good_and_back_with_everything(
    service: PlanService, repeats: RepeatService, clock: FakeClock
) -> None:
    _at(clock, D(2027, 1, 4))
    goal = _goal(service, "Weekly review", D(2027, 1, 8))
    repeats.set_repeat(goal, "weekly")
    service.mark_done([goal])
    ReminderService(service.store, service.clock).add_before(goal, 1)
    habit = service.create_item(goal, "Stretch", due=D(2027, 1, 9)).ids[0]
    habits = HabitService(service.store, service.clock)
    habits.set_habit(habit, "on mon,wed")
    habits.tick(habit)
    before = plan_rows(service)
    purged = service.purge([goal])
    assert plan_rows(service)["occurrences"] == []
    assert plan_rows(service)["habit_ticks"] == []
    _undo_redo_exactly(service, purged, before)


def test_totals_kept_in_memory_follow_a_turn_and_its_undo(
    service: PlanService, repeats: RepeatService, clock: FakeClock
) -> None:
    """A turn sets done subtasks back to remaining: totals kept in memory (the window's)
    follow it, and its undo, as if built afresh; so do the outcome's ids, which name every
    item whose row changed."""
    _at(clock, D(2027, 1, 4))
    costs = CostService(service.store)
    plain = _goal(service, "Once", D(2027, 1, 8))
    goal = _goal(service, "Weekly shop", D(2027, 1, 8))
    undated = service.create_item(goal, "Bags", due=None).ids[0]
    for item_id in (goal, undated, plain):
        costs.set_calc(item_id, True)
        costs.add_line(item_id, "Food", Decimal(3), Decimal("12.5"))
    service.mark_done([undated])
    repeats.set_repeat(goal, "weekly")
    rollup = costs.rollup()
    assert rollup.totals(goal).expense_done == Decimal("37.5")
    outcome = service.mark_done([plain, goal])
    assert undated in outcome.ids  # its status changed, though its (no) due date did not
    costs.follow(rollup, outcome)
    fresh = costs.rollup()
    for item_id in (goal, undated, plain):
        assert rollup.totals(item_id) == fresh.totals(item_id)
    assert rollup.totals(goal).expense_done == 0
    undone = service.apply(outcome.inverse)
    costs.follow(rollup, undone)
    fresh = costs.rollup()
    for item_id in (goal, undated, plain):
        assert rollup.totals(item_id) == fresh.totals(item_id)
    assert rollup.totals(goal).expense_done == Decimal("37.5")


def test_a_plan_from_0005_is_upgraded_and_repeats(tmp_path: Path, clock: FakeClock) -> None:
    """A plan made before repeating items opens, upgraded, with its items as they were."""
    path = tmp_path / "old.sqlite3"
    plan_at(path, "0005")
    con = sqlite3.connect(path)
    with con:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(
            "INSERT INTO items (id, kind, parent_id, position, title, notes, created, due, "
            "priority, status) VALUES (1, 'group', NULL, 0, 'G', '', "
            "'2025-01-01T00:00:00+00:00', NULL, 0, 'active'), (4, 'item', 1, 0, 'Rent', 'n', "
            "'2025-01-01T00:00:00+00:00', '2027-01-31', 2, 'active')"
        )
    con.close()
    assert plan_file.inspect_plan(path) == "0005"
    _at(clock, D(2027, 1, 31))
    service = open_plan(path, clock=clock)
    try:
        assert plan_file.inspect_plan(path) == plan_file.HEAD_REVISION
        assert (service.get(4).title, service.get(4).due) == ("Rent", D(2027, 1, 31))
        RepeatService(service.store, service.clock).set_repeat(4, "monthly on the last day")
        service.mark_done([4])
        assert service.get(4).due == D(2027, 2, 28)
    finally:
        service.store.close()
