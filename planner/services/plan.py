"""The plan's tree operations: create, edit, move, done, delete, restore, purge, for items
and groups. Each runs in one transaction and returns an Outcome holding its exact inverse."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from planner import formats
from planner.domain import changes as ch
from planner.domain.costs import NewLine
from planner.domain.errors import InvalidInput, NotFound, Refused
from planner.domain.invariants import tree_problems
from planner.domain.items import (
    EDITABLE_FIELDS,
    ItemRecord,
    Kind,
    Priority,
    Section,
    Status,
    quoted,
)
from planner.domain.metrics import MetricChange
from planner.domain.new_node import NewNode
from planner.domain.people import PeopleChange, Person
from planner.domain.schedules import ScheduleChange
from planner.domain.validation import clean_due, clean_notes, clean_title
from planner.i18n import _, ngettext
from planner.services.cost_changes import apply_line_change
from planner.services.elsewhere import check_fields, check_made, check_statuses, digests, made_of
from planner.services.goal_changes import (
    apply_metric_change,
    apply_people_change,
    living_assignees,
    restore_extras,
    snapshot_extras,
)
from planner.services.image_changes import apply_image_change
from planner.services.new_trees import add_trees, line_row
from planner.services.placing import (
    anchor_for_index,
    apply_place,
    check_move,
    check_open_parent,
    deleted_message,
    place,
)
from planner.services.ports import Store, Unit
from planner.services.reminders import add_default_reminder
from planner.services.repeats import turn_change
from planner.services.schedule_changes import (
    apply_schedule_change,
    restore_schedules,
    snapshot_schedules,
)
from planner.services.setting_checks import setting_problems

Clock = Callable[[], datetime]

DEFAULT_GOAL_DAYS = 30
_UNSET: Any = object()


def system_clock() -> datetime:
    return datetime.now(UTC)


def local_today(clock: Clock) -> date:
    """The user's date, now by `clock`."""
    return clock().astimezone().date()


