"""Values in a plan's rows that do not read as what their column holds.

A plan file is data from outside: whoever sends one can put any value in any column. Each
typed column is described here once; `find_damage` finds every value that does not read,
with SQL (one scan of each table), for `planner check`; and `damaged_plan` turns a read
that met one (a ValueError deep in a conversion) into one message naming the value. The
reads themselves stay as they are: the search runs only once a read has failed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import NamedTuple

from planner import formats
from planner.domain.errors import DamagedPlan, excerpt
from planner.domain.images import FORMAT_NAMES
from planner.domain.items import Kind, Priority, Status
from planner.domain.money import AMOUNT_PLACES, PRICE_PLACES, QUANTITY_PLACES
from planner.domain.recurrence import readable
from planner.domain.reminders import MAX_DAYS_BEFORE
from planner.domain.shares import SHARE_FORMATS
from planner.i18n import N_, _

# What a conversion of a stored value raises when the value is not what its column holds.
VALUE_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    TypeError,
    KeyError,
    ArithmeticError,  # decimal.InvalidOperation, OverflowError
)

DATE, MOMENT, DECIMAL, WHOLE, FLAG, TIME, CHOICE, TEXT, RULE = (
    "date",
    "moment",
    "decimal",
    "whole",
    "flag",
    "time",
    "choice",
    "text",
    "rule",
)

# The bad values of a kind, as SQL on the column `{c}` (NULL is handled apart): the texts
# the store writes and nothing else (a date another program wrote as "20250101" reads in
# Python, but compares wrongly as text: still damage).
_BAD = {
    DATE: "typeof({c}) != 'text' OR {c} < '0001' OR date({c}, '+0 days') IS NOT {c}",  # not-ui: SQL
    # Seconds, or microseconds (as stored since the first version), in UTC.
    MOMENT: "typeof({c}) != 'text' OR {c} < '0001' OR substr({c}, -6) != '+00:00'"  # not-ui: SQL
    " OR NOT (length({c}) = 25 OR (length({c}) = 32 AND substr({c}, 20, 1) = '.'"
    " AND substr({c}, 21, 6) NOT GLOB '*[^0-9]*'))"
    " OR strftime('%Y-%m-%dT%H:%M:%S', substr({c}, 1, 19), '+0 days')"
    " IS NOT substr({c}, 1, 19)",
    DECIMAL: "typeof({c}) != 'text' OR length({c}) > 40"  # not-ui: SQL
    " OR NOT ({c} GLOB '[0-9]*' OR {c} GLOB '-[0-9]*') OR {c} GLOB '*[^0-9.-]*'"
    " OR {c} GLOB '?*-*' OR {c} GLOB '*.*.*' OR {c} GLOB '*.'",
    WHOLE: "typeof({c}) != 'integer'",
    FLAG: "typeof({c}) != 'integer' OR {c} NOT IN (0, 1)",  # not-ui: SQL
    TIME: "typeof({c}) != 'text' OR length({c}) != 5"  # not-ui: SQL
    " OR time('2000-01-01 ' || {c}) IS NOT {c} || ':00'",
    CHOICE: "{c} NOT IN ({values})",  # not-ui: SQL
    TEXT: "typeof({c}) != 'text'",
    RULE: "typeof({c}) != 'text' OR NOT readable_rule({c})",  # not-ui: SQL; see find_damage
}


class Typed(NamedTuple):
    """A column of a table and what it holds."""

    column: str
    field: str  # what the user calls it, marked with N_ ("due date")
    kind: str
    nullable: bool = False
    values: tuple[object, ...] = ()  # CHOICE: the values it may hold
    low: int | None = None  # WHOLE: its range, when it has one
    high: int | None = None
    places: int | None = None  # DECIMAL: the most places after the point it holds
    also: str = ""  # SQL: what else makes the value wrong (with the row's other columns)

    def bad(self) -> str:
        """SQL true for a value of this column that does not read."""
        values = ", ".join(f"'{v}'" if isinstance(v, str) else str(v) for v in self.values)
        test = _BAD[self.kind].format(c=self.column, values=values)
        if self.low is not None:
            test += f" OR {self.column} < {self.low}"
        if self.high is not None:
            test += f" OR {self.column} > {self.high}"
        if self.places is not None:
            c = self.column
            test += f" OR (instr({c}, '.') > 0 AND length({c}) - instr({c}, '.') > {self.places})"
        if self.also:
            test += f" OR {self.also}"
        if self.nullable:
            return f"({self.column} IS NOT NULL AND ({test}))"  # not-ui: SQL
        return f"({self.column} IS NULL OR {test})"  # not-ui: SQL


class Table(NamedTuple):
    name: str
    key: str  # the column that names a row in a message
    row: str  # how a row is named, marked with N_ ("Item {id}")
    columns: tuple[Typed, ...]


_MOMENT = N_("time it was added")
TABLES = (
    Table(
        "items",
        "id",
        N_("Item {id}"),
        (
            Typed("kind", N_("kind"), CHOICE, values=tuple(Kind)),
            Typed("position", N_("position"), WHOLE),
            Typed("title", N_("title"), TEXT),
            Typed("notes", N_("notes"), TEXT),
            Typed("created", _MOMENT, MOMENT),
            Typed("due", N_("due date"), DATE, nullable=True),
            Typed("priority", N_("priority"), CHOICE, values=tuple(int(p) for p in Priority)),
            Typed("status", N_("status"), CHOICE, values=tuple(Status)),
            Typed("done_at", N_("time it was done"), MOMENT, nullable=True),
            Typed("deleted_at", N_("time it was deleted"), MOMENT, nullable=True),
            Typed("calc_on", N_("calculation switch"), FLAG),
        ),
    ),
    Table(
        "cost_lines",
        "id",
        N_("Cost line {id}"),
        (
            Typed("position", N_("position"), WHOLE),
            Typed("description", N_("description"), TEXT),
            Typed("quantity", N_("quantity"), DECIMAL, places=QUANTITY_PLACES),
            Typed("unit", N_("unit"), TEXT),
            Typed("unit_price", N_("unit price"), DECIMAL, places=PRICE_PLACES),
            Typed("kind", N_("kind"), CHOICE, values=("expense", "income")),
        ),
    ),
    Table(
        "people",
        "id",
        N_("Person {id}"),
        (
            Typed("name", N_("name"), TEXT),
            Typed("email", N_("email"), TEXT),
            Typed("note", N_("note"), TEXT),
        ),
    ),
    Table(
        "metrics",
        "item_id",
        N_("The metric of item {id}"),
        (
            Typed("name", N_("name"), TEXT),
            Typed("unit", N_("unit"), TEXT),
            Typed("baseline", N_("baseline"), DECIMAL),
            Typed("target", N_("target"), DECIMAL),
            Typed("stretch", N_("stretch target"), DECIMAL, nullable=True),
            Typed(
                "direction",
                N_("direction"),
                CHOICE,
                values=("increase", "decrease", "at_most", "at_least"),
            ),
            Typed("current", N_("current value"), DECIMAL, nullable=True),
        ),
    ),
    Table(
        "checkins",
        "id",
        N_("Check-in {id}"),
        (Typed("day", N_("day"), DATE), Typed("value", N_("value"), DECIMAL)),
    ),
    Table(
        "journal",
        "id",
        N_("Journal entry {id}"),
        (
            Typed("day", N_("day"), DATE),
            Typed("text", N_("text"), TEXT),
            Typed("created", _MOMENT, MOMENT),
        ),
    ),
    Table(
        "images",
        "id",
        N_("Image {id}"),
        (
            Typed("position", N_("position"), WHOLE),
            Typed("filename", N_("file name"), TEXT),
            Typed("format", N_("format"), CHOICE, values=tuple(FORMAT_NAMES)),
            Typed("width", N_("width"), WHOLE, low=1),
            Typed("height", N_("height"), WHOLE, low=1),
            Typed("size", N_("size"), WHOLE, low=0),
        ),
    ),
    Table(
        "shares",
        "id",
        N_("Share {id}"),
        (
            Typed("item_id", N_("item"), WHOLE),
            Typed("format", N_("format"), CHOICE, values=SHARE_FORMATS),
            Typed("file", N_("file"), TEXT),
            Typed("made", N_("time it was made"), MOMENT),
            Typed("updated", N_("time it was updated"), MOMENT),
            Typed("live", N_("live switch"), FLAG),
            Typed("page", N_("page size"), CHOICE, nullable=True, values=("a4", "letter")),
        ),
    ),
    Table(
        "repeats",
        "item_id",
        N_("The repeating of item {id}"),
        (
            Typed("rule", N_("rule"), RULE),
            Typed("anchor", N_("first date"), DATE),
            Typed("from_done", N_("from-done switch"), FLAG),
            Typed("paused", N_("pause switch"), FLAG),
            Typed("turns", N_("turns"), WHOLE, low=0),
        ),
    ),
    Table(
        "occurrences",
        "id",
        N_("Turn {id}"),
        (
            Typed("due", N_("due date"), DATE, nullable=True),
            Typed("done_at", N_("time it was done"), MOMENT, nullable=True),
            Typed("expense", N_("expense"), DECIMAL, places=AMOUNT_PLACES),
            Typed("income", N_("income"), DECIMAL, places=AMOUNT_PLACES),
        ),
    ),
    Table(
        "habits",
        "item_id",
        N_("The habit of item {id}"),
        (
            Typed("cadence", N_("cadence"), CHOICE, values=("daily", "days", "weekly")),
            Typed("since", N_("first day"), DATE),
            Typed(
                "days",
                N_("weekdays (1 to 127 for a habit on chosen days)"),
                WHOLE,
                low=0,
                high=127,
                also="(cadence = 'days' AND days = 0)",  # not-ui: SQL
            ),
            Typed(
                "per_week",
                N_("times a week (1 to 7 for a weekly habit)"),
                WHOLE,
                low=0,
                high=7,
                also="(cadence = 'weekly' AND per_week = 0)",  # not-ui: SQL
            ),
        ),
    ),
    Table(
        "habit_ticks",
        "item_id",
        N_("A tick of item {id}"),
        (Typed("day", N_("day"), DATE),),
    ),
    Table(
        "reminders",
        "id",
        N_("Reminder {id}"),
        (
            Typed("at", N_("moment"), MOMENT, nullable=True),
            Typed(
                "days_before",
                N_("days before"),
                WHOLE,
                nullable=True,
                low=0,
                high=MAX_DAYS_BEFORE,
            ),
            Typed("time", N_("time"), TIME, nullable=True),
            Typed("created", _MOMENT, MOMENT),
            Typed("fired", N_("last firing"), TEXT),
        ),
    ),
)


class Finding(NamedTuple):
    """One value that does not read: its table, its row's key, its column, the value."""

    table: Table
    key: object
    typed: Typed
    value: object

    def text(self) -> str:
        """ "Item 2: due date 'garbage' is not a date.", in the current language."""
        row = _(self.table.row).format(id=self.key)
        return problem_text(row, _(self.typed.field), self.typed, self.value)


