"""Repeat rules: iCalendar recurrence rules (RFC 5545 RRULE text) read, checked and stepped
with python-dateutil's rrule, on days (an item's due date is a day, never a time).

A rule is stored as its canonical text ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"): parts in
one order, INTERVAL=1 left out, UNTIL a date, lists sorted. The series is stepped from an
anchor, a day of the series (the first due date, then each next one), so a monthly rule on
the 31st or the last day never drifts: 31 Jan, 28 Feb, 31 Mar with BYMONTHDAY=-1; 31 Jan,
31 Mar, 31 May with BYMONTHDAY=31, as RFC 5545 says (months without that day are skipped).
COUNT is not dateutil's to count here: an item's series counts its own turns (see
domain.repeats), since a rule repeated from the day an item is done starts anew each time.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, time

from planner.domain.errors import InvalidInput, excerpt
from planner.i18n import _

RULE_MAX = 300  # characters of rule text read at all
MAX_INTERVAL = 999
MAX_COUNT = 100_000
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # Monday is 0, as date.weekday()
# The parts this Planner keeps, in their canonical order. The time parts (BYHOUR, ...) and
# the sub-daily frequencies have no meaning for a due date, which is a day.
PARTS = (
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYMONTH",
    "BYWEEKNO",
    "BYYEARDAY",
    "BYMONTHDAY",
    "BYDAY",
    "BYSETPOS",
    "WKST",
)
_NUMBER_LISTS = {
    "BYMONTH": (1, 12),
    "BYWEEKNO": (1, 53),
    "BYYEARDAY": (1, 366),
    "BYMONTHDAY": (1, 31),
    "BYSETPOS": (1, 366),
}
_PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}
_BYDAY = re.compile(r"([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL = re.compile(r"(\d{8})(T\d{6}Z?)?")
LAST_DAY = date(9999, 12, 31)


def clean_rule(text: str, start: date) -> str:
    """The canonical text of a rule typed or read (an "RRULE:" in front is allowed) for a
    series starting on `start`, or InvalidInput saying what is wrong with it: COUNT=0, an
    interval past 999, an UNTIL before the start, a rule that never comes round."""
    parts = _parse(text)
    if "FREQ" not in parts:
        raise InvalidInput(_("A repeat rule needs a FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)."))
    if parts["FREQ"] not in FREQUENCIES:
        raise InvalidInput(
            _(
                "FREQ={freq} is not a frequency Planner repeats by; "
                "use DAILY, WEEKLY, MONTHLY or YEARLY."
            ).format(freq=excerpt(parts["FREQ"]))
        )
    interval = _whole(parts, "INTERVAL", 1)
    if not 1 <= interval <= MAX_INTERVAL:
        raise InvalidInput(
            _("An interval must be from 1 to {most}; this rule has {n}.").format(
                most=MAX_INTERVAL, n=excerpt(parts["INTERVAL"])
            )
        )
    if interval == 1:
        parts.pop("INTERVAL", None)
    count = _whole(parts, "COUNT", 1)
    if not 1 <= count <= MAX_COUNT:
        raise InvalidInput(
            _("COUNT must be from 1 to {most}; this rule has {n}.").format(
                most=MAX_COUNT, n=excerpt(parts["COUNT"])
            )
        )
    if "UNTIL" in parts and "COUNT" in parts:
        raise InvalidInput(_("A rule ends by COUNT or by UNTIL, not both."))
    if "UNTIL" in parts:
        until = until_day(parts["UNTIL"])
        if until < start:
            raise InvalidInput(
                _("The rule ends (UNTIL {until}) before it starts ({start}).").format(
                    until=until.isoformat(), start=start.isoformat()
                )
            )
        parts["UNTIL"] = until.strftime("%Y%m%d")
    for key, (low, high) in _NUMBER_LISTS.items():
        if key in parts:
            parts[key] = _numbers(key, parts[key], low, high)
    if "BYDAY" in parts:
        parts["BYDAY"] = _weekdays(parts["BYDAY"])
    if "WKST" in parts and parts["WKST"] not in WEEKDAYS:
        raise InvalidInput(_("WKST must be a weekday (MO to SU)."))
    if "BYSETPOS" in parts and not set(parts) & {"BYDAY", "BYMONTHDAY", "BYMONTH", "BYYEARDAY"}:
        raise InvalidInput(_("BYSETPOS needs another BY part to choose from."))
    canonical = ";".join(f"{key}={parts[key]}" for key in PARTS if key in parts)
    try:
        first = _comes_round(canonical, start) and next_date(canonical, start, None)
    except ValueError as e:  # dateutil's own check of what the parts say together
        raise InvalidInput(
            _("'{rule}' is not a recurrence rule Planner can use: {reason}.").format(
                rule=excerpt(text), reason=str(e).rstrip(".")
            )
        ) from None
    if not first:
        raise InvalidInput(
            _("The rule '{rule}' never comes round after {start}.").format(
                rule=excerpt(canonical, 80), start=start.isoformat()
            )
        )
    return canonical


def _parse(text: str) -> dict[str, str]:
    if not isinstance(text, str):
        raise InvalidInput(_("A repeat rule must be text."))
    raw = text.strip()
    if len(raw) > RULE_MAX:
        raise InvalidInput(
            _("A repeat rule can be at most {most} characters.").format(most=RULE_MAX)
        )
    prefix = "RRULE:"  # not-ui: the iCalendar property's own name
    if raw.upper().startswith(prefix):
        raw = raw[len(prefix) :]
    parts: dict[str, str] = {}
    for piece in raw.split(";"):
        if not piece.strip():
            continue
        key, equals, value = piece.partition("=")
        key, value = key.strip().upper(), "".join(value.split()).upper()
        if not equals or not value:
            raise InvalidInput(
                _("'{part}' in a repeat rule should read NAME=VALUE.").format(part=excerpt(piece))
            )
        if key not in PARTS:
            raise InvalidInput(
                _("{part} is not a part of a repeat rule Planner uses ({known}).").format(
                    part=excerpt(key), known=", ".join(PARTS)
                )
            )
        if key in parts:
            raise InvalidInput(_("{part} is given twice in the rule.").format(part=key))
        parts[key] = value
    return parts


def _whole(parts: dict[str, str], key: str, default: int) -> int:
    if key not in parts:
        return default
    value = parts[key]
    if not re.fullmatch(r"\+?\d{1,12}", value):
        raise InvalidInput(
            _("{part}={value} is not a whole number.").format(part=key, value=excerpt(value))
        )
    parts[key] = str(int(value))
    return int(value)


def _numbers(key: str, value: str, low: int, high: int) -> str:
    found: list[int] = []
    for token in value.split(","):
        if not re.fullmatch(r"[+-]?\d{1,3}", token) or not low <= abs(int(token)) <= high:
            raise InvalidInput(
                _("{part} takes numbers from {low} to {high} (or -{high} to -{low}).").format(
                    part=key, low=low, high=high
                )
            )
        if key == "BYMONTH" and int(token) < 0:
            raise InvalidInput(_("BYMONTH takes months from 1 to 12."))
        found.append(int(token))
    # Positive first in their order, then the ones counted from the end.
    ordered = sorted(set(found), key=lambda n: (n < 0, abs(n) if n > 0 else -n))
    return ",".join(str(n) for n in ordered)


def _weekdays(value: str) -> str:
    found: list[tuple[int, int]] = []
    for token in value.split(","):
        match = _BYDAY.fullmatch(token)
        if match is None:
            raise InvalidInput(
                _("'{token}' is not a weekday of BYDAY (MO, TU, ... SU, or 2TU, -1FR).").format(
                    token=excerpt(token)
                )
            )
        sign, digits, day = match.groups()
        nth = int(sign + digits) if digits else 0
        if digits and not 1 <= abs(nth) <= 53:
            raise InvalidInput(_("A weekday's number in BYDAY goes from 1 to 53 (or -53 to -1)."))
        found.append((nth, WEEKDAYS.index(day)))
    return ",".join(f"{n or ''}{WEEKDAYS[d]}" for n, d in sorted(set(found), key=_day_order))


def _day_order(token: tuple[int, int]) -> tuple[int, int, int]:
    nth, day = token
    return (0 if nth == 0 else 1 if nth > 0 else 2, abs(nth), day)


def until_day(value: str) -> date:
    """UNTIL's day (a date-time UNTIL gives its date: due dates are days)."""
    match = _UNTIL.fullmatch(value)
    if match is None:
        raise InvalidInput(
            _("UNTIL={value} is not a date (YYYYMMDD).").format(value=excerpt(value))
        )
    try:
        return datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        raise InvalidInput(
            _("UNTIL={value} is not a date (YYYYMMDD).").format(value=excerpt(value))
        ) from None


