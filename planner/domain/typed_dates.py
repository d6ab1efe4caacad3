"""Dates typed as words ("fri", "next friday", "in 3 days", "dec 24", "24.12", "end of
month") turned into a day, for a given today: a small keyword parser, pure Python.

Why not a library: dateparser takes 0.2 s to import and up to 170 ms a call while it
guesses the language, too slow for a field that shows what it understood at each key;
parsedatetime speaks English only. The forms a due date needs are few, so they are read
here by table, each language's month and weekday names from Babel's CLDR data.

What is understood (English, and the language Planner speaks: Russian, Brazilian
Portuguese, Simplified Chinese or German; case, accents and a leading "on", "by", "in",
"am", "в", "até"... do not matter):

- today, tomorrow, the day after tomorrow, yesterday (heute, morgen; сегодня, завтра;
  hoje, amanhã; 今天, 明天);
- a weekday, "fri" or "friday": the first such day AFTER today (1 to 7 days ahead; on a
  Friday, "fri" is a week ahead: "today" is for today);
- "next friday": the Friday of NEXT WEEK, weeks running Monday to Sunday (ISO 8601). On
  Monday 7 Dec, "fri" is Fri 11 Dec and "next fri" Fri 18 Dec; on Saturday 12 Dec both are
  Fri 18 Dec. "next week" / "next month" / "next year" are the first day of it;
- "in 3 days", "3 days", "2 weeks", "in a month", "1 year", "+3", "+2w": counted from
  today; a month or a year later keeps the day, or takes the month's last (31 Jan + 1
  month = 28 or 29 Feb);
- "dec 24", "24 dec", "december 24th", "24. Dezember", "24 декабря", "24 de dezembro",
  "12月24日", with or without a year: without one, the next such day from today on
  (today included; "feb 29" waits for a leap year);
- "24.12", "24.12.", "24.12.2026" (day first), "24/12" in the order of the language's own
  short dates (month first in English and Chinese), ISO "2026-12-24";
- "end of month" (eom), "end of week" (eow: the Sunday of this week), "end of year" (eoy).

Anything else is refused with InvalidInput: a text that is no date ("fri fri"), a day that
does not exist ("32.13", "feb 30"), one outside the calendar, and any text longer than
MAX_LENGTH, refused by its length before it is read.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache, partial

from planner import formats
from planner.domain.days import (
    add_months,
    after_weekday,
    end_of_month,
    end_of_week,
    end_of_year,
    next_week_day,
)
from planner.domain.errors import InvalidInput, excerpt
from planner.domain.validation import TYPED_DATE_MAX
from planner.i18n import _, current_language

MAX_LENGTH = TYPED_DATE_MAX
DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"
_BABEL_LOCALES = {"en": "en", "ru": "ru", "pt_BR": "pt_BR", "zh_CN": "zh_Hans_CN", "de": "de"}


class NoSuchDay(ValueError):
    """Numbers that name no day of the calendar (32.13, feb 30)."""


# -- days counted from today ---------------------------------------------------------------


def later(today: date, count: int, unit: str) -> date:
    if unit == DAY:
        return today + timedelta(days=count)
    if unit == WEEK:
        return today + timedelta(weeks=count)
    return add_months(today, count * (12 if unit == YEAR else 1))


def start_of_next(today: date, unit: str) -> date:
    if unit == WEEK:
        return next_week_day(today, 0)
    if unit == MONTH:
        return add_months(today.replace(day=1), 1)
    if unit == YEAR:
        return date(today.year + 1, 1, 1)
    return today + timedelta(days=1)  # "next day"


def next_month_day(today: date, month: int, day: int) -> date:
    """The next `day`.`month` from today on (today included)."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise NoSuchDay
    if day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
        raise NoSuchDay
    year = today.year
    while True:
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
        year += 1  # at most 8 years for 29 Feb (1896 → 1904)


def exact_day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise NoSuchDay from None


Rule = Callable[[date], date]  # what a whole phrase means


def _today(today: date) -> date:
    return today


def _tomorrow(today: date) -> date:
    return today + timedelta(days=1)


