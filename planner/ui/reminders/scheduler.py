"""When the window's reminders fire: one single-shot timer set to the next reminder, set
again after every change, and a coarse timer that looks at the wall clock each minute, so
that a sleep, a clock put forward or back, or a new time zone neither skips nor repeats
one. The plan remembers what fired (see services.reminders)."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
import time as system_time
from array import array
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from planner.domain import reminders as rm
from planner.domain.agenda import TreeLinks
from planner.domain.errors import PlannerError
from planner.services.plan import Clock
from planner.services.reminders import ReminderService
from planner.ui.session import OpenSession

COARSE_MS = 60_000  # how often the wall clock is looked at (a sleep, a clock change)
LONGEST_MS = 3_600_000  # the single-shot timer never waits longer (the coarse one checks)
LATE_START_MS = 1500  # the index is built this long after a plan opens, not during start-up
REST_S = 0.002  # the thread making the index rests this long after each piece of its work
BUSY_REST_S = 0.05  # ... and while the user is at work in the window, this long at a time
MOST_WAIT_S = 10.0  # ... at most this long in all (the reminders must come all the same)


def zone_mark(now: datetime) -> tuple[Any, ...]:
    """What tells the system's time zone changed: its offsets now and in half a year (and
    their names). The system's zone is read again first (a change made while Planner ran)."""
    if hasattr(system_time, "tzset"):
        system_time.tzset()
    here, later = now.astimezone(), (now + timedelta(days=182)).astimezone()
    return (here.utcoffset(), here.tzname(), later.utcoffset(), later.tzname())


@dataclasses.dataclass(slots=True)
class LinksCopy:
    """The tree's links as they were when copied, for a thread to read while the window
    changes its own (100,000 items: two copies of under a megabyte)."""

    parent: array[int]
    status: bytearray

    @classmethod
    def of(cls, tree: TreeLinks | None) -> LinksCopy | None:
        return None if tree is None else cls(tree.parent[:], tree.status[:])


class GivenUp(Exception):
    """A build on a thread whose plan closed, or whose index was made here meanwhile."""


