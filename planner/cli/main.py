"""The command line's entry: the parser of every command, opening the plan, running the
command, and its exit status (0: done; 1: nothing changed; 2: wrong usage)."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from planner import i18n
from planner.cli.agenda import add_agenda_parsers, cmd_agenda
from planner.cli.backup import add_backup_parsers, cmd_backup
from planner.cli.costs import add_cost_parsers, cmd_cost, cmd_currency
from planner.cli.exchange import add_exchange_parsers, cmd_export, cmd_import
from planner.cli.images import add_image_parsers, cmd_image
from planner.cli.items import ITEM_COMMANDS, add_item_parsers
from planner.cli.output import fail, guarded, only_output
from planner.cli.people import (
    add_people_parsers,
    cmd_assign,
    cmd_checkin,
    cmd_journal,
    cmd_metric,
    cmd_person,
    cmd_unassign,
)
from planner.cli.routines import ROUTINE_COMMANDS, add_routine_parsers
from planner.cli.search import add_search_parser, cmd_search
from planner.cli.shares import SHARE_COMMANDS, add_share_parsers, refresh_after
from planner.cli.start import OpenWindow, add_start_options
from planner.domain.errors import DamagedLog, PlanFileMissing, PlannerError
from planner.exports.exchange import read_import
from planner.i18n import _, pgettext
from planner.services.plan import PlanService

# Commands that add to a plan may create it; the others need an existing one.
CREATING_COMMANDS = {"group", "add", "import"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description=_(
            "Planner: goals and nested tasks with due dates, in one SQLite file. "
            "Without a command, opens the window."
        ),
    )
    add_start_options(parser)
    sub = parser.add_subparsers(dest="command", metavar=pgettext("metavar", "COMMAND"))

    add_item_parsers(sub)
    add_agenda_parsers(sub)
    add_exchange_parsers(sub)
    add_cost_parsers(sub)
    add_backup_parsers(sub)
    add_image_parsers(sub)
    add_people_parsers(sub)
    add_share_parsers(sub)
    add_routine_parsers(sub)
    add_search_parser(sub)
    return parser


def _language_asked(argv: Sequence[str]) -> str:
    """--lang, looked for before the parser is built (a wrong one is the parser's to report),
    else the remembered or the system's language."""
    early = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    early.add_argument("--lang")
    known, _rest = early.parse_known_args(argv)
    try:
        return i18n.chosen_language(known.lang)
    except ValueError:
        return i18n.chosen_language()


def run(argv: Sequence[str]) -> int | OpenWindow:
    """Exit status 0: done; 1: nothing changed (see cli.output for lost output); or, with no
    command, the window to open."""
    with guarded() as output:
        i18n.set_language(_language_asked(argv))  # before the parser: --help speaks it too
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
            if args.db is not None and not args.db.strip():
                parser.error(_("--db needs the path of a plan file"))
            if getattr(args, "check_usage", None) is not None:
                args.check_usage(args)  # what argparse cannot say alone (`add`'s place)
        except SystemExit as e:  # usage (2), or --help (0: its only job is output)
            return output.finish(e.code if isinstance(e.code, int) else 2, only_output=True)
        if args.command is None:
            output.release()
            return OpenWindow(args.db, args.demo, args.in_tray)
        return output.finish(_run(parser, args), only_output(args))


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.demo:
        parser.error(_("--demo opens the window on a sample plan; it does not go with a command"))
    if args.in_tray:
        parser.error(_("--in-tray starts the window hidden; it does not go with a command"))
    _tolerate_unencodable_output()
    from planner.app import discard_new_plan, open_plan, plan_exists, plan_path

    try:
        path = plan_path(args.db)
        existed = plan_exists(path)
    except PlannerError as e:
        return _failed(e)
    args.plan_path = path
    # A plan named on purpose (--db or PLANNER_DB) is only made by commands that add to it,
    # so that a slip in its name is reported instead of showing a new, empty plan.
    named = bool(args.db) or bool(os.environ.get("PLANNER_DB"))
    create = not named or args.command in CREATING_COMMANDS
    if args.command == "backup":  # on the file itself: a damaged plan can be restored
        try:
            return cmd_backup(path, args)
        except (PlannerError, OSError) as e:
            return _failed(e)
    try:
        if args.command == "import":
            # Read before the plan is opened, so a bad file makes no plan.
            args.document = read_import(Path(args.file), args.format, path)
        if not existed and not create:
            raise PlanFileMissing(_("There is no plan at {path}.").format(path=path))
        accept = getattr(args, "accept_damaged_log", False)
        service = open_plan(path, create=create, accept_damaged_log=accept)
    except (PlannerError, OSError) as e:
        return _failed(e)
    try:
        status = COMMANDS[args.command](service, args)
        if status == 0:
            refresh_after(service, args)
    except BrokenPipeError:
        # The reader of standard output went away (`planner list | head`): stop quietly.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    except (PlannerError, OSError) as e:  # anything else is a bug: it raises on
        status = _failed(e)
    if status != 0:
        discard_new_plan(service, path)  # a plan made for a refused command goes again
    else:
        service.store.close()
    return status


def _failed(error: PlannerError | OSError) -> int:
    """Exit status 1 with one line the user can act on."""
    if isinstance(error, DamagedLog):
        return fail(
            _(
                "{error} Restore a backup (`planner backup list`, then `planner backup restore "
                "N`), or open the plan without those changes: `planner check "
                "--accept-damaged-log`."
            ).format(error=error)
        )
    if isinstance(error, PlannerError):
        return fail(str(error))
    return fail(_os_message(error))


def _os_message(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}." if error.filename else f"{reason}."


def _tolerate_unencodable_output() -> None:
    """A title the terminal's encoding cannot show is escaped rather than a crash."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="backslashreplace")


COMMANDS: dict[str, Callable[[PlanService, argparse.Namespace], int]] = {
    **ITEM_COMMANDS,
    "agenda": cmd_agenda,
    "export": cmd_export,
    "import": cmd_import,
    "cost": cmd_cost,
    "currency": cmd_currency,
    "image": cmd_image,
    "person": cmd_person,
    "assign": cmd_assign,
    "unassign": cmd_unassign,
    "metric": cmd_metric,
    "checkin": cmd_checkin,
    "journal": cmd_journal,
    "search": cmd_search,
    **SHARE_COMMANDS,
    **ROUTINE_COMMANDS,
}
