"""Repeat rules: a table of rules and start days against the days worked out by hand
(the 31st, 29 February, the last weekday, DST weeks, UNTIL and COUNT ends, from the due date
and from the day done), a Hypothesis walk that each next day comes after the one before and
is dateutil's own, and the rules refused with their message."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.errors import InvalidInput
from planner.domain.recurrence import clean_rule, dates, next_date, readable, well_formed
from planner.domain.repeats import Repeat, next_due

D = date

# (rule, the series' first day, after, the days that follow): worked out with a calendar.
TABLE = [
    # every N days
    ("FREQ=DAILY", D(2027, 1, 6), D(2027, 1, 6), [D(2027, 1, 7), D(2027, 1, 8), D(2027, 1, 9)]),
    ("FREQ=DAILY;INTERVAL=3", D(2027, 1, 10), D(2027, 1, 10), [D(2027, 1, 13), D(2027, 1, 16)]),
    ("FREQ=DAILY;INTERVAL=3", D(2027, 1, 10), D(2027, 1, 11), [D(2027, 1, 13)]),
    ("FREQ=DAILY", D(2027, 1, 1), D(2027, 3, 1), [D(2027, 3, 2)]),  # fallen behind
    ("FREQ=DAILY;BYDAY=MO,WE,FR", D(2027, 1, 6), D(2027, 1, 6), [D(2027, 1, 8), D(2027, 1, 11)]),
    ("FREQ=DAILY;BYMONTH=2", D(2027, 1, 30), D(2027, 1, 30), [D(2027, 2, 1), D(2027, 2, 2)]),
    ("FREQ=DAILY", D(2027, 12, 30), D(2027, 12, 30), [D(2027, 12, 31), D(2028, 1, 1)]),
    ("FREQ=DAILY", D(2028, 2, 27), D(2028, 2, 28), [D(2028, 2, 29), D(2028, 3, 1)]),
    # every N weeks, on weekdays
    ("FREQ=WEEKLY", D(2027, 1, 6), D(2027, 1, 6), [D(2027, 1, 13), D(2027, 1, 20), D(2027, 1, 27)]),
    (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        D(2027, 1, 6),
        D(2027, 1, 6),
        [D(2027, 1, 7), D(2027, 1, 18), D(2027, 1, 21), D(2027, 2, 1)],
    ),
    ("FREQ=WEEKLY;INTERVAL=2", D(2027, 1, 6), D(2027, 1, 25), [D(2027, 2, 3), D(2027, 2, 17)]),
    (
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        D(2027, 1, 8),
        D(2027, 1, 8),
        [D(2027, 1, 11), D(2027, 1, 12), D(2027, 1, 13)],
    ),
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", D(2027, 1, 8), D(2027, 1, 9), [D(2027, 1, 11)]),
    ("FREQ=WEEKLY;BYDAY=FR", D(2027, 12, 24), D(2027, 12, 24), [D(2027, 12, 31), D(2028, 1, 7)]),
    # the 31st, the 30th, the 29th and the last day of the month
    (
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        D(2027, 1, 31),
        D(2027, 1, 31),
        [D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30), D(2027, 5, 31)],
    ),
    (
        "FREQ=MONTHLY;BYMONTHDAY=31",
        D(2027, 1, 31),
        D(2027, 1, 31),
        [D(2027, 3, 31), D(2027, 5, 31), D(2027, 7, 31), D(2027, 8, 31)],
    ),
    ("FREQ=MONTHLY", D(2027, 1, 31), D(2027, 1, 31), [D(2027, 3, 31), D(2027, 5, 31)]),
    (
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        D(2028, 1, 31),
        D(2028, 1, 31),
        [D(2028, 2, 29), D(2028, 3, 31)],
    ),
    (
        "FREQ=MONTHLY;BYMONTHDAY=30",
        D(2027, 1, 30),
        D(2027, 1, 30),
        [D(2027, 3, 30), D(2027, 4, 30)],
    ),
    ("FREQ=MONTHLY;BYMONTHDAY=29", D(2027, 1, 29), D(2027, 1, 29), [D(2027, 3, 29)]),
    (
        "FREQ=MONTHLY;BYMONTHDAY=29",
        D(2028, 1, 29),
        D(2028, 1, 29),
        [D(2028, 2, 29), D(2028, 3, 29)],
    ),
    (
        "FREQ=MONTHLY;BYMONTHDAY=-2",
        D(2027, 2, 27),
        D(2027, 2, 27),
        [D(2027, 3, 30), D(2027, 4, 29)],
    ),
    (
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        D(2027, 1, 31),
        D(2027, 6, 15),
        [D(2027, 6, 30), D(2027, 7, 31)],
    ),
    (
        "FREQ=MONTHLY;BYMONTHDAY=1,15",
        D(2027, 1, 1),
        D(2027, 1, 1),
        [D(2027, 1, 15), D(2027, 2, 1), D(2027, 2, 15)],
    ),
    (
        "FREQ=MONTHLY;BYMONTHDAY=15",
        D(2027, 12, 15),
        D(2027, 12, 15),
        [D(2028, 1, 15), D(2028, 2, 15)],
    ),
    # the Nth and the last weekday
    (
        "FREQ=MONTHLY;BYDAY=-1FR",
        D(2027, 1, 6),
        D(2027, 1, 6),
        [D(2027, 1, 29), D(2027, 2, 26), D(2027, 3, 26)],
    ),
    (
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        D(2027, 1, 6),
        D(2027, 1, 6),
        [D(2027, 1, 29), D(2027, 2, 26), D(2027, 3, 31), D(2027, 4, 30)],
    ),
    (
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        D(2027, 10, 1),
        D(2027, 10, 1),
        [D(2027, 10, 29), D(2027, 11, 30), D(2027, 12, 31)],
    ),
    (
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
        D(2027, 5, 1),
        D(2027, 5, 1),
        [D(2027, 5, 3), D(2027, 6, 1), D(2027, 7, 1)],
    ),
    (
        "FREQ=MONTHLY;BYDAY=2TU",
        D(2027, 1, 6),
        D(2027, 1, 6),
        [D(2027, 1, 12), D(2027, 2, 9), D(2027, 3, 9)],
    ),
    (
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR",
        D(2027, 1, 29),
        D(2027, 1, 29),
        [D(2027, 3, 26), D(2027, 5, 28)],
    ),
    ("FREQ=MONTHLY;BYDAY=5FR", D(2027, 1, 1), D(2027, 1, 1), [D(2027, 1, 29), D(2027, 4, 30)]),
    (
        "FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=MO",
        D(2027, 1, 1),
        D(2027, 1, 1),
        [D(2027, 2, 1), D(2027, 3, 1), D(2027, 11, 1)],
    ),
    (
        "FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR",
        D(2027, 1, 1),
        D(2027, 1, 1),
        [D(2027, 8, 13), D(2028, 10, 13)],
    ),
    # years, and 29 February
    ("FREQ=YEARLY", D(2027, 3, 15), D(2027, 3, 15), [D(2028, 3, 15), D(2029, 3, 15)]),
    ("FREQ=YEARLY", D(2028, 2, 29), D(2028, 2, 29), [D(2032, 2, 29), D(2036, 2, 29)]),
    (
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
        D(2027, 2, 28),
        D(2027, 2, 28),
        [D(2028, 2, 29), D(2029, 2, 28)],
    ),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", D(2096, 2, 29), D(2096, 2, 29), [D(2104, 2, 29)]),
    (
        "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24",
        D(2027, 1, 6),
        D(2027, 1, 6),
        [D(2027, 12, 24), D(2028, 12, 24)],
    ),
    ("FREQ=YEARLY;INTERVAL=2", D(2027, 6, 1), D(2027, 6, 1), [D(2029, 6, 1), D(2031, 6, 1)]),
    (
        "FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1",
        D(2027, 1, 1),
        D(2027, 1, 1),
        [D(2027, 7, 1), D(2028, 1, 1)],
    ),
    ("FREQ=YEARLY;BYYEARDAY=100", D(2027, 1, 1), D(2027, 1, 1), [D(2027, 4, 10), D(2028, 4, 9)]),
    ("FREQ=YEARLY;BYYEARDAY=-1", D(2027, 6, 1), D(2027, 6, 1), [D(2027, 12, 31), D(2028, 12, 31)]),
    (
        "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
        D(2027, 1, 6),
        D(2027, 1, 6),
        [D(2028, 1, 3), D(2029, 1, 1)],
    ),
    # UNTIL ends the series (on its day, or before it)
    ("FREQ=DAILY;UNTIL=20270110", D(2027, 1, 6), D(2027, 1, 8), [D(2027, 1, 9), D(2027, 1, 10)]),
    ("FREQ=WEEKLY;UNTIL=20270120", D(2027, 1, 6), D(2027, 1, 6), [D(2027, 1, 13), D(2027, 1, 20)]),
    ("FREQ=WEEKLY;UNTIL=20270119", D(2027, 1, 6), D(2027, 1, 6), [D(2027, 1, 13)]),
    (
        "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20270430",
        D(2027, 1, 31),
        D(2027, 2, 28),
        [D(2027, 3, 31), D(2027, 4, 30)],
    ),
    # weeks across daylight-saving changes (EU 28 Mar / 31 Oct 2027, US 14 Mar 2027):
    # days stay days, never a day off from a 23- or 25-hour day
    (
        "FREQ=WEEKLY;BYDAY=SU",
        D(2027, 3, 21),
        D(2027, 3, 21),
        [D(2027, 3, 28), D(2027, 4, 4), D(2027, 4, 11)],
    ),
    (
        "FREQ=DAILY",
        D(2027, 10, 30),
        D(2027, 10, 30),
        [D(2027, 10, 31), D(2027, 11, 1), D(2027, 11, 2)],
    ),
    ("FREQ=WEEKLY", D(2027, 10, 24), D(2027, 10, 24), [D(2027, 10, 31), D(2027, 11, 7)]),
    (
        "FREQ=WEEKLY;BYDAY=SA,SU",
        D(2027, 3, 13),
        D(2027, 3, 13),
        [D(2027, 3, 14), D(2027, 3, 20), D(2027, 3, 21)],
    ),
    ("FREQ=DAILY;INTERVAL=7", D(2027, 3, 7), D(2027, 3, 7), [D(2027, 3, 14), D(2027, 3, 21)]),
]


@pytest.mark.parametrize(("rule", "start", "after", "expected"), TABLE)
def test_next_days_as_worked_out_by_hand(
    rule: str, start: date, after: date, expected: list[date]
) -> None:
    canonical = clean_rule(rule, start)
    assert dates(canonical, start, after, len(expected)) == expected
    if "UNTIL" in rule:  # and then no more
        assert dates(canonical, start, after, len(expected) + 1) == expected


def test_the_table_is_long_enough() -> None:
    assert len(TABLE) >= 50


def _repeat(rule: str, anchor: date, **kwargs: object) -> Repeat:
    return Repeat(1, clean_rule(rule, anchor), anchor, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rule", "due", "today", "from_done", "expected"),
    [
        # from the due date: the next day of the series after the due date...
        ("FREQ=DAILY;INTERVAL=3", D(2027, 1, 5), D(2027, 1, 5), False, D(2027, 1, 8)),
        # ...or after today for an item done late (it comes back once, not once a period)
        ("FREQ=DAILY;INTERVAL=3", D(2027, 1, 5), D(2027, 1, 10), False, D(2027, 1, 11)),
        ("FREQ=WEEKLY;BYDAY=MO", D(2027, 1, 4), D(2027, 1, 25), False, D(2027, 2, 1)),
        # done early: the next one after the due date, not after today
        ("FREQ=MONTHLY;BYMONTHDAY=-1", D(2027, 1, 31), D(2027, 1, 20), False, D(2027, 2, 28)),
        # from the day it is done: that day plus the interval (Task Coach was one off)
        ("FREQ=DAILY;INTERVAL=3", D(2027, 1, 5), D(2027, 1, 10), True, D(2027, 1, 13)),
        ("FREQ=DAILY;INTERVAL=3", D(2027, 1, 5), D(2027, 1, 3), True, D(2027, 1, 6)),
        ("FREQ=WEEKLY", D(2027, 1, 4), D(2027, 1, 6), True, D(2027, 1, 13)),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", D(2027, 1, 15), D(2027, 1, 31), True, D(2027, 2, 28)),
    ],
)
def test_from_the_due_date_or_from_the_day_done(
    rule: str, due: date, today: date, from_done: bool, expected: date
) -> None:
    assert next_due(_repeat(rule, due, from_done=from_done), due, today) == expected


def test_count_is_the_times_it_comes_due_in_all() -> None:
    start = D(2027, 1, 4)
    # COUNT=3: due on the 4th (the first), then twice more.
    repeat = _repeat("FREQ=WEEKLY;COUNT=3", start)
    assert next_due(repeat, start, start) == D(2027, 1, 11)
    second = Repeat(1, repeat.rule, D(2027, 1, 11), turns=1)
    assert next_due(second, D(2027, 1, 11), D(2027, 1, 11)) == D(2027, 1, 18)
    third = Repeat(1, repeat.rule, D(2027, 1, 18), turns=2)
    assert next_due(third, D(2027, 1, 18), D(2027, 1, 18)) is None


def test_until_ends_it_from_the_day_done_too() -> None:
    repeat = _repeat("FREQ=DAILY;INTERVAL=2;UNTIL=20270110", D(2027, 1, 4), from_done=True)
    assert next_due(repeat, D(2027, 1, 4), D(2027, 1, 8)) == D(2027, 1, 10)
    assert next_due(repeat, D(2027, 1, 10), D(2027, 1, 9)) is None


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=DAILY;COUNT=0", "COUNT must be from 1 to 100000; this rule has 0."),
        (
            "FREQ=DAILY;INTERVAL=1000000000",
            "An interval must be from 1 to 999; this rule has 1000000000.",
        ),
        ("FREQ=WEEKLY;INTERVAL=0", "An interval must be from 1 to 999; this rule has 0."),
        (
            "FREQ=DAILY;UNTIL=20261231",
            r"The rule ends \(UNTIL 2026-12-31\) before it starts \(2027-01-06\).",
        ),
        ("FREQ=DAILY;COUNT=2;UNTIL=20271231", "A rule ends by COUNT or by UNTIL, not both."),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never comes round after 2027-01-06"),
        ("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", "never comes round after 2027-01-06"),
        ("FREQ=HOURLY", "FREQ=HOURLY is not a frequency Planner repeats by"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR is not a part of a repeat rule Planner uses"),
        ("INTERVAL=2", "A repeat rule needs a FREQ"),
        ("FREQ=WEEKLY;BYDAY=XX", "'XX' is not a weekday of BYDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY takes numbers from 1 to 31"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice in the rule."),
        ("FREQ=DAILY;UNTIL=2027", "UNTIL=2027 is not a date"),
        ("FREQ=DAILY;UNTIL=20270230", "UNTIL=20270230 is not a date"),
        ("FREQ", "'FREQ' in a repeat rule should read NAME=VALUE."),
        ("FREQ=DAILY;" + "X" * 400, "A repeat rule can be at most 300 characters."),
    ],
)
def test_bad_rules_are_refused_by_name(rule: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        clean_rule(rule, D(2027, 1, 6))


def test_canonical_text() -> None:
    assert (
        clean_rule(" rrule:freq=weekly; byday=th,mo ; interval=2", D(2027, 1, 6))
        == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"
    )
    assert clean_rule("FREQ=DAILY;INTERVAL=1;UNTIL=20270110T120000Z", D(2027, 1, 6)) == (
        "FREQ=DAILY;UNTIL=20270110"
    )
    assert clean_rule("FREQ=MONTHLY;BYDAY=+2TU", D(2027, 1, 6)) == "FREQ=MONTHLY;BYDAY=2TU"


# -- the next day is after the one before, and dateutil's own ---------------------------

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@st.composite
def rules(draw: st.DrawFn) -> str:
    freq = draw(st.sampled_from(("DAILY", "WEEKLY", "MONTHLY", "YEARLY")))
    parts = [f"FREQ={freq}"]
    interval = draw(st.one_of(st.integers(1, 4), st.integers(5, 60)))
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if draw(st.booleans()):
        months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True))
        parts.append("BYMONTH=" + ",".join(map(str, months)))
    if freq != "WEEKLY" and draw(st.booleans()):
        days = draw(
            st.lists(st.integers(-31, 31).filter(bool), min_size=1, max_size=3, unique=True)
        )
        parts.append("BYMONTHDAY=" + ",".join(map(str, days)))
    if draw(st.booleans()):
        nth = freq in ("MONTHLY", "YEARLY") and draw(st.booleans())
        if nth:
            n = draw(st.sampled_from((1, 2, 3, 4, -1, -2)))
            parts.append(f"BYDAY={n}{draw(st.sampled_from(_DAYS))}")
        else:
            days = draw(st.lists(st.sampled_from(_DAYS), min_size=1, max_size=7, unique=True))
            parts.append("BYDAY=" + ",".join(days))
            if freq == "MONTHLY" and draw(st.booleans()):
                parts.append(f"BYSETPOS={draw(st.sampled_from((1, 2, -1, -2)))}")
    return ";".join(parts)


@settings(max_examples=300, deadline=None)
@given(
    rules(),
    st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)),
    st.booleans(),
)
def test_each_next_day_follows_the_last_and_is_dateutils(
    rule: str, start: date, behind: bool
) -> None:
    try:
        canonical = clean_rule(rule, start)
    except InvalidInput:
        return  # a rule that never comes round (BYMONTH=2;BYMONTHDAY=31, ...)
    series = rrulestr(canonical, dtstart=datetime.combine(start, time()))
    expected = [
        d.date() for d in itertools.islice(series.xafter(datetime.combine(start, time())), 6)
    ]
    # Stepped as items take their turns: each from the day before it as the new anchor.
    repeat = Repeat(1, canonical, start)
    due: date | None = start
    found: list[date] = []
    while due is not None and len(found) < len(expected):
        following = next_due(repeat, due, due)
        if following is None:
            break
        assert following > due
        found.append(following)
        repeat = Repeat(1, canonical, following, turns=repeat.turns + 1)
        due = following
    assert found == [d for d in expected if d > start][: len(found)]
    assert len(found) == len([d for d in expected if d > start])
    # Fallen behind: the first day after today, straight from dateutil.
    if behind and expected:
        today = expected[-1]
        assert next_date(canonical, start, today) == next(
            (d.date() for d in series.xafter(datetime.combine(today, time()), inc=False)), None
        )


def test_the_first_and_the_last_days_of_the_calendar() -> None:
    """A due date on 1 January of the year 1 (which has no day before it) or near the year
    9999 (which has no day after it) repeats or ends, never crashes."""
    first = D(1, 1, 1)
    assert clean_rule("FREQ=DAILY", first) == "FREQ=DAILY"
    assert dates("FREQ=DAILY", first, first, 2) == [D(1, 1, 2), D(1, 1, 3)]
    assert clean_rule("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", first)
    last = D(9999, 12, 31)
    assert clean_rule("FREQ=DAILY", last) == "FREQ=DAILY"
    assert next_due(Repeat(1, "FREQ=DAILY", last), last, last) is None
    with pytest.raises(InvalidInput, match="never comes round after 9999-12-30"):
        clean_rule("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", D(9999, 12, 30))


_TOKENS = st.sampled_from(
    ["FREQ=", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", ";", "INTERVAL=", "COUNT=",
     "UNTIL=", "BYDAY=", "BYMONTHDAY=", "BYMONTH=", "BYSETPOS=", "BYWEEKNO=", "BYYEARDAY=",
     "WKST=", "MO", "TU", "SU", ",", "-", "+", "0", "1", "2", "13", "31", "53", "366", "999",
     "20270101", "T000000Z", "=", " ", "RRULE:", "\x00", "é", "２"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_TOKENS, max_size=14).map("".join), st.dates(D(1, 1, 1), D(9999, 12, 31)))
def test_any_text_is_a_rule_or_refused_with_a_message(text: str, start: date) -> None:
    try:
        canonical = clean_rule(text, start)
    except InvalidInput:
        return
    assert clean_rule(canonical, start) == canonical


@pytest.mark.parametrize(
    ("rule", "shown", "followed"),
    [
        ("FREQ=WEEKLY", True, True),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1", True, True),
        ("FREQ=YEARLY;COUNT=3", True, True),
        ("garbage", False, False),
        ("FREQ=HOURLY", False, False),
        ("FREQ=WEEKLY;UNTIL=2026", False, False),
        ("freq=weekly", False, False),  # not as Planner writes it: its words, its steps
        ("FREQ=WEEKLY;BYDAY=XX", True, False),  # dateutil's own check: only when followed
        (7, False, False),
    ],
)
def test_a_rule_read_from_a_plan_is_shown_when_well_formed_and_followed_when_readable(
    rule: object, shown: bool, followed: bool
) -> None:
    """The tree's marks check a rule without dateutil (well_formed); following it
    (readable) also has dateutil take it."""
    assert well_formed(rule) is shown
    assert readable(rule) is followed
