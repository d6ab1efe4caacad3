"""A plan's search index as just after the upgrade to it: every item waiting."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def every_item_waiting(plan_path: Path) -> None:
    """Every item marked for the search index (SQLite's own connection, closed after)."""
    con = sqlite3.connect(plan_path)
    con.execute("INSERT OR IGNORE INTO search_stale SELECT id FROM items")
    con.commit()
    con.close()
