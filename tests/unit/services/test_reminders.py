"""Reminders through the services: set and cleared (undoable), the plan's default given to
new goals and tasks, what is coming, and firing that is remembered in the plan, so a
reminder fires once whoever looks, and one missed while Planner was closed is said once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner.app import open_plan
from planner.domain.errors import Refused
from planner.domain.reminders import ReminderIndex
from planner.domain.structure import Structure
from planner.services.plan import PlanService
from planner.services.reminders import ReminderService, missed_text
from tests.helpers.clock import FakeClock
from tests.helpers.plan_rows import plan_rows

BERLIN = ZoneInfo("Europe/Berlin")
D = date
TENTH = D(2027, 1, 10)


@pytest.fixture
def reminders(service: PlanService, clock: FakeClock) -> ReminderService:
    clock.now = datetime(2027, 1, 6, 12, tzinfo=UTC)
    return ReminderService(service.store, service.clock, BERLIN)


def _goal(service: PlanService, title: str, due: date | None = TENTH) -> int:
    group = service.first_group()
    assert group is not None
    return service.create_item(group.id, title, due=due).ids[0]


def test_set_cleared_and_undone(service: PlanService, reminders: ReminderService) -> None:
    goal = _goal(service, "Dentist")
    before = plan_rows(service)
    added = reminders.add_before(goal, 1, time(18))
    reminders.add_at(goal, datetime(2027, 1, 8, 9, tzinfo=UTC))
    assert [(r.days_before, r.time, r.at) for r in reminders.reminders(goal)] == [
        (1, time(18), None),
        (None, None, datetime(2027, 1, 8, 9, tzinfo=UTC)),
    ]
    both = plan_rows(service)
    cleared = reminders.clear(goal)
    assert reminders.reminders(goal) == []
    service.apply(cleared.inverse)
    assert plan_rows(service) == both
    (first, _second) = reminders.reminders(goal)
    service.apply(reminders.remove(first.id).inverse)
    assert plan_rows(service) == both
    reminders.clear(goal)
    assert plan_rows(service) == before
    # The undo of the first one, with the reminders changed since: refused, nothing changed.
    with pytest.raises(Refused, match="'Dentist' was changed elsewhere since \\(its reminders\\)"):
        service.apply(added.inverse)
    assert plan_rows(service) == before


def test_refused_reminders_change_nothing(service: PlanService, reminders: ReminderService) -> None:
    goal = _goal(service, "Dentist")
    undated = _goal(service, "Someday", None)
    reminders.add_before(goal, 0)
    before = plan_rows(service)
    for attempt, message in (
        (
            lambda: reminders.add_at(goal, datetime(2027, 1, 6, 11, tzinfo=UTC)),
            "That moment has passed",
        ),
        (lambda: reminders.add_before(goal, 0), "'Dentist' has this reminder already"),
        (lambda: reminders.add_before(undated, 1), "'Someday' has no due date for a reminder"),
        (lambda: reminders.clear(undated), "'Someday' has no reminders"),
        (lambda: reminders.remove(999), "There is no reminder with id 999"),
    ):
        with pytest.raises(Refused, match=message):
            attempt()
        assert plan_rows(service) == before


def test_the_default_reminder_for_new_items(
    service: PlanService, reminders: ReminderService
) -> None:
    assert reminders.default() is None
    plain = _goal(service, "Before")
    reminders.set_default(1, time(18))
    goal = _goal(service, "After")
    task = service.create_item(goal, "Its task").ids[0]
    assert reminders.reminders(plain) == []
    assert [(r.days_before, r.time) for r in reminders.reminders(goal)] == [(1, time(18))]
    assert len(reminders.reminders(task)) == 1
    made = service.create_item(goal, "Undone at once")
    before = plan_rows(service)
    service.apply(made.inverse)  # its undo takes its reminder away with it
    assert len(plan_rows(service)["reminders"]) == len(before["reminders"]) - 1
    reminders.set_default(None)
    assert reminders.reminders(_goal(service, "Off again")) == []


def test_coming_lists_what_would_fire(
    service: PlanService, reminders: ReminderService, clock: FakeClock
) -> None:
    goal = _goal(service, "Dentist")
    parent = _goal(service, "Trip")
    inside = service.create_item(parent, "Pack", due=D(2027, 1, 9)).ids[0]
    reminders.add_before(goal, 1, time(18))  # 9 Jan 18:00 Berlin = 17:00 UTC
    reminders.add_before(goal, 0, time(9))
    reminders.add_before(inside, 0, time(9))
    service.mark_done([parent])  # inside a done goal: does not fire
    coming = reminders.coming()
    assert [(c.record.title, c.moment) for c in coming] == [
        ("Dentist", datetime(2027, 1, 9, 17, tzinfo=UTC)),
        ("Dentist", datetime(2027, 1, 10, 8, tzinfo=UTC)),
    ]
    assert [c.record.title for c in reminders.coming(datetime(2027, 1, 9, 20, tzinfo=UTC))] == [
        "Dentist"
    ]
    clock.now = datetime(2027, 1, 9, 18, tzinfo=UTC)
    assert [c.late for c in reminders.coming()] == [True, False]


def test_firing_is_remembered_in_the_plan(
    plan_path: Path, service: PlanService, reminders: ReminderService, clock: FakeClock
) -> None:
    goal = _goal(service, "Dentist")
    reminders.add_before(goal, 1, time(18))
    reminders.add_before(goal, 0, time(9))
    assert reminders.fire() == []  # the first look: nothing has come
    clock.now = datetime(2027, 1, 9, 17, 0, 30, tzinfo=UTC)
    (evening,) = reminders.fire()
    assert not evening.missed and missed_text([evening]) == ""
    # Closed, then opened again two days later by another program: the one that came
    # meanwhile fires, missed; the first does not fire again.
    later = FakeClock(datetime(2027, 1, 11, 8, tzinfo=UTC))
    other = open_plan(plan_path, clock=later)
    try:
        again = ReminderService(other.store, other.clock, BERLIN).fire()
        assert [(f.reminder.time, f.missed) for f in again] == [(time(9), True)]
        assert missed_text(again) == "1 reminder while Planner was closed"
        assert ReminderService(other.store, other.clock, BERLIN).fire() == []
    finally:
        other.store.close()
    assert reminders.fire() == []


def test_the_index_follows_changes(service: PlanService, reminders: ReminderService) -> None:
    goal = _goal(service, "Dentist")
    other = _goal(service, "Car", D(2027, 2, 1))
    reminders.add_before(goal, 1, time(18))
    reminders.add_before(other, 0, time(9))
    index = reminders.index()
    found = index.next()
    assert found is not None and found[1].item_id == goal
    service.edit(goal, due=D(2027, 3, 1))
    reminders.follow(index, [goal])
    found = index.next()
    assert found is not None and found[1].item_id == other
    assert found[0] == datetime(2027, 2, 1, 8, tzinfo=UTC)
    service.mark_done([other])
    reminders.follow(index, [other])
    found = index.next()
    assert found is not None and found[0] == datetime(2027, 2, 28, 17, tzinfo=UTC)
    service.purge([goal])
    reminders.follow(index, [goal])
    assert index.next() is None
    assert datetime(2027, 2, 28, 17, tzinfo=UTC) - timedelta(days=1) < datetime(
        2027, 3, 1, tzinfo=UTC
    )


@pytest.mark.parametrize("links", ["", "tree", "later"])
def test_the_index_follows_what_happens_above_an_item(
    service: PlanService, reminders: ReminderService, links: str
) -> None:
    """A goal marked done, deleted, moved under a done goal or purged takes the reminders
    below it along; undone, they are back. Whether items are active (and below a change) is
    read from the plan, or from the tree's links as the window keeps them (from the start,
    or only once they are loaded: "later")."""
    follow = reminders.follow

    def tree(building: bool = False) -> Structure | None:
        if not links or (building and links == "later"):
            return None
        with service.store.read() as unit:
            return unit.tree_structure()

    def following(index: ReminderIndex, ids: Iterable[int]) -> None:
        follow(index, ids, tree())

    reminders.follow = following  # type: ignore[method-assign]
    trip = _goal(service, "Trip")
    pack = service.create_item(trip, "Pack", due=D(2027, 1, 9)).ids[0]
    tickets = service.create_item(pack, "Tickets", due=D(2027, 1, 8)).ids[0]
    reminders.add_before(pack, 0, time(9))
    reminders.add_before(tickets, 0, time(9))
    later = _goal(service, "Later", D(2027, 3, 1))
    reminders.add_before(later, 0, time(9))

    def items_next() -> list[int]:
        return sorted(index.items())

    done = service.mark_done([trip])
    index = reminders.index(tree(building=True))  # built with the goal done: nothing below
    assert items_next() == [later]
    undone = service.apply(done.inverse)
    reminders.follow(index, undone.ids)
    assert items_next() == sorted([pack, tickets, later])
    found = index.next()
    assert found is not None and found[1].item_id == tickets
    deleted = service.delete([trip])
    reminders.follow(index, deleted.ids)
    assert items_next() == [later]
    restored = service.apply(deleted.inverse)
    reminders.follow(index, restored.ids)
    assert items_next() == sorted([pack, tickets, later])
    reminders.follow(index, service.mark_done([later]).ids)
    moved = service.move([pack], later, None)
    reminders.follow(index, moved.ids)
    assert items_next() == []
    service.apply(moved.inverse)
    reminders.follow(index, [pack])
    assert items_next() == sorted([pack, tickets])
    purged = service.purge([trip])
    reminders.follow(index, purged.ids)
    assert items_next() == []


def test_snooze_puts_a_fired_reminder_off(
    service: PlanService, reminders: ReminderService, clock: FakeClock
) -> None:
    goal = _goal(service, "Dentist")
    reminders.add_before(goal, 1, time(18))
    clock.now = datetime(2027, 1, 9, 17, 0, 30, tzinfo=UTC)
    (evening,) = reminders.fire()
    later = clock.now + timedelta(minutes=10)
    snoozed = reminders.snooze(evening.reminder.id, later)
    # The reminder before the due date stays (for the next due date); one at `later` joins.
    kept, put_off = reminders.reminders(goal)
    assert (kept.days_before, kept.fired) == (1, "2027-01-10")
    assert (put_off.at, put_off.fired) == (later, "")
    assert reminders.fire() == []
    clock.advance(minutes=10)
    (again,) = reminders.fire()
    assert again.reminder.id == put_off.id and not again.missed
    # Put off again: the one at a moment moves (no pile of spent ones).
    clock.advance(minutes=1)
    fired_once = plan_rows(service)
    second = reminders.snooze(put_off.id, clock.now + timedelta(hours=1))
    assert [(r.days_before, r.at) for r in reminders.reminders(goal)] == [
        (1, None),
        (None, clock.now + timedelta(hours=1)),
    ]
    with pytest.raises(Refused, match="That moment has passed"):
        reminders.snooze(kept.id, clock.now)
    with pytest.raises(Refused, match="There is no reminder with id 999"):
        reminders.snooze(999, clock.now + timedelta(hours=1))
    service.apply(second.inverse)  # undone: as it was, fired and all
    assert plan_rows(service) == fired_once
    assert reminders.fire() == []
    service.apply(snoozed.inverse)  # the first one's undo: only the reminder it put off
    assert [(r.days_before, r.fired) for r in reminders.reminders(goal)] == [(1, "2027-01-10")]
    assert reminders.fire() == []


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Saturday 27 March 2027, 23:30 in Berlin: tomorrow 9:00 is after the clocks go on.
        (datetime(2027, 3, 27, 22, 30, tzinfo=UTC), datetime(2027, 3, 28, 7, tzinfo=UTC)),
        (datetime(2027, 10, 30, 12, tzinfo=UTC), datetime(2027, 10, 31, 8, tzinfo=UTC)),
        # 00:30 Berlin: "tomorrow" is the day after the local day, not after the UTC day.
        (datetime(2027, 6, 9, 22, 30, tzinfo=UTC), datetime(2027, 6, 11, 7, tzinfo=UTC)),
    ],
)
def test_snooze_to_tomorrow_morning(now: datetime, expected: datetime) -> None:
    from planner.domain.reminders import Snooze, snooze_until

    assert snooze_until(Snooze.TOMORROW, now, BERLIN) == expected
    assert snooze_until(Snooze.MINUTES, now, BERLIN) == now + timedelta(minutes=10)
    assert snooze_until(Snooze.HOUR, now, BERLIN) == now + timedelta(hours=1)


def test_the_index_made_in_pieces_on_a_side_read_is_the_same(
    service: PlanService, reminders: ReminderService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read and made a piece at a time with a pause after each (a thread's rests; the
    reminders read by ranges of item ids), from a copy of the tree's links: the same
    reminders at the same moments, the same items below each; a pause that raises stops
    the build there."""
    from planner.services import reminders as reminders_module

    monkeypatch.setattr(reminders_module, "ID_RANGE", 7)

    trip = _goal(service, "Trip")
    for n in range(2 * reminders_module.PIECE + 3):
        parent = trip if n % 2 else service.first_group().id  # type: ignore[union-attr]
        item = service.create_item(parent, f"Item {n}", due=D(2027, 1, 9 + n % 20)).ids[0]
        reminders.add_before(item, n % 3, time(9))
    service.mark_done([service.create_item(trip, "Done", due=TENTH).ids[0]])
    with service.store.read() as unit:
        links = unit.tree_structure()
    whole = reminders.index_of(reminders.index_rows(), links)
    pauses: list[int] = []
    rows = reminders.index_rows(side=True, pause=lambda: pauses.append(1))
    with service.store.read() as unit:
        ranges = -(-(unit.next_id() - 1) // 7)
    assert len(pauses) == ranges + 3  # 2 pieces and 3 items: three pieces of records
    pieces = reminders.index_of(rows, links, side=True, pause=lambda: pauses.append(1))
    assert len(pauses) == ranges + 3 + 3 + 3  # put in, then placed
    assert rows == reminders.index_rows()
    assert pieces.next() == whole.next() is not None
    assert len(pieces) == len(whole) == 2 * reminders_module.PIECE + 3
    assert pieces.known == whole.known and pieces.below({trip}) == whole.below({trip})
    ever = datetime.max.replace(tzinfo=UTC)
    assert pieces.due(ever) == whole.due(ever)  # each reminder, its moment and key

    class Stop(Exception):
        pass

    def stop() -> None:
        raise Stop

    with pytest.raises(Stop):
        reminders.index_of(rows, links, side=True, pause=stop)
