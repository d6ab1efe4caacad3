"""The ready-made views (Today, Upcoming, Overdue, No due date, High priority, Assigned to,
Logbook): which items each shows, in what order, under which headings, as pure functions
of the items, the tree's links and today.

An item is *open* when it is active and so is everything above it (a task under a done or
deleted goal is in that goal's section, not on anyone's agenda); it is *logged* when it is
done and nothing above it is deleted. Groups are never rows. Which is which is read from
the tree's links (`TreeLinks`: the arrays the window's progress rollup keeps up to date),
so that a view checks thousands of items in a few milliseconds.
"""

from __future__ import annotations

import dataclasses
import enum
from array import array
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from planner.domain.costs import Totals
from planner.domain.days import end_of_month
from planner.domain.items import ItemRecord, Priority, Status
from planner.domain.repeats import Occurrence
from planner.domain.structure import ABSENT, ACTIVE, DONE
from planner.i18n import N_, _

UPCOMING_DAYS = 14
MAX_DAYS = 366


class View(enum.StrEnum):
    TODAY = "today"
    UPCOMING = "upcoming"
    OVERDUE = "overdue"
    NO_DATE = "nodate"
    HIGH = "high"
    ASSIGNED = "assigned"
    LOGBOOK = "logbook"


# What an empty view says it is for.
EMPTY_TEXTS = {
    View.TODAY: N_("Nothing due today."),
    View.UPCOMING: N_("Nothing due in the coming days."),
    View.OVERDUE: N_("Nothing is overdue."),
    View.NO_DATE: N_("Every open item has a due date."),
    View.HIGH: N_("No open item has high priority."),
    View.ASSIGNED: N_("Nothing open is assigned to this person."),
    View.LOGBOOK: N_("Nothing done yet."),
}


class TreeLinks(Protocol):
    """Every id's parent (0: a group, at the top) and status code (structure.py's)."""

    parent: array[int]
    status: bytearray


@dataclasses.dataclass(frozen=True, slots=True)
class AgendaRow:
    """One item of a view, with what its row shows beside the record's own fields."""

    record: ItemRecord
    path: tuple[str, ...]  # the titles above it, from its group down
    countdown: str
    assignee: str  # the person's name, or ""
    # The item's calculation totals, asked for when shown (a long view shows a screenful).
    totals_of: Callable[[int], Totals] | None = dataclasses.field(
        default=None, compare=False, repr=False
    )
    # In the Logbook, a past turn of a repeating item (its occurrence's id; 0: the item
    # itself): `record` is the item as it was done then (its due date and done moment);
    # the item has come back since.
    turn: int = 0

    @property
    def total(self) -> Totals | None:
        """Its calculation totals; None when no cost line counts here (or none were given)."""
        if self.totals_of is None:
            return None
        totals = self.totals_of(self.record.id)
        return totals if totals.lines else None


