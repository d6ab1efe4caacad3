"""Builds the benchmark plan: 100,000 items, 50 goals about 5 levels deep, one parent with
10,000 children. Used by every benchmark script."""

from __future__ import annotations

import time
from pathlib import Path

from planner.app import open_plan
from planner.domain.items import NewNode
from planner.services.plan import PlanService

# 50 goals x (5 + 25 + 200 + 1,600 tasks) + a parent with 10,000 children = 101,551 items.
FANOUT = (5, 5, 8, 8)
BIG_CHILDREN = 10_000


def _subtree(title: str, level: int) -> NewNode:
    node = NewNode(title=title)
    if level < len(FANOUT):
        node.children = [_subtree(f"{title}.{i + 1}", level + 1) for i in range(FANOUT[level])]
    return node


def build_plan(path: Path, goals: int = 50, big_children: int = BIG_CHILDREN) -> float:
    """Write the plan at `path` (which must not exist); return the seconds it took."""
    start = time.perf_counter()
    service = open_plan(path, create=True)
    try:
        group = service.first_group()
        assert group is not None
        trees = [_subtree(f"Goal {g + 1}", 0) for g in range(goals)]
        big = NewNode(title="Big parent")
        big.children = [NewNode(title=f"Child {i + 1}") for i in range(big_children)]
        service.add_trees(group.id, [*trees, big])
    finally:
        service.store.close()
    return time.perf_counter() - start


def count_items(service: PlanService) -> int:
    with service.store.read() as unit:
        return unit.count_items()