def _after_tomorrow(today: date) -> date:
    return today + timedelta(days=2)


def _yesterday(today: date) -> date:
    return today - timedelta(days=1)


# -- each language's words ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Grammar:
    """The words of one language around the names (which come from Babel)."""

    phrases: dict[str, Rule]
    units: dict[str, str]
    next: frozenset[str] = frozenset()
    next_after: tuple[str, ...] = ()  # "sexta que vem": next, after the noun
    ones: frozenset[str] = frozenset()  # "a week": one
    ahead: frozenset[str] = frozenset()  # "in", "через": a count of units from today
    fillers: frozenset[str] = frozenset()  # "on", "am", "в": dropped at the start
    of: frozenset[str] = frozenset()  # "24 de dezembro"
    weekdays: dict[str, int] = dataclasses.field(default_factory=dict)  # beside Babel's
    months: dict[str, int] = dataclasses.field(default_factory=dict)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _units(**forms: str) -> dict[str, str]:
    return {word: unit for unit, words in forms.items() for word in words.split()}


_GRAMMARS = {
    "en": Grammar(
        phrases={
            "today": _today,
            "tomorrow": _tomorrow,
            "tmr": _tomorrow,
            "tmrw": _tomorrow,
            "day after tomorrow": _after_tomorrow,
            "the day after tomorrow": _after_tomorrow,
            "yesterday": _yesterday,
            "end of month": end_of_month,
            "end of the month": end_of_month,
            "eom": end_of_month,
            "end of week": end_of_week,
            "end of the week": end_of_week,
            "eow": end_of_week,
            "end of year": end_of_year,
            "end of the year": end_of_year,
            "eoy": end_of_year,
        },
        units=_units(
            day="d day days",
            week="w wk wks week weeks",
            month="mo mos month months",
            year="y yr yrs year years",
        ),
        next=_words("next"),
        ones=_words("a an one"),
        ahead=_words("in"),
        fillers=_words("on by due until"),
        weekdays={"tues": 1, "weds": 2, "thur": 3, "thurs": 3},
        months={"sept": 9},
    ),
    "de": Grammar(
        phrases={
            "heute": _today,
            "morgen": _tomorrow,
            "ubermorgen": _after_tomorrow,
            "gestern": _yesterday,
            "ende des monats": end_of_month,
            "ende dieses monats": end_of_month,
            "monatsende": end_of_month,
            "ende der woche": end_of_week,
            "ende dieser woche": end_of_week,
            "ende des jahres": end_of_year,
            "jahresende": end_of_year,
        },
        units=_units(
            day="tag tage tagen",
            week="woche wochen",
            month="monat monate monaten",
            year="jahr jahre jahren",
        ),
        next=_words("nachste nachsten nachster nachstes kommende kommenden kommender"),
        ones=_words("ein eine einem einen einer"),
        ahead=_words("in"),
        fillers=_words("am an bis zum"),
    ),
    "ru": Grammar(
        phrases={
            "сегодня": _today,
            "завтра": _tomorrow,
            "послезавтра": _after_tomorrow,
            "вчера": _yesterday,
            "конец месяца": end_of_month,
            "конце месяца": end_of_month,
            "конец недели": end_of_week,
            "конце недели": end_of_week,
            "конец года": end_of_year,
            "конце года": end_of_year,
        },
        units=_units(
            day="день дня дней",
            week="неделя недели неделю недель неделе",
            month="месяц месяца месяцев месяце",
            year="год года лет году",
        ),
        next=_words("след следующий следующая следующую следующее следующей следующем следующего"),
        ones=_words("один одна одну"),
        ahead=_words("через"),
        fillers=_words("в во к ко до на"),
        # The accusative ("в пятницу"), which CLDR does not give.
        weekdays={"среду": 2, "пятницу": 4, "субботу": 5},
    ),
    "pt_BR": Grammar(
        phrases={
            "hoje": _today,
            "amanha": _tomorrow,
            "depois de amanha": _after_tomorrow,
            "ontem": _yesterday,
            "fim do mes": end_of_month,
            "final do mes": end_of_month,
            "fim da semana": end_of_week,
            "final da semana": end_of_week,
            "fim do ano": end_of_year,
            "final do ano": end_of_year,
        },
        units=_units(day="dia dias", week="semana semanas", month="mes meses", year="ano anos"),
        next=_words("proxima proximo prox"),
        next_after=("que", "vem"),
        ones=_words("um uma"),
        ahead=_words("em daqui"),
        fillers=_words("a na no ate para"),
        of=_words("de"),
    ),
    "zh_CN": Grammar(phrases={}, units={}),  # read by its own patterns (_read_chinese)
}


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """The words of English and one more language, merged, as typed text is compared."""

    language: str
    grammar: Grammar
    weekdays: dict[str, int]
    months: dict[str, int]
    day_first: bool  # "24/12" is day then month


