"""The plan's tree operations: create, edit, move, done, delete, restore, purge, for items
and groups. Each runs in one transaction and returns an Outcome holding its exact inverse."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from planner import formats
from planner.domain import changes as ch
from planner.domain.costs import NewLine, clean_line_fields
from planner.domain.errors import InvalidInput, NotFound, Refused
from planner.domain.images import StoredImage
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
from planner.domain.money import check_amount
from planner.domain.new_node import NewNode
from planner.domain.people import PeopleChange, Person
from planner.domain.schedules import ScheduleChange
from planner.domain.validation import clean_notes, clean_title
from planner.i18n import _, ngettext
from planner.services.cost_changes import apply_line_change
from planner.services.elsewhere import check_fields, check_made, check_statuses, digests, made_of
from planner.services.goal_changes import (
    add_node_extras,
    add_people,
    apply_metric_change,
    apply_people_change,
    living_assignees,
    restore_extras,
    snapshot_extras,
)
from planner.services.image_changes import apply_image_change
from planner.services.ports import Store, Unit
from planner.services.reminders import add_default_reminder
from planner.services.repeats import turn_change
from planner.services.schedule_changes import (
    add_node_schedules,
    apply_schedule_change,
    has_schedules,
    restore_schedules,
    snapshot_schedules,
)
from planner.services.setting_checks import setting_problems

Clock = Callable[[], datetime]

# Room between neighbours, so that most inserts and moves write one row only.
POSITION_GAP = 1 << 32
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
            due = _clean_due(due)
        with self.store.write() as unit:
            parent = unit.require(parent_id)
            self._check_open_parent(unit, parent)
            if assignee_id is not None:
                unit.require_person(assignee_id)
            if due is _UNSET:
                due = self._default_due(parent)
            # The anchor is found before the row exists: `index` counts the children as
            # they are now, without the new one.
            anchor = self._anchor_for_index(unit, parent_id, index, moving=set())
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
            unit.insert_line_rows([_line_row(new_id, i, line) for i, line in enumerate(lines)])
            self._place(unit, new_id, parent_id, anchor)
            add_default_reminder(unit, new_id, self.clock())
            return ch.Outcome(ch.Purge((new_id,), made_of(unit, [new_id])), (new_id,))

    def create_group(self, name: str, index: int | None = None) -> ch.Outcome:
        name = clean_title(name)
        with self.store.write() as unit:
            anchor = self._anchor_for_index(unit, None, index, moving=set())
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
            self._place(unit, new_id, None, anchor)
            return ch.Outcome(ch.Purge((new_id,), made_of(unit, [new_id])), (new_id,))

    def add_trees(
        self, parent_id: int | None, nodes: Sequence[NewNode], people: Sequence[Person] = ()
    ) -> ch.Outcome:
        """Add whole subtrees (an import) at the end of a parent, all or nothing, in one
        transaction. Groups go to the top level (parent None), items under an item or group.
        `people` the plan does not know yet (by name) are added first."""
        with self.store.write() as unit:
            add_people(unit, people)
            if parent_id is not None:
                self._check_open_parent(unit, unit.require(parent_id))
            now = self.clock()
            anchor = self._anchor_for_index(unit, parent_id, None, set())
            roots: list[int] = []
            rows: list[dict[str, Any]] = []
            line_rows: list[dict[str, Any]] = []
            images: list[StoredImage] = []
            extras: list[tuple[int, NewNode]] = []
            schedules: list[tuple[int, NewNode]] = []
            next_id = unit.next_id()
            # An explicit stack, not recursion: an import may nest thousands of levels deep.
            stack: list[tuple[NewNode, int | None, int]] = [
                (node, parent_id, i) for i, node in reversed(list(enumerate(nodes)))
            ]
            while stack:
                node, parent, index = stack.pop()
                if (node.kind is Kind.GROUP) != (parent is None):
                    raise Refused(
                        _("Groups can only be added at the top level, and items only inside one.")
                    )
                new_id, next_id = next_id, next_id + 1
                rows.append(
                    {
                        "id": new_id,
                        "kind": node.kind.value,
                        "parent_id": parent,
                        "position": index * POSITION_GAP,
                        "title": clean_title(node.title),
                        "notes": clean_notes(node.notes),
                        "created": node.created or now,
                        "due": _clean_due(node.due),
                        "priority": int(node.priority),
                        "status": node.status.value,
                        "done_at": _stamped(node.done_at, node.status is Status.DONE, now),
                        "deleted_at": _stamped(node.deleted_at, node.status is Status.DELETED, now),
                        "calc_on": node.calc_on and node.kind is Kind.ITEM,
                        "why": clean_notes(node.why),
                        "examples": clean_notes(node.examples),
                    }
                )
                if node.assignee or node.metric or node.journal:
                    extras.append((new_id, node))
                if has_schedules(node):
                    schedules.append((new_id, node))
                line_rows.extend(_line_row(new_id, i, line) for i, line in enumerate(node.lines))
                images.extend(StoredImage(0, new_id, i, im) for i, im in enumerate(node.images))
                if parent == parent_id:
                    roots.append(new_id)
                stack.extend((c, new_id, i) for i, c in reversed(list(enumerate(node.children))))
            # Parents come before their children, so every row's parent is already in.
            unit.insert_rows(rows)
            unit.insert_line_rows(line_rows)
            for image in images:
                unit.insert_image(image)
            add_node_extras(unit, extras, now)
            add_node_schedules(unit, schedules)
            for root in roots:
                self._place(unit, root, parent_id, anchor)
                anchor = root
            return ch.Outcome(ch.Purge(tuple(roots), made_of(unit, roots)), tuple(roots))

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
                clean[key] = _clean_due(value)
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
            self._check_move(unit, moving, parent_id)
            anchor = self._anchor_for_index(unit, parent_id, index, set(ids))
            placements = []
            for record in moving:
                placements.append(ch.Placement(record.id, parent_id, anchor))
                anchor = record.id
            return self._apply_place(unit, ch.Place(tuple(placements)))

    def _check_move(self, unit: Unit, moving: list[ItemRecord], parent_id: int | None) -> None:
        kinds = {r.kind for r in moving}
        if len(kinds) > 1:
            raise Refused(_("Groups and items cannot be moved together."))
        if parent_id is None:
            if kinds != {Kind.GROUP}:
                raise Refused(_("Only groups stand at the top level; a goal needs a group."))
            return
        if Kind.GROUP in kinds:
            raise Refused(_("A group cannot be put inside another group or item."))
        target = unit.require(parent_id)
        line = [target, *unit.ancestors(parent_id)]
        moving_ids = {r.id for r in moving}
        for above in line:
            if above.id in moving_ids:
                who = next(r for r in moving if r.id == above.id)
                raise Refused(
                    _("{title} cannot be moved into its own subtree.").format(
                        title=quoted(who.title)
                    )
                )
        self._check_open_parent(unit, target, line)

    def _check_open_parent(
        self, unit: Unit, parent: ItemRecord, line: list[ItemRecord] | None = None
    ) -> None:
        if line is None:
            line = [parent, *unit.ancestors(parent.id)]
        deleted = next((r for r in line if r.status is Status.DELETED), None)
        if deleted is not None:
            raise Refused(_is_deleted(deleted))

    def _anchor_for_index(
        self, unit: Unit, parent_id: int | None, index: int | None, moving: set[int]
    ) -> int | None:
        """The sibling after which items land to stand at `index` among the active
        children, counting the list as it is now."""
        before: ItemRecord | None = None
        if index is not None:
            if index < 0:
                raise InvalidInput(_("A position cannot be negative."))
            page = unit.children(parent_id, [Status.ACTIVE], offset=index, limit=len(moving) + 1)
            before = next((r for r in page if r.id not in moving), None)
        if before is not None:
            prev = unit.neighbour(before, after=False)
            while prev is not None and prev.id in moving:
                prev = unit.neighbour(prev, after=False)
            return None if prev is None else prev.id
        tail = unit.children(parent_id, None, limit=len(moving) + 1, descending=True)
        last = next((r for r in tail if r.id not in moving), None)
        return None if last is None else last.id

    def _place(self, unit: Unit, item_id: int, parent_id: int | None, after_id: int | None) -> None:
        """Put one item right after `after_id` under `parent_id`, writing only its own row
        (unless the gap is used up, when the siblings are spread out again first)."""
        anchor = unit.get(after_id) if after_id is not None else None
        if anchor is not None and anchor.parent_id != parent_id:
            anchor = None
        for _attempt in range(2):
            if anchor is None:
                first = unit.first_child(parent_id, exclude=item_id)
                position = 0 if first is None else first.position - POSITION_GAP
                break
            following = unit.neighbour(anchor, after=True, exclude=item_id)
            if following is None:
                position = anchor.position + POSITION_GAP
                break
            if following.position - anchor.position > 1:
                position = (anchor.position + following.position) // 2
                break
            unit.renumber(parent_id, POSITION_GAP)
            anchor = unit.require(anchor.id)
        unit.update(item_id, parent_id=parent_id, position=position)

    def _placement_of(self, unit: Unit, record: ItemRecord) -> ch.Placement:
        prev = unit.neighbour(record, after=False)
        return ch.Placement(record.id, record.parent_id, None if prev is None else prev.id)

    def _apply_place(self, unit: Unit, change: ch.Place) -> ch.Outcome:
        records = [unit.require(p.id) for p in change.placements]
        # Undo puts items back in their old order, so each anchor is in place before use.
        records_sorted = sorted(records, key=lambda r: (r.parent_id or 0, r.position, r.id))
        inverse = ch.Place(tuple(self._placement_of(unit, r) for r in records_sorted))
        for p in change.placements:
            self._place(unit, p.id, p.parent_id, p.after_id)
        return ch.Outcome(inverse, tuple(p.id for p in change.placements))

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
                    raise Refused(_is_deleted(record))
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
                    raise Refused(_is_deleted(record))
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
                self._place(unit, record.id, record.parent_id, change.anchors[record.id])
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
            return self._apply_place(unit, change)
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


def _stamped(moment: datetime | None, needed: bool, now: datetime) -> datetime | None:
    """The moment an import gives an item (done, deleted), or, when it gives none and the
    item's status needs one, now: the moment it is added."""
    return now if moment is None and needed else moment


def _clean_due(value: object) -> date | None:
    """A due date is a day: a date or None (a datetime would not read back as a date)."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    raise InvalidInput(_("A due date must be a date."))


def _line_row(item_id: int, index: int, line: NewLine) -> dict[str, Any]:
    """A new line of an imported item, checked as a line typed in would be."""
    fields = clean_line_fields(
        {
            "description": line.description,
            "quantity": line.quantity,
            "unit": line.unit,
            "unit_price": line.unit_price,
            "kind": line.kind,
        }
    )
    check_amount(fields["quantity"], fields["unit_price"])
    return {"item_id": item_id, "position": index, **fields, "kind": fields["kind"].value}


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def _is_deleted(record: ItemRecord) -> str:
    return _("{title} is deleted; restore it first.").format(title=quoted(record.title))


__all__ = ["NotFound", "PlanService", "system_clock"]
