"""Builds the benchmark plan: 100,000 items, 50 goals about 5 levels deep, one parent with
10,000 children. Used by every benchmark script. With `cost_lines`, calculation is on for
every other item, with 1-3 lines each; with `line_each`, every item has one line (a budget
plan)."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

from planner.app import open_plan
from planner.domain.costs import LineKind, NewLine
from planner.domain.new_node import NewNode
from planner.services.plan import PlanService

# 50 goals x (5 + 25 + 200 + 1,600 tasks) + a parent with 10,000 children = 101,551 items.
FANOUT = (5, 5, 8, 8)
BIG_CHILDREN = 10_000


def _subtree(title: str, level: int) -> NewNode:
    node = NewNode(title=title)
    if level < len(FANOUT):
        node.children = [_subtree(f"{title}.{i + 1}", level + 1) for i in range(FANOUT[level])]
    return node


def _add_cost_lines(nodes: list[NewNode]) -> None:
    """Calculation on for every other item, 1-3 lines each (now and then an income)."""
    stack, n = list(nodes), 0
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        n += 1
        if n % 2:
            continue
        node.calc_on = True
        node.lines = [
            NewLine(
                f"Line {k + 1}",
                Decimal(n % 7 + 1) / 2,
                Decimal(n % 1000) / 8,
                "hours",
                LineKind.INCOME if (n + k) % 9 == 0 else LineKind.EXPENSE,
            )
            for k in range(n % 3 + 1)
        ]


def _one_line_each(nodes: list[NewNode]) -> None:
    stack, n = list(nodes), 0
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        n += 1
        node.calc_on = True
        kind = LineKind.INCOME if n % 9 == 0 else LineKind.EXPENSE
        node.lines = [NewLine("Work", Decimal(n % 7 + 1) / 2, Decimal(n % 1000) / 8, "h", kind)]


def build_plan(
    path: Path,
    goals: int = 50,
    big_children: int = BIG_CHILDREN,
    cost_lines: bool = False,
    line_each: bool = False,
) -> float:
    """Write the plan at `path` (which must not exist); return the seconds it took."""
    start = time.perf_counter()
    service = open_plan(path, create=True)
    try:
        group = service.first_group()
        assert group is not None
        trees = [_subtree(f"Goal {g + 1}", 0) for g in range(goals)]
        big = NewNode(title="Big parent")
        big.children = [NewNode(title=f"Child {i + 1}") for i in range(big_children)]
        if cost_lines:
            _add_cost_lines([*trees, big])
        if line_each:
            _one_line_each([*trees, big])
        service.add_trees(group.id, [*trees, big])
    finally:
        service.store.close()
    return time.perf_counter() - start


def count_items(service: PlanService) -> int:
    with service.store.read() as unit:
        return unit.count_items()
