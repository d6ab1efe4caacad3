"""Search over titles and notes, for the window's search panel and `planner search`: the
true number of hits, ranked (domain/search_text.py), a page at a time, each hit with its
path. Through the plan's search index (store/search_index.py), brought up to date with
the items marked stale first; where it cannot be (a read-only plan) or need not be yet
(more items waiting than a keystroke has time for), those items are checked here, so the
count is exact either way; or, for a keystroke in the window, only a slice of them folded
and looked through, the page saying it is not complete (SearchPage.complete) until the
rest are (`look_further`, between keys)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.domain.items import ItemRecord
from planner.domain.search_text import TIERS, Needle, Row, fold, hits_by_tier, initials, needles
from planner.services.ports import Store, Unit

PAGE = 50
# Items a search indexes before it reads (about 90 µs each); more are checked here (about
# 20 µs each) while the window's idle steps index them.
CATCH_UP_NOW = 300
STEP = 500  # items one write of catching up folds and indexes (15-30 ms)
# Waiting items whose texts a slice reads and folds (13-50 µs each): what a keystroke
# adds before it answers, or a step of folding them in the background.
FOLD_SLICE = 200
# Folded waiting texts a keystroke looks through for its query before it answers (10,000:
# 3-5 ms), or a step of looking further in the background: past those, the page says it
# is not complete (all 100,000 took 40 ms a keystroke, 75 under load, for a letter).
LOOK_NOW = 10_000
LOOK_SLICE = 10_000
KEPT_SCANS = 4  # the last queries whose looks through the waiting texts are kept


@dataclass(frozen=True, slots=True)
class Hit:
    record: ItemRecord
    path: list[str]  # the titles above it, from its group down


@dataclass(frozen=True, slots=True)
class SearchPage:
    count: int  # every hit, not only this page's
    hits: list[Hit]
    offset: int  # where this page starts among them
    # False: some items the index has not caught up with are not folded yet (a bounded
    # search, see SearchService.search): `count` is of those looked at, so far.
    complete: bool = True


def folded_row(item_id: int, title: str, notes: str) -> tuple[int, str, str, str, str]:
    """An item's row in the search index."""
    title, notes = fold(title), fold(notes)
    return item_id, title, notes, initials(title), initials(notes)


