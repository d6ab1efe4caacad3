"""The window's side of the tree's filter and sorted columns: the bar (View › Filter…), the
status bar's "Filter on: 37 of 35,000 items", why a drop or Move Up/Down cannot reorder
a sorted tree. The bar is made (and its module imported) when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout

from planner import formats
from planner.domain.search_text import matches_so_far_text
from planner.domain.tree_filter import TreeFilter
from planner.i18n import _, ngettext
from planner.services.search import SearchService
from planner.ui.tree.filtering import TreeFiltering
from planner.ui.tree.model import PlanTreeModel
from planner.ui.tree.view import PlanTreeView
from planner.ui.window.filter_search import FilterSearch

if TYPE_CHECKING:
    from planner.ui.tree.filter_bar import FilterBar

MESSAGE_MS = 8000


class FilterActions(QObject):
    """Handed the tree (the bar goes above it, in its page's layout), the status bar's
    label of the filter and the window."""

    def __init__(self, tree: PlanTreeView, label: QLabel, window: QMainWindow) -> None:
        super().__init__(window)
        self.tree, self.label, self.window = tree, label, window
        self.filtering = TreeFiltering(tree)
        self.text_search = FilterSearch(self.filtering)
        self.model: PlanTreeModel | None = None
        self._bar: FilterBar | None = None
        self.filtering.applied.connect(self._show_count)

    @property
    def bar(self) -> FilterBar:
        """The filter bar over the tree (hidden until opened), made when first asked for."""
        if self._bar is None:
            from planner.ui.tree.filter_bar import FilterBar  # not at start-up

            bar = self._bar = FilterBar()
            bar.hide()
            page = self.tree.parentWidget()
            layout = page.layout() if page is not None else None
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.tree), bar)
            bar.changed.connect(self._apply)
            bar.closed.connect(lambda: self.tree.setFocus(Qt.FocusReason.OtherFocusReason))
            self._fill_people()
        return self._bar

    def bind(self, model: PlanTreeModel) -> None:
        """A plan was opened: no filter, its own order (the bar keeps its fields empty)."""
        self.model = model
        self.filtering.bind(model)
        self.tree.show_sorting(model.sorting)  # the header's saved state says nothing
        model.reorderRefused.connect(self._reorder_refused)
        self._fill_people()
        if self._bar is not None and self._bar.isVisible():
            self._apply(self._bar.wanted())

    def bind_search(self, search: SearchService | None) -> None:
        """The open plan's search: the filter's text finds what it finds (None: no plan)."""
        self.text_search.bind(search)

    def plan_closing(self) -> None:
        """The rows open before the filter come back (they are saved next); the bar goes,
        empty: its person belongs to this plan."""
        self.text_search.bind(None)
        self.filtering.clear()
        bar = self._bar
        if bar is not None:
            blocked = bar.blockSignals(True)
            try:
                bar.clear()
                bar.hide()
            finally:
                bar.blockSignals(blocked)
        self.model = None

    def open_bar(self) -> None:
        """View › Filter…: the bar shown, its text field ready."""
        self._fill_people()
        self.bar.open_bar()

    def _apply(self, wanted: TreeFilter) -> None:
        self._fill_people()
        self.filtering.apply(wanted)

    def follow(self, item_ids: list[int]) -> None:
        self._fill_people()
        self.filtering.follow(item_ids)

    def _fill_people(self) -> None:
        model, bar = self.model, self._bar
        if model is not None and bar is not None:
            names = sorted(model.people_names.items(), key=lambda pair: pair[1].casefold())
            bar.set_people(names)

    def _show_count(self) -> None:
        filtering = self.filtering
        self.label.setVisible(filtering.is_on)
        if not filtering.is_on:
            return
        total = filtering.total
        if self.text_search.searching:
            # TRANSLATORS: the status bar while the filter's text is still looked for
            # among items the search index has not caught up with (after an upgrade).
            text = ngettext(
                "Filter on: {found} of {total} item so far, still searching…",
                "Filter on: {found} of {total} items so far, still searching…",
                total,
            )
            if self.tree.filter_hint:  # nothing found yet: not "nothing matches"
                self.tree.filter_hint = matches_so_far_text(0)
        else:
            # TRANSLATORS: the status bar while the tree is filtered: "Filter on: 37 of
            # 35,000 items".
            text = ngettext(
                "Filter on: {found} of {total} item", "Filter on: {found} of {total} items", total
            )
        self.label.setText(
            text.format(found=formats.number(filtering.found), total=formats.number(total))
        )

    def retranslate(self) -> None:
        self._show_count()

    def _reorder_refused(self) -> None:
        self.window.statusBar().showMessage(
            _(
                "The tree is sorted by a column: items cannot be put in order here. "
                "Drop onto an item to move into it, or click the heading until its arrow "
                "goes to see your own order."
            ),
            MESSAGE_MS,
        )

    def unavailable(self, why_not: dict[str, str | None]) -> dict[str, str | None]:
        """Move Up and Down cannot act while the tree is sorted by a column."""
        if self.model is None or self.model.sorting is None:
            return {}
        why = _(
            "The tree is sorted by a column: click the heading until its arrow goes "
            "to move items in your own order."
        )
        return {name: why_not.get(name) or why for name in ("move_up", "move_down")}
