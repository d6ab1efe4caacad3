import pytest

from planner.domain.errors import InvalidInput
from planner.domain.items import Priority
from planner.domain.validation import clean_title, parse_date, parse_priority


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
