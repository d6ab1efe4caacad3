"""What the tree shows of repeating items, habits and the plan's calendar: which items repeat
(and their rule in words, for the repeat mark's tooltip), each habit's share of the last 30
days kept (its Progress bar), and whether countdowns count working days.

Read in bulk, never per row: the repeating and the habits with their ticks in one read of
the plan when first asked for after the first paint (the paint that asked shows no mark;
the rows are repainted when they are in), then kept up to date item by item after each
change; the calendar (a few settings) when first asked for. A mark needs a rule's text
only: its words are made when a row is painted, and dateutil is not loaded for them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from planner.domain import changes as ch
from planner.domain.habits import SetHabit, Tick, kept_share
from planner.domain.repeats import SetRepeat
from planner.domain.rule_words import rule_words
from planner.domain.workdays import WorkCalendar
from planner.i18n import _
from planner.services.ports import Store
from planner.services.workdays import read_calendar


class RoutineMarks:
    """The repeating and habit figures the tree's cells look up, by item id."""

    def __init__(self, store: Store, today: Callable[[], date], ask: Callable[[], None]) -> None:
        self._store = store
        self._today = today
        self._ask = ask  # load soon (after the paint under way)
        self._repeats: dict[int, tuple[str, bool]] | None = None  # item → (rule, paused)
        self._shares: dict[int, float | None] = {}  # habit → share of the last 30 days kept
        self._words: dict[str, str] = {}  # rule → its words in the current language
        self._calendar: WorkCalendar | None = None
        self._day: date | None = None  # the day the shares are of

    # -- looking up ----------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._repeats is not None

    def repeat(self, item_id: int) -> tuple[str, bool] | None:
        """An item's rule and whether it is paused (None: it does not repeat, or the marks
        are not in yet)."""
        if self._repeats is None:
            self._ask()
            return None
        return self._repeats.get(item_id)

    def repeating(self) -> list[int]:
        """The items that repeat (none until loaded)."""
        return list(self._repeats or ())

    def repeat_words(self, item_id: int) -> str | None:
        """The item's rule in words ("Every 2 weeks on Mon, Thu"), None when it does not
        repeat (or the marks are not in yet)."""
        repeat = self.repeat(item_id)
        if repeat is None:
            return None
        rule, paused = repeat
        words = self._words.get(rule)
        if words is None:
            words = self._words[rule] = rule_words(rule)
        if paused:
            return _("{rule} (paused)").format(rule=words)
        return words

    def is_habit(self, item_id: int) -> bool:
        if self._repeats is None:
            self._ask()
            return False
        return item_id in self._shares

    def habit_share(self, item_id: int) -> float | None:
        """A habit's share of the last 30 days kept (None: not a habit, nothing to count
        yet, or not loaded)."""
        if self._repeats is None:
            self._ask()
            return None
        if self._day is not None and self._day != self._today():
            self._load_habits(None)  # a new day: every share moves
        return self._shares.get(item_id)

    def calendar(self) -> WorkCalendar:
        """The plan's calendar (its settings read once, no library loaded)."""
        if self._calendar is None:
            with self._store.read() as unit:
                self._calendar = read_calendar(unit)
        return self._calendar

    # -- loading and following -----------------------------------------------------------
    def load(self) -> None:
        """Every repeating item and every habit with its share, in one read of the plan."""
        with self._store.read() as unit:
            self._repeats = unit.repeat_marks()
        self._load_habits(None)

    def _load_habits(self, item_ids: list[int] | None) -> None:
        today = self._today()
        with self._store.read() as unit:
            habits = unit.habits(item_ids)
            ticks: dict[int, list[date]] = {h.item_id: [] for h in habits}
            for item_id, day in unit.ticks(list(ticks)) if ticks else ():
                ticks[item_id].append(day)
        if item_ids is None:
            self._shares = {}
        else:
            for item_id in item_ids:
                self._shares.pop(item_id, None)
        for habit in habits:
            self._shares[habit.item_id] = kept_share(habit, ticks[habit.item_id], today)
        self._day = today

    def follow(self, outcome: ch.Outcome) -> list[int]:
        """Keep up with a change (or its undo): the items whose marks changed."""
        if self._repeats is None:
            return []
        repeats, habits, gone, came = _touched(outcome.inverse)
        for item_id in gone:  # removed for good: their marks go with them
            self._repeats.pop(item_id, None)
            self._shares.pop(item_id, None)
        if came:  # items came in (made, or put back with what kept them coming back)
            with self._store.read() as unit:
                self._repeats = unit.repeat_marks()
                habits = habits + [
                    h.item_id for h in unit.habits() if h.item_id not in self._shares
                ]
        if repeats:
            with self._store.read() as unit:
                fresh = unit.repeat_marks(repeats)
            for item_id in repeats:
                if item_id in fresh:
                    self._repeats[item_id] = fresh[item_id]
                else:
                    self._repeats.pop(item_id, None)
        if habits:
            self._load_habits(habits)
        # Rows that came in are repainted as they arrive (the model's sync).
        return [*repeats, *habits, *gone]

    def forget(self) -> None:
        """Read everything again when next asked (another program changed the plan)."""
        self._repeats = None
        self._shares = {}
        self._calendar = None

    def forget_calendar(self) -> None:
        self._calendar = None

    def retranslate(self) -> None:
        self._words = {}


def _touched(change: object) -> tuple[list[int], list[int], list[int], bool]:
    """For a change: (items whose repeating may have changed, habits whose ticks or
    cadence may have, items removed for good, whether items came in)."""
    if isinstance(change, SetRepeat | ch.Recur):
        return [change.item_id], [], [], False
    if isinstance(change, SetHabit | Tick):
        return [], [change.item_id], [], False
    if isinstance(change, ch.Insert):  # undoes a removal for good: they are gone now
        return [], [], [r.id for r in change.records], False
    if isinstance(change, ch.Purge):  # undoes their coming in: they are here now
        return [], [], [], True
    repeats: list[int] = []
    habits: list[int] = []
    gone: list[int] = []
    came = False
    for step in change.changes if isinstance(change, ch.Steps) else ():
        found = _touched(step)
        repeats += found[0]
        habits += found[1]
        gone += found[2]
        came = came or found[3]
    return repeats, habits, gone, came
