"""The ready-made views as queries on the plan (Today, Upcoming, Overdue, No due date, High
priority, Assigned to, Logbook): each view's rows with their paths, countdowns, assignees
and totals, and every view's count for the side bar.

Which items a view holds, in what order and under which headings is the domain's
(domain/agenda.py); this reads them. Each call is one short read. Whether an item is open
(nothing above it done or deleted) is read from the tree's links: the caller's (the window
passes the progress rollup it keeps up to date), or, without them, the plan's, read once
for the call (about 0.1 s on 100,000 items: the command line's way).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from planner.domain import agenda as ag
from planner.domain.costs import Totals
from planner.domain.countdown import countdown_text
from planner.domain.errors import InvalidInput
from planner.domain.items import ItemRecord, Priority, Status
from planner.domain.repeats import Occurrence
from planner.i18n import _
from planner.services.ports import Store, Unit

TotalsOf = Callable[[int], Totals]


def day_start(day: date) -> datetime:
    """The moment the user's day begins (in their time zone)."""
    return datetime.combine(day, time.min).astimezone()


def view_days(view: ag.View, days: int | None) -> int:
    """The days a view covers: Upcoming's days ahead (default 14), the Logbook's days back
    (default 0: all of it); refused where the view has none, or out of 1..366."""
    if days is None:
        return ag.UPCOMING_DAYS if view is ag.View.UPCOMING else 0
    if view not in (ag.View.UPCOMING, ag.View.LOGBOOK):
        raise InvalidInput(_("Only the upcoming and logbook views cover a number of days."))
    if not 1 <= days <= ag.MAX_DAYS:
        raise InvalidInput(
            _("The number of days must be from 1 to {most}.").format(most=ag.MAX_DAYS)
        )
    return days


class AgendaService:
    """The views of one open plan (the same store as its PlanService)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def most_rows(self) -> int:
        """More rows than any view of the plan can count: the ids it has given (cheap to
        read, and no view lists more items than the plan has ids)."""
        with self.store.read() as unit:
            return unit.next_id() - 1

    def view(
        self,
        view: ag.View,
        today: date,
        *,
        days: int | None = None,
        person_id: int | None = None,
        tree: ag.TreeLinks | None = None,
        totals: TotalsOf | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> ag.Agenda:
        """A view's rows under their headings: all, or the page of `limit` rows after
        `offset`. `days`: see view_days; `person_id`: only that person's items (the
        Assigned view needs one); `tree`: the tree's links, kept up to date by the caller
        (None: read from the plan); `totals`: each item's calculation totals, asked for
        when a row's total is read (None: rows show none)."""
        days = view_days(view, days)
        if view is ag.View.ASSIGNED and person_id is None:
            raise InvalidInput(_("Say whose items to show: the assigned view needs a person."))
        if offset < 0 or (limit is not None and limit < 0):
            raise InvalidInput(_("A page of a view cannot start or end before its first row."))
        with self.store.read() as unit:
            if person_id is not None:
                unit.require_person(person_id)
            openness = ag.Openness(tree if tree is not None else unit.tree_structure())
            query = _query(view, today, days, person_id)
            entries = unit.agenda_entries(query)
            verdicts = _checked(unit, openness, [item_id for item_id, _key in entries], view)
            shown = [entry for entry, ok in zip(entries, verdicts, strict=True) if ok]
            turns: list[Occurrence] = []
            if view is ag.View.LOGBOOK:
                turns = unit.done_turns(query.done_since, person_id)
                kept = _checked(unit, openness, [t.item_id for t in turns], None)
                turns = [turn for turn, ok in zip(turns, kept, strict=True) if ok]
            ordered = ag.in_view_order(view, shown, turns)
            page = ordered[offset:] if limit is None else ordered[offset : offset + limit]
            found = unit.get_many(sorted({item_id for item_id, _turn in page}))
            placed = [(found[item_id], turn) for item_id, turn in page if item_id in found]
            paths = _paths(unit, [record for record, _turn in placed], openness)
            names = {person.id: person.name for person in unit.people()}

        def row(record: ItemRecord, turn: Occurrence | None) -> ag.AgendaRow:
            if turn is not None:  # the item as it was done then; it has come back since
                record = dataclasses.replace(
                    record, status=Status.DONE, due=turn.due, done_at=turn.done_at
                )
            done_on = record.done_at.astimezone().date() if record.done_at else None
            return ag.AgendaRow(
                record,
                paths[record.id],
                countdown_text(record.due, record.status, done_on, today),
                names.get(record.assignee_id or 0, ""),
                totals if turn is None else None,  # what it adds up to now: not the turn's
                turn=0 if turn is None else turn.id,
            )

        rows = [row(record, turn) for record, turn in placed]
        sections = ag.sections(view, rows, today, days)
        return ag.Agenda(view, sections, total=len(ordered), offset=offset)

    def counts(
        self, today: date, *, days: int | None = None, tree: ag.TreeLinks | None = None
    ) -> ag.AgendaCounts:
        """Every view's count (the Logbook's: done today), from the indexes alone and the
        tree's links (`tree`: as for `view`)."""
        days = view_days(ag.View.UPCOMING, days)
        bounds = (day_start(today), day_start(today + timedelta(days=1)))
        with self.store.read() as unit:
            openness = ag.Openness(tree if tree is not None else unit.tree_structure())
            keys = unit.agenda_keys(ag.upcoming_last(today, days), bounds)

            def open_ids(item_ids: list[int], view: ag.View | None = ag.View.TODAY) -> list[bool]:
                return _checked(unit, openness, item_ids, view)

            due_open = open_ids([item_id for item_id, _due in keys.due])
            dues = [due for (_id, due), ok in zip(keys.due, due_open, strict=True) if ok]
            person_open = open_ids([item_id for item_id, _person in keys.assigned])
            people = Counter(
                person for (_id, person), ok in zip(keys.assigned, person_open, strict=True) if ok
            )
            no_date, high = sum(open_ids(keys.undated)), sum(open_ids(keys.high))
            done_today = sum(open_ids(keys.done_today, ag.View.LOGBOOK))
            done_today += sum(open_ids(keys.turns_today, None))
        day = today.isoformat()  # stored due dates compare as ISO text
        overdue = sum(due < day for due in dues)
        due_today = sum(due == day for due in dues)
        return ag.AgendaCounts(
            today=overdue + due_today,
            upcoming=len(dues) - overdue - due_today,
            overdue=overdue,
            no_date=no_date,
            high=high,
            done_today=done_today,
            assigned=dict(people),
        )