class PlanService:
    """Every read and change of the tree, on one open plan."""

    def __init__(self, store: Store, clock: Clock = system_clock) -> None:
        self.store = store
        self.clock = clock

    def today(self) -> date:
        return local_today(self.clock)

    # -- reads ---------------------------------------------------------------------------
    def get(self, item_id: int) -> ItemRecord:
        with self.store.read() as unit:
            return unit.require(item_id)

    def children(
        self,
        parent_id: int | None,
        section: Section = Section.ACTIVE,
        after: tuple[int, int] | None = None,
        limit: int | None = None,
    ) -> list[ItemRecord]:
        """One section of a parent's children (parent None: the groups), in order; a page of
        `limit` rows from the keyset `after` = (position, id) of the last row of the page
        before."""
        with self.store.read() as unit:
            return unit.children(parent_id, [Status(section.value)], after=after, limit=limit)

    def counts(self, parent_ids: Iterable[int | None]) -> dict[int | None, dict[Status, int]]:
        with self.store.read() as unit:
            return unit.count_children(parent_ids)

    def path(self, item_id: int) -> list[ItemRecord]:
        """The item's ancestors from its group down to its parent."""
        with self.store.read() as unit:
            unit.require(item_id)
            return list(reversed(unit.ancestors(item_id)))

    def subtree(self, item_id: int) -> list[ItemRecord]:
        with self.store.read() as unit:
            unit.require(item_id)
            return unit.subtree(item_id)

    def get_many(self, item_ids: Iterable[int]) -> dict[int, ItemRecord]:
        """The items that exist among `item_ids`, by id."""
        with self.store.read() as unit:
            return unit.get_many(item_ids)

    def all_items(self) -> list[ItemRecord]:
        with self.store.read() as unit:
            return unit.all_items()

    def first_group(self) -> ItemRecord | None:
        groups = self.children(None, Section.ACTIVE, limit=1)
        return groups[0] if groups else None

    # -- creating ------------------------------------------------------------------------
    def create_item(
        self,
        parent_id: int,
        title: str,
        *,
        index: int | None = None,
        due: date | None = _UNSET,
        priority: Priority = Priority.NONE,
        notes: str = "",
        assignee_id: int | None = None,
        lines: Sequence[NewLine] = (),
    ) -> ch.Outcome:
        """A new goal (parent is a group) or task at `index` among the parent's active
        children (None: at the end), assigned to a person, with cost lines (calculation
        then on): one transaction, one change, whose undo removes it all. Its id is
        `outcome.ids[0]`."""
        title = clean_title(title)
        notes = clean_notes(notes)
        if due is not _UNSET:
            due = clean_due(due)
        with self.store.write() as unit:
            parent = unit.require(parent_id)
            check_open_parent(unit, parent)
            if assignee_id is not None:
                unit.require_person(assignee_id)
            if due is _UNSET:
                due = self._default_due(parent)
            # The anchor is found before the row exists: `index` counts the children as
            # they are now, without the new one.
            anchor = anchor_for_index(unit, parent_id, index, moving=set())
            new_id = unit.insert(
                kind=Kind.ITEM.value,
                parent_id=parent_id,
                position=0,
                title=title,
                notes=notes,
                created=self.clock(),
                due=due,
                priority=int(priority),
                status=Status.ACTIVE.value,
                assignee_id=assignee_id,
                calc_on=bool(lines),
            )
            unit.insert_line_rows([line_row(new_id, i, line) for i, line in enumerate(lines)])
            place(unit, new_id, parent_id, anchor)
            add_default_reminder(unit, new_id, self.clock())
            return ch.Outcome(ch.Purge((new_id,), made_of(unit, [new_id])), (new_id,))

    def create_group(self, name: str, index: int | None = None) -> ch.Outcome:
        name = clean_title(name)
        with self.store.write() as unit:
            anchor = anchor_for_index(unit, None, index, moving=set())
            new_id = unit.insert(
                kind=Kind.GROUP.value,
                parent_id=None,
                position=0,
                title=name,
                notes="",
                created=self.clock(),
                due=None,
                priority=0,
                status=Status.ACTIVE.value,
            )
            place(unit, new_id, None, anchor)
            return ch.Outcome(ch.Purge((new_id,), made_of(unit, [new_id])), (new_id,))

    def add_trees(
        self, parent_id: int | None, nodes: Sequence[NewNode], people: Sequence[Person] = ()
    ) -> ch.Outcome:
        """Add whole subtrees (an import) at the end of a parent, all or nothing, in one
        transaction (see new_trees.add_trees)."""
        with self.store.write() as unit:
            return add_trees(unit, parent_id, nodes, people, self.clock())

    def _default_due(self, parent: ItemRecord) -> date:
        if parent.kind is Kind.ITEM and parent.due is not None:
            return parent.due
        return self.today() + timedelta(days=DEFAULT_GOAL_DAYS)

    # -- editing -------------------------------------------------------------------------
    def edit(self, item_id: int, **fields: Any) -> ch.Outcome:
        """Change title, notes, due date and/or priority of an item (a group: its name)."""
        return self.apply(ch.Edit(item_id, fields))

    def _clean_fields(self, record: ItemRecord, fields: dict[str, Any]) -> dict[str, Any]:
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise InvalidInput(
                _("Unknown field: {names}.").format(names=", ".join(sorted(unknown)))
            )
        if record.is_group and set(fields) - {"title"}:
            raise Refused(_("A group has only a name."))
        clean: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "title":
                clean[key] = clean_title(value)
            elif key in ("notes", "why", "examples"):
                clean[key] = clean_notes(value)
            elif key == "due":
                clean[key] = clean_due(value)
            elif key == "priority":
                try:
                    clean[key] = Priority(value)
                except ValueError:
                    raise InvalidInput(
                        _("{value} is not a priority.").format(value=repr(value))
                    ) from None
        return clean

    # -- moving --------------------------------------------------------------------------
    def move(
        self, item_ids: Sequence[int], parent_id: int | None, index: int | None = None
    ) -> ch.Outcome:
        """Move items (together, in the given order) under `parent_id` (None: groups at the
        top level) to `index` among its current active children (None: the end)."""
        ids = _unique(item_ids)
        if not ids:
            raise InvalidInput(_("Nothing to move."))
        with self.store.write() as unit:
            moving = [unit.require(i) for i in ids]
            check_move(unit, moving, parent_id)
            anchor = anchor_for_index(unit, parent_id, index, set(ids))
            placements = []
            for record in moving:
                placements.append(ch.Placement(record.id, parent_id, anchor))
                anchor = record.id
            return apply_place(unit, ch.Place(tuple(placements)))

    # -- done, deleted, restored ---------------------------------------------------------
    def mark_done(self, item_ids: Sequence[int]) -> ch.Outcome:
        """Mark items done, with their subtrees. A repeating item takes a turn instead: its
        occurrence is recorded and it comes back with its next due date (domain.repeats)."""
        with self.store.write() as unit:
            now = self.clock()
            values = []
            records = self._records(unit, item_ids)
            repeating = {r.item_id for r in unit.repeats([r.id for r in records]) if not r.paused}
            turning = []
            for record in records:
                if record.is_group:
                    raise Refused(_("A group cannot be marked done; mark its goals done."))
                if record.status is Status.DELETED:
                    raise Refused(deleted_message(record))
                if record.status is Status.ACTIVE:
                    if record.id in repeating:
                        turning.append(record.id)
                    else:
                        values.append(ch.StatusValue(record.id, Status.DONE, now, None))
            outcomes = [self._apply_status(unit, ch.SetStatus(tuple(values)))]
            for item_id in turning:
                turn = turn_change(unit, unit.require(item_id), now, now.astimezone().date())
                if turn is not None:
                    outcomes.append(apply_schedule_change(unit, turn))
                else:  # its series has ended: an ordinary done
                    value = ch.StatusValue(item_id, Status.DONE, now, None)
                    outcomes.append(self._apply_status(unit, ch.SetStatus((value,))))
            return joined(outcomes)

    def mark_undone(self, item_ids: Sequence[int]) -> ch.Outcome:
        with self.store.write() as unit:
            values = []
            for record in self._records(unit, item_ids):
                if record.status is Status.DELETED:
                    raise Refused(deleted_message(record))
                if record.status is Status.DONE:
                    values.append(ch.StatusValue(record.id, Status.ACTIVE, None, None))
            return self._apply_status(unit, ch.SetStatus(tuple(values)))

    def delete(self, item_ids: Sequence[int]) -> ch.Outcome:
        """Move items (or groups) with their subtrees to their parent's Deleted section."""
        with self.store.write() as unit:
            now = self.clock()
            values = [
                ch.StatusValue(r.id, Status.DELETED, r.done_at, now)
                for r in self._records(unit, item_ids)
                if r.status is not Status.DELETED
            ]
            return self._apply_status(unit, ch.SetStatus(tuple(values)))

    def restore(self, item_ids: Sequence[int]) -> ch.Outcome:
        """Put deleted items back where they were (done ones back to Done). An item inside a
        deleted parent brings the deleted parents above it back too, and says so."""
        with self.store.write() as unit:
            values: dict[int, ch.StatusValue] = {}
            also: list[str] = []
            for record in self._records(unit, item_ids):
                for r in [record, *unit.ancestors(record.id)]:
                    if r.status is Status.DELETED and r.id not in values:
                        status = Status.DONE if r.done_at is not None else Status.ACTIVE
                        values[r.id] = ch.StatusValue(r.id, status, r.done_at, None)
                        if r is not record:
                            also.append(quoted(r.title))
            outcome = self._apply_status(unit, ch.SetStatus(tuple(values.values())))
            if not also:
                return outcome
            note = ngettext(
                "Also restored {titles}, which was deleted above it.",
                "Also restored {titles}, which were deleted above it.",
                len(also),
            ).format(titles=formats.listing(also))
            return ch.Outcome(outcome.inverse, outcome.ids, note)

    def _apply_status(self, unit: Unit, change: ch.SetStatus) -> ch.Outcome:
        check_statuses(unit, change.expected)
        inverse = []
        for value in change.values:
            old = unit.require(value.id)
            inverse.append(ch.StatusValue(old.id, old.status, old.done_at, old.deleted_at))
            unit.update(
                value.id,
                status=value.status,
                done_at=value.done_at,
                deleted_at=value.deleted_at,
            )
        done = []
        for value in change.values:
            now = unit.require(value.id)
            done.append(ch.StatusValue(now.id, now.status, now.done_at, now.deleted_at))
        inverse_change = ch.SetStatus(tuple(inverse), tuple(done))
        return ch.Outcome(inverse_change, tuple(v.id for v in change.values))

    # -- deleting for good ---------------------------------------------------------------
    def purge(self, item_ids: Sequence[int]) -> ch.Outcome:
        """Remove items and everything below them from the plan."""
        return self.apply(ch.Purge(tuple(_unique(item_ids))))

    def empty_deleted(self, parent_id: int | None) -> ch.Outcome:
        """Remove for good everything in a parent's Deleted section (None: deleted groups)."""
        with self.store.write() as unit:
            if parent_id is not None:
                unit.require(parent_id)
            ids = tuple(r.id for r in unit.children(parent_id, [Status.DELETED]))
            return self._apply_purge(unit, ch.Purge(ids))

    def _apply_purge(self, unit: Unit, change: ch.Purge) -> ch.Outcome:
        records = [unit.require(i) for i in change.ids]
        asked = {r.id for r in records}
        # An item inside another one being purged goes with it, not as a root of its own.
        roots = [r for r in records if not any(a.id in asked for a in unit.ancestors(r.id))]
        snapshot: list[ItemRecord] = []
        anchors: dict[int, int | None] = {}
        # Siblings in their order, so that each root's anchor, when it is a root itself,
        # is put back before it is used.
        for record in sorted(roots, key=lambda r: (r.parent_id or 0, r.position, r.id)):
            prev = unit.neighbour(record, after=False)
            anchors[record.id] = None if prev is None else prev.id
            snapshot.extend(unit.subtree(record.id))
        lines = tuple(unit.lines(r.id for r in snapshot))
        images = tuple(unit.stored_images(r.id for r in snapshot))
        extras = snapshot_extras(unit, [r.id for r in snapshot])
        schedules = snapshot_schedules(unit, [r.id for r in snapshot])
        if change.made is not None:
            now = digests(snapshot, lines, (i.info for i in images), extras, schedules)
            check_made(change.made, now, {r.id: r for r in snapshot})
        purged = tuple(anchors)
        # Cost lines, images, metrics, check-ins and journal go with their items (ON DELETE
        # CASCADE).
        unit.delete(purged)
        inverse = ch.Insert(tuple(snapshot), anchors, lines, images, extras, schedules)
        return ch.Outcome(inverse, purged)

    def _apply_insert(self, unit: Unit, change: ch.Insert) -> ch.Outcome:
        for record in living_assignees(unit, change.records):
            if unit.get(record.id) is not None:
                raise Refused(_("Item {id} is already in the plan.").format(id=record.id))
            if record.id in change.anchors:
                unit.insert(record)
                place(unit, record.id, record.parent_id, change.anchors[record.id])
            else:
                unit.insert(record)
        for line in change.lines:
            unit.insert_line(line)
        for image in change.images:
            unit.insert_image(image)
        restore_extras(unit, change.extras)
        restore_schedules(unit, change.schedules)
        roots = tuple(change.anchors)
        return ch.Outcome(ch.Purge(roots, made_of(unit, roots)), roots)

    # -- applying a change (and so undoing one) ------------------------------------------
    def apply(self, change: ch.Change) -> ch.Outcome:
        """Apply a change in one transaction; the outcome holds the change that undoes it."""
        with self.store.write() as unit:
            return self._apply_in(unit, change)

    def _apply_in(self, unit: Unit, change: ch.Change) -> ch.Outcome:
        if isinstance(change, ch.Edit):
            record = unit.require(change.id)
            check_fields(record, change.expected)
            fields = self._clean_fields(record, dict(change.fields))
            old = {key: getattr(record, key) for key in fields}
            unit.update(change.id, **fields)
            now = unit.require(change.id)
            done = {key: getattr(now, key) for key in fields}
            return ch.Outcome(ch.Edit(change.id, old, done), (change.id,))
        if isinstance(change, ch.Place):
            return apply_place(unit, change)
        if isinstance(change, ch.SetStatus):
            return self._apply_status(unit, change)
        if isinstance(change, ch.Purge):
            return self._apply_purge(unit, change)
        if isinstance(change, ch.Insert):
            return self._apply_insert(unit, change)
        if isinstance(change, ch.Steps):
            return joined([self._apply_in(unit, step) for step in change.changes])
        if isinstance(change, ch.AddImage | ch.RemoveImage | ch.PlaceImage):
            return apply_image_change(unit, change)
        if isinstance(change, PeopleChange):
            return apply_people_change(unit, change)
        if isinstance(change, MetricChange):
            return apply_metric_change(unit, change)
        if isinstance(change, ScheduleChange | ch.Recur):
            return apply_schedule_change(unit, change)
        return apply_line_change(unit, change)

    # -- helpers -------------------------------------------------------------------------
    def _records(self, unit: Unit, item_ids: Sequence[int]) -> list[ItemRecord]:
        ids = _unique(item_ids)
        if not ids:
            raise InvalidInput(_("No item given."))
        return [unit.require(i) for i in ids]

    def check(self) -> list[str]:
        """Problems found in the plan file and in the tree's own rules, in plain words."""
        with self.store.read() as unit:
            problems = [
                _("SQLite integrity check: {problem}").format(problem=p)
                for p in unit.integrity_problems()
            ]
            if unit.foreign_key_problems():
                problems.append(_("Some items point to parents that do not exist."))
            problems.extend(unit.damaged_values())
            problems.extend(setting_problems(unit))
            rows = {r.id: r for r in unit.check_rows()}
        problems.extend(tree_problems(rows))
        return problems


def joined(outcomes: Sequence[ch.Outcome]) -> ch.Outcome:
    """One outcome for changes applied one after the other in one transaction, undone
    together, the last first (those that changed nothing are left out)."""
    kept = [o for o in outcomes if o.ids or o.lines or o.images or o.people or o.entries]
    note = " ".join(o.note for o in outcomes if o.note)
    if len(kept) == 1 and kept[0].note == note:
        return kept[0]
    if not kept:
        return ch.Outcome(outcomes[0].inverse if outcomes else ch.Steps(()), (), note)
    return ch.Outcome(
        ch.Steps(tuple(o.inverse for o in reversed(kept))),
        tuple(dict.fromkeys(i for o in kept for i in o.ids)),
        note,
        lines=tuple(i for o in kept for i in o.lines),
        images=tuple(i for o in kept for i in o.images),
        people=tuple(i for o in kept for i in o.people),
        entries=tuple(i for o in kept for i in o.entries),
        parts=tuple(kept),
    )


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(ids))


__all__ = ["NotFound", "PlanService", "system_clock"]
