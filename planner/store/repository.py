"""Queries and row writes on an open plan, one unit of work (one transaction) at a time."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Engine, delete, func, insert, select, text, tuple_, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from planner.domain.costs import CostLine, LineKind
from planner.domain.errors import DamagedPlan, StorageError
from planner.domain.invariants import CheckRow
from planner.domain.items import ItemRecord, Kind, Priority, Status
from planner.store.damage import VALUE_ERRORS, damaged_plan, find_damage
from planner.store.failures import describe_failure, read_only_message
from planner.store.image_rows import ImageRows
from planner.store.plain_reads import SUBTREE, chunks, marks, required
from planner.store.plan_check import ChangeWatch
from planner.store.records import to_line, to_record
from planner.store.repository_extras import ExtrasUnit, row_by_id
from planner.store.schedule_rows import ScheduleRows
from planner.store.schema import CostLineRow, ItemRow, SettingRow, ShareRow

_PROGRESS = text(
    """
    WITH RECURSIVE sub(id, done, depth) AS (
        SELECT id, status = 'done', 0 FROM items WHERE parent_id = :root AND status != 'deleted'
        UNION ALL
        SELECT items.id, sub.done OR items.status = 'done', sub.depth + 1
        FROM items JOIN sub ON items.parent_id = sub.id
        WHERE items.status != 'deleted' AND sub.depth < 1000000
    )
    SELECT count(*), sum(done) FROM sub
    """
)


def _same_parent(parent_id: int | None) -> Any:
    return ItemRow.parent_id.is_(None) if parent_id is None else ItemRow.parent_id == parent_id


class Unit(ImageRows, ExtrasUnit, ScheduleRows):
    """One transaction on the plan: reads and writes of item rows and settings (the reads
    a window shows a plan with: see PlainReads; images: ImageRows; people, metrics,
    check-ins and journal: ExtrasUnit; repeating, habits and reminders: ScheduleRows)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _forget_items(self) -> None:
        self.session.expire_all()

    def cursor(self) -> sqlite3.Cursor:
        """A cursor of the DB-API connection, in this unit's transaction, after the
        session has written what it holds."""
        self.session.flush()
        return cast(sqlite3.Cursor, self.session.connection().connection.cursor())

    # -- reads -------------------------------------------------------------------------
    def neighbour(
        self, item: ItemRecord, after: bool, exclude: int | None = None
    ) -> ItemRecord | None:
        """The sibling right after (or before) `item` in sibling order, any status."""
        key = tuple_(ItemRow.position, ItemRow.id)
        mark = tuple_(item.position, item.id)
        query = select(ItemRow).where(_same_parent(item.parent_id))
        if after:
            query = query.where(key > mark).order_by(ItemRow.position, ItemRow.id)
        else:
            query = query.where(key < mark).order_by(ItemRow.position.desc(), ItemRow.id.desc())
        if exclude is not None:
            query = query.where(ItemRow.id != exclude)
        row = self.session.scalars(query.limit(1)).first()
        return None if row is None else to_record(row)

    def first_child(self, parent_id: int | None, exclude: int | None = None) -> ItemRecord | None:
        query = select(ItemRow).where(_same_parent(parent_id))
        if exclude is not None:
            query = query.where(ItemRow.id != exclude)
        row = self.session.scalars(query.order_by(ItemRow.position, ItemRow.id).limit(1)).first()
        return None if row is None else to_record(row)

    def rank(self, item: ItemRecord) -> int:
        """How many siblings of the same status come before the item."""
        query = (
            select(func.count())
            .select_from(ItemRow)
            .where(_same_parent(item.parent_id), ItemRow.status == item.status.value)
            .where(tuple_(ItemRow.position, ItemRow.id) < tuple_(item.position, item.id))
        )
        return self.session.scalar(query) or 0

    def progress(self, item_id: int) -> tuple[int, int]:
        """(done, total) over the non-deleted items below one item; a task counts as done
        when it or an item between it and `item_id` is done."""
        row = self.session.execute(_PROGRESS, {"root": item_id}).one()
        return int(row[1] or 0), int(row[0] or 0)

    # -- writes ------------------------------------------------------------------------
    def insert(self, record: ItemRecord | None = None, **values: Any) -> int:
        """Insert one row; a record keeps its id, bare values get a new one."""
        if record is not None:
            values = {
                "id": record.id,
                "kind": record.kind.value,
                "parent_id": record.parent_id,
                "position": record.position,
                "title": record.title,
                "notes": record.notes,
                "created": record.created,
                "due": record.due,
                "priority": int(record.priority),
                "status": record.status.value,
                "done_at": record.done_at,
                "deleted_at": record.deleted_at,
                "calc_on": record.calc_on,
                "assignee_id": record.assignee_id,
                "why": record.why,
                "examples": record.examples,
            } | values
        row = ItemRow(**values)
        self.session.add(row)
        self.session.flush()
        return row.id

    def insert_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert many rows with their ids, in order, in one batched statement."""
        for start in range(0, len(rows), 5000):
            self.session.execute(insert(ItemRow), list(rows[start : start + 5000]))

    def update(self, item_id: int, **values: Any) -> None:
        if not values:  # "UPDATE items SET WHERE ..." is not SQL
            return
        for key, value in list(values.items()):
            if isinstance(value, Status | Kind):
                values[key] = value.value
            elif isinstance(value, Priority):
                values[key] = int(value)
        self.session.execute(update(ItemRow).where(ItemRow.id == item_id).values(**values))

    def delete(self, item_ids: Iterable[int]) -> None:
        """Delete rows with everything below them (and their cost lines), one level at a
        time from the deepest: each row is a leaf when it goes, so the foreign key's
        cascade has nothing below it to walk. (Deleted from the top, SQLite's cascade
        recurses once per level: slow, and refused past 1,000 levels.)"""
        self.session.flush()
        sql = f"{SUBTREE} SELECT depth, id FROM sub ORDER BY depth DESC"
        cursor = self.cursor()
        for item_id in item_ids:
            for _depth, level in itertools.groupby(self._rows(sql, (item_id,)), itemgetter(0)):
                for chunk in chunks(row[1] for row in level):
                    cursor.execute(f"DELETE FROM items WHERE id IN ({marks(chunk)})", chunk)
        self.session.expire_all()

    def renumber(self, parent_id: int | None, step: int) -> None:
        """Spread the children of a parent evenly again, keeping their order."""
        parent_test = "parent_id IS NULL" if parent_id is None else "parent_id = :parent"
        self.session.execute(
            text(
                f"""
                UPDATE items SET position = numbered.rn * :step
                FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS rn
                      FROM items WHERE {parent_test}) AS numbered
                WHERE items.id = numbered.id
                """
            ),
            {"parent": parent_id, "step": step},
        )
        self.session.expire_all()

    # -- cost lines --------------------------------------------------------------------
    def get_line(self, line_id: int) -> CostLine | None:
        row = row_by_id(self.session, CostLineRow, line_id)
        return None if row is None else to_line(row)

    def require_line(self, line_id: int) -> CostLine:
        return required(self.get_line(line_id), "cost_line", line_id)

    def all_lines(self) -> list[CostLine]:
        query = select(CostLineRow).order_by(
            CostLineRow.item_id, CostLineRow.position, CostLineRow.id
        )
        return [to_line(r) for r in self.session.scalars(query)]

    def insert_line(self, line: CostLine) -> int:
        """Insert a line; id 0 gets a new id, any other is kept (a line put back)."""
        row = CostLineRow(
            item_id=line.item_id,
            position=line.position,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            kind=line.kind.value,
        )
        if line.id:
            row.id = line.id
        self.session.add(row)
        self.session.flush()
        return row.id

    def insert_line_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert many new lines (item_id, position, description, quantity, unit,
        unit_price, kind) in batched statements."""
        for start in range(0, len(rows), 5000):
            self.session.execute(insert(CostLineRow), list(rows[start : start + 5000]))

    def update_line(self, line_id: int, **values: Any) -> None:
        if not values:
            return
        if isinstance(values.get("kind"), LineKind):
            values["kind"] = values["kind"].value
        self.session.execute(update(CostLineRow).where(CostLineRow.id == line_id).values(**values))

    def delete_line(self, line_id: int) -> None:
        self.session.execute(delete(CostLineRow).where(CostLineRow.id == line_id))

    def set_setting(self, key: str, value: str) -> None:
        self.session.merge(SettingRow(key=key, value=value))

    def delete_setting(self, key: str) -> None:
        self.session.execute(delete(SettingRow).where(SettingRow.key == key))

    def check_rows(self) -> Iterator[CheckRow]:
        """What the plan's rules are checked on, for every row, streamed from the driver's
        own cursor (no ORM objects: a hundred thousand rows in a fraction of a second)."""
        cursor = self.session.connection().connection.cursor()
        sql = """
            SELECT id, kind = 'group', parent_id, status, title,
                   done_at IS NOT NULL, deleted_at IS NOT NULL
            FROM items
        """
        statuses = {s.value: s for s in Status}
        for item_id, is_group, parent_id, status, title, done, deleted in cursor.execute(sql):
            yield CheckRow(
                item_id,
                bool(is_group),
                parent_id,
                statuses.get(status),  # None: not a status (damaged_values names it)
                title,
                bool(done),
                bool(deleted),
            )

    def damaged_values(self) -> list[str]:
        """Each value of the plan's rows that does not read, in plain words (see damage)."""
        con = self.session.connection().connection.driver_connection
        assert isinstance(con, sqlite3.Connection)
        return [finding.text() for finding in find_damage(con.cursor)]

    def integrity_problems(self) -> list[str]:
        rows = self.session.execute(text("PRAGMA integrity_check")).all()
        return [] if [r[0] for r in rows] == ["ok"] else [str(r[0]) for r in rows]

    def foreign_key_problems(self) -> int:
        return len(self.session.execute(text("PRAGMA foreign_key_check")).all())

    # -- shares ------------------------------------------------------------------------
    def insert_share(self, **values: Any) -> int:
        row = ShareRow(**values)
        self.session.add(row)
        self.session.flush()
        return row.id

    def update_share(self, share_id: int, **values: Any) -> None:
        self.session.execute(update(ShareRow).where(ShareRow.id == share_id).values(**values))

    def delete_share(self, share_id: int) -> None:
        self.session.execute(delete(ShareRow).where(ShareRow.id == share_id))