def _query(view: ag.View, today: date, days: int, person_id: int | None) -> ag.ItemQuery:
    """What to read from the plan for a view (then: which of those are open)."""
    if view is ag.View.LOGBOOK:
        since = day_start(today - timedelta(days=days - 1)) if days else None
        return ag.ItemQuery(Status.DONE, person_id=person_id, done_since=since)
    if view is ag.View.TODAY:
        return ag.ItemQuery(due_until=today, person_id=person_id)
    if view is ag.View.OVERDUE:
        return ag.ItemQuery(due_until=today - timedelta(days=1), person_id=person_id)
    if view is ag.View.UPCOMING:
        last = ag.upcoming_last(today, days)
        return ag.ItemQuery(due_after=today, due_until=last, person_id=person_id)
    if view is ag.View.NO_DATE:
        return ag.ItemQuery(undated=True, person_id=person_id)
    if view is ag.View.HIGH:
        return ag.ItemQuery(priority=Priority.HIGH, person_id=person_id)
    return ag.ItemQuery(person_id=person_id)


def _checked(
    unit: Unit, openness: ag.Openness, item_ids: Sequence[int], view: ag.View | None
) -> list[bool]:
    """Whether each item is open (for the Logbook: logged; for a past turn, `view` None:
    kept), by the tree's links; an item they do not know (made by another program since
    they were read) by what the plan holds above it."""
    if view is None:
        many, by_records = openness.kept_many, ag.is_kept
    elif view is ag.View.LOGBOOK:
        many, by_records = openness.logged_many, ag.is_logged
    else:
        many, by_records = openness.open_many, ag.is_open
    verdicts = many(item_ids)
    for k, verdict in enumerate(verdicts):
        if verdict is None:
            record = unit.get(item_ids[k])
            verdicts[k] = record is not None and by_records(record, unit.ancestors(record.id))
    return [bool(v) for v in verdicts]


def _paths(
    unit: Unit, records: list[ItemRecord], openness: ag.Openness
) -> dict[int, tuple[str, ...]]:
    """Each record's path: the titles above it, from its group down (of an item the
    tree's links do not know, read from the plan)."""
    known = [r.id for r in records if openness.known(r.id)]
    paths = openness.paths(known, unit.titles)
    for record in records:
        if record.id not in paths:
            paths[record.id] = tuple(a.title for a in reversed(unit.ancestors(record.id)))
    return paths
