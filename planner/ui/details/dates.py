"""Date fields that write a date the current language's way: the pattern of formats.py's
dates (CLDR, through Babel) turned into a QDateEdit display format, whose month and day
names then come from the field's QLocale ("Tue, Jan 5, 2027", "Di., 5. Jan. 2027",
"2027年1月5日周二")."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from planner import formats

WITH_WEEKDAY = "yMMMEd"
PLAIN = "yMMMd"
_SAMPLE = QDate(2026, 9, 30)  # a long month name and a two-digit day, for the width


def display_format(skeleton: str) -> str:
    """Qt's display format for a CLDR skeleton in the current language."""
    return _qt_format(skeleton, formats.formatting_locale())


@cache
def _qt_format(skeleton: str, locale_name: str) -> str:
    from babel import Locale
    from babel.dates import match_skeleton, tokenize_pattern

    patterns = Locale.parse(locale_name).datetime_skeletons
    if skeleton not in patterns:
        skeleton = match_skeleton(skeleton, patterns) or PLAIN
    parts = []
    for _kind, value in tokenize_pattern(patterns[skeleton].pattern):
        if isinstance(value, tuple):  # a field: (letter, how many)
            parts.append(_field(str(value[0]), int(value[1])))
        else:
            parts.append(_literal(str(value)))
    return "".join(parts)


def _field(letter: str, count: int) -> str:
    if letter in "yuU":
        return "yyyy"
    if letter in "ML":
        return "M" * min(count, 4)
    if letter == "d":
        return "d" * min(count, 2)
    if letter in "Eec":
        return "dddd" if count == 4 else "ddd"
    return ""  # an era or the like: not in the skeletons asked for


def _literal(text: str) -> str:
    """Text Qt must not read as fields: quoted when it holds letters or a quote."""
    if any(c.isascii() and c.isalpha() for c in text) or "'" in text:
        return "'" + text.replace("'", "''") + "'"
    return text


def show_dates_in_language(edit: QDateEdit, skeleton: str = WITH_WEEKDAY) -> None:
    """Give a date field the current language's display format, and room for it."""
    pattern = display_format(skeleton)
    edit.setDisplayFormat(pattern)
    sample = edit.locale().toString(_SAMPLE, pattern)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(sample) + 40)
