"""The tree an exchange format writes: the whole plan (groups first) or one item, without
deleted items (the trash stays in the plan; JSON is the complete export), each node with
its totals. Shared by OPML, Markdown, CSV and iCalendar."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from planner.domain.cost_rollup import CostRollup
from planner.domain.costs import Totals
from planner.domain.items import ItemRecord, Status
from planner.i18n import _
from planner.services.plan import PlanService

# Levels of indentation an export or `planner list` writes at most: deeper levels are
# written at this one, so that output grows with the plan, not with its depth squared.
MAX_INDENT = 100


@dataclasses.dataclass(slots=True)
class OutNode:
    record: ItemRecord
    totals: Totals
    children: list[OutNode] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(slots=True)
class Outline:
    roots: list[OutNode]  # groups (whole plan, or a group exported), or the one item
    path: tuple[str, ...]  # titles above the roots (one item exported)
    currency: str
    names: dict[int, str] = dataclasses.field(default_factory=dict)  # person id -> name

    def assignee(self, record: ItemRecord) -> str:
        """The name of the person the item is assigned to, or ""."""
        return self.names.get(record.assignee_id, "") if record.assignee_id else ""


def build_outline(service: PlanService, item_id: int | None = None) -> Outline:
    from planner.services.costs import CostService

    currency = CostService(service.store).currency()
    with service.store.read() as unit:
        if item_id is None:
            records = unit.all_items()
            lines = unit.all_lines()
            path: tuple[str, ...] = ()
        else:
            root = unit.require(item_id)
            if root.status is Status.DELETED:
                from planner.domain.errors import Refused

                raise Refused(
                    _("'{title}' is deleted; restore it before exporting it.").format(
                        title=root.title
                    )
                )
            records = unit.subtree(item_id)
            lines = unit.lines(r.id for r in records)
            path = tuple(a.title for a in reversed(unit.ancestors(item_id)))
        names = {p.id: p.name for p in unit.people()}
    nodes = [(r.id, r.parent_id, r.status, r.calc_on) for r in records]
    totals = CostRollup.of_nodes(nodes, lines)  # linear, however deep the plan
    by_id: dict[int, OutNode] = {}
    roots: list[OutNode] = []
    # Parents before children, and siblings in their order: active first, then done.
    ordered = sorted(records, key=lambda r: (r.status is Status.DONE, r.position, r.id))
    kept = {r.id for r in records if r.status is not Status.DELETED}
    for r in ordered:
        if r.id in kept:
            by_id[r.id] = OutNode(r, totals.totals(r.id))
    for r in ordered:
        node = by_id.get(r.id)
        if node is None:
            continue
        is_root = r.id == item_id if item_id is not None else r.parent_id is None
        if is_root:
            roots.append(node)
        elif r.parent_id in by_id:  # not under a deleted item, which is out with it
            by_id[r.parent_id].children.append(node)
    return Outline(roots, path, currency, names)


def walk(roots: list[OutNode]) -> Iterator[tuple[OutNode, int]]:
    """Every node depth first, with its depth (roots 0), without recursion (a plan has no
    depth limit)."""
    stack: list[tuple[OutNode, int]] = [(n, 0) for n in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        stack.extend((c, depth + 1) for c in reversed(node.children))


def indentation(depth: int, step: str = "  ") -> str:
    """`step` once per level, up to MAX_INDENT levels."""
    return step * min(depth, MAX_INDENT)


def deepest(roots: list[OutNode]) -> int:
    """The depth of the deepest node (roots 0)."""
    return max((depth for _node, depth in walk(roots)), default=0)
