"""The tree filter's text over the items the search index has not caught up with (after an
upgrade, 100,000 of them), as the search panel's keystroke: a keystroke folds and looks
through a slice of them (all at once took 1.3 s), the rest are looked through between
keys, and the filter is applied again once every one is; meanwhile the status bar says
the count is of those looked at so far (FilterActions asks `searching`)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from planner.domain.errors import PlannerError
from planner.domain.search_text import Needle, needles
from planner.services.search import FOLD_SLICE, LOOK_NOW, SearchService
from planner.ui.tree.filtering import TreeFiltering


class FilterSearch(QObject):
    """Gives the filter (`TreeFiltering.waiting_hits`) the waiting items its text finds."""

    def __init__(self, filtering: TreeFiltering) -> None:
        super().__init__(filtering)
        self.filtering = filtering
        self.search: SearchService | None = None
        self._text = ""  # the filter's text whose hits are still being looked for
        self._complete = True
        self._exact = False  # every waiting item looked at: the filter applied once more
        self._steps = QTimer(self)
        self._steps.setInterval(0)  # a slice a turn of the event loop: input between
        self._steps.timeout.connect(self._step)

    def bind(self, search: SearchService | None) -> None:
        """The open plan's search (None: no plan)."""
        self.search = search
        self._steps.stop()
        self._complete = True
        self.filtering.waiting_hits = self.hits if search is not None else None

    @property
    def searching(self) -> bool:
        """Whether the filter on shows what its text found among those looked at so far."""
        on = self.filtering.wanted
        return not self._complete and on.is_on and on.text == self._text

    def hits(self, found: list[Needle]) -> set[int]:
        """The waiting items these words find, among a slice more of them than before;
        the rest looked through between keys."""
        assert self.search is not None
        budget = None if self._exact else FOLD_SLICE
        look = None if self._exact else LOOK_NOW
        hits, self._complete = self.search.waiting_hits_so_far(found, budget, look)
        self._text = self.filtering.wanted.text
        if self._complete:
            self._steps.stop()
        else:
            self._steps.start()
        return hits

    def _step(self) -> None:
        search = self.search
        if search is None or not self.searching or not needles(self._text):
            self._steps.stop()
            return
        try:
            done = search.look_further(self._text)
        except PlannerError:  # the plan cannot be read now: what was found so far stays
            self._steps.stop()
            return
        if done:
            self._steps.stop()
            self._exact = True  # (every one folded and looked at: nothing left to bound)
            try:
                self.filtering.refilter()
            finally:
                self._exact = False
