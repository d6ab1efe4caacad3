"""The tree's filter bar and sorted columns, as reads: the items a filter finds (its text
found the way the search finds it: the search index, and the items the index has not
caught up with checked here), how many items it is out of, and a list's sort fields."""

from __future__ import annotations

from datetime import date

from planner.domain.items import Status
from planner.domain.search_text import fold, needles, tier
from planner.domain.tree_filter import SortRow, TreeFilter
from planner.services.ports import Store


class TreeFilterService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def matching(self, wanted: TreeFilter, today: date) -> list[int]:
        """The ids of the items (and groups) a filter finds, each part of it holding,
        whatever is above them (the window shows what is above them)."""
        found = needles(wanted.text)
        with self.store.read() as unit:
            if not found:
                return unit.filtered_ids(wanted, today, skip_stale=False)
            waiting = unit.stale_ids()
            ids = unit.filtered_ids(wanted, today, skip_stale=bool(waiting))
            if waiting:
                for item_id, title, notes in unit.filter_candidates(wanted, today, waiting):
                    if tier(found, fold(title), fold(notes)) is not None:
                        ids.append(item_id)
        return ids

    def total(self) -> int:
        """How many items (groups left out) a filter's count is out of."""
        with self.store.read() as unit:
            return unit.filter_total()

    def sort_rows(self, parent_id: int | None, status: Status) -> list[SortRow]:
        """The fields a column sorts one list of rows by (see the store's sort_rows)."""
        with self.store.read() as unit:
            return unit.sort_rows(parent_id, status)
