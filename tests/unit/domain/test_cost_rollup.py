"""The incremental totals against the definition: after random sequences of line edits,
switches, moves, done, delete, restore, purge and undo, every item's total in the
CostRollup (kept up to date from each outcome only) equals a brute-force recomputation
from the plan file."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from planner.app import open_plan
from planner.domain import changes as ch
from planner.domain.cost_rollup import PLAN, CostRollup
from planner.domain.costs import LineKind
from planner.domain.errors import PlannerError
from planner.domain.items import Kind
from planner.services.costs import CostService
from planner.services.plan import PlanService
from tests.helpers.cost_reference import totals_by_definition

OPS = (
    "add_line",
    "edit_line",
    "remove_line",
    "move_line",
    "switch",
    "move",
    "done",
    "undone",
    "delete",
    "restore",
    "purge",
    "undo",
    "undo",
)
steps = st.lists(
    st.tuples(
        st.sampled_from(OPS),
        st.integers(0, 10**6),
        st.integers(0, 10**6),
        st.sampled_from(["0", "1", "2.5", "0.000001", "12.125", "999999.99"]),
    ),
    max_size=25,
)


def _no_fsync(dbapi_con: Any, record: Any) -> None:
    dbapi_con.execute("PRAGMA synchronous = OFF")


@pytest.fixture(scope="module", params=[True, False], ids=["lines", "no-lines"])
def template(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A small plan, three levels deep, two groups, some lines already (or none yet: the
    first line comes with the steps)."""
    with_lines = request.param
    path = tmp_path_factory.mktemp("template") / "plan.sqlite3"
    service = open_plan(path, create=True)
    costs = CostService(service.store)
    try:
        first = service.first_group()
        assert first is not None
        other = service.create_group("Work").ids[0]
        parents = [first.id, first.id, other]
        for n, title in enumerate(["a", "b", "c", "a1", "a2", "b1", "a11", "w1"]):
            parent = parents[n] if n < 3 else service.all_items()[n % 5 + 1].id
            item = service.create_item(parent, title).ids[0]
            if n % 2 == 0:
                costs.set_calc(item, True)
                if with_lines:
                    costs.add_line(item, f"line {n}", D(n + 1), D("10.5"))
    finally:
        service.store.close()
    return path


@pytest.fixture
def plan_copy(template: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _pick(values: list[int], n: int) -> int:
    return values[n % len(values)] if values else 10**6


def _step(
    service: PlanService, costs: CostService, op: str, a: int, b: int, number: str
) -> ch.Outcome:
    items = [r for r in service.all_items() if r.kind is Kind.ITEM]
    item_ids = [r.id for r in items]
    every_id = [r.id for r in service.all_items()]
    with service.store.read() as unit:
        line_ids = [x.id for x in unit.all_lines()]
    if op == "add_line":
        item = _pick(item_ids, a)
        if not service.get(item).calc_on:
            return costs.set_calc(item, True)
        kind = LineKind.INCOME if b % 3 == 0 else LineKind.EXPENSE
        return costs.add_line(item, "x", D(number), D(b % 1000) / 4, kind=kind, index=b % 3)
    if op == "edit_line":
        line = _pick(line_ids, a)
        if b % 2:
            return costs.edit_line(line, quantity=D(number))
        return costs.edit_line(line, kind=LineKind.INCOME if b % 4 else LineKind.EXPENSE)
    if op == "remove_line":
        return costs.remove_line(_pick(line_ids, a))
    if op == "move_line":
        return costs.move_line(_pick(line_ids, a), b % 3)
    if op == "switch":
        item = _pick(item_ids, a)
        return costs.set_calc(item, not service.get(item).calc_on)
    if op == "move":
        return service.move([_pick(item_ids, a)], _pick(every_id, b))
    ids = [_pick(item_ids if op in ("done", "undone") else every_id, a)]
    action = {
        "done": service.mark_done,
        "undone": service.mark_undone,
        "delete": service.delete,
        "restore": service.restore,
        "purge": service.purge,
    }[op]
    return action(ids)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_incremental_totals_equal_the_brute_force(
    template: Path, plan_copy: Path, steps: list[tuple[str, int, int, str]]
) -> None:
    path = plan_copy / f"plan-{id(steps)}.sqlite3"
    shutil.copyfile(template, path)
    service = open_plan(path)
    engine = service.store.engine  # type: ignore[attr-defined]
    event.listen(engine, "connect", _no_fsync)
    engine.dispose()
    costs = CostService(service.store)
    try:
        rollup = costs.rollup()
        undo: list[ch.Change] = []
        for op, a, b, number in steps:
            try:
                if op == "undo":
                    if not undo:
                        continue
                    outcome = service.apply(undo.pop())
                else:
                    outcome = _step(service, costs, op, a, b, number)
                    undo.append(outcome.inverse)
            except PlannerError:
                continue  # refused: nothing changed
            costs.follow(rollup, outcome)
            expected = totals_by_definition(service.store)
            with service.store.read() as unit:  # the exports' rollup of what they read
                records, lines = unit.all_items(), unit.all_lines()
            nodes = [(r.id, r.parent_id, r.status, r.calc_on) for r in records]
            exported = CostRollup.of_nodes(nodes, lines)
            fresh = costs.rollup()  # built afresh, in whatever order the ids now lie
            for key, totals in expected.items():
                assert rollup.totals(PLAN if key is None else key) == totals, (op, key)
                assert fresh.totals(PLAN if key is None else key) == totals, (op, key)
                assert exported.totals(PLAN if key is None else key) == totals, (op, key)
    finally:
        service.store.close()
        for p in plan_copy.iterdir():
            p.unlink()


def test_the_breakdown_of_a_plan_without_any_line_says_nothing_adds_up(
    service: PlanService,
) -> None:
    group = service.first_group()
    assert group is not None
    goal = service.create_item(group.id, "Trip").ids[0]
    task = service.create_item(goal, "Book flights").ids[0]
    costs = CostService(service.store)
    breakdown, titles = costs.explain(goal, costs.rollup())
    assert costs.breakdown(goal).children == ((task, breakdown.own),)
    assert breakdown.children == ()  # from the totals in memory: no child is even read
    assert breakdown.total.lines == 0 and titles == {}
