"""Reminders' use cases: set and clear an item's reminders, the plan's default reminder for
new goals and tasks, what would fire until a moment, and, for the window, the index of what
fires next (kept up to date after each change) and firing what has come (remembered in the
plan, so that it fires once whoever looks)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, tzinfo

from planner.domain import changes as ch
from planner.domain import reminders as rm
from planner.domain.agenda import Openness, TreeLinks
from planner.domain.errors import Refused
from planner.domain.items import ItemRecord, quoted
from planner.i18n import _, ngettext
from planner.services.ports import Store, Unit
from planner.services.schedule_changes import apply_schedule_change, item_of

Clock = Callable[[], datetime]
DEFAULT_KEY = "default_reminder"  # "" (off), or "DAYS HH:MM": DAYS before the due date
LAST_LOOK_KEY = "reminders_seen"  # the moment of the last look (UTC ISO): before it, missed
# Called between pieces of a long read or build on a thread, so that it holds Python's
# lock (the GIL) for a moment at a time and the window's thread never waits long for it.
Pause = Callable[[], None]
PIECE = 25  # items read or put in the index between two pauses (a quarter of a millisecond)
ID_RANGE = 500  # item ids whose reminders are read between two pauses (about a millisecond)


@dataclasses.dataclass(frozen=True, slots=True)
class Coming:
    """A reminder that would fire, with its item (what `planner reminders` lists)."""

    moment: datetime
    reminder: rm.Reminder
    record: ItemRecord
    late: bool  # its moment has passed: it fires at the next look


def default_reminder(unit: Unit) -> tuple[int, time] | None:
    """The plan's default reminder for new goals and tasks: (days before, time), or None."""
    text = unit.setting(DEFAULT_KEY)
    if not text:
        return None
    try:
        return read_default(text)
    except ValueError:  # a plan is data from outside: `planner check` names it
        return None


def read_default(text: str) -> tuple[int, time]:
    """DEFAULT_KEY's text as (days before, time); ValueError when it does not read."""
    days_text, _sep, clock = text.partition(" ")
    days = int(days_text)
    if not 0 <= days <= rm.MAX_DAYS_BEFORE or len(clock) != 5:
        raise ValueError(text)
    return days, time.fromisoformat(clock)


def last_look(text: str) -> datetime | None:
    """LAST_LOOK_KEY's moment, or None when it has none or it does not read (then only
    how late a firing is says it was missed)."""
    try:
        seen = datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    return None if seen is None or seen.tzinfo is None else seen


def add_default_reminder(unit: Unit, item_id: int, now: datetime) -> None:
    """Give a new goal or task the plan's default reminder, if it has one."""
    default = default_reminder(unit)
    if default is not None:
        unit.insert_reminder(rm.Reminder(0, item_id, None, default[0], default[1], now))


@dataclasses.dataclass(frozen=True, slots=True)
class IndexRows:
    """Every item's reminders and due date, as read for the index."""

    reminders: dict[int, list[rm.Reminder]]
    dues: dict[int, date | None]


