"""Reading a quick-add line: every kind of part with its place in the line, the date the
title ends with (and only that one), escaping, a part given twice, and any line at all
read or refused with a message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.errors import InvalidInput
from planner.domain.items import Priority
from planner.domain.quick_add import (
    MAX_LINE,
    Cost,
    Part,
    PartKind,
    QuickEntry,
    as_text,
    parse_quick_add,
)

MON = date(2026, 12, 7)


def read(line: str, language: str = "en", locale: str = "en_US") -> QuickEntry:
    return parse_quick_add(line, MON, language, locale)


def spans(line: str, entry: QuickEntry) -> list[tuple[str, str]]:
    """Each part's kind and the text its span covers in the line."""
    return [(p.kind.value, line[p.start : p.end]) for p in entry.parts]


def test_the_issues_example_with_every_part() -> None:
    line = "Buy running shoes fri !high @Ana €129.99 #Health"
    entry = read(line)
    assert entry.title == "Buy running shoes"
    assert entry.due == date(2026, 12, 11)
    assert entry.priority is Priority.HIGH
    assert entry.assignee == "Ana"
    assert entry.cost == Cost(Decimal("129.99"), "€")
    assert entry.parent == ("Health",)
    assert spans(line, entry) == [
        ("due", "fri"),
        ("priority", "!high"),
        ("assignee", "@Ana"),
        ("cost", "€129.99"),
        ("parent", "#Health"),
    ]
    assert entry.parts[0] == Part(PartKind.DUE, 18, 21, "fri")


def test_a_title_alone_has_no_parts() -> None:
    entry = read("  Call the plumber  ")
    assert entry == QuickEntry("Call the plumber")


@pytest.mark.parametrize(
    ("line", "title", "due", "due_text"),
    [
        ("Pay rent end of month", "Pay rent", date(2026, 12, 31), "end of month"),
        ("Read in 3 days", "Read", date(2026, 12, 10), "in 3 days"),
        ("Book flights next fri !low", "Book flights", date(2026, 12, 18), "next fri"),
        ("Buy shoes !high fri @Ana", "Buy shoes", date(2026, 12, 11), "fri"),  # among parts
        ("Gift dec 24 2027", "Gift", date(2027, 12, 24), "dec 24 2027"),
        ("Tax form 24.12.", "Tax form", date(2026, 12, 24), "24.12."),
        # a date in the middle of the title is text; only the end is read
        ("Call mom tomorrow about it", "Call mom tomorrow about it", None, None),
        # the title keeps a word: a date alone is the title
        ("tomorrow", "tomorrow", None, None),
        ("Run 12.5 km", "Run 12.5 km", None, None),
        # the date's words stand together: a part between them ends it
        ("Meet dec !high 24", "Meet dec 24", None, None),
        # an escaped word is text, as a part is: the date may stand before it
        ("Read in 3 days \\!low", "Read !low", date(2026, 12, 10), "in 3 days"),
        # (so a date's words are escaped together: "in 3" alone is a date too)
        ("Read in 3 \\days", "Read days", date(2026, 12, 10), "in 3"),
        ("Plan 32.13", "Plan 32.13", None, None),  # no such day: text
    ],
)
def test_the_due_date_is_what_the_title_ends_with(
    line: str, title: str, due: date | None, due_text: str | None
) -> None:
    entry = read(line)
    assert (entry.title, entry.due) == (title, due)
    dues = [text for kind, text in spans(line, entry) if kind == "due"]
    assert dues == ([due_text] if due_text else [])


@pytest.mark.parametrize(
    ("word", "priority"),
    [
        ("!high", Priority.HIGH),
        ("!HIGH", Priority.HIGH),
        ("!h", Priority.HIGH),
        ("!1", Priority.HIGH),
        ("!medium", Priority.MEDIUM),
        ("!m", Priority.MEDIUM),
        ("!2", Priority.MEDIUM),
        ("!low", Priority.LOW),
        ("!3", Priority.LOW),
        ("!none", Priority.NONE),
        ("!0", Priority.NONE),
    ],
)
def test_priorities(word: str, priority: Priority) -> None:
    assert read(f"Task {word}").priority is priority


@pytest.mark.parametrize(
    ("word", "amount", "sign"),
    [
        ("€129.99", "129.99", "€"),
        ("129.99€", "129.99", "€"),
        ("$12", "12", "$"),
        ("R$50", "50", "R$"),
        ("US$1,250.50", "1250.5", "US$"),
        ("CHF40", "40", "CHF"),
        ("40EUR", "40", "EUR"),
        ("¥3000", "3000", "¥"),
        ("₽500", "500", "₽"),
    ],
)
def test_money_in_one_word(word: str, amount: str, sign: str) -> None:
    assert read(f"Shoes {word}").cost == Cost(Decimal(amount), sign)


def test_money_in_the_users_way_of_writing_numbers() -> None:
    assert read("Schuhe 129,99€", "de", "de_DE").cost == Cost(Decimal("129.99"), "€")
    with pytest.raises(InvalidInput, match="'129,99€' is not an amount of money"):
        read("Shoes 129,99€", "en", "en_US")