@cache
def vocabulary(language: str) -> Vocabulary:
    """English's words and those of `language` (one of i18n.LANGUAGES; any other: English's
    alone)."""
    if language not in _GRAMMARS:
        language = "en"
    languages = ["en"] if language == "en" else ["en", language]
    grammars = [_GRAMMARS[lang] for lang in languages]
    weekdays: dict[str, int] = {}
    months: dict[str, int] = {}
    for lang, grammar in zip(languages, grammars, strict=True):
        names_weekdays, names_months = _babel_names(lang)
        weekdays |= names_weekdays | {normalize(k): v for k, v in grammar.weekdays.items()}
        months |= names_months | {normalize(k): v for k, v in grammar.months.items()}
    merged = Grammar(
        phrases={normalize(k): v for g in grammars for k, v in g.phrases.items()},
        units={normalize(k): v for g in grammars for k, v in g.units.items()},
        next=frozenset(normalize(w) for g in grammars for w in g.next),
        next_after=next((g.next_after for g in grammars if g.next_after), ()),
        ones=frozenset(normalize(w) for g in grammars for w in g.ones),
        ahead=frozenset(normalize(w) for g in grammars for w in g.ahead),
        fillers=frozenset(normalize(w) for g in grammars for w in g.fillers),
        of=frozenset(normalize(w) for g in grammars for w in g.of),
    )
    return Vocabulary(language, merged, weekdays, months, _day_first(language))


def _babel_names(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """Weekday (0 = Monday) and month names, wide and abbreviated, from CLDR. English's
    two-letter weekdays ("we", "th") are words too often to be taken as dates."""
    from babel import Locale

    locale = Locale.parse(_BABEL_LOCALES[language])
    weekdays: dict[str, int] = {}
    months: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.days[context][width].items():
                weekdays[normalize(name).rstrip(".")] = number
            for number, name in locale.months[context][width].items():
                months[normalize(name).rstrip(".")] = number
        if language == "pt_BR":  # "sexta" for "sexta-feira"
            for number, name in locale.days[context]["wide"].items():
                weekdays[normalize(name).split("-")[0]] = number
    return weekdays, months


def _day_first(language: str) -> bool:
    """Whether the language writes its short dates day before month ("24/12")."""
    from babel import Locale

    pattern = Locale.parse(_BABEL_LOCALES[language]).date_formats["short"].pattern
    return pattern.lower().find("d") < pattern.find("M")


# -- reading --------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """As typed words are compared: compatibility forms folded (full-width digits), any
    script's digits as ASCII, no case, no accents, commas as spaces, one space between
    words."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    plain = "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() else ch
        for ch in folded
        if not unicodedata.combining(ch)
    )
    return " ".join(plain.replace(",", " ").split())


def parse_typed_date(text: str, today: date, language: str | None = None) -> date:
    """The day `text` names, counted from `today`, in English or `language` (default: the
    language Planner speaks); InvalidInput saying why when it names none."""
    if len(text) > MAX_LENGTH:
        raise InvalidInput(
            _("A date is typed in at most {limit} characters; this text has {n}.").format(
                limit=MAX_LENGTH, n=formats.number(len(text))
            )
        )
    shown = excerpt(text.strip())
    if not text.strip():
        raise InvalidInput(_("No date was typed."))
    try:
        found = read_date(text, today, language)
    except NoSuchDay:
        raise InvalidInput(
            _("'{text}' is not a valid date: there is no such day.").format(text=shown)
        ) from None
    except (OverflowError, ValueError):
        raise InvalidInput(
            _("'{text}' is too far in the past or the future.").format(text=shown)
        ) from None
    if found is None:
        raise InvalidInput(
            _(
                "'{text}' is not a date Planner understands; try today, fri, next fri, "
                "in 3 days, dec 24, 24.12 or 2026-12-24."
            ).format(text=shown)
        )
    return found