class PlanStore:
    """The open plan file: hands out units of work, each one transaction."""

    def __init__(
        self, engine: Engine, read_only: bool = False, watch: ChangeWatch | None = None
    ) -> None:
        self.engine = engine
        self.read_only = read_only
        self.watch = watch  # told of each own commit, to tell other programs' writes apart
        self.created = False  # this opening made the plan

    @contextmanager
    def write(self) -> Iterator[Unit]:
        """A write unit: takes the write lock first (BEGIN IMMEDIATE) and commits at the
        end, or rolls everything back if anything in it raises."""
        if self.read_only:
            raise StorageError(read_only_message())
        try:
            with (
                self.engine.connect().execution_options(begin="BEGIN IMMEDIATE") as conn,
                Session(bind=conn, expire_on_commit=False) as session,
                session.begin(),
            ):
                yield Unit(session)
        except DBAPIError as e:
            raise StorageError(describe_failure(e.orig, writing=True)) from e
        except sqlite3.Error as e:  # from a plain read (PlainReads)
            raise StorageError(describe_failure(e, writing=True)) from e
        except VALUE_ERRORS as e:  # a stored value that does not read (rolled back)
            damage = self._damage(e)
            if damage is None:
                raise
            raise damage from e
        if self.watch is not None:
            self.watch.wrote()

    def side_read(self) -> AbstractContextManager[Unit]:
        """Reads on any thread (see quick_store): here, any read unit."""
        return self.read()

    def plain_write(self) -> AbstractContextManager[Unit]:
        """A write of plain SQL only (see quick_store): here, any write unit."""
        return self.write()

    def changed_elsewhere(self) -> bool:
        """Whether another program changed the plan since this one last wrote or asked."""
        return self.watch is not None and self.watch.changed_elsewhere()

    @contextmanager
    def read(self) -> Iterator[Unit]:
        try:
            with self.engine.connect() as conn, Session(bind=conn) as session, session.begin():
                yield Unit(session)
        except DBAPIError as e:
            raise StorageError(describe_failure(e.orig, writing=False)) from e
        except sqlite3.Error as e:  # from a plain read (PlainReads)
            raise StorageError(describe_failure(e, writing=False)) from e
        except VALUE_ERRORS as e:  # a stored value that does not read
            damage = self._damage(e)
            if damage is None:
                raise
            raise damage from e

    def _damage(self, error: Exception) -> DamagedPlan | None:
        """What a read that failed with `error` met (see damage), on a connection of its own."""
        with self.engine.connect() as conn:
            con = conn.connection.driver_connection
            assert isinstance(con, sqlite3.Connection)
            return damaged_plan(error, con)

    def warm_up(self) -> None:
        """Nothing to load: this is the full store (see quick_store)."""

    def close(self) -> None:
        self.engine.dispose()
