"""The Repeat editor's form as plain values, and both ways between it and RRULE text: the
form a stored rule shows as (a rule the form cannot say shows as its text, "custom"), and
the rule text a filled form sets (checked by the service, as `planner repeat --rrule`)."""

from __future__ import annotations

import dataclasses
import enum
import re
from datetime import date

from planner.domain.recurrence import WEEKDAYS, parts_of, until_day
from planner.domain.rule_words import WORKWEEK


class Frequency(enum.StrEnum):
    NEVER = "never"
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"
    CUSTOM = "custom"  # typed as an iCalendar rule


class MonthDay(enum.StrEnum):
    """What a monthly rule falls on."""

    DAY = "day"  # on day D
    LAST_DAY = "last_day"
    NTH_WEEKDAY = "nth"  # on the Nth (or last) Monday, ...
    FIRST_WORKDAY = "first_workday"
    LAST_WORKDAY = "last_workday"


class End(enum.StrEnum):
    NEVER = "never"
    UNTIL = "until"
    COUNT = "count"


NTH_CHOICES = (1, 2, 3, 4, -1)  # first ... fourth, last


@dataclasses.dataclass(frozen=True, slots=True)
class RuleForm:
    """What the Repeat editor shows. Fields a frequency does not use keep their values
    (switching back and forth loses nothing typed)."""

    frequency: Frequency = Frequency.NEVER
    interval: int = 1
    weekdays: frozenset[int] = frozenset()  # weekly: Monday 0
    weekdays_only: bool = False  # daily: working days (Monday to Friday) only
    month_day: MonthDay = MonthDay.DAY
    day: int = 1  # monthly, on day D
    nth: int = 1  # monthly, the Nth weekday (-1: the last)
    nth_weekday: int = 0
    end: End = End.NEVER
    until: date | None = None
    count: int = 2
    custom: str = ""  # the rule text, for Frequency.CUSTOM


def form_of(rule: str | None, due: date | None) -> RuleForm:
    """The form a stored canonical rule shows as (None: no repeating). Defaults for the
    parts it does not use come from the due date (its weekday, its day of the month)."""
    start = due or date.today()
    base = RuleForm(
        weekdays=frozenset({start.weekday()}),
        day=start.day,
        nth=min(4, (start.day - 1) // 7 + 1),
        nth_weekday=start.weekday(),
    )
    if rule is None:
        return base
    parts = parts_of(rule)
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    shape = {k for k in parts if k not in ("FREQ", "INTERVAL", "COUNT", "UNTIL")}
    form = _ends(dataclasses.replace(base, interval=interval), parts)
    if not shape:
        return dataclasses.replace(form, frequency=Frequency(freq))
    byday = parts.get("BYDAY", "")
    plain_days = shape == {"BYDAY"} and all(t in WEEKDAYS for t in byday.split(","))
    if freq == "WEEKLY" and interval == 1 and byday == WORKWEEK:  # "every weekday"
        return dataclasses.replace(form, frequency=Frequency.DAILY, weekdays_only=True)
    if freq == "WEEKLY" and plain_days:
        days = frozenset(WEEKDAYS.index(t) for t in byday.split(","))
        return dataclasses.replace(form, frequency=Frequency.WEEKLY, weekdays=days)
    if freq == "DAILY" and shape == {"BYDAY"} and byday == WORKWEEK:
        return dataclasses.replace(form, frequency=Frequency.DAILY, weekdays_only=True)
    if freq == "MONTHLY":
        monthly = _monthly(dataclasses.replace(form, frequency=Frequency.MONTHLY), parts, shape)
        if monthly is not None:
            return monthly
    return dataclasses.replace(form, frequency=Frequency.CUSTOM, custom=rule)


def _ends(form: RuleForm, parts: dict[str, str]) -> RuleForm:
    if "COUNT" in parts:
        return dataclasses.replace(form, end=End.COUNT, count=int(parts["COUNT"]))
    if "UNTIL" in parts:
        return dataclasses.replace(form, end=End.UNTIL, until=until_day(parts["UNTIL"]))
    return form


def _monthly(form: RuleForm, parts: dict[str, str], shape: set[str]) -> RuleForm | None:
    if shape == {"BYMONTHDAY"} and "," not in parts["BYMONTHDAY"]:
        day = int(parts["BYMONTHDAY"])
        if day == -1:
            return dataclasses.replace(form, month_day=MonthDay.LAST_DAY)
        return dataclasses.replace(form, month_day=MonthDay.DAY, day=day) if day > 0 else None
    if shape == {"BYDAY"}:
        match = re.fullmatch(r"(-?\d)([A-Z]{2})", parts["BYDAY"])
        if match and int(match.group(1)) in NTH_CHOICES:
            return dataclasses.replace(
                form,
                month_day=MonthDay.NTH_WEEKDAY,
                nth=int(match.group(1)),
                nth_weekday=WEEKDAYS.index(match.group(2)),
            )
        return None
    workdays = shape == {"BYDAY", "BYSETPOS"} and parts["BYDAY"] == WORKWEEK
    if workdays and parts["BYSETPOS"] in ("1", "-1"):
        first = parts["BYSETPOS"] == "1"
        choice = MonthDay.FIRST_WORKDAY if first else MonthDay.LAST_WORKDAY
        return dataclasses.replace(form, month_day=choice)
    return None


def rule_of(form: RuleForm) -> str | None:
    """The rule text a form sets (None: it does not repeat). Not checked here: the service
    checks it as it checks `--rrule` (an interval past 999, an end before the start)."""
    if form.frequency is Frequency.NEVER:
        return None
    if form.frequency is Frequency.CUSTOM:
        return form.custom
    freq = form.frequency.value
    parts = [f"FREQ={freq}"]
    if freq == "DAILY" and form.weekdays_only and form.interval == 1:
        parts = ["FREQ=WEEKLY"]  # "every weekday", as `planner repeat ID 'every weekday'`
    elif form.interval != 1:
        parts.append(f"INTERVAL={form.interval}")
    if form.end is End.COUNT:
        parts.append(f"COUNT={form.count}")
    elif form.end is End.UNTIL and form.until is not None:
        parts.append(f"UNTIL={form.until.strftime('%Y%m%d')}")
    parts.extend(_falls_on(form))
    return ";".join(parts)


def _falls_on(form: RuleForm) -> list[str]:
    if form.frequency is Frequency.DAILY and form.weekdays_only:
        return [f"BYDAY={WORKWEEK}"]
    if form.frequency is Frequency.WEEKLY and form.weekdays:
        return ["BYDAY=" + ",".join(WEEKDAYS[d] for d in sorted(form.weekdays))]
    if form.frequency is not Frequency.MONTHLY:
        return []
    if form.month_day is MonthDay.DAY:
        return [f"BYMONTHDAY={form.day}"]
    if form.month_day is MonthDay.LAST_DAY:
        return ["BYMONTHDAY=-1"]
    if form.month_day is MonthDay.NTH_WEEKDAY:
        return [f"BYDAY={form.nth}{WEEKDAYS[form.nth_weekday]}"]
    position = "1" if form.month_day is MonthDay.FIRST_WORKDAY else "-1"
    return [f"BYDAY={WORKWEEK}", f"BYSETPOS={position}"]
