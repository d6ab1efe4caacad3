"""Habits: streaks across month and year ends, an open today, chosen weekdays and N times a
week, the 30-day strip and the shares kept, against days counted by hand and against a
plain day-by-day walk."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.habits import Cadence, Habit, figures, kept_share

D = date


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


DAILY = Habit(1, Cadence.DAILY, D(2026, 12, 1))
MON_WED_FRI = Habit(1, Cadence.DAYS, D(2026, 12, 1), frozenset({0, 2, 4}))
THREE_A_WEEK = Habit(1, Cadence.WEEKLY, D(2026, 12, 1), per_week=3)


def test_a_daily_streak_across_the_year_end() -> None:
    ticks = _days(D(2026, 12, 28), D(2027, 1, 3))
    found = figures(DAILY, ticks, D(2027, 1, 3))
    assert (found.current, found.best) == (7, 7)


def test_today_is_still_open_and_a_missed_day_breaks_the_streak() -> None:
    ticks = _days(D(2027, 1, 30), D(2027, 2, 2))  # across the end of January
    assert (
        figures(DAILY, ticks, D(2027, 2, 3)).current,
        figures(DAILY, ticks, D(2027, 2, 3)).best,
    ) == (4, 4)
    broken = figures(DAILY, ticks, D(2027, 2, 4))  # 3 February went unticked
    assert (broken.current, broken.best) == (0, 4)


def test_the_best_streak_stays_when_a_new_one_runs() -> None:
    ticks = _days(D(2027, 2, 20), D(2027, 3, 5)) + _days(D(2027, 3, 8), D(2027, 3, 10))
    found = figures(DAILY, ticks, D(2027, 3, 10))
    assert (found.current, found.best) == (3, 14)  # 20 Feb to 5 Mar (2027: 28 days in Feb)


def test_chosen_weekdays_across_the_year_end() -> None:
    # Fri 31 Dec 2027, Mon 3 Jan 2028, Wed 5 Jan 2028; a Sunday tick counts for nothing.
    ticks = [D(2027, 12, 29), D(2027, 12, 31), D(2028, 1, 2), D(2028, 1, 3), D(2028, 1, 5)]
    found = figures(MON_WED_FRI, ticks, D(2028, 1, 6))
    assert (found.current, found.best) == (4, 4)  # Wed 29, Fri 31, Mon 3, Wed 5
    later = figures(MON_WED_FRI, ticks, D(2028, 1, 8))  # Fri 7 missed
    assert later.current == 0


def test_n_times_a_week_streaks_in_weeks() -> None:
    # Weeks (Monday to Sunday): 20-26 Dec 2027 three ticks, 27 Dec-2 Jan three ticks
    # (across the year end), 3-9 Jan two so far.
    ticks = [
        D(2027, 12, 20), D(2027, 12, 22), D(2027, 12, 26),
        D(2027, 12, 27), D(2027, 12, 31), D(2028, 1, 2),
        D(2028, 1, 4), D(2028, 1, 5),
    ]  # fmt: skip
    found = figures(THREE_A_WEEK, ticks, D(2028, 1, 6))
    assert found.in_weeks
    assert (found.current, found.best) == (2, 2)  # this week is not over
    done = figures(THREE_A_WEEK, [*ticks, D(2028, 1, 6)], D(2028, 1, 6))
    assert (done.current, done.best) == (3, 3)
    missed = figures(THREE_A_WEEK, ticks, D(2028, 1, 10))  # that week ended with two
    assert (missed.current, missed.best) == (0, 2)


def test_the_strip_and_the_shares() -> None:
    today = D(2027, 3, 31)
    ticks = _days(D(2027, 3, 2), D(2027, 3, 16))  # 15 days, then nothing
    found = figures(DAILY, ticks, today)
    assert [d.day for d in found.strip] == _days(D(2027, 3, 2), today)
    assert len(found.strip) == 30 and found.strip[-1].day == today
    assert [d.ticked for d in found.strip] == [True] * 15 + [False] * 15
    # Today is open (unticked): the 29 days before it count.
    assert found.kept_30 == pytest.approx(15 / 29)
    # 90 days back reach past the habit's first day (1 Dec 2026): from then on.
    assert found.kept_90 == pytest.approx(15 / 89)
    assert found.ticks == 15


def test_shares_count_from_the_first_day() -> None:
    habit = Habit(1, Cadence.DAILY, D(2027, 3, 25))
    found = figures(habit, [D(2027, 3, 25), D(2027, 3, 27), D(2027, 3, 28)], D(2027, 3, 28))
    assert found.kept_30 == pytest.approx(3 / 4)
    assert figures(habit, [], D(2027, 3, 25)).kept_30 is None  # nothing to count yet


def test_chosen_days_strip_says_which_days_are_due() -> None:
    found = figures(MON_WED_FRI, [], D(2027, 3, 31))  # a Wednesday
    # Thu 25 to Wed 31 March.
    assert [d.due for d in found.strip[-7:]] == [False, True, False, False, True, False, True]


# -- against a plain walk, day by day ------------------------------------------------------


def _walk(habit: Habit, ticks: set[date], today: date) -> tuple[int, int, float | None]:
    """(current, best, kept over 30 days), counted one day at a time."""
    first = min([habit.since, *ticks])
    best = run = 0
    for day in _days(first, today):
        if not habit.due_on(day):
            continue
        if day in ticks:
            run += 1
            best = max(best, run)
        elif day != today:
            run = 0
    window = [d for d in _days(max(today - timedelta(days=29), first), today) if habit.due_on(d)]
    if today not in ticks and window and window[-1] == today:
        window.pop()
    kept = None if not window else sum(d in ticks for d in window) / len(window)
    return run, best, kept


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.integers(0, 400), max_size=300),
    st.sets(st.integers(0, 6), min_size=1),
    st.booleans(),
    st.integers(0, 60),
)
def test_streaks_and_shares_match_a_day_by_day_walk(
    offsets: set[int], weekdays: set[int], chosen: bool, since: int
) -> None:
    today = D(2028, 1, 15)
    start = today - timedelta(days=400)
    ticks = {start + timedelta(days=k) for k in offsets}
    habit = Habit(
        1,
        Cadence.DAYS if chosen else Cadence.DAILY,
        start + timedelta(days=since),
        frozenset(weekdays) if chosen else frozenset(),
    )
    found = figures(habit, ticks, today)
    current, best, kept = _walk(habit, ticks, today)
    assert (found.current, found.best) == (current, best)
    assert found.kept_30 == (None if kept is None else pytest.approx(kept))


def test_five_years_of_ticks() -> None:
    today = D(2031, 12, 31)
    ticks = [d for d in _days(D(2027, 1, 1), today) if d.toordinal() % 11]
    found = figures(DAILY, ticks, today)
    assert found.ticks == len(ticks) and found.best == 10


@settings(max_examples=200, deadline=None)
@given(
    cadence=st.sampled_from(list(Cadence)),
    days=st.frozensets(st.integers(0, 6), min_size=1),
    per_week=st.integers(1, 7),
    back=st.lists(st.integers(0, 200), max_size=80),
    since_back=st.integers(0, 200),
)
def test_the_share_alone_is_the_figures_share(
    cadence: Cadence, days: frozenset[int], per_week: int, back: list[int], since_back: int
) -> None:
    """The tree's Progress column reads the 30-day share alone: the same as the figures'."""
    today = date(2026, 11, 22)
    habit = Habit(1, cadence, today - timedelta(days=since_back), days, per_week)
    ticks = [today - timedelta(days=n) for n in back]
    assert kept_share(habit, ticks, today) == figures(habit, ticks, today).kept_30
