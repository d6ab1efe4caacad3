"""Both rollups built from one read of the tree (the plan's own SQL, PlainReads'
tree_structure, on an `items` table made as a plan makes it), against the definitions:
random forests whose ids lie in any order (an item moved under one made later has a lower
id than its parent), random statuses, switches and lines, the line texts in any decimal
spelling."""

from __future__ import annotations

import sqlite3
import tempfile
from decimal import Decimal as D
from functools import cache
from pathlib import Path
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.app import open_plan
from planner.domain.cost_rollup import PLAN, CostRollup
from planner.domain.costs import CostLine, Figures, LineKind
from planner.domain.items import Status
from planner.domain.money import amount_units, decimal_text
from planner.domain.rollup import Rollup
from planner.domain.structure import ABSENT, STATUS_CODE, Structure
from planner.store.plain_reads import PlainReads
from tests.helpers.cost_reference import brute_force_totals

STATUSES = list(Status)


@pytest.fixture(scope="module", autouse=True)
def _items_table_made_first() -> None:
    """The plan file the table is taken from is made before Hypothesis times an example."""
    items_table()


@st.composite
def forests(draw: st.DrawFn) -> tuple[dict[int, int], dict[int, Status], dict[int, bool]]:
    """{id: parent id or 0}, statuses and switches: each node made after its parent, then
    the ids dealt out at random (with gaps), so parents may have the higher id."""
    size = draw(st.integers(1, 25))
    made_under = [draw(st.integers(0, k)) for k in range(size)]  # 0: top, k: the k-th node
    ids = draw(st.permutations(range(1, 2 * size + 1)))[:size]
    parent = {ids[k]: ids[made_under[k] - 1] if made_under[k] else 0 for k in range(size)}
    status = {i: draw(st.sampled_from(STATUSES)) for i in ids}
    calc = {i: draw(st.booleans()) for i in ids}
    return parent, status, calc


def rows_of(
    parent: dict[int, int], status: dict[int, Status], calc: dict[int, bool]
) -> list[tuple[int, int, int, int]]:
    """In id order, as the plan file gives them (not the order they were made in)."""
    return [(i, parent[i], STATUS_CODE[status[i]], int(calc[i])) for i in sorted(parent)]


def brute_progress(item_id: int, parent: dict[int, int], status: dict[int, Status]) -> tuple:
    """(done, total) of the items below, by the definition in domain/rollup.py."""
    children: dict[int, list[int]] = {}
    for child, up in parent.items():
        children.setdefault(up, []).append(child)
    done = total = 0
    stack = [(c, False) for c in children.get(item_id, [])]
    while stack:
        node, done_above = stack.pop()
        if status[node] is Status.DELETED:
            continue
        is_done = done_above or status[node] is Status.DONE
        total += 1
        done += is_done
        stack.extend((c, is_done) for c in children.get(node, []))
    return done, total


@given(forest=forests(), size_guess=st.integers(1, 60))
def test_leaves_first_and_progress(forest: tuple, size_guess: int) -> None:
    parent, status, calc = forest
    structure = structure_of(rows_of(parent, status, calc), size=size_guess)
    order = list(structure.leaves_first())
    present = [i for i in order if structure.status[i] != ABSENT]
    assert sorted(present) == sorted(parent)
    seen = {i: n for n, i in enumerate(order)}
    for child, up in parent.items():
        late = child in structure.late
        assert late == (up > child)
        assert up == 0 or late or seen[child] < seen[up]
    rollup = Rollup.build(structure)
    for item_id in parent:
        assert rollup.progress(item_id) == brute_progress(item_id, parent, status), item_id


NUMBER_FORMS = ["canonical", "padded", "exponent", "leading zeros"]


def spelled(value: D, form: str) -> str:
    """A decimal as stored ("canonical"), or spelled in a way the app never stores."""
    if form == "canonical":
        return decimal_text(value)
    if form == "padded":
        return format(value, "f") if "." in format(value, "f") else f"{value}.000"
    if form == "exponent":
        return f"{value:E}"
    return "00" + decimal_text(value)


@given(
    forest=forests(),
    lines=st.lists(
        st.tuples(
            st.integers(0, 24),
            st.sampled_from(list(LineKind)),
            st.decimals(0, 10**6, places=6),
            st.decimals(0, 10**6, places=4),
            st.sampled_from(NUMBER_FORMS),
        ),
        max_size=20,
    ),
)
def test_totals_from_the_texts_as_stored(forest: tuple, lines: list) -> None:
    parent, status, calc = forest
    ids = sorted(parent)
    cost_lines = [
        CostLine(n + 1, ids[k % len(ids)], n, "", quantity, "", price, kind)
        for n, (k, kind, quantity, price, _) in enumerate(lines)
    ]
    amounts = [
        (
            x.item_id,
            int(x.kind is LineKind.INCOME),
            spelled(x.quantity, form),
            spelled(x.unit_price, form),
        )
        for x, (*_, form) in zip(cost_lines, lines, strict=True)
    ]
    rollup = CostRollup.build(structure_of(rows_of(parent, status, calc)), amounts)
    nodes = [(i, p or None, status[i], calc[i]) for i, p in parent.items()]
    expected = brute_force_totals(nodes, cost_lines)
    for key, totals in expected.items():
        assert rollup.totals(PLAN if key is None else key) == totals, key
    for item_id in ids:  # own sums, calculation on or off
        mine = [x for x in cost_lines if x.item_id == item_id]
        rollup.set_calc(item_id, True)
        own = rollup._own_part(item_id)
        expense = sum(
            amount_units(x.quantity, x.unit_price) for x in mine if x.kind is LineKind.EXPENSE
        )
        income = sum(
            amount_units(x.quantity, x.unit_price) for x in mine if x.kind is LineKind.INCOME
        )
        assert own == Figures(expense, 0, income, 0, len(mine))


