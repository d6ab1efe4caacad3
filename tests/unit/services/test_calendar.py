"""The calendar's days read from a plan: the items due in a range (both ends in), only open
ones (nothing above them done or deleted), done ones when asked, each on its day in a
cell's order; the same with the tree's links kept by the caller, also for an item the
links do not know yet."""

from __future__ import annotations

from datetime import date

from planner.domain.calendar import CalendarEntry
from planner.domain.items import Priority, Status
from planner.services.calendar import CalendarService
from planner.services.plan import PlanService
from planner.services.queries import TreeQueries

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
