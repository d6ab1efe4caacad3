"""Reminders: at a moment, or relative to an item's due date ("on the day at 9:00", "1 day
before at 18:00", "1 week before"), and which of them fire when the clock moves on.

- A moment ("at") is stored in UTC: travelling or a daylight-saving change does not move it.
- A relative reminder is a wall-clock time where the user is: its moment is worked out in
  the time zone of the moment it is asked (so "at 9:00" stays 9:00 after a flight).
- A reminder fires once: each remembers what it fired for (its moment, or the due date it
  reminded of), so a clock put back, a time-zone change that brings a wall-clock time round
  again, or a second look never fires it twice; and one whose moment came while nothing
  looked (Planner closed, the computer asleep) fires at the next look, marked missed. A
  relative reminder fires again for a later due date (a repeating item's next one), never
  for the same or an earlier one.
- Nothing fires for a moment before the reminder was set, nor for an item that is done or
  deleted (or inside one: the caller says which items are active).
"""

from __future__ import annotations

import dataclasses
import enum
import heapq
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from planner import formats
from planner.domain.errors import InvalidInput, excerpt
from planner.i18n import _, ngettext

MAX_DAYS_BEFORE = 3650
DEFAULT_TIME = time(9, 0)
PER_ITEM_MAX = 50
# A firing later than this after its moment was missed: nothing looked when it came.
GRACE = timedelta(minutes=2)


