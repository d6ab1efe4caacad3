"""The calendar's days read from a plan: the items due in a range (both ends in), only open
ones (nothing above them done or deleted), done ones when asked, each on its day in a
cell's order; the same with the tree's links kept by the caller, also for an item the
links do not know yet."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.calendar import CalendarEntry
from planner.domain.items import ItemRecord, Kind, Priority, Status
from planner.domain.new_node import NewNode
from planner.services.calendar import CalendarService
from planner.services.plan import PlanService
from planner.services.queries import TreeQueries
from tests.helpers.clock import FakeClock
from tests.helpers.new_plan import new_plan

NOV = date(2026, 11, 1)


def due(service: PlanService, parent: int, title: str, day: date | None, **fields: object) -> int:
    item = service.create_item(parent, title).ids[0]
    service.edit(item, due=day, **fields)
    return item


def titles(
    calendar: CalendarService, days: dict[date, list[CalendarEntry]]
) -> dict[date, list[str]]:
    """Each day's titles, in the cell's order."""
    names = calendar.titles([e.id for listed in days.values() for e in listed])
    return {day: [names[e.id] for e in listed] for day, listed in days.items()}


def test_the_days_hold_their_open_items_in_a_cells_order(service: PlanService) -> None:
    group = service.create_group("Home").ids[0]
    goal = due(service, group, "Kitchen", date(2026, 11, 30))
    due(service, goal, "Call the tiler", date(2026, 11, 3))
    due(service, goal, "Buy tiles", date(2026, 11, 3), priority=Priority.HIGH)
    due(service, goal, "Before the range", date(2026, 10, 31))
    due(service, goal, "After the range", date(2026, 12, 1))
    due(service, goal, "No date", None)
    done = due(service, goal, "Measure", date(2026, 11, 3))
    service.mark_done([done])
    gone = due(service, goal, "Old plan", date(2026, 11, 4))
    service.delete([gone])
    shelved = due(service, group, "Shelved", date(2026, 11, 5))
    due(service, shelved, "Under a done goal", date(2026, 11, 6))
    service.mark_done([shelved])

    calendar = CalendarService(service.store)
    days = calendar.days(NOV, date(2026, 11, 30))
    assert titles(calendar, days) == {
        date(2026, 11, 3): ["Buy tiles", "Call the tiler"],
        date(2026, 11, 30): ["Kitchen"],
    }
    entry = days[date(2026, 11, 3)][0]
    assert (entry.priority, entry.status, entry.due) == (
        Priority.HIGH,
        Status.ACTIVE,
        date(2026, 11, 3),
    )

    with_done = titles(calendar, calendar.days(NOV, date(2026, 11, 30), done=True))
    assert with_done[date(2026, 11, 3)] == ["Buy tiles", "Call the tiler", "Measure"]
    # A done goal shows; a task under it (neither open nor its own done) does not.
    assert with_done[date(2026, 11, 5)] == ["Shelved"]
    assert date(2026, 11, 6) not in with_done and date(2026, 11, 4) not in with_done


def test_kept_links_give_the_same_days_and_an_item_made_since_is_found(
    service: PlanService,
) -> None:
    group = service.create_group("Home").ids[0]
    goal = due(service, group, "Kitchen", date(2026, 11, 10))
    links, _costs = TreeQueries(service.store).rollups()
    later = due(service, goal, "Made after the links were read", date(2026, 11, 10))
    calendar = CalendarService(service.store)
    kept = calendar.days(NOV, date(2026, 11, 30), tree=links)
    assert [e.id for e in kept[date(2026, 11, 10)]] == [goal, later]
    assert kept == calendar.days(NOV, date(2026, 11, 30))


def test_every_priority_is_read(service: PlanService) -> None:
    """(The read takes one range of due dates for each priority.)"""
    group = service.create_group("Home").ids[0]
    made = [due(service, group, p.name, date(2026, 11, 9), priority=p) for p in Priority]
    days = CalendarService(service.store).days(NOV, date(2026, 11, 30))
    assert [e.id for e in days[date(2026, 11, 9)]] == list(reversed(made))


def test_an_empty_range_has_no_days(service: PlanService) -> None:
    group = service.create_group("Home").ids[0]
    due(service, group, "Kitchen", date(2026, 11, 10))
    assert CalendarService(service.store).days(date(2026, 12, 1), date(2026, 12, 31)) == {}


# -- random plans against a brute-force reading -------------------------------------------

FIRST, LAST = date(2026, 11, 2), date(2026, 12, 13)  # six weeks
Spec = tuple[Any, ...]  # (status, due, priority, child specs)
calendar_dues = st.one_of(
    st.none(),
    st.sampled_from([-1, 0, 1, 17, 41, 42, 60]).map(lambda d: FIRST + timedelta(days=d)),
)
calendar_nodes: st.SearchStrategy[Any] = st.recursive(
    st.builds(
        lambda status, due, priority: (status, due, priority, []),
        st.sampled_from(list(Status)),
        calendar_dues,
        st.sampled_from(list(Priority)),
    ),
    lambda children: st.builds(
        lambda status, due, priority, kids: (status, due, priority, kids),
        st.sampled_from(list(Status)),
        calendar_dues,
        st.sampled_from(list(Priority)),
        st.lists(children, max_size=3),
    ),
    max_leaves=20,
)


def new_node(spec: Spec, counter: list[int]) -> NewNode:
    status, due, priority, kids = spec
    counter[0] += 1
    moment = datetime(2026, 11, 1, 12, tzinfo=UTC)
    return NewNode(
        title=f"t{counter[0]}",
        status=status,
        due=due,
        priority=priority,
        done_at=moment if status is not Status.ACTIVE else None,
        deleted_at=moment if status is Status.DELETED else None,
        children=[new_node(k, counter) for k in kids],
    )


def brute_force(service: PlanService, done: bool) -> dict[date, list[int]]:
    """Each day's ids, every rule written out: a goal or task due in the range, active with
    everything above it active; or (with `done`) done with nothing above it deleted; open
    ones first, high priority first, then the oldest."""
    records = {r.id: r for r in service.all_items()}
    found: dict[date, list[ItemRecord]] = {}
    for record in records.values():
        line, parent = [], record.parent_id
        while parent is not None:
            line.append(records[parent])
            parent = records[parent].parent_id
        if record.kind is Kind.GROUP or record.due is None or not FIRST <= record.due <= LAST:
            continue
        open_ = record.status is Status.ACTIVE and all(a.status is Status.ACTIVE for a in line)
        logged = record.status is Status.DONE and all(a.status is not Status.DELETED for a in line)
        if open_ or (done and logged):
            found.setdefault(record.due, []).append(record)
    return {
        day: [
            r.id
            for r in sorted(
                listed, key=lambda r: (r.status is not Status.ACTIVE, -r.priority, r.id)
            )
        ]
        for day, listed in found.items()
    }


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    trees=st.lists(
        st.tuples(st.booleans(), st.lists(calendar_nodes, max_size=3)), min_size=1, max_size=3
    )
)
def test_random_plans_show_what_a_brute_force_reading_finds(
    tmp_path_factory: pytest.TempPathFactory,
    trees: list[tuple[bool, list[Spec]]],
) -> None:
    path = tmp_path_factory.mktemp("random") / "plan.sqlite3"
    service = new_plan(path, FakeClock(datetime(2026, 11, 22, 12, tzinfo=UTC)))
    try:
        counter = [0]
        for deleted, nodes in trees:
            group = service.create_group(f"g{len(counter)}").ids[0]
            service.add_trees(group, [new_node(n, counter) for n in nodes])
            if deleted:
                service.delete([group])
        calendar = CalendarService(service.store)
        links, _costs = TreeQueries(service.store).rollups()
        for done in (False, True):
            wanted = brute_force(service, done)
            for tree in (None, links):
                days = calendar.days(FIRST, LAST, tree=tree, done=done)
                assert {d: [e.id for e in listed] for d, listed in days.items()} == wanted
    finally:
        service.store.close()