@pytest.mark.parametrize(
    "line",
    ["Fix C# bug", "Mail ana@example.com", "Score 3-1", "Go!", "Wow !!", "Ask @ once", "# 1"],
)
def test_marks_inside_words_or_alone_are_text(line: str) -> None:
    entry = read(line)
    assert entry == QuickEntry(line)


def test_people_and_places_with_spaces_take_underscores() -> None:
    entry = read("Train @Ana_Silva #Health/Run_a_marathon")
    assert entry.assignee == "Ana Silva"
    assert entry.parent == ("Health", "Run a marathon")


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Email \\@ana about \\#1", "Email @ana about #1"),
        ("Say \\!high loudly", "Say !high loudly"),
        ("Meet \\fri", "Meet fri"),  # an escaped date word is text
        ("Read \\in \\3 \\days", "Read in 3 days"),
        ("Path \\\\share", "Path \\share"),  # two backslashes: one
        ("Price \\€5", "Price €5"),
    ],
)
def test_a_backslash_keeps_a_word_as_text(line: str, title: str) -> None:
    entry = read(line)
    assert entry.title == title
    assert entry.parts == ()


@pytest.mark.parametrize(
    "line",
    [
        "Buy running shoes fri !high @Ana €129.99 #Health",
        "Read in 3 days !low",
        "Pay rent end of month #Home",
        "Gift dec 24 2027 @Bo",
    ],
)
def test_each_part_turns_back_into_text(line: str) -> None:
    entry = read(line)
    for part in entry.parts:
        again = read(as_text(line, part))
        assert part.kind not in {p.kind for p in again.parts}
        others = [(p.kind, p.text) for p in entry.parts if p is not part]
        assert [(p.kind, p.text) for p in again.parts] == others
        assert part.text in again.title


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Task !hihg", "'!hihg' is not a priority: write !high, !medium, !low or !none"),
        ("Task !high !low", "Two priorities, '!high' and '!low': keep one."),
        ("Task @Ana @Bo", "Two people, '@Ana' and '@Bo': keep one."),
        ("Task €1 $2", "Two amounts, '€1' and '$2': a quick entry makes one cost line."),
        ("Task #A #B", "Two places, '#A' and '#B': keep one."),
        ("Task €1.2.3", "'€1.2.3' is not an amount of money."),
        ("Task €-5", None),  # a sign that is not one: text
        ("!high @Ana", "A title is required."),
        ("", "A title is required."),
        ("\\", None),  # a lone backslash is a backslash
    ],
)
def test_refusals(line: str, message: str | None) -> None:
    if message is None:
        assert read(line).title
        return
    with pytest.raises(InvalidInput) as refused:
        read(line)
    assert message in str(refused.value)


def test_a_line_is_refused_by_its_length_first() -> None:
    with pytest.raises(InvalidInput) as refused:
        read("x " * (5 * 2**20))
    assert str(refused.value) == (
        f"A quick entry can be at most {MAX_LINE:,} characters; this one has 10,485,760."
    )


def test_the_language_spoken_gives_its_date_words_and_priority_names() -> None:
    entry = read("Schuhe kaufen nächsten Freitag", "de", "de_DE")
    assert (entry.title, entry.due) == ("Schuhe kaufen", date(2026, 12, 18))
    assert read("Купить кроссовки завтра", "ru").due == date(2026, 12, 8)
    assert read("Comprar tênis sexta", "pt_BR").due == date(2026, 12, 11)
    assert read("买跑鞋 明天", "zh_CN").due == date(2026, 12, 8)
    assert read("Do it tomorrow", "de", "de_DE").due == date(2026, 12, 8)  # and English


@settings(max_examples=500, deadline=None)
@given(
    words=st.lists(
        st.one_of(
            st.sampled_from(
                ["fri", "next", "in", "3", "days", "dec", "24", "24.12", "!high", "!x", "!",
                 "@Ana", "@", "#Health/Run", "#", "€12.5", "12€", "$", "\\", "\\@a", "tomorrow"]
            ),
            st.text(max_size=8),
        ),
        max_size=8,
    ),
    language=st.sampled_from(["en", "ru", "pt_BR", "zh_CN", "de"]),
)  # fmt: skip
def test_any_line_is_read_or_refused_with_a_message(words: list[str], language: str) -> None:
    line = " ".join(words)
    try:
        entry = read(line, language)
    except InvalidInput as refused:
        assert str(refused) and "\n" not in str(refused)
        return
    assert entry.title.strip()
    for part in entry.parts:
        assert line[part.start : part.end] == part.text
    starts = [p.start for p in entry.parts]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("language", "word", "priority"),
    [
        ("de", "!hoch", Priority.HIGH),
        ("de", "!niedrig", Priority.LOW),
        ("ru", "!высокий", Priority.HIGH),
        ("pt_BR", "!média", Priority.MEDIUM),
        ("zh_CN", "!高", Priority.HIGH),
        ("de", "!high", Priority.HIGH),  # English's always
    ],
)
def test_priority_names_in_the_language_spoken(
    language: str, word: str, priority: Priority
) -> None:
    from planner import i18n

    before = i18n.current_language()
    i18n.set_language(language)
    try:
        assert read(f"Task {word}", language).priority is priority
    finally:
        i18n.set_language(before)
