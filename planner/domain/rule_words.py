"""Repeat rules in words, both ways: the words a person reads for a rule (in the current
language: "Every 2 weeks on Mon, Thu"), and a rule from the words typed on the command line
(English: "every 2 weeks on mon,thu", "monthly on the last day", "every weekday", "every 3
days", "yearly", ...). The English words shown read back as the same rule."""

from __future__ import annotations

import re
from datetime import date

from planner import formats
from planner.domain.errors import InvalidInput, excerpt
from planner.domain.recurrence import WEEKDAYS, parts_of, until_day
from planner.i18n import N_, _, ngettext, pgettext

WORKWEEK = "MO,TU,WE,TH,FR"  # not-ui: an RRULE's BYDAY value
_DAY_NAMES = {
    "mo": 0, "mon": 0, "monday": 0,
    "tu": 1, "tue": 1, "tues": 1, "tuesday": 1,
    "we": 2, "wed": 2, "wednesday": 2,
    "th": 3, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fr": 4, "fri": 4, "friday": 4,
    "sa": 5, "sat": 5, "saturday": 5,
    "su": 6, "sun": 6, "sunday": 6,
}  # fmt: skip
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}  # fmt: skip
_FREQ_WORDS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_ADVERBS = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "yearly": "YEARLY"}
_ADVERBS["annually"] = "YEARLY"
_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|mo|tu|we|th|fr|sa|su"
_DAY_LIST = rf"(?:{_DAY})(?:\s*(?:,|\band\b|\s)\s*(?:{_DAY}))*"
EXAMPLES = (
    "'every 2 weeks on mon,thu', 'monthly on the last day', 'every weekday', "  # not-ui: typed
    "'every 3 days', 'yearly'"  # not-ui: typed in English everywhere, as none|low|high are
)

# "{rule} on the first Tuesday" ...: a whole sentence for each weekday of each place in
# the month, so that a language can make the words agree (ru "в первую среду", pt
# "no primeiro sábado"). Keyed by (place, weekday: Monday 0).
_NTH = {
    (1, 0): N_("{rule} on the first Monday"),
    (1, 1): N_("{rule} on the first Tuesday"),
    (1, 2): N_("{rule} on the first Wednesday"),
    (1, 3): N_("{rule} on the first Thursday"),
    (1, 4): N_("{rule} on the first Friday"),
    (1, 5): N_("{rule} on the first Saturday"),
    (1, 6): N_("{rule} on the first Sunday"),
    (2, 0): N_("{rule} on the second Monday"),
    (2, 1): N_("{rule} on the second Tuesday"),
    (2, 2): N_("{rule} on the second Wednesday"),
    (2, 3): N_("{rule} on the second Thursday"),
    (2, 4): N_("{rule} on the second Friday"),
    (2, 5): N_("{rule} on the second Saturday"),
    (2, 6): N_("{rule} on the second Sunday"),
    (3, 0): N_("{rule} on the third Monday"),
    (3, 1): N_("{rule} on the third Tuesday"),
    (3, 2): N_("{rule} on the third Wednesday"),
    (3, 3): N_("{rule} on the third Thursday"),
    (3, 4): N_("{rule} on the third Friday"),
    (3, 5): N_("{rule} on the third Saturday"),
    (3, 6): N_("{rule} on the third Sunday"),
    (4, 0): N_("{rule} on the fourth Monday"),
    (4, 1): N_("{rule} on the fourth Tuesday"),
    (4, 2): N_("{rule} on the fourth Wednesday"),
    (4, 3): N_("{rule} on the fourth Thursday"),
    (4, 4): N_("{rule} on the fourth Friday"),
    (4, 5): N_("{rule} on the fourth Saturday"),
    (4, 6): N_("{rule} on the fourth Sunday"),
    (5, 0): N_("{rule} on the fifth Monday"),
    (5, 1): N_("{rule} on the fifth Tuesday"),
    (5, 2): N_("{rule} on the fifth Wednesday"),
    (5, 3): N_("{rule} on the fifth Thursday"),
    (5, 4): N_("{rule} on the fifth Friday"),
    (5, 5): N_("{rule} on the fifth Saturday"),
    (5, 6): N_("{rule} on the fifth Sunday"),
    (-1, 0): N_("{rule} on the last Monday"),
    (-1, 1): N_("{rule} on the last Tuesday"),
    (-1, 2): N_("{rule} on the last Wednesday"),
    (-1, 3): N_("{rule} on the last Thursday"),
    (-1, 4): N_("{rule} on the last Friday"),
    (-1, 5): N_("{rule} on the last Saturday"),
    (-1, 6): N_("{rule} on the last Sunday"),
}


