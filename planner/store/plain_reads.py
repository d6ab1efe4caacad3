"""The reads a window needs to show a plan, in plain SQL on the DB-API connection.

One implementation serves twice: mixed into the store's Unit (on the connection of its
SQLAlchemy session, in the same transaction), and on a bare `sqlite3` connection while a
plan is being opened (see `quick_store`), so that the first screen is shown before
SQLAlchemy is loaded. Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

import operator
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar

from planner.domain.costs import CostLine, LineKind
from planner.domain.errors import NotFound
from planner.domain.images import ImageInfo
from planner.domain.items import ItemRecord, Kind, Priority, Status
from planner.domain.metrics import CheckIn, Direction, JournalEntry, Metric
from planner.domain.money import PRICE_PLACES, QUANTITY_PLACES
from planner.domain.people import Person
from planner.domain.shares import ShareRecord
from planner.domain.structure import STATUS_CODE, Structure
from planner.i18n import _
from planner.store.agenda_rows import AgendaRows
from planner.store.filter_rows import FilterRows
from planner.store.search_index import SearchRows
from planner.store.stored_values import (
    amount,
    aware,
    digits,
    int64s,
    number,
    optional_day,
    optional_decimal,
    optional_moment,
)

ITEM_COLUMNS = (
    "id, kind, parent_id, position, title, notes, created, due, priority, status, done_at,"
    " deleted_at, calc_on, assignee_id, why, examples"
)
_ITEMS = f"SELECT {ITEM_COLUMNS} FROM items"
_METRICS = "SELECT item_id, name, unit, baseline, target, direction, stretch, current FROM metrics"
_LINES = "SELECT id, item_id, position, description, quantity, unit, unit_price, kind"
_IMAGES = "SELECT id, item_id, position, filename, format, width, height, size FROM images"
_SHARES = "SELECT id, item_id, format, file, made, updated, live, fingerprint, page FROM shares"
SUBTREE = """
    WITH RECURSIVE sub(id, depth) AS (
        SELECT ?, 0
        UNION ALL
        SELECT items.id, sub.depth + 1 FROM items JOIN sub ON items.parent_id = sub.id
        WHERE sub.depth < 1000000
    )
"""  # the ids of one subtree (its root's the parameter), with their depth below it
_STATUSES = {s.value: s for s in Status}
# A row's list under its parent, as a number: 0 its active children, 1 Done, 2 Deleted.
LIST_OF_STATUS = "CASE {0}status WHEN 'active' THEN 0 WHEN 'done' THEN 1 ELSE 2 END"
_KINDS = {k.value: k for k in Kind}
T = TypeVar("T")
CHUNK = 500  # ids per "IN (...)": well under SQLite's limit of bound values


def storable(row_id: int) -> bool:
    """Whether an id fits SQLite's 64-bit integers. No row has one that does not: a bigger
    number (typed on a command line, read from a file) is simply not found."""
    return -(2**63) <= row_id < 2**63


def required(found: T | None, what: str, row_id: int) -> T:
    """`found`, or NotFound saying which row is missing (`what`: "item", "person",
    "image" or "cost_line")."""
    if found is None:
        raise NotFound(_not_found(what).format(id=row_id))
    return found


def _not_found(what: str) -> str:
    if what == "person":
        return _("There is no person with id {id}.")
    if what == "image":
        return _("There is no image with id {id}.")
    if what == "cost_line":
        return _("There is no cost line with id {id}.")
    return _("There is no item with id {id}.")


def chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    listed = list(ids)
    for start in range(0, len(listed), size):
        yield listed[start : start + size]


def marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def item_record(row: Sequence[Any]) -> ItemRecord:
    """A record from a row of ITEM_COLUMNS."""
    return ItemRecord(
        id=row[0],
        kind=_KINDS[row[1]],
        parent_id=row[2],
        position=operator.index(row[3]),
        title=row[4],
        notes=row[5],
        created=aware(row[6]),
        due=optional_day(row[7]),
        priority=Priority(row[8]),
        status=_STATUSES[row[9]],
        done_at=optional_moment(row[10]),
        deleted_at=optional_moment(row[11]),
        calc_on=bool(row[12]),
        assignee_id=row[13],
        why=row[14] or "",
        examples=row[15] or "",
    )


def _metric(row: Sequence[Any]) -> Metric:
    return Metric(
        item_id=row[0],
        name=row[1],
        unit=row[2],
        baseline=number(row[3]),
        target=number(row[4]),
        direction=Direction(row[5]),
        stretch=optional_decimal(row[6]),
        current=optional_decimal(row[7]),
    )


def _line(row: Sequence[Any]) -> CostLine:
    return CostLine(
        id=row[0],
        item_id=row[1],
        position=row[2],
        description=row[3],
        quantity=amount(row[4], QUANTITY_PLACES),
        unit=row[5],
        unit_price=amount(row[6], PRICE_PLACES),
        kind=LineKind(row[7]),
    )


def _image(row: Sequence[Any]) -> ImageInfo:
    """An image's row; its numbers are numbers (a plan is data from outside: see damage)."""
    image_id, item_id, position, filename, kind, width, height, size = row
    for value in (position, width, height, size):
        operator.index(value)
    return ImageInfo(image_id, item_id, position, filename, kind, width, height, size)


