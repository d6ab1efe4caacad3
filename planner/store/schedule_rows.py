"""Rows of repeating, occurrences, habits, ticks and reminders: reads in plain SQL (served
on the quick connection too, as PlainReads are) and writes in the unit's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from planner.domain.changes import StatusValue
from planner.domain.habits import Cadence, Habit
from planner.domain.money import AMOUNT_PLACES, decimal_text
from planner.domain.recurrence import readable, well_formed
from planner.domain.reminders import MAX_DAYS_BEFORE, Reminder
from planner.domain.repeats import Occurrence, Repeat
from planner.store.plain_reads import PlainReads, chunks, marks
from planner.store.stored_values import amount, aware, stored_moment

_REPEATS = "SELECT item_id, rule, anchor, from_done, paused, turns FROM repeats"
_REPEAT_MARKS = "SELECT item_id, rule, paused FROM repeats"
_OCCURRENCES = "SELECT id, item_id, due, done_at, expense, income FROM occurrences"
_HABITS = "SELECT item_id, cadence, since, days, per_week FROM habits"
_REMINDERS = "SELECT id, item_id, at, days_before, time, created, fired FROM reminders"


def moment_text(value: datetime | None) -> str | None:
    """A moment as the plan stores it (UtcDateTime's text)."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _moment(text: str | None) -> datetime | None:
    return None if text is None else aware(text)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


# A plan is data from outside: a row that does not read raises ValueError, and the unit
# names the value (see damage).


def _repeat(row: Sequence[Any]) -> Repeat:
    if not readable(row[1]):  # a plan is data from outside (see damage)
        raise ValueError(f"not a repeat rule: {row[1]!r}")  # not-ui: internal
    return Repeat(row[0], row[1], date.fromisoformat(row[2]), bool(row[3]), bool(row[4]), row[5])


def _occurrence(row: Sequence[Any]) -> Occurrence:
    expense, income = amount(row[4], AMOUNT_PLACES), amount(row[5], AMOUNT_PLACES)
    return Occurrence(row[0], row[1], _day(row[2]), _moment(row[3]), expense, income)


def _habit(row: Sequence[Any]) -> Habit:
    if not (0 <= row[3] <= 127 and 0 <= row[4] <= 7):
        wrong = f"{row[3]!r}, {row[4]!r}"
        raise ValueError(f"not a habit's weekdays or times a week: {wrong}")  # not-ui: internal
    if (row[1] == Cadence.WEEKLY and not row[4]) or (row[1] == Cadence.DAYS and not row[3]):
        raise ValueError(f"a habit kept on no day: {tuple(row)!r}")  # not-ui: internal
    days = frozenset(d for d in range(7) if row[3] >> d & 1)
    return Habit(row[0], Cadence(row[1]), date.fromisoformat(row[2]), days, row[4])


def _reminder(row: Sequence[Any]) -> Reminder:
    if row[3] is not None and not 0 <= row[3] <= MAX_DAYS_BEFORE:
        raise ValueError(f"not a number of days before: {row[3]!r}")  # not-ui: internal
    return Reminder(
        row[0],
        row[1],
        _moment(row[2]),
        row[3],
        None if row[4] is None else time.fromisoformat(row[4]),
        aware(row[5]),
        row[6],
    )


class ScheduleReads(PlainReads):
    """Reads of repeating, occurrences, habits, ticks and reminders."""

    def repeat(self, item_id: int) -> Repeat | None:
        row = self._by_id(f"{_REPEATS} WHERE item_id = ?", item_id)
        return None if row is None else _repeat(row)

    def repeats(self, item_ids: Iterable[int] | None = None) -> list[Repeat]:
        """The repeating of some items (None: of every item)."""
        return [_repeat(r) for r in self._per_item(_REPEATS, item_ids, "item_id")]

    def repeat_marks(self, item_ids: Iterable[int] | None = None) -> dict[int, tuple[str, bool]]:
        """Each repeating item's rule and whether it is paused (None: of every item), for
        the tree's marks: a rule is only seen to be well formed, without dateutil (its
        import and the check took about 10 ms of each start); one that is not is left
        out (`planner check` names it)."""
        rows = self._per_item(_REPEAT_MARKS, item_ids, "item_id")
        return {r[0]: (r[1], bool(r[2])) for r in rows if well_formed(r[1])}

    def occurrences(self, item_ids: Iterable[int] | None) -> list[Occurrence]:
        """Occurrences of some items (None: all), each item's oldest first."""
        return [_occurrence(r) for r in self._per_item(_OCCURRENCES, item_ids, "id")]

    def done_turns(self, since: datetime | None, person_id: int | None = None) -> list[Occurrence]:
        """The past turns of repeating items done (not skipped) since a moment (None: ever);
        only those of one person's items with `person_id`."""
        where = ["o.done_at IS NOT NULL"]  # not-ui: SQL
        params: list[object] = []
        if since is not None:
            where.append("o.done_at >= ?")  # not-ui: SQL
            params.append(stored_moment(since))
        join = ""
        if person_id is not None:
            join = " JOIN items ON items.id = o.item_id AND items.assignee_id = ?"
            params.insert(0, person_id)
        columns = "o.id, o.item_id, o.due, o.done_at, o.expense, o.income"
        sql = f"SELECT {columns} FROM occurrences AS o{join} WHERE {' AND '.join(where)}"
        return [_occurrence(r) for r in self._rows(sql, params)]

    def habit(self, item_id: int) -> Habit | None:
        row = self._by_id(f"{_HABITS} WHERE item_id = ?", item_id)
        return None if row is None else _habit(row)

    def habits(self, item_ids: Iterable[int] | None = None) -> list[Habit]:
        return [_habit(r) for r in self._per_item(_HABITS, item_ids, "item_id")]

    def ticks(self, item_ids: Iterable[int] | None) -> list[tuple[int, date]]:
        """(item id, day) of some items' ticks (None: all), each item's oldest first."""
        rows = self._per_item("SELECT item_id, day FROM habit_ticks", item_ids, "day")
        return [(item_id, date.fromisoformat(day)) for item_id, day in rows]

    def reminders(self, item_ids: Iterable[int] | None = None) -> list[Reminder]:
        """Reminders of some items (None: all), each item's in the order they were set."""
        return [_reminder(r) for r in self._per_item(_REMINDERS, item_ids, "id")]

    def get_reminder(self, reminder_id: int) -> Reminder | None:
        row = self._by_id(f"{_REMINDERS} WHERE id = ?", reminder_id)
        return None if row is None else _reminder(row)

    def reminded_within(self, item_ids: Iterable[int]) -> set[int]:
        """Those of `item_ids`, and of the items below them, that have reminders (a change
        of status or place above an item turns its reminders on or off)."""
        found: set[int] = set()
        for chunk in chunks(item_ids):
            sql = f"""
                WITH RECURSIVE down(id) AS (
                    SELECT id FROM items WHERE id IN ({marks(chunk)})
                    UNION
                    SELECT items.id FROM items JOIN down ON items.parent_id = down.id
                )
                SELECT DISTINCT reminders.item_id FROM reminders JOIN down
                ON reminders.item_id = down.id
            """
            found.update(row[0] for row in self._rows(sql, chunk))
        return found

    def inactive(self, item_ids: Iterable[int]) -> set[int]:
        """Those of `item_ids` that are done or deleted, or inside an item (or a group)
        that is: their reminders do not fire."""
        found: set[int] = set()
        for chunk in chunks(item_ids):
            sql = f"""
                WITH RECURSIVE up(start, id, depth) AS (
                    SELECT id, id, 0 FROM items WHERE id IN ({marks(chunk)})
                    UNION ALL
                    SELECT up.start, items.parent_id, up.depth + 1
                    FROM items JOIN up ON items.id = up.id
                    WHERE items.parent_id IS NOT NULL AND up.depth < 1000000
                )
                SELECT DISTINCT up.start FROM up JOIN items ON items.id = up.id
                WHERE items.status != 'active'
            """
            found.update(row[0] for row in self._rows(sql, chunk))
        return found


class ScheduleRows(ScheduleReads):
    """Writes of repeating, occurrences, habits, ticks and reminders (and the due dates and
    statuses of a turn), on the unit's own connection."""

    def _write(self, sql: str, params: Sequence[Any]) -> None:
        self.cursor().execute(sql, params)

    def _write_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.cursor().executemany(sql, rows)

    def put_repeat(self, repeat: Repeat) -> None:
        """Insert or replace an item's repeating."""
        self._write(
            "INSERT OR REPLACE INTO repeats (item_id, rule, anchor, from_done, paused, turns)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                repeat.item_id,
                repeat.rule,
                repeat.anchor.isoformat(),
                int(repeat.from_done),
                int(repeat.paused),
                repeat.turns,
            ),
        )

    def delete_repeat(self, item_id: int) -> None:
        self._write("DELETE FROM repeats WHERE item_id = ?", (item_id,))

    def insert_occurrence(self, occurrence: Occurrence) -> int:
        """Insert an occurrence; id 0 gets a new id, any other is kept (one put back)."""
        cursor = self.cursor()
        cursor.execute(
            "INSERT INTO occurrences (id, item_id, due, done_at, expense, income)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                occurrence.id or None,
                occurrence.item_id,
                None if occurrence.due is None else occurrence.due.isoformat(),
                moment_text(occurrence.done_at),
                decimal_text(occurrence.expense),
                decimal_text(occurrence.income),
            ),
        )
        assert cursor.lastrowid is not None
        return occurrence.id or cursor.lastrowid

    def delete_occurrence(self, occurrence_id: int) -> None:
        self._write("DELETE FROM occurrences WHERE id = ?", (occurrence_id,))

    def put_habit(self, habit: Habit) -> None:
        self._write(
            "INSERT OR REPLACE INTO habits (item_id, cadence, since, days, per_week)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                habit.item_id,
                habit.cadence.value,
                habit.since.isoformat(),
                sum(1 << d for d in habit.days),
                habit.per_week,
            ),
        )

    def delete_habit(self, item_id: int) -> None:
        self._write("DELETE FROM habits WHERE item_id = ?", (item_id,))

    def insert_ticks(self, ticks: Iterable[tuple[int, date]]) -> None:
        self._write_many(
            "INSERT OR IGNORE INTO habit_ticks (item_id, day) VALUES (?, ?)",
            ((item_id, day.isoformat()) for item_id, day in ticks),
        )

    def delete_tick(self, item_id: int, day: date) -> None:
        self._write(
            "DELETE FROM habit_ticks WHERE item_id = ? AND day = ?", (item_id, day.isoformat())
        )

    def insert_reminder(self, reminder: Reminder) -> int:
        """Insert a reminder; id 0 gets a new id, any other is kept (one put back)."""
        cursor = self.cursor()
        cursor.execute(
            "INSERT INTO reminders (id, item_id, at, days_before, time, created, fired)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                reminder.id or None,
                reminder.item_id,
                moment_text(reminder.at),
                reminder.days_before,
                None if reminder.time is None else reminder.time.strftime("%H:%M"),
                moment_text(reminder.created),
                reminder.fired,
            ),
        )
        assert cursor.lastrowid is not None
        return reminder.id or cursor.lastrowid

    def delete_reminders(self, reminder_ids: Sequence[int]) -> None:
        for chunk in chunks(reminder_ids):
            self._write(f"DELETE FROM reminders WHERE id IN ({marks(chunk)})", chunk)

    def set_fired(self, fired: Sequence[tuple[int, str]]) -> None:
        """Remember what reminders fired for: (reminder id, key)."""
        self._write_many("UPDATE reminders SET fired = ? WHERE id = ?", ((k, i) for i, k in fired))

    def set_dues(self, dues: Sequence[tuple[int, date | None]]) -> None:
        """Due dates of many items at once (a turn's subtree)."""
        self._write_many(
            "UPDATE items SET due = ? WHERE id = ?",
            ((None if due is None else due.isoformat(), item_id) for item_id, due in dues),
        )
        self._forget_items()

    def set_statuses(self, values: Sequence[StatusValue]) -> None:
        """Statuses (with their done and deleted moments) of many items at once."""
        self._write_many(
            "UPDATE items SET status = ?, done_at = ?, deleted_at = ? WHERE id = ?",
            (
                (v.status.value, moment_text(v.done_at), moment_text(v.deleted_at), v.id)
                for v in values
            ),
        )
        self._forget_items()

    def _forget_items(self) -> None:
        """Item rows the session may hold are stale after a write it did not make."""
