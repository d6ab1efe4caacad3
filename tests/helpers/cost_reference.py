"""The calculation totals by their definition (domain/costs.py's docstring), line by line:
the reference the rollups are checked against, slow and plain."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from planner.domain.cost_rollup import Node
from planner.domain.costs import CostLine, LineKind, Totals
from planner.domain.items import Status
from planner.services.ports import Store


def totals_by_definition(store: Store) -> dict[int | None, Totals]:
    """Every item's and group's totals, and the plan's (key None), from the plan file."""
    with store.read() as unit:
        nodes = [(r.id, r.parent_id, r.status, r.calc_on) for r in unit.all_items()]
        return brute_force_totals(nodes, unit.all_lines())


def brute_force_totals(
    nodes: Iterable[Node], lines: Iterable[CostLine]
) -> dict[int | None, Totals]:
    """Totals of every node (and of the plan, under the key None), following each line up
    its path as domain/costs.py's docstring says. Slow and plain, with Decimal sums."""
    by_id = {n[0]: n for n in nodes}
    sums: dict[int | None, list[Decimal]] = {i: [Decimal(0)] * 4 for i in [None, *by_id]}
    counts: dict[int | None, int] = dict.fromkeys(sums, 0)
    for line in lines:
        owner = by_id.get(line.item_id)
        if owner is None or not owner[3]:
            continue
        amount = line.amount
        slot = 0 if line.kind is LineKind.EXPENSE else 2
        done = False
        node: Node | None = owner
        deleted_below = False
        while node is not None:
            done = done or node[2] is Status.DONE
            sums[node[0]][slot] += amount
            if done:
                sums[node[0]][slot + 1] += amount
            counts[node[0]] += 1
            deleted_below = deleted_below or node[2] is Status.DELETED
            if deleted_below:
                break
            node = by_id.get(node[1]) if node[1] is not None else None
        if not deleted_below:
            sums[None][slot] += amount
            if done:
                sums[None][slot + 1] += amount
            counts[None] += 1
    return {key: Totals(e, ed, i, idone, counts[key]) for key, (e, ed, i, idone) in sums.items()}