@dataclasses.dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder of an item, exactly as stored: `at` (a moment, UTC), or `days_before`
    the due date at `time` (local wall clock)."""

    id: int
    item_id: int
    at: datetime | None
    days_before: int | None
    time: time | None
    created: datetime  # when it was set: no moment before it fires
    fired: str = ""  # what it last fired for: the moment's or the due date's ISO text

    @property
    def relative(self) -> bool:
        return self.at is None


@dataclasses.dataclass(frozen=True, slots=True)
class Firing:
    """A reminder whose moment has come: `key` is what it fires for (to remember), `missed`
    when nothing looked when its moment came (Planner closed, the computer asleep)."""

    reminder: Reminder
    moment: datetime
    key: str
    missed: bool


def wall_clock(local: datetime, zone: tzinfo | None) -> datetime:
    """A wall-clock time in `zone` (None: the system's) as a moment. A time the clocks
    skip (02:30 when they go from 02:00 to 03:00) is read with the offset before the
    change, as zoneinfo reads it; Python reads the system's the other way (an hour
    early: before the clocks even reach 02:00)."""
    if zone is not None:
        return local.replace(tzinfo=zone)
    aware = local.astimezone()
    if aware.replace(tzinfo=None) != local:  # not on the clock that day: a gap
        aware = local.replace(fold=1).astimezone()
    return aware


def moment_of(reminder: Reminder, due: date | None, zone: tzinfo | None = None) -> datetime | None:
    """When a reminder comes, in UTC: its own moment, or its time on the day `days_before`
    the due date in `zone` (None: the system's local time, with its daylight saving on that
    day); None for a relative reminder of an item with no due date."""
    if reminder.at is not None:
        return reminder.at
    if due is None or reminder.days_before is None or reminder.time is None:
        return None
    try:
        day = due - timedelta(days=reminder.days_before)
    except OverflowError:
        return None
    local = datetime.combine(day, reminder.time)
    try:
        aware = wall_clock(local, zone)
        return aware.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def key_of(reminder: Reminder, due: date | None, moment: datetime) -> str:
    """What a reminder fires for: its moment, or the due date it reminds of."""
    if reminder.relative and due is not None:
        return due.isoformat()
    return moment.isoformat()


def pending(
    reminder: Reminder, due: date | None, active: bool, zone: tzinfo | None = None
) -> tuple[datetime, str] | None:
    """(moment, key) of a reminder that is still to fire, whenever that is; None when it has
    fired for it already, was set after it, or its item is not active."""
    if not active:
        return None
    moment = moment_of(reminder, due, zone)
    if moment is None or moment < reminder.created:
        return None
    key = key_of(reminder, due, moment)
    if reminder.fired and (reminder.fired >= key if reminder.relative else reminder.fired == key):
        return None
    return moment, key


Entry = tuple[Reminder, date | None, bool]  # a reminder, its item's due date, item active


def due_between(
    entries: Iterable[Entry], t0: datetime, t1: datetime, zone: tzinfo | None = None
) -> list[Firing]:
    """What fires at a look at `t1` when the last look was at `t0`: every reminder still to
    fire whose moment has come by `t1`, in the order of their moments. Those whose moment
    came by `t0`, or longer than GRACE before `t1`, are `missed`: no look saw them come.
    The caller remembers each firing's key (`fired`), so that no later look fires it
    again."""
    found: list[Firing] = []
    for reminder, due, active in entries:
        waiting = pending(reminder, due, active, zone)
        if waiting is not None and waiting[0] <= t1:
            moment, key = waiting
            missed = moment <= t0 or t1 - moment > GRACE
            found.append(Firing(reminder, moment, key, missed))
    found.sort(key=lambda f: (f.moment, f.reminder.id))
    return found


def fired(reminder: Reminder, firing: Firing) -> Reminder:
    """The reminder as it is after this firing."""
    return dataclasses.replace(reminder, fired=firing.key)


class ReminderIndex:
    """The reminders still to fire, by moment: the next one comes out at once, and a change
    to some items puts in their reminders again (a heap; stale entries are dropped when they
    come to the top)."""

    def __init__(self, zone: tzinfo | None = None) -> None:
        self.zone = zone
        self._moments: dict[int, tuple[datetime, Reminder, str]] = {}
        self._of_item: dict[int, set[int]] = {}
        self._heap: list[tuple[datetime, int]] = []
        # Every item with reminders as last put in (fired or not, active or not): its
        # reminders and due date, so that a change above it re-reads nothing of it.
        self.known: dict[int, tuple[tuple[Reminder, ...], date | None]] = {}
        # The items above each known item, and the known items below each item (kept by a
        # caller that has the tree's links: see `place`).
        self._above: dict[int, tuple[int, ...]] = {}
        self._below: dict[int, set[int]] = {}
        self.placed = False  # whether every known item was placed

    def __len__(self) -> int:
        return len(self._moments)

    def put(
        self, item_id: int, reminders: Sequence[Reminder], due: date | None, active: bool
    ) -> None:
        """Replace everything known of an item's reminders."""
        for reminder_id in self._of_item.pop(item_id, ()):
            self._moments.pop(reminder_id, None)
        if reminders:
            self.known[item_id] = (tuple(reminders), due)
        else:
            self.known.pop(item_id, None)
        ids: set[int] = set()
        for reminder in reminders:
            waiting = pending(reminder, due, active, self.zone)
            if waiting is None:
                continue
            moment, key = waiting
            self._moments[reminder.id] = (moment, reminder, key)
            heapq.heappush(self._heap, (moment, reminder.id))
            ids.add(reminder.id)
        if ids:
            self._of_item[item_id] = ids

    def place(self, item_id: int, above: tuple[int, ...]) -> None:
        """The items above a known item (its parent first) are these now."""
        old = self._above.get(item_id, ())
        if old == above:
            return
        for node in old:
            below = self._below.get(node)
            if below is not None:
                below.discard(item_id)
                if not below:
                    del self._below[node]
        self._above[item_id] = above
        for node in above:
            self._below.setdefault(node, set()).add(item_id)

    def below(self, item_ids: Iterable[int]) -> set[int]:
        """The known items below any of these (as last placed)."""
        found: set[int] = set()
        for item_id in item_ids:
            found |= self._below.get(item_id, set())
        return found

    def drop(self, reminder_id: int) -> None:
        """Leave a reminder out (until its item is put in again)."""
        entry = self._moments.pop(reminder_id, None)
        if entry is not None:
            ids = self._of_item.get(entry[1].item_id, set())
            ids.discard(reminder_id)
            if not ids:
                self._of_item.pop(entry[1].item_id, None)

    def items(self) -> set[int]:
        """The items with a reminder still to fire."""
        return set(self._of_item)

    def next(self) -> tuple[datetime, Reminder] | None:
        """The reminder to fire next (its moment may have passed: fire it now)."""
        while self._heap:
            moment, reminder_id = self._heap[0]
            current = self._moments.get(reminder_id)
            if current is not None and current[0] == moment:
                return moment, current[1]
            heapq.heappop(self._heap)
        return None

    def due(self, now: datetime) -> list[tuple[datetime, Reminder, str]]:
        """Every reminder whose moment has come by `now`, oldest first (left in: the caller
        fires them, then puts their items in again)."""
        found = [entry for entry in self._moments.values() if entry[0] <= now]
        return sorted(found, key=lambda e: (e[0], e[1].id))


class Snooze(enum.Enum):
    """How long a reminder is put off: 10 minutes, an hour, or to tomorrow at 9:00."""

    MINUTES = "10m"
    HOUR = "1h"
    TOMORROW = "tomorrow"