# -- words shown ---------------------------------------------------------------------------


def rule_words(rule: str) -> str:
    """A canonical rule in the current language's words ("Every 2 weeks on Mon, Thu",
    "Monthly on the last day, 5 times"); a rule words cannot say shows as its text."""
    parts = parts_of(rule)
    freq, n = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    shape = {k for k in parts if k not in ("FREQ", "INTERVAL", "COUNT", "UNTIL")}
    base = _every(freq, n)
    if shape == {"BYDAY"} and freq == "WEEKLY" and n == 1 and parts["BYDAY"] == WORKWEEK:
        text = _("Every weekday")
    elif shape == {"BYDAY"} and freq in ("DAILY", "WEEKLY") and _plain_days(parts["BYDAY"]):
        text = _("{rule} on {weekdays}").format(rule=base, weekdays=_day_list(parts["BYDAY"]))
    elif freq == "MONTHLY" and shape:
        text = _monthly(base, parts, shape) or ""
    elif freq == "YEARLY" and shape == {"BYMONTH", "BYMONTHDAY"} and _single_month_day(parts):
        day = formats.month_day(int(parts["BYMONTH"]), int(parts["BYMONTHDAY"]))
        text = _("{rule} on {day}").format(rule=base, day=day)
    else:
        text = base if not shape else ""
    if not text:
        return _("Repeats by the rule {rule}").format(rule=rule)
    if "COUNT" in parts:
        count = int(parts["COUNT"])
        return ngettext("{rule}, {n} time", "{rule}, {n} times", count).format(rule=text, n=count)
    if "UNTIL" in parts:
        until = formats.date_short(until_day(parts["UNTIL"]))
        return _("{rule}, until {date}").format(rule=text, date=until)
    return text


def _every(freq: str, n: int) -> str:
    if n == 1:
        return {
            "DAILY": _("Daily"),
            "WEEKLY": _("Weekly"),
            "MONTHLY": _("Monthly"),
            "YEARLY": _("Yearly"),
        }[freq]
    if freq == "DAILY":
        return ngettext("Every {n} day", "Every {n} days", n).format(n=n)
    if freq == "WEEKLY":
        return ngettext("Every {n} week", "Every {n} weeks", n).format(n=n)
    if freq == "MONTHLY":
        return ngettext("Every {n} month", "Every {n} months", n).format(n=n)
    return ngettext("Every {n} year", "Every {n} years", n).format(n=n)


def _plain_days(byday: str) -> bool:
    return all(token in WEEKDAYS for token in byday.split(","))


def _day_list(byday: str) -> str:
    separator = pgettext("weekday list", ", ")
    return separator.join(formats.weekday_name(WEEKDAYS.index(t)) for t in byday.split(","))