class SearchService:
    """`keep_waiting`: the folded texts of the items the index has not caught up with are
    kept from one search to the next (folding 100,000 items took 1.3 s a keystroke after
    an upgrade), until `plan_changed`: for the window, which says so after every change.
    They are folded a slice at a time (`fold_waiting`), in the window's idle steps or
    while a bounded search waits for them (`look_further`)."""

    def __init__(self, store: Store, keep_waiting: bool = False) -> None:
        self.store = store
        self._keep = keep_waiting
        self._waiting: Waiting | None = None

    def plan_changed(self) -> None:
        """Items may have changed: their kept folded texts are read again when needed."""
        self._waiting = None

    def stale(self) -> int:
        """How many items the index has not caught up with."""
        with self.store.read() as unit:
            return unit.stale_count()

    def catch_up(self, items: int | None = None) -> int:
        """Fold and index up to `items` of the items marked stale (None: all of them), a
        write of STEP at a time; returns how many are still marked. A read-only plan's
        index stays as it is."""
        waiting = self.stale()
        if self.store.read_only or not waiting:
            return waiting  # (nothing written when nothing waits)
        done = 0
        while items is None or done < items:
            size = STEP if items is None else min(STEP, items - done)
            with self.store.plain_write() as unit:
                ids = unit.stale_ids(size)
                if ids:
                    unit.index_texts(ids, [folded_row(*row) for row in unit.texts(ids)])
            if self._waiting is not None and ids:
                self._waiting = self._waiting.without(ids)
            if len(ids) < size:
                return 0
            done += len(ids)
        return self.stale()

    def waiting_folded(self) -> bool:
        """Whether the texts of every item the index has not caught up with are folded
        (kept), so that a search of any budget is complete."""
        return self._waiting is not None and self._waiting.folded

    def fold_waiting(self, items: int = FOLD_SLICE) -> bool:
        """Fold (and keep) the texts of up to `items` more of the waiting items; returns
        whether all of them are folded now."""
        with self.store.read() as unit:
            waiting = self._kept(unit)
            waiting.fold(unit, items)
        return waiting.folded

    def _kept(self, unit: Unit) -> Waiting:
        """The waiting items (kept with `keep_waiting`), none of them folded when new."""
        waiting = self._waiting or Waiting.read(unit)
        if self._keep:
            self._waiting = waiting
        return waiting

    def waiting_hits(self, found: list[Needle]) -> set[int]:
        """Which of the items the index has not caught up with these words find (their
        folded texts kept from one call to the next, as for a search)."""
        return self.waiting_hits_so_far(found)[0]

    def waiting_hits_so_far(
        self, found: list[Needle], fold_now: int | None = None, look_now: int | None = None
    ) -> tuple[set[int], bool]:
        """waiting_hits() bounded as a keystroke's search is (see `search`): the hits
        among those folded and looked at so far, and whether that is every one."""
        with self.store.read() as unit:
            waiting = self._kept(unit)
            waiting.fold(unit, fold_now)
            by_tier, looked = waiting.hits(found, look_now)
        return {item_id for hits in by_tier for item_id in hits}, waiting.folded and looked

    def look_further(self, text: str, rows: int = LOOK_SLICE) -> bool:
        """A step of a bounded search's work (see `search`): look through up to `rows`
        more of the folded waiting texts for this query, folding a slice more of them
        first once those folded are looked through; whether it is complete now."""
        found = needles(text)
        if not found:
            return True
        with self.store.read() as unit:
            waiting = self._kept(unit)
            scan = waiting.scan(found)
            if scan.done(waiting.texts):
                waiting.fold(unit, FOLD_SLICE)
            scan.look(waiting.texts, rows)
            return waiting.folded and scan.done(waiting.texts)

    def search(
        self,
        text: str,
        offset: int = 0,
        limit: int = PAGE,
        fold_now: int | None = None,
        look_now: int | None = None,
    ) -> SearchPage:
        """The hits of a query from `offset`, at most `limit`, and how many there are.
        `fold_now`: fold at most this many more of the items the index has not caught up
        with; `look_now`: look through at most this many more of those folded for this
        query (a word typed further: among the hits of the one before); those not folded
        or looked at are left out (the page says it is not complete). None: all."""
        found = needles(text)
        if not found:
            return SearchPage(0, [], offset)
        if not self.store.read_only and 0 < self.stale() <= CATCH_UP_NOW:
            self.catch_up()
        with self.store.read() as unit:
            waiting = self._kept(unit)
            waiting.fold(unit, fold_now)
            unindexed, looked = waiting.hits(found, look_now)
            skip = waiting.some
            count = unit.hit_count(found, skip) + sum(map(len, unindexed))
            if offset:
                ids = _page(unit, found, skip, unindexed, offset, limit)
            else:
                ids = _first_page(unit, found, skip, unindexed, limit)
            records = unit.get_many(ids)
            paths = unit.paths(ids)
        hits = [Hit(records[i], paths.get(i, [])) for i in ids if i in records]
        return SearchPage(count, hits, offset, waiting.folded and looked)


