"""What the user does to items: select, zoom, create, rename, edit, done, delete,
restore, purge, indent, move and drop. Each action is one undoable step."""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from planner.domain import changes as ch
from planner.domain.errors import InvalidInput, PlannerError
from planner.domain.items import ItemRecord, Section, Status, quoted
from planner.domain.validation import clean_title
from planner.services.plan import Clock, PlanService
from planner.ui.controller import PlanController
from planner.ui.details.panel import DetailsPanel
from planner.ui.tree.model import Column, PlanTreeModel
from planner.ui.tree.view import PlanTreeView


def _unchanged(record: ItemRecord, field: str, value: Any) -> bool:
    if field == "title":
        try:
            return clean_title(str(value)) == record.title
        except InvalidInput:
            return False
    return bool(getattr(record, field) == value)


class ItemActions(QMainWindow):
    """The item actions of the main window; the window itself builds the widgets and menus
    these work on."""

    service: PlanService | None
    model: PlanTreeModel | None
    controller: PlanController | None
    tree: PlanTreeView
    details: DetailsPanel
    breadcrumb: QLabel
    zoomed: int | None
    clock: Clock
    # While an action runs, the details panel is shown once at its end, not after each of
    # its steps (the change, the selection, the current row): None when no action runs.
    _details_held: bool | None = None

    # -- selection -----------------------------------------------------------------------
    def today(self) -> date:
        return self.clock().astimezone().date()

    def current_record(self) -> ItemRecord | None:
        return self.model.record(self.tree.currentIndex()) if self.model else None

    def selected_records(self) -> list[ItemRecord]:
        if self.model is None:
            return []
        rows = self.tree.selectionModel().selectedRows(0)
        rows.sort(key=self.model._visual_order)
        records = [self.model.record(i) for i in rows]
        return [r for r in records if r is not None]

    def selected_ids(self) -> list[int]:
        ids = [r.id for r in self.selected_records()]
        current = self.current_record()
        if not ids and current is not None:
            ids = [current.id]
        return ids

    def reveal(self, item_ids: Sequence[int], edit: bool = False) -> None:
        """Select items (loading and expanding what is above them) and scroll to them."""
        if self.model is None or not item_ids:
            return
        selection = self.tree.selectionModel()
        first = True
        for item_id in item_ids:
            index = self._load_path(item_id)
            if not index.isValid():
                continue
            if self.zoomed is not None and not self._inside_zoom(index):
                self.zoom_to(None)  # showing something outside the zoomed item
            flags = QItemSelectionModel.SelectionFlag.Rows | (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                if first
                else QItemSelectionModel.SelectionFlag.Select
            )
            if first:
                selection.setCurrentIndex(index, flags)
                first = False
            else:
                selection.select(index, flags)
            self.tree.scrollTo(index)
        if edit and not first:
            self.tree.edit(self.tree.currentIndex())

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
        if self.zoomed is None or self.service is None:
            return
        path = self.service.path(self.zoomed)
        self.zoom_to(path[-1].id if path else None)

    def zoom_to(self, item_id: int | None) -> None:
        if self.model is None:
            return
        index = QModelIndex() if item_id is None else self._load_path(item_id)
        if item_id is not None and not index.isValid():
            return
        self.zoomed = item_id
        if index.isValid():
            self.model.fetchMore(index)
            self.tree.expand(index)
        self.tree.setRootIndex(index)
        self._show_breadcrumb()

    def _show_breadcrumb(self) -> None:
        if self.zoomed is None or self.service is None:
            self.breadcrumb.hide()
            return
        try:
            chain = [*self.service.path(self.zoomed), self.service.get(self.zoomed)]
        except PlannerError:
            self.zoom_to(None)  # the item is gone for good
            return
        links = ['<a href="plan">Plan</a>']
        for record in chain[:-1]:
            links.append(f'<a href="{record.id}">{html.escape(record.title)}</a>')
        links.append(f"<b>{html.escape(chain[-1].title)}</b>")
        self.breadcrumb.setText(" › ".join(links) + "&nbsp;&nbsp;<small>(Alt+Left: up)</small>")
        self.breadcrumb.show()

    def _breadcrumb_clicked(self, href: str) -> None:
        self.zoom_to(None if href == "plan" else int(href))

    def _load_path(self, item_id: int) -> QModelIndex:
        assert self.model is not None and self.service is not None
        try:
            chain = [*self.service.path(item_id), self.service.get(item_id)]
        except Exception:
            return QModelIndex()
        model = self.model
        for record in chain:
            container = model.container_index(record)
            if container is None:
                return QModelIndex()
            above = container
            while above.isValid():
                self.tree.expand(above)
                above = above.parent()
            index = model.index_for_item(record.id)
            while not index.isValid() and model.canFetchMore(container):
                model.fetchMore(container)
                index = model.index_for_item(record.id)
            if not index.isValid():
                return QModelIndex()
        return model.index_for_item(item_id)

    # -- actions -------------------------------------------------------------------------
    def _run(
        self, text: str, action: Callable[[], Any], select: bool = True, edit: bool = False
    ) -> list[ch.Outcome] | None:
        if self.controller is None:
            return None
        self.details.flush()
        with self.details_once():
            outcomes = self.controller.run(text, action)
            if outcomes and select:
                ids = [i for o in outcomes for i in o.ids]
                self.reveal(ids, edit=edit)
        return outcomes

    @contextlib.contextmanager
    def details_once(self) -> Iterator[None]:
        """Show the details panel once, after what runs inside, if anything asked for it."""
        if self._details_held is not None:
            yield
            return
        self._details_held = False
        try:
            yield
        finally:
            wanted, self._details_held = self._details_held, None
            if wanted:
                self._show_details()

    def _show_details(self) -> None:
        raise NotImplementedError

    def _group_for_new_goal(self) -> int | None:
        assert self.service is not None
        current = self.current_record()
        if current is not None:
            if current.is_group and current.status is Status.ACTIVE:
                return current.id
            path = self.service.path(current.id)
            if path and path[0].status is Status.ACTIVE:
                return path[0].id
        first = self.service.first_group()
        return None if first is None else first.id

    def new_goal(self) -> None:
        if self.service is None:
            return
        service = self.service
        group = self._group_for_new_goal()
        if group is None:
            self._run("New group", lambda: service.create_group("Goals"))
            group = self._group_for_new_goal()
            if group is None:
                return
        gid = group
        self._run("New goal", lambda: service.create_item(gid, "New goal"), edit=True)

    def new_sibling(self) -> None:
        current = self.current_record()
        if self.service is None or self.model is None or current is None:
            return
        service = self.service
        active = current.status is Status.ACTIVE
        index = self.model.queries.rank(current) + 1 if active else None
        if current.is_group:
            self._run("New group", lambda: service.create_group("New group", index), edit=True)
            return
        parent_id = current.parent_id
        assert parent_id is not None
        parent = service.get(parent_id)
        title = "New goal" if parent.is_group else "New task"
        self._run(
            f"New {title[4:]}",
            lambda: service.create_item(parent_id, title, index=index),
            edit=True,
        )

    def new_subtask(self) -> None:
        current = self.current_record()
        if self.service is None or current is None:
            return
        service = self.service
        title = "New goal" if current.is_group else "New task"
        self._run(f"New {title[4:]}", lambda: service.create_item(current.id, title), edit=True)

    def new_group(self) -> None:
        if self.service is not None:
            service = self.service
            self._run("New group", lambda: service.create_group("New group"), edit=True)

    def rename(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid() and self.current_record() is not None:
            self.tree.edit(index.siblingAtColumn(Column.TITLE))

    def edit_item(self, item_id: int, **fields: Any) -> None:
        if self.service is None:
            return
        service = self.service
        record = service.get(item_id)
        # Nothing changed (Enter in an editor left as it was): no step in the history.
        fields = {k: v for k, v in fields.items() if not _unchanged(record, k, v)}
        if not fields:
            return
        what = {
            "title": "Rename",
            "notes": "Edit notes of",
            "due": "Change due date of",
            "priority": "Change priority of",
        }
        what |= {"why": "Edit why of", "examples": "Edit examples of"}
        verb = what.get(next(iter(fields)), "Edit") if len(fields) == 1 else "Edit"
        self._run(
            f"{verb} {quoted(record.title)}", lambda: service.edit(item_id, **fields), select=False
        )

    def _rename_in_place(self, item_id: int, title: str) -> None:
        if not title.strip():
            # Like the details panel: an emptied title keeps the old one, without a dialog.
            self.statusBar().showMessage("A title is required; the old one is kept.", 5000)
            return
        self.edit_item(item_id, title=title)

    def _details_edit(self, item_id: int, fields: dict[str, Any]) -> None:
        self.edit_item(item_id, **fields)

    def _label(self, verb: str, records: Sequence[ItemRecord]) -> str:
        if len(records) == 1:
            return f"{verb} {quoted(records[0].title)}"
        return f"{verb} {len(records)} items"

    def toggle_done(self) -> None:
        records = [r for r in self.selected_records() if not r.is_group] or [
            r for r in [self.current_record()] if r is not None and not r.is_group
        ]
        if self.service is None or not records:
            return
        service = self.service
        ids = [r.id for r in records]
        if all(r.status is Status.DONE for r in records):
            self._run(self._label("Mark not done", records), lambda: service.mark_undone(ids))
        else:
            self._run(self._label("Mark done", records), lambda: service.mark_done(ids))

    def delete(self) -> None:
        records = self.selected_records()
        if self.service is None or not records:
            return
        service = self.service
        ids = [r.id for r in records if r.status is not Status.DELETED]
        self._run(self._label("Delete", records), lambda: service.delete(ids))

    def restore(self) -> None:
        records = self.selected_records()
        if self.service is None or not records:
            return
        service = self.service
        ids = [r.id for r in records]
        self._run(self._label("Restore", records), lambda: service.restore(ids))

    def purge(self) -> None:
        records = self.selected_records()
        if self.service is None or not records:
            return
        what = quoted(records[0].title) if len(records) == 1 else f"{len(records)} items"
        if not self._confirm(
            "Delete permanently",
            f"Delete {what} and everything below it permanently?\n\n"
            "You can still undo this until you close the plan.",
        ):
            return
        service = self.service
        ids = [r.id for r in records]
        self._run(
            self._label("Delete permanently", records), lambda: service.purge(ids), select=False
        )

    def _deleted_section_owner(self) -> int | bool | None:
        """The item whose Deleted section 'Empty Deleted' would empty (None: the top level),
        or False when there is none."""
        if self.model is None:
            return False
        index = self.tree.currentIndex()
        section = self.model.section_of(index)
        if section is not None:
            return section[0] if section[1] is Section.DELETED else False
        record = self.model.record(index)
        if record is None:
            return False
        if record.status is Status.DELETED:
            return record.parent_id
        counts = self.model.counts_of(record.id)
        return record.id if counts.get(Status.DELETED) else False

    def empty_deleted(self) -> None:
        owner = self._deleted_section_owner()
        if self.service is None or owner is False:
            return
        owner_id = None if owner is None or owner is True else int(owner)
        if not self._confirm(
            "Empty Deleted", "Delete everything in this Deleted section permanently?"
        ):
            return
        service = self.service
        self._run("Empty Deleted", lambda: service.empty_deleted(owner_id), select=False)

    def indent(self) -> None:
        current = self.current_record()
        if self.service is None or self.model is None or current is None or current.is_group:
            return
        if current.status is not Status.ACTIVE:
            self.statusBar().showMessage("Only active items can be indented.", 5000)
            return
        index = self.tree.currentIndex()
        above = index.sibling(index.row() - 1, 0) if index.row() > 0 else QModelIndex()
        target = self.model.record(above)
        if target is None:
            self.statusBar().showMessage("Nothing above to indent under.", 5000)
            return
        service, records = self.service, self.selected_records() or [current]
        ids = [r.id for r in records if not r.is_group and r.id != target.id]
        self._run(self._label("Indent", records), lambda: service.move(ids, target.id))

    def outdent(self) -> None:
        current = self.current_record()
        if self.service is None or self.model is None or current is None or current.is_group:
            return
        assert current.parent_id is not None
        parent = self.service.get(current.parent_id)
        if parent.is_group:
            self.statusBar().showMessage(f"{quoted(current.title)} is already a goal.", 5000)
            return
        service = self.service
        target = parent.parent_id
        index = self.model.queries.rank(parent) + 1 if parent.status is Status.ACTIVE else None
        self._run(
            self._label("Outdent", [current]), lambda: service.move([current.id], target, index)
        )

    def move_by(self, step: int) -> None:
        current = self.current_record()
        if self.service is None or self.model is None or current is None:
            return
        if current.status is not Status.ACTIVE:
            return
        rank = self.model.queries.rank(current)
        index = rank - 1 if step < 0 else rank + 2
        service = self.service
        parent = current.parent_id
        if index < 0 or index > service.counts([parent])[parent][Status.ACTIVE]:
            return  # first or last already: no step that changes nothing
        self._run(self._label("Move", [current]), lambda: service.move([current.id], parent, index))

    def _drop(self, ids: list[int], parent_id: int | None, row: int, section: Section) -> None:
        if self.service is None:
            return
        service = self.service
        records = [service.get(i) for i in ids]
        index = None if row < 0 else row

        def action() -> list[ch.Outcome]:
            outcomes: list[ch.Outcome] = []
            try:
                steps(outcomes)
            except Exception:
                # All or nothing: what the drop already changed is taken back.
                for outcome in reversed(outcomes):
                    service.apply(outcome.inverse)
                raise
            return outcomes

        def steps(outcomes: list[ch.Outcome]) -> None:
            movers = [
                r.id for r in records if r.parent_id != parent_id or section is Section.ACTIVE
            ]
            if movers and (
                section is Section.ACTIVE or any(r.parent_id != parent_id for r in records)
            ):
                outcomes.append(service.move(movers, parent_id, index))
            if section is Section.DONE:
                deleted = [r.id for r in records if r.status is Status.DELETED]
                if deleted:  # a deleted item dropped on Done: back, and done
                    outcomes.append(service.restore(deleted))
                outcomes.append(service.mark_done(ids))
            elif section is Section.DELETED:
                outcomes.append(service.delete(ids))
            elif any(r.status is not Status.ACTIVE for r in records):
                restored = [r.id for r in records if r.status is Status.DELETED]
                undone = [r.id for r in records if r.status is Status.DONE]
                if restored:
                    outcomes.append(service.restore(restored))
                if undone:
                    outcomes.append(service.mark_undone(undone))

        verb = {Section.ACTIVE: "Move", Section.DONE: "Mark done", Section.DELETED: "Delete"}
        self._run(self._label(verb[section], records), action)

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Planner", message)
