"""Action plans with measurable targets: a goal's metric, its check-ins, its journal.

Changes go through the same apply as every other change (one transaction, an exact
inverse for undo)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from planner import formats
from planner.domain import changes as ch
from planner.domain import metrics as mt
from planner.domain.errors import InvalidInput
from planner.i18n import N_, _
from planner.services.goal_changes import apply_metric_change
from planner.services.ports import Store


class MetricService:
    """Metrics on one open plan (the same store as its PlanService)."""

    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.clock = clock or (lambda: datetime.now(UTC))

    def today(self) -> date:
        return self.clock().astimezone().date()

    # -- reads ---------------------------------------------------------------------------
    def metric(self, item_id: int) -> mt.Metric | None:
        with self.store.read() as unit:
            unit.require(item_id)
            return unit.metric(item_id)

    def all_metrics(self) -> dict[int, mt.Metric]:
        """Every metric of the plan by item id (a plan holds few: one read)."""
        with self.store.read() as unit:
            return {m.item_id: m for m in unit.metrics()}

    def checkins(self, item_id: int) -> list[mt.CheckIn]:
        """Oldest first."""
        with self.store.read() as unit:
            unit.require(item_id)
            return unit.checkins([item_id])

    def journal(self, item_id: int) -> list[mt.JournalEntry]:
        """Newest first."""
        with self.store.read() as unit:
            unit.require(item_id)
            return unit.journal([item_id])

    # -- changes -------------------------------------------------------------------------
    def set_metric(self, item_id: int, **fields: Any) -> ch.Outcome:
        """Give an item a metric, or change it (its check-ins stay): name, unit, baseline,
        target, stretch, direction."""
        metric = mt.clean_metric(item_id, fields)
        return self.apply(mt.SetMetric(item_id, metric))

    def remove_metric(self, item_id: int) -> ch.Outcome:
        """Take an item's metric away, with its check-ins."""
        return self.apply(mt.SetMetric(item_id, None, ()))

    def add_checkin(self, item_id: int, value: object, day: date | None = None) -> ch.Outcome:
        """A check-in (today when no day is given; never after today, which would make a
        value not reached yet the current one); its id is `outcome.entries[0]`."""
        number = mt.parse_value(value, N_("A check-in"))
        today = self.today()
        day = today if day is None else mt.check_day(day)
        if day > today:
            raise InvalidInput(
                _("A check-in cannot be dated after today ({day}).").format(
                    day=formats.date_short(day)
                )
            )
        return self.apply(mt.AddCheckIn(mt.CheckIn(0, item_id, day, number)))

    def remove_checkin(self, checkin_id: int) -> ch.Outcome:
        return self.apply(mt.RemoveCheckIn(checkin_id))

    def add_journal(self, item_id: int, text: str, day: date | None = None) -> ch.Outcome:
        """A journal entry (today when no day is given); its id is `outcome.entries[0]`."""
        if not isinstance(text, str):
            raise InvalidInput(_("A journal entry must be text."))
        entry = mt.JournalEntry(0, item_id, day or self.today(), text, self.clock())
        return self.apply(mt.AddJournal(entry))

    def remove_journal(self, entry_id: int) -> ch.Outcome:
        return self.apply(mt.RemoveJournal(entry_id))

    def apply(self, change: mt.MetricChange) -> ch.Outcome:
        with self.store.write() as unit:
            return apply_metric_change(unit, change)
