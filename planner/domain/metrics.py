"""Action plans with measurable targets: a goal's metric, its check-ins and its journal.

Numbers are exact decimals (a check-in of 0.1 stays 0.1), at most 15 digits before the
point and 6 after it. A metric has a direction:
- increase / decrease: progress = (current − baseline) / (target − baseline), shown as it
  is, beyond 100 % or below 0 %; the target must differ from the baseline in that direction.
- stay at most / stay at least: the target is a limit; what counts is whether the current
  value is within it.
The current value is that of the latest check-in (by date, then the last one added); with
no check-in yet, it is the baseline.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from planner import formats
from planner.domain.errors import InvalidInput
from planner.domain.money import decimal_places
from planner.domain.validation import UNIT_MESSAGES, clean_line, clean_notes, clean_title
from planner.i18n import N_, _, ngettext, pgettext

VALUE_PLACES = 6
VALUE_MAX = Decimal(10) ** 15
METRIC_NAME_MAX = 200
METRIC_UNIT_MAX = 50
JOURNAL_MAX = 100_000

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


class Direction(enum.StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    AT_MOST = "at_most"
    AT_LEAST = "at_least"

    @property
    def label(self) -> str:
        """The direction as shown ("Stay at most"), in the current language."""
        if self is Direction.INCREASE:
            return pgettext("direction", "Increase")
        if self is Direction.DECREASE:
            return pgettext("direction", "Decrease")
        if self is Direction.AT_MOST:
            return pgettext("direction", "Stay at most")
        return pgettext("direction", "Stay at least")

    @property
    def is_limit(self) -> bool:
        return self in (Direction.AT_MOST, Direction.AT_LEAST)


@dataclasses.dataclass(frozen=True, slots=True)
class Metric:
    """A goal's measurable target, exactly as stored (`current` follows the check-ins)."""

    item_id: int
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    direction: Direction
    stretch: Decimal | None = None
    current: Decimal | None = None  # None: no check-in yet

    @property
    def value(self) -> Decimal:
        """The value that counts now: the latest check-in's, else the baseline."""
        return self.baseline if self.current is None else self.current

    @property
    def progress(self) -> Decimal | None:
        """(current − baseline) / (target − baseline), unbounded; None for a limit."""
        if self.direction.is_limit or self.target == self.baseline:
            return None
        return (self.value - self.baseline) / (self.target - self.baseline)

    @property
    def within(self) -> bool | None:
        """For a limit: whether the current value keeps it; None for increase / decrease."""
        if self.direction is Direction.AT_MOST:
            return self.value <= self.target
        if self.direction is Direction.AT_LEAST:
            return self.value >= self.target
        return None

    @property
    def share(self) -> float | None:
        """What a progress bar shows: the progress, or 1 / 0 for a limit kept / broken."""
        within = self.within
        if within is not None:
            return 1.0 if within else 0.0
        progress = self.progress
        return None if progress is None else float(progress)

    @property
    def limit_word(self) -> str | None:
        """ "OK", "Over" or "Under" for a limit; None for increase / decrease."""
        within = self.within
        if within is None:
            return None
        if within:
            return pgettext("limit", "OK")
        if self.direction is Direction.AT_MOST:
            return pgettext("limit", "Over")
        return pgettext("limit", "Under")

    def status_text(self) -> str:
        """ "135%", "-20%", "Within the limit" or "Over the limit"."""
        within = self.within
        if within is not None:
            if within:
                return _("Within the limit")
            if self.direction is Direction.AT_MOST:
                return _("Over the limit")
            return _("Under the limit")
        progress = self.progress
        return "" if progress is None else percent_text(progress)


@dataclasses.dataclass(frozen=True, slots=True)
class CheckIn:
    """A dated value of a goal's metric."""

    id: int
    item_id: int
    day: date
    value: Decimal


