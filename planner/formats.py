"""How dates, times, numbers and shares are shown to a person: one short and one long form
of a date, in the current language's own way (Babel's CLDR data), the same in the window,
the command line, the card and the exports meant for people. Files meant for programs (JSON,
iCalendar, OPML) keep ISO 8601.

Short: "Jan 5, 2027", "5. Jan. 2027", "5 янв. 2027 г.", "2027年1月5日".
Long: "Tuesday, January 5, 2027", "Dienstag, 5. Januar 2027".
Babel loads only when a date or number is first shown (the command line's `list` shows none).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache

from planner import i18n

# Where the system's region does not speak the current language: the language's own.
_DEFAULT_REGION = {
    "en": "en_US",
    "ru": "ru_RU",
    "pt_BR": "pt_BR",
    "zh_CN": "zh_Hans_CN",
    "de": "de_DE",
}


def formatting_locale() -> str:
    """The current language, in the system's region when it speaks that language (de_CH
    keeps Swiss numbers), else in the language's own region."""
    language = i18n.current_language()
    return _locale_for(language, _system_region_locale())


@cache
def _locale_for(language: str, system: str) -> str:
    from babel import Locale, UnknownLocaleError

    own = _DEFAULT_REGION[language]
    if system:
        try:
            parsed = Locale.parse(system)
        except (UnknownLocaleError, ValueError):
            return own
        if parsed.language == Locale.parse(own).language:
            return str(parsed)
    return own


def _system_region_locale() -> str:
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(name, "")
        if value:
            value = value.split(".")[0].split("@")[0]
            return "" if value in ("C", "POSIX") else value
    return ""


def date_short(day: date, locale: str | None = None) -> str:
    """'Jan 5, 2027', in `locale` (default: the current language's, formatting_locale)."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMd", day, locale=locale or formatting_locale())


def date_long(day: date, locale: str | None = None) -> str:
    """'Tuesday, January 5, 2027', in `locale` (default: formatting_locale)."""
    from babel.dates import format_date

    return format_date(day, format="full", locale=locale or formatting_locale())


def weekday_short(day: date, today: date | None = None) -> str:
    """The day and its weekday, for a row or a list: 'Tue, Jan 5, 2027'; without the
    year when it is `today`'s ('Fri, Dec 11', 'Fr., 11. Dez.')."""
    from babel.dates import format_skeleton

    skeleton = "MMMEd" if today is not None and day.year == today.year else "yMMMEd"
    return format_skeleton(skeleton, day, locale=formatting_locale())


def weekday_name(weekday: int, wide: bool = False) -> str:
    """A weekday's name on its own (0 = Monday): 'Mon' / 'Monday', 'Mo.' / 'Montag'."""
    from babel.dates import get_day_names

    names = get_day_names(
        "wide" if wide else "abbreviated", context="stand-alone", locale=formatting_locale()
    )
    return names[weekday]


def month_title(day: date) -> str:
    """A month and its year, as a calendar's title: 'December 2026', 'Dezember 2026',
    'Декабрь 2026 г.', '2026年12月' (its first letter a capital, as a title's)."""
    from babel.dates import format_skeleton

    text = format_skeleton("yMMMM", day, locale=formatting_locale())
    return text[:1].upper() + text[1:]


def week_title(first: date, last: date) -> str:
    """A week as a calendar's title: 'Dec 7 – 13, 2026', '7.–13. Dez. 2026'."""
    from babel.dates import format_interval

    return format_interval(first, last, "yMMMd", locale=formatting_locale())


def first_weekday() -> int:
    """The first day of the week in the current language and region (0 = Monday)."""
    from babel import Locale

    return int(Locale.parse(formatting_locale()).first_week_day)


def month_day(month: int, day: int) -> str:
    """A day of the year without the year: 'Dec 24', '24. Dez.', '12月24日'."""
    from babel.dates import format_skeleton

    # A leap year, so that 29 February can be shown.
    return format_skeleton("MMMd", date(2000, month, day), locale=formatting_locale())


def clock(at: time) -> str:
    """A time of day, short: '6:00 PM', '18:00'."""
    from babel.dates import format_time

    return format_time(at, format="short", locale=formatting_locale())


def day_heading(day: date, today: date) -> str:
    """A day as a heading of a list, its weekday and month written out: 'Wednesday,
    December 9' ('Mittwoch, 9. Dezember', '12月9日星期三'), with its year when it is not this
    year's. (CLDR lists the pattern with short names; widened here, as ICU would.)"""
    from babel.dates import format_date

    locale = formatting_locale()
    return format_date(day, _heading_pattern(locale, day.year != today.year), locale=locale)


@cache
def _heading_pattern(locale_name: str, with_year: bool) -> str:
    from babel import Locale
    from babel.dates import match_skeleton

    skeletons = Locale.parse(locale_name).datetime_skeletons
    key = match_skeleton("yMMMEd" if with_year else "MMMEd", skeletons)
    assert key is not None  # every locale lists these
    parts = re.split(r"('[^']*')", skeletons[key].pattern)  # quoted text stays as it is
    return "".join(part if part.startswith("'") else _widened(part) for part in parts)


def _widened(pattern: str) -> str:
    """Weekday and month names written out (E, ccc → EEEE, cccc; MMM → MMMM)."""
    pattern = re.sub(r"E+|c+", lambda found: found.group()[0] * 4, pattern)
    return re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern)


def moment(when: datetime, seconds: bool = False) -> str:
    """A moment in the user's local time (a naive one is taken as local): its short date
    and the time, to the minute or the second."""
    from babel import Locale
    from babel.dates import format_time

    local = when.astimezone()
    locale = formatting_locale()
    time = format_time(local.time(), format="medium" if seconds else "short", locale=locale)
    joined: str = Locale.parse(locale).datetime_formats["medium"]  # "{1}, {0}", "{1} {0}"
    return joined.format(time, date_short(local.date()))


def number(value: int | Decimal | float, places: int | None = None) -> str:
    """A count or a number with the language's grouping and decimal sign: 1,234.5 /
    1.234,5 / 1 234,5. Every decimal place is kept, or exactly `places` of them."""
    from babel.numbers import format_decimal

    if places is None:
        return format_decimal(value, locale=formatting_locale(), decimal_quantization=False)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=formatting_locale())


def seconds(value: float) -> str:
    """A duration in seconds, to a tenth, the language's way ("0.8 sec", "0,8 Sek.",
    "0.8秒"), as one unbreakable word: a message never wraps between number and unit."""
    from babel.units import format_unit

    text = format_unit(
        Decimal(f"{value:.1f}"),
        "duration-second",
        length="short",
        format="#,##0.0",
        locale=formatting_locale(),
    )
    return text.replace(" ", "\u00a0")


def listing(words: Sequence[str], style: str = "standard") -> str:
    """Words joined the language's way: "4, 9 and 12" ("standard"), "PNG, JPEG or GIF"
    ("or")."""
    from babel.lists import format_list

    return format_list(list(words), style=style, locale=formatting_locale())  # type: ignore[arg-type]


def percent(share: Decimal | float, locale: str | None = None) -> str:
    """A share as a whole percentage the language's way: 22% / 22 % / 22 %, in `locale`
    (default: formatting_locale)."""
    from babel.numbers import format_percent

    return format_percent(share, format=None, locale=locale or formatting_locale())
