r"""One typed line that makes an item, read into its title and parts, each part with where
it stands in the line (for highlighting): `Buy running shoes fri !high @Ana €129.99
#Health`.

The rules, word by word (a word is what stands between spaces):

- `!high`, `!medium`, `!low`, `!none` (or `!h`, `!m`, `!l`, or `!1` `!2` `!3` `!0` as the
  keys Ctrl+1/2/3/0 give them, or the priority's name in the language Planner speaks): the
  priority. Another word after `!` is refused, saying so; `!` alone, `!!` stay text.
- `@Ana`: the person it is assigned to (an underscore stands for a space: `@Ana_Silva`).
- `€129.99`, `129,99€` (one word), `$12`, `R$50`, `CHF40`: one cost line of that
  amount (a currency sign or ISO code before or after the number, in the user's way of
  writing numbers); calculation is switched on for the item.
- `#Health`: where it goes: a group, goal or task of that title, or a path fragment
  `#Health/Run_a_marathon` (titles from the top down, underscores for spaces).
- The due date: the date words the title ENDS with (see typed_dates: `fri`, `in 3 days`,
  `dec 24`), before, after or among the other parts; a date in the middle of the title
  stays text ("Call mom tomorrow about it"), and the title keeps at least one word.
- Escaping: a word that starts with a backslash is text, without its backslash: `\@home`,
  `\#1`, `\!high`, `\fri` (a lone backslash is a backslash; two at the start keep one).
  An escaped word is never part of a date, and, like a part, it may follow the date:
  `Read in 3 days \!low` is due in 3 days. Turning a recognised part back into text
  (`as_text`, Backspace in the window) escapes each of its words: `\in \3 \days`.
- A word with `@` or `#` inside (ana@example.com, C#) is text. Each kind of part may come
  once: a second priority, assignee, amount or place is refused.

Everything else is the title. The line is refused by its length first (MAX_LINE).
"""

from __future__ import annotations

import dataclasses
import enum
import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from planner import formats
from planner.domain.errors import InvalidInput, excerpt
from planner.domain.items import Priority
from planner.domain.money import check_price, read_number
from planner.domain.typed_dates import NoSuchDay, read_date
from planner.domain.validation import TITLE_MAX
from planner.i18n import _, pgettext

MAX_LINE = 2 * TITLE_MAX  # a title and its parts
DATE_WORDS = 6  # the longest date phrase ("the day after tomorrow" has 4 words)
ESCAPE = "\\"


class PartKind(enum.StrEnum):
    DUE = "due"
    PRIORITY = "priority"
    ASSIGNEE = "assignee"
    COST = "cost"
    PARENT = "parent"


@dataclasses.dataclass(frozen=True, slots=True)
class Part:
    """A recognised part: its kind, where it stands in the line ([start, end)), as typed."""

    kind: PartKind
    start: int
    end: int
    text: str


@dataclasses.dataclass(frozen=True, slots=True)
class Cost:
    amount: Decimal
    sign: str  # the currency sign or code as typed: "€", "R$", "CHF"


