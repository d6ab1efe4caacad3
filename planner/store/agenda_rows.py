"""The reads behind the ready-made views, their side-bar counts and the calendar: which
items of a status are due in a window, done since a moment, of a priority or a person's,
from the items' indexes alone. Plain SQL, mixed into PlainReads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from planner.domain.agenda import AgendaKeys, ItemQuery
from planner.domain.calendar import CalendarEntry
from planner.domain.items import Priority, Status
from planner.store.stored_values import stored_moment


class AgendaRows:
    """Mixed into PlainReads, on its connection."""

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError  # PlainReads'

    def agenda_entries(self, query: ItemQuery) -> list[tuple[int, str | None]]:
        """The items of one status a view starts from (see ItemQuery), before what is
        above them is looked at: (id, due date) of active items, (id, done moment) of done
        ones, as stored (ISO 8601 text), from the index alone unless a priority is asked
        of a person's items."""
        where: list[str] = ["status = ?"]
        params: list[object] = [query.status.value]
        if query.person_id is not None:
            where.append("assignee_id = ?")
            params.append(query.person_id)
        if query.priority is not None:
            where.append("priority = ?")
            params.append(int(query.priority))
        if query.undated:
            where.append("due IS NULL")
        if query.due_after is not None:
            where.append("due > ?")
            params.append(query.due_after.isoformat())
        if query.due_until is not None:
            where.append("due <= ?")
            params.append(query.due_until.isoformat())
        if query.done_since is not None:
            where.append("done_at >= ?")
            params.append(stored_moment(query.done_since))
        if query.person_id is not None:
            index = "ix_items_assignee_status_due"
        elif query.priority is not None:
            index = "ix_items_status_priority_due"
        elif query.status is Status.DONE:
            index = "ix_items_status_done_at"
        else:
            index = "ix_items_status_due"
        key = "done_at" if query.status is Status.DONE else "due"
        sql = f"SELECT id, {key} FROM items INDEXED BY {index} WHERE {' AND '.join(where)}"
        return self._rows(sql, params)

    def agenda_keys(self, due_until: date, done_between: tuple[datetime, datetime]) -> AgendaKeys:
        """What the side bar's counts are made from, read from the indexes alone."""
        active, done = Status.ACTIVE.value, Status.DONE.value
        rows = self._rows
        return AgendaKeys(
            due=rows(
                "SELECT id, due FROM items INDEXED BY ix_items_status_due"
                " WHERE status = ? AND due <= ?",
                (active, due_until.isoformat()),
            ),
            undated=[
                r[0]
                for r in rows(
                    "SELECT id FROM items INDEXED BY ix_items_status_due"
                    " WHERE status = ? AND due IS NULL",
                    (active,),
                )
            ],
            high=[
                r[0]
                for r in rows(
                    "SELECT id FROM items INDEXED BY ix_items_status_priority_due"
                    " WHERE status = ? AND priority = ?",
                    (active, int(Priority.HIGH)),
                )
            ],
            assigned=rows(
                "SELECT id, assignee_id FROM items INDEXED BY ix_items_assignee_status_due"
                " WHERE assignee_id IS NOT NULL AND status = ?",
                (active,),
            ),
            done_today=[
                r[0]
                for r in rows(
                    "SELECT id FROM items INDEXED BY ix_items_status_done_at"
                    " WHERE status = ? AND done_at >= ? AND done_at < ?",
                    (done, *map(stored_moment, done_between)),
                )
            ],
            turns_today=[
                r[0]
                for r in rows(
                    "SELECT item_id FROM occurrences INDEXED BY ix_occurrences_done_at"
                    " WHERE done_at >= ? AND done_at < ?",
                    tuple(map(stored_moment, done_between)),
                )
            ],
        )

    def calendar_entries(
        self, first: date, last: date, statuses: Sequence[Status] = (Status.ACTIVE,)
    ) -> list[CalendarEntry]:
        """The items of `statuses` due from `first` to `last`: the calendar's days, from
        the index on (status, priority, due) alone (one range of due dates for each
        priority), without reading a row of the table."""
        priorities = {int(p): p for p in Priority}
        days: dict[str, date] = {}  # a month's thousands of entries share 42 dates
        found: list[CalendarEntry] = []
        for status in statuses:
            rows = self._rows(
                "SELECT id, due, priority FROM items INDEXED BY ix_items_status_priority_due"
                f" WHERE status = ? AND priority IN ({', '.join(map(str, priorities))})"
                " AND due >= ? AND due <= ?",
                (status.value, first.isoformat(), last.isoformat()),
            )
            for item_id, due, priority in rows:
                day = days.get(due) or days.setdefault(due, date.fromisoformat(due))
                found.append(CalendarEntry(item_id, day, priorities[priority], status))
        return found
