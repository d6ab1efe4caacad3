"""Calculation on the services: a renovation checked by hand to the cent (three levels, a
done branch, a deleted branch, an income, a switched-off item), the breakdown, every line
change and its exact inverse, purge and its undo, import, and an old plan's upgrade."""

from __future__ import annotations

import random
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.app import open_plan
from planner.domain import changes as ch
from planner.domain.cost_rollup import PLAN, CostRollup, Node
from planner.domain.costs import CostLine, LineKind, NewLine, Totals
from planner.domain.errors import InvalidInput, NotFound, Refused
from planner.domain.items import Status
from planner.domain.money import format_money
from planner.domain.new_node import NewNode
from planner.services.costs import CostService
from planner.services.plan import PlanService
from planner.store import plan_file
from planner.store.plan_check import APPLICATION_ID
from tests.helpers.clock import FakeClock
from tests.helpers.cost_reference import brute_force_totals, totals_by_definition
from tests.helpers.migrations import plan_at


@pytest.fixture
def costs(service: PlanService) -> CostService:
    return CostService(service.store)


def renovation(service: PlanService, costs: CostService) -> dict[str, int]:
    """Home › Renovation (permit) › Kitchen (tiles, labour) › Appliances (oven), Sink (done);
    Bathroom (done: shower) › Mirror; Old plan (deleted: sauna) › Extra; Garage sale
    (income); Notes (calculation off)."""
    ids: dict[str, int] = {}
    home = ids["Home"] = service.create_group("Home").ids[0]

    def item(
        parent: int, title: str, *lines: tuple[str, str, str, LineKind], on: bool = True
    ) -> int:
        item_id = ids[title] = service.create_item(parent, title).ids[0]
        costs.set_calc(item_id, True)
        for description, quantity, price, kind in lines:
            costs.add_line(item_id, description, D(quantity), D(price), kind=kind)
        if not on:
            costs.set_calc(item_id, False)
        return item_id

    expense, income = LineKind.EXPENSE, LineKind.INCOME
    reno = item(home, "Renovation", ("Permit", "1", "150", expense))
    kitchen = item(reno, "Kitchen", ("Tiles", "12.5", "30.25", expense))
    costs.add_line(kitchen, "Labour", D(16), D("45.5"), unit="hours")
    item(kitchen, "Appliances", ("Oven", "1", "899.99", expense))
    sink = item(kitchen, "Sink", ("Sink", "1", "249.5", expense))
    bath = item(reno, "Bathroom", ("Shower", "1", "1200", expense))
    item(bath, "Mirror", ("Mirror", "2", "35.125", expense))
    old = item(reno, "Old plan", ("Sauna", "1", "5000", expense))
    item(old, "Extra", ("Extra", "1", "100", expense))
    item(reno, "Garage sale", ("Old furniture", "3", "40", income))
    item(reno, "Notes", ("Forgotten", "1", "999", expense), on=False)
    service.mark_done([sink, bath])
    service.delete([old])
    return ids


def test_renovation_totals_to_the_cent(service: PlanService, costs: CostService) -> None:
    ids = renovation(service, costs)
    rollup = costs.rollup()  # the window's, of the whole plan

    def totals(name: str) -> Totals:
        """An item's totals read afresh (its subtree's own rollup), the same in the
        whole plan's."""
        found = costs.totals(ids[name])
        assert rollup.totals(ids[name]) == found
        return found

    assert totals("Appliances") == Totals(D("899.99"), D(0), D(0), D(0), 1)
    assert totals("Sink") == Totals(D("249.5"), D("249.5"), D(0), D(0), 1)
    assert totals("Kitchen") == Totals(D("2255.615"), D("249.5"), D(0), D(0), 4)
    # Under a done item everything is done.
    assert totals("Bathroom") == Totals(D("1270.25"), D("1270.25"), D(0), D(0), 2)
    assert totals("Mirror") == Totals(D("70.25"), D(0), D(0), D(0), 1)
    # A deleted item shows its own figures, but hands nothing up.
    assert totals("Old plan") == Totals(D(5100), D(0), D(0), D(0), 2)
    assert totals("Notes") == Totals()
    reno = totals("Renovation")
    assert reno == Totals(D("3675.865"), D("1519.75"), D(120), D(0), 8)
    assert reno.expense_remaining == D("2156.115")
    assert reno.net == D("-3555.865")
    assert totals("Home") == reno
    assert rollup.totals(PLAN) == reno
    assert format_money(reno.net, "USD", "en_US") == "-$3,555.86"  # half-even
    assert format_money(reno.expense_remaining, "EUR", "de_DE") == "2.156,12\u00a0€"

    for key, expected in totals_by_definition(service.store).items():
        assert rollup.totals(PLAN if key is None else key) == expected, key