@dataclasses.dataclass(frozen=True, slots=True)
class Section:
    """Rows under one heading ("Overdue", "Tomorrow", "Wednesday, December 9")."""

    heading: str
    day: date | None
    rows: tuple[AgendaRow, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Agenda:
    """A view's rows under their headings: all of them, or one page (`offset`: rows before
    it; `total`: rows in the whole view). A page's first heading may carry on the last
    page's (the same day)."""

    view: View
    sections: tuple[Section, ...]
    total: int
    offset: int = 0

    @property
    def rows(self) -> list[AgendaRow]:
        return [row for section in self.sections for row in section.rows]

    @property
    def empty_text(self) -> str:
        return _(EMPTY_TEXTS[self.view])


@dataclasses.dataclass(frozen=True, slots=True)
class AgendaCounts:
    """What the side bar shows beside each view: its number of rows, except the Logbook's,
    which counts the items done today."""

    today: int
    upcoming: int
    overdue: int
    no_date: int
    high: int
    done_today: int
    assigned: dict[int, int]  # person id → open items assigned (only people with some)

    def of(self, view: View, person_id: int | None = None) -> int:
        if view is View.ASSIGNED:
            return self.assigned.get(person_id or 0, 0)
        return {
            View.TODAY: self.today,
            View.UPCOMING: self.upcoming,
            View.OVERDUE: self.overdue,
            View.NO_DATE: self.no_date,
            View.HIGH: self.high,
            View.LOGBOOK: self.done_today,
        }[view]


# -- open, logged: read from the tree's links ------------------------------------------------


class Openness:
    """Whether items are open or logged, from the tree's links; each node above is looked
    at once (a view's items share their parents). None: the links do not know the id (the
    caller asks the plan)."""

    def __init__(self, tree: TreeLinks) -> None:
        self.parent, self.status = tree.parent, tree.status
        # node → whether it and everything above it is active (or: none of them deleted)
        self._all_active: dict[int, bool] = {0: True}
        self._none_deleted: dict[int, bool] = {0: True}

    def known(self, item_id: int) -> bool:
        return 0 < item_id < len(self.status) and self.status[item_id] != ABSENT

    def is_open(self, item_id: int) -> bool | None:
        return self.open_many([item_id])[0]

    def is_logged(self, item_id: int) -> bool | None:
        return self.logged_many([item_id])[0]

    def open_many(self, item_ids: Iterable[int]) -> list[bool | None]:
        """For each id: an active item (not a group) with only active items above it."""
        return self._many(item_ids, (ACTIVE,), self._all_active, (ACTIVE,))

    def logged_many(self, item_ids: Iterable[int]) -> list[bool | None]:
        """For each id: a done item (not a group) with no deleted item above it."""
        return self._many(item_ids, (DONE,), self._none_deleted, (ACTIVE, DONE))

    def kept_many(self, item_ids: Iterable[int]) -> list[bool | None]:
        """For each id: an item (not a group), it and everything above it not deleted
        (whose past turns the Logbook shows)."""
        return self._many(item_ids, (ACTIVE, DONE), self._none_deleted, (ACTIVE, DONE))

    def _many(
        self,
        item_ids: Iterable[int],
        own: tuple[int, ...],
        memo: dict[int, bool],
        fine: tuple[int, ...],
    ) -> list[bool | None]:
        # One loop with its names at hand: the side bar's counts check thousands of ids.
        parent, status, size = self.parent, self.status, len(self.status)
        found: list[bool | None] = []
        for item_id in item_ids:
            code = status[item_id] if 0 < item_id < size else ABSENT
            if code == ABSENT:
                found.append(None)
                continue
            above = parent[item_id]
            if code not in own or above == 0:  # another status, or a group
                found.append(False)
                continue
            answer = memo.get(above)
            found.append(self._up(above, memo, fine) if answer is None else answer)
        return found

    def _up(self, node: int, memo: dict[int, bool], fine: tuple[int, ...]) -> bool:
        """Whether every node from `node` up has a status in `fine`, remembered for each."""
        path: list[int] = []
        size = len(self.status)
        while node not in memo:
            if not 0 < node < size or self.status[node] not in fine or len(path) > size:
                answer = False  # not passing, unknown, or a cycle (a broken file)
                break
            path.append(node)
            node = self.parent[node]
        else:
            answer = memo[node]
        for passed in path:
            memo[passed] = answer
        return answer

    def paths(
        self, item_ids: Iterable[int], titles_of: Callable[[set[int]], dict[int, str]]
    ) -> dict[int, tuple[str, ...]]:
        """The path of each known item: the titles above it, from its group down
        (`titles_of`: the titles of a set of ids). Each node above is visited once."""
        parent, size = self.parent, len(self.parent)
        above: set[int] = set()
        for item_id in item_ids:
            node, steps = parent[item_id], 0
            while node and node not in above and steps <= size:  # (a cycle stops)
                above.add(node)
                node = parent[node] if 0 < node < size else 0
                steps += 1
        titles = titles_of(above)
        known: dict[int, tuple[str, ...]] = {0: ()}

        def path(node: int) -> tuple[str, ...]:
            line: list[int] = []
            while node not in known and len(line) <= size:
                line.append(node)
                node = parent[node] if 0 < node < size else 0
            found = known.get(node, ())
            for passed in reversed(line):
                found = (*found, titles.get(passed, ""))
                known[passed] = found
            return found

        return {item_id: path(parent[item_id]) for item_id in item_ids}


def is_open(record: ItemRecord, above: Sequence[ItemRecord]) -> bool:
    """The same rule read from records (`above`: everything above it, any order)."""
    return (
        record.parent_id is not None
        and record.status is Status.ACTIVE
        and all(a.status is Status.ACTIVE for a in above)
    )


def is_logged(record: ItemRecord, above: Sequence[ItemRecord]) -> bool:
    return record.status is Status.DONE and is_kept(record, above)


def is_kept(record: ItemRecord, above: Sequence[ItemRecord]) -> bool:
    return (
        record.parent_id is not None
        and record.status is not Status.DELETED
        and all(a.status is not Status.DELETED for a in above)
    )


@dataclasses.dataclass(frozen=True, slots=True)
class ItemQuery:
    """The items a view reads from the plan before it looks at what is above them: of one
    status, and due in a window (`due_after` < due <= `due_until`; None: open-ended), or
    undated, or of a priority, or a person's, or done since a moment."""

    status: Status = Status.ACTIVE
    due_after: date | None = None
    due_until: date | None = None
    undated: bool = False
    priority: Priority | None = None
    person_id: int | None = None
    done_since: datetime | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class AgendaKeys:
    """What the counts are made from (ids only, read from the indexes alone): open-status
    items due up to a day with their due dates, undated ones, high-priority ones, assigned
    ones with their person, and those done today."""

    due: list[tuple[int, str]]
    undated: list[int]
    high: list[int]
    assigned: list[tuple[int, int]]
    done_today: list[int]
    turns_today: list[int]  # the items of the past turns done today (one id a turn)


# -- which items, in what order, under which headings ----------------------------------------


Entry = tuple[int, "str | None"]  # (id, due date) or, in the Logbook, (id, done moment)
Placed = tuple[int, "Occurrence | None"]  # a row's item, and the past turn it shows (if one)


def in_view_order(
    view: View, entries: Iterable[Entry], turns: Sequence[Occurrence] = ()
) -> list[Placed]:
    """A view's order: the Logbook newest done first, the items done and the past turns of
    repeating items (`turns`) among them; every other view by due date, the oldest first
    (overdue before today), undated last; then in the order made (ids)."""
    if view is not View.LOGBOOK:
        ordered = sorted(entries, key=lambda e: (e[1] is None, e[1] or "", e[0]))
        return [(item_id, None) for item_id, _due in ordered]
    if not turns:  # the moments compare as stored (ISO 8601 text in UTC)
        logged = sorted(entries, key=lambda e: (e[1] or "", e[0]), reverse=True)
        return [(item_id, None) for item_id, _done in logged]
    never = datetime.min.replace(tzinfo=UTC)
    keyed: list[tuple[datetime, int, int, Occurrence | None]] = [
        (datetime.fromisoformat(done) if done else never, item_id, 0, None)
        for item_id, done in entries
    ]
    keyed += [(t.done_at or never, t.item_id, t.id, t) for t in turns]
    keyed.sort(key=lambda k: k[:3], reverse=True)
    return [(item_id, turn) for _done, item_id, _turn_id, turn in keyed]


def upcoming_last(today: date, days: int) -> date:
    """The last day the Upcoming view shows: `days` ahead, or the month's end if later."""
    return max(today + timedelta(days=days), end_of_month(today))


def local_day(record: ItemRecord) -> date:
    """The user's day an item was done on."""
    assert record.done_at is not None
    return record.done_at.astimezone().date()


def sections(view: View, rows: Sequence[AgendaRow], today: date, days: int) -> tuple[Section, ...]:
    """The view's rows under their headings (`rows`: those it shows, in its order)."""
    if view is View.LOGBOOK:
        return _by_day(rows, local_day, lambda day: _done_heading(day, today))
    if view is View.TODAY:
        overdue = [r for r in rows if r.record.due is not None and r.record.due < today]
        due_today = [r for r in rows if r.record.due is not None and r.record.due >= today]
        return tuple(
            Section(heading, day, tuple(shown))
            for heading, day, shown in (
                (_("Overdue"), None, overdue),
                (_("Today"), today, due_today),
            )
            if shown
        )
    if view is View.UPCOMING:
        last = today + timedelta(days=days)
        soon = [r for r in rows if r.record.due is not None and r.record.due <= last]
        later = [r for r in rows if r.record.due is not None and r.record.due > last]
        headed = _by_day(soon, _due_day, lambda day: _due_heading(day, today))
        if later:
            headed += (Section(_("Later this month"), None, tuple(later)),)
        return headed
    return (Section("", None, tuple(rows)),) if rows else ()


def _due_day(record: ItemRecord) -> date:
    assert record.due is not None
    return record.due


def _by_day(
    rows: Iterable[AgendaRow],
    day_of: Callable[[ItemRecord], date],
    heading: Callable[[date], str],
) -> tuple[Section, ...]:
    grouped: dict[date, list[AgendaRow]] = {}
    for row in rows:
        grouped.setdefault(day_of(row.record), []).append(row)
    return tuple(Section(heading(day), day, tuple(rs)) for day, rs in grouped.items())


def _due_heading(day: date, today: date) -> str:
    from planner.formats import day_heading

    return _("Tomorrow") if day == today + timedelta(days=1) else day_heading(day, today)


def _done_heading(day: date, today: date) -> str:
    from planner.formats import day_heading

    if day == today:
        return _("Done today")
    if day == today - timedelta(days=1):
        return _("Yesterday")
    return day_heading(day, today)
