"""Repeating items' use cases: set a rule (words or RRULE text), stop, pause and resume it,
skip one, read where a series stands, and the turn a repeating item takes when it is marked
done (PlanService.mark_done) or skipped. Each change is one transaction returning its exact
inverse."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from planner.domain import changes as ch
from planner.domain.cost_rollup import CostRollup
from planner.domain.errors import InvalidInput, Refused
from planner.domain.items import ItemRecord, Status, quoted
from planner.domain.recurrence import clean_rule
from planner.domain.repeats import Occurrence, Repeat, SetRepeat, next_due, shifted, upcoming
from planner.domain.rule_words import is_rrule, rule_from_words, rule_words
from planner.i18n import _
from planner.services.costs import plan_currency
from planner.services.ports import Store, Unit
from planner.services.schedule_changes import apply_schedule_change, item_of

Clock = Callable[[], datetime]


@dataclasses.dataclass(frozen=True, slots=True)
class RepeatView:
    """Where an item's series stands, as a panel or `show` tells it."""

    repeat: Repeat
    words: str  # the rule in the current language's words
    next_due: date | None  # the due date it would come back with if done today
    then: tuple[date, ...]  # the due dates after it (from the due date only)
    occurrences: tuple[Occurrence, ...]  # oldest first
    currency: str  # the plan's, for the amounts its turns spent


def turn_change(
    unit: Unit, record: ItemRecord, now: datetime, today: date, skipped: bool = False
) -> ch.Recur | None:
    """The turn of a repeating item done (or skipped) now: None when it does not repeat, is
    paused, or its series has ended (then it is simply done)."""
    repeat = unit.repeat(record.id)
    if repeat is None or repeat.paused:
        return None
    new_due = next_due(repeat, record.due, today)
    if new_due is None:
        return None
    by_days = (new_due - (record.due or today)).days
    subtree = _living(unit.subtree(record.id))
    try:
        dues = [(record.id, new_due)] + [
            (r.id, shifted(r.due, by_days)) for r in subtree[1:] if r.due is not None and by_days
        ]
    except OverflowError:
        raise Refused(
            _("{title} cannot come back: a due date below it would pass the year 9999.").format(
                title=quoted(record.title)
            )
        ) from None
    statuses = [
        ch.StatusValue(r.id, Status.ACTIVE, None, None)
        for r in subtree[1:]
        if r.status is Status.DONE
    ]
    expense = income = Decimal(0)
    if not skipped:
        nodes = [(r.id, r.parent_id, r.status, r.calc_on) for r in subtree]
        totals = CostRollup.of_nodes(nodes, unit.lines(r.id for r in subtree)).totals(record.id)
        expense, income = totals.expense, totals.income
    occurrence = Occurrence(0, record.id, record.due, None if skipped else now, expense, income)
    turned = dataclasses.replace(repeat, anchor=new_due, turns=repeat.turns + 1)
    return ch.Recur(record.id, tuple(dues), tuple(statuses), turned, add=occurrence)


def _living(subtree: list[ItemRecord]) -> list[ItemRecord]:
    """A subtree without what lies in its Deleted sections (it stays as it is)."""
    gone: set[int] = set()
    kept: list[ItemRecord] = []
    for record in subtree:  # parents before children
        if record.status is Status.DELETED or record.parent_id in gone:
            gone.add(record.id)
        else:
            kept.append(record)
    return kept


class RepeatService:
    """Repeating items on one open plan (the same store as its PlanService)."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def today(self) -> date:
        return self.clock().astimezone().date()

    # -- reads -----------------------------------------------------------------------------
    def view(self, item_id: int, then: int = 3) -> RepeatView | None:
        """The item's series (None: it does not repeat)."""
        with self.store.read() as unit:
            record = unit.require(item_id)
            repeat = unit.repeat(item_id)
            if repeat is None:
                return None
            occurrences = tuple(unit.occurrences([item_id]))
            currency = plan_currency(unit)
        following = next_due(repeat, record.due, self.today())
        return RepeatView(
            repeat,
            rule_words(repeat.rule),
            following,
            tuple(upcoming(repeat, following, then)) if following else (),
            occurrences,
            currency,
        )

    def repeating(self) -> dict[int, Repeat]:
        """Every repeating item's repeating, by item (the tree's repeat marks)."""
        with self.store.read() as unit:
            return {r.item_id: r for r in unit.repeats()}

    # -- changes ---------------------------------------------------------------------------
    def set_repeat(self, item_id: int, rule: str, from_done: bool = False) -> ch.Outcome:
        """Make an item repeat by `rule` (words, or RRULE text: FREQ=...), from its due
        date or from the day it is done. Its due date is the series' first day."""
        with self.store.write() as unit:
            record = item_of(unit, item_id)
            if record.due is None:
                raise Refused(
                    _(
                        "{title} has no due date to repeat from: give it a due date "
                        "first, the day the series starts."
                    ).format(title=quoted(record.title))
                )
            text = rule if is_rrule(rule) else rule_from_words(rule)
            canonical = clean_rule(text, record.due)
            repeat = Repeat(record.id, canonical, record.due, from_done=from_done)
            return apply_schedule_change(unit, SetRepeat(record.id, repeat))

    def stop(self, item_id: int) -> ch.Outcome:
        """The item repeats no more (the occurrences it left stay)."""
        with self.store.write() as unit:
            record = self._repeating(unit, item_id)
            return apply_schedule_change(unit, SetRepeat(record.id, None))

    def pause(self, item_id: int, paused: bool = True) -> ch.Outcome:
        """Pause repeating (done is then an ordinary done), or resume it."""
        with self.store.write() as unit:
            record = self._repeating(unit, item_id)
            repeat = unit.repeat(record.id)
            assert repeat is not None
            if repeat.paused == paused:
                raise Refused(
                    (
                        _("{title} is paused already.") if paused else _("{title} is not paused.")
                    ).format(title=quoted(record.title))
                )
            changed = dataclasses.replace(repeat, paused=paused)
            return apply_schedule_change(unit, SetRepeat(record.id, changed))

    def skip(self, item_id: int) -> ch.Outcome:
        """Skip this one: the item comes back with its next due date, nothing done."""
        with self.store.write() as unit:
            record = self._repeating(unit, item_id)
            if record.status is not Status.ACTIVE:
                raise Refused(
                    _("{title} is not active; only an active item can skip a turn.").format(
                        title=quoted(record.title)
                    )
                )
            now = self.clock()
            turn = turn_change(unit, record, now, now.astimezone().date(), skipped=True)
            if turn is None:
                raise Refused(
                    _(
                        "{title} has no next date to skip to: it is paused or its series has ended."
                    ).format(title=quoted(record.title))
                )
            return apply_schedule_change(unit, turn)

    def _repeating(self, unit: Unit, item_id: int) -> ItemRecord:
        record = item_of(unit, item_id)
        if unit.repeat(record.id) is None:
            raise InvalidInput(_("{title} does not repeat.").format(title=quoted(record.title)))
        return record
