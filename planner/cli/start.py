"""The options of a plain start of the window (`planner`, `--db PLAN`, `--lang LL`, `--demo`,
`--in-tray`), and their quick reading: such a start opens the window without the parsers of
every command being built and their modules imported first. Anything else (a command,
--help, an abbreviated option, a mistake) is left to the full parser (cli.main), which
reads it, or says what is wrong."""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Sequence
from typing import NoReturn

from planner import i18n
from planner.cli.output import guarded
from planner.i18n import _, pgettext


@dataclasses.dataclass(frozen=True, slots=True)
class OpenWindow:
    """No command: the window is wanted (the command line never loads it itself)."""

    db: str | None
    demo: bool
    in_tray: bool = False  # hidden in the notification area, when Planner is kept there


def language(text: str) -> str:
    """--lang's value: one of Planner's languages (an error of the parser's otherwise)."""
    try:
        return i18n.chosen_language(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def add_start_options(parser: argparse.ArgumentParser) -> None:
    """--db, --lang, --demo and --in-tray: the options before any command, those of the
    window's start."""
    parser.add_argument(
        "--db",
        metavar=pgettext("metavar", "PATH"),
        help=_("the plan file (default: PLANNER_DB, then the plan in the user data directory)"),
    )
    parser.add_argument(
        "--lang",
        metavar=pgettext("metavar", "LANGUAGE"),
        type=language,
        help=_(
            "the language of messages, cards and exports: {languages} (default: the one "
            "chosen in the window, else the system's)"
        ).format(languages=", ".join(i18n.LANGUAGES)),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("open the window on a fresh sample plan (never your own)"),
    )
    parser.add_argument(
        "--in-tray",
        action="store_true",
        help=_(
            "start with the window hidden in the notification area, when Planner is kept "
            "running there (as it starts at login)"
        ),
    )


class _NotPlain(Exception):
    """Not a plain start of the window: the full parser is to read it."""


class _StartParser(argparse.ArgumentParser):
    """The start options alone, saying nothing: what it cannot read raises _NotPlain."""

    def error(self, message: str) -> NoReturn:
        raise _NotPlain(message)


def plain_start(argv: Sequence[str]) -> OpenWindow | None:
    """The window `argv` asks for when it holds the start options alone, each whole and
    well formed (its language then the current one); None for anything else."""
    if "--" in argv:
        return None
    with guarded():  # as the full parser's run: closed standard descriptors are opened
        parser = _StartParser(add_help=False, allow_abbrev=False, exit_on_error=False)
        add_start_options(parser)
        try:
            found, rest = parser.parse_known_args(argv)
        except (argparse.ArgumentError, _NotPlain):
            return None
        if rest or (found.db is not None and not found.db.strip()):
            return None
        i18n.set_language(found.lang or i18n.chosen_language())
        return OpenWindow(found.db, found.demo, found.in_tray)