@dataclass(slots=True)
class Scan:
    """One query's look through the waiting texts, a slice at a time: every text of an id
    up to `upto` looked at, or still to be in `pending` (the hits of a query it narrows,
    see Waiting.scan); the hits so far (`held`) and their ids by tier, in id order."""

    found: list[Needle]
    pending: list[Row]
    upto: int = 0
    checked: int = 0  # of pending
    held: list[Row] = field(default_factory=list)
    tiers: list[list[int]] = field(default_factory=lambda: [[] for _ in range(TIERS)])

    @property
    def probes(self) -> frozenset[str]:
        return frozenset(n.probe for n in self.found)

    def narrowed(self, found: list[Needle]) -> Scan | None:
        """A scan for words that find only what these find (each word of this one inside
        one of them: repo after rep, not rep after re, found at a word's start), looking
        only at this one's hits and what it has not looked at; None for other words."""
        probes = frozenset(n.probe for n in found)
        if not all(any(old in new for new in probes) for old in self.probes):
            return None
        return Scan(found, self.held + self.pending[self.checked :], self.upto)

    def done(self, texts: list[Row]) -> bool:
        """Whether every one of these texts is looked at."""
        return self.checked >= len(self.pending) and (not texts or texts[-1][0] <= self.upto)

    def look(self, texts: list[Row], rows: int | None) -> None:
        """Look at up to `rows` more texts (None: all): those pending first, then those of
        higher ids than any looked at."""
        if self.checked < len(self.pending):
            end = len(self.pending) if rows is None else self.checked + rows
            chunk = self.pending[self.checked : end]
            self.checked += len(chunk)
            self._add(chunk)
            rows = None if rows is None else rows - len(chunk)
            if self.checked < len(self.pending):
                return
            self.pending, self.checked = [], 0
        if rows is not None and rows <= 0:
            return
        start = bisect_right(texts, self.upto, key=_row_id)
        chunk = texts[start:] if rows is None else texts[start : start + rows]
        if chunk:
            self.upto = chunk[-1][0]
            self._add(chunk)

    def without(self, done: set[int]) -> Scan:
        """This look with these items left out (indexed now)."""
        return Scan(
            self.found,
            [row for row in self.pending[self.checked :] if row[0] not in done],
            self.upto,
            held=[row for row in self.held if row[0] not in done],
            tiers=[[i for i in ids if i not in done] for ids in self.tiers],
        )

    def below(self, first: int | None) -> Scan:
        """This look with the items of ids below `first` left out (None: every one)."""
        if first is None:
            return Scan(self.found, [], self.upto)
        pending = self.pending[self.checked :]
        return Scan(
            self.found,
            pending[bisect_left(pending, first, key=_row_id) :],
            self.upto,
            held=self.held[bisect_left(self.held, first, key=_row_id) :],
            tiers=[ids[bisect_left(ids, first) :] for ids in self.tiers],
        )

    def _add(self, rows: list[Row]) -> None:
        """These rows looked at (of higher ids than any before): their hits kept."""
        hits, by_tier = hits_by_tier(self.found, rows)
        self.held += hits
        for kept, more in zip(self.tiers, by_tier, strict=True):
            kept += more


def _row_id(row: Row) -> int:
    return row[0]


