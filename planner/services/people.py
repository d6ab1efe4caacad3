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
            items: list[AssignedItem] = []
            active = overdue = done = 0
            for record in unit.assigned_items(person_id):
                if record.status is Status.DELETED:
                    continue
                above = list(reversed(unit.ancestors(record.id)))
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
            raise InvalidInput("Nothing to change: give a name, an email or a note.")
        return self.apply(pp.EditPerson(person_id, fields))

    def remove_person(self, person_id: int) -> ch.Outcome:
        """Remove a person; their items become unassigned (all in the outcome's ids)."""
        return self.apply(pp.RemovePerson(person_id))

    def assign(self, item_ids: Sequence[int], person_id: int | None) -> ch.Outcome:
        """Assign items to a person (None: to nobody)."""
        ids = list(dict.fromkeys(item_ids))
        if not ids:
            raise InvalidInput("No item given.")
        return self.apply(pp.Assign(tuple((i, person_id) for i in ids)))

    def apply(self, change: pp.PeopleChange) -> ch.Outcome:
        with self.store.write() as unit:
            return apply_people_change(unit, change)