def test_breakdown_adds_up(service: PlanService, costs: CostService) -> None:
    ids = renovation(service, costs)
    breakdown = costs.breakdown(ids["Renovation"])
    assert [line.description for line in breakdown.own_lines] == ["Permit"]
    assert breakdown.own.expense == D(150)
    parts = dict(breakdown.children)
    assert parts[ids["Kitchen"]].expense == D("2255.615")
    assert parts[ids["Old plan"]] == Totals()
    assert parts[ids["Garage sale"]].income == D(120)
    total = breakdown.total
    assert sum((p.expense for p in parts.values()), breakdown.own.expense) == total.expense
    assert sum((p.expense_done for p in parts.values()), D(0)) == total.expense_done
    assert sum((p.income for p in parts.values()), D(0)) == total.income

    # From the incremental figures, the same.
    rollup = costs.rollup()
    reno = ids["Renovation"]
    children = [c.id for c in service.children(reno)]
    children += [c.id for c in service.children(reno, section=service_section("done"))]
    children += [c.id for c in service.children(reno, section=service_section("deleted"))]
    again = rollup.breakdown(reno, costs.lines(reno), children)
    assert again.total == breakdown.total
    assert dict(again.children) == parts

    # A done parent counts its children's parts as done.
    service.mark_done([reno])
    done = costs.breakdown(reno)
    assert dict(done.children)[ids["Kitchen"]].expense_done == D("2255.615")
    assert done.total.expense_done == done.total.expense


def service_section(name: str):  # type: ignore[no-untyped-def]
    from planner.domain.items import Section

    return Section(name)


def test_line_changes_and_their_exact_inverses(service: PlanService, costs: CostService) -> None:
    group = service.first_group()
    assert group is not None
    item = service.create_item(group.id, "Trip").ids[0]
    with pytest.raises(Refused, match="Calculation is off"):
        costs.add_line(item, "Flights", D(2), D(300))
    assert costs.set_calc(item, True).inverse == ch.SetCalc(item, False)
    first = costs.add_line(item, "Flights", D(2), D(300), unit="tickets").lines[0]
    second = costs.add_line(item, "Hotel", D(5), D("89.9"), unit="nights").lines[0]
    third = costs.add_line(item, "Insurance", D(1), D(45), index=0).lines[0]
    assert [x.id for x in costs.lines(item)] == [third, first, second]
    assert costs.totals(item).expense == D("1094.5")

    undo_move = costs.move_line(second, 0).inverse
    assert [x.id for x in costs.lines(item)] == [second, third, first]
    costs.apply(undo_move)  # type: ignore[arg-type]
    assert [x.id for x in costs.lines(item)] == [third, first, second]

    before = costs.lines(item)
    undo_edit = costs.edit_line(first, quantity=D(3), kind=LineKind.INCOME).inverse
    assert costs.totals(item).income == D(900)
    costs.apply(undo_edit)  # type: ignore[arg-type]
    assert costs.lines(item) == before

    undo_remove = costs.remove_line(first).inverse
    assert [x.id for x in costs.lines(item)] == [third, second]
    costs.apply(undo_remove)  # type: ignore[arg-type]
    assert costs.lines(item) == before  # same id, same place

    # Off keeps the lines; they stop counting. On brings them back.
    costs.set_calc(item, False)
    assert costs.lines(item) == before
    assert costs.totals(item) == Totals()
    costs.set_calc(item, True)
    assert costs.totals(item).lines == 3

    with pytest.raises(InvalidInput, match="cannot be negative"):
        costs.edit_line(first, unit_price=D(-1))
    with pytest.raises(InvalidInput, match="at most 10\\^12"):
        costs.edit_line(first, quantity=D(10**10))
    with pytest.raises(InvalidInput, match="description is required"):
        costs.edit_line(first, description="  ")
    with pytest.raises(NotFound, match="no cost line"):
        costs.remove_line(10**6)
    with pytest.raises(Refused, match="group"):
        costs.set_calc(group.id, True)
    assert costs.lines(item) == before


def test_purge_and_its_undo_bring_the_lines_back(service: PlanService, costs: CostService) -> None:
    ids = renovation(service, costs)
    reno = ids["Renovation"]
    before = totals_by_definition(service.store)
    lines_before = {i: costs.lines(i) for i in ids.values() if i != ids["Home"]}
    rollup = costs.rollup()
    outcome = service.purge([ids["Kitchen"]])
    costs.follow(rollup, outcome)
    assert costs.totals(reno).expense == D("1420.25")
    assert rollup.totals(reno) == costs.totals(reno)
    back = service.apply(outcome.inverse)
    costs.follow(rollup, back)
    assert totals_by_definition(service.store) == before
    assert {i: costs.lines(i) for i in lines_before} == lines_before
    assert service.get(ids["Notes"]).calc_on is False
    assert service.get(ids["Kitchen"]).calc_on is True
    assert rollup.totals(reno) == before[reno]