def problem_text(row: str, field: str, typed: Typed, value: object) -> str:
    if value is None:
        return _("{row}: {field} is missing.").format(row=row, field=field)
    shown = excerpt(value if isinstance(value, str) else repr(value))
    words = {"row": row, "field": field, "value": shown}
    if typed.kind == DATE:
        return _("{row}: {field} '{value}' is not a date.").format(**words)
    if typed.kind == MOMENT:
        return _("{row}: {field} '{value}' is not a moment in time.").format(**words)
    if typed.kind == DECIMAL:
        return _("{row}: {field} '{value}' is not a number.").format(**words)
    if typed.kind == FLAG:
        return _("{row}: {field} '{value}' is not 0 or 1.").format(**words)
    if typed.kind == TIME:
        return _("{row}: {field} '{value}' is not a time of day (HH:MM).").format(**words)
    if typed.kind == RULE:
        return _("{row}: {field} '{value}' is not a repeat rule Planner reads.").format(**words)
    if typed.kind == TEXT:
        return _("{row}: {field} {value} is not text.").format(**words)
    if typed.kind == CHOICE:
        choices = ", ".join(str(v) for v in typed.values)
        return _("{row}: {field} '{value}' is not one of {choices}.").format(
            choices=choices, **words
        )
    if typed.low is not None and typed.high is not None:
        return _("{row}: {field} '{value}' is not a whole number from {low} to {high}.").format(
            low=formats.number(typed.low), high=formats.number(typed.high), **words
        )
    if typed.low is not None:
        return _("{row}: {field} '{value}' is not a whole number from {low} up.").format(
            low=formats.number(typed.low), **words
        )
    return _("{row}: {field} '{value}' is not a whole number.").format(**words)