@dataclasses.dataclass(frozen=True, slots=True)
class JournalEntry:
    """A dated progress report on a goal."""

    id: int
    item_id: int
    day: date
    text: str
    created: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class NewEntry:
    """A journal entry coming in with an imported item: no ids yet, and `created` None
    when the file does not say (it is then stamped when added, by the plan's clock)."""

    day: date
    text: str
    created: datetime | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Extras:
    """Metrics, check-ins and journal entries of some items (taken away with them when they
    are removed for good, put back with them on undo)."""

    metrics: tuple[Metric, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    journal: tuple[JournalEntry, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.metrics or self.checkins or self.journal)


def percent_text(share: Decimal | float) -> str:
    """A share as a whole percentage, the current language's way: 135%, -20 %."""
    return formats.percent(Decimal(str(share)))


def number_text(value: Decimal) -> str:
    """A value in plain notation without trailing zeros: 12.5, 1000000, 0.001."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def parse_value(text: object, what: str = N_("A value")) -> Decimal:
    """A metric value typed or read: a plain decimal ("12.5", "-3", "1e3"); never NaN nor
    infinity, within ±10^15 and at most 6 decimal places. `what` names the value in a
    refusal ("The baseline"): marked with N_ (or already translated), shown translated."""
    what = _(what)
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int) and not isinstance(text, bool):
        value = Decimal(text)
    elif isinstance(text, float):
        if text != text or abs(text) == float("inf"):
            raise InvalidInput(_not_finite(what, text))
        value = Decimal(repr(text))
    elif isinstance(text, str):
        raw = text.strip().replace("\u2212", "-").replace("_", "")
        if not raw:
            # TRANSLATORS: {what} names a value, as "The baseline" or "A check-in" do.
            raise InvalidInput(_("{what} is required.").format(what=what))
        if not _NUMBER.fullmatch(raw):
            shown = raw if len(raw) <= 40 else raw[:39] + "…"
            raise InvalidInput(
                _("{what}: '{text}' is not a number (use digits, like 12.5).").format(
                    what=what, text=shown
                )
            )
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise InvalidInput(
                _("{what}: '{text}' is not a number.").format(what=what, text=raw[:40])
            ) from None
    else:
        raise InvalidInput(_("{what} must be a number.").format(what=what))
    if not value.is_finite():
        raise InvalidInput(_not_finite(what, value))
    # Exact comparisons, without the decimal context: 1e999999999 would overflow it.
    if value.copy_abs() >= VALUE_MAX:
        raise InvalidInput(
            _("{what} is too large: at most 15 digits before the point.").format(what=what)
        )
    if decimal_places(value) > VALUE_PLACES:
        raise InvalidInput(
            ngettext(
                "{what} has more than {n} decimal place.",
                "{what} has more than {n} decimal places.",
                VALUE_PLACES,
            ).format(what=what, n=VALUE_PLACES)
        )
    return value if value else Decimal(0)


def _not_finite(what: str, value: object) -> str:
    return _("{what} must be a finite number, not {value}.").format(what=what, value=value)


def parse_direction(text: object) -> Direction:
    if isinstance(text, Direction):
        return text
    raw = str(text).strip().lower().replace("-", "_").replace(" ", "_")
    raw = raw.removeprefix("stay_")
    try:
        return Direction(raw)
    except ValueError:
        raise InvalidInput(
            # TRANSLATORS: the directions are typed as they are: keep the four words.
            _("'{text}' is not a direction; use increase, decrease, at-most or at-least.").format(
                text=str(text)[:40]
            )
        ) from None


def clean_metric(item_id: int, fields: Mapping[str, Any]) -> Metric:
    """A metric from what the user gave: name, unit, baseline, target, stretch (optional),
    direction (optional: increase when the target is above the baseline, else decrease)."""
    raw_name = fields.get("name")
    if not isinstance(raw_name, str) or not raw_name.strip():
        raise InvalidInput(_("A metric needs a name (what is measured, e.g. 'Weekly distance')."))
    name = clean_title(raw_name)
    if len(name) > METRIC_NAME_MAX:
        raise InvalidInput(
            ngettext(
                "A metric's name can be at most {limit} character.",
                "A metric's name can be at most {limit} characters.",
                METRIC_NAME_MAX,
            ).format(limit=formats.number(METRIC_NAME_MAX))
        )
    unit = clean_line(fields.get("unit") or "", UNIT_MESSAGES, METRIC_UNIT_MAX, required=False)
    baseline = parse_value(fields.get("baseline"), N_("The baseline"))
    target = parse_value(fields.get("target"), N_("The target"))
    stretch_raw = fields.get("stretch")
    stretch = None
    if stretch_raw is not None and not (isinstance(stretch_raw, str) and not stretch_raw.strip()):
        stretch = parse_value(stretch_raw, N_("The stretch target"))
    direction_raw = fields.get("direction")
    if direction_raw is None or (isinstance(direction_raw, str) and not direction_raw.strip()):
        if target == baseline:
            raise InvalidInput(
                _(
                    "The target equals the baseline: give a different target, or a direction "
                    "of at-most or at-least to keep a limit."
                )
            )
        direction = Direction.INCREASE if target > baseline else Direction.DECREASE
    else:
        direction = parse_direction(direction_raw)
    current = fields.get("current")
    metric = Metric(
        item_id,
        name,
        unit,
        baseline,
        target,
        direction,
        stretch,
        None if current is None else parse_value(current, N_("The current value")),
    )
    check_metric(metric)
    return metric


def check_metric(metric: Metric) -> None:
    """The rules a metric keeps whatever its source (typed, imported, put back)."""
    d, b, t, s = metric.direction, metric.baseline, metric.target, metric.stretch
    if d is Direction.INCREASE and t <= b:
        raise InvalidInput(
            _("To increase, the target ({target}) must be above the baseline ({baseline}).")
            .format(target=formats.number(t), baseline=formats.number(b))
        )  # fmt: skip
    if d is Direction.DECREASE and t >= b:
        raise InvalidInput(
            _("To decrease, the target ({target}) must be below the baseline ({baseline}).")
            .format(target=formats.number(t), baseline=formats.number(b))
        )  # fmt: skip
    if s is None:
        return
    upward = d in (Direction.INCREASE, Direction.AT_LEAST)
    if not (s > t if upward else s < t):
        if upward:
            text = _("A stretch target goes further than the target: it must be above {target}.")
        else:
            text = _("A stretch target goes further than the target: it must be below {target}.")
        raise InvalidInput(text.format(target=formats.number(t)))


def clean_journal_text(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidInput(_("A journal entry must be text."))
    body = text.strip()
    if len(body) > JOURNAL_MAX:  # checked before the characters are read
        raise InvalidInput(
            ngettext(
                "A journal entry can be at most {limit} character.",
                "A journal entry can be at most {limit} characters.",
                JOURNAL_MAX,
            ).format(limit=formats.number(JOURNAL_MAX))
        )
    body = clean_notes(body).strip()
    if not body:
        raise InvalidInput(_("A journal entry needs some text."))
    return body


def latest_value(checkins: Iterable[CheckIn]) -> Decimal | None:
    """The value of the latest check-in: by day, then the last added (highest id)."""
    latest = max(checkins, key=lambda c: (c.day, c.id), default=None)
    return None if latest is None else latest.value


def check_day(day: object) -> date:
    if not isinstance(day, date) or isinstance(day, datetime):
        raise InvalidInput(_("A check-in or journal date must be a date."))
    return day


# -- changes (see domain.changes: each one applied returns another that undoes it) -------


@dataclasses.dataclass(frozen=True, slots=True)
class SetMetric:
    """Give an item this metric (None: take it away). `checkins` None leaves the item's
    check-ins as they are; a tuple replaces them (removing a metric takes them along)."""

    item_id: int
    metric: Metric | None
    checkins: tuple[CheckIn, ...] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class AddCheckIn:
    """`checkin.id` 0 adds a new one; any other id puts a removed one back."""

    checkin: CheckIn


@dataclasses.dataclass(frozen=True, slots=True)
class RemoveCheckIn:
    id: int


@dataclasses.dataclass(frozen=True, slots=True)
class AddJournal:
    """`entry.id` 0 adds a new entry; any other id puts a removed one back."""

    entry: JournalEntry


@dataclasses.dataclass(frozen=True, slots=True)
class RemoveJournal:
    id: int


MetricChange = SetMetric | AddCheckIn | RemoveCheckIn | AddJournal | RemoveJournal
