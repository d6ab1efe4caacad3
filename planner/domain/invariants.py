"""The plan's own rules, checked over all its rows: what `planner check` and File › Check
Plan report beside SQLite's integrity check, in plain words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from planner import formats
from planner.domain.errors import excerpt
from planner.domain.items import Status
from planner.i18n import _


class CheckRow(NamedTuple):
    """One row as the check reads it: no ORM object, the dates only as set or not (a
    hundred thousand rows are read and checked in well under a second)."""

    id: int
    is_group: bool
    parent_id: int | None
    status: Status | None  # None: a value that is not a status (reported apart)
    title: str
    done: bool
    deleted: bool


def tree_problems(items: Mapping[int, CheckRow]) -> list[str]:
    """Groups at the top and only there; every item under an existing parent (no orphans);
    no item inside itself (no cycles); each item's section (active, done, deleted) agrees
    with its dates."""
    problems = []
    for record in items.values():
        if record.is_group and record.parent_id is not None:
            problems.append(_("Group {id} is inside another item.").format(id=record.id))
        if not record.is_group and record.parent_id is None:
            problems.append(
                _("Item {id} has no parent: it belongs to no group.").format(id=record.id)
            )
        if record.parent_id is not None and record.parent_id not in items:
            problems.append(
                _("Item {id} points to a missing parent {parent}.").format(
                    id=record.id, parent=record.parent_id
                )
            )
        problems.extend(_section_problems(record))
    problems.extend(_cycles(items))
    return problems


def _section_problems(record: CheckRow) -> list[str]:
    done, deleted, group = record.done, record.deleted, record.is_group
    if record.status is None:
        return []
    if group and record.status is Status.DONE:
        return [_("Group {id} is marked done.").format(id=record.id)]
    if record.status is Status.ACTIVE and deleted:
        text = (
            _("Group {id} ('{title}') is active but has a date it was deleted.")
            if group
            else _("Item {id} ('{title}') is active but has a date it was deleted.")
        )
    elif record.status is Status.ACTIVE and done:
        text = (
            _("Group {id} ('{title}') is active but has a date it was done.")
            if group
            else _("Item {id} ('{title}') is active but has a date it was done.")
        )
    elif record.status is Status.DONE and not done:
        text = _("Item {id} ('{title}') is in Done but has no date it was done.")
    elif record.status is Status.DONE and deleted:
        text = _("Item {id} ('{title}') is in Done but has a date it was deleted.")
    elif record.status is Status.DELETED and not deleted:
        text = (
            _("Group {id} ('{title}') is in Deleted but has no date it was deleted.")
            if group
            else _("Item {id} ('{title}') is in Deleted but has no date it was deleted.")
        )
    else:
        return []
    return [text.format(id=record.id, title=excerpt(record.title))]


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
                if len(cycle) == 1:
                    problems.append(
                        _("Item {id} is inside a cycle: it is its own parent.").format(id=cycle[0])
                    )
                else:
                    listed = formats.listing([str(i) for i in sorted(cycle)])
                    problems.append(
                        _(
                            "Items {ids} are inside a cycle: each is inside the next, "
                            "so none of them can be reached from a group."
                        ).format(ids=listed)
                    )
                break
            path.append(node)
            on_path.add(node)
            node = items[node].parent_id
        settled.update(path)
    return problems
