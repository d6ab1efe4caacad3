import unicodedata
from collections.abc import Callable

import pytest

from planner.domain.costs import clean_line_fields
from planner.domain.errors import InvalidInput
from planner.domain.items import Priority
from planner.domain.metrics import clean_journal_text, clean_metric
from planner.domain.validation import clean_notes, clean_title, parse_date, parse_priority


def test_title_is_trimmed_and_joined_to_one_line() -> None:
    assert clean_title("  Book\n flights \r\n now ") == "Book flights now"
    assert clean_title("tab\there") == "tab here"


@pytest.mark.parametrize("bad", ["", "   ", "\n\n", "\x00"])
def test_empty_title_refused(bad: str) -> None:
    with pytest.raises(InvalidInput, match="title is required"):
        clean_title(bad)


def test_long_title_refused_with_its_length() -> None:
    assert len(clean_title("x" * 500)) == 500
    with pytest.raises(InvalidInput, match="at most 500 characters; this one has 501"):
        clean_title("x" * 501)


def test_a_title_is_refused_on_its_length_before_its_characters_are_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    looked_at: list[str] = []
    category = unicodedata.category
    monkeypatch.setattr(unicodedata, "category", lambda ch: looked_at.append(ch) or category(ch))
    with pytest.raises(InvalidInput, match="at most 500 characters; this one has 100,000"):
        clean_title("x" * 100_000)
    assert looked_at == []
    # Within the limit, every character is still looked at: control characters go.
    assert clean_title("  ring\x07the\x1bbell\x7f ") == "ring the bell"
    assert len(looked_at) == len("ring\x07the\x1bbell\x7f")


def test_notes_are_refused_on_their_length_before_their_characters_are_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert clean_notes("a\x00b\n" + "x" * 999_996) == "ab\n" + "x" * 999_996
    looked_at: list[str] = []
    category = unicodedata.category
    monkeypatch.setattr(unicodedata, "category", lambda ch: looked_at.append(ch) or category(ch))
    with pytest.raises(
        InvalidInput, match=r"^Notes can be at most 1,000,000 characters; these have 1,000,001\.$"
    ):
        clean_notes("x" * 1_000_001)
    assert looked_at == []


@pytest.mark.parametrize(
    ("clean", "message"),
    [
        (lambda text: clean_line_fields({"description": text}), "A line's description can be"),
        (lambda text: clean_line_fields({"unit": text}), "A unit can be at most 50 char"),
        (lambda text: clean_metric(1, {"name": "Km", "unit": text}), "A unit can be at most 50"),
        (clean_journal_text, "A journal entry can be at most 100,000 characters"),
    ],
    ids=["line description", "line unit", "metric unit", "journal entry"],
)
def test_other_texts_are_refused_on_their_length_before_their_characters_are_read(
    monkeypatch: pytest.MonkeyPatch, clean: Callable[[str], object], message: str
) -> None:
    looked_at: list[str] = []
    category = unicodedata.category
    monkeypatch.setattr(unicodedata, "category", lambda ch: looked_at.append(ch) or category(ch))
    with pytest.raises(InvalidInput, match=message):
        clean(" x" * 1_000_000)
    assert len(looked_at) <= len("Km")  # the metric's name only


def test_dates() -> None:
    assert parse_date(" 2026-12-31 ").isoformat() == "2026-12-31"
    with pytest.raises(InvalidInput, match="no such day"):
        parse_date("2026-02-30")
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        parse_date("31.12.2026")


def test_priority() -> None:
    assert parse_priority("High") is Priority.HIGH
    with pytest.raises(InvalidInput, match="none, low, medium or high"):
        parse_priority("urgent")
