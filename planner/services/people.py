"""People and assignees: the friends list, assigning items, and one person's items.

Changes go through the same apply as every other change (one transaction, an exact
inverse for undo)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from planner.domain import changes as ch
from planner.domain import people as pp
from planner.domain.countdown import is_overdue
from planner.domain.errors import InvalidInput
from planner.domain.items import ItemRecord, Status
from planner.i18n import _
from planner.services.goal_changes import apply_people_change
from planner.services.ports import Store


@dataclasses.dataclass(frozen=True, slots=True)
class AssignedItem:
    record: ItemRecord
    path: tuple[str, ...]  # the titles above it, from its group down


@dataclasses.dataclass(frozen=True, slots=True)
class Assigned:
    """One person's items that are not deleted (nor inside a deleted item), in plan order
    of their ids, with their counts."""

    person: pp.Person
    items: tuple[AssignedItem, ...]
    counts: pp.AssignedCounts


class PeopleService:
    """People on one open plan (the same store as its PlanService)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reads ---------------------------------------------------------------------------
    def people(self) -> list[pp.Person]:
        with self.store.read() as unit:
            return unit.people()

    def person(self, person_id: int) -> pp.Person:
        with self.store.read() as unit:
            return unit.require_person(person_id)

    def assigned_count(self, person_id: int) -> int:
        """How many items (any status) are assigned to the person."""
        with self.store.read() as unit:
            unit.require_person(person_id)
            return len(unit.assigned_ids(person_id))

    def counts_by_person(self) -> dict[int, int]:
        """Items (not deleted) assigned to each person who has any."""
        with self.store.read() as unit:
            return unit.assigned_counts()

    def assigned(self, person_id: int, today: date) -> Assigned:
        """The person's items with their paths and counts: active, overdue, done."""
        with self.store.read() as unit:
            person = unit.require_person(person_id)
            records = [r for r in unit.assigned_items(person_id) if r.status is not Status.DELETED]
            # Everything above them, read level by level (one batch per level, not one
            # query per item).
            known: dict[int, ItemRecord] = {}
            wanted = {r.parent_id for r in records if r.parent_id is not None}
            while wanted:
                found = unit.get_many(wanted)
                known.update(found)
                wanted = {
                    r.parent_id
                    for r in found.values()
                    if r.parent_id is not None and r.parent_id not in known
                }
            items: list[AssignedItem] = []
            active = overdue = done = 0
            for record in records:
                above = _above(record, known)
                if any(a.status is Status.DELETED for a in above):
                    continue
                items.append(AssignedItem(record, tuple(a.title for a in above)))
                if record.status is Status.DONE:
                    done += 1
                else:
                    active += 1
                    overdue += is_overdue(record.due, record.status, today)
            return Assigned(person, tuple(items), pp.AssignedCounts(active, overdue, done))

    # -- changes -------------------------------------------------------------------------
    def add_person(self, name: str, email: str = "", note: str = "") -> ch.Outcome:
        """A new person; their id is `outcome.people[0]`."""
        return self.apply(pp.AddPerson(pp.Person(0, name, email, note)))

    def edit_person(self, person_id: int, **fields: object) -> ch.Outcome:
        if not fields:
            raise InvalidInput(_("Nothing to change: give a name, an email or a note."))
        return self.apply(pp.EditPerson(person_id, fields))

    def remove_person(self, person_id: int) -> ch.Outcome:
        """Remove a person; their items become unassigned (all in the outcome's ids)."""
        return self.apply(pp.RemovePerson(person_id))

    def add_and_assign(self, name: str, item_ids: Sequence[int]) -> list[ch.Outcome]:
        """A new person with these items assigned to them, in one transaction: two
        outcomes (the person's id is `[0].people[0]`)."""
        with self.store.write() as unit:
            added = apply_people_change(unit, pp.AddPerson(pp.Person(0, name)))
            values = tuple((i, added.people[0]) for i in dict.fromkeys(item_ids))
            return [added, apply_people_change(unit, pp.Assign(values))]

    def assign(self, item_ids: Sequence[int], person_id: int | None) -> ch.Outcome:
        """Assign items to a person (None: to nobody)."""
        ids = list(dict.fromkeys(item_ids))
        if not ids:
            raise InvalidInput(_("No item given."))
        return self.apply(pp.Assign(tuple((i, person_id) for i in ids)))

    def apply(self, change: pp.PeopleChange) -> ch.Outcome:
        with self.store.write() as unit:
            return apply_people_change(unit, change)


def _above(record: ItemRecord, known: dict[int, ItemRecord]) -> list[ItemRecord]:
    """The records above one, from its group down (a cycle or a gap stops the walk)."""
    path: list[ItemRecord] = []
    seen = {record.id}
    parent = record.parent_id
    while parent is not None and parent in known and parent not in seen:
        seen.add(parent)
        path.append(known[parent])
        parent = known[parent].parent_id
    return path[::-1]