class ReminderService:
    """Reminders on one open plan (the same store as its PlanService). `zone`: the time
    zone relative reminders are worked out in (None: the system's, as it is when asked)."""

    def __init__(self, store: Store, clock: Clock, zone: tzinfo | None = None) -> None:
        self.store = store
        self.clock = clock
        self.zone = zone

    # -- an item's reminders ---------------------------------------------------------------
    def reminders(self, item_id: int) -> list[rm.Reminder]:
        with self.store.read() as unit:
            item_of(unit, item_id)
            return unit.reminders([item_id])

    def add_at(self, item_id: int, at: datetime) -> ch.Outcome:
        """Remind of an item at a moment (not one that has passed)."""
        now = self.clock()
        if at <= now:
            raise Refused(_("That moment has passed; a reminder is for a time to come."))
        return self._add(item_id, rm.Reminder(0, item_id, at, None, None, now))

    def add_before(self, item_id: int, days: int, at: time = rm.DEFAULT_TIME) -> ch.Outcome:
        """Remind of an item `days` before its due date (0: on the day) at a local time."""
        reminder = rm.Reminder(0, item_id, None, days, at, self.clock())
        return self._add(item_id, reminder)

    def _add(self, item_id: int, reminder: rm.Reminder) -> ch.Outcome:
        with self.store.write() as unit:
            record = item_of(unit, item_id)
            if reminder.relative and record.due is None:
                raise Refused(
                    _("{title} has no due date for a reminder to go by; give it one first.").format(
                        title=quoted(record.title)
                    )
                )
            have = unit.reminders([record.id])
            same = (reminder.at, reminder.days_before, reminder.time)
            if any((r.at, r.days_before, r.time) == same for r in have):
                raise Refused(
                    _("{title} has this reminder already.").format(title=quoted(record.title))
                )
            if len(have) >= rm.PER_ITEM_MAX:
                raise Refused(
                    _("{title} has {n} reminders, the most an item can have.").format(
                        title=quoted(record.title), n=rm.PER_ITEM_MAX
                    )
                )
            change = rm.SetReminders(record.id, (*have, reminder))
            return apply_schedule_change(unit, change)

    def snooze(self, reminder_id: int, until: datetime) -> ch.Outcome:
        """Put a reminder that fired off to `until` (see reminders.snoozed)."""
        if until <= self.clock():
            raise Refused(_("That moment has passed; a reminder is for a time to come."))
        with self.store.write() as unit:
            found = unit.get_reminder(reminder_id)
            if found is None:
                raise Refused(_("There is no reminder with id {id}.").format(id=reminder_id))
            record = item_of(unit, found.item_id)
            have = unit.reminders([record.id])
            kept = rm.snoozed(have, reminder_id, until, self.clock())
            if len(kept) > rm.PER_ITEM_MAX:
                raise Refused(
                    _("{title} has {n} reminders, the most an item can have.").format(
                        title=quoted(record.title), n=rm.PER_ITEM_MAX
                    )
                )
            return apply_schedule_change(unit, rm.SetReminders(record.id, kept))

    def clear(self, item_id: int) -> ch.Outcome:
        """Take every reminder of an item away."""
        with self.store.write() as unit:
            record = item_of(unit, item_id)
            if not unit.reminders([record.id]):
                raise Refused(_("{title} has no reminders.").format(title=quoted(record.title)))
            return apply_schedule_change(unit, rm.SetReminders(record.id, ()))

    def remove(self, reminder_id: int) -> ch.Outcome:
        """Take one reminder away."""
        with self.store.write() as unit:
            found = unit.get_reminder(reminder_id)
            if found is None:
                raise Refused(_("There is no reminder with id {id}.").format(id=reminder_id))
            kept = tuple(r for r in unit.reminders([found.item_id]) if r.id != reminder_id)
            return apply_schedule_change(unit, rm.SetReminders(found.item_id, kept))

    # -- the plan's default ----------------------------------------------------------------
    def default(self) -> tuple[int, time] | None:
        with self.store.read() as unit:
            return default_reminder(unit)

    def set_default(self, days: int | None, at: time = rm.DEFAULT_TIME) -> tuple[int, time] | None:
        """Give new goals and tasks a reminder `days` before their due date at `at` (None:
        none); returns the default it replaces."""
        with self.store.write() as unit:
            old = default_reminder(unit)
            if days is None:
                unit.delete_setting(DEFAULT_KEY)
            else:
                unit.set_setting(DEFAULT_KEY, f"{days} {at.strftime('%H:%M')}")
            return old

    # -- what fires ------------------------------------------------------------------------
    def coming(self, until: datetime | None = None) -> list[Coming]:
        """Every reminder still to fire (by `until`, when given), in the order they would:
        those whose moment has passed first (they fire at the next look)."""
        now = self.clock()
        with self.store.read() as unit:
            reminders = unit.reminders()
            records = unit.get_many({r.item_id for r in reminders})
            inactive = unit.inactive(records)
        found: list[Coming] = []
        for reminder in reminders:
            record = records[reminder.item_id]
            active = record.id not in inactive
            waiting = rm.pending(reminder, record.due, active, self.zone)
            if waiting is not None and (until is None or waiting[0] <= until):
                found.append(Coming(waiting[0], reminder, record, waiting[0] <= now))
        return sorted(found, key=lambda c: (c.moment, c.reminder.id))

    def next_moments(self, item_id: int) -> dict[int, datetime]:
        """When each of an item's reminders still to fire would, by reminder id."""
        with self.store.read() as unit:
            record = item_of(unit, item_id)
            active = not unit.inactive([item_id])
            reminders = unit.reminders([item_id])
        found = {}
        for reminder in reminders:
            waiting = rm.pending(reminder, record.due, active, self.zone)
            if waiting is not None:
                found[reminder.id] = waiting[0]
        return found

    def index(self, tree: TreeLinks | None = None) -> rm.ReminderIndex:
        """Every reminder still to fire, by moment (the window asks it for the next one,
        and keeps it up to date with `follow`). `tree`: the tree's links, when the caller
        keeps them current (which items are active, and which are below a change, are read
        from them, not from the plan)."""
        return self.index_of(self.index_rows(), tree)

    def index_rows(self, side: bool = False, pause: Pause | None = None) -> IndexRows:
        """What the index is made of: every item's reminders and due date (`side`: read on
        a connection of its own, so on any thread, while the window goes on; with `pause`,
        read a piece at a time, pausing after each, in one transaction all the same)."""
        by_item: dict[int, list[rm.Reminder]] = {}
        records: dict[int, ItemRecord] = {}
        with self.store.side_read() if side else self.store.read() as unit:
            if pause is None:
                reminders = unit.reminders()
            else:  # by ranges of ids (they are dense): not 10,000 in one long read
                reminders = []
                for ids in _id_ranges(unit.next_id() - 1):
                    reminders.extend(unit.reminders(ids))
                    pause()
            for reminder in reminders:
                by_item.setdefault(reminder.item_id, []).append(reminder)
            for piece in _pieces(list(by_item), pause):
                records.update(unit.get_many(piece))
        return IndexRows(by_item, {i: records[i].due for i in by_item if i in records})

    def index_of(
        self,
        rows: IndexRows,
        tree: TreeLinks | None = None,
        side: bool = False,
        pause: Pause | None = None,
    ) -> rm.ReminderIndex:
        """The index of what `index_rows` read, on the thread that keeps `tree` (`side`:
        on any thread, from links no one changes meanwhile, such as a copy, the plan asked
        about items they do not know on a connection of its own; `pause`d between
        pieces)."""
        index = rm.ReminderIndex(self.zone)
        with self.store.side_read() if side else self.store.read() as unit:
            for piece in _pieces(list(rows.dues), pause):
                active = _active(unit, piece, tree)
                for item_id in piece:
                    due = rows.dues[item_id]
                    index.put(item_id, rows.reminders[item_id], due, item_id in active)
        if tree is not None:
            for piece in _pieces(list(rows.dues), pause):
                _place(index, piece, tree)
        return index

    def follow(
        self, index: rm.ReminderIndex, item_ids: Iterable[int], tree: TreeLinks | None = None
    ) -> None:
        """Bring the index up to date after a change to these items (or its undo): theirs,
        and the reminders below them (an item marked done, deleted or moved takes the items
        below it along: their reminders are as the index knows them, their being active
        read again), and those of the items the index had that are gone. `tree`: as for
        `index` (without it the plan is asked what is below the items)."""
        ids = set(item_ids)
        with self.store.read() as unit:
            if tree is not None and not index.placed:  # built without the links
                _place(index, index.known, tree)
            below = unit.reminded_within(ids) if tree is None else index.below(ids)
            below -= ids
            records = unit.get_many(ids)
            by_item: dict[int, list[rm.Reminder]] = {i: [] for i in ids}
            for reminder in unit.reminders(ids):
                by_item[reminder.item_id].append(reminder)
            fresh = below - index.known.keys()  # below, but new to the index: read it
            if fresh:
                records.update(unit.get_many(fresh))
                for reminder in unit.reminders(fresh):
                    by_item.setdefault(reminder.item_id, []).append(reminder)
            if ids - records.keys():  # purged: the index may have items that were below
                kept = {r.item_id for r in unit.reminders(index.known)}
                for item_id in index.known.keys() - kept:
                    by_item[item_id] = []
            active = _active(unit, (ids | below) & (by_item.keys() | index.known.keys()), tree)
        for item_id in below - by_item.keys():  # below a change: as known, maybe inactive
            known, known_due = index.known[item_id]
            index.put(item_id, known, known_due, item_id in active)
        for item_id, reminders in by_item.items():
            record = records.get(item_id)
            due = None if record is None else record.due
            index.put(item_id, reminders, due, record is not None and item_id in active)
        if tree is not None:
            _place(index, index.known.keys() & (ids | below), tree)

    def fire(
        self, since: datetime | None = None, items: Iterable[int] | None = None
    ) -> list[rm.Firing]:
        """Fire what has come by now: each reminder once, remembered in the plan (`items`:
        of these items only, those the window's index says have come; None: of the whole
        plan). Those whose moment came before `since` (default: the last look, kept in the
        plan) are marked missed: "3 reminders while Planner was closed"."""
        now = self.clock()
        with self.store.write() as unit:
            if since is None:
                # Never looked at: only how late a firing is says it was missed.
                since = last_look(unit.setting(LAST_LOOK_KEY)) or datetime.min.replace(tzinfo=UTC)
            reminders = unit.reminders(None if items is None else set(items))
            records = unit.get_many({r.item_id for r in reminders})
            inactive = unit.inactive(records)
            entries = [(r, records[r.item_id].due, r.item_id not in inactive) for r in reminders]
            firings = rm.due_between(entries, since, now, self.zone)
            unit.set_fired([(f.reminder.id, f.key) for f in firings])
            unit.set_setting(LAST_LOOK_KEY, now.isoformat())
        return firings


