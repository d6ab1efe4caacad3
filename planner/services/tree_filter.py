"""The tree's filter bar and sorted columns, as reads: the items a filter finds (its text
found the way the search finds it: the search index, and the items the index has not
caught up with checked here), how many items it is out of, and a list's sort fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from planner.domain.items import Status
from planner.domain.search_text import Needle, fold, needles, tier
from planner.domain.tree_filter import SortRow, TreeFilter
from planner.services.ports import Store

# Which of the items the search index has not caught up with these words find (the
# window's search keeps their folded texts: folding them again each keystroke took 0.3 s).
WaitingHits = Callable[[list[Needle]], set[int]]


class TreeFilterService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def matching(
        self, wanted: TreeFilter, today: date, waiting_hits: WaitingHits | None = None
    ) -> list[int]:
        """The ids of the items (and groups) a filter finds, each part of it holding,
        whatever is above them (the window shows what is above them). The items the index
        has not caught up with are folded here, unless `waiting_hits` finds them (the
        window's: bounded as a search keystroke is, see ui/window/filter_search.py)."""
        found = needles(wanted.text)
        with self.store.read() as unit:
            if not found:
                return unit.filtered_ids(wanted, today, skip_stale=False)
            if waiting_hits is not None:  # (their texts kept folded: no read of them here)
                ids = unit.filtered_ids(wanted, today, skip_stale=bool(unit.stale_ids(1)))
                among = unit.filtered_among(wanted, today, sorted(waiting_hits(found)))
                indexed = set(ids)  # (kept texts of items another program indexed meanwhile)
                return ids + [item_id for item_id in among if item_id not in indexed]
            waiting = unit.stale_ids()
            ids = unit.filtered_ids(wanted, today, skip_stale=bool(waiting))
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