def _monthly(base: str, parts: dict[str, str], shape: set[str]) -> str | None:
    if shape == {"BYMONTHDAY"} and "," not in parts["BYMONTHDAY"]:
        day = int(parts["BYMONTHDAY"])
        if day == -1:
            return _("{rule} on the last day").format(rule=base)
        if day > 0:
            return _("{rule} on day {day}").format(rule=base, day=day)
        return None
    if shape == {"BYDAY"} and "," not in parts["BYDAY"]:
        match = re.fullmatch(r"(-?\d)([A-Z]{2})", parts["BYDAY"])
        key = (int(match.group(1)), WEEKDAYS.index(match.group(2))) if match else None
        if key in _NTH:
            return _(_NTH[key]).format(rule=base)
        return None
    if shape == {"BYDAY", "BYSETPOS"} and parts["BYDAY"] == WORKWEEK:
        if parts["BYSETPOS"] == "1":
            return _("{rule} on the first weekday").format(rule=base)
        if parts["BYSETPOS"] == "-1":
            return _("{rule} on the last weekday").format(rule=base)
    return None


def _single_month_day(parts: dict[str, str]) -> bool:
    if "," in parts["BYMONTH"] or "," in parts["BYMONTHDAY"]:
        return False
    month, day = int(parts["BYMONTH"]), int(parts["BYMONTHDAY"])
    return day > 0 and _real_day(month, day)


def _real_day(month: int, day: int) -> bool:
    try:
        date(2000, month, day)
    except ValueError:
        return False
    return True


# -- words typed ---------------------------------------------------------------------------


def rule_from_words(words: str) -> str:
    """The rule text (not yet checked against a start: see recurrence.clean_rule) for the
    English words typed: a frequency ("daily", "every 2 weeks", "every other month",
    "every weekday"), then what it falls on ("on mon,thu", "on the last day", "on day 15",
    "on the 2nd tuesday", "on the last weekday", "on dec 24"), then how it ends ("until
    2027-06-30", "5 times"). Words the rule would show read back too ("Every 2 weeks on
    Mon, Thu", "Daily, until Jun 30, 2027")."""
    text = " ".join(words.lower().replace(".", " ").split()) if isinstance(words, str) else ""
    if not text or len(text) > 300:
        raise _not_words(words if isinstance(words, str) else "")
    body, end = _split_end(text, words)
    base, qualifier = _split_on(body)
    parts = _base(base, words)
    if qualifier:
        parts.update(_qualifier(qualifier, parts, words))
    parts.update(end)
    return ";".join(f"{k}={v}" for k, v in parts.items())


def _not_words(words: str) -> InvalidInput:
    return InvalidInput(
        _(
            "'{words}' is not a repeat rule Planner reads; try {examples}, or an RRULE (FREQ=...)."
        ).format(words=excerpt(words), examples=EXAMPLES)
    )


def _split_end(text: str, words: str) -> tuple[str, dict[str, str]]:
    match = re.fullmatch(r"(.*?),?\s+until\s+(.+)", text)
    if match:
        return match.group(1), {"UNTIL": _typed_day(match.group(2), words).strftime("%Y%m%d")}
    match = re.fullmatch(r"(.*?),?\s+(?:for\s+)?(\d{1,9})\s+times?", text)
    if match:
        return match.group(1), {"COUNT": match.group(2)}
    return text, {}


def _typed_day(text: str, words: str) -> date:
    text = text.strip().rstrip(",")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        match = re.fullmatch(r"([a-z]{3})[a-z]*\s+(\d{1,2}),?\s+(\d{4})", text)
        if match and match.group(1) in _MONTHS:
            month = _MONTHS.index(match.group(1)) + 1
            return date(int(match.group(3)), month, int(match.group(2)))
    except ValueError:
        pass
    raise InvalidInput(
        _("'{day}' in '{words}' is not a date; use YYYY-MM-DD.").format(
            day=excerpt(text), words=excerpt(words)
        )
    )


def _split_on(body: str) -> tuple[str, str]:
    base, _on, qualifier = body.partition(" on ")
    return base.strip(), qualifier.strip()


