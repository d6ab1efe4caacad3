"""A plan received from someone else, with a value written straight into its file that
does not read as what its column holds (a date that is not a date, a moment without its
offset, a number that is not one, a choice that is not among its choices, a rule Planner
cannot follow...). Every command that reads it refuses with one line naming the value and
changes nothing; no command gives a traceback; `planner check` lists it. A plan setting
that does not read is ignored (the default used) and named by `check`."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.cli import Cli
from tests.helpers.image_files import image_bytes
from tests.helpers.unchanged import changes, state

# Commands that read every kind of row (those that do not read a value exit 0).
COMMANDS = [
    ("list",),
    ("show", "2", "--json"),
    ("show", "3"),
    ("agenda",),
    ("agenda", "upcoming"),
    ("reminders",),
    ("habits",),
    ("export", "--format", "json"),
    ("export", "--format", "ics"),
    ("export", "--format", "csv"),
    ("export", "--format", "md"),
    ("shares",),
    ("cost", "list", "2"),
    ("image", "list", "2"),
]

# (table, column, value, which row, what check and the refusal say, a command that reads it)
CASES = [
    ("items", "due", "garbage", "id = 2", "Item 2: due date 'garbage' is not a date.", "list"),
    (
        "items",
        "due",
        "2025-02-30",
        "id = 2",
        "Item 2: due date '2025-02-30' is not a date.",
        "list",
    ),
    (
        "items",
        "due",
        "0000-01-01",
        "id = 2",
        "Item 2: due date '0000-01-01' is not a date.",
        "list",
    ),
    (
        "items",
        "kind",
        "garbage",
        "id = 3",
        "Item 3: kind 'garbage' is not one of group, item.",
        "list",
    ),
    (
        "items",
        "status",
        "gone",
        "id = 3",
        "Item 3: status 'gone' is not one of active, done, deleted.",
        "list",
    ),
    ("items", "priority", 9, "id = 2", "Item 2: priority '9' is not one of 0, 1, 2, 3.", "list"),
    ("items", "position", "x", "id = 3", "Item 3: position 'x' is not a whole number.", "list"),
    (
        "items",
        "created",
        "2025-01-01T00:00:00",
        "id = 2",
        "Item 2: time it was added '2025-01-01T00:00:00' is not a moment in time.",
        "list",
    ),
    (
        "items",
        "done_at",
        "yesterday",
        "id = 3",
        "Item 3: time it was done 'yesterday' is not a moment in time.",
        "list",
    ),
    (
        "cost_lines",
        "quantity",
        "NaN",
        "id = 1",
        "Cost line 1: quantity 'NaN' is not a number.",
        "cost list 2",
    ),
    (
        "cost_lines",
        "unit_price",
        "1e999999",
        "id = 1",
        "Cost line 1: unit price '1e999999' is not a number.",
        "export --format csv",
    ),
    (
        "cost_lines",
        "quantity",
        "0.0000001",
        "id = 1",
        "Cost line 1: quantity '0.0000001' is not a number.",
        "export --format json",
    ),
    (
        "metrics",
        "target",
        "Infinity",
        "item_id = 2",
        "The metric of item 2: target 'Infinity' is not a number.",
        "show 2 --json",
    ),
    (
        "checkins",
        "value",
        "lots",
        "id = 1",
        "Check-in 1: value 'lots' is not a number.",
        "show 2 --json",
    ),
    (
        "checkins",
        "day",
        "today",
        "id = 1",
        "Check-in 1: day 'today' is not a date.",
        "show 2 --json",
    ),
    (
        "journal",
        "created",
        "garbage",
        "id = 1",
        "Journal entry 1: time it was added 'garbage' is not a moment in time.",
        "show 2 --json",
    ),
    (
        "images",
        "size",
        "big",
        "id = 1",
        "Image 1: size 'big' is not a whole number from 0 up.",
        "image list 2",
    ),
    (
        "shares",
        "made",
        "garbage",
        "id = 1",
        "Share 1: time it was made 'garbage' is not a moment in time.",
        "shares",
    ),
    (
        "repeats",
        "rule",
        "garbage",
        "item_id = 3",
        "The repeating of item 3: rule 'garbage' is not a repeat rule Planner reads.",
        "show 3",
    ),
    (
        "repeats",
        "rule",
        "FREQ=HOURLY",
        "item_id = 3",
        "The repeating of item 3: rule 'FREQ=HOURLY' is not a repeat rule Planner reads.",
        "show 3",
    ),
    (
        "repeats",
        "rule",
        "freq=weekly",  # dateutil takes it, but it is not as Planner writes it (a KeyError)
        "item_id = 3",
        "The repeating of item 3: rule 'freq=weekly' is not a repeat rule Planner reads.",
        "show 3",
    ),
    (
        "repeats",
        "anchor",
        "garbage",
        "item_id = 3",
        "The repeating of item 3: first date 'garbage' is not a date.",
        "show 3",
    ),
    (
        "occurrences",
        "expense",
        "x",
        "id = 1",
        "Turn 1: expense 'x' is not a number.",
        "export --format json",
    ),
    (
        "habits",
        "since",
        "garbage",
        "item_id = 2",
        "The habit of item 2: first day 'garbage' is not a date.",
        "habits",
    ),
    (
        "habits",
        "cadence",
        "weekly",
        "item_id = 2",
        "The habit of item 2: times a week (1 to 7 for a weekly habit) '0' is not a whole "
        "number from 0 to 7.",
        "habits",
    ),
    (
        "habit_ticks",
        "day",
        "garbage",
        "item_id = 2",
        "A tick of item 2: day 'garbage' is not a date.",
        "habits",
    ),
    (
        "reminders",
        "days_before",
        1_000_000_000,
        "id = 1",
        "Reminder 1: days before '1000000000' is not a whole number from 0 to 3,650.",
        "reminders",
    ),
    (
        "reminders",
        "time",
        "99:99",
        "id = 1",
        "Reminder 1: time '99:99' is not a time of day (HH:MM).",
        "reminders",
    ),
    (
        "reminders",
        "at",
        "2031-01-01T10:00:00",
        "id = 2",
        "Reminder 2: moment '2031-01-01T10:00:00' is not a moment in time.",
        "reminders",
    ),
]


@pytest.fixture(scope="module")
def every_table(cli: Cli, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan with a row in every table: group 1, goal 2 (due, calculation, a person,
    a metric with a check-in, a journal entry, a habit ticked, two reminders, an image,
    a share), task 3 under it (repeating daily, one turn done)."""
    folder = tmp_path_factory.mktemp("every-table")
    path = folder / "plan.sqlite3"
    picture = folder / "pic.png"
    picture.write_bytes(image_bytes())
    for command in [
        ("add", "Goal A", "--group", "1", "--due", "2030-01-01"),
        ("add", "Task B", "--under", "2"),
        ("cost", "on", "2"),
        ("cost", "add", "2", "Tiles", "2", "10.5"),
        ("person", "add", "Ann"),
        ("assign", "2", "1"),
        ("metric", "set", "2", "--name", "Km", "--baseline", "0", "--target", "10"),
        ("checkin", "2", "3"),
        ("journal", "add", "2", "Went well"),
        ("repeat", "3", "daily"),
        ("done", "3"),
        ("habit", "2", "daily"),
        ("tick", "2"),
        ("remind", "2", "--before", "1d", "--time", "09:00"),
        ("remind", "2", "--at", "2031-01-01 10:00"),
        ("image", "add", "2", picture),
        ("share", "2", "--format", "html", "-o", folder / "card.html"),
    ]:
        cli(path, *command).ok()
    cli(path, "check").ok()
    return path