def test_import_takes_switch_and_lines(service: PlanService, costs: CostService) -> None:
    group = service.first_group()
    assert group is not None
    node = NewNode(
        title="Course",
        calc_on=True,
        lines=[
            NewLine("Fee", D(1), D("480.5")),
            NewLine("Grant", D(1), D(200), "", LineKind.INCOME),
        ],
        children=[NewNode(title="Books", calc_on=True, lines=[NewLine("Book", D(3), D("19.99"))])],
    )
    course = service.add_trees(group.id, [node]).ids[0]
    assert costs.totals(course) == Totals(D("540.47"), D(0), D(200), D(0), 3)
    bad = NewNode(title="Bad", lines=[NewLine("x", D(-1), D(1))])
    with pytest.raises(InvalidInput, match="negative"):
        service.add_trees(group.id, [bad])


def test_money_is_stored_as_exact_text(
    service: PlanService, costs: CostService, plan_path: Path
) -> None:
    group = service.first_group()
    assert group is not None
    item = service.create_item(group.id, "Paint").ids[0]
    costs.set_calc(item, True)
    costs.add_line(item, "Paint", D("0.1"), D("0.2"))
    con = sqlite3.connect(plan_path)
    row = con.execute("SELECT quantity, typeof(quantity), unit_price FROM cost_lines").fetchone()
    con.close()
    assert row == ("0.1", "text", "0.2")
    assert costs.totals(item).expense == D("0.02")


def test_currency_setting(service: PlanService, costs: CostService) -> None:
    assert costs.currency() == "EUR" or len(costs.currency()) == 3
    costs.set_currency("usd")
    assert costs.currency() == "USD"
    with pytest.raises(InvalidInput, match="not a currency code"):
        costs.set_currency("dollars")


def test_a_plan_from_0001_is_upgraded_and_keeps_its_items(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "old.sqlite3"
    plan_at(path, "0001")
    con = sqlite3.connect(path)
    with con:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(
            "INSERT INTO items (id, kind, parent_id, position, title, notes, created, priority, "
            "status) VALUES (1, 'group', NULL, 0, 'Old goals', '', '2025-01-01T00:00:00+00:00', "
            "0, 'active'), (2, 'item', 1, 0, 'Old task', 'n', '2025-01-01T00:00:00+00:00', 2, "
            "'done')"
        )
    con.close()
    assert plan_file.inspect_plan(path) == "0001"

    service = open_plan(path, clock=clock)
    try:
        assert plan_file.inspect_plan(path) == plan_file.HEAD_REVISION
        task = service.get(2)
        assert (task.title, task.notes, task.status.value, task.calc_on) == (
            "Old task",
            "n",
            "done",
            False,
        )
        costs = CostService(service.store)
        assert len(costs.currency()) == 3
        costs.set_calc(2, True)
        costs.add_line(2, "Part", D(1), D("9.99"))
        assert costs.totals(1).expense_done == D("9.99")
    finally:
        service.store.close()


# -- the leaves-up sum against the definition -------------------------------------------

random_trees = st.lists(
    st.tuples(
        st.integers(0, 30),  # the parent: one of the nodes before, or none
        st.sampled_from(list(Status)),
        st.booleans(),  # calculation on
        st.lists(st.tuples(st.sampled_from(["1", "2.5", "0.001"]), st.booleans()), max_size=3),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(tree=random_trees, order=st.randoms())
def test_totals_of_nodes_in_any_order_equal_the_brute_force(
    tree: list[tuple[int, Status, bool, list[tuple[str, bool]]]], order: random.Random
) -> None:
    nodes: list[Node] = []
    lines: list[CostLine] = []
    for i, (parent, status, calc_on, own) in enumerate(tree, start=1):
        nodes.append((i, parent if 0 < parent < i else None, status, calc_on))
        for price, income in own:
            kind = LineKind.INCOME if income else LineKind.EXPENSE
            lines.append(CostLine(len(lines) + 1, i, 0, "x", D(1), "", D(price), kind))
    expected = brute_force_totals(nodes, lines)
    order.shuffle(nodes)
    rollup = CostRollup.of_nodes(nodes, lines)
    assert {k: rollup.totals(PLAN if k is None else k) for k in expected} == expected
