"""The reads behind the tree's filter bar and its sorted columns: which items a filter
finds (the search index for its text), and one list's fields a column sorts by. Plain SQL,
mixed into PlainReads."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date

from planner.domain.items import Status
from planner.domain.search_text import needles
from planner.domain.tree_filter import NOBODY, SortRow, TreeFilter, due_range
from planner.store.search_index import every_hit


def _conditions(wanted: TreeFilter, today: date) -> tuple[list[str], list[object]]:
    """The WHERE parts of a filter, but its text."""
    where: list[str] = []
    params: list[object] = []
    if wanted.hide_closed:
        where.append("status = ?")
        params.append(Status.ACTIVE.value)
    if wanted.person == NOBODY:
        where.append("assignee_id IS NULL")
    elif wanted.person is not None:
        where.append("assignee_id = ?")
        params.append(wanted.person)
    if wanted.priority is not None:
        where.append("priority = ?")
        params.append(int(wanted.priority))
    if wanted.due is not None:
        window = due_range(wanted.due, today)
        if window.undated:
            where.append("due IS NULL")
        if window.active and not wanted.hide_closed:
            where.append("status = ?")
            params.append(Status.ACTIVE.value)
        if window.first is not None:
            where.append("due >= ?")
            params.append(window.first.isoformat())
        if window.last is not None:
            where.append("due <= ?")
            params.append(window.last.isoformat())
    return where, params


class FilterRows:
    """The filter's and the sorted columns' reads, in the unit's transaction."""

    def cursor(self) -> sqlite3.Cursor:
        raise NotImplementedError

    def filtered_ids(self, wanted: TreeFilter, today: date, skip_stale: bool) -> list[int]:
        """The items a filter finds, every part of it holding; its text through the
        search index (the items it has not caught up with left out with `skip_stale`:
        the caller checks those, see `filter_candidates`)."""
        where, params = _conditions(wanted, today)
        found = needles(wanted.text)
        if found:
            where.append("id IN (SELECT rowid FROM item_search WHERE item_search MATCH ?)")
            params.append(every_hit(found))
            if skip_stale:
                where.append("id NOT IN (SELECT id FROM search_stale)")
        sql = "SELECT id FROM items"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [row[0] for row in self.cursor().execute(sql, params)]

    def filter_candidates(
        self, wanted: TreeFilter, today: date, item_ids: Sequence[int]
    ) -> list[tuple[int, str, str]]:
        """(id, title, notes) of those of these items that every part of a filter but its
        text finds: the items the search index has not caught up with."""
        where, params = _conditions(wanted, today)
        found: list[tuple[int, str, str]] = []
        for start in range(0, len(item_ids), 500):
            chunk = list(item_ids[start : start + 500])
            parts = [f"id IN ({', '.join('?' * len(chunk))})", *where]
            sql = f"SELECT id, title, notes FROM items WHERE {' AND '.join(parts)}"
            found.extend(self.cursor().execute(sql, [*chunk, *params]))
        return found

    def filtered_among(self, wanted: TreeFilter, today: date, item_ids: list[int]) -> list[int]:
        """Those of these items (found by the filter's text: items the search index has
        not caught up with) that every other part of the filter finds: these as they are
        when there is no other part (a filter of text alone reads nothing)."""
        where, params = _conditions(wanted, today)
        if not where:
            return item_ids
        found: list[int] = []
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start : start + 500]
            parts = [f"id IN ({', '.join('?' * len(chunk))})", *where]
            sql = f"SELECT id FROM items WHERE {' AND '.join(parts)}"
            found.extend(row[0] for row in self.cursor().execute(sql, [*chunk, *params]))
        return found

    def sort_rows(self, parent_id: int | None, status: Status) -> list[SortRow]:
        """What a column sorts one list of rows by: the children of one status of a parent
        (None: the groups), unordered. One read of the (parent, status, position) index
        and the rows."""
        where = "parent_id IS NULL" if parent_id is None else "parent_id = ?"
        params: tuple[object, ...] = (status.value,)
        if parent_id is not None:
            params = (parent_id, status.value)
        sql = (
            "SELECT id, position, title, due, priority, assignee_id, created FROM items"
            f" WHERE {where} AND status = ?"
        )
        return self.cursor().execute(sql, params).fetchall()

    def filter_total(self) -> int:
        """How many items (not groups) the plan holds: what a filter's count is out of."""
        sql = "SELECT count(*) FROM items WHERE parent_id IS NOT NULL"
        return int(self.cursor().execute(sql).fetchone()[0])