def written(source: Path, folder: Path, sql: str, *values: object) -> Path:
    """A copy of the plan with `sql` run on it by SQLite itself (as another program would)."""
    path = folder / "plan.sqlite3"
    shutil.copyfile(source, path)
    with sqlite3.connect(path) as con:
        con.execute(sql, values)
    con.close()
    return path


def refusal(problem: str) -> str:
    return (
        f"planner: The plan is damaged: {problem} Restore a backup (planner backup list) or "
        "run planner check."
    )


@pytest.mark.parametrize(
    ("table", "column", "value", "where", "problem", "reader"),
    CASES,
    ids=[f"{c[0]}.{c[1]}={c[2]}" for c in CASES],
)
def test_a_value_that_does_not_read_is_named_and_changes_nothing(
    cli: Cli,
    every_table: Path,
    tmp_path: Path,
    table: str,
    column: str,
    value: object,
    where: str,
    problem: str,
    reader: str,
) -> None:
    path = written(every_table, tmp_path, f"UPDATE {table} SET {column} = ? WHERE {where}", value)
    refused = []
    for command in COMMANDS:
        before = state(path)
        result = cli(path, *command)  # a traceback would fail the test here
        if result.code:
            assert result.out == "" and result.err == refusal(problem) + "\n", (command, result)
            assert changes(path, before) == [], command
            refused.append(" ".join(command))
        else:  # done; a live share it could not refresh after is named in a warning
            assert result.err in ("", f"planner: live shares not updated: {refusal(problem)[9:]}\n")
    assert reader in refused
    result = cli(path, "check")
    assert result.code == 1
    assert problem in result.out.splitlines()


SETTINGS = [
    ("workweek", "garbage"),
    ("holidays", "zz-yy 2025-13-45"),
    ("holiday_country", "not a country"),
    ("currency", "garbage"),
    ("default_reminder", "x 99:99"),
    ("reminders_seen", "garbage"),
    ("card_page", "b5"),
]


@pytest.mark.parametrize(("key", "value"), SETTINGS)
def test_a_setting_that_does_not_read_is_ignored_and_named_by_check(
    cli: Cli, every_table: Path, tmp_path: Path, key: str, value: str
) -> None:
    path = written(
        every_table,
        tmp_path,
        "INSERT OR REPLACE INTO settings (key, value) VALUES"
        " ('workdays', 'on'), ('holiday_country', 'DE'), (?, ?)",
        key,
        value,
    )
    for command in [*COMMANDS, ("add", "New", "--group", "1"), ("currency",), ("workdays",)]:
        result = cli(path, *command)
        assert result.code == 0, (command, result)
    result = cli(path, "check")
    assert result.code == 1
    assert result.out.splitlines() == [
        f"Setting {key}: '{value}' does not read; it is ignored (the default is used)."
    ]
