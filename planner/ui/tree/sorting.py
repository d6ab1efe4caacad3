"""The order a sorted column shows siblings in: ascending or descending by the column's
value, items without one (no due date, no one assigned, no total) last either way, ties in
the user's own order. A view only: the stored order never changes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any, Protocol

from planner.domain.tree_filter import SortRow
from planner.ui.tree.nodes import Column

Value = Callable[[SortRow], Any]


@dataclasses.dataclass(frozen=True, slots=True)
class SortSpec:
    column: int
    descending: bool = False


class SortFigures(Protocol):
    """What a column sorts by beside an item's fields: the tree model's figures."""

    people_names: dict[int, str]

    def progress_share(self, item_id: int) -> float | None: ...

    def total_cost(self, item_id: int) -> Decimal | None: ...


def _value(column: int, figures: SortFigures) -> Value:
    """A row's value in a column (None: it has none); the highest priority first."""
    names = figures.people_names
    values: dict[int, Value] = {
        Column.TITLE: lambda r: r[2].casefold(),
        Column.DUE: itemgetter(3),
        Column.CREATED: itemgetter(6),
        Column.PRIORITY: lambda r: -r[4] if r[4] else None,
        Column.ASSIGNEE: lambda r: names[r[5]].casefold() if r[5] in names else None,
        Column.PROGRESS: lambda r: figures.progress_share(r[0]),
        Column.TOTAL: lambda r: figures.total_cost(r[0]),
    }
    return values[column]


def sorted_ids(rows: Sequence[SortRow], spec: SortSpec | None, figures: SortFigures) -> list[int]:
    """The ids of one list's rows in the order a sort shows them (None: the user's)."""
    own_order = sorted(rows, key=itemgetter(1, 0))
    if spec is None:
        return [row[0] for row in own_order]
    value = _value(spec.column, figures)
    valued = [(value(row), row[0]) for row in own_order]
    present = [pair for pair in valued if pair[0] is not None]
    # Python's sort is stable, reversed too: ties keep the user's order.
    present.sort(key=itemgetter(0), reverse=spec.descending)
    return [item_id for _, item_id in present] + [i for v, i in valued if v is None]