@dataclasses.dataclass(frozen=True, slots=True)
class QuickEntry:
    """What a quick-add line says. Names are as typed (underscores made spaces): the
    service finds the person and the place they name."""

    title: str
    due: date | None = None
    priority: Priority | None = None
    assignee: str | None = None
    cost: Cost | None = None
    parent: tuple[str, ...] | None = None
    parts: tuple[Part, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class _Word:
    index: int  # its place among the line's words
    start: int
    end: int
    text: str
    escaped: bool

    @property
    def plain(self) -> str:
        """The word as the title shows it (an escaping backslash dropped)."""
        return self.text[1:] if self.escaped else self.text


_PRIORITY_WORDS = {
    "high": Priority.HIGH,
    "h": Priority.HIGH,
    "1": Priority.HIGH,
    "medium": Priority.MEDIUM,
    "med": Priority.MEDIUM,
    "m": Priority.MEDIUM,
    "2": Priority.MEDIUM,
    "low": Priority.LOW,
    "l": Priority.LOW,
    "3": Priority.LOW,
    "none": Priority.NONE,
    "0": Priority.NONE,
}
# Money as one word: a sign or code, then the amount ("€129.99"), or the other way round.
_AMOUNT = re.compile(r"(?P<before>\D*?)(?P<number>\d[\d.,']*)(?P<after>\D*)")


def is_currency_sign(text: str) -> bool:
    """€, $, ₽, or one with up to 3 Latin letters before it (R$, US$); or an ISO 4217 code
    Babel knows (CHF, EUR)."""
    if not text:
        return False
    if unicodedata.category(text[-1]) == "Sc":
        letters = text[:-1]
        return len(letters) <= 3 and (letters == "" or (letters.isascii() and letters.isalpha()))
    from babel.numbers import is_currency

    return len(text) == 3 and text.isascii() and text.isupper() and is_currency(text)


def priority_words() -> dict[str, Priority]:
    """The words after `!`: English's, and the names in the language Planner speaks."""
    words = dict(_PRIORITY_WORDS)
    for name, priority in (
        (pgettext("typed priority", "high"), Priority.HIGH),
        (pgettext("typed priority", "medium"), Priority.MEDIUM),
        (pgettext("typed priority", "low"), Priority.LOW),
        (pgettext("typed priority", "none"), Priority.NONE),
    ):
        words.setdefault(name.casefold(), priority)
    return words


def _words(line: str) -> Iterator[_Word]:
    for index, found in enumerate(re.finditer(r"\S+", line)):
        text = found.group()
        escaped = len(text) > 1 and text.startswith(ESCAPE)  # a lone backslash is one
        yield _Word(index, found.start(), found.end(), text, escaped)


def parse_quick_add(
    line: str, today: date, language: str | None = None, locale: str | None = None
) -> QuickEntry:
    """Read a quick-add line (see the module's rules); InvalidInput for a part that cannot
    be right, or a line with no title. `language`: that of the date words and priority
    names (default: Planner's); `locale`: how numbers are written (default: the user's)."""
    if len(line) > MAX_LINE:
        raise InvalidInput(
            _("A quick entry can be at most {limit} characters; this one has {n}.").format(
                limit=formats.number(MAX_LINE), n=formats.number(len(line))
            )
        )
    reader = _Reader(locale)
    text_words = [w for w in _words(line) if not reader.take(w)]
    due, date_words = _trailing_date(text_words, today, language)
    parts = list(reader.parts)
    if date_words:
        first, last = date_words[0], date_words[-1]
        parts.append(Part(PartKind.DUE, first.start, last.end, line[first.start : last.end]))
    title = " ".join(w.plain for w in text_words if w not in date_words)
    if not title.strip():
        raise InvalidInput(_("A title is required."))
    return QuickEntry(
        title=title,
        due=due,
        priority=reader.priority,
        assignee=reader.assignee,
        cost=reader.cost,
        parent=reader.parent,
        parts=tuple(sorted(parts, key=lambda p: p.start)),
    )


def as_text(line: str, part: Part) -> str:
    """The line with a recognised part turned back into text: a backslash before each of
    its words (every word of a date, so that no shorter date is read from them)."""
    marked = re.sub(r"\S+", lambda word: ESCAPE + word.group(), line[part.start : part.end])
    return line[: part.start] + marked + line[part.end :]


class _Reader:
    """Takes the marked words (!, @, #, money) of one line, each kind once."""

    def __init__(self, locale: str | None) -> None:
        self.locale = locale
        self.parts: list[Part] = []
        self.priority: Priority | None = None
        self.assignee: str | None = None
        self.cost: Cost | None = None
        self.parent: tuple[str, ...] | None = None
        self._first: dict[PartKind, str] = {}

    def take(self, word: _Word) -> bool:
        """Whether the word is a part (and then it is noted); False: title text."""
        if word.escaped:
            return False
        text, head, rest = word.text, word.text[0], word.text[1:]
        if head == "!" and rest[:1].isalnum():
            self._note(PartKind.PRIORITY, word)
            self.priority = _priority(text)
        elif head == "@" and rest[:1].isalnum():
            self._note(PartKind.ASSIGNEE, word)
            self.assignee = rest.replace("_", " ")
        elif head == "#" and rest.strip("/"):
            self._note(PartKind.PARENT, word)
            self.parent = tuple(p.replace("_", " ") for p in rest.split("/") if p)
        elif (cost := self._money(text)) is not None:
            self._note(PartKind.COST, word)
            self.cost = cost
        else:
            return False
        return True

    def _note(self, kind: PartKind, word: _Word) -> None:
        if kind in self._first:
            raise InvalidInput(_TWICE[kind]().format(first=self._first[kind], second=word.text))
        self._first[kind] = word.text
        self.parts.append(Part(kind, word.start, word.end, word.text))

    def _money(self, text: str) -> Cost | None:
        found = _AMOUNT.fullmatch(text)
        if found is None or bool(found["before"]) == bool(found["after"]):
            return None
        sign = found["before"] or found["after"]
        if not is_currency_sign(sign):
            return None
        amount = read_number(found["number"], self.locale)
        if amount is None:
            raise InvalidInput(_("'{text}' is not an amount of money.").format(text=excerpt(text)))
        return Cost(check_price(amount), sign)


_TWICE = {
    PartKind.PRIORITY: lambda: _("Two priorities, '{first}' and '{second}': keep one."),
    PartKind.ASSIGNEE: lambda: _("Two people, '{first}' and '{second}': keep one."),
    PartKind.COST: lambda: _(
        "Two amounts, '{first}' and '{second}': a quick entry makes one cost line."
    ),
    PartKind.PARENT: lambda: _("Two places, '{first}' and '{second}': keep one."),
}


def _priority(word: str) -> Priority:
    found = priority_words().get(word[1:].casefold())
    if found is None:
        raise InvalidInput(
            _(
                "'{word}' is not a priority: write !high, !medium, !low or !none "
                "(or \\{word} to keep it in the title)."
            ).format(word=excerpt(word))
        )
    return found


def _trailing_date(
    words: list[_Word], today: date, language: str | None
) -> tuple[date | None, list[_Word]]:
    """The due date the title ends with, and its words: the longest run of the last words
    that are not escaped (an escaped word is text, as a part is: the date may stand before
    it), next to each other in the line, that reads as a date; the title keeps a word."""
    plain = [w for w in words if not w.escaped]
    for count in range(min(DATE_WORDS, len(plain), len(words) - 1), 0, -1):
        run = plain[-count:]
        if run[-1].index - run[0].index != count - 1:  # a word or part between them
            continue
        try:
            found = read_date(" ".join(w.text for w in run), today, language)
        except (NoSuchDay, OverflowError, ValueError):
            found = None
        if found is not None:
            return found, run
    return None, []