SNOOZE_MORNING = time(9, 0)


def snooze_until(choice: Snooze, now: datetime, zone: tzinfo | None = None) -> datetime:
    """When a reminder put off at `now` comes again, in UTC ("tomorrow" is the day after
    `now` in `zone`, None: the system's local time)."""
    if choice is Snooze.MINUTES:
        return now + timedelta(minutes=10)
    if choice is Snooze.HOUR:
        return now + timedelta(hours=1)
    local = now.astimezone(zone) if zone is not None else now.astimezone()
    morning = datetime.combine(local.date() + timedelta(days=1), SNOOZE_MORNING)
    aware = wall_clock(morning, zone)
    return aware.astimezone(UTC)


def snoozed(
    reminders: Sequence[Reminder], reminder_id: int, until: datetime, now: datetime
) -> tuple[Reminder, ...]:
    """An item's reminders with one of them put off to `until`: a reminder at a moment
    moves there (it has fired; nothing of it is lost); one before the due date stays (it
    fires again for the next due date) and a reminder at `until` joins it."""
    snoozing = next(r for r in reminders if r.id == reminder_id)
    kept = tuple(r for r in reminders if r.relative or r.id != snoozing.id)
    return (*kept, Reminder(0, snoozing.item_id, until, None, None, now))


def reminder_words(reminder: Reminder) -> str:
    """A reminder as a person reads it: "On the day at 09:00", "1 day before at 18:00",
    "1 week before at 09:00", "At Jan 20, 2027, 9:00 AM"."""
    if reminder.at is not None:
        return _("At {moment}").format(moment=formats.moment(reminder.at))
    assert reminder.days_before is not None and reminder.time is not None
    clock = formats.clock(reminder.time)
    days = reminder.days_before
    if days == 0:
        return _("On the day at {time}").format(time=clock)
    if days % 7 == 0:
        weeks = days // 7
        return ngettext("{n} week before at {time}", "{n} weeks before at {time}", weeks).format(
            n=weeks, time=clock
        )
    return ngettext("{n} day before at {time}", "{n} days before at {time}", days).format(
        n=days, time=clock
    )


# -- typed in ----------------------------------------------------------------------------


def parse_clock(text: str) -> time:
    """A time of day typed as HH:MM ("9:00", "18:30"); "25:61" is refused."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidInput(
            _("'{text}' is not a time of day; use HH:MM, such as 09:00 or 18:30.").format(
                text=excerpt(text)
            )
        )
    return time(int(match.group(1)), int(match.group(2)))


def parse_before(text: str) -> int:
    """How long before the due date, in days: "0d" (on the day), "1d", "3 days", "1w",
    "2 weeks"."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*(d|days?|w|weeks?)\s*", text.lower())
    if match is None:
        raise InvalidInput(
            _("'{text}' is not a time before the due date; use days or weeks: 0d, 1d, 1w.").format(
                text=excerpt(text)
            )
        )
    days = int(match.group(1)) * (7 if match.group(2).startswith("w") else 1)
    if days > MAX_DAYS_BEFORE:
        raise InvalidInput(
            _("A reminder can be at most {n} days before the due date.").format(n=MAX_DAYS_BEFORE)
        )
    return days


def parse_at(text: str, zone: tzinfo | None = None) -> datetime:
    """A moment typed as 'YYYY-MM-DD HH:MM' in local time (`zone`, None: the system's), in
    UTC."""
    match = re.fullmatch(r"\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})\s*", text)
    if match is None:
        raise InvalidInput(
            _("'{text}' is not a date and time; use 'YYYY-MM-DD HH:MM'.").format(text=excerpt(text))
        )
    try:
        day = date.fromisoformat(match.group(1))
    except ValueError:
        raise InvalidInput(
            _("{day} is not a valid date (there is no such day).").format(day=match.group(1))
        ) from None
    local = datetime.combine(day, parse_clock(match.group(2)))
    try:
        aware = wall_clock(local, zone)
        return aware.astimezone(UTC)
    except (OverflowError, ValueError):
        raise InvalidInput(_("'{text}' is out of range.").format(text=excerpt(text))) from None


@dataclasses.dataclass(frozen=True, slots=True)
class SetReminders:
    """Give an item these reminders (ids 0: new ones; others put back as they were),
    in place of those it has. `expected`, undoing: the reminders the change left
    (`checked`), which must still be there."""

    item_id: int
    reminders: tuple[Reminder, ...]
    expected: tuple[Reminder, ...] = ()
    checked: bool = False
