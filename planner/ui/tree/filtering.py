"""A filter over the tree: the items it finds shown with every row above them (those
greyed), the rest hidden by the view; the rows the user had open given back when it
clears.

The items found come from one read (services/tree_filter.py); the rows above them from the
parent links the progress rollup keeps in memory. Only the rows of lists that are loaded
and shown are hidden (a list opened later hides its rows as it opens), so a keystroke
touches the rows near what is found, not the whole plan. Rows stay hidden through a sort:
Qt moves them with their rows.

An item changed while a filter is on stays shown until the filter changes, greyed if it
no longer matches: it does not vanish from under the user's hands (a new item, a date
moved, a title retyped).

Paths through lists not loaded yet (the first filter of a window, finding items all over
the plan: 3,000 lists) are opened from the top down until the first screens are shown;
the paths below those are shown closed and opened a slice at a time, the window's events
let in between (a change, another filter or Clear meanwhile starts over or stops them).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from itertools import compress

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal

from planner.domain.structure import ABSENT, ACTIVE, DONE
from planner.domain.tree_filter import TreeFilter
from planner.i18n import _
from planner.services.tree_filter import WaitingHits
from planner.ui.tree.lazy import CountsByKey, LazyTree
from planner.ui.tree.model import PlanTreeModel
from planner.ui.tree.nodes import (
    DELETED,
    ROOT,
    STATUS_OF_LIST,
    is_section,
    item_key,
    section_key,
    zero_counts,
)
from planner.ui.tree.nodes import DONE as DONE_SECTION
from planner.ui.tree.view import PlanTreeView

Hidden = dict[int, set[int]]  # rows hidden (keys), by the list they are in (its key)
FIRST_ROWS = 120  # rows shown at once from the top (lists loaded first); see _open_more
SLICE_S = 0.008  # the paths below them opened this long at a time, then the window's events
HIDE_BATCH = 100  # (lists whose rows are hidden between two looks at the clock)


class TreeFiltering(QObject):
    """Handed the view; told of the model it shows (`bind`)."""

    applied = Signal()  # the rows shown changed (the window says how many are found)

    def __init__(self, view: PlanTreeView) -> None:
        super().__init__(view)
        self.view = view
        self.model: PlanTreeModel | None = None
        self.wanted = TreeFilter()
        self.found = 0  # items (groups left out) the filter finds, with a path it allows
        self.total = 0  # items in the plan
        self._total_read = False  # `total` read since the plan last changed
        self._shown: set[int] = set()  # keys of the rows shown: found, and above them
        self._hidden: Hidden = {}  # the rows hidden, by the list they are in
        self._touched: set[int] = set()  # ids changed under this filter: they stay
        self._open_before: set[int] = set()  # rows open when the filter came on
        self.waiting_hits: WaitingHits | None = None  # the search's, where it keeps them
        # The paths below the first screen, opened a slice at a time (_open_more): the
        # filter's lists (see refilter), the rows still to walk down from, the lists the
        # walk loaded (their rows not shown to hide), the rows to open at the end, and the
        # lists read and their rows' counts, once read (the plan unchanged since: a change
        # filters again).
        self._opening = False
        self._lists: set[int] = set()
        self._walk: list[int] = []
        self._walked: list[int] = []
        self._to_open: list[int] = []
        self._lists_read: dict[int, list[int]] | None = None
        self._counts: CountsByKey | None = None
        self._more = QTimer(self)
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(self._open_more)
        view.expanded.connect(self._expanded)  # after OpenRows: the list is loaded
        view.open_rows.loaded.connect(self._many_opened)  # Expand All: no signal a row

    @property
    def is_on(self) -> bool:
        return self.wanted.is_on

    @property
    def opening(self) -> bool:
        """Whether paths below the first screen are still being opened (_open_more)."""
        return self._opening

    def _stop_opening(self) -> None:
        self._more.stop()
        self._opening, self._lists_read, self._counts = False, None, None
        self._walk, self._walked, self._to_open = [], [], []

    def bind(self, model: PlanTreeModel | None) -> None:
        self.model = model
        self.wanted, self._touched = TreeFilter(), set()
        self._total_read = False
        self._forget()
        if model is not None:
            model.modelReset.connect(self._forget)

    def _forget(self) -> None:
        """The view forgot its hidden rows (a new model, or the same one reloaded)."""
        self._stop_opening()
        self._shown, self._hidden = set(), {}
        self.view.filter_hint = None
        if self.model is not None:
            self.model.context_keys = set()

    # -- the user's filter ---------------------------------------------------------------
    def apply(self, wanted: TreeFilter) -> None:
        """Show what a filter finds (an empty filter: everything, as before it)."""
        if not wanted.is_on:
            self.clear()
            return
        if not self.wanted.is_on:
            self._open_before = set(self.view.open_rows.keys)
        self.wanted, self._touched = wanted, set()
        self.refilter()

    def clear(self) -> None:
        """Every row shown again, the rows open before the filter open again (with the
        current row's path, so that what the user went to stays in sight)."""
        model = self.model
        was_on = self.wanted.is_on
        self.wanted, self._touched = TreeFilter(), set()
        self._stop_opening()
        if model is None or not was_on:
            return
        self._show_rows({})
        model.context_keys = set()
        self._shown = set()
        self.view.filter_hint = None
        wanted_open = set(self._open_before) | self._path_of(self.view.currentIndex())
        open_now = set(self.view.open_rows.keys)
        self.view.open_rows.close_keys(open_now - wanted_open)
        self.view.open_rows.open_keys(k for k in wanted_open - open_now if model.key_has_rows(k))
        self.view.viewport().update()
        if self.view.currentIndex().isValid():
            self.view.scrollTo(self.view.currentIndex())
        self.applied.emit()

    def follow(self, item_ids: Iterable[int]) -> None:
        """After a change: the items it touched stay shown, the rest is filtered again."""
        self._total_read = False  # (items may have come or gone)
        if self.wanted.is_on and self.model is not None:
            self._touched.update(item_ids)
            self.refilter()

    # -- filtering -----------------------------------------------------------------------
    def refilter(self) -> None:
        model = self.model
        if model is None or not self.wanted.is_on:
            return
        self._stop_opening()
        if not self._total_read:  # once, not at every keystroke
            self.total, self._total_read = model.filter_reads.total(), True
        if self._sections_only:
            self._hide_sections()
            return
        matches = model.filter_reads.matching(self.wanted, model.today(), self.waiting_hits)
        shown, found, above = self._rows_above(matches)
        kept, _kept, kept_above = self._rows_above(self._touched)
        self._shown = shown | kept
        # The rows shown open (with rows shown in them), and the row zoomed in on.
        lists = above | kept_above | {ROOT, model.key_of(self.view.rootIndex())}
        self._lists = lists
        now, opened = self._open_paths(lists)
        self._hide_rows_not_shown(now | (self._shown & self.view.open_rows.keys))
        model.context_keys = self._shown - found - {ROOT}
        self.found = self._count_items(found)
        if opened:
            self.view.open_rows.open_keys(opened)
        self._keep_current_in_sight(found)
        self._say_if_nothing_found(found)
        self.view.viewport().update()
        if self._opening:
            self._more.start()
        self.applied.emit()

    def _say_if_nothing_found(self, found: set[int]) -> None:
        """Nothing found: the tree says so (and no hidden row stays current)."""
        nothing = not found and not self._touched
        self.view.filter_hint = (
            _("Nothing matches the filter.\n\nChange it, or press Clear to see every item.")
            if nothing
            else None
        )
        if nothing:
            self.view.setCurrentIndex(QModelIndex())

    @property
    def _sections_only(self) -> bool:
        """The filter only hides the Done and Deleted sections: every other row stays as
        it is, open or closed (nothing is opened to show what is found: everything is)."""
        return self.wanted == TreeFilter(hide_closed=True)

    def _hide_sections(self) -> None:
        """The Done and Deleted rows of the lists shown open hidden (a list opened later
        hides its own as it opens); what is found counted in memory, not read."""
        model = self.model
        assert model is not None
        self._shown = set()
        model.context_keys = set()
        lists = {ROOT, model.key_of(self.view.rootIndex()), *self.view.open_rows.keys}
        self._show_rows(model.loaded_sections(lists))
        status = model.ensure_rollup().status
        self.found = self._count_open(compress(range(len(status)), map(ACTIVE.__eq__, status)))
        self.view.viewport().update()
        self.applied.emit()

    def _keep_current_in_sight(self, found: set[int]) -> None:
        """A current row the filter hides gives way to the first row found (the details
        panel follows it), so that the window never acts on a row no one can see."""
        model = self.model
        assert model is not None
        if model.key_of(self.view.currentIndex()) in self._shown:
            return
        index = model.index(0, 0, self.view.rootIndex())  # the row zoomed in on, if any
        while index.isValid() and model.key_of(index) not in found:
            index = self.view.indexBelow(index)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def _count_open(self, item_ids: Iterable[int]) -> int:
        """How many of these items (groups left out) have nothing done or deleted on
        their path: each step up looked at once (100,000 items)."""
        model = self.model
        assert model is not None
        rollup = model.ensure_rollup()
        parent, status = rollup.parent, rollup.status
        state = bytearray(len(status))  # 0: not known yet, 1: open path, 2: closed
        state[0] = 1
        count = 0
        for item_id in item_ids:
            path, node = [], item_id
            while node < len(state) and not state[node]:
                if status[node] != ACTIVE:
                    state[node] = 2
                    break
                path.append(node)
                node = parent[node]
            answer = state[node] if node < len(state) else 2
            for step in path:
                state[step] = answer
            count += answer == 1 and parent[item_id] != 0
        return count

    def _count_items(self, keys: set[int]) -> int:
        """How many of these rows are items (not groups: a group has no parent)."""
        model = self.model
        assert model is not None
        parent = model.ensure_rollup().parent
        size = len(parent)
        return sum(1 for key in keys if 0 < key // 4 < size and parent[key // 4] != 0)

    def _rows_above(self, item_ids: Iterable[int]) -> tuple[set[int], set[int], set[int]]:
        """The keys of the rows shown for these items (theirs and every row above them,
        section rows included), of the items themselves, and of the rows with rows shown
        below them; an item with a done or deleted step on its path is left out when the
        filter hides those sections."""
        model = self.model
        assert model is not None
        rollup = model.ensure_rollup()
        parent, status = rollup.parent, rollup.status
        hide_closed = self.wanted.hide_closed
        shown: set[int] = {ROOT}
        found: set[int] = set()
        above: set[int] = set()
        for item_id in item_ids:
            path: list[int] = []
            node = item_id
            while node and item_key(node) not in shown:
                code = status[node] if node < len(status) else ABSENT
                if code == ABSENT or (hide_closed and code != ACTIVE):
                    path = []
                    break
                path.append(item_key(node))
                up = parent[node]
                if code != ACTIVE:
                    section = DONE_SECTION if code == DONE else DELETED
                    path.append(section_key(up or None, section))
                node = up
            else:
                shown.update(path)
                above.update(path[1:])
                above.add(item_key(node))
                found.add(item_key(item_id))
        return shown, found, above

    def _open_paths(self, lists: set[int]) -> tuple[set[int], list[int]]:
        """Load the lists shown open (`lists`: the rows with rows shown) from the top
        down, in the order shown, until FIRST_ROWS rows are shown (a few lists, each its
        own read; the paths below them: _open_more); the lists loaded now (with those
        loaded before), and the rows to open (those not open yet). Only the rows in
        `lists` are walked: the rows found below them are in loaded lists already."""
        model = self.model
        assert model is not None
        loaded = {key for key in lists if model.is_key_loaded(key)}
        to_open = [key for key in loaded if self._closed(key)]
        if len(loaded) == len(lists):  # (no walk: 10 ms of 3,000 lists)
            return loaded, to_open
        walked, stack, rows = set(), [ROOT], 0
        while stack and rows < FIRST_ROWS:
            key = stack.pop()
            if key not in loaded:
                model.load_key(key)
                walked.add(key)
                if self._closed(key):
                    to_open.append(key)
            # The rows shown so far, in the order shown: this one, and those below it that
            # have no rows shown (the others are counted as the walk gets to them).
            listed = model.listed_keys(key)
            rows += 1 + sum(1 for k in listed if k in self._shown and k not in lists)
            stack.extend(reversed([k for k in listed if k in lists]))
        self._opening, self._walk = bool(stack), stack
        return loaded | walked, to_open

    def _closed(self, key: int) -> bool:
        """Whether a loaded row is not shown open (asking Qt only of the rows said to be
        open: 3,000 rows to open took 5 ms)."""
        model = self.model
        assert model is not None
        if key == ROOT:
            return False
        open_keys, is_open = self.view.open_rows.keys, self.view.isExpanded
        return key not in open_keys or not is_open(model.index_for_key(key))

    def _open_more(self) -> None:
        """The next slice of the paths below the first screen, the window's events in
        between (a filter finding 2,000 items all over the plan shows its first screen at
        once, not after 250 ms): the first slice reads every list they need in one go
        (3,000 lists: 20 ms), the second counts what their rows need (the rollup's
        links: 15 ms), the next ones load the lists, parents first, then hide their rows
        not shown (no one sees either: their rows are closed), and the last opens them
        all, one layout."""
        model = self.model
        if model is None or not self._opening or not self.wanted.is_on:
            return
        if self._lists_read is None:
            self._lists_read = model.lists_read(
                [key for key in self._lists if not model.is_key_loaded(key)]
            )
        elif self._counts is None:
            self._counts = self._child_counts()
        elif self._walk:
            with model.reading_ahead(self._lists_read, self._counts):
                self._load_slice(model)
        elif self._walked:
            deadline = time.perf_counter() + SLICE_S
            while self._walked and time.perf_counter() < deadline:
                self._hide_rows_not_shown(set(self._walked[-HIDE_BATCH:]))
                del self._walked[-HIDE_BATCH:]
        else:
            self._opening = False
            self.view.open_rows.open_keys(self._to_open)
            self.view.viewport().update()
        if self._opening:
            self._more.start()

    def _load_slice(self, model: PlanTreeModel) -> None:
        """Load the lists of the paths for SLICE_S, parents first."""
        deadline = time.perf_counter() + SLICE_S
        walk, lists = self._walk, self._lists
        while walk and time.perf_counter() < deadline:
            key = walk.pop()
            if not model.is_key_loaded(key):
                model.load_key(key)
                self._walked.append(key)
                if self._closed(key):
                    self._to_open.append(key)
            walk.extend(reversed([k for k in model.listed_keys(key) if k in lists]))

    def _child_counts(self) -> CountsByKey:
        """Every item's children by status, from the rollup's links in memory (one pass
        over the plan's ids: the rows a filter's lists bring need theirs)."""
        model = self.model
        assert model is not None
        rollup = model.ensure_rollup()
        counts: CountsByKey = {}
        zero = zero_counts()
        for (parent, code), n in Counter(zip(rollup.parent, rollup.status, strict=True)).items():
            if code != ABSENT:
                key = item_key(parent)
                of_key = counts.get(key) or counts.setdefault(key, zero.copy())
                of_key[STATUS_OF_LIST[code - 1]] = n
        return counts

    def _hide_rows_not_shown(self, lists: set[int]) -> None:
        """Hide the rows not shown in these lists (the lists Qt lays out: the rows shown
        open), and show again those hidden before that are shown now. A list left out
        keeps its rows as they were: it is under a hidden or closed row, so no one sees
        them (switching from a filter of 2,000 items to another, 28,000 rows shown again
        for nothing); it is made right when it is shown again, here or as its row opens
        (`_expanded`), or when the filter clears (every row shown)."""
        model = self.model
        assert model is not None
        shown, hidden = self._shown, self._hidden  # (the lists left out stay as they are)
        for list_key in lists:
            was = hidden.pop(list_key, None)
            if was is None:
                now = self._hide_in(list_key)
            else:
                now = set(model.listed_keys(list_key)) - shown
                if was != now:
                    self._set_hidden(list_key, was - now, False)
                    self._set_hidden(list_key, now - was, True)
            if now:
                hidden[list_key] = now

    def _hide_in(self, list_key: int) -> set[int]:
        """Hide the rows not shown in a list that has none hidden, their rows picked in
        one pass (no map of the rows: a filter of 2,000 items spread over the plan hides
        30,000 rows in 3,000 lists); the keys hidden."""
        model = self.model
        assert model is not None
        listed = model.listed_keys(list_key)
        hidden = set(listed).difference(self._shown)
        if hidden:
            parent, set_hidden = model.index_for_key(list_key), self.view.setRowHidden
            for row in compress(range(len(listed)), map(hidden.__contains__, listed)):
                set_hidden(row, parent, True)
        return hidden

    def _show_rows(self, hidden: Hidden) -> None:
        """Hide exactly these rows (by list): those no longer hidden shown again."""
        old = self._hidden
        for list_key, now in hidden.items():
            was = old.get(list_key, set())
            self._set_hidden(list_key, was - now, False)
            self._set_hidden(list_key, now - was, True)
        for list_key in old.keys() - hidden.keys():
            self._set_hidden(list_key, old[list_key], False)
        self._hidden = hidden

    def _set_hidden(self, list_key: int, keys: set[int], hide: bool) -> None:
        model = self.model
        assert model is not None
        if not keys:
            return
        listed = model.listed_keys(list_key)  # (their rows picked in one pass, as _hide_in)
        parent, set_hidden = model.index_for_key(list_key), self.view.setRowHidden
        for row in compress(range(len(listed)), map(keys.__contains__, listed)):
            set_hidden(row, parent, hide)
        for key in keys.difference(listed):  # moved to another list (Qt's mark went with it)
            self._hide(model, key, hide)

    def _hide(self, model: LazyTree, key: int, hide: bool) -> None:
        index = model.index_for_key(key)
        if index.isValid():
            self.view.setRowHidden(index.row(), index.parent(), hide)

    def _expanded(self, index: QModelIndex) -> None:
        """A row opened under a filter: its rows not shown are hidden. (None shown is
        hidden: a row with rows shown is in the lists the filter made right.)"""
        model = self.model
        if model is None or not self.wanted.is_on:
            return
        key = model.key_of(index)
        sections_only = self._sections_only
        if key not in self._shown and not sections_only:
            return
        for child in model.listed_keys(key):
            if sections_only and not is_section(child):
                continue
            hidden = self._hidden.setdefault(key, set())
            if child not in self._shown and child not in hidden:
                self._hide(model, child, True)
                hidden.add(child)

    def _many_opened(self) -> None:
        """Many rows were opened at once (Expand All, a row with all below it), each
        without a word: under a filter, the lists now shown filtered as one opened by hand."""
        if self.wanted.is_on:
            self.refilter()

    def _path_of(self, index: QModelIndex) -> set[int]:
        """The keys of the rows above a row."""
        model = self.model
        keys: set[int] = set()
        if model is None:
            return keys
        index = index.parent()
        while index.isValid():
            keys.add(model.key_of(index))
            index = index.parent()
        return keys