def _pieces(item_ids: list[int], pause: Pause | None) -> Iterator[list[int]]:
    """The ids PIECE at a time, with a pause after each (all at once without one)."""
    if pause is None:
        yield item_ids
        return
    for start in range(0, len(item_ids), PIECE):
        yield item_ids[start : start + PIECE]
        pause()


def _id_ranges(highest: int) -> Iterator[range]:
    """Every item id up to `highest`, ID_RANGE at a time."""
    for start in range(1, highest + 1, ID_RANGE):
        yield range(start, min(start + ID_RANGE, highest + 1))


def _place(index: rm.ReminderIndex, item_ids: Iterable[int], tree: TreeLinks) -> None:
    """Tell the index the items above each of these, from the tree's links (each chain
    above an item is walked once)."""
    parent, size = tree.parent, len(tree.parent)
    chains: dict[int, tuple[int, ...]] = {0: ()}

    def chain(node: int) -> tuple[int, ...]:
        path: list[int] = []
        while node not in chains and 0 < node < size and len(path) < size:
            path.append(node)
            node = parent[node]
        found = chains.get(node, ())
        for passed in reversed(path):
            found = (passed, *found)
            chains[passed] = found
        return found

    for item_id in list(item_ids):
        above = parent[item_id] if 0 < item_id < size else 0
        index.place(item_id, chain(above))
    index.placed = True


def _active(unit: Unit, item_ids: Iterable[int], tree: TreeLinks | None) -> set[int]:
    """Those of `item_ids` that are active with everything above them: from the tree's
    links when given (the plan asked about those they do not know), else from the plan."""
    ids = set(item_ids)
    if tree is None:
        return ids - unit.inactive(ids)
    ordered = list(ids)
    found = set()
    unknown = []
    for item_id, is_open in zip(ordered, Openness(tree).open_many(ordered), strict=True):
        if is_open is None:
            unknown.append(item_id)
        elif is_open:
            found.add(item_id)
    if unknown:
        found |= set(unknown) - unit.inactive(unknown)
    return found


def missed_text(firings: Sequence[rm.Firing]) -> str:
    """ "3 reminders while Planner was closed" (empty when none was missed)."""
    n = sum(1 for f in firings if f.missed)
    if not n:
        return ""
    return ngettext(
        "{n} reminder while Planner was closed", "{n} reminders while Planner was closed", n
    ).format(n=n)
