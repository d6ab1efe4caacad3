"""An undo never destroys what another program made or changed since: two programs on one
plan file (two services, each with its own connections), one undoing its change after the
other changed what that change made."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from planner.app import open_plan
from planner.domain import changes as ch
from planner.domain.errors import Refused
from planner.services.costs import CostService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from tests.helpers.clock import FakeClock


@pytest.fixture
def other(service: PlanService, plan_path: Path, clock: FakeClock) -> Iterator[PlanService]:
    """Another program on the same plan."""
    assert service.first_group() is not None
    elsewhere = open_plan(plan_path, clock=clock)
    yield elsewhere
    elsewhere.store.close()


def goal(service: PlanService, title: str = "X") -> int:
    group = service.first_group()
    assert group is not None
    return service.create_item(group.id, title).ids[0]


def test_undoing_a_making_keeps_a_subtask_added_elsewhere(
    service: PlanService, other: PlanService
) -> None:
    made = service.create_item(service.first_group().id, "X")  # type: ignore[union-attr]
    x = made.ids[0]
    y = other.create_item(x, "Y").ids[0]
    with pytest.raises(Refused, match="'Y' was added under 'X' elsewhere since; undo would"):
        service.apply(made.inverse)
    assert [r.title for r in service.subtree(x)] == ["X", "Y"] and service.get(y).parent_id == x


def test_undoing_a_making_keeps_a_change_made_elsewhere(
    service: PlanService, other: PlanService
) -> None:
    made = service.add_trees(service.first_group().id, [])  # nothing: nothing to guard
    assert made.ids == ()
    made = service.create_item(service.first_group().id, "X")  # type: ignore[union-attr]
    x = made.ids[0]
    CostService(other.store).set_calc(x, True)
    with pytest.raises(Refused, match="'X' was changed elsewhere since; undo would delete"):
        service.apply(made.inverse)
    assert service.get(x).title == "X"


def test_undoing_an_edit_keeps_an_edit_made_elsewhere(
    service: PlanService, other: PlanService
) -> None:
    x = goal(service)
    edited = service.edit(x, title="Mine", notes="mine too")
    other.edit(x, notes="Theirs")
    with pytest.raises(Refused, match=r"'Mine' was changed elsewhere since \(notes\); undo"):
        service.apply(edited.inverse)
    assert (service.get(x).title, service.get(x).notes) == ("Mine", "Theirs")


def test_undoing_done_keeps_a_delete_made_elsewhere(
    service: PlanService, other: PlanService
) -> None:
    x = goal(service)
    done = service.mark_done([x])
    other.delete([x])
    with pytest.raises(Refused, match="'X' was deleted elsewhere since; undo would overwrite"):
        service.apply(done.inverse)
    assert service.get(x).status.value == "deleted"


def test_undoing_a_new_line_keeps_a_change_to_it_made_elsewhere(
    service: PlanService, other: PlanService
) -> None:
    x = goal(service)
    costs = CostService(service.store)
    costs.set_calc(x, True)
    added = costs.add_line(x, "Paint", Decimal(2), Decimal("9.5"), unit="l")
    line = added.lines[0]
    CostService(other.store).edit_line(line, quantity=Decimal(3))
    with pytest.raises(Refused, match="The cost line 'Paint' was changed elsewhere since"):
        service.apply(added.inverse)
    assert [x.quantity for x in costs.lines(x)] == [Decimal(3)]


def test_undoing_a_new_person_keeps_what_was_assigned_to_them_elsewhere(
    service: PlanService, other: PlanService
) -> None:
    x = goal(service)
    added = PeopleService(service.store).add_person("Ana")
    person = added.people[0]
    PeopleService(other.store).assign([x], person)
    with pytest.raises(Refused, match="'Ana' was given more items elsewhere since; undo"):
        service.apply(added.inverse)
    assert service.get(x).assignee_id == person


def test_own_steps_undo_and_redo_as_before(service: PlanService, other: PlanService) -> None:
    """Nothing changed elsewhere: every inverse applies, and its inverse again (redo)."""
    x = goal(service)
    steps = [
        service.create_item(x, "child"),
        service.edit(x, title="Y"),
        service.mark_done([x]),
        CostService(service.store).set_calc(x, True),
        CostService(service.store).add_line(x, "L", Decimal(1), Decimal(1)),
        PeopleService(service.store).add_person("Bo"),
    ]
    other.get(x)  # the other program only reads
    redo: list[ch.Change] = []
    for step in reversed(steps):
        redo.append(service.apply(step.inverse).inverse)
    assert [r.title for r in service.subtree(x)] == ["X"]
    for change in reversed(redo):
        service.apply(change)
    assert [r.title for r in service.subtree(x)] == ["Y", "child"]