class ReminderScheduler(QObject):
    """The open plan's reminders, fired each once at its moment. `fired` carries the
    firings and whether they are the first look since the plan opened (those that came
    while Planner was closed are among them, marked missed)."""

    fired = Signal(list, bool)  # [rm.Firing], at start
    _made = Signal(object, object, object)  # the service, the build, its index (a thread's)
    ticked = Signal()  # the coarse timer's look (the digest's time is checked then)

    def __init__(self, session: OpenSession, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session, self.clock = session, clock
        # Whether the user is at work in the window now (typing, scrolling): a build on a
        # thread waits then, for Python's lock is the window's (the window sets it; read
        # from the thread, so it only reads the time of the last input).
        self.user_busy: Callable[[], bool] = lambda: False
        self.service: ReminderService | None = None
        self.index: rm.ReminderIndex | None = None
        self._first_look = True
        self._reading: set[int] | None = None  # made on a thread: the items changed meanwhile
        self._building: object | None = None  # the build on a thread whose index is awaited
        self._again = False  # asked for while one was under way: another once it is handed over
        self._fired_here: set[tuple[int, str]] = set()  # fired, the plan unable to remember
        self._zone: tuple[Any, ...] | None = None  # read when the index is built
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.coarse = QTimer(self)
        self.coarse.setInterval(COARSE_MS)
        self.coarse.timeout.connect(self._tick)
        self._late_start = QTimer(self)
        self._late_start.setSingleShot(True)
        self._late_start.setInterval(LATE_START_MS)
        self._late_start.timeout.connect(self.start_in_background)
        self._made.connect(self._index_made)

    # -- the plan ----------------------------------------------------------------------------
    def plan_opened(self, at_once: bool = False) -> None:
        """A plan was opened: its reminders are looked at soon (at once, with `at_once`),
        not while the window starts."""
        self.plan_closed()
        session = self._session()
        if session is None:
            return
        self.service = ReminderService(session.service.store, session.service.clock)
        self._first_look = True
        if at_once:
            self.start()
        else:
            self._late_start.start()

    def plan_closed(self) -> None:
        self._reading, self._building, self._again = None, None, False
        self._fired_here = set()
        self._late_start.stop()
        self.timer.stop()
        self.coarse.stop()
        self.service, self.index = None, None

    def start(self) -> None:
        """Build the index of what is still to fire, fire what has come, arm the timer."""
        if self.service is None:
            return
        self._zone = zone_mark(self.clock())
        self.rebuild()
        self.coarse.start()

    def start_in_background(self) -> None:
        """`start`, with the index made on a thread of its own, from a copy of the tree's
        links taken now, in pieces with rests between (10,000 reminders: 0.2 s of CPU in
        3-5 s), so that the window's thread seldom waits for Python's lock; the changes made
        meanwhile are followed when it is handed over. Asked for while one is under way
        (which may have read the plan before another program changed it): made again once
        that one is handed over."""
        service = self.service
        if service is None:
            return
        if self._building is not None:
            self._again = True
            return
        self._reading = set()
        build = self._building = object()
        self._zone = zone_mark(self.clock())  # the zone the index is made in
        links = LinksCopy.of(self._tree())

        waited = [0.0]

        def rest() -> None:
            """Between pieces: the window's thread has Python's lock for a while, and all
            the while the user is at work in it (up to MOST_WAIT_S in all): frames painted
            while a piece runs waited for the lock (28 ms where 9 ms did without)."""
            system_time.sleep(REST_S)
            while self.user_busy() and waited[0] < MOST_WAIT_S and build is self._building:
                system_time.sleep(BUSY_REST_S)
                waited[0] += BUSY_REST_S
            if build is not self._building:
                raise GivenUp  # the plan closed, or its index was made here meanwhile

        def make() -> None:
            index: rm.ReminderIndex | None = None
            try:
                rows = service.index_rows(side=True, pause=rest)
                index = service.index_of(rows, links, True, rest)
            except (GivenUp, PlannerError):
                pass  # the plan cannot be read now: the next look tries again
            finally:  # whatever happened (a bug too): the window's next look makes another
                with contextlib.suppress(RuntimeError):  # the window went meanwhile
                    self._made.emit(service, build, index)

        threading.Thread(target=make, name="planner-reminders", daemon=True).start()

    @property
    def building(self) -> bool:
        """Whether an index is being made on a thread (the one in use, if any, stays until
        it is handed over)."""
        return self._building is not None

    def _index_made(
        self, service: ReminderService, build: object, index: rm.ReminderIndex | None
    ) -> None:
        if service is not self.service or build is not self._building:
            return  # another plan since, or the index made here since (`rebuild`)
        changed, self._reading, self._building = self._reading or set(), None, None
        if index is not None:
            try:
                if changed:  # changed while it was made: maybe before the read, maybe after
                    service.follow(index, list(changed), self._tree())
            except PlannerError:
                index = None
            self.index = index
        if self.index is not None:
            self.check()
        self.coarse.start()
        if self._again:
            self._again = False
            self.start_in_background()

    def rebuild(self) -> None:
        """Everything read again, here and now (a build under way on a thread is given up:
        this one is newer)."""
        if self.service is None:
            return
        self._reading, self._building, self._again = None, None, False
        try:
            self.index = self.service.index(self._tree())
        except PlannerError:
            self.index = None  # the plan cannot be read now: the next look tries again
            return
        self.check()

    def changed(self, item_ids: list[int]) -> None:
        """The window changed these items (or undid or redid a change to them)."""
        if self._reading is not None:
            self._reading.update(item_ids)  # followed once the index is made
        if self.service is None or self.index is None or not item_ids:
            return
        try:
            self.service.follow(self.index, item_ids, self._tree())
        except PlannerError:
            return
        self.arm()

    def _tree(self) -> TreeLinks | None:
        """The tree's links as the window keeps them after each change (None before they
        are loaded: the plan is asked)."""
        session = self._session()
        return None if session is None else session.model.rollup

    # -- time ----------------------------------------------------------------------------------
    def next_moment(self) -> datetime | None:
        found = self.index.next() if self.index is not None else None
        return None if found is None else found[0]

    def arm(self) -> None:
        """The single-shot timer set to the next reminder (or stopped: none is to come)."""
        moment = self.next_moment()
        if moment is None:
            self.timer.stop()
            return
        wait = (moment - self.clock()).total_seconds() * 1000
        self.timer.start(int(min(max(wait, 0), LONGEST_MS)))

    def check(self) -> None:
        """Fire what has come by now (if anything), then arm the timer again."""
        if self.index is None:
            return
        moment = self.next_moment()
        if moment is not None and moment <= self.clock():
            self._fire()
        elif self._first_look:
            self._first_look = False
        self.arm()

    def _tick(self) -> None:
        if self.service is None:
            return
        mark = zone_mark(self.clock())
        if mark != self._zone:
            self.start_in_background()  # relative reminders come at the new zone's times
        elif self.index is None and self._building is None:
            self.start_in_background()  # the plan could not be read: try again
        else:
            self.check()
        self.ticked.emit()

    def _fire(self) -> None:
        assert self.service is not None and self.index is not None
        now = self.clock()
        due = self.index.due(now)
        try:
            firings = self.service.fire(items={r.item_id for _m, r, _k in due})
        except PlannerError:
            # Not remembered (a read-only plan): fired once while this window runs, even
            # when the index is made again (a new time zone, a change by another program).
            firings = [
                rm.Firing(reminder, moment, key, now - moment > rm.GRACE)
                for moment, reminder, key in due
                if (reminder.id, key) not in self._fired_here
            ]
            self._fired_here.update((f.reminder.id, f.key) for f in firings)
            for _moment, reminder, _key in due:
                self.index.drop(reminder.id)
        else:
            items = {r.item_id for _m, r, _k in due} | {f.reminder.item_id for f in firings}
            if self._reading is not None:
                self._reading.update(items)  # an index made meanwhile may not have it fired
            self.service.follow(self.index, list(items), self._tree())
            for _moment, reminder, _key in self.index.due(now):
                self.index.drop(reminder.id)  # the plan says it is not to fire: never again
        at_start, self._first_look = self._first_look, False
        if firings:
            self.fired.emit(firings, at_start)