def find_damage(cursor: Callable[[], sqlite3.Cursor]) -> Iterator[Finding]:
    """Every value of every table that does not read: one scan of each table, which
    reads the values of the rows it finds only."""
    cursor().connection.create_function("readable_rule", 1, readable, deterministic=True)
    tables = {r[0] for r in cursor().execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    for table in TABLES:
        if table.name not in tables:  # an older schema: the migration adds it
            continue
        present = {r[1] for r in cursor().execute(f"PRAGMA table_info({table.name})")}
        columns = [t for t in table.columns if t.column in present]
        tests = [t.bad() for t in columns]
        sql = (
            f"SELECT {table.key}, {', '.join(tests)}, {', '.join(t.column for t in columns)}"
            f" FROM {table.name} WHERE {' OR '.join(tests)} ORDER BY {table.key}"
        )
        for row in cursor().execute(sql):
            flags, values = row[1 : 1 + len(columns)], row[1 + len(columns) :]
            for typed, flag, value in zip(columns, flags, values, strict=True):
                if flag:
                    yield Finding(table, row[0], typed, value)


def damaged_plan(error: Exception, con: sqlite3.Connection) -> DamagedPlan | None:
    """The message for a read that failed with `error` on a plan with a value that does not
    read (the one the error names, if it names one), or None when every value reads (then
    the error is not the plan's: a bug, raised as it is). `con`: a connection on the plan,
    not in a transaction."""
    try:
        found = list(find_damage(con.cursor))
    except sqlite3.Error:
        return None
    if not found:
        return None
    said = str(error)
    named = [f for f in found if isinstance(f.value, str) and f.value and f.value in said]
    return DamagedPlan((named or found)[0].text())
