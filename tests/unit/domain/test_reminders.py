"""Reminders with the clock moved on: looks every few minutes across midnight, a sleep of
three days, the daylight-saving changes, a flight across time zones both ways and a clock
put back. Each reminder fires exactly once, never before its moment, and the ones whose
moment came while nothing looked are listed as missed, once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain import reminders as rm
from planner.domain.errors import InvalidInput

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")
SET = datetime(2027, 1, 1, tzinfo=UTC)  # when the reminders were set


def _relative(rid: int, item: int, days: int, hh: int, mm: int = 0) -> rm.Reminder:
    return rm.Reminder(rid, item, None, days, time(hh, mm), SET)


def _at(rid: int, item: int, moment: datetime) -> rm.Reminder:
    return rm.Reminder(rid, item, moment.astimezone(UTC), None, None, SET)


class Looks:
    """Reminders and their items' due dates, looked at again and again as a window would:
    each look fires what has come and remembers it."""

    def __init__(self, reminders: Iterable[rm.Reminder], dues: dict[int, date]) -> None:
        self.reminders = {r.id: r for r in reminders}
        self.dues = dues
        self.fired: list[tuple[int, datetime, datetime, bool]] = []  # id, moment, look, missed
        self.last: datetime | None = None

    def look(self, now: datetime, zone: tzinfo) -> list[rm.Firing]:
        since = self.last or now
        entries = [(r, self.dues.get(r.item_id), True) for r in self.reminders.values()]
        firings = rm.due_between(entries, since, now, zone)
        for f in firings:
            self.reminders[f.reminder.id] = rm.fired(f.reminder, f)
            self.fired.append((f.reminder.id, f.moment, now, f.missed))
        self.last = now
        return firings

    def every(self, start: datetime, end: datetime, step: timedelta, zone: tzinfo) -> None:
        now = start
        while now <= end:
            self.look(now, zone)
            now += step

    def ids(self) -> list[int]:
        return [rid for rid, _moment, _look, _missed in self.fired]


def _never_early(looks: Looks) -> None:
    for _rid, moment, look, _missed in looks.fired:
        assert moment <= look


def test_across_midnight_each_fires_once_in_time() -> None:
    looks = Looks(
        [
            _relative(1, 10, 0, 0),  # on the day at 00:00
            _relative(2, 10, 1, 23, 59),  # the day before at 23:59
            _relative(3, 11, 0, 9),
            _at(4, 12, datetime(2027, 3, 2, 0, 5, tzinfo=BERLIN)),
        ],
        {10: date(2027, 3, 2), 11: date(2027, 3, 2), 12: date(2027, 3, 9)},
    )
    start = datetime(2027, 3, 1, 22, 0, tzinfo=BERLIN)
    looks.every(start, start + timedelta(hours=12), timedelta(minutes=1), BERLIN)
    assert sorted(looks.ids()) == [1, 2, 3, 4]
    _never_early(looks)
    assert not any(missed for *_rest, missed in looks.fired)
    # Each within the minute of its moment.
    for _rid, moment, look, _missed in looks.fired:
        assert look - moment < timedelta(minutes=1)


def test_a_sleep_of_three_days_fires_what_came_meanwhile_once_as_missed() -> None:
    dues = {10: date(2027, 5, 3), 11: date(2027, 5, 4), 12: date(2027, 5, 9)}
    looks = Looks(
        [
            _relative(1, 10, 0, 9),
            _relative(2, 11, 1, 18),  # 3 May 18:00
            _relative(3, 11, 0, 9),
            _relative(4, 12, 0, 9),  # after the wake: still to come
        ],
        dues,
    )
    evening = datetime(2027, 5, 2, 20, 0, tzinfo=BERLIN)
    looks.every(evening, evening + timedelta(hours=1), timedelta(minutes=5), BERLIN)
    assert looks.fired == []
    wake = evening + timedelta(days=3)
    firings = looks.look(wake, BERLIN)
    assert [f.reminder.id for f in firings] == [1, 2, 3]
    assert all(f.missed for f in firings)
    looks.every(wake, wake + timedelta(hours=2), timedelta(minutes=5), BERLIN)
    assert looks.ids() == [1, 2, 3]  # nothing again
    looks.every(wake, datetime(2027, 5, 9, 10, tzinfo=BERLIN), timedelta(hours=1), BERLIN)
    assert looks.ids() == [1, 2, 3, 4]
    assert looks.fired[-1][3] is False  # that one came while looking


@pytest.mark.parametrize(
    ("day", "clock"),
    [
        (date(2027, 3, 28), time(2, 30)),  # does not exist: 02:00 jumps to 03:00
        (date(2027, 3, 28), time(3, 0)),
        (date(2027, 10, 31), time(2, 30)),  # comes twice: 03:00 falls back to 02:00
        (date(2027, 10, 31), time(1, 59)),
        (date(2027, 10, 31), time(3, 0)),
    ],
)
def test_daylight_saving_changes(day: date, clock: time) -> None:
    looks = Looks(
        [_relative(1, 10, 0, clock.hour, clock.minute), _relative(2, 11, 1, 23, 30)],
        {10: day, 11: day + timedelta(days=1)},
    )
    start = datetime.combine(day - timedelta(days=1), time(20), tzinfo=UTC)
    looks.every(start, start + timedelta(hours=36), timedelta(minutes=1), BERLIN)
    assert sorted(looks.ids()) == [1, 2]
    _never_early(looks)


@pytest.mark.parametrize(("before", "after"), [(TOKYO, NEW_YORK), (NEW_YORK, TOKYO)])
def test_a_flight_across_time_zones_neither_skips_nor_repeats(
    before: ZoneInfo, after: ZoneInfo
) -> None:
    """At 9:00 wherever the user is: landing where it is earlier brings 9:00 round again
    (it does not fire twice); landing where it is later has passed it (it fires, late)."""
    day = date(2027, 6, 10)
    reminders = [_relative(1, 10, 0, 9), _relative(2, 11, 0, 21), _relative(3, 12, 0, 12)]
    at = _at(4, 13, datetime(2027, 6, 10, 15, tzinfo=UTC))
    looks = Looks([*reminders, at], {10: day, 11: day, 12: day, 13: day})
    start = datetime.combine(day - timedelta(days=1), time(0), tzinfo=UTC)
    takeoff = datetime.combine(day, time(10, 30), tzinfo=before)
    looks.every(start, takeoff, timedelta(minutes=10), before)
    looks.every(takeoff, takeoff + timedelta(days=2), timedelta(minutes=10), after)
    assert sorted(looks.ids()) == [1, 2, 3, 4]
    _never_early(looks)


def test_a_clock_put_back_fires_nothing_twice() -> None:
    looks = Looks([_relative(1, 10, 0, 9), _relative(2, 10, 0, 10)], {10: date(2027, 6, 10)})
    nine = datetime(2027, 6, 10, 9, 30, tzinfo=BERLIN)
    looks.every(nine - timedelta(hours=1), nine, timedelta(minutes=5), BERLIN)
    looks.every(nine - timedelta(hours=2), nine + timedelta(hours=2), timedelta(minutes=5), BERLIN)
    assert looks.ids() == [1, 2]


def test_a_later_due_date_fires_again_an_earlier_one_never() -> None:
    looks = Looks([_relative(1, 10, 1, 18)], {10: date(2027, 6, 10)})
    looks.look(datetime(2027, 6, 9, 18, 1, tzinfo=BERLIN), BERLIN)
    looks.dues[10] = date(2027, 6, 17)  # it came back, due a week later
    looks.look(datetime(2027, 6, 16, 18, 1, tzinfo=BERLIN), BERLIN)
    looks.dues[10] = date(2027, 6, 12)  # moved back to a day before the last one it fired for
    looks.look(datetime(2027, 6, 20, tzinfo=BERLIN), BERLIN)
    assert looks.ids() == [1, 1]


def test_nothing_fires_for_inactive_items_nor_before_it_was_set() -> None:
    set_late = dataclasses.replace(
        _relative(2, 10, 0, 9), created=datetime(2027, 6, 10, 12, tzinfo=UTC)
    )
    entries = [
        (_relative(1, 10, 0, 9), date(2027, 6, 10), False),
        (set_late, date(2027, 6, 10), True),
    ]
    now = datetime(2027, 6, 11, tzinfo=UTC)
    assert rm.due_between(entries, now, now, BERLIN) == []


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 20), st.integers(0, 23), st.integers(0, 59)),
        min_size=1,
        max_size=8,
    ),
    st.lists(st.integers(1, 600), min_size=1, max_size=120),
    st.lists(st.sampled_from([BERLIN, TOKYO, NEW_YORK, UTC]), min_size=1, max_size=4),
)
def test_any_walk_forward_fires_each_once(
    specs: list[tuple[int, int, int]], steps: list[int], zones: list[tzinfo]
) -> None:
    """Looks at random steps (minutes to ten hours), the zone changing on the way: every
    reminder whose moment (in the zone of the last look) has come fires exactly once."""
    due = date(2027, 6, 20)
    reminders = [_relative(i + 1, 10, d % 8, h, m) for i, (d, h, m) in enumerate(specs)]
    looks = Looks(reminders, {10: due})
    now = datetime(2027, 6, 11, tzinfo=UTC)
    for k, step in enumerate(steps):
        looks.look(now, zones[k % len(zones)])
        now += timedelta(minutes=step * 3)
    ids = looks.ids()
    assert len(ids) == len(set(ids))
    _never_early(looks)
    zone = zones[(len(steps) - 1) % len(zones)]
    last = looks.last
    assert last is not None
    for reminder in reminders:
        moment = rm.moment_of(reminder, due, zone)
        assert moment is not None
        if moment <= last - timedelta(days=1):  # long past in any zone: it fired
            assert reminder.id in ids


def test_the_index_gives_the_next_one_after_any_change() -> None:
    index = rm.ReminderIndex(BERLIN)
    index.put(10, [_relative(1, 10, 1, 18), _relative(2, 10, 0, 9)], date(2027, 6, 10), True)
    index.put(11, [_at(3, 11, datetime(2027, 6, 1, 8, tzinfo=UTC))], None, True)
    assert index.next() == (datetime(2027, 6, 1, 8, tzinfo=UTC), index.next()[1])  # type: ignore[index]
    index.put(11, [], None, True)  # its reminder taken away
    moment, reminder = index.next()  # type: ignore[misc]
    assert (reminder.id, moment) == (1, datetime(2027, 6, 9, 16, tzinfo=UTC))
    index.put(10, [_relative(1, 10, 1, 18), _relative(2, 10, 0, 9)], date(2027, 6, 10), False)
    assert index.next() is None and len(index) == 0  # done: nothing to fire


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:61", "'25:61' is not a time of day; use HH:MM"),
        ("24:00", "'24:00' is not a time of day"),
        ("9", "'9' is not a time of day"),
    ],
)
def test_bad_times_of_day(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        rm.parse_clock(text)


def test_typed_reminders() -> None:
    assert rm.parse_clock("9:05") == time(9, 5)
    assert [rm.parse_before(t) for t in ("0d", "1d", "3 days", "1w", "2 weeks")] == [0, 1, 3, 7, 14]
    assert rm.parse_at("2027-06-10 09:00", BERLIN) == datetime(2027, 6, 10, 7, tzinfo=UTC)
    with pytest.raises(InvalidInput, match="'tomorrow' is not a time before the due date"):
        rm.parse_before("tomorrow")
    with pytest.raises(InvalidInput, match="at most 3650 days before"):
        rm.parse_before("9999d")
    with pytest.raises(InvalidInput, match="2027-02-30 is not a valid date"):
        rm.parse_at("2027-02-30 09:00", BERLIN)
    with pytest.raises(InvalidInput, match="'25:61' is not a time of day"):
        rm.parse_at("2027-06-10 25:61", BERLIN)


@pytest.mark.parametrize(
    "local",
    [
        datetime(2027, 3, 28, 2, 30),  # the clocks skip it
        datetime(2027, 10, 31, 2, 30),  # the clocks show it twice
        datetime(2027, 6, 10, 9, 0),
    ],
)
def test_the_systems_zone_reads_wall_clock_times_as_zoneinfo_does(
    monkeypatch: pytest.MonkeyPatch, local: datetime
) -> None:
    """02:30 on the night the clocks go on is 03:30 summer time whether the zone is named
    or the system's (Python read the system's an hour early: 01:30, before 02:00 came)."""
    import time as system_time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    system_time.tzset()
    try:
        system, named = rm.wall_clock(local, None), rm.wall_clock(local, BERLIN)
        assert system.astimezone(UTC) == named.astimezone(UTC)
        reminder = _relative(1, 10, 0, local.hour, local.minute)
        assert rm.moment_of(reminder, local.date()) == rm.moment_of(reminder, local.date(), BERLIN)
    finally:
        monkeypatch.undo()
        system_time.tzset()
