"""The search index's SQL (migration 0009): reading hits tier by tier, and bringing the
index up to date with the items marked stale. Plain SQL on the DB-API connection, mixed
into PlainReads, so the command line and the window's first search load no SQLAlchemy.

Tiers partition the hits (see domain/search_text.py): each is one FTS5 query, so a count
or a page of one tier is one read of the index, in rowid order, with no rank computed
over every hit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from planner.domain.search_text import TIERS, Kind, Needle

TEXT_COLUMNS = "{title notes}"
STARTS_COLUMNS = "{title_starts notes_starts}"
FoldedRow = tuple[int, str, str, str, str]  # id, title, notes, and their words' initials
_NOT_STALE = "AND rowid NOT IN (SELECT id FROM search_stale)"


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _anywhere(needle: Needle) -> str:
    if needle.kind is Kind.INITIAL:
        return f"{STARTS_COLUMNS} : {_phrase(f' {needle.text} ')}"
    return f"{TEXT_COLUMNS} : {_phrase(needle.text)}"


def _in_title(needle: Needle) -> str:
    if needle.kind is Kind.INITIAL:
        return f"title_starts : {_phrase(f' {needle.text} ')}"  # not-ui: FTS5 query
    return f"title : {_phrase(needle.text)}"  # not-ui: FTS5 query


def _all(parts: list[str]) -> str:
    return "(" + " AND ".join(f"({p})" for p in parts) + ")"


def every_hit(needles: Sequence[Needle]) -> str:
    """The FTS5 query that finds every hit."""
    return _all([_anywhere(n) for n in needles])


def widening_queries(needles: Sequence[Needle]) -> list[str]:
    """One FTS5 query for each tier, each finding its tier and (some of) the tiers before:
    every needle a whole word of the title; in the title; a whole word anywhere;
    anywhere. A tier's hits are its query's hits less those of the queries before."""
    return [
        _all([f"title : {_phrase(n.whole)}" for n in needles]),  # not-ui: FTS5 query
        _all([_in_title(n) for n in needles]),
        _all([f"{TEXT_COLUMNS} : {_phrase(n.whole)}" for n in needles]),
        every_hit(needles),
    ]


def tier_queries(needles: Sequence[Needle]) -> list[str]:
    """One FTS5 query for each tier; together they find every hit, each once."""
    whole_title, in_title, whole_any, anywhere = widening_queries(needles)
    queries = [
        whole_title,
        f"{in_title} NOT {whole_title}",
        f"{whole_any} NOT {in_title}",
        f"{anywhere} NOT ({in_title} OR {whole_any})",
    ]
    assert len(queries) == TIERS
    return queries


class SearchRows:
    """The index's reads and writes, in the unit's transaction (`cursor()`)."""

    def cursor(self) -> sqlite3.Cursor:
        raise NotImplementedError

    def stale_count(self) -> int:
        return int(self.cursor().execute("SELECT count(*) FROM search_stale").fetchone()[0])

    def stale_ids(self, limit: int | None = None, after: int = 0) -> list[int]:
        """The first ids marked stale (those above `after`), in id order."""
        sql = "SELECT id FROM search_stale WHERE id > ? ORDER BY id LIMIT ?"
        rows = self.cursor().execute(sql, (after, -1 if limit is None else limit))
        return [item_id for (item_id,) in rows]

    def texts(self, item_ids: Sequence[int]) -> list[tuple[int, str, str]]:
        """(id, title, notes) of those of these items that exist."""
        found: list[tuple[int, str, str]] = []
        for start in range(0, len(item_ids), 500):
            chunk = list(item_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT id, title, notes FROM items WHERE id IN ({marks})"
            found.extend(self.cursor().execute(sql, chunk))
        return found

    def index_texts(self, stale: Sequence[int], rows: Sequence[FoldedRow]) -> None:
        """Replace the index's entries of these stale items by `rows` (none for an item
        that is gone), and take their marks off. A write: in a write unit."""
        cursor = self.cursor()
        for start in range(0, len(stale), 500):
            chunk = list(stale[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            old = cursor.execute(f"SELECT * FROM item_text WHERE id IN ({marks})", chunk)
            cursor.executemany(
                "INSERT INTO item_search (item_search, rowid, title, notes, title_starts,"
                " notes_starts) VALUES ('delete', ?, ?, ?, ?, ?)",
                old.fetchall(),
            )
            cursor.execute(f"DELETE FROM item_text WHERE id IN ({marks})", chunk)
            cursor.execute(f"DELETE FROM search_stale WHERE id IN ({marks})", chunk)
        cursor.executemany("INSERT INTO item_text VALUES (?, ?, ?, ?, ?)", rows)
        cursor.executemany(
            "INSERT INTO item_search (rowid, title, notes, title_starts, notes_starts)"
            " VALUES (?, ?, ?, ?, ?)",
            rows,
        )

    def hit_count(
        self, needles: Sequence[Needle], skip_stale: bool, tier: int | None = None
    ) -> int:
        """How many items have every needle (or are in one tier), less the stale ones with
        `skip_stale`."""
        sql = "SELECT count(*) FROM item_search WHERE item_search MATCH ?"
        sql += f" {_NOT_STALE}" if skip_stale else ""
        query = every_hit(needles) if tier is None else tier_queries(needles)[tier]
        return int(self.cursor().execute(sql, (query,)).fetchone()[0])

    def widening_ids(
        self, needles: Sequence[Needle], tier: int, skip_stale: bool, limit: int
    ) -> list[int]:
        """The first ids, in id order, at most `limit`, of a tier's widening query (its
        tier and some of the tiers before): no NOT for FTS5 to work out, and it stops at
        the limit."""
        sql = "SELECT rowid FROM item_search WHERE item_search MATCH ?"
        sql += f" {_NOT_STALE}" if skip_stale else ""
        sql += " ORDER BY rowid LIMIT ?"
        query = widening_queries(needles)[tier]
        return [row[0] for row in self.cursor().execute(sql, (query, limit))]

    def tier_ids(
        self, needles: Sequence[Needle], tier: int, skip_stale: bool, limit: int, offset: int = 0
    ) -> list[int]:
        """The ids of one tier, in id order, from `offset`, at most `limit` (FTS5 gives
        them in that order, and stops at the limit)."""
        sql = "SELECT rowid FROM item_search WHERE item_search MATCH ?"
        sql += f" {_NOT_STALE}" if skip_stale else ""
        sql += " ORDER BY rowid LIMIT ? OFFSET ?"
        query = tier_queries(needles)[tier]
        return [row[0] for row in self.cursor().execute(sql, (query, limit, offset))]
