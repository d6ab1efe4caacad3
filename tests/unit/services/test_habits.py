"""Habits through the services: made from words, ticked and unticked (any past day, never
one to come), their figures, and the undo and redo of each giving back every row."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from planner.domain.errors import InvalidInput, Refused
from planner.domain.habits import Cadence
from planner.services.habits import HabitService
from planner.services.plan import PlanService
from planner.services.repeats import RepeatService
from tests.helpers.clock import FakeClock
from tests.helpers.plan_rows import plan_rows

D = date


@pytest.fixture
def habits(service: PlanService, clock: FakeClock) -> HabitService:
    clock.now = datetime(2027, 1, 6, 12, tzinfo=UTC)
    return HabitService(service.store, service.clock)


def _goal(service: PlanService, title: str) -> int:
    group = service.first_group()
    assert group is not None
    return service.create_item(group.id, title).ids[0]


@pytest.mark.parametrize(
    ("words", "cadence", "days", "per_week"),
    [
        ("daily", Cadence.DAILY, frozenset(), 0),
        ("weekdays", Cadence.DAYS, frozenset(range(5)), 0),
        ("3 per week", Cadence.WEEKLY, frozenset(), 3),
        ("2 times a week", Cadence.WEEKLY, frozenset(), 2),
        ("on mon,wed,fri", Cadence.DAYS, frozenset({0, 2, 4}), 0),
        ("On Tuesday and Saturday", Cadence.DAYS, frozenset({1, 5}), 0),
    ],
)
def test_habits_from_words(
    service: PlanService,
    habits: HabitService,
    words: str,
    cadence: Cadence,
    days: frozenset[int],
    per_week: int,
) -> None:
    goal = _goal(service, "Stretch")
    habits.set_habit(goal, words)
    view = habits.view(goal)
    assert view is not None
    assert (view.habit.cadence, view.habit.days, view.habit.per_week) == (cadence, days, per_week)
    assert view.habit.since == D(2027, 1, 6)


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("sometimes", "'sometimes' is not how often a habit is kept; use daily, weekdays"),
        ("8 per week", "A habit is kept from 1 to 7 times a week; '8 per week' says 8"),
        ("0 per week", "from 1 to 7 times a week"),
        ("on funday", "'funday' in 'on funday' is not a list of weekdays"),
    ],
)
def test_bad_habits_change_nothing(
    service: PlanService, habits: HabitService, words: str, message: str
) -> None:
    goal = _goal(service, "Stretch")
    before = plan_rows(service)
    with pytest.raises(InvalidInput, match=message):
        habits.set_habit(goal, words)
    assert plan_rows(service) == before


def test_ticks_their_figures_and_their_undo(service: PlanService, habits: HabitService) -> None:
    goal = _goal(service, "Stretch")
    before = plan_rows(service)
    made = habits.set_habit(goal, "daily")
    after = plan_rows(service)
    service.apply(service.apply(made.inverse).inverse)
    assert plan_rows(service) == after
    for day in (D(2027, 1, 4), D(2027, 1, 5), None):
        habits.tick(goal, day)
    view = habits.view(goal)
    assert view is not None
    assert (view.figures.current, view.figures.best) == (3, 3)
    assert [d.ticked for d in view.figures.strip[-4:]] == [False, True, True, True]
    ticked = plan_rows(service)
    unticked = habits.tick(goal, D(2027, 1, 5), on=False)
    view = habits.view(goal)
    assert view is not None and (view.figures.current, view.figures.best) == (1, 1)
    service.apply(unticked.inverse)
    assert plan_rows(service) == ticked
    again = habits.tick(goal)  # ticked already: nothing changes, and a note says so
    assert again.ids == () and again.note == "'Stretch' was already ticked on Jan 6, 2027."
    stopped = habits.stop(goal)
    assert habits.view(goal) is None
    service.apply(stopped.inverse)
    assert plan_rows(service) == ticked
    assert before != ticked


def test_what_cannot_be_ticked(service: PlanService, habits: HabitService) -> None:
    goal = _goal(service, "Stretch")
    with pytest.raises(Refused, match="'Stretch' is not a habit; make it one first"):
        habits.tick(goal)
    habits.set_habit(goal, "daily")
    before = plan_rows(service)
    with pytest.raises(InvalidInput, match="Jan 7, 2027 has not come yet"):
        habits.tick(goal, D(2027, 1, 7))
    service.delete([goal])
    with pytest.raises(Refused, match="'Stretch' is deleted; restore it first"):
        habits.tick(goal)
    service.restore([goal])
    assert plan_rows(service) == before
    weekly = _goal(service, "Review")
    RepeatService(service.store, service.clock).set_repeat(weekly, "weekly")
    with pytest.raises(Refused, match="'Review' repeats; stop its repeating first"):
        habits.set_habit(weekly, "daily")


def test_every_habit_with_its_figures(service: PlanService, habits: HabitService) -> None:
    stretch, read, gone = (_goal(service, t) for t in ("Stretch", "Read", "Gone"))
    for goal in (stretch, read, gone):
        habits.set_habit(goal, "daily")
    habits.tick(read)
    service.delete([gone])
    views = habits.views()
    assert [(v.record.title, v.figures.current) for v in views] == [("Stretch", 0), ("Read", 1)]