@functools.lru_cache(maxsize=4096)
def readable(rule: object) -> bool:
    """Whether a rule read from a plan is one Planner can follow (a plan is data from
    outside: its rule may be any text): well formed, and taken by dateutil."""
    if not well_formed(rule):
        return False
    try:
        _series(rule, date(2000, 1, 1))
    except (ValueError, TypeError, OverflowError):
        return False
    return True


@functools.lru_cache(maxsize=4096)
def well_formed(rule: object) -> bool:
    """Whether a rule read from a plan reads as one (its parts, its frequency, interval,
    count and end), without loading dateutil: enough to show it (the tree's marks), as
    its text is read as it is (RRULE text as Planner writes it: "freq=weekly" is not)."""
    if not isinstance(rule, str):
        return False
    try:
        parts = _parse(rule)
        if rule != ";".join(f"{key}={value}" for key, value in parts.items()):
            return False
        if parts.get("FREQ") not in FREQUENCIES:
            return False
        _whole(parts, "INTERVAL", 1)
        count_of(rule)
        if "UNTIL" in parts:
            until_day(parts["UNTIL"])
    except (InvalidInput, ValueError, TypeError, OverflowError):
        return False
    return True


def parts_of(rule: str) -> dict[str, str]:
    """The parts of a canonical rule text, by name."""
    return dict(_cached_parts(rule))


