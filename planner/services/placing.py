"""Where items stand among their siblings: the checks of a move, the sibling an index
lands after, one item put in its place writing its own row only, and a Place change applied
(returning its inverse)."""

from __future__ import annotations

from planner.domain import changes as ch
from planner.domain.errors import InvalidInput, Refused
from planner.domain.items import ItemRecord, Kind, Status, quoted
from planner.i18n import _
from planner.services.ports import Unit

# Room between neighbours, so that most inserts and moves write one row only.
POSITION_GAP = 1 << 32


def check_move(unit: Unit, moving: list[ItemRecord], parent_id: int | None) -> None:
    """Refuse a move the tree does not allow: groups with items, an item to the top level,
    a group inside anything, an item into its own subtree, or under a deleted item."""
    kinds = {r.kind for r in moving}
    if len(kinds) > 1:
        raise Refused(_("Groups and items cannot be moved together."))
    if parent_id is None:
        if kinds != {Kind.GROUP}:
            raise Refused(_("Only groups stand at the top level; a goal needs a group."))
        return
    if Kind.GROUP in kinds:
        raise Refused(_("A group cannot be put inside another group or item."))
    target = unit.require(parent_id)
    line = [target, *unit.ancestors(parent_id)]
    moving_ids = {r.id for r in moving}
    for above in line:
        if above.id in moving_ids:
            who = next(r for r in moving if r.id == above.id)
            raise Refused(
                _("{title} cannot be moved into its own subtree.").format(title=quoted(who.title))
            )
    check_open_parent(unit, target, line)


def check_open_parent(unit: Unit, parent: ItemRecord, line: list[ItemRecord] | None = None) -> None:
    """Refuse a new child under a deleted item (`line`: the parent and everything above
    it, when already read)."""
    if line is None:
        line = [parent, *unit.ancestors(parent.id)]
    deleted = next((r for r in line if r.status is Status.DELETED), None)
    if deleted is not None:
        raise Refused(deleted_message(deleted))


def anchor_for_index(
    unit: Unit, parent_id: int | None, index: int | None, moving: set[int]
) -> int | None:
    """The sibling after which items land to stand at `index` among the active
    children, counting the list as it is now."""
    before: ItemRecord | None = None
    if index is not None:
        if index < 0:
            raise InvalidInput(_("A position cannot be negative."))
        page = unit.children(parent_id, [Status.ACTIVE], offset=index, limit=len(moving) + 1)
        before = next((r for r in page if r.id not in moving), None)
    if before is not None:
        prev = unit.neighbour(before, after=False)
        while prev is not None and prev.id in moving:
            prev = unit.neighbour(prev, after=False)
        return None if prev is None else prev.id
    tail = unit.children(parent_id, None, limit=len(moving) + 1, descending=True)
    last = next((r for r in tail if r.id not in moving), None)
    return None if last is None else last.id


def place(unit: Unit, item_id: int, parent_id: int | None, after_id: int | None) -> None:
    """Put one item right after `after_id` under `parent_id`, writing only its own row
    (unless the gap is used up, when the siblings are spread out again first)."""
    anchor = unit.get(after_id) if after_id is not None else None
    if anchor is not None and anchor.parent_id != parent_id:
        anchor = None
    for _attempt in range(2):
        if anchor is None:
            first = unit.first_child(parent_id, exclude=item_id)
            position = 0 if first is None else first.position - POSITION_GAP
            break
        following = unit.neighbour(anchor, after=True, exclude=item_id)
        if following is None:
            position = anchor.position + POSITION_GAP
            break
        if following.position - anchor.position > 1:
            position = (anchor.position + following.position) // 2
            break
        unit.renumber(parent_id, POSITION_GAP)
        anchor = unit.require(anchor.id)
    unit.update(item_id, parent_id=parent_id, position=position)


def _placement_of(unit: Unit, record: ItemRecord) -> ch.Placement:
    prev = unit.neighbour(record, after=False)
    return ch.Placement(record.id, record.parent_id, None if prev is None else prev.id)


def apply_place(unit: Unit, change: ch.Place) -> ch.Outcome:
    records = [unit.require(p.id) for p in change.placements]
    # Undo puts items back in their old order, so each anchor is in place before use.
    records_sorted = sorted(records, key=lambda r: (r.parent_id or 0, r.position, r.id))
    inverse = ch.Place(tuple(_placement_of(unit, r) for r in records_sorted))
    for p in change.placements:
        place(unit, p.id, p.parent_id, p.after_id)
    return ch.Outcome(inverse, tuple(p.id for p in change.placements))


def deleted_message(record: ItemRecord) -> str:
    return _("{title} is deleted; restore it first.").format(title=quoted(record.title))
