"""Where the user is in the tree: the current and selected items, revealing items (their
rows loaded and opened first), and zooming into one item with a breadcrumb back up."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QLabel

from planner.domain.errors import PlannerError
from planner.domain.items import ItemRecord, quoted
from planner.i18n import _
from planner.ui import language
from planner.ui.session import OpenSession
from planner.ui.tree.view import PlanTreeView

Flag = QItemSelectionModel.SelectionFlag


class OtherPage(Protocol):
    """A page shown instead of the tree (a view) that has the selection while it is."""

    def current_record(self) -> ItemRecord | None: ...
    def current_item_id(self) -> int | None: ...
    def selected_records(self) -> list[ItemRecord]: ...
    def reveal(self, item_ids: Sequence[int], edit: bool = False) -> None: ...
    def rename(self) -> None: ...


class Navigator:
    """Handed the tree, the breadcrumb above it and the open plan."""

    def __init__(self, tree: PlanTreeView, breadcrumb: QLabel, session: OpenSession) -> None:
        self.tree = tree
        self.breadcrumb = breadcrumb
        self._session = session
        self.zoomed: int | None = None  # the item that fills the tree, if any
        self.on_zoom: Callable[[], None] = lambda: None  # the window: which actions can run
        # The page shown instead of the tree, if any: the item commands act on its rows.
        self.page: OtherPage | None = None
        breadcrumb.linkActivated.connect(self._breadcrumb_clicked)

    def unavailable(self) -> dict[str, str | None]:
        """Why View › Zoom In and Zoom Out cannot act now (None: they can)."""
        zoomed, current = self.zoomed is not None, self.current_record() is not None
        return {
            "zoom_out": None if zoomed else _("Not zoomed in: nothing to zoom out of."),
            "zoom_in": None if current else _("Select an item first."),
        }

    # -- selection -----------------------------------------------------------------------
    def current_record(self) -> ItemRecord | None:
        if self.page is not None:
            return self.page.current_record()
        session = self._session()
        return session.model.record(self.tree.currentIndex()) if session else None

    def current_item_id(self) -> int | None:
        """The item the details panel shows: the current row's, a view's past turn of a
        repeating item too (which is no record to act on: see ViewPage)."""
        if self.page is not None:
            return self.page.current_item_id()
        record = self.current_record()
        return None if record is None else record.id

    def selected_records(self) -> list[ItemRecord]:
        if self.page is not None:
            return self.page.selected_records()
        session = self._session()
        if session is None:
            return []
        rows = self.tree.selectionModel().selectedRows(0)
        rows.sort(key=session.model._visual_order)
        records = [session.model.record(i) for i in rows]
        return [r for r in records if r is not None]

    def selected_ids(self) -> list[int]:
        ids = [r.id for r in self.selected_records()]
        current = self.current_record()
        if not ids and current is not None:
            ids = [current.id]
        return ids

    def reveal(self, item_ids: Sequence[int], edit: bool = False) -> None:
        """Select items (loading and expanding what is above them) and scroll to them; on
        a view's page, their rows there."""
        if self.page is not None:
            self.page.reveal(item_ids, edit)
            return
        session = self._session()
        if session is None or not item_ids:
            return
        shown = []
        for item_id in item_ids:
            index = self.load_path(item_id)
            if not index.isValid():
                continue
            if self.zoomed is not None and not self._inside_zoom(index):
                self.zoom_to(None)  # showing something outside the zoomed item
            shown.append(item_id)
        # Their rows found once every path is loaded (loading one moves the rows of
        # another: an index taken before would point at a row no longer there).
        found = [session.model.index_for_item(item_id) for item_id in shown]
        found = [index for index in found if index.isValid()]
        if not found:
            return
        # One change of the selection: each one told its watchers (the actions' states
        # read every selected row), 209 rows took 0.7 s.
        selection = self.tree.selectionModel()
        selection.setCurrentIndex(found[0], Flag.Rows | Flag.ClearAndSelect)
        if len(found) > 1:
            rows = QItemSelection()
            for index in found[1:]:
                rows.select(index, index)
            selection.select(rows, Flag.Rows | Flag.Select)
        self.tree.scrollTo(found[-1])
        if edit:
            self.tree.edit(self.tree.currentIndex())

    def go_to(self, item_id: int) -> None:
        """Show an item found elsewhere (search, the assigned panel), the tree in focus."""
        self.reveal([item_id])
        self.tree.setFocus()

    def load_path(self, item_id: int) -> QModelIndex:
        """The item's row, its ancestors' rows loaded and expanded (invalid: not found)."""
        session = self._session()
        assert session is not None
        try:
            chain = [*session.service.path(item_id), session.service.get(item_id)]
        except PlannerError:
            return QModelIndex()
        model = session.model
        for record in chain:
            container = model.container_index(record)
            if container is None:
                return QModelIndex()
            above, closed = container, []
            while above.isValid() and not self.tree.isExpanded(above):
                closed.append(above)
                above = above.parent()
            for index in reversed(closed):  # loaded from the top down already
                self.tree.open_rows.open(index)
            if not model.index_for_item(record.id).isValid():
                return QModelIndex()
        return model.index_for_item(item_id)

    def _inside_zoom(self, index: QModelIndex) -> bool:
        root = self.tree.rootIndex()
        while index.isValid():
            if index == root:
                return True
            index = index.parent()
        return False

    # -- zoom ----------------------------------------------------------------------------
    def zoom_in(self) -> None:
        """Let the current item fill the tree, with a breadcrumb back up."""
        record = self.current_record()
        if record is not None:
            self.zoom_to(record.id)

    def zoom_out(self) -> None:
        """Up one level, the item zoomed out of selected (it was nothing)."""
        session = self._session()
        if self.zoomed is None or session is None:
            return
        left = self.zoomed
        path = session.service.path(left)
        self.zoom_to(path[-1].id if path else None)
        self.reveal([left])

    def zoom_to(self, item_id: int | None) -> None:
        session = self._session()
        if session is None:
            return
        index = QModelIndex() if item_id is None else self.load_path(item_id)
        if item_id is not None and not index.isValid():
            return
        self.zoomed = item_id
        if index.isValid():
            self.tree.open_rows.open(index)
        self.tree.setRootIndex(index)
        self.show_breadcrumb()
        self.show_hint()
        self.on_zoom()

    def zoomed_empty(self) -> bool:
        """Zoomed into an item with nothing under it (the tree would be blank)."""
        session = self._session()
        if self.zoomed is None or session is None:
            return False
        return session.model.rowCount(self.tree.rootIndex()) == 0

    def show_hint(self) -> None:
        """The tree's hint: how to add the first goal to an empty plan, or, zoomed into an
        item with nothing under it, how to add a subtask there."""
        session = self._session()
        if session is None:
            return
        if self.zoomed_empty():
            record = session.service.get(self.zoomed)  # type: ignore[arg-type]
            text = _("Nothing under {title} yet.\nInsert adds a subtask.")
            self.tree.hint_text = text.format(title=quoted(record.title))
            self.tree.empty_hint = True
        else:
            self.tree.hint_text = None
            self.tree.empty_hint = session.model.queries.is_empty()
        self.tree.viewport().update()

    def show_breadcrumb(self) -> None:
        """The chain from the plan down to the zoomed item (after every change)."""
        session = self._session()
        if self.zoomed is None or session is None:
            self.breadcrumb.hide()
            return
        try:
            chain = [*session.service.path(self.zoomed), session.service.get(self.zoomed)]
        except PlannerError:
            self.zoom_to(None)  # the item is gone for good
            return
        # TRANSLATORS: the first link of the breadcrumb above a zoomed-in tree: the whole plan.
        whole_plan = html.escape(_("Plan"))  # (a call inside an f-string is not extracted)
        links = [f'<a href="plan">{whole_plan}</a>']
        for record in chain[:-1]:
            links.append(f'<a href="{record.id}">{html.escape(record.title)}</a>')
        links.append(f"<b>{html.escape(chain[-1].title)}</b>")
        back = html.escape(_("({key}: up)").format(key=language.key_text("Alt+Left")))
        self.breadcrumb.setText(" › ".join(links) + f"&nbsp;&nbsp;<small>{back}</small>")
        self.breadcrumb.show()

    def _breadcrumb_clicked(self, href: str) -> None:
        self.zoom_to(None if href == "plan" else int(href))