def test_a_cycle_in_a_broken_file_does_not_hang_the_rollups() -> None:
    """Items 2 and 3 are each other's parent (only a file edited by hand can say so;
    `planner check` reports it): they and item 4 below them add nothing anywhere, the rest
    of the plan adds up as always."""
    active, on = STATUS_CODE[Status.ACTIVE], 1
    rows = [(1, 0, active, 0), (2, 3, active, on), (3, 2, active, on), (4, 2, active, on)]
    rows.append((5, 1, active, on))
    structure = structure_of(rows)
    assert structure.late == [2] and structure.place_later == []
    assert Rollup.build(structure).progress(1) == (0, 1)
    amounts = [(item, 0, "2", "10") for item in (2, 3, 4, 5)]
    totals = CostRollup.build(structure, amounts)
    assert totals.totals(PLAN).expense == D(20)
    assert totals.totals(1).expense == D(20)


def test_late_items_under_late_items_count_once() -> None:
    """A made, then B; A moved under B; D made and B moved under D: A (id 1) and B (id 2)
    are both under items made after them, A below B. Each counts once in D and the group."""
    active, on = STATUS_CODE[Status.ACTIVE], 1
    group, a, b, d = 10, 1, 2, 3
    rows = [(a, b, active, on), (b, d, active, on), (d, group, active, on)]
    rows.append((group, 0, active, 0))
    structure = structure_of(sorted(rows))
    progress = Rollup.build(structure)
    assert progress.progress(d) == (0, 2)
    assert progress.progress(group) == (0, 3)
    totals = CostRollup.build(structure, [(a, 0, "1", "10")])
    assert totals.totals(d).expense == D(10)
    assert totals.totals(PLAN).expense == D(10)


@given(forest=forests(), shuffle=st.randoms(use_true_random=False), size=st.integers(1, 60))
def test_columns_give_what_rows_give(forest: tuple, shuffle: Random, size: int) -> None:
    """The columns SQLite packs (any id order, gaps or none) hold each row where its id
    says, and nothing anywhere else."""
    parent, status, calc = forest
    for rows in (rows_of(parent, status, calc), dense(rows_of(parent, status, calc))):
        if len(rows) > 1 and shuffle.random() < 0.5:
            rows = shuffle.sample(rows, len(rows))
        built = structure_of(rows, size)
        by_id = {row[0]: row for row in rows}
        assert sorted(built.late) == sorted(i for i, up, _, _ in rows if up > i)
        assert sorted(built.place_later) == sorted(built.late)  # a forest: no cycles
        for i in range(len(built.status)):
            _, up, code, on = by_id.get(i, (i, 0, ABSENT, 0))
            assert (built.parent[i], built.status[i], built.calc[i]) == (up, code, on)


def structure_of(rows: list[tuple[int, int, int, int]], size: int = 1) -> Structure:
    """The structure of (id, parent or 0, status code, switch) rows as the plan's own read
    gives it (PlainReads.tree_structure, its SQL), from an `items` table made as a plan
    file makes it; `size`: the id the next new row would get, at least."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute(items_table())
        status_of = {code: status.value for status, code in STATUS_CODE.items()}
        con.executemany(
            "INSERT INTO items (id, kind, parent_id, position, title, created, status, calc_on)"
            " VALUES (?, 'item', ?, 0, 'x', '2026-01-01', ?, ?)",
            [(i, up or None, status_of[code], on) for i, up, code, on in rows],
        )
        # Ids are never reused: the next one may be past every row (the last ones purged).
        con.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('items', ?)", (size - 1,))
        return TableReads(con).tree_structure()
    finally:
        con.close()


class TableReads(PlainReads):
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def cursor(self) -> sqlite3.Cursor:
        return self.con.cursor()


@cache
def items_table() -> str:
    """The `items` table of a new plan file, as SQL."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.sqlite3"
        open_plan(path, create=True).store.close()
        con = sqlite3.connect(path)
        try:
            [sql] = con.execute("SELECT sql FROM sqlite_master WHERE name = 'items'").fetchone()
        finally:
            con.close()
    return str(sql)


def dense(rows: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The same forest with ids 1, 2, 3... (the usual plan, in which no item was purged)."""
    new = {old[0]: k + 1 for k, old in enumerate(rows)}
    return [(new[i], new.get(up, 0), code, on) for i, up, code, on in rows]
