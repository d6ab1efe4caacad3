"""Repeat rules in words, both ways: the words typed give the rule, the rule gives the words
shown (through the catalog and Babel), and the English words shown read back as the same
rule."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from planner import i18n
from planner.domain.errors import InvalidInput
from planner.domain.recurrence import clean_rule
from planner.domain.rule_words import rule_from_words, rule_words

START = date(2027, 1, 6)


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _rule(words: str) -> str:
    return clean_rule(rule_from_words(words), START)


@pytest.mark.parametrize(
    ("words", "rule"),
    [
        ("every 2 weeks on mon,thu", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
        ("monthly on the last day", "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ("every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("every 3 days", "FREQ=DAILY;INTERVAL=3"),
        ("yearly", "FREQ=YEARLY"),
        ("annually", "FREQ=YEARLY"),
        ("daily", "FREQ=DAILY"),
        ("every day", "FREQ=DAILY"),
        ("Every Week", "FREQ=WEEKLY"),
        ("every other month", "FREQ=MONTHLY;INTERVAL=2"),
        ("weekly on Monday and Thursday", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("every week on sat sun", "FREQ=WEEKLY;BYDAY=SA,SU"),
        ("every 2 weeks on thu, mon", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
        ("monthly on day 15", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("monthly on the 31st", "FREQ=MONTHLY;BYMONTHDAY=31"),
        ("monthly on the 2nd tuesday", "FREQ=MONTHLY;BYDAY=2TU"),
        ("every 3 months on the last friday", "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR"),
        ("monthly on the last weekday", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
        ("monthly on the first working day", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"),
        ("yearly on dec 24", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24"),
        ("yearly on 29 february", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
        ("daily until 2027-06-30", "FREQ=DAILY;UNTIL=20270630"),
        ("Daily, until Jun 30, 2027", "FREQ=DAILY;UNTIL=20270630"),
        ("every week, 5 times", "FREQ=WEEKLY;COUNT=5"),
        ("every week for 5 times", "FREQ=WEEKLY;COUNT=5"),
    ],
)
def test_words_typed(words: str, rule: str) -> None:
    assert _rule(words) == rule


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "Every 2 weeks on Mon, Thu"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "Monthly on the last day"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every weekday"),
        ("FREQ=DAILY;INTERVAL=3", "Every 3 days"),
        ("FREQ=YEARLY", "Yearly"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU", "Every 2 months on the second Tuesday"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "Monthly on the last Friday"),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "Monthly on the last weekday"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "Monthly on day 15"),
        ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24", "Yearly on Dec 24"),
        ("FREQ=DAILY;UNTIL=20270630", "Daily, until Jun 30, 2027"),
        ("FREQ=WEEKLY;COUNT=1", "Weekly, 1 time"),
        ("FREQ=WEEKLY;COUNT=5", "Weekly, 5 times"),
        ("FREQ=DAILY;BYDAY=SA,SU", "Daily on Sat, Sun"),
        # What words cannot say shows as the rule itself.
        ("FREQ=YEARLY;BYWEEKNO=20", "Repeats by the rule FREQ=YEARLY;BYWEEKNO=20"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", "Repeats by the rule FREQ=MONTHLY;BYMONTHDAY=1,15"),
    ],
)
def test_words_shown(rule: str, words: str) -> None:
    assert rule_words(clean_rule(rule, START)) == words


def test_words_shown_in_the_language_spoken(english_after: None) -> None:
    i18n.set_language("de")
    words = rule_words("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH")
    assert "Mo" in words and "Do" in words  # Babel's German weekdays
    assert "Mon" not in words
    assert "Dez" in rule_words("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24")


class _Marked(gettext.NullTranslations):
    """Every message the code asks for comes back marked."""

    def gettext(self, message: str) -> str:
        return f"<{message}>"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"<{singular if n == 1 else plural}>"

    def pgettext(self, context: str, message: str) -> str:
        return f"<{message}>"


@pytest.mark.parametrize(
    ("rule", "marked"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "<<Every 2 weeks> on Mon<, >Thu>"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", "<<<Monthly> on the last day>, 3 times>"),
        (
            "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270630",
            "<<<Monthly> on the second Tuesday>, until Jun 30, 2027>",
        ),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "<Every weekday>"),
        ("FREQ=YEARLY;BYWEEKNO=20", "<Repeats by the rule FREQ=YEARLY;BYWEEKNO=20>"),
    ],
)
def test_every_word_comes_from_the_catalog(rule: str, marked: str, english_after: None) -> None:
    """Only names, dates and numbers (Babel's, in the language spoken) are not the
    catalog's."""
    i18n.use_catalog(_Marked(), "en")
    assert rule_words(rule) == marked


@st.composite
def spoken_rules(draw: st.DrawFn) -> str:
    """Rules that words can say."""
    freq = draw(st.sampled_from(("DAILY", "WEEKLY", "MONTHLY", "YEARLY")))
    parts = [f"FREQ={freq}"]
    interval = draw(st.integers(1, 12))
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    shape = draw(st.integers(0, 3))
    if freq in ("DAILY", "WEEKLY") and shape:
        days = draw(
            st.lists(
                st.sampled_from(("MO", "TU", "WE", "TH", "FR", "SA", "SU")), min_size=1, unique=True
            )
        )
        order = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
        parts.append("BYDAY=" + ",".join(sorted(days, key=order.index)))
    elif freq == "MONTHLY" and shape == 1:
        parts.append(f"BYMONTHDAY={draw(st.sampled_from([-1, *range(1, 29)]))}")
    elif freq == "MONTHLY" and shape == 2:
        n = draw(st.sampled_from((1, 2, 3, 4, -1)))
        parts.append(f"BYDAY={n}{draw(st.sampled_from(('MO', 'TU', 'WE', 'FR', 'SU')))}")
    elif freq == "MONTHLY" and shape == 3:
        parts.append(f"BYDAY=MO,TU,WE,TH,FR;BYSETPOS={draw(st.sampled_from((1, -1)))}")
    elif freq == "YEARLY" and shape:
        parts.append(f"BYMONTH={draw(st.integers(1, 12))};BYMONTHDAY={draw(st.integers(1, 28))}")
    end = draw(st.integers(0, 2))
    if end == 1:
        parts.append(f"COUNT={draw(st.integers(1, 500))}")
    elif end == 2:
        parts.append(f"UNTIL={draw(st.dates(date(2027, 1, 6), date(2099, 12, 31))):%Y%m%d}")
    return ";".join(parts)


@settings(max_examples=300, deadline=None)
@given(spoken_rules())
def test_the_english_words_shown_read_back_as_the_same_rule(rule: str) -> None:
    try:
        canonical = clean_rule(rule, START)
    except InvalidInput:  # ends before its first day: no rule to show
        assume(False)
        raise
    words = rule_words(canonical)
    assert not words.startswith("Repeats by the rule"), words
    assert _rule(words) == canonical


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("fortnightly", "'fortnightly' is not a repeat rule Planner reads; try 'every 2 weeks"),
        ("every 2 weeks on funday", "'every 2 weeks on funday' is not a repeat rule"),
        ("monthly on mon", "'monthly on mon' is not a repeat rule"),
        ("daily until someday", "'someday' in 'daily until someday' is not a date"),
        ("daily until 2027-02-30", "'2027-02-30' in 'daily until 2027-02-30' is not a date"),
        ("", "'' is not a repeat rule"),
    ],
)
def test_words_that_are_no_rule(words: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        rule_from_words(words)


def test_zero_times_and_a_huge_interval_are_refused_as_rules_are() -> None:
    with pytest.raises(InvalidInput, match="COUNT must be from 1"):
        _rule("every week, 0 times")
    with pytest.raises(InvalidInput, match="An interval must be from 1 to 999"):
        _rule("every 1000000000 days")
    with pytest.raises(InvalidInput, match=r"ends \(UNTIL 2026-01-01\) before it starts"):
        _rule("daily until 2026-01-01")


@pytest.mark.parametrize(
    ("language", "rule", "words"),
    [
        ("ru", "FREQ=MONTHLY;BYDAY=1WE", "Ежемесячно в первую среду месяца"),
        ("ru", "FREQ=MONTHLY;BYDAY=-1SU", "Ежемесячно в последнее воскресенье месяца"),
        ("ru", "FREQ=MONTHLY;BYDAY=2MO", "Ежемесячно во второй понедельник месяца"),
        ("pt_BR", "FREQ=MONTHLY;BYDAY=1SA", "Mensalmente, no primeiro sábado do mês"),
        ("pt_BR", "FREQ=MONTHLY;BYDAY=-1FR", "Mensalmente, na última sexta-feira do mês"),
        ("de", "FREQ=MONTHLY;INTERVAL=2;BYDAY=3TH", "Alle 2 Monate am dritten Donnerstag"),
    ],
)
def test_the_nth_weekday_agrees_in_each_language(
    language: str, rule: str, words: str, english_after: None
) -> None:
    """A whole sentence for each weekday of each place in the month: the words agree with
    the weekday ("первую среду", "primeiro sábado"), which a sentence with the weekday's
    name put in could not."""
    i18n.set_language(language)
    assert rule_words(rule) == words
