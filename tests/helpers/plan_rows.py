"""Every row of every table of a plan, read through its own store: for checking that an
undo puts a plan back exactly (and that a refused change leaves it as it was)."""

from __future__ import annotations

from typing import Any

from planner.services.plan import PlanService

# Not the user's data: SQLite's own counters, and when reminders were last looked at.
_LEFT_OUT = {"sqlite_sequence", "alembic_version"}


def plan_rows(service: PlanService) -> dict[str, list[tuple[Any, ...]]]:
    """Table name -> its rows, sorted."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with service.store.read() as unit:
        cursor = unit.cursor()  # type: ignore[attr-defined]
        tables = [
            row[0]
            for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if row[0] not in _LEFT_OUT
        ]
        for table in tables:
            rows = cursor.execute(f'SELECT * FROM "{table}"').fetchall()
            if table == "settings":
                rows = [r for r in rows if r[0] != "reminders_seen"]
            found[table] = sorted(rows, key=repr)
    return found
