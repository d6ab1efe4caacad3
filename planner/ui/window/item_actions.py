"""What the user does to items: create, rename, edit, mark done, delete, restore, purge,
indent, move and drop. Each action is one undoable step."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex

from planner.domain import changes as ch
from planner.domain.errors import InvalidInput
from planner.domain.items import ItemRecord, Section, Status, quoted
from planner.domain.validation import clean_title
from planner.formats import number
from planner.i18n import N_, _, ngettext
from planner.services.plan import PlanService
from planner.ui.controller import StepName
from planner.ui.session import OpenSession
from planner.ui.tree.model import Column
from planner.ui.tree.view import PlanTreeView
from planner.ui.window.messages import Messages
from planner.ui.window.navigation import Navigator
from planner.ui.window.steps import Steps

# The name of the step that edits one field of an item (the Edit menu's "Undo …").
EDIT_STEPS = {
    "title": N_("Rename {title}"),
    "notes": N_("Edit notes of {title}"),
    "due": N_("Change due date of {title}"),
    "priority": N_("Change priority of {title}"),
    "why": N_("Edit why of {title}"),
    "examples": N_("Edit examples of {title}"),
}
EDIT_FIELDS_STEP = N_("Edit {title}")

OneOrMany = tuple[Callable[[str], str], Callable[[int], str]]
# The names of the steps on one item ("Delete 'Book flights'") or on several ("Delete 3
# items"), said in the language of the moment.
STEPS: dict[str, OneOrMany] = {
    "done": (
        lambda title: _("Mark done {title}").format(title=title),
        lambda n: ngettext("Mark done {n} item", "Mark done {n} items", n).format(n=number(n)),
    ),
    "not_done": (
        lambda title: _("Mark not done {title}").format(title=title),
        lambda n: ngettext("Mark not done {n} item", "Mark not done {n} items", n).format(
            n=number(n)
        ),
    ),
    "delete": (
        lambda title: _("Delete {title}").format(title=title),
        lambda n: ngettext("Delete {n} item", "Delete {n} items", n).format(n=number(n)),
    ),
    "restore": (
        lambda title: _("Restore {title}").format(title=title),
        lambda n: ngettext("Restore {n} item", "Restore {n} items", n).format(n=number(n)),
    ),
    "purge": (
        lambda title: _("Delete permanently {title}").format(title=title),
        lambda n: ngettext("Delete permanently {n} item", "Delete permanently {n} items", n).format(
            n=number(n)
        ),
    ),
    "indent": (
        lambda title: _("Indent {title}").format(title=title),
        lambda n: ngettext("Indent {n} item", "Indent {n} items", n).format(n=number(n)),
    ),
    "outdent": (
        lambda title: _("Outdent {title}").format(title=title),
        lambda n: ngettext("Outdent {n} item", "Outdent {n} items", n).format(n=number(n)),
    ),
    "move": (
        lambda title: _("Move {title}").format(title=title),
        lambda n: ngettext("Move {n} item", "Move {n} items", n).format(n=number(n)),
    ),
    "due": (
        lambda title: _("Change due date of {title}").format(title=title),
        lambda n: ngettext("Change due date of {n} item", "Change due date of {n} items", n).format(
            n=number(n)
        ),
    ),
    "priority": (
        lambda title: _("Change priority of {title}").format(title=title),
        lambda n: ngettext("Change priority of {n} item", "Change priority of {n} items", n).format(
            n=number(n)
        ),
    ),
}


def _unchanged(record: ItemRecord, field: str, value: object) -> bool:
    if field == "title":
        try:
            return clean_title(str(value)) == record.title
        except InvalidInput:
            return False
    return bool(getattr(record, field) == value)


def _label(step: str, records: Sequence[ItemRecord]) -> StepName:
    """The name of a step on `records`, said in the language of the moment it is shown."""
    return said(STEPS[step], records)


def said(names: OneOrMany, records: Sequence[ItemRecord]) -> Callable[[], str]:
    """Words on one of `records` or on several ("Delete 'Book flights'", "Delete 3
    items"), said in the language of the moment they are shown."""
    one, many = names
    if len(records) == 1:
        title = quoted(records[0].title)
        return lambda: one(title)
    n = len(records)
    return lambda: many(n)


@dataclass(eq=False)
class ItemActions:
    """Handed the open plan, the tree, the selection, a way to run a step, and messages."""

    session: OpenSession
    tree: PlanTreeView
    selection: Navigator
    steps: Steps
    messages: Messages

    # -- which actions can run -----------------------------------------------------------
    def enabled(self) -> dict[str, bool]:
        """Each item action's name, and whether it can run on the selection now."""
        return {name: why is None for name, why in self.unavailable().items()}

    def unavailable(self) -> dict[str, str | None]:
        """Each item action's name, and why it cannot run on the selection now (None: it
        can), for its status tip."""
        records = self.selection.selected_records()
        current = self.selection.current_record()
        deleted = any(r.status is Status.DELETED for r in records)
        item = current is not None and not current.is_group
        nothing = _("Select an item first.")
        pick_item = _("Select a goal or task: a group cannot do this.")

        def unless(ok: bool, why: str) -> str | None:
            return None if ok else why

        return {
            "new_sibling": unless(current is not None, nothing),
            "new_subtask": unless(current is not None, nothing)
            or unless(not deleted, _("A deleted item takes no new subtasks; restore it first.")),
            "rename": unless(current is not None, nothing),
            "toggle_done": unless(any(not r.is_group for r in records), pick_item)
            or unless(not deleted, _("A deleted item cannot be marked done; restore it first.")),
            "indent": unless(item, pick_item),
            "outdent": unless(item, pick_item),
            "move_up": unless(current is not None, nothing) or self._cannot_move(current, -1),
            "move_down": unless(current is not None, nothing) or self._cannot_move(current, 1),
            "delete": unless(bool(records), nothing)
            or unless(not all(r.status is Status.DELETED for r in records), _("Deleted already.")),
            "restore": unless(deleted, _("Only a deleted item can be restored.")),
            "purge": unless(bool(records), nothing),
            "empty_deleted": unless(
                self._deleted_section_owner() is not False,
                _("Select a Deleted row, or an item in one, to empty it."),
            ),
            "share": unless(item, pick_item)
            or unless(not deleted, _("A deleted item cannot be shared; restore it first.")),
        }

    # -- new items -----------------------------------------------------------------------
    def group_for_new_goal(self) -> int | None:
        """Where a new goal (or an imported one) goes: the current item's group, else the
        first group; None when the plan has no active group."""
        session = self.session()
        assert session is not None
        service = session.service
        current = self.selection.current_record()
        if current is not None:
            if current.is_group and current.status is Status.ACTIVE:
                return current.id
            path = service.path(current.id)
            if path and path[0].status is Status.ACTIVE:
                return path[0].id
        first = service.first_group()
        return None if first is None else first.id

    def new_goal(self) -> None:
        session = self.session()
        if session is None:
            return
        service = session.service
        group = self.group_for_new_goal()
        if group is None:
            # TRANSLATORS: the name of the group a plan's first goal goes into.
            self.steps.run(lambda: _("New group"), lambda: service.create_group(_("Goals")))
            group = self.group_for_new_goal()
            if group is None:
                return
        gid = group
        self.steps.run(
            lambda: _("New goal"), lambda: service.create_item(gid, _("New goal")), edit=True
        )

    def new_sibling(self) -> None:
        session, current = self.session(), self.selection.current_record()
        if session is None or current is None:
            return
        service = session.service
        active = current.status is Status.ACTIVE
        index = session.model.queries.rank(current) + 1 if active else None
        if current.is_group:
            self.steps.run(
                lambda: _("New group"),
                lambda: service.create_group(_("New group"), index),
                edit=True,
            )
            return
        parent_id = current.parent_id
        assert parent_id is not None
        self._new_item(parent_id, goal=service.get(parent_id).is_group, index=index)

    def _new_item(self, parent_id: int, goal: bool, index: int | None = None) -> None:
        """A new goal (under a group) or task, its title ready to be typed over."""
        session = self.session()
        assert session is not None
        service = session.service
        name = N_("New goal") if goal else N_("New task")
        self.steps.run(
            lambda: _(name),
            lambda: service.create_item(parent_id, _(name), index=index),
            edit=True,
        )

    def new_subtask(self) -> None:
        session, current = self.session(), self.selection.current_record()
        if session is None or current is None:
            return
        self._new_item(current.id, goal=current.is_group)

    def new_group(self) -> None:
        session = self.session()
        if session is not None:
            service = session.service
            self.steps.run(
                lambda: _("New group"), lambda: service.create_group(_("New group")), edit=True
            )

    # -- editing -------------------------------------------------------------------------
    def rename(self) -> None:
        page = self.selection.page
        if page is not None:  # a view's row: its own title editor
            page.rename()
            return
        index = self.tree.currentIndex()
        if index.isValid() and self.selection.current_record() is not None:
            self.tree.edit(index.siblingAtColumn(Column.TITLE))

    def edit_item(self, item_id: int, **fields: object) -> None:
        session = self.session()
        if session is None:
            return
        service = session.service
        record = service.get(item_id)
        # Nothing changed (Enter in an editor left as it was): no step in the history.
        fields = {k: v for k, v in fields.items() if not _unchanged(record, k, v)}
        if not fields:
            return
        step = EDIT_STEPS.get(next(iter(fields)), EDIT_FIELDS_STEP)
        if len(fields) > 1:
            step = EDIT_FIELDS_STEP
        title = quoted(record.title)
        self.steps.run(
            lambda: _(step).format(title=title),
            lambda: service.edit(item_id, **fields),
            select=False,
        )

    def rename_in_place(self, item_id: int, title: str) -> None:
        """A title typed into the tree's row."""
        if not title.strip():
            # Like the details panel: an emptied title keeps the old one, without a dialog.
            self.messages.note(_("A title is required; the old one is kept."))
            return
        self.edit_item(item_id, title=title)

    def toggle_done(self) -> None:
        current = self.selection.current_record()
        records = [r for r in self.selection.selected_records() if not r.is_group] or [
            r for r in [current] if r is not None and not r.is_group
        ]
        session = self.session()
        if session is None or not records:
            return
        service = session.service
        ids = [r.id for r in records]
        if all(r.status is Status.DONE for r in records):
            self.steps.run(
                _label("not_done", records), lambda: service.mark_undone(ids), acted_on=ids
            )
        else:
            self.steps.run(_label("done", records), lambda: service.mark_done(ids), acted_on=ids)

    # -- deleting ------------------------------------------------------------------------
    def delete(self) -> None:
        records, session = self.selection.selected_records(), self.session()
        if session is None or not records:
            return
        service = session.service
        ids = [r.id for r in records if r.status is not Status.DELETED]
        self.steps.run(_label("delete", records), lambda: service.delete(ids))

    def restore(self) -> None:
        records, session = self.selection.selected_records(), self.session()
        if session is None or not records:
            return
        service = session.service
        ids = [r.id for r in records]
        self.steps.run(_label("restore", records), lambda: service.restore(ids))

    def purge(self) -> None:
        records, session = self.selection.selected_records(), self.session()
        if session is None or not records:
            return
        n = len(records)
        question = (
            _("Delete {title} and everything below it permanently?").format(
                title=quoted(records[0].title)
            )
            if n == 1
            else ngettext(
                "Delete {n} item and everything below it permanently?",
                "Delete {n} items and everything below them permanently?",
                n,
            ).format(n=number(n))
        )
        undo = _("You can still undo this until you close the plan.")
        if not self.messages.confirm(_("Delete permanently"), f"{question}\n\n{undo}"):
            return
        service = session.service
        ids = [r.id for r in records]
        self.steps.run(_label("purge", records), lambda: service.purge(ids), select=False)

    def _deleted_section_owner(self) -> int | bool | None:
        """The item whose Deleted section 'Empty Deleted' would empty (None: the top level),
        or False when there is none."""
        session = self.session()
        if session is None:
            return False
        model = session.model
        index = self.tree.currentIndex()
        section = model.section_of(index)
        if section is not None:
            return section[0] if section[1] is Section.DELETED else False
        record = model.record(index)
        if record is None:
            return False
        if record.status is Status.DELETED:
            return record.parent_id
        counts = model.counts_of(record.id)
        return record.id if counts.get(Status.DELETED) else False

    def empty_deleted(self) -> None:
        owner, session = self._deleted_section_owner(), self.session()
        if session is None or owner is False:
            return
        owner_id = None if owner is None or owner is True else int(owner)
        if not self.messages.confirm(
            _("Empty Deleted"), _("Delete everything in this Deleted section permanently?")
        ):
            return
        service = session.service
        self.steps.run(
            lambda: _("Empty Deleted"), lambda: service.empty_deleted(owner_id), select=False
        )

    # -- moving --------------------------------------------------------------------------
    def indent(self) -> None:
        session, current = self.session(), self.selection.current_record()
        if session is None or current is None or current.is_group:
            return
        if current.status is not Status.ACTIVE:
            self.messages.note(_("Only active items can be indented."))
            return
        index = self.tree.currentIndex()
        row = index.row() - 1
        while row >= 0 and self.tree.isRowHidden(row, index.parent()):
            row -= 1  # hidden by a filter: the row above is the one the user sees
        above = index.sibling(row, 0) if row >= 0 else QModelIndex()
        target = session.model.record(above)
        if target is None:
            self.messages.note(_("Nothing above to indent under."))
            return
        service, records = session.service, self.selection.selected_records() or [current]
        ids = [r.id for r in records if not r.is_group and r.id != target.id]
        self.steps.run(_label("indent", records), lambda: service.move(ids, target.id))

    def outdent(self) -> None:
        session, current = self.session(), self.selection.current_record()
        if session is None or current is None or current.is_group:
            return
        assert current.parent_id is not None
        service = session.service
        parent = service.get(current.parent_id)
        if parent.is_group:
            self.messages.note(_("{title} is already a goal.").format(title=quoted(current.title)))
            return
        target = parent.parent_id
        active = parent.status is Status.ACTIVE
        index = session.model.queries.rank(parent) + 1 if active else None
        self.steps.run(
            _label("outdent", [current]), lambda: service.move([current.id], target, index)
        )

    def _cannot_move(self, current: ItemRecord | None, step: int) -> str | None:
        """Why the current item cannot move among its siblings at all (first or last is
        said when the key is pressed: the place changes with every move)."""
        if current is not None and current.status is not Status.ACTIVE:
            return _("Only an active item moves among its siblings.")
        return None

    def move_by(self, step: int) -> None:
        session, current = self.session(), self.selection.current_record()
        if session is None or current is None or current.status is not Status.ACTIVE:
            return
        rank = session.model.queries.rank(current)
        index = rank - 1 if step < 0 else rank + 2
        service = session.service
        parent = current.parent_id
        if index < 0 or index > service.counts([parent])[parent][Status.ACTIVE]:
            # First or last already: no step that changes nothing, but a word why.
            if step < 0:
                self.messages.note(_("First among its siblings already."))
            else:
                self.messages.note(_("Last among its siblings already."))
            return
        self.steps.run(_label("move", [current]), lambda: service.move([current.id], parent, index))

    def drop(self, ids: list[int], parent_id: int | None, row: int, section: Section) -> None:
        """Rows dropped on a parent's active rows (at `row`), or on its Done or Deleted
        section: one step, all or nothing."""
        session = self.session()
        if session is None:
            return
        service = session.service
        records = [service.get(i) for i in ids]
        index = None if row < 0 else row
        step = {Section.ACTIVE: "move", Section.DONE: "done", Section.DELETED: "delete"}
        self.steps.run(
            _label(step[section], records),
            lambda: _all_or_nothing(
                service, _drop_changes(service, records, parent_id, index, section)
            ),
            acted_on=ids,
        )


def _drop_changes(
    service: PlanService,
    records: list[ItemRecord],
    parent_id: int | None,
    index: int | None,
    section: Section,
) -> Iterator[ch.Outcome]:
    """What a drop changes, each change made as it is asked for."""
    ids = [r.id for r in records]
    movers = [r.id for r in records if r.parent_id != parent_id or section is Section.ACTIVE]
    if movers and (section is Section.ACTIVE or any(r.parent_id != parent_id for r in records)):
        yield service.move(movers, parent_id, index)
    if section is Section.DONE:
        deleted = [r.id for r in records if r.status is Status.DELETED]
        if deleted:  # a deleted item dropped on Done: back, and done
            yield service.restore(deleted)
        yield service.mark_done(ids)
    elif section is Section.DELETED:
        yield service.delete(ids)
    elif any(r.status is not Status.ACTIVE for r in records):
        restored = [r.id for r in records if r.status is Status.DELETED]
        undone = [r.id for r in records if r.status is Status.DONE]
        if restored:
            yield service.restore(restored)
        if undone:
            yield service.mark_undone(undone)


def _all_or_nothing(service: PlanService, changes: Iterator[ch.Outcome]) -> list[ch.Outcome]:
    """Make every change; when one fails, those made before it are taken back, and the
    error goes on to be reported (nothing is hidden)."""
    outcomes: list[ch.Outcome] = []
    try:
        for outcome in changes:
            outcomes.append(outcome)
    except BaseException:
        for outcome in reversed(outcomes):
            service.apply(outcome.inverse)
        raise
    return outcomes
