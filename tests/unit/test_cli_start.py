"""A plain start of the window read without the full parser: for every command line, the
same window (in the same language) as the full parser's, or nothing at all (no word said,
the full parser reads it): commands, --help, abbreviated options, mistakes."""

from __future__ import annotations

import pytest

from planner import i18n
from planner.cli import main
from planner.cli.start import OpenWindow, plain_start

PLAIN = [
    [],
    ["--db", "plan.sqlite3"],
    ["--db=plan.sqlite3", "--demo"],
    ["--lang", "de", "--in-tray"],
    ["--lang=pt_BR", "--db", "a b.sqlite3", "--db", "other.sqlite3"],
    ["--demo", "--lang", "zh_CN"],
]
NOT_PLAIN = [
    ["list"],
    ["--db", "plan.sqlite3", "add", "Buy milk"],
    ["--help"],
    ["-h"],
    ["--de"],  # an abbreviation: the full parser's to take
    ["--db"],
    ["--db", ""],
    ["--db", "  "],
    ["--db", "--demo"],
    ["--lang", "xx"],
    ["--lang"],
    ["--demo=yes"],
    ["--"],
    ["--", "list"],
    ["-x"],
    ["plan.sqlite3"],
]


@pytest.fixture(autouse=True)
def _language_kept() -> object:
    before = i18n.current_language()
    yield
    i18n.set_language(before)


@pytest.mark.parametrize("argv", PLAIN)
def test_a_plain_start_is_the_window_the_full_parser_gives(argv: list[str]) -> None:
    i18n.set_language("en")
    quick = plain_start(argv)
    quick_language = i18n.current_language()
    i18n.set_language("en")
    full = main.run(argv)
    assert isinstance(quick, OpenWindow) and quick == full
    assert quick_language == i18n.current_language()


@pytest.mark.parametrize("argv", NOT_PLAIN)
def test_anything_else_is_left_to_the_full_parser_unsaid(
    argv: list[str], capfd: pytest.CaptureFixture[str]
) -> None:
    assert plain_start(argv) is None
    assert capfd.readouterr() == ("", "")