def read_date(text: str, today: date, language: str | None = None) -> date | None:
    """The day `text` names, or None when it is no date; NoSuchDay for one that does not
    exist, OverflowError or ValueError for one outside the calendar. No length check: the
    caller's (`parse_typed_date`)."""
    words = vocabulary(language or current_language())
    normal = normalize(text)
    if words.language == "zh_CN" and _CJK.search(normal):
        return _read_chinese(normal.replace(" ", ""), today)
    return _read_words(normal, today, words)


_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")  # 2026-12-24, 2026/12/24
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2})?)?\.?")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?")
_GLUED = re.compile(r"(?<![\d.])(\d+)([^\W\d_]+)")  # "3d", "24th": number, then word
_DAY_NUMBER = re.compile(r"(\d{1,2})\.?")
_ORDINALS = frozenset({"st", "nd", "rd", "th"})


def _read_words(normal: str, today: date, words: Vocabulary) -> date | None:
    numeric = _read_numeric(normal, today, words)
    if numeric is not None:
        return numeric
    # "+3" and "in 3" count days ahead; a bare "3" is no date.
    ahead = normal.startswith("+")
    # Words lose a closing dot ("Fr.", "dez."); numbers keep theirs ("24." is a day).
    tokens = [
        t if t[0].isdigit() else t.rstrip(".")
        for t in _GLUED.sub(r"\1 \2", normal.removeprefix("+")).split()
    ]
    tokens = [t for i, t in enumerate(tokens) if not (i and t in _ORDINALS)]
    grammar = words.grammar
    leading = grammar.fillers | grammar.ahead
    while len(tokens) > 1 and tokens[0] in leading:
        # "in", "через", and "a" ("daqui a", "in a week") say a count of units follows.
        ahead = ahead or tokens[0] in grammar.ahead or tokens[0] in grammar.ones
        tokens = tokens[1:]
    rule = grammar.phrases.get(" ".join(tokens))
    if rule is not None:
        return rule(today)
    return (
        _read_weekday(tokens, today, words)
        or _read_count(tokens, today, words, ahead)
        or _read_month_day(tokens, today, words)
    )


def _read_numeric(normal: str, today: date, words: Vocabulary) -> date | None:
    if found := _ISO.fullmatch(normal):
        return exact_day(*map(int, found.groups()))
    if found := _DOTTED.fullmatch(normal):
        day, month, year = found.groups()
        return _day_month(int(day), int(month), year, today)
    if found := _SLASHED.fullmatch(normal):
        first, second, year = found.groups()
        day, month = (first, second) if words.day_first else (second, first)
        return _day_month(int(day), int(month), year, today)
    return None


def _day_month(day: int, month: int, year: str | None, today: date) -> date:
    if year is None:
        return next_month_day(today, month, day)
    return exact_day(int(year) + (2000 if len(year) == 2 else 0), month, day)


def _read_weekday(tokens: list[str], today: date, words: Vocabulary) -> date | None:
    grammar = words.grammar
    if len(tokens) == 1 and tokens[0] in words.weekdays:
        return after_weekday(today, words.weekdays[tokens[0]])
    if len(tokens) == 2 and tokens[0] in grammar.next:
        noun = tokens[1]
    elif grammar.next_after and tuple(tokens[1:]) == grammar.next_after:
        noun = tokens[0]
    else:
        return None
    if noun in words.weekdays:
        return next_week_day(today, words.weekdays[noun])
    if noun in grammar.units:
        return start_of_next(today, grammar.units[noun])
    return None