def _base(base: str, words: str) -> dict[str, str]:
    if re.fullmatch(r"(?:every\s+)?(?:weekdays?|working\s+days?)", base):
        return {"FREQ": "WEEKLY", "BYDAY": WORKWEEK}
    if base in _ADVERBS:
        return {"FREQ": _ADVERBS[base]}
    match = re.fullmatch(r"every\s+(day|week|month|year)", base)
    if match:
        return {"FREQ": _FREQ_WORDS[match.group(1)]}
    match = re.fullmatch(r"every\s+(\d{1,12}|other)\s+(day|week|month|year)s?", base)
    if match:
        n = "2" if match.group(1) == "other" else str(int(match.group(1)))
        parts = {"FREQ": _FREQ_WORDS[match.group(2)]}
        return parts if n == "1" else parts | {"INTERVAL": n}
    raise _not_words(words)


def _qualifier(text: str, parts: dict[str, str], words: str) -> dict[str, str]:
    freq = parts["FREQ"]
    if freq in ("DAILY", "WEEKLY") and "BYDAY" not in parts:
        if re.fullmatch(_DAY_LIST, text):
            return {"BYDAY": _days(text, words)}
        if re.fullmatch(r"(?:weekdays?|working\s+days?)", text):
            return {"BYDAY": WORKWEEK}
    if freq == "MONTHLY":
        found = _monthly_words(text)
        if found is not None:
            return found
    if freq == "YEARLY":
        match = re.fullmatch(r"([a-z]{3})[a-z]*\s+(\d{1,2})|(\d{1,2})\s+([a-z]{3})[a-z]*", text)
        if match:
            name = match.group(1) or match.group(4)
            day = int(match.group(2) or match.group(3))
            if name in _MONTHS and _real_day(_MONTHS.index(name) + 1, day):
                return {"BYMONTH": str(_MONTHS.index(name) + 1), "BYMONTHDAY": str(day)}
    raise _not_words(words)


def _monthly_words(text: str) -> dict[str, str] | None:
    if text in ("the last day", "last day"):
        return {"BYMONTHDAY": "-1"}
    match = re.fullmatch(r"(?:day\s+(\d{1,2})|the\s+(\d{1,2})(?:st|nd|rd|th))", text)
    if match:
        return {"BYMONTHDAY": str(int(match.group(1) or match.group(2)))}
    match = re.fullmatch(r"the\s+(first|last)\s+(?:weekday|working\s+day)", text)
    if match:
        return {"BYDAY": WORKWEEK, "BYSETPOS": "1" if match.group(1) == "first" else "-1"}
    match = re.fullmatch(rf"the\s+(\w+)\s+({_DAY})", text)
    if match and match.group(1) in _ORDINALS and match.group(2) in _DAY_NAMES:
        nth = _ORDINALS[match.group(1)]
        return {"BYDAY": f"{nth}{WEEKDAYS[_DAY_NAMES[match.group(2)]]}"}
    return None


def _days(text: str, words: str) -> str:
    found: list[int] = []
    for token in re.split(r"\s*(?:,|\band\b|\s)\s*", text):
        if not token:
            continue
        if token not in _DAY_NAMES:
            raise InvalidInput(
                _(
                    "'{day}' in '{words}' is not a weekday (mon, tue, wed, thu, fri, sat, sun)."
                ).format(day=excerpt(token), words=excerpt(words))
            )
        found.append(_DAY_NAMES[token])
    return ",".join(WEEKDAYS[d] for d in sorted(set(found)))


def weekdays_from_words(text: str, words: str) -> list[int]:
    """Weekdays typed as "mon,wed,fri" (or "Mon, Wed and Fri"), Monday 0, in order."""
    cleaned = " ".join(text.lower().split())
    if not re.fullmatch(_DAY_LIST, cleaned):
        raise InvalidInput(
            _("'{days}' in '{words}' is not a list of weekdays such as mon,wed,fri.").format(
                days=excerpt(text), words=excerpt(words)
            )
        )
    return [WEEKDAYS.index(t) for t in _days(cleaned, words).split(",")]


def is_rrule(text: str) -> bool:
    """Whether typed text is an RRULE (FREQ=...) rather than words."""
    return "=" in text
