"""Random sequences of every tree operation, with undo and redo, on a real plan file.

After each step the tree must still be a tree (no cycles, every item under a group, groups
at the top level only, a strict sibling order) and the plan's own check must pass. Undo
must give back exactly the tree before, redo exactly the tree after; a refused operation
must change nothing; `index` must put items where it says among the active children."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import event

from planner.app import open_plan
from planner.domain import changes as ch
from planner.domain.errors import InvalidInput, NotFound, Refused
from planner.domain.items import ItemRecord, Kind, Priority, Section, Status
from planner.services.plan import PlanService
from tests.helpers.clock import FakeClock
from tests.helpers.tree_snapshot import ordered_children, snapshot, snapshot_of

START = datetime(2026, 11, 22, 12, tzinfo=UTC)
UNKNOWN_ID = 10**6
DAYS_30 = timedelta(days=30)  # a new goal's due date, from today

picks = st.integers(min_value=0, max_value=10**6)
indexes = st.one_of(st.none(), st.integers(min_value=-1, max_value=6))
# Mostly good titles, now and then one that is refused (blank) or cleaned (spaces, breaks).
titles = st.sampled_from(
    ["Plan trip", "  Book flights  ", "two\nlines", "x", "Éa ✓", "Run", "Read", "Call", " ", ""]
)
notes = st.text(max_size=12)
dues = st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)))
priorities = st.one_of(st.sampled_from(list(Priority)), st.just(9))

Snapshot = dict[str, Any]


def plant_seed_tree(s: PlanService) -> None:
    """A small tree to start from, so that short runs reach deep and crowded places."""
    first = s.first_group()
    assert first is not None
    goals = first.id
    work = s.create_group("Work").ids[0]
    a, b, c = (s.create_item(goals, t).ids[0] for t in ("a", "b", "c"))
    a1, _a2, _a3 = (s.create_item(a, t).ids[0] for t in ("a1", "a2", "a3"))
    s.create_item(a1, "a11")
    s.create_item(b, "b1")
    s.create_item(work, "w1")
    s.mark_done([c])


def _no_fsync(dbapi_con: Any, record: Any) -> None:
    dbapi_con.execute("PRAGMA synchronous = OFF")


class TreeMachine(RuleBasedStateMachine):
    # A new plan, made once per test module and copied for each example (see the fixture).
    template: Path | None = None

    def __init__(self) -> None:
        super().__init__()
        # Function fixtures do not reset between examples: each example gets its own folder.
        self.tmp = tempfile.TemporaryDirectory()
        self.clock = FakeClock(START)
        path = Path(self.tmp.name) / "plan.sqlite3"
        if self.template is not None:
            shutil.copyfile(self.template, path)
        self.service = open_plan(path, create=True, clock=self.clock)
        if self.template is None:
            plant_seed_tree(self.service)
        # Durability is tested in test_plan_file; here only the tree logic counts, so skip
        # the fsync after every commit to keep the run short.
        engine = self.service.store.engine  # type: ignore[attr-defined]
        event.listen(engine, "connect", _no_fsync)
        engine.dispose()
        # (tree before, outcome, tree after) of each change, newest last; and what was undone.
        self.history: list[tuple[Snapshot, ch.Outcome, Snapshot]] = []
        self.undone: list[tuple[Snapshot, ch.Outcome, Snapshot]] = []
        self.size = 1
        self.cached: list[ItemRecord] | None = None

    def teardown(self) -> None:
        self.service.store.close()
        self.tmp.cleanup()

    # -- helpers ---------------------------------------------------------------------------
    def items(self) -> list[ItemRecord]:
        """All rows as they are now (read once between two changes)."""
        if self.cached is None:
            self.cached = self.service.all_items()
        return self.cached

    def apply(self, change: ch.Change) -> ch.Outcome:
        self.cached = None
        return self.service.apply(change)

    def pick(self, n: int, kind: Kind | None = None) -> int:
        """An id from the plan (now and then one that is not in it)."""
        records = [r for r in self.items() if kind is None or r.kind is kind]
        if not records or n % 97 == 13:
            return UNKNOWN_ID
        return records[n % len(records)].id

    def pick_parent(self, n: int) -> int | None:
        return None if n % 11 == 0 else self.pick(n)

    def run_of_siblings(self, item_id: int, span: int) -> list[int]:
        """The item and the siblings right after it (of any status), `span` in all at most."""
        records = self.items()
        here = next((r for r in records if r.id == item_id), None)
        if here is None:
            return [item_id]
        order = ordered_children(records)[here.parent_id]
        start = order.index(item_id)
        return order[start : start + span]

    def active_children(self, parent_id: int | None) -> list[int]:
        return [r.id for r in self.service.children(parent_id, Section.ACTIVE)]

    def run(self, op: Callable[[], ch.Outcome]) -> ch.Outcome | None:
        """Run one operation. If refused, nothing may have changed. If done: check that it
        changed only what its kind of change may, that its inverse gives back exactly the
        tree before and the redo exactly the tree after; and remember it for later undo."""
        before = snapshot_of(self.items())
        self.cached = None
        try:
            outcome = op()
        except (Refused, InvalidInput, NotFound):
            assert snapshot_of(self.items()) == before
            return None
        after = snapshot_of(self.items())
        self.check_change_kind(before, outcome, after)
        redo = self.apply(outcome.inverse)
        assert snapshot(self.service) == before, "undo did not give back the tree before"
        again = self.apply(redo.inverse)
        assert snapshot(self.service) == after, "redo did not give back the tree after"
        self.history.append((before, again, after))
        self.undone.clear()
        return outcome

    def check_change_kind(self, before: Snapshot, outcome: ch.Outcome, after: Snapshot) -> None:
        inverse = outcome.inverse
        if isinstance(inverse, ch.SetStatus | ch.Edit):
            # Done, not done, delete, restore and edits never reorder anything.
            assert after["order"] == before["order"]
        if isinstance(inverse, ch.Insert):
            # A purge takes rows out and leaves the order of the rest alone.
            gone = set(before["items"]) - set(after["items"])
            assert {r.id for r in inverse.records} == gone
            for parent, kids in after["order"].items():
                assert kids == [k for k in before["order"][parent] if k not in gone]

    def expect_at_index(
        self, parent_id: int | None, before_active: list[int], moved: list[int], index: int | None
    ) -> None:
        """`index` counts the parent's active children as they were; the moved items (those
        of them that are active) stand together there, in the given order."""
        rest = [i for i in before_active if i not in moved]
        k = len(before_active) if index is None else min(index, len(before_active))
        cut = len([i for i in before_active[:k] if i not in moved])
        active = {r.id for r in self.items() if r.status is Status.ACTIVE}
        expected = rest[:cut] + [m for m in moved if m in active] + rest[cut:]
        assert self.active_children(parent_id) == expected

    # -- operations ------------------------------------------------------------------------

    @rule(parent=picks, title=titles, index=indexes, due=dues, priority=priorities)
    def create_item(
        self, parent: int, title: str, index: int | None, due: date | None, priority: int
    ) -> None:
        parent_id = self.pick(parent)
        before_active = self.active_children(parent_id)
        outcome = self.run(
            lambda: self.service.create_item(
                parent_id, title, index=index, due=due, priority=Priority(priority % 4)
            )
        )
        if outcome is not None:
            self.expect_at_index(parent_id, before_active, list(outcome.ids), index)
            assert self.service.get(outcome.ids[0]).due == due

    @rule(parent=picks, index=st.integers(min_value=0, max_value=4))
    def create_task(self, parent: int, index: int) -> None:
        """Crowd the goals and tasks already there."""
        parent_id = self.pick(parent, Kind.ITEM)
        before_active = self.active_children(parent_id)
        outcome = self.run(lambda: self.service.create_item(parent_id, "t", index=index))
        if outcome is not None:
            self.expect_at_index(parent_id, before_active, list(outcome.ids), index)

    @rule(parent=picks, title=titles, index=indexes)
    def create_default_due(self, parent: int, title: str, index: int | None) -> None:
        parent_id = self.pick(parent)
        outcome = self.run(lambda: self.service.create_item(parent_id, title, index=index))
        if outcome is not None:
            record = self.service.get(parent_id)
            # A task is due when its parent is; a goal (or a task under an item with no
            # date) thirty days from today, by the clock.
            today = self.clock().astimezone().date()
            expected = record.due if record.due and not record.is_group else today + DAYS_30
            assert self.service.get(outcome.ids[0]).due == expected

    @rule(name=titles, index=indexes)
    def create_group(self, name: str, index: int | None) -> None:
        before_active = self.active_children(None)
        outcome = self.run(lambda: self.service.create_group(name, index))
        if outcome is not None:
            self.expect_at_index(None, before_active, list(outcome.ids), index)

    @rule(
        item=picks,
        title=st.one_of(st.none(), titles),
        note=st.one_of(st.none(), notes),
        due=st.one_of(st.none(), st.just("keep"), dues),
        priority=st.one_of(st.none(), priorities),
    )
    def edit(self, item: int, title: Any, note: Any, due: Any, priority: Any) -> None:
        item_id = self.pick(item)
        fields: dict[str, Any] = {}
        if title is not None:
            fields["title"] = title
        if note is not None:
            fields["notes"] = note
        if due != "keep":
            fields["due"] = due
        if priority is not None:
            fields["priority"] = priority
        self.run(lambda: self.service.edit(item_id, **fields))

    @rule(items=st.lists(picks, min_size=1, max_size=3), to=picks, index=indexes)
    def move(self, items: list[int], to: int, index: int | None) -> None:
        self.move_ids([self.pick(n) for n in items], to, index)

    @rule(item=picks, span=st.integers(2, 3), to=picks, index=indexes, backwards=st.booleans())
    def move_run(self, item: int, span: int, to: int, index: int | None, backwards: bool) -> None:
        """Neighbours moved together, in their order or the other way round."""
        ids = self.run_of_siblings(self.pick(item), span)
        self.move_ids(ids[::-1] if backwards else ids, to, index)

    def move_ids(self, items: list[int], to: int, index: int | None) -> None:
        ids = list(dict.fromkeys(items))
        parent_id = self.pick_parent(to)
        before_active = self.active_children(parent_id)
        outcome = self.run(lambda: self.service.move(ids, parent_id, index))
        if outcome is not None:
            assert [self.service.get(i).parent_id for i in ids] == [parent_id] * len(ids)
            self.expect_at_index(parent_id, before_active, ids, index)

    @rule(group=picks, index=indexes)
    def move_group(self, group: int, index: int | None) -> None:
        group_id = self.pick(group, Kind.GROUP)
        before_active = self.active_children(None)
        if self.run(lambda: self.service.move([group_id], None, index)) is not None:
            self.expect_at_index(None, before_active, [group_id], index)

    @rule(items=st.lists(picks, min_size=1, max_size=2))
    def mark_done(self, items: list[int]) -> None:
        ids = [self.pick(n) for n in items]
        if self.run(lambda: self.service.mark_done(ids)) is not None:
            assert all(self.service.get(i).status is Status.DONE for i in ids)

    @rule(items=st.lists(picks, min_size=1, max_size=2))
    def mark_undone(self, items: list[int]) -> None:
        ids = [self.pick(n) for n in items]
        if self.run(lambda: self.service.mark_undone(ids)) is not None:
            assert all(self.service.get(i).status is Status.ACTIVE for i in ids)

    @rule(items=st.lists(picks, min_size=1, max_size=2))
    def delete(self, items: list[int]) -> None:
        ids = [self.pick(n) for n in items]
        if self.run(lambda: self.service.delete(ids)) is not None:
            assert all(self.service.get(i).status is Status.DELETED for i in ids)

    @rule(items=st.lists(picks, min_size=1, max_size=2))
    def restore(self, items: list[int]) -> None:
        ids = [self.pick(n) for n in items]
        if self.run(lambda: self.service.restore(ids)) is not None:
            # The item and every item above it are back in the tree.
            for i in ids:
                for record in [self.service.get(i), *self.service.path(i)]:
                    assert record.status is not Status.DELETED

    @precondition(lambda self: self.size > 8)
    @rule(items=st.lists(picks, min_size=1, max_size=2), span=st.integers(1, 3))
    def purge(self, items: list[int], span: int) -> None:
        ids = [*self.run_of_siblings(self.pick(items[0]), span), *map(self.pick, items[1:])]
        if self.run(lambda: self.service.purge(ids)) is not None:
            remaining = {r.id for r in self.items()}
            assert not remaining & set(ids)

    @precondition(lambda self: self.size > 8)
    @rule(parent=picks)
    def empty_deleted(self, parent: int) -> None:
        parent_id = self.pick_parent(parent)
        if self.run(lambda: self.service.empty_deleted(parent_id)) is not None:
            counts = self.service.counts([parent_id])[parent_id]
            assert counts[Status.DELETED] == 0

    @rule(days=st.integers(min_value=0, max_value=40), minutes=st.integers(0, 600))
    def time_passes(self, days: int, minutes: int) -> None:
        self.clock.advance(days=days, minutes=minutes)

    # -- undo and redo ---------------------------------------------------------------------
    @precondition(lambda self: bool(self.history))
    @rule()
    def undo_then_redo(self) -> None:
        before, outcome, after = self.history.pop()
        redo = self.apply(outcome.inverse)
        assert snapshot(self.service) == before
        again = self.apply(redo.inverse)
        assert snapshot(self.service) == after
        self.history.append((before, again, after))

    @precondition(lambda self: bool(self.history))
    @rule()
    def undo(self) -> None:
        before, outcome, after = self.history.pop()
        redo = self.apply(outcome.inverse)
        assert snapshot(self.service) == before
        self.undone.append((before, redo, after))

    @precondition(lambda self: bool(self.undone))
    @rule()
    def redo(self) -> None:
        before, redo, after = self.undone.pop()
        again = self.apply(redo.inverse)
        assert snapshot(self.service) == after
        self.history.append((before, again, after))

    # -- invariants ------------------------------------------------------------------------
    @invariant()
    def tree_is_sound(self) -> None:
        assert self.service.check() == []
        records = {r.id: r for r in self.items()}
        self.size = len(records)
        for record in records.values():
            assert record.is_group == (record.parent_id is None)
            assert not (record.is_group and record.status is Status.DONE)
            # Up the parent links to a group, without coming round again.
            seen = {record.id}
            node = record
            while node.parent_id is not None:
                assert node.parent_id in records, "dangling parent"
                node = records[node.parent_id]
                assert node.id not in seen, "cycle"
                seen.add(node.id)
            assert node.is_group
        positions: dict[int | None, set[int]] = {}
        for record in records.values():
            taken = positions.setdefault(record.parent_id, set())
            assert record.position not in taken, "two siblings share a position"
            taken.add(record.position)


@pytest.fixture(scope="module", autouse=True)
def template_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    path = tmp_path_factory.mktemp("template") / "plan.sqlite3"
    service = open_plan(path, create=True)
    plant_seed_tree(service)
    service.store.close()
    TreeMachine.template = path
    yield
    TreeMachine.template = None


TreeMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestTreeStateMachine = TreeMachine.TestCase