def _read_count(tokens: list[str], today: date, words: Vocabulary, ahead: bool) -> date | None:
    units = words.grammar.units
    if tokens and tokens[-1] in units:
        unit, count_words = units[tokens[-1]], tokens[:-1]
    elif len(tokens) == 1 and tokens[0].isdigit() and ahead:  # "+3", "in 3": days
        unit, count_words = DAY, tokens
    else:
        return None
    if (not count_words and ahead) or (
        len(count_words) == 1 and count_words[0] in words.grammar.ones
    ):
        return later(today, 1, unit)
    if len(count_words) == 1 and count_words[0].isdigit():
        return later(today, int(count_words[0]), unit)
    return None


def _read_month_day(tokens: list[str], today: date, words: Vocabulary) -> date | None:
    tokens = [t for t in tokens if t not in words.grammar.of]
    year: str | None = None
    if len(tokens) == 3 and re.fullmatch(r"\d{4}", tokens[2]):
        year, tokens = tokens[2], tokens[:2]
    if len(tokens) != 2:
        return None
    first, second = tokens
    if first in words.months and (day := _DAY_NUMBER.fullmatch(second)):
        month, number = words.months[first], int(day.group(1))
    elif second in words.months and (day := _DAY_NUMBER.fullmatch(first)):
        month, number = words.months[second], int(day.group(1))
    else:
        return None
    return _day_month(number, month, year, today)


# -- Chinese: no spaces, its own numerals ---------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "〇": 0}
_ZH_NUMBER = r"(\d+|[零〇一二两三四五六七八九十]+)"
_ZH_WEEKDAY = {c: i for i, c in enumerate("一二三四五六")} | {"日": 6, "天": 6}
_ZH_PHRASES: dict[str, Rule] = {
    "今天": _today,
    "今日": _today,
    "明天": _tomorrow,
    "明日": _tomorrow,
    "后天": _after_tomorrow,
    "昨天": _yesterday,
    "月底": end_of_month,
    "本月底": end_of_month,
    "月末": end_of_month,
    "年底": end_of_year,
    "年末": end_of_year,
    "下周": partial(start_of_next, unit=WEEK),
    "下星期": partial(start_of_next, unit=WEEK),
    "下个星期": partial(start_of_next, unit=WEEK),
    "下个月": partial(start_of_next, unit=MONTH),
    "下月": partial(start_of_next, unit=MONTH),
    "明年": partial(start_of_next, unit=YEAR),
}
_ZH_UNITS = {"天": DAY, "日": DAY, "周": WEEK, "星期": WEEK, "礼拜": WEEK, "月": MONTH, "年": YEAR}
_ZH_WEEKDAY_RE = re.compile(r"(下个?)?(?:周|星期|礼拜)([一二三四五六日天])")
_ZH_COUNT_RE = re.compile(_ZH_NUMBER + r"个?(天|日|周|星期|礼拜|月|年)[以之]?后")
_ZH_DATE_RE = re.compile(r"(?:(\d{4})年)?" + _ZH_NUMBER + "月" + _ZH_NUMBER + "[日号]?")


def chinese_number(text: str) -> int:
    """12, 十二, 二十, 两: a count written in digits or Chinese numerals (up to 99)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        if len(text) != 1:
            raise NoSuchDay
        return _ZH_DIGITS[text]
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        raise NoSuchDay
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)


def _read_chinese(text: str, today: date) -> date | None:
    text = text.removeprefix("在").removesuffix("之前").removesuffix("前")
    if text in _ZH_PHRASES:
        return _ZH_PHRASES[text](today)
    if found := _ZH_WEEKDAY_RE.fullmatch(text):
        weekday = _ZH_WEEKDAY[found.group(2)]
        return next_week_day(today, weekday) if found.group(1) else after_weekday(today, weekday)
    if found := _ZH_COUNT_RE.fullmatch(text):
        return later(today, chinese_number(found.group(1)), _ZH_UNITS[found.group(2)])
    if found := _ZH_DATE_RE.fullmatch(text):
        year, month, day = found.groups()
        return _day_month(chinese_number(day), chinese_number(month), year, today)
    return None
