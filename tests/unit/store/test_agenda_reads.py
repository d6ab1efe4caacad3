"""The agenda's reads in the file: migration 0006 gives an older plan the views' indexes,
and every read the views and the side bar's counts make goes through its index (never a
scan of the items, and for the counts the index alone); so does the tree's late-child mark."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from planner.app import open_plan
from planner.domain.agenda import ItemQuery
from planner.domain.items import Priority, Status
from planner.store import plan_file
from planner.store.connection import configure, open_sqlite
from planner.store.plain_reads import PlainReads
from planner.store.plan_check import APPLICATION_ID
from tests.helpers.clock import FakeClock
from tests.helpers.migrations import plan_at

AGENDA_INDEXES = {
    "ix_items_status_due": ["status", "due"],
    "ix_items_status_priority_due": ["status", "priority", "due"],
    "ix_items_status_done_at": ["status", "done_at"],
    "ix_items_assignee_status_due": ["assignee_id", "status", "due"],
}


def indexes(con: sqlite3.Connection) -> dict[str, list[str]]:
    names = [row[1] for row in con.execute("PRAGMA index_list(items)")]
    return {n: [c[2] for c in con.execute(f"PRAGMA index_info({n})")] for n in names}


def test_an_older_plan_gets_the_agenda_indexes(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "old.sqlite3"
    plan_at(path, "0005")
    con = sqlite3.connect(path)
    with con:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(
            "INSERT INTO items (id, kind, parent_id, position, title, notes, created, due, "
            "priority, status) VALUES (1, 'group', NULL, 0, 'G', '', "
            "'2025-01-01T00:00:00+00:00', NULL, 0, 'active'), (2, 'item', 1, 0, 'Late', '', "
            "'2025-01-01T00:00:00+00:00', '2026-11-01', 3, 'active')"
        )
    assert "ix_items_assignee" in indexes(con)
    con.close()
    service = open_plan(path, clock=clock)
    try:
        assert plan_file.inspect_plan(path) == plan_file.HEAD_REVISION
        with service.store.read() as unit:
            found = {
                name: [c[2] for c in unit.cursor().execute(f"PRAGMA index_info({name})")]
                for name in AGENDA_INDEXES
            }
            names = [r[1] for r in unit.cursor().execute("PRAGMA index_list(items)")]
        assert found == AGENDA_INDEXES
        assert "ix_items_assignee" not in names  # the assignee's index is the new one's start
        assert [r.title for r in service.all_items()] == ["G", "Late"]
    finally:
        service.store.close()


class Explained(PlainReads):
    """Plain reads that say how SQLite plans each statement before running it."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.plans: list[tuple[str, list[str]]] = []

    def cursor(self) -> Any:
        reads = self

        class Cursor:
            def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
                steps = reads.con.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
                reads.plans.append((sql, [step[3] for step in steps]))
                return reads.con.execute(sql, params)

        return Cursor()


@pytest.fixture
def reads(service: Any, plan_path: Path) -> Any:
    first = service.first_group()
    service.create_item(first.id, "Task", due=date(2026, 12, 1), priority=Priority.HIGH)
    service.store.close()
    con = open_sqlite(plan_path)
    configure(con, read_only=True)
    yield Explained(con)
    con.close()


QUERIES = [
    ItemQuery(due_until=date(2026, 12, 7)),
    ItemQuery(due_after=date(2026, 12, 7), due_until=date(2026, 12, 31)),
    ItemQuery(undated=True),
    ItemQuery(priority=Priority.HIGH),
    ItemQuery(person_id=1),
    ItemQuery(person_id=1, due_until=date(2026, 12, 7)),
    ItemQuery(Status.DONE),
    ItemQuery(Status.DONE, done_since=datetime(2026, 12, 1, tzinfo=UTC)),
]


@pytest.mark.parametrize("query", QUERIES)
def test_each_view_reads_its_index_alone(reads: Explained, query: ItemQuery) -> None:
    reads.agenda_entries(query)
    [(sql, plan)] = reads.plans
    assert len(plan) == 1 and plan[0].startswith("SEARCH items USING COVERING INDEX"), (sql, plan)


def test_the_counts_read_the_indexes_alone(reads: Explained) -> None:
    moments = (datetime(2026, 12, 7, tzinfo=UTC), datetime(2026, 12, 8, tzinfo=UTC))
    reads.agenda_keys(date(2026, 12, 31), moments)
    assert len(reads.plans) == 6  # five of items, one of the past turns of repeating items
    tables = ["items"] * 5 + ["occurrences"]
    for (sql, plan), table in zip(reads.plans, tables, strict=True):
        covered = plan[0].startswith(f"SEARCH {table} USING COVERING INDEX")
        assert len(plan) == 1 and covered, (sql, plan)


def test_a_person_with_a_priority_still_searches_by_person(reads: Explained) -> None:
    reads.agenda_entries(ItemQuery(priority=Priority.HIGH, person_id=1))
    [(_sql, plan)] = reads.plans
    assert plan == [
        "SEARCH items USING INDEX ix_items_assignee_status_due (assignee_id=? AND status=?)"
    ]


def test_the_trees_late_child_mark_reads_the_parents_list(reads: Explained) -> None:
    """The child due last, looked for in its parent's list (SQLite chose to walk every
    item by due date instead: 40 ms a row painted on a plan of 100,000 items)."""
    group_id = reads.con.execute("SELECT id FROM items WHERE parent_id IS NULL").fetchone()[0]
    found = reads.latest_due_child(group_id)
    [(_sql, plan)] = reads.plans
    assert found is not None and found.title == "Task"
    assert plan[0].startswith("SEARCH items USING INDEX ix_items_parent_status_position"), plan