def _share(row: Sequence[Any]) -> ShareRecord:
    return ShareRecord(
        id=row[0],
        item_id=row[1],
        format=row[2],
        file=row[3],
        made=aware(row[4]),
        updated=aware(row[5]),
        live=bool(row[6]),
        fingerprint=row[7],
        page=row[8],
    )


def _one_list(parent_id: int | None, status: Status) -> tuple[str, tuple[Any, ...]]:
    """The condition (and its parameters) of one list of rows: a parent's children of
    one status (parent None: the groups)."""
    if parent_id is None:
        return "parent_id IS NULL", (status.value,)
    return "parent_id = ?", (parent_id, status.value)


class PlainReads(SearchRows, FilterRows, AgendaRows):
    """Reads of items, settings, people, metrics, check-ins, journal, cost lines and
    images, and the search index's reads and writes (SearchRows). `cursor()` gives a
    cursor in the unit's transaction."""

    def cursor(self) -> sqlite3.Cursor:
        raise NotImplementedError

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.cursor().execute(sql, params).fetchall()

    def _items(self, sql: str, params: Sequence[Any] = ()) -> list[ItemRecord]:
        return [item_record(row) for row in self._rows(sql, params)]

    def _by_id(self, sql: str, row_id: int) -> Any | None:
        """The row `sql` (its one parameter: the id) finds, or None (also for an id no row
        can have)."""
        found = self._rows(sql, (row_id,)) if storable(row_id) else []
        return found[0] if found else None

    # -- items -------------------------------------------------------------------------
    def get(self, item_id: int) -> ItemRecord | None:
        row = self._by_id(f"{_ITEMS} WHERE id = ?", item_id)
        return None if row is None else item_record(row)

    def require(self, item_id: int) -> ItemRecord:
        return required(self.get(item_id), "item", item_id)

    def get_many(self, item_ids: Iterable[int]) -> dict[int, ItemRecord]:
        found: dict[int, ItemRecord] = {}
        for chunk in chunks(i for i in item_ids if storable(i)):
            for record in self._items(f"{_ITEMS} WHERE id IN ({marks(chunk)})", chunk):
                found[record.id] = record
        return found

    def all_items(self) -> list[ItemRecord]:
        return self._items(f"{_ITEMS} ORDER BY parent_id, position, id")

    def count_items(self) -> int:
        return int(self._rows("SELECT count(*) FROM items")[0][0])

    def ancestors(self, item_id: int) -> list[ItemRecord]:
        """Parent first, then its parent, up to the group."""
        sql = f"""
            WITH RECURSIVE up(id, depth) AS (
                SELECT parent_id, 1 FROM items WHERE id = ?
                UNION ALL
                SELECT items.parent_id, up.depth + 1 FROM items JOIN up ON items.id = up.id
                WHERE items.parent_id IS NOT NULL AND up.depth < 1000000
            )
            SELECT {ITEM_COLUMNS} FROM items JOIN up USING (id) ORDER BY up.depth
        """
        return self._items(sql, (item_id,))

    def paths(self, item_ids: Sequence[int]) -> dict[int, list[str]]:
        """For each of these items, the titles above it, from its group down, in one read."""
        found: dict[int, list[str]] = {i: [] for i in item_ids if storable(i)}
        for chunk in chunks(found):
            sql = f"""
                WITH RECURSIVE up(hit, id, depth) AS (
                    SELECT id, parent_id, 1 FROM items WHERE id IN ({marks(chunk)})
                    UNION ALL
                    SELECT up.hit, items.parent_id, up.depth + 1 FROM items JOIN up
                    ON items.id = up.id
                    WHERE items.parent_id IS NOT NULL AND up.depth < 1000000
                )
                SELECT up.hit, items.title FROM up JOIN items ON items.id = up.id
                ORDER BY up.hit, up.depth DESC
            """
            for hit, title in self._rows(sql, chunk):
                found[hit].append(title)
        return found

    def subtree(self, item_id: int) -> list[ItemRecord]:
        """The item and everything below it, every parent before its children."""
        sql = f"{SUBTREE} SELECT {ITEM_COLUMNS} FROM items JOIN sub USING (id)"
        return self._items(f"{sql} ORDER BY depth, position", (item_id,))

    def children(
        self,
        parent_id: int | None,
        statuses: Sequence[Status] | None = None,
        after: tuple[int, int] | None = None,
        limit: int | None = None,
        offset: int = 0,
        descending: bool = False,
    ) -> list[ItemRecord]:
        """Children in sibling order (or from the last), optionally of some statuses only,
        from a keyset `after` = (position, id) on, at most `limit` of them."""
        sql = [_ITEMS, "WHERE parent_id IS NULL" if parent_id is None else "WHERE parent_id = ?"]
        params: list[Any] = [] if parent_id is None else [parent_id]
        if statuses is not None:
            sql.append(f"AND status IN ({marks(statuses)})")
            params.extend(s.value for s in statuses)
        if after is not None:
            sql.append("AND (position, id) > (?, ?)")
            params.extend(after)
        order = " DESC" if descending else ""
        sql.append(f"ORDER BY position{order}, id{order} LIMIT ? OFFSET ?")
        params.extend((-1 if limit is None else limit, offset))
        return self._items(" ".join(sql), params)

    def child_ids(self, parent_id: int) -> list[int]:
        """An item's children's ids in sibling order, any status (no records built)."""
        sql = "SELECT id FROM items WHERE parent_id = ? ORDER BY position, id"
        return [row[0] for row in self._rows(sql, (parent_id,))]

    def count_children(
        self, parent_ids: Iterable[int | None]
    ) -> dict[int | None, dict[Status, int]]:
        """For each parent: how many children it has in each status."""
        ids = list(parent_ids)
        counts: dict[int | None, dict[Status, int]] = {p: dict.fromkeys(Status, 0) for p in ids}
        grouped = "GROUP BY parent_id, status"
        found = []
        if None in counts:
            found += self._rows(
                f"SELECT NULL, status, count(*) FROM items WHERE parent_id IS NULL {grouped}"
            )
        for chunk in chunks(p for p in ids if p is not None):
            found += self._rows(
                f"SELECT parent_id, status, count(*) FROM items"
                f" WHERE parent_id IN ({marks(chunk)}) {grouped}",
                chunk,
            )
        for parent, status, n in found:
            counts[parent][_STATUSES[status]] = n
        return counts

    def sibling_ids(self, parent_id: int | None, status: Status) -> list[int]:
        """One parent's children of one status (parent None: the groups), their ids in
        sibling order: a row's rank is its place here."""
        where, params = _one_list(parent_id, status)
        sql = f"SELECT id FROM items WHERE {where} AND status = ? ORDER BY position, id"
        return [row[0] for row in self._rows(sql, params)]

    def child_list(
        self, parent_id: int | None, status: Status
    ) -> tuple[list[int], list[tuple[int, int, int]]]:
        """One parent's children of one status (parent None: the groups), their ids in
        sibling order; and for those that have children of their own, (id, list, how
        many) for each list (LIST_OF_STATUS) under them. Two reads of the
        (parent, status, position) index."""
        ids = self.sibling_ids(parent_id, status)
        where, params = _one_list(parent_id, status)
        counted = f"""
            SELECT g.parent_id, {LIST_OF_STATUS.format("g.")}, count(*)
            FROM items c JOIN items g ON g.parent_id = c.id
            WHERE c.{where} AND c.status = ? GROUP BY g.parent_id, g.status
        """
        return ids, self._rows(counted, params) if ids else []

    def tree_shape(self, root: int | None = None) -> list[tuple[int, int, int]]:
        """(id, parent id or 0, list) of every item below `root` (None: of the whole plan),
        by parent, then list (LIST_OF_STATUS), then sibling order: every list of rows in
        one read of the (parent, status, position) index."""
        list_of = LIST_OF_STATUS.format("items.")  # not-ui: SQL
        columns = f"items.id, coalesce(items.parent_id, 0), {list_of}"  # not-ui: SQL
        order = "ORDER BY items.parent_id, items.status, items.position, items.id"
        if root is None:
            return self._rows(f"SELECT {columns} FROM items {order}")
        below = f"{SUBTREE} SELECT {columns} FROM items JOIN sub USING (id) WHERE sub.depth > 0"
        return self._rows(f"{below} {order}", (root,))

    def lists_of(self, parent_ids: Iterable[int]) -> list[tuple[int, int, int]]:
        """(id, parent id, list) of every child of these items, by parent, then list
        (LIST_OF_STATUS), then sibling order: many lists of rows in one read of the
        (parent, status, position) index (a filter's 3,000 paths: 17 ms, not 3,000 reads)."""
        list_of = LIST_OF_STATUS.format("")  # not-ui: SQL
        order = "ORDER BY parent_id, status, position, id"
        found: list[tuple[int, int, int]] = []
        for chunk in chunks(p for p in parent_ids if storable(p)):
            sql = f"SELECT id, parent_id, {list_of} FROM items WHERE parent_id IN ({marks(chunk)})"
            found += self._rows(f"{sql} {order}", chunk)
        return found

    def latest_due_child(self, parent_id: int) -> ItemRecord | None:
        """The active child due last, if any child has a due date. Through the parent's
        index: left to itself SQLite walked the (status, due) index from the latest date
        to spare a sort, past up to every item (40 ms a row painted on 100,000 items)."""
        sql = (
            f"SELECT {ITEM_COLUMNS} FROM items INDEXED BY ix_items_parent_status_position"
            " WHERE parent_id = ? AND status = ? AND due IS NOT NULL"
        )
        found = self._items(f"{sql} ORDER BY due DESC LIMIT 1", (parent_id, Status.ACTIVE.value))
        return found[0] if found else None

    def has_open_items(self) -> bool:
        """Whether any item (not a group) is not deleted; stops at the first one."""
        sql = "SELECT 1 FROM items WHERE kind = ? AND status != ? LIMIT 1"
        return bool(self._rows(sql, (Kind.ITEM.value, Status.DELETED.value)))

    def next_id(self) -> int:
        """The id the next new row would get (ids are never reused: AUTOINCREMENT)."""
        sql = """
            SELECT max(coalesce((SELECT max(id) FROM items), 0),
                       coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'items'), 0))
        """
        return int(self._rows(sql)[0][0]) + 1

    def structure(self, root: int) -> Iterator[tuple[int, int | None, Status]]:
        """(id, parent_id, status) of one subtree, every parent before its children."""
        sql = f"{SUBTREE} SELECT id, parent_id, status FROM items JOIN sub USING (id)"
        for item_id, parent_id, status in self.cursor().execute(f"{sql} ORDER BY depth", (root,)):
            yield item_id, parent_id, _STATUSES[status]

    def tree_structure(self) -> Structure:
        """Parent, status and calculation switch of every row: what both rollups are built
        from. One scan, in which SQLite packs each column into one text (ids and parents
        as 16 hex digits, the codes as one digit each): one step that holds no GIL, and no
        Python runs per item."""
        codes = " ".join(f"WHEN '{s.value}' THEN {code}" for s, code in STATUS_CODE.items())
        ids, parents, status, calc, late, top_parent = self._rows(
            f"""
            SELECT group_concat(printf('%016x', id), ''),
                   group_concat(printf('%016x', coalesce(parent_id, 0)), ''),
                   group_concat(CASE status {codes} ELSE 0 END, ''),
                   group_concat(coalesce(calc_on, 0), ''),
                   group_concat(CASE WHEN parent_id > id THEN id END),
                   coalesce(max(parent_id), 0)
            FROM (SELECT id, parent_id, status, calc_on FROM items ORDER BY id)
            """
        )[0]
        numbered = int64s(ids)
        dense = numbered == array("q", range(1, len(numbered) + 1))  # no item ever purged
        return Structure(
            None if dense else numbered,
            int64s(parents),
            digits(status),
            digits(calc),
            [int(i) for i in late.split(",")] if late else [],
            size=max(self.next_id(), top_parent + 1),
        )

    # -- the agenda's views (the indexes of migration 0006) ----------------------------
    # Each read names its index: without statistics SQLite would take the first index on
    # `status` and read every active item.
    def titled(self, names: Iterable[str]) -> list[ItemRecord]:
        """Items and groups (any status) whose title is one of `names`, compared
        case-folded. Titles of plain ASCII are compared by SQLite itself; Python folds
        only the others."""
        folded = sorted({name.casefold() for name in names})
        if not folded:
            return []
        ascii_equal = " OR ".join(["title = ? COLLATE NOCASE"] * len(folded))
        sql = (
            f"{_ITEMS} WHERE {ascii_equal}"
            f" OR (title GLOB '*[^ -~]*' AND casefold(title) IN ({marks(folded)}))"
            " ORDER BY id"
        )
        return self._items(sql, [*folded, *folded])

    def titles(self, item_ids: Iterable[int]) -> dict[int, str]:
        """The titles of some items (or groups), by id."""
        found: dict[int, str] = {}
        for chunk in chunks(i for i in item_ids if storable(i)):
            sql = f"SELECT id, title FROM items WHERE id IN ({marks(chunk)})"
            found.update(self._rows(sql, chunk))
        return found

    def setting(self, key: str, default: str = "") -> str:
        found = self._rows("SELECT value FROM settings WHERE key = ?", (key,))
        return default if not found else found[0][0]

    # -- people and metrics ------------------------------------------------------------
    def person(self, person_id: int) -> Person | None:
        row = self._by_id("SELECT id, name, email, note FROM people WHERE id = ?", person_id)
        return None if row is None else Person(*row)

    def require_person(self, person_id: int) -> Person:
        return required(self.person(person_id), "person", person_id)

    def people(self) -> list[Person]:
        """Everyone, by name (without regard to case)."""
        sql = "SELECT id, name, email, note FROM people ORDER BY name_key, id"
        return [Person(*row) for row in self._rows(sql)]

    def metric(self, item_id: int) -> Metric | None:
        row = self._by_id(f"{_METRICS} WHERE item_id = ?", item_id)
        return None if row is None else _metric(row)

    def metrics(self, item_ids: Iterable[int] | None = None) -> list[Metric]:
        """The metrics of some items (None: of the whole plan)."""
        if item_ids is None:
            return [_metric(row) for row in self._rows(f"{_METRICS} ORDER BY item_id")]
        found: list[Metric] = []
        for chunk in chunks(item_ids):
            sql = f"{_METRICS} WHERE item_id IN ({marks(chunk)})"
            found.extend(_metric(row) for row in self._rows(sql, chunk))
        return found

    def checkins(self, item_ids: Iterable[int] | None) -> list[CheckIn]:
        """Check-ins of some items (None: of the whole plan), oldest first (by day, then as
        added)."""
        return [
            CheckIn(row[0], row[1], date.fromisoformat(row[2]), number(row[3]))
            for row in self._per_item(
                "SELECT id, item_id, day, value FROM checkins", item_ids, "day, id"
            )
        ]

    def journal(self, item_ids: Iterable[int] | None) -> list[JournalEntry]:
        """Journal entries of some items (None: of the whole plan), newest first (by day,
        then the last added)."""
        return [
            JournalEntry(row[0], row[1], date.fromisoformat(row[2]), row[3], aware(row[4]))
            for row in self._per_item(
                "SELECT id, item_id, day, text, created FROM journal",
                item_ids,
                "day DESC, id DESC",
            )
        ]

    def _per_item(self, select: str, item_ids: Iterable[int] | None, order: str) -> list[Any]:
        """Rows of `select` for some items (None: all), by item, then in `order`."""
        if item_ids is None:
            return self._rows(f"{select} ORDER BY item_id, {order}")
        found: list[Any] = []
        for chunk in chunks(item_ids):
            sql = f"{select} WHERE item_id IN ({marks(chunk)}) ORDER BY item_id, {order}"
            found.extend(self._rows(sql, chunk))
        return found

    # -- shares ------------------------------------------------------------------------
    def shares(self) -> list[ShareRecord]:
        return [_share(row) for row in self._rows(f"{_SHARES} ORDER BY id")]

    def get_share(self, share_id: int) -> ShareRecord | None:
        row = self._by_id(f"{_SHARES} WHERE id = ?", share_id)
        return None if row is None else _share(row)

    # -- cost lines and images ---------------------------------------------------------
    def lines(self, item_ids: Iterable[int]) -> list[CostLine]:
        """The lines of some items, each item's in order."""
        select = f"{_LINES} FROM cost_lines"
        return [_line(row) for row in self._per_item(select, item_ids, "position, id")]

    def line_amounts(self) -> Iterator[tuple[int, int, str, str]]:
        """(item_id, 1 for an income or 0, quantity text, unit price text) of every line,
        streamed from the cursor."""
        income = LineKind.INCOME.value
        sql = f"SELECT item_id, kind = '{income}', quantity, unit_price FROM cost_lines"
        return self.cursor().execute(sql)

    def images(self, item_ids: Iterable[int]) -> list[ImageInfo]:
        """The images of some items, each item's in order, without their bytes."""
        return [_image(row) for row in self._per_item(_IMAGES, item_ids, "position, id")]

    def get_image(self, image_id: int) -> ImageInfo | None:
        row = self._by_id(f"{_IMAGES} WHERE id = ?", image_id)
        return None if row is None else _image(row)

    def require_image(self, image_id: int) -> ImageInfo:
        return required(self.get_image(image_id), "image", image_id)

    def thumbnails(self, image_ids: Iterable[int]) -> dict[int, bytes]:
        """The stored thumbnails of some images (read before, and without, their bytes)."""
        found: dict[int, bytes] = {}
        for chunk in chunks(image_ids):
            sql = f"SELECT image_id, thumb FROM image_data WHERE image_id IN ({marks(chunk)})"
            found.update((i, bytes(thumb)) for i, thumb in self._rows(sql, chunk))
        return found

    def image_data(self, image_id: int) -> bytes:
        """An image's bytes, as the file was added."""
        row = self._by_id("SELECT data FROM image_data WHERE image_id = ?", image_id)
        return bytes(required(row, "image", image_id)[0])

    def image_counts(self, item_ids: Iterable[int] | None = None) -> dict[int, int]:
        """How many images each item has (only items that have some); every item's when
        `item_ids` is None. Reads the (item_id, position) index, never the table."""
        sql = "SELECT item_id, count(*) FROM images"
        if item_ids is None:
            return dict(self._rows(f"{sql} GROUP BY item_id"))
        counts: dict[int, int] = {}
        for chunk in chunks(item_ids):
            where = f"WHERE item_id IN ({marks(chunk)}) GROUP BY item_id"
            counts.update(self._rows(f"{sql} {where}", chunk))
        return counts
