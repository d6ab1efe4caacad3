"""Typed dates: a table of what each typed text means for a fixed today (month ends, leap
day, year end, each language), the refusals, and Hypothesis throwing any text at it: a day
or InvalidInput, nothing else."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain import typed_dates as td
from planner.domain.errors import InvalidInput
from planner.domain.typed_dates import parse_typed_date
from planner.i18n import LANGUAGES

MON = date(2026, 12, 7)  # a Monday
YEAR_END = date(2026, 12, 31)  # a Thursday
MONTH_END = date(2027, 1, 31)  # a Sunday
LEAP_EVE = date(2028, 2, 28)  # a Monday, in a leap year
LEAP_DAY = date(2028, 2, 29)
FRI = date(2026, 12, 11)

D = date
TABLE: list[tuple[date, str, str, date]] = [
    # -- English, on Monday 7 December 2026 ---------------------------------------------
    (MON, "en", "today", D(2026, 12, 7)),
    (MON, "en", "tomorrow", D(2026, 12, 8)),
    (MON, "en", "tmrw", D(2026, 12, 8)),
    (MON, "en", "yesterday", D(2026, 12, 6)),
    (MON, "en", "day after tomorrow", D(2026, 12, 9)),
    (MON, "en", "fri", D(2026, 12, 11)),
    (MON, "en", "friday", D(2026, 12, 11)),
    (MON, "en", "  Friday ", D(2026, 12, 11)),
    (MON, "en", "mon", D(2026, 12, 14)),  # a weekday is after today: a week ahead
    (MON, "en", "sun", D(2026, 12, 13)),
    (MON, "en", "thurs", D(2026, 12, 10)),
    (MON, "en", "next friday", D(2026, 12, 18)),  # the Friday of next week
    (MON, "en", "next fri", D(2026, 12, 18)),
    (MON, "en", "next mon", D(2026, 12, 14)),
    (MON, "en", "next sun", D(2026, 12, 20)),
    (MON, "en", "next week", D(2026, 12, 14)),
    (MON, "en", "next month", D(2027, 1, 1)),
    (MON, "en", "next year", D(2027, 1, 1)),
    (MON, "en", "in 3 days", D(2026, 12, 10)),
    (MON, "en", "3 days", D(2026, 12, 10)),
    (MON, "en", "in 1 day", D(2026, 12, 8)),
    (MON, "en", "in 0 days", D(2026, 12, 7)),
    (MON, "en", "2 weeks", D(2026, 12, 21)),
    (MON, "en", "in 2 weeks", D(2026, 12, 21)),
    (MON, "en", "in a week", D(2026, 12, 14)),
    (MON, "en", "+3", D(2026, 12, 10)),
    (MON, "en", "+2w", D(2026, 12, 21)),
    (MON, "en", "3d", D(2026, 12, 10)),
    (MON, "en", "in 1 month", D(2027, 1, 7)),
    (MON, "en", "in 2 years", D(2028, 12, 7)),
    (MON, "en", "dec 24", D(2026, 12, 24)),
    (MON, "en", "24 dec", D(2026, 12, 24)),
    (MON, "en", "December 24th", D(2026, 12, 24)),
    (MON, "en", "dec 24, 2027", D(2027, 12, 24)),
    (MON, "en", "dec 7", D(2026, 12, 7)),  # today counts
    (MON, "en", "dec 6", D(2027, 12, 6)),  # passed: next year's
    (MON, "en", "jan 5", D(2027, 1, 5)),
    (MON, "en", "24.12", D(2026, 12, 24)),
    (MON, "en", "24.12.", D(2026, 12, 24)),
    (MON, "en", "24.12.2027", D(2027, 12, 24)),
    (MON, "en", "1.1.27", D(2027, 1, 1)),
    (MON, "en", "12/24", D(2026, 12, 24)),  # English: month first
    (MON, "en", "2027/3/1", D(2027, 3, 1)),
    (MON, "en", "end of month", D(2026, 12, 31)),
    (MON, "en", "eom", D(2026, 12, 31)),
    (MON, "en", "eow", D(2026, 12, 13)),  # the Sunday of this week
    (MON, "en", "end of the week", D(2026, 12, 13)),
    (MON, "en", "end of year", D(2026, 12, 31)),
    (MON, "en", "2026-12-24", D(2026, 12, 24)),
    (MON, "en", "２０２６-１２-２４", D(2026, 12, 24)),  # full-width digits
    (MON, "en", "on fri", D(2026, 12, 11)),
    (MON, "en", "by Friday", D(2026, 12, 11)),
    (MON, "en", "feb 29", D(2028, 2, 29)),  # the next leap day
    # -- on a Friday: "fri" is a week ahead; "next fri" the Friday of next week -------------
    (FRI, "en", "fri", D(2026, 12, 18)),
    (FRI, "en", "next fri", D(2026, 12, 18)),
    (FRI, "en", "next mon", D(2026, 12, 14)),
    (FRI, "en", "eow", D(2026, 12, 13)),
    # -- the year's end -----------------------------------------------------------------
    (YEAR_END, "en", "tomorrow", D(2027, 1, 1)),
    (YEAR_END, "en", "in 1 month", D(2027, 1, 31)),
    (YEAR_END, "en", "in 2 months", D(2027, 2, 28)),  # the shorter month's last day
    (YEAR_END, "en", "end of month", D(2026, 12, 31)),  # today
    (YEAR_END, "en", "next month", D(2027, 1, 1)),
    (YEAR_END, "en", "next week", D(2027, 1, 4)),
    (YEAR_END, "en", "fri", D(2027, 1, 1)),
    (YEAR_END, "en", "thu", D(2027, 1, 7)),
    (YEAR_END, "en", "dec 31", D(2026, 12, 31)),
    (YEAR_END, "en", "jan 1", D(2027, 1, 1)),
    (YEAR_END, "en", "1.1", D(2027, 1, 1)),
    (YEAR_END, "en", "eoy", D(2026, 12, 31)),
    # -- a month's end, on a Sunday -------------------------------------------------------
    (MONTH_END, "en", "in 1 month", D(2027, 2, 28)),
    (MONTH_END, "en", "eow", D(2027, 1, 31)),  # Sunday: this week ends today
    (MONTH_END, "en", "fri", D(2027, 2, 5)),
    (MONTH_END, "en", "next fri", D(2027, 2, 5)),
    (MONTH_END, "en", "end of month", D(2027, 1, 31)),
    (MONTH_END, "en", "29.2", D(2028, 2, 29)),
    # -- the leap day --------------------------------------------------------------------
    (LEAP_EVE, "en", "tomorrow", D(2028, 2, 29)),
    (LEAP_EVE, "en", "end of month", D(2028, 2, 29)),
    (LEAP_EVE, "en", "feb 29", D(2028, 2, 29)),
    (LEAP_EVE, "en", "29.02.2028", D(2028, 2, 29)),
    (LEAP_EVE, "en", "in 1 year", D(2029, 2, 28)),
    (LEAP_DAY, "en", "in 1 year", D(2029, 2, 28)),
    (LEAP_DAY, "en", "in 12 months", D(2029, 2, 28)),
    (LEAP_DAY, "en", "in 4 years", D(2032, 2, 29)),
    # -- German ------------------------------------------------------------------------------
    (MON, "de", "heute", D(2026, 12, 7)),
    (MON, "de", "morgen", D(2026, 12, 8)),
    (MON, "de", "übermorgen", D(2026, 12, 9)),
    (MON, "de", "Freitag", D(2026, 12, 11)),
    (MON, "de", "Fr.", D(2026, 12, 11)),
    (MON, "de", "am Freitag", D(2026, 12, 11)),
    (MON, "de", "nächsten Freitag", D(2026, 12, 18)),
    (MON, "de", "nächste Woche", D(2026, 12, 14)),
    (MON, "de", "in 3 Tagen", D(2026, 12, 10)),
    (MON, "de", "in einer Woche", D(2026, 12, 14)),
    (MON, "de", "24. Dezember", D(2026, 12, 24)),
    (MON, "de", "24. Dez.", D(2026, 12, 24)),
    (MON, "de", "Ende des Monats", D(2026, 12, 31)),
    (MON, "de", "24/12", D(2026, 12, 24)),  # German: day first
    (MON, "de", "fri", D(2026, 12, 11)),  # English as well
    # -- Russian -----------------------------------------------------------------------------
    (MON, "ru", "сегодня", D(2026, 12, 7)),
    (MON, "ru", "завтра", D(2026, 12, 8)),
    (MON, "ru", "послезавтра", D(2026, 12, 9)),
    (MON, "ru", "пятница", D(2026, 12, 11)),
    (MON, "ru", "пт", D(2026, 12, 11)),
    (MON, "ru", "в пятницу", D(2026, 12, 11)),
    (MON, "ru", "в следующую пятницу", D(2026, 12, 18)),
    (MON, "ru", "на следующей неделе", D(2026, 12, 14)),
    (MON, "ru", "через 3 дня", D(2026, 12, 10)),
    (MON, "ru", "через неделю", D(2026, 12, 14)),
    (MON, "ru", "через 2 месяца", D(2027, 2, 7)),
    (MON, "ru", "24 декабря", D(2026, 12, 24)),
    (MON, "ru", "конец месяца", D(2026, 12, 31)),
    # -- Brazilian Portuguese ----------------------------------------------------------------
    (MON, "pt_BR", "hoje", D(2026, 12, 7)),
    (MON, "pt_BR", "amanhã", D(2026, 12, 8)),
    (MON, "pt_BR", "depois de amanhã", D(2026, 12, 9)),
    (MON, "pt_BR", "sexta", D(2026, 12, 11)),
    (MON, "pt_BR", "sexta-feira", D(2026, 12, 11)),
    (MON, "pt_BR", "sáb", D(2026, 12, 12)),
    (MON, "pt_BR", "sexta que vem", D(2026, 12, 18)),
    (MON, "pt_BR", "próxima sexta", D(2026, 12, 18)),
    (MON, "pt_BR", "daqui a 3 dias", D(2026, 12, 10)),
    (MON, "pt_BR", "em 2 semanas", D(2026, 12, 21)),
    (MON, "pt_BR", "24 de dezembro", D(2026, 12, 24)),
    (MON, "pt_BR", "fim do mês", D(2026, 12, 31)),
    (MON, "pt_BR", "24/12", D(2026, 12, 24)),
    # -- Simplified Chinese ------------------------------------------------------------------
    (MON, "zh_CN", "今天", D(2026, 12, 7)),
    (MON, "zh_CN", "明天", D(2026, 12, 8)),
    (MON, "zh_CN", "后天", D(2026, 12, 9)),
    (MON, "zh_CN", "周五", D(2026, 12, 11)),
    (MON, "zh_CN", "星期五", D(2026, 12, 11)),
    (MON, "zh_CN", "下周五", D(2026, 12, 18)),
    (MON, "zh_CN", "3天后", D(2026, 12, 10)),
    (MON, "zh_CN", "三天后", D(2026, 12, 10)),
    (MON, "zh_CN", "两周后", D(2026, 12, 21)),
    (MON, "zh_CN", "一个月后", D(2027, 1, 7)),
    (MON, "zh_CN", "12月24日", D(2026, 12, 24)),
    (MON, "zh_CN", "2027年1月5日", D(2027, 1, 5)),
    (MON, "zh_CN", "月底", D(2026, 12, 31)),
    (MON, "zh_CN", "12/24", D(2026, 12, 24)),  # Chinese: month first
]


@pytest.mark.parametrize(("today", "language", "text", "expected"), TABLE)
def test_what_a_typed_date_means(today: date, language: str, text: str, expected: date) -> None:
    assert parse_typed_date(text, today, language) == expected


def test_the_table_is_long_and_covers_every_language() -> None:
    assert len(TABLE) >= 60
    assert {language for _today, language, _text, _day in TABLE} == set(LANGUAGES)


@pytest.mark.parametrize(
    ("language", "text", "message"),
    [
        ("en", "32.13", "'32.13' is not a valid date: there is no such day."),
        ("en", "feb 30", "'feb 30' is not a valid date: there is no such day."),
        ("en", "31.4.2027", "no such day"),
        ("en", "2026-02-30", "'2026-02-30' is not a valid date: there is no such day."),
        ("en", "24/12", "no such day"),  # English reads it month first: month 24
        ("en", "fri fri", "'fri fri' is not a date Planner understands; try today, fri"),
        ("en", "3", "'3' is not a date Planner understands"),
        ("en", "next", "not a date Planner understands"),
        ("en", "in", "not a date Planner understands"),
        ("en", "morgen", "not a date Planner understands"),  # German, not spoken now
        ("de", "завтра", "not a date Planner understands"),
        ("en", "", "No date was typed."),
        ("en", " \t ", "No date was typed."),
        ("en", "in 99999999999 days", "is too far in the past or the future."),
        ("en", "in 9999 years", "is too far in the past or the future."),
        ("en", "1.1.0000", "no such day"),
        ("zh_CN", "13月1日", "no such day"),
        ("en", "a\nb", "'a\\nb' is not a date"),  # on one line, as typed
    ],
)
def test_nonsense_is_refused_saying_why(language: str, text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_typed_date(text, MON, language)
    assert message in str(refused.value)


def test_ten_megabytes_are_refused_by_their_length() -> None:
    text = "fri " * (10 * 2**20 // 4)
    with pytest.raises(InvalidInput) as refused:
        parse_typed_date(text, MON, "en")
    assert str(refused.value) == (
        "A date is typed in at most 100 characters; this text has 10,485,760."
    )


def test_a_language_planner_does_not_speak_reads_english() -> None:
    assert parse_typed_date("next fri", MON, "fr") == date(2026, 12, 18)
    with pytest.raises(InvalidInput):
        parse_typed_date("demain", MON, "fr")


def test_the_last_day_of_the_calendar_has_no_tomorrow() -> None:
    with pytest.raises(InvalidInput, match="too far"):
        parse_typed_date("tomorrow", date(9999, 12, 31), "en")
    assert parse_typed_date("today", date(9999, 12, 31), "en") == date(9999, 12, 31)


def test_the_language_defaults_to_the_one_planner_speaks(speaking: object) -> None:
    from planner import i18n

    i18n.set_language("de")
    assert parse_typed_date("morgen", MON) == date(2026, 12, 8)
    i18n.set_language("en")
    with pytest.raises(InvalidInput):
        parse_typed_date("morgen", MON)


@pytest.fixture
def speaking() -> object:
    from planner import i18n

    before = i18n.current_language()
    yield None
    i18n.set_language(before)


# -- anything at all: a day, or InvalidInput -------------------------------------------------

_WORDS = sorted(
    {w for language in LANGUAGES for w in td.vocabulary(language).weekdays}
    | {w for language in LANGUAGES for w in td.vocabulary(language).months}
    | {
        w
        for language in LANGUAGES
        for p in td.vocabulary(language).grammar.phrases
        for w in p.split()
    }
    | {w for language in LANGUAGES for w in td.vocabulary(language).grammar.units}
    | {
        "next",
        "in",
        "+",
        "-",
        ".",
        "/",
        "de",
        "que",
        "vem",
        "a",
        "на",
        "周",
        "下",
        "后",
        "月",
        "日",
    }
)
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["24.12", "24.12.", "29.2", "31.4", "12/24", "2026-02-29", "0.0", "99.99.99"]),
    st.text(max_size=6),
)


@settings(max_examples=800, deadline=None)
@given(
    pieces=st.lists(_PIECES, max_size=5),
    glue=st.sampled_from([" ", "", "  ", ","]),
    today=st.dates(),
    language=st.sampled_from(LANGUAGES),
)
def test_any_words_give_a_day_or_a_clear_refusal(
    pieces: list[str], glue: str, today: date, language: str
) -> None:
    text = glue.join(pieces)
    try:
        day = parse_typed_date(text, today, language)
    except InvalidInput as refused:
        assert str(refused) and "\n" not in str(refused)
    else:
        assert isinstance(day, date)


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=120), today=st.dates(), language=st.sampled_from(LANGUAGES))
def test_any_text_gives_a_day_or_a_clear_refusal(text: str, today: date, language: str) -> None:
    try:
        assert isinstance(parse_typed_date(text, today, language), date)
    except InvalidInput as refused:
        assert str(refused) and "\n" not in str(refused)


# The examples each language's messages and --help give (planner.po) are dates it reads.
EXAMPLES = {
    "de": ["heute", "Fr", "nächsten Fr", "in 3 Tagen", "24. Dez", "24.12"],
    "ru": ["сегодня", "пт", "в следующую пт", "через 3 дня", "24 дек", "24.12"],
    "pt_BR": ["hoje", "sex", "próxima sex", "em 3 dias", "24 dez", "24/12"],
    "zh_CN": ["今天", "周五", "下周五", "3天后", "12月24日", "12/24"],
}


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_the_examples_the_translations_give_are_read(language: str) -> None:
    days = [parse_typed_date(text, MON, language) for text in EXAMPLES[language]]
    assert days == [
        date(2026, 12, 7),
        date(2026, 12, 11),
        date(2026, 12, 18),
        date(2026, 12, 10),
        date(2026, 12, 24),
        date(2026, 12, 24),
    ]