@functools.lru_cache(maxsize=4096)
def _cached_parts(rule: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(p.split("=", 1)) for p in rule.split(";") if p)  # type: ignore[misc]


def count_of(rule: str) -> int | None:
    """COUNT: how many times in all the item comes due (None: no limit)."""
    value = parts_of(rule).get("COUNT")
    return None if value is None else int(value)


def next_date(rule: str, anchor: date, after: date | None) -> date | None:
    """The first day of the series from `anchor` strictly after `after` (None: its first
    day, the anchor itself when it is one), COUNT left to the caller; None when the series
    has ended (UNTIL, or the year 9999)."""
    series = _series(rule, anchor)
    if "UNTIL" in parts_of(rule):
        series = series.replace(until=datetime.combine(until_day(parts_of(rule)["UNTIL"]), time()))
    if after is None:
        found = series.after(datetime.combine(anchor, time()), inc=True)
    elif after >= LAST_DAY:
        return None
    else:
        found = series.after(datetime.combine(after, time()), inc=False)
    return None if found is None else found.date()


def _comes_round(rule: str, start: date) -> bool:
    """Whether the series from `start` has a day within the span a rule that comes round
    at all needs (8 of its periods, 29 February's 8 years): dateutil itself looks to the
    year 9999 for a rule that never does (seconds for a daily one), so the question is put
    in the last four centuries before it. The calendar repeats every 400 years (146,097
    days, 20,871 whole weeks), so the answer is the same there."""
    interval = int(parts_of(rule).get("INTERVAL", "1"))
    span_years = (interval * _PERIOD_DAYS[parts_of(rule)["FREQ"]] * 8) // 365 + 10
    shift = max(0, (LAST_DAY.year - span_years - start.year) // 400) * 400
    moved = start.replace(year=start.year + shift)
    without_until = ";".join(p for p in rule.split(";") if not p.startswith("UNTIL="))
    return next_date(without_until, moved, None) is not None


@functools.lru_cache(maxsize=4096)
def _series(rule: str, anchor: date):  # type: ignore[no-untyped-def]
    from dateutil.rrule import rrulestr

    without_count = ";".join(p for p in rule.split(";") if not p.startswith("COUNT="))
    return rrulestr(without_count, dtstart=datetime.combine(anchor, time()))


def dates(rule: str, anchor: date, after: date, limit: int) -> list[date]:
    """Up to `limit` days of the series after `after`, each by `next_date` (COUNT left to
    the caller)."""
    found: list[date] = []
    day: date | None = after
    while day is not None and len(found) < limit:
        day = next_date(rule, anchor, day)
        if day is not None:
            found.append(day)
    return found
