"""Builds the benchmark plan: 100,000 items, 50 goals about 5 levels deep, one parent with
10,000 children. Used by every benchmark script. With `cost_lines`, calculation is on for
every other item, with 1-3 lines each; with `line_each`, every item has one line (a budget
plan). With `agenda` (a today), due dates spread over two years, 2,000 of them overdue and
300 due this week, done items, high priorities and assignees, for the ready-made views
(`spread_agenda`)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from decimal import Decimal
from pathlib import Path

from planner.app import open_plan
from planner.domain.costs import LineKind, NewLine
from planner.domain.items import Priority, Status
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


# Of the items, in a fixed pattern over their order: overdue, due this week, done (leaves
# only, so that the overdue and this week's items stay in the views), high priority and
# assigned. The other active items are due 7 to 730 days ahead.
OVERDUE, THIS_WEEK = 2_000, 300
DONE_EVERY, HIGH_EVERY, ANA_EVERY = 20, 50, 50


def spread_agenda(nodes: list[NewNode], today: date) -> None:
    """Due dates, statuses, priorities and assignees for the agenda's benchmark."""
    items: list[NewNode] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        items.append(node)
        stack.extend(reversed(node.children))
    overdue = week = 0
    for n, node in enumerate(items):
        if n % 50 == 7 and overdue < OVERDUE:
            node.due, overdue = today - timedelta(days=1 + n % 60), overdue + 1
        elif n % 50 == 21 and week < THIS_WEEK:
            node.due, week = today + timedelta(days=n % 7), week + 1  # today + 0..6
        else:
            node.due = today + timedelta(days=7 + (n * 7919) % 724)
        if n % DONE_EVERY == 3 and not node.children:
            node.status = Status.DONE
            ago = (n // DONE_EVERY) % 365  # a dozen a day over the past year
            moment = datetime.combine(today - timedelta(days=ago), day_time(12), UTC)
            node.done_at = moment
        if n % HIGH_EVERY == 13:
            node.priority = Priority.HIGH
        if n % ANA_EVERY == 29:
            node.assignee = "Ana"


def build_plan(
    path: Path,
    goals: int = 50,
    big_children: int = BIG_CHILDREN,
    cost_lines: bool = False,
    line_each: bool = False,
    agenda: date | None = None,
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
        if agenda is not None:
            spread_agenda([*trees, big], agenda)
        service.add_trees(group.id, [*trees, big])
    finally:
        service.store.close()
    return time.perf_counter() - start


def count_items(service: PlanService) -> int:
    with service.store.read() as unit:
        return unit.count_items()
