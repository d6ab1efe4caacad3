"""The calendar's days as a query on the plan: the items due in a range of days, each on
its day, open ones only (nothing above them done or deleted), and done ones when asked.

One read of an index for the range; which items are open is read from the tree's links
the window keeps up to date (or, without them, from the plan's, read once for the call),
as the ready-made views do (domain/agenda.py). Titles are read for the entries shown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from planner.domain import agenda as ag
from planner.domain.calendar import CalendarEntry, by_day
from planner.domain.items import Status
from planner.services.ports import Store, Unit


class CalendarService:
    """The calendar of one open plan (the same store as its PlanService)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def days(
        self,
        first: date,
        last: date,
        *,
        tree: ag.TreeLinks | None = None,
        done: bool = False,
    ) -> dict[date, list[CalendarEntry]]:
        """Each day from `first` to `last` that has items due, with them in the order a
        cell lists them: open items, and with `done` the done ones too (those under a
        deleted item stay out). `tree`: the tree's links (None: read from the plan)."""
        statuses = (Status.ACTIVE, Status.DONE) if done else (Status.ACTIVE,)
        with self.store.read() as unit:
            entries = unit.calendar_entries(first, last, statuses)
            openness = ag.Openness(tree if tree is not None else unit.tree_structure())
            shown = _shown(unit, openness, entries)
        return by_day(shown)

    def titles(self, item_ids: Sequence[int]) -> dict[int, str]:
        """The titles of the entries a calendar shows, by id."""
        with self.store.read() as unit:
            return unit.titles(item_ids)


def _shown(unit: Unit, openness: ag.Openness, entries: list[CalendarEntry]) -> list[CalendarEntry]:
    """The entries whose item is open (a done one: logged), by the tree's links; an item
    they do not know (made by another program since) by what the plan holds above it."""
    active = [e for e in entries if e.status is Status.ACTIVE]
    done = [e for e in entries if e.status is Status.DONE]
    verdicts = openness.open_many(e.id for e in active)
    verdicts += openness.logged_many(e.id for e in done)
    shown: list[CalendarEntry] = []
    for entry, verdict in zip([*active, *done], verdicts, strict=True):
        if verdict is None:
            record = unit.get(entry.id)
            rule = ag.is_open if entry.status is Status.ACTIVE else ag.is_logged
            verdict = record is not None and rule(record, unit.ancestors(record.id))
        if verdict:
            shown.append(entry)
    return shown
