"""Row reads and writes of people, metrics, check-ins and journal entries: mixed into the
store's Unit, one transaction with the item rows."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from planner.domain.items import ItemRecord, Status
from planner.domain.metrics import CheckIn, JournalEntry, Metric
from planner.domain.people import Person, name_key
from planner.store.plain_reads import chunks, storable
from planner.store.records import to_record
from planner.store.schema import CheckInRow, ItemRow, JournalRow, MetricRow, PersonRow

RowT = TypeVar("RowT")


def row_by_id(session: Session, model: type[RowT], row_id: int) -> RowT | None:
    """The row of `model` with this id, or None (also for an id no row can have)."""
    return session.get(model, row_id) if storable(row_id) else None


def to_person(row: PersonRow) -> Person:
    return Person(row.id, row.name, row.email, row.note)


def to_checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(row.id, row.item_id, row.day, row.value)


def to_entry(row: JournalRow) -> JournalEntry:
    return JournalEntry(row.id, row.item_id, row.day, row.text, row.created)


class ExtrasUnit:
    """People, metrics, check-ins and journal of one unit of work."""

    session: Session

    # -- people --------------------------------------------------------------------------
    def person_named(self, name: str) -> Person | None:
        query = select(PersonRow).where(PersonRow.name_key == name_key(name))
        row = self.session.scalars(query).first()
        return None if row is None else to_person(row)

    def insert_person(self, person: Person) -> int:
        """Insert a person; id 0 gets a new id, any other is kept (a person put back)."""
        row = PersonRow(
            name=person.name, name_key=name_key(person.name), email=person.email, note=person.note
        )
        if person.id:
            row.id = person.id
        self.session.add(row)
        self.session.flush()
        return row.id

    def update_person(self, person_id: int, **values: Any) -> None:
        if "name" in values:
            values["name_key"] = name_key(values["name"])
        if values:
            self.session.execute(
                update(PersonRow).where(PersonRow.id == person_id).values(**values)
            )

    def delete_person(self, person_id: int) -> None:
        self.session.execute(delete(PersonRow).where(PersonRow.id == person_id))

    def assigned_ids(self, person_id: int) -> list[int]:
        """Every item assigned to the person, any status, by id."""
        query = select(ItemRow.id).where(ItemRow.assignee_id == person_id).order_by(ItemRow.id)
        return list(self.session.scalars(query))

    def assigned_items(self, person_id: int) -> list[ItemRecord]:
        query = select(ItemRow).where(ItemRow.assignee_id == person_id).order_by(ItemRow.id)
        return [to_record(r) for r in self.session.scalars(query)]

    def assigned_counts(self) -> dict[int, int]:
        """For each person with any: how many items (not deleted) are assigned to them."""
        query = (
            select(ItemRow.assignee_id, func.count())
            .where(ItemRow.assignee_id.is_not(None), ItemRow.status != Status.DELETED.value)
            .group_by(ItemRow.assignee_id)
        )
        return {int(pid or 0): int(n) for pid, n in self.session.execute(query)}

    def set_assignee(self, item_ids: Sequence[int], person_id: int | None) -> None:
        for chunk in chunks(item_ids):
            self.session.execute(
                update(ItemRow).where(ItemRow.id.in_(chunk)).values(assignee_id=person_id)
            )

    # -- metrics -------------------------------------------------------------------------
    def put_metric(self, metric: Metric) -> None:
        """Insert or replace an item's metric."""
        self.session.execute(delete(MetricRow).where(MetricRow.item_id == metric.item_id))
        self.session.add(
            MetricRow(
                item_id=metric.item_id,
                name=metric.name,
                unit=metric.unit,
                baseline=metric.baseline,
                target=metric.target,
                stretch=metric.stretch,
                direction=metric.direction.value,
                current=metric.current,
            )
        )
        self.session.flush()

    def set_current(self, item_id: int, current: Decimal | None) -> None:
        self.session.execute(
            update(MetricRow).where(MetricRow.item_id == item_id).values(current=current)
        )

    def delete_metric(self, item_id: int) -> None:
        self.session.execute(delete(MetricRow).where(MetricRow.item_id == item_id))

    # -- check-ins -----------------------------------------------------------------------
    def get_checkin(self, checkin_id: int) -> CheckIn | None:
        row = row_by_id(self.session, CheckInRow, checkin_id)
        return None if row is None else to_checkin(row)

    def insert_checkin(self, checkin: CheckIn) -> int:
        row = CheckInRow(item_id=checkin.item_id, day=checkin.day, value=checkin.value)
        if checkin.id:
            row.id = checkin.id
        self.session.add(row)
        self.session.flush()
        return row.id

    def delete_checkins(self, checkin_ids: Sequence[int]) -> None:
        for chunk in chunks(checkin_ids):
            self.session.execute(delete(CheckInRow).where(CheckInRow.id.in_(chunk)))

    # -- journal -------------------------------------------------------------------------
    def get_journal(self, entry_id: int) -> JournalEntry | None:
        row = row_by_id(self.session, JournalRow, entry_id)
        return None if row is None else to_entry(row)

    def insert_journal(self, entry: JournalEntry) -> int:
        row = JournalRow(
            item_id=entry.item_id, day=entry.day, text=entry.text, created=entry.created
        )
        if entry.id:
            row.id = entry.id
        self.session.add(row)
        self.session.flush()
        return row.id

    def delete_journal(self, entry_id: int) -> None:
        self.session.execute(delete(JournalRow).where(JournalRow.id == entry_id))
