"""Changes to a plan as plain data. Applying one returns another that undoes it exactly.

Positions in a change are anchors ("right after sibling X", or first), never raw numbers,
so an undo lands in the right place even after the siblings were renumbered.

An inverse that would remove or overwrite something carries what the change made or set
(`made`, `expected`): it is applied only while that still stands, so an undo never
destroys what another program added or changed since.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from planner.domain.costs import CostLine
from planner.domain.images import StoredImage
from planner.domain.items import ItemRecord, Status
from planner.domain.metrics import Extras, MetricChange
from planner.domain.people import PeopleChange
from planner.domain.repeats import Occurrence, Repeat
from planner.domain.schedules import EMPTY_SCHEDULES, ScheduleChange, Schedules

EMPTY_EXTRAS = Extras()


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
    root keep their stored positions, which are consistent among themselves. The cost lines
    of the items come back with their ids and positions, and so do their metrics,
    check-ins and journal entries (`extras`)."""

    records: tuple[ItemRecord, ...]
    anchors: Mapping[int, int | None]
    lines: tuple[CostLine, ...] = ()
    images: tuple[StoredImage, ...] = ()
    extras: Extras = EMPTY_EXTRAS
    schedules: Schedules = EMPTY_SCHEDULES


# Item id -> a digest of the item as a change made it (its fields, lines, images, metric,
# check-ins and journal): see services.elsewhere.
Made = Mapping[int, int]


@dataclasses.dataclass(frozen=True, slots=True)
class Purge:
    """Remove items for good, with their subtrees. `made`: undoing their making, the
    items as made; nothing else may be in the subtrees, and nothing of them changed."""

    ids: tuple[int, ...]
    made: Made | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Place:
    placements: tuple[Placement, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class SetStatus:
    """`expected`: undoing, the statuses the change set (each item must still have its)."""

    values: tuple[StatusValue, ...]
    expected: tuple[StatusValue, ...] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Edit:
    """`expected`: undoing, the values the edit set (they must still be there)."""

    id: int
    fields: Mapping[str, Any]
    expected: Mapping[str, Any] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class SetCalc:
    """Switch calculation on or off for an item (its lines stay either way)."""

    id: int
    on: bool


@dataclasses.dataclass(frozen=True, slots=True)
class AddLine:
    """Put a cost line in its item's list right after line `after_id` (None: first).
    `line.id` 0 makes a new line; any other id puts a removed line back as it was."""

    line: CostLine
    after_id: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class EditLine:
    """Change some of a line's fields: description, quantity, unit, unit_price, kind.
    `expected`: undoing, the values the edit set."""

    id: int
    fields: Mapping[str, Any]
    expected: Mapping[str, Any] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class RemoveLine:
    """`made`: undoing its adding, the line as added (it must be unchanged)."""

    id: int
    made: CostLine | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class PlaceLine:
    """Move a line within its item's list, right after line `after_id` (None: first)."""

    id: int
    after_id: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class AddImage:
    """Put an image in its item's list right after image `after_id` (None: first).
    `image.id` 0 stores a new image; any other id puts a removed image back as it was."""

    image: StoredImage
    after_id: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class RemoveImage:
    id: int


@dataclasses.dataclass(frozen=True, slots=True)
class PlaceImage:
    """Move an image within its item's list, right after image `after_id` (None: first)."""

    id: int
    after_id: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Recur:
    """A repeating item's turn (see domain.repeats), or its undoing: the due dates and
    statuses of its subtree set, its repeating set, an occurrence recorded (`add`; id 0: a
    new one) or taken back (`remove`). `expected`, undoing: the dues and statuses the turn
    left (`checked`), which must still be there."""

    item_id: int
    dues: tuple[tuple[int, date | None], ...]
    statuses: tuple[StatusValue, ...]
    repeat: Repeat
    add: Occurrence | None = None
    remove: int | None = None
    expected_dues: tuple[tuple[int, date | None], ...] = ()
    expected_statuses: tuple[StatusValue, ...] = ()
    checked: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Steps:
    """Several changes applied in one transaction, in order (undone in the reverse)."""

    changes: tuple[Change, ...]


LineChange = SetCalc | AddLine | EditLine | RemoveLine | PlaceLine
ImageChange = AddImage | RemoveImage | PlaceImage
Change = (
    Insert
    | Purge
    | Place
    | SetStatus
    | Edit
    | LineChange
    | ImageChange
    | PeopleChange
    | MetricChange
    | ScheduleChange
    | Recur
    | Steps
)


@dataclasses.dataclass(frozen=True, slots=True)
class Outcome:
    """What applying a change did: its exact inverse, the ids of the items it touched, a
    note for the user, the cost lines it touched (a new line's id is `lines[0]`), and the
    people, check-ins or journal entries it touched (a new one's id first)."""

    inverse: Change
    ids: tuple[int, ...] = ()
    note: str = ""
    lines: tuple[int, ...] = ()
    images: tuple[int, ...] = ()  # the images it touched (a new image's id is `images[0]`)
    people: tuple[int, ...] = ()
    entries: tuple[int, ...] = ()
    # Of a Steps change: the outcome of each step, in the order applied (to follow each).
    parts: tuple[Outcome, ...] = ()