@dataclass(slots=True)
class Waiting:
    """The items the index has not caught up with, folded in id order a slice at a time:
    the folded title and notes of those folded so far that exist, in id order; the last
    id folded (`after`). Their ids are read a slice at a time too (reading 100,000 at
    once took 20-40 ms of a first keystroke); items the index catches up with meanwhile
    are found by it, their kept texts dropped (`without`). The last queries' looks
    through them are kept (`scans`): a query looked for again goes on from where it
    stopped, and a word typed further is looked for among the last word's hits."""

    some: bool  # whether any waited when read: a search leaves the waiting ones to this
    texts: list[Row]
    after: int = 0
    folded: bool = False  # every one folded
    scans: dict[tuple[Needle, ...], Scan] = field(default_factory=dict)  # the latest last

    @classmethod
    def read(cls, unit: Unit) -> Waiting:
        """The waiting items, none folded yet."""
        some = bool(unit.stale_ids(1))
        return cls(some, [], folded=not some)

    def fold(self, unit: Unit, items: int | None = None) -> None:
        """Read and fold the texts of up to `items` more of them (None: all)."""
        if self.folded or items == 0:
            return
        taken = unit.stale_ids(items, self.after)
        if items is None or len(taken) < items:
            self.folded = True
        if not taken:
            return
        self.after = taken[-1]
        rows = sorted((i, fold(title), fold(notes)) for i, title, notes in unit.texts(taken))
        self.texts.extend(rows)  # (after every one folded before: both in id order)

    def without(self, indexed: Sequence[int]) -> Waiting:
        """These, indexed now, left out, of the texts and of the looks through them (which
        go on: begun again at every step of the idle indexing, a look never ended). The
        index catches up from the lowest ids: they are the first texts, and the others
        are not looked through (10 ms a step with 100,000 kept)."""
        done = set(indexed)
        first = 0
        while first < len(self.texts) and self.texts[first][0] in done:
            first += 1
        texts = self.texts[first:]
        if done and texts and texts[0][0] < max(done):  # some further on
            texts = [row for row in texts if row[0] not in done]
            left = {key: scan.without(done) for key, scan in self.scans.items()}
        else:  # the ids below the first text left are those indexed
            below = texts[0][0] if texts else None
            left = {key: scan.below(below) for key, scan in self.scans.items()}
        return Waiting(self.some, texts, self.after, self.folded, left)

    def scan(self, found: list[Needle]) -> Scan:
        """This query's look through the texts: the one kept, one narrowing the latest
        it can, or a new one; kept as the latest."""
        key = tuple(found)
        scan = self.scans.pop(key, None)
        if scan is None:
            narrowing = (s.narrowed(found) for s in reversed(self.scans.values()))
            scan = next((s for s in narrowing if s is not None), None) or Scan(found, [])
        self.scans[key] = scan
        while len(self.scans) > KEPT_SCANS:
            del self.scans[next(iter(self.scans))]
        return scan

    def hits(self, found: list[Needle], rows: int | None = None) -> tuple[list[list[int]], bool]:
        """The hits among those folded, by tier, in id order, looking at up to `rows`
        more of them (None: all); and whether every one folded is looked at."""
        scan = self.scan(found)
        scan.look(self.texts, rows)
        return scan.tiers, scan.done(self.texts)


def _first_page(
    unit: Unit, found: list[Needle], skip_stale: bool, unindexed: list[list[int]], limit: int
) -> list[int]:
    """The first hits, tier after tier, each tier in id order: what every keystroke reads.
    Once a tier is reached, the tiers before it held fewer hits than a page, all of them
    read: they are taken out of the tier's widening query here, so FTS5 never works out a
    NOT (that took 2-3 times as long for a query of two words)."""
    page: list[int] = []
    before: set[int] = set()  # the indexed hits of the tiers before, every one
    for rank in range(TIERS):
        wanted = limit - len(page)
        if wanted <= 0:
            break
        ids = unit.widening_ids(found, rank, skip_stale, wanted + len(before))
        indexed = [i for i in ids if i not in before]
        before.update(indexed)
        page += _merged(indexed, unindexed[rank])[:wanted]
    return page


def _page(
    unit: Unit,
    found: list[Needle],
    skip_stale: bool,
    unindexed: list[list[int]],
    offset: int,
    limit: int,
) -> list[int]:
    """The ids from `offset` on (a later page), tier after tier, each tier in id order. A
    tier is counted only to be skipped."""
    page: list[int] = []
    for rank in range(TIERS):
        if len(page) >= limit:
            break
        if offset:
            size = unit.hit_count(found, skip_stale, rank) + len(unindexed[rank])
            if offset >= size:
                offset -= size
                continue
        wanted = limit - len(page)
        if unindexed[rank]:
            indexed = unit.tier_ids(found, rank, skip_stale, offset + wanted)
            page += _merged(indexed, unindexed[rank])[offset : offset + wanted]
        else:
            page += unit.tier_ids(found, rank, skip_stale, wanted, offset)
        offset = 0
    return page


def _merged(first: Sequence[int], second: Sequence[int]) -> list[int]:
    return sorted([*first, *second])
