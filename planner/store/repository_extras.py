"""Row reads and writes of people, metrics, check-ins and journal entries: mixed into the
store's Unit, one transaction with the item rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from planner.domain.errors import NotFound
from planner.domain.items import ItemRecord, Status
from planner.domain.metrics import CheckIn, Direction, JournalEntry, Metric
from planner.domain.people import Person, name_key
from planner.store.schema import CheckInRow, ItemRow, JournalRow, MetricRow, PersonRow

RowT = TypeVar("RowT")


def storable(row_id: int) -> bool:
    """Whether an id fits SQLite's 64-bit integers. No row has one that does not: a bigger
    number (typed on a command line, read from a file) is simply not found."""
    return -(2**63) <= row_id < 2**63


def row_by_id(session: Session, model: type[RowT], row_id: int) -> RowT | None:
    """The row of `model` with this id, or None (also for an id no row can have)."""
    return session.get(model, row_id) if storable(row_id) else None


def to_person(row: PersonRow) -> Person:
    return Person(row.id, row.name, row.email, row.note)


def to_metric(row: MetricRow) -> Metric:
    return Metric(
        item_id=row.item_id,
        name=row.name,
        unit=row.unit,
        baseline=row.baseline,
        target=row.target,
        direction=Direction(row.direction),
        stretch=row.stretch,
        current=row.current,
    )


def to_checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(row.id, row.item_id, row.day, row.value)


def to_entry(row: JournalRow) -> JournalEntry:
    return JournalEntry(row.id, row.item_id, row.day, row.text, row.created)


def _chunks(ids: Iterable[int], size: int = 500) -> Iterable[list[int]]:
    listed = list(ids)
    for start in range(0, len(listed), size):
        yield listed[start : start + size]


class ExtrasUnit:
    """People, metrics, check-ins and journal of one unit of work."""

    session: Session

    # -- people --------------------------------------------------------------------------
    def person(self, person_id: int) -> Person | None:
        row = row_by_id(self.session, PersonRow, person_id)
        return None if row is None else to_person(row)

    def require_person(self, person_id: int) -> Person:
        person = self.person(person_id)
        if person is None:
            raise NotFound(f"There is no person with id {person_id}.")
        return person

    def people(self) -> list[Person]:
        """Everyone, by name (without regard to case)."""
        query = select(PersonRow).order_by(PersonRow.name_key, PersonRow.id)
        return [to_person(r) for r in self.session.scalars(query)]

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
        from planner.store.repository import to_record

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
        for chunk in _chunks(item_ids):
            self.session.execute(
                update(ItemRow).where(ItemRow.id.in_(chunk)).values(assignee_id=person_id)
            )

    # -- metrics -------------------------------------------------------------------------
    def metric(self, item_id: int) -> Metric | None:
        row = row_by_id(self.session, MetricRow, item_id)
        return None if row is None else to_metric(row)

    def metrics(self, item_ids: Iterable[int] | None = None) -> list[Metric]:
        """The metrics of some items (None: of the whole plan)."""
        if item_ids is None:
            rows = self.session.scalars(select(MetricRow).order_by(MetricRow.item_id))
            return [to_metric(r) for r in rows]
        found: list[Metric] = []
        for chunk in _chunks(item_ids):
            query = select(MetricRow).where(MetricRow.item_id.in_(chunk))
            found.extend(to_metric(r) for r in self.session.scalars(query))
        return found

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
    def checkins(self, item_ids: Iterable[int] | None) -> list[CheckIn]:
        """Check-ins of some items (None: of the whole plan), oldest first (by day, then as
        added)."""
        if item_ids is None:
            query = select(CheckInRow).order_by(CheckInRow.item_id, CheckInRow.day, CheckInRow.id)
            return [to_checkin(r) for r in self.session.scalars(query)]
        found: list[CheckIn] = []
        for chunk in _chunks(item_ids):
            query = (
                select(CheckInRow)
                .where(CheckInRow.item_id.in_(chunk))
                .order_by(CheckInRow.item_id, CheckInRow.day, CheckInRow.id)
            )
            found.extend(to_checkin(r) for r in self.session.scalars(query))
        return found

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
        for chunk in _chunks(checkin_ids):
            self.session.execute(delete(CheckInRow).where(CheckInRow.id.in_(chunk)))

    # -- journal -------------------------------------------------------------------------
    def journal(self, item_ids: Iterable[int] | None) -> list[JournalEntry]:
        """Journal entries of some items (None: of the whole plan), newest first (by day,
        then the last added)."""
        if item_ids is None:
            query = select(JournalRow).order_by(
                JournalRow.item_id, JournalRow.day.desc(), JournalRow.id.desc()
            )
            return [to_entry(r) for r in self.session.scalars(query)]
        found: list[JournalEntry] = []
        for chunk in _chunks(item_ids):
            query = (
                select(JournalRow)
                .where(JournalRow.item_id.in_(chunk))
                .order_by(JournalRow.item_id, JournalRow.day.desc(), JournalRow.id.desc())
            )
            found.extend(to_entry(r) for r in self.session.scalars(query))
        return found

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
