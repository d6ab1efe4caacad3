"""Dates, times, numbers and shares as a person reads them, the same everywhere, in each
language's own way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from planner import formats, i18n

EXPECTED = {
    "en": ("Jan 5, 2027", "Tuesday, January 5, 2027", "1,234,567", "22%"),
    "ru": ("5 янв. 2027\u202fг.", "вторник, 5 января 2027\u202fг.", "1\xa0234\xa0567", "22\xa0%"),
    "pt_BR": ("5 de jan. de 2027", "terça-feira, 5 de janeiro de 2027", "1.234.567", "22%"),
    "zh_CN": ("2027年1月5日", "2027年1月5日星期二", "1,234,567", "22%"),
    "de": ("5. Jan. 2027", "Dienstag, 5. Januar 2027", "1.234.567", "22\xa0%"),
}


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_each_language_its_own_way(language: str, english_after: None) -> None:
    i18n.set_language(language)
    day = date(2027, 1, 5)
    shown = (
        formats.date_short(day),
        formats.date_long(day),
        formats.number(1234567),
        formats.percent(Decimal("0.22")),
    )
    assert shown == EXPECTED[language]


def test_a_moment_is_its_short_date_and_time(
    monkeypatch: pytest.MonkeyPatch, english_after: None
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    i18n.set_language("de")
    assert formats.moment(datetime(2026, 12, 6, 8, 53, tzinfo=UTC)).startswith("6. Dez. 2026")


def test_the_region_of_the_system_when_it_speaks_the_language(
    monkeypatch: pytest.MonkeyPatch, english_after: None
) -> None:
    i18n.set_language("de")
    monkeypatch.setenv("LANG", "de_CH.UTF-8")
    assert formats.number(1234567) == "1’234’567"  # Swiss grouping
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")  # a region that speaks another language
    assert formats.number(1234567) == "1.234.567"
