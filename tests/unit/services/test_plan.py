"""PlanService on a real plan file: every tree operation, its rules, and its exact undo."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event

from planner.domain import changes as ch
from planner.domain.costs import NewLine
from planner.domain.errors import InvalidInput, NotFound, Refused
from planner.domain.items import Kind, Priority, Section, Status
from planner.domain.new_node import NewNode
from planner.services.plan import PlanService
from planner.store.repository import Unit
from tests.helpers.clock import FakeClock
from tests.helpers.tree_snapshot import snapshot

TODAY = date(2026, 11, 22)  # the local date of the `clock` fixture


def goals(service: PlanService) -> int:
    group = service.first_group()
    assert group is not None
    return group.id


def titles(service: PlanService, parent_id: int | None, section: Section = Section.ACTIVE) -> list:
    return [r.title for r in service.children(parent_id, section)]


def add(service: PlanService, parent_id: int, *names: str, **kwargs: Any) -> list[int]:
    return [service.create_item(parent_id, name, **kwargs).ids[0] for name in names]


def undo_redo_round_trip(service: PlanService, do: Callable[[], ch.Outcome]) -> ch.Outcome:
    """Run an operation, then check that its inverse gives back exactly the tree before and
    that the redo gives back exactly the tree after, twice over."""
    before = snapshot(service)
    outcome = do()
    after = snapshot(service)
    assert after != before, "the operation changed nothing"
    redo = service.apply(outcome.inverse)
    assert snapshot(service) == before
    undo = service.apply(redo.inverse)
    assert snapshot(service) == after
    service.apply(undo.inverse)
    assert snapshot(service) == before
    return outcome


# -- a new plan ---------------------------------------------------------------------------
def test_new_plan_has_one_group_goals(service: PlanService) -> None:
    items = service.all_items()
    assert [(r.kind, r.title, r.parent_id, r.status) for r in items] == [
        (Kind.GROUP, "Goals", None, Status.ACTIVE)
    ]
    assert service.check() == []


# -- creating -----------------------------------------------------------------------------
def test_create_appends_by_default(service: PlanService) -> None:
    g = goals(service)
    add(service, g, "a", "b", "c")
    assert titles(service, g) == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, ["new", "a", "b", "c"]),
        (1, ["a", "new", "b", "c"]),
        (2, ["a", "b", "new", "c"]),
        (3, ["a", "b", "c", "new"]),
        (99, ["a", "b", "c", "new"]),
        (None, ["a", "b", "c", "new"]),
    ],
)
def test_create_at_index(service: PlanService, index: int | None, expected: list[str]) -> None:
    g = goals(service)
    add(service, g, "a", "b", "c")
    service.create_item(g, "new", index=index)
    assert titles(service, g) == expected


@pytest.mark.parametrize("index", [0, 1, 2, 3, None])
def test_create_task_at_index(service: PlanService, index: int | None) -> None:
    (goal,) = add(service, goals(service), "goal")
    add(service, goal, "a", "b", "c")
    service.create_item(goal, "new", index=index)
    expected = ["a", "b", "c"]
    expected.insert(3 if index is None else index, "new")
    assert titles(service, goal) == expected


def test_create_index_counts_active_children_only(service: PlanService) -> None:
    g = goals(service)
    a, d1, b, d2, c = add(service, g, "a", "d1", "b", "d2", "c")
    service.mark_done([d1, d2])
    service.create_item(g, "x", index=1)
    service.create_item(g, "y", index=3)
    service.create_item(g, "z", index=0)
    assert titles(service, g) == ["z", "a", "x", "b", "y", "c"]
    assert titles(service, g, Section.DONE) == ["d1", "d2"]


def test_create_group_at_index(service: PlanService) -> None:
    service.create_group("Health")
    service.create_group("Work", index=0)
    service.create_group("Home", index=2)
    assert titles(service, None) == ["Work", "Goals", "Home", "Health"]


def test_create_cleans_title_and_refuses_empty(service: PlanService) -> None:
    g = goals(service)
    (item,) = add(service, g, "  Book\nflights  ")
    assert service.get(item).title == "Book flights"
    before = snapshot(service)
    with pytest.raises(InvalidInput):
        service.create_item(g, "   \n ")
    with pytest.raises(InvalidInput):
        service.create_item(g, "x", index=-1)
    with pytest.raises(InvalidInput):
        service.create_group("")
    assert snapshot(service) == before


def test_create_records_fields(service: PlanService, clock: FakeClock) -> None:
    g = goals(service)
    (item,) = add(service, g, "Run", due=date(2027, 1, 5), priority=Priority.HIGH, notes="5k\n")
    record = service.get(item)
    assert (record.kind, record.parent_id, record.status) == (Kind.ITEM, g, Status.ACTIVE)
    assert (record.due, record.priority, record.notes) == (date(2027, 1, 5), Priority.HIGH, "5k\n")
    assert record.created == clock.now
    assert (record.done_at, record.deleted_at) == (None, None)


def test_default_due_goal_is_thirty_days_ahead(service: PlanService) -> None:
    (goal,) = add(service, goals(service), "goal")
    assert service.get(goal).due == TODAY + timedelta(days=30)


def test_default_due_follows_the_clock(service: PlanService, clock: FakeClock) -> None:
    clock.advance(days=3)
    (goal,) = add(service, goals(service), "goal")
    assert service.get(goal).due == TODAY + timedelta(days=33)


def test_default_due_task_is_parents_due(service: PlanService) -> None:
    (goal,) = add(service, goals(service), "goal", due=date(2027, 3, 1))
    (task,) = add(service, goal, "task")
    (sub,) = add(service, task, "sub")
    assert service.get(task).due == date(2027, 3, 1)
    assert service.get(sub).due == date(2027, 3, 1)


def test_explicit_no_due_date(service: PlanService) -> None:
    (goal,) = add(service, goals(service), "goal", due=None)
    assert service.get(goal).due is None


def test_create_under_deleted_parent_refused(service: PlanService) -> None:
    (goal,) = add(service, goals(service), "goal")
    (task,) = add(service, goal, "task")
    service.delete([goal])
    before = snapshot(service)
    for parent in (goal, task):
        with pytest.raises(Refused, match="restore it first"):
            service.create_item(parent, "x")
    assert snapshot(service) == before
    g = goals(service)
    service.delete([g])
    before = snapshot(service)
    with pytest.raises(Refused, match="'Goals' is deleted"):
        service.create_item(g, "x")
    assert snapshot(service) == before


def test_create_undo_redo(service: PlanService) -> None:
    g = goals(service)
    add(service, g, "a", "b")
    undo_redo_round_trip(service, lambda: service.create_item(g, "new", index=1))
    outcome = service.create_item(g, "new", index=1)
    redo = service.apply(outcome.inverse)
    assert titles(service, g) == ["a", "b"]
    with pytest.raises(NotFound):
        service.get(outcome.ids[0])
    service.apply(redo.inverse)
    # The redo brings the item back under its old id, at its place.
    assert service.get(outcome.ids[0]).title == "new"
    assert titles(service, g) == ["a", "new", "b"]


# -- editing ------------------------------------------------------------------------------
def test_edit_fields_and_undo(service: PlanService) -> None:
    (item,) = add(service, goals(service), "old", notes="n", priority=Priority.LOW)
    before = snapshot(service)
    outcome = service.edit(
        item, title=" new ", notes="more\nlines", due=date(2027, 2, 2), priority=Priority.HIGH
    )
    record = service.get(item)
    assert (record.title, record.notes, record.due, record.priority) == (
        "new",
        "more\nlines",
        date(2027, 2, 2),
        Priority.HIGH,
    )
    after = snapshot(service)
    redo = service.apply(outcome.inverse)
    assert snapshot(service) == before
    service.apply(redo.inverse)
    assert snapshot(service) == after


def test_edit_with_no_fields_changes_nothing(service: PlanService) -> None:
    (item,) = add(service, goals(service), "x")
    before = snapshot(service)
    outcome = service.edit(item)
    assert snapshot(service) == before
    service.apply(outcome.inverse)
    assert snapshot(service) == before


def test_edit_due_to_none(service: PlanService) -> None:
    (item,) = add(service, goals(service), "x")
    undo_redo_round_trip(service, lambda: service.edit(item, due=None))
    service.edit(item, due=None)
    assert service.get(item).due is None


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "  "},
        {"title": "x" * 501},
        {"due": "2026-12-01"},
        {"colour": "red"},
        {"priority": 7},
        {"priority": "urgent"},
    ],
)
def test_edit_bad_input_refused_and_changes_nothing(service: PlanService, fields: dict) -> None:
    (item,) = add(service, goals(service), "x")
    before = snapshot(service)
    with pytest.raises(InvalidInput):
        service.edit(item, **fields)
    assert snapshot(service) == before


@pytest.mark.parametrize("due", [datetime(2026, 12, 1, 9, 0, tzinfo=UTC), "2026-12-01", 20261201])
def test_due_must_be_a_day(service: PlanService, due: Any) -> None:
    # A datetime stored as a due date would make every later read of the plan fail.
    g = goals(service)
    (item,) = add(service, g, "x")
    before = snapshot(service)
    with pytest.raises(InvalidInput, match="due date"):
        service.edit(item, due=due)
    with pytest.raises(InvalidInput, match="due date"):
        service.create_item(g, "y", due=due)
    with pytest.raises(InvalidInput, match="due date"):
        service.add_trees(g, [NewNode("z", due=due)])
    assert snapshot(service) == before
    assert titles(service, g) == ["x"]


def test_edit_group_name_only(service: PlanService) -> None:
    g = goals(service)
    undo_redo_round_trip(service, lambda: service.edit(g, title="Life"))
    service.edit(g, title="Life")
    assert titles(service, None) == ["Life"]
    before = snapshot(service)
    with pytest.raises(Refused):
        service.edit(g, notes="x")
    with pytest.raises(Refused):
        service.edit(g, due=date(2027, 1, 1))
    assert snapshot(service) == before


# -- moving -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("moving", "index", "expected"),
    [
        ("a", 0, "abcd"),
        ("a", 1, "abcd"),
        ("a", 2, "bacd"),
        ("a", 3, "bcad"),
        ("a", 4, "bcda"),
        ("a", None, "bcda"),
        ("d", 0, "dabc"),
        ("d", 1, "adbc"),
        ("c", 1, "acbd"),
        ("b", 3, "acbd"),
        ("ca", 0, "cabd"),
        ("ac", 2, "bacd"),
        ("db", 1, "adbc"),
        ("bc", None, "adbc"),
        ("bc", 1, "abcd"),
        ("dcba", 0, "dcba"),
    ],
)
def test_move_among_siblings(
    service: PlanService, moving: str, index: int | None, expected: str
) -> None:
    g = goals(service)
    ids = dict(zip("abcd", add(service, g, *"abcd"), strict=True))
    if expected != "abcd":
        undo_redo_round_trip(service, lambda: service.move([ids[m] for m in moving], g, index))
    service.move([ids[m] for m in moving], g, index)
    assert "".join(titles(service, g)) == expected


def test_move_index_counts_active_children_as_they_are_now(service: PlanService) -> None:
    g = goals(service)
    a, done, b, c = add(service, g, "a", "done", "b", "c")
    service.mark_done([done])
    service.move([c], g, 1)
    assert titles(service, g) == ["a", "c", "b"]
    service.mark_undone([done])
    # "done" keeps its place among its siblings.
    assert titles(service, g) == ["a", "done", "c", "b"]


def test_move_to_another_parent(service: PlanService) -> None:
    g = goals(service)
    p, q = add(service, g, "p", "q")
    a, b = add(service, p, "a", "b")
    x, y = add(service, q, "x", "y")
    undo_redo_round_trip(service, lambda: service.move([a], q, 1))
    service.move([a], q, 1)
    assert titles(service, p) == ["b"]
    assert titles(service, q) == ["x", "a", "y"]
    assert service.get(a).parent_id == q


def test_move_keeps_subtree(service: PlanService) -> None:
    g = goals(service)
    p, q = add(service, g, "p", "q")
    (t,) = add(service, p, "t")
    s1, s2 = add(service, t, "s1", "s2")
    service.move([t], q)
    assert [r.title for r in service.path(s2)] == ["Goals", "q", "t"]
    assert titles(service, t) == ["s1", "s2"]


def test_move_task_into_group_becomes_goal(service: PlanService) -> None:
    g = goals(service)
    (goal,) = add(service, g, "goal")
    (task,) = add(service, goal, "task")
    (sub,) = add(service, task, "sub")
    health = service.create_group("Health").ids[0]
    undo_redo_round_trip(service, lambda: service.move([task], health))
    service.move([task], health)
    assert service.get(task).parent_id == health
    assert titles(service, health) == ["task"]
    assert titles(service, goal) == []
    assert [r.title for r in service.path(sub)] == ["Health", "task"]


def test_move_goal_under_a_task(service: PlanService) -> None:
    g = goals(service)
    goal, other = add(service, g, "goal", "other")
    (task,) = add(service, goal, "task")
    undo_redo_round_trip(service, lambda: service.move([other], task, 0))
    service.move([other], task, 0)
    assert titles(service, g) == ["goal"]
    assert [r.title for r in service.path(other)] == ["Goals", "goal", "task"]


def test_move_goals_between_groups(service: PlanService) -> None:
    g = goals(service)
    a, b, c = add(service, g, "a", "b", "c")
    work = service.create_group("Work").ids[0]
    (w,) = add(service, work, "w")
    undo_redo_round_trip(service, lambda: service.move([c, a], work, 0))
    service.move([c, a], work, 0)
    assert titles(service, g) == ["b"]
    assert titles(service, work) == ["c", "a", "w"]


def test_multi_move_keeps_given_order_from_several_parents(service: PlanService) -> None:
    g = goals(service)
    p, q, target = add(service, g, "p", "q", "target")
    (p1, p2) = add(service, p, "p1", "p2")
    (q1,) = add(service, q, "q1")
    (t1,) = add(service, target, "t1")
    undo_redo_round_trip(service, lambda: service.move([q1, p2, p1], target, 0))
    service.move([q1, p2, p1], target, 0)
    assert titles(service, target) == ["q1", "p2", "p1", "t1"]
    assert titles(service, p) == []
    assert titles(service, q) == []


def test_move_an_item_with_its_own_child(service: PlanService) -> None:
    g = goals(service)
    p, q = add(service, g, "p", "q")
    (c,) = add(service, p, "c")
    undo_redo_round_trip(service, lambda: service.move([p, c], q))
    service.move([p, c], q)
    assert titles(service, q) == ["p", "c"]
    assert titles(service, p) == []


def test_move_into_own_subtree_refused(service: PlanService) -> None:
    g = goals(service)
    (goal,) = add(service, g, "goal")
    (task,) = add(service, goal, "task")
    (sub,) = add(service, task, "sub")
    before = snapshot(service)
    for target in (goal, task, sub):
        with pytest.raises(Refused, match="own subtree"):
            service.move([goal], target)
    with pytest.raises(Refused):
        service.move([sub, task], sub)
    assert snapshot(service) == before


def test_move_into_deleted_item_refused(service: PlanService) -> None:
    g = goals(service)
    goal, gone = add(service, g, "goal", "gone")
    (inside,) = add(service, gone, "inside")
    service.delete([gone])
    before = snapshot(service)
    for target in (gone, inside):
        with pytest.raises(Refused, match="'gone' is deleted"):
            service.move([goal], target)
    other = service.create_group("Other").ids[0]
    service.delete([other])
    before = snapshot(service)
    with pytest.raises(Refused, match="'Other' is deleted"):
        service.move([goal], other)
    assert snapshot(service) == before


def test_groups_only_at_top_level(service: PlanService) -> None:
    g = goals(service)
    (goal,) = add(service, g, "goal")
    work = service.create_group("Work").ids[0]
    before = snapshot(service)
    with pytest.raises(Refused):
        service.move([goal], None)
    with pytest.raises(Refused):
        service.move([work], goal)
    with pytest.raises(Refused):
        service.move([work], g)
    with pytest.raises(Refused):
        service.move([work, goal], None)
    with pytest.raises(InvalidInput):
        service.move([], g)
    assert snapshot(service) == before


def test_move_unknown_ids(service: PlanService) -> None:
    g = goals(service)
    (goal,) = add(service, g, "goal")
    before = snapshot(service)
    with pytest.raises(NotFound):
        service.move([999], g)
    with pytest.raises(NotFound):
        service.move([goal], 999)
    with pytest.raises(NotFound):
        service.move([goal, 999], g, 0)
    assert snapshot(service) == before


# -- done and not done --------------------------------------------------------------------
def test_done_moves_to_done_section_and_back_to_same_place(
    service: PlanService, clock: FakeClock
) -> None:
    g = goals(service)
    a, b, c = add(service, g, "a", "b", "c")
    (sub,) = add(service, b, "sub")
    undo_redo_round_trip(service, lambda: service.mark_done([b]))
    service.mark_done([b])
    assert titles(service, g) == ["a", "c"]
    assert titles(service, g, Section.DONE) == ["b"]
    assert service.get(b).done_at == clock.now
    assert titles(service, b) == ["sub"]  # the subtree goes with it, untouched
    assert service.counts([g])[g] == {Status.ACTIVE: 2, Status.DONE: 1, Status.DELETED: 0}
    clock.advance(days=2)
    undo_redo_round_trip(service, lambda: service.mark_undone([b]))
    service.mark_undone([b])
    assert titles(service, g) == ["a", "b", "c"]
    assert titles(service, g, Section.DONE) == []
    assert service.get(b).done_at is None


def test_undone_returns_to_place_after_siblings_moved(service: PlanService) -> None:
    g = goals(service)
    a, b, c, d = add(service, g, "a", "b", "c", "d")
    service.mark_done([b, c])
    service.move([d], g, 0)
    service.create_item(g, "e", index=1)
    assert titles(service, g) == ["d", "e", "a"]
    service.mark_undone([c])
    assert titles(service, g) == ["d", "e", "a", "c"]
    service.mark_undone([b])
    assert titles(service, g) == ["d", "e", "a", "b", "c"]


def test_done_rules(service: PlanService) -> None:
    g = goals(service)
    a, b = add(service, g, "a", "b")
    service.delete([b])
    before = snapshot(service)
    with pytest.raises(Refused):
        service.mark_done([g])
    with pytest.raises(Refused, match="restore it first"):
        service.mark_done([b])
    with pytest.raises(Refused, match="restore it first"):
        service.mark_undone([b])
    with pytest.raises(Refused):
        service.mark_done([a, b])  # all or nothing
    with pytest.raises(InvalidInput):
        service.mark_done([])
    with pytest.raises(NotFound):
        service.mark_done([a, 999])
    assert snapshot(service) == before


def test_done_twice_keeps_first_date(service: PlanService, clock: FakeClock) -> None:
    (a,) = add(service, goals(service), "a")
    service.mark_done([a])
    first = clock.now
    clock.advance(days=1)
    outcome = service.mark_done([a])
    assert service.get(a).done_at == first
    before = snapshot(service)
    service.apply(outcome.inverse)
    assert snapshot(service) == before


# -- deleting and restoring ---------------------------------------------------------------
def test_delete_and_restore_same_place(service: PlanService, clock: FakeClock) -> None:
    g = goals(service)
    a, b, c = add(service, g, "a", "b", "c")
    undo_redo_round_trip(service, lambda: service.delete([b]))
    service.delete([b])
    assert titles(service, g) == ["a", "c"]
    assert titles(service, g, Section.DELETED) == ["b"]
    assert service.get(b).deleted_at == clock.now
    service.move([c], g, 0)
    undo_redo_round_trip(service, lambda: service.restore([b]))
    outcome = service.restore([b])
    assert outcome.note == ""
    assert titles(service, g) == ["c", "a", "b"]
    assert service.get(b).deleted_at is None


def test_deleted_done_item_restores_to_done(service: PlanService, clock: FakeClock) -> None:
    g = goals(service)
    (a,) = add(service, g, "a")
    service.mark_done([a])
    done_at = clock.now
    clock.advance(hours=5)
    service.delete([a])
    assert titles(service, g, Section.DONE) == []
    assert titles(service, g, Section.DELETED) == ["a"]
    service.restore([a])
    assert titles(service, g, Section.DONE) == ["a"]
    assert service.get(a).done_at == done_at


def test_restore_inside_deleted_parents_restores_the_path(service: PlanService) -> None:
    g = goals(service)
    (goal,) = add(service, g, "Trip")
    (task,) = add(service, goal, "Book")
    (sub,) = add(service, task, "Flights")
    service.delete([sub])
    service.delete([goal])
    service.delete([g])
    before = snapshot(service)
    outcome = service.restore([sub])
    assert "Also restored" in outcome.note
    assert "'Trip'" in outcome.note and "'Goals'" in outcome.note
    assert "'Book'" not in outcome.note  # it was not deleted itself
    for item in (g, goal, task, sub):
        assert service.get(item).status is Status.ACTIVE
    assert titles(service, None) == ["Goals"]
    assert titles(service, g) == ["Trip"]
    service.apply(outcome.inverse)
    assert snapshot(service) == before


def test_restore_item_not_itself_deleted_inside_deleted_parent(service: PlanService) -> None:
    g = goals(service)
    (goal,) = add(service, g, "Trip")
    (task,) = add(service, goal, "Book")
    service.delete([goal])
    outcome = service.restore([task])
    assert outcome.note == "Also restored 'Trip', which was deleted above it."
    assert titles(service, g) == ["Trip"]


def test_delete_group_and_restore(service: PlanService) -> None:
    g = goals(service)
    work = service.create_group("Work").ids[0]
    service.create_group("Home")
    add(service, g, "a")
    undo_redo_round_trip(service, lambda: service.delete([g]))
    service.delete([g])
    assert titles(service, None) == ["Work", "Home"]
    assert titles(service, None, Section.DELETED) == ["Goals"]
    service.move([work], None)
    assert titles(service, None) == ["Home", "Work"]
    service.restore([g])
    assert titles(service, None) == ["Goals", "Home", "Work"]
    assert titles(service, g) == ["a"]


def test_delete_unknown_and_empty(service: PlanService) -> None:
    before = snapshot(service)
    with pytest.raises(NotFound):
        service.delete([12345])
    with pytest.raises(NotFound):
        service.restore([12345])
    with pytest.raises(InvalidInput):
        service.delete([])
    assert snapshot(service) == before


# -- deleting for good --------------------------------------------------------------------
def build_subtree(service: PlanService) -> dict[str, int]:
    g = goals(service)
    a, b, c = add(service, g, "a", "b", "c")
    b1, b2, b3 = add(service, b, "b1", "b2", "b3")
    (b21,) = add(service, b2, "b21")
    service.mark_done([b3])
    service.delete([b1])
    return {"g": g, "a": a, "b": b, "c": c, "b1": b1, "b2": b2, "b3": b3, "b21": b21}


def test_purge_and_undo_brings_back_same_ids_and_order(service: PlanService) -> None:
    ids = build_subtree(service)
    undo_redo_round_trip(service, lambda: service.purge([ids["b"]]))
    before = snapshot(service)
    outcome = service.purge([ids["b"]])
    assert titles(service, ids["g"]) == ["a", "c"]
    for name in ("b", "b1", "b2", "b3", "b21"):
        with pytest.raises(NotFound):
            service.get(ids[name])
    assert isinstance(outcome.inverse, ch.Insert)
    service.apply(outcome.inverse)
    assert snapshot(service) == before
    assert [r.id for r in service.subtree(ids["b"])] == [
        ids["b"],
        ids["b1"],
        ids["b2"],
        ids["b3"],
        ids["b21"],
    ]
    assert service.check() == []


def test_purge_neighbours_undo_keeps_order(service: PlanService) -> None:
    g = goals(service)
    a, b, c, d = add(service, g, "a", "b", "c", "d")
    undo_redo_round_trip(service, lambda: service.purge([a, b]))
    undo_redo_round_trip(service, lambda: service.purge([c, b]))
    undo_redo_round_trip(service, lambda: service.purge([d, a, c]))
    service.purge([b, c])
    assert titles(service, g) == ["a", "d"]


def test_purge_item_with_its_descendant(service: PlanService) -> None:
    ids = build_subtree(service)
    other = service.create_group("Other").ids[0]
    service.move([ids["b"]], other)  # the parent now sorts after its child by parent id
    outcome = undo_redo_round_trip(service, lambda: service.purge([ids["b21"], ids["b"]]))
    assert outcome.ids == (ids["b"],)


def test_purge_group(service: PlanService) -> None:
    ids = build_subtree(service)
    service.create_group("Other")
    undo_redo_round_trip(service, lambda: service.purge([ids["g"]]))
    service.purge([ids["g"]])
    assert titles(service, None) == ["Other"]
    assert len(service.all_items()) == 1


def test_purge_never_leaves_a_cascade_to_walk_down_the_tree(service: PlanService) -> None:
    """Purge deletes leaves only, the deepest level first: with SQLite allowed a cascade
    only a few levels deep, a 60-level chain with cost lines still goes whole (deleted
    from the top, its cascade would recurse once per level: slow, and refused past
    1,000 levels)."""
    root = node = NewNode(title="level 1")
    for level in range(2, 61):
        node.children.append(NewNode(title=f"level {level}"))
        node = node.children[0]
        node.calc_on = True
        node.lines = [NewLine("hours", Decimal(1), Decimal(2))]
    top = service.add_trees(goals(service), [root]).ids[0]
    event.listen(service.store.engine, "checkout", _shallow_cascades)
    undo_redo_round_trip(service, lambda: service.purge([top]))
    service.purge([top])
    assert titles(service, goals(service)) == []
    assert service.all_items() == [service.get(goals(service))]
    assert service.check() == []


def _shallow_cascades(connection: sqlite3.Connection, *_: object) -> None:
    connection.setlimit(sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 5)


def test_empty_deleted(service: PlanService) -> None:
    g = goals(service)
    a, b, c, d = add(service, g, "a", "b", "c", "d")
    (b1,) = add(service, b, "b1")
    service.mark_done([c])
    service.delete([b, d])
    undo_redo_round_trip(service, lambda: service.empty_deleted(g))
    outcome = service.empty_deleted(g)
    assert set(outcome.ids) == {b, d}
    assert titles(service, g) == ["a"]
    assert titles(service, g, Section.DONE) == ["c"]
    assert titles(service, g, Section.DELETED) == []
    with pytest.raises(NotFound):
        service.get(b1)


def test_empty_deleted_groups(service: PlanService) -> None:
    g = goals(service)
    add(service, g, "a")
    work = service.create_group("Work").ids[0]
    service.create_group("Home")
    service.delete([g, work])
    undo_redo_round_trip(service, lambda: service.empty_deleted(None))
    service.empty_deleted(None)
    assert titles(service, None) == ["Home"]
    assert titles(service, None, Section.DELETED) == []


def test_empty_deleted_with_nothing_deleted_changes_nothing(service: PlanService) -> None:
    g = goals(service)
    add(service, g, "a")
    before = snapshot(service)
    outcome = service.empty_deleted(g)
    assert snapshot(service) == before
    service.apply(outcome.inverse)
    assert snapshot(service) == before
    with pytest.raises(NotFound):
        service.empty_deleted(999)


def test_insert_refused_when_ids_already_there(service: PlanService) -> None:
    (a,) = add(service, goals(service), "a")
    outcome = service.purge([a])
    service.apply(outcome.inverse)
    before = snapshot(service)
    with pytest.raises(Refused):
        service.apply(outcome.inverse)
    assert snapshot(service) == before


def test_add_trees_and_undo(service: PlanService, clock: FakeClock) -> None:
    g = goals(service)
    add(service, g, "a")
    trip = NewNode(
        "Trip",
        due=date(2027, 5, 1),
        children=[
            NewNode("Book", children=[NewNode("Flights"), NewNode("Hotel", status=Status.DONE)]),
            NewNode("Pack", priority=Priority.HIGH),
        ],
    )
    undo_redo_round_trip(service, lambda: service.add_trees(g, [trip, NewNode("Read")]))
    outcome = service.add_trees(g, [trip, NewNode("Read")])
    trip_id, read_id = outcome.ids
    assert titles(service, g) == ["a", "Trip", "Read"]
    assert titles(service, trip_id) == ["Book", "Pack"]
    (book,) = [r.id for r in service.children(trip_id) if r.title == "Book"]
    assert titles(service, book) == ["Flights"]
    assert titles(service, book, Section.DONE) == ["Hotel"]
    assert service.get(trip_id).created == clock.now
    with pytest.raises(Refused):
        service.add_trees(g, [NewNode("G", kind=Kind.GROUP)])
    with pytest.raises(Refused):
        service.add_trees(None, [NewNode("goal without group")])
    assert len(service.all_items()) == 8


# -- groups -------------------------------------------------------------------------------
def test_groups_create_rename_reorder_delete_restore(service: PlanService) -> None:
    g = goals(service)
    work = service.create_group("Work").ids[0]
    home = service.create_group(" Home ").ids[0]
    assert titles(service, None) == ["Goals", "Work", "Home"]
    assert service.get(work).kind is Kind.GROUP
    undo_redo_round_trip(service, lambda: service.create_group("Fun", index=1))
    undo_redo_round_trip(service, lambda: service.edit(work, title="Job"))
    undo_redo_round_trip(service, lambda: service.move([home], None, 0))
    undo_redo_round_trip(service, lambda: service.move([g, home], None))
    service.move([home], None, 0)
    assert titles(service, None) == ["Home", "Goals", "Work"]
    service.delete([g])
    assert titles(service, None) == ["Home", "Work"]
    service.restore([g])
    assert titles(service, None) == ["Home", "Goals", "Work"]


# -- unknown ids --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.get(999),
        lambda s: s.path(999),
        lambda s: s.subtree(999),
        lambda s: s.create_item(999, "x"),
        lambda s: s.edit(999, title="x"),
        lambda s: s.mark_done([999]),
        lambda s: s.mark_undone([999]),
        lambda s: s.delete([999]),
        lambda s: s.restore([999]),
        lambda s: s.purge([999]),
        lambda s: s.empty_deleted(999),
        lambda s: s.apply(ch.Place((ch.Placement(999, None, None),))),
        lambda s: s.apply(ch.SetStatus((ch.StatusValue(999, Status.DONE, None, None),))),
    ],
)
def test_unknown_id_is_not_found(service: PlanService, call: Callable) -> None:
    add(service, goals(service), "a")
    before = snapshot(service)
    with pytest.raises(NotFound, match="999"):
        call(service)
    assert snapshot(service) == before


# -- renumbering --------------------------------------------------------------------------
@pytest.fixture
def renumber_calls(monkeypatch: pytest.MonkeyPatch) -> list:
    calls: list = []
    original = Unit.renumber

    def spy(self: Unit, parent_id: int | None, step: int) -> None:
        calls.append(parent_id)
        original(self, parent_id, step)

    monkeypatch.setattr(Unit, "renumber", spy)
    return calls


def test_many_inserts_between_same_siblings_keep_order(
    service: PlanService, renumber_calls: list
) -> None:
    g = goals(service)
    add(service, g, "a", "b")
    for i in range(45):
        service.create_item(g, f"n{i}", index=1)
    assert renumber_calls, "45 inserts at one spot should use up the gap"
    assert titles(service, g) == ["a", *[f"n{i}" for i in reversed(range(45))], "b"]
    assert service.check() == []


def test_many_inserts_at_index_zero_behind_done_item(
    service: PlanService, renumber_calls: list
) -> None:
    g = goals(service)
    done, a = add(service, g, "done", "a")
    service.mark_done([done])
    for i in range(45):
        service.create_item(g, f"n{i}", index=0)
    assert renumber_calls
    assert titles(service, g) == [*[f"n{i}" for i in reversed(range(45))], "a"]
    service.mark_undone([done])
    assert titles(service, g)[0] == "done"


def test_many_moves_to_the_same_spot_keep_order(service: PlanService, renumber_calls: list) -> None:
    g = goals(service)
    items = add(service, g, *[f"i{n}" for n in range(46)])
    for item in items[1:-1]:
        service.move([item], g, 1)
    assert renumber_calls
    expected = ["i0", *[f"i{n}" for n in reversed(range(1, 45))], "i45"]
    assert titles(service, g) == expected


def test_undo_after_renumber_lands_right(service: PlanService, renumber_calls: list) -> None:
    g = goals(service)
    a, b, c, d = add(service, g, "a", "b", "c", "d")
    start = snapshot(service)
    history = [service.move([d], g, 1), service.move([a, c], g, None), service.mark_done([b])]
    for i in range(45):
        history.append(service.create_item(g, f"n{i}", index=1))
    assert renumber_calls
    for outcome in reversed(history):
        service.apply(outcome.inverse)
    assert snapshot(service) == start


def test_move_undo_out_of_order_after_renumber(service: PlanService, renumber_calls: list) -> None:
    g = goals(service)
    a, x, b = add(service, g, "a", "x", "b")
    move = service.move([x], g, None)
    assert titles(service, g) == ["a", "b", "x"]
    for i in range(45):
        service.create_item(g, f"n{i}", index=1)
    assert renumber_calls
    service.apply(move.inverse)
    # x goes back right after its old neighbour a, however the others were renumbered.
    assert titles(service, g)[:2] == ["a", "x"]
    assert titles(service, g)[-1] == "b"


# -- check ---------------------------------------------------------------------------------
def test_check_reports_broken_tree(service: PlanService) -> None:
    g = goals(service)
    a, b = add(service, g, "a", "b")
    assert service.check() == []
    with service.store.write() as unit:
        unit.update(a, parent_id=b)
        unit.update(b, parent_id=a)
    problems = service.check()
    assert any("cycle" in p for p in problems)


def test_counts_per_section(service: PlanService) -> None:
    ids = build_subtree(service)
    counts = service.counts([ids["g"], ids["b"], None])
    assert counts[ids["b"]] == {Status.ACTIVE: 1, Status.DONE: 1, Status.DELETED: 1}
    assert counts[None][Status.ACTIVE] == 1
