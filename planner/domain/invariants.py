"""The plan's own rules, checked over all its rows: what `planner check` and File › Check
Plan report beside SQLite's integrity check, in plain words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from planner.domain.items import Status


class CheckRow(NamedTuple):
    """One row as the check reads it: no ORM object, the dates only as set or not (a
    hundred thousand rows are read and checked in well under a second)."""

    id: int
    is_group: bool
    parent_id: int | None
    status: Status
    title: str
    done: bool
    deleted: bool


def _name(record: CheckRow) -> str:
    title = record.title if len(record.title) <= 40 else record.title[:39] + "…"
    return f"{'Group' if record.is_group else 'Item'} {record.id} ('{title}')"


def tree_problems(items: Mapping[int, CheckRow]) -> list[str]:
    """Groups at the top and only there; every item under an existing parent (no orphans);
    no item inside itself (no cycles); each item's section (active, done, deleted) agrees
    with its dates."""
    problems = []
    for record in items.values():
        if record.is_group and record.parent_id is not None:
            problems.append(f"Group {record.id} is inside another item.")
        if not record.is_group and record.parent_id is None:
            problems.append(f"Item {record.id} has no parent: it belongs to no group.")
        if record.parent_id is not None and record.parent_id not in items:
            problems.append(f"Item {record.id} points to a missing parent {record.parent_id}.")
        problems.extend(_section_problems(record))
    problems.extend(_cycles(items))
    return problems


def _section_problems(record: CheckRow) -> list[str]:
    name = _name(record)
    done, deleted = record.done, record.deleted
    if record.is_group and record.status is Status.DONE:
        return [f"Group {record.id} is marked done."]
    if record.status is Status.ACTIVE and deleted:
        return [f"{name} is active but has a date it was deleted."]
    if record.status is Status.ACTIVE and done:
        return [f"{name} is active but has a date it was done."]
    if record.status is Status.DONE and not done:
        return [f"{name} is in Done but has no date it was done."]
    if record.status is Status.DONE and deleted:
        return [f"{name} is in Done but has a date it was deleted."]
    if record.status is Status.DELETED and not deleted:
        return [f"{name} is in Deleted but has no date it was deleted."]
    return []


def _cycles(items: Mapping[int, CheckRow]) -> list[str]:
    """Each cycle once: "Items 4, 9 and 12 form a cycle: each is inside the next"."""
    problems = []
    settled: set[int] = set()  # known to reach the top, or a cycle already reported
    for start in items:
        path: list[int] = []
        on_path: set[int] = set()
        node: int | None = start
        while node is not None and node in items and node not in settled:
            if node in on_path:
                cycle = path[path.index(node) :]
                ids = [str(i) for i in sorted(cycle)]
                listed = ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]
                if len(cycle) == 1:
                    problems.append(f"Item {cycle[0]} is inside a cycle: it is its own parent.")
                else:
                    problems.append(
                        f"Items {listed} are inside a cycle: each is inside the next, "
                        "so none of them can be reached from a group."
                    )
                break
            path.append(node)
            on_path.add(node)
            node = items[node].parent_id
        settled.update(path)
    return problems
