"""Changes to a plan as plain data. Applying one returns another that undoes it exactly.

Positions in a change are anchors ("right after sibling X", or first), never raw numbers,
so an undo lands in the right place even after the siblings were renumbered.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from planner.domain.items import ItemRecord, Status


@dataclasses.dataclass(frozen=True, slots=True)
class Placement:
    """Put item `id` under `parent_id` (None: top level), right after sibling `after_id`."""

    id: int
    parent_id: int | None
    after_id: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class StatusValue:
    id: int
    status: Status
    done_at: datetime | None
    deleted_at: datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class Insert:
    """Put rows back (or in for the first time). Roots go after their anchor; rows below a
    root keep their stored positions, which are consistent among themselves."""

    records: tuple[ItemRecord, ...]
    anchors: Mapping[int, int | None]


@dataclasses.dataclass(frozen=True, slots=True)
class Purge:
    """Remove items for good, with their subtrees."""

    ids: tuple[int, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Place:
    placements: tuple[Placement, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class SetStatus:
    values: tuple[StatusValue, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Edit:
    id: int
    fields: Mapping[str, Any]


Change = Insert | Purge | Place | SetStatus | Edit


@dataclasses.dataclass(frozen=True, slots=True)
class Outcome:
    """What applying a change did: its exact inverse, the ids it touched, a note for the user."""

    inverse: Change
    ids: tuple[int, ...] = ()
    note: str = ""
