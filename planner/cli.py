"""The command line: scripting on the same plan file through the same services."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from planner.cli_backup import add_backup_parsers, cmd_backup
from planner.cli_costs import add_cost_parsers, cmd_cost, cmd_currency, show_costs, total_line
from planner.cli_exchange import add_exchange_parsers, cmd_export, read_import
from planner.cli_images import add_image_parsers, cmd_image
from planner.cli_output import guarded, only_output
from planner.cli_people import (
    add_people_parsers,
    cmd_assign,
    cmd_checkin,
    cmd_journal,
    cmd_metric,
    cmd_person,
    cmd_unassign,
    list_assigned,
    show_people,
    show_people_lines,
    show_people_texts,
)
from planner.cli_share import SHARE_COMMANDS, add_share_parsers, refresh_after
from planner.domain.countdown import countdown_text
from planner.domain.errors import DamagedLog, InvalidInput, PlanFileMissing, PlannerError
from planner.domain.items import ItemRecord, Kind, Status
from planner.domain.validation import parse_date, parse_priority
from planner.exports import json_format
from planner.services.costs import CostService
from planner.services.plan import PlanService

# Commands that add to a plan may create it; the others need an existing one.
CREATING_COMMANDS = {"group", "add", "import"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Planner: goals and nested tasks with due dates, in one SQLite file. "
        "Without a command, opens the window.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the plan file (default: PLANNER_DB, then the plan in the user data directory)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the window on a fresh sample plan (never your own)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    group = sub.add_parser("group", help="manage groups")
    group_sub = group.add_subparsers(dest="group_command", metavar="ACTION", required=True)
    group_add = group_sub.add_parser("add", help="add a group; prints its id")
    group_add.add_argument("name")

    add = sub.add_parser("add", help="add a goal or task; prints its id")
    add.add_argument("title")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--group", type=int, metavar="ID", help="as a goal of this group")
    where.add_argument("--under", type=int, metavar="ID", help="as a task under this item")
    add.add_argument("--due", metavar="YYYY-MM-DD")
    add.add_argument("--priority", metavar="none|low|medium|high", default="none")
    add.add_argument("--notes", default="")
    add.add_argument("--position", type=int, metavar="N", help="place among the active children")

    lst = sub.add_parser("list", help="the tree with ids and countdowns")
    lst.add_argument("--all", action="store_true", help="also the Done and Deleted sections")
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--assignee", type=int, metavar="PERSON_ID", help="one person's items")

    show = sub.add_parser("show", help="one item in full")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")

    edit = sub.add_parser("edit", help="change an item's fields (a group's name with --title)")
    edit.add_argument("id", type=int)
    edit.add_argument("--title")
    edit.add_argument("--due", metavar="YYYY-MM-DD|none")
    edit.add_argument("--priority", metavar="none|low|medium|high")
    edit.add_argument("--notes")

    move = sub.add_parser("move", help="move items (or groups)")
    move.add_argument("ids", type=int, nargs="+", metavar="ID")
    target = move.add_mutually_exclusive_group(required=True)
    target.add_argument("--under", type=int, metavar="ID", help="as tasks of this item")
    target.add_argument("--group", type=int, metavar="ID", help="as goals of this group")
    target.add_argument("--top", action="store_true", help="groups: reorder among groups")
    move.add_argument("--position", type=int, metavar="N")

    for name, text in [
        ("done", "mark items done"),
        ("undone", "mark items not done"),
        ("delete", "move items (or groups) to Deleted"),
        ("restore", "bring deleted items back where they were"),
        ("purge", "delete items for good, with everything below them"),
    ]:
        p = sub.add_parser(name, help=text)
        p.add_argument("ids", type=int, nargs="+", metavar="ID")

    add_exchange_parsers(sub)

    check = sub.add_parser("check", help="check the plan file and the tree")
    check.add_argument(
        "--accept-damaged-log",
        action="store_true",
        help="open a plan whose log is damaged without the changes that cannot be read "
        "(a copy of the log is kept)",
    )

    add_cost_parsers(sub)
    add_backup_parsers(sub)
    add_image_parsers(sub)
    add_people_parsers(sub)
    add_share_parsers(sub)
    return parser


def run(argv: Sequence[str]) -> int:
    """Exit status 0: done; 1: nothing changed (see planner.cli_output for lost output)."""
    with guarded() as output:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
            if args.db is not None and not args.db.strip():
                parser.error("--db needs the path of a plan file")
        except SystemExit as e:  # usage (2), or --help (0: its only job is output)
            return output.finish(e.code if isinstance(e.code, int) else 2, only_output=True)
        if args.command is None:
            output.release()
            return _open_window(args)
        return output.finish(_run(parser, args), only_output(args))


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.demo:
        parser.error("--demo opens the window on a sample plan; it does not go with a command")
    _tolerate_unencodable_output()
    from planner.app import discard_new_plan, open_plan, plan_exists, plan_path

    try:
        path = plan_path(args.db)
        existed = plan_exists(path)
    except PlannerError as e:
        return _fail_or_raise(e)
    args.plan_path = path
    # A plan named on purpose (--db or PLANNER_DB) is only made by commands that add to it,
    # so that a slip in its name is reported instead of showing a new, empty plan.
    named = bool(args.db) or bool(os.environ.get("PLANNER_DB"))
    create = not named or args.command in CREATING_COMMANDS
    if args.command == "backup":  # on the file itself: a damaged plan can be restored
        try:
            return cmd_backup(path, args)
        except Exception as e:
            return _fail_or_raise(e)
    try:
        if args.command == "import":
            # Read before the plan is opened, so a bad file makes no plan.
            args.document = read_import(args.file, args.format)
        if not existed and not create:
            raise PlanFileMissing(f"There is no plan at {path}.")
        accept = getattr(args, "accept_damaged_log", False)
        service = open_plan(path, create=create, accept_damaged_log=accept)
    except Exception as e:
        return _fail_or_raise(e)
    try:
        status = COMMANDS[args.command](service, args)
        if status == 0:
            refresh_after(service, args)
    except BrokenPipeError:
        # The reader of standard output went away (`planner list | head`): stop quietly.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    except Exception as e:
        status = _fail_or_raise(e)
    if status != 0:
        discard_new_plan(service, path)  # a plan made for a refused command goes again
    else:
        service.store.close()
    return status


def _fail_or_raise(error: Exception) -> int:
    """Exit status 1 with one line for an error the user can act on; anything else is a
    bug, and raises on."""
    if isinstance(error, DamagedLog):
        return _fail(
            f"{error} Restore a backup (`planner backup list`, then `planner backup restore "
            "N`), or open the plan without those changes: `planner check --accept-damaged-log`."
        )
    if isinstance(error, PlannerError):
        return _fail(str(error))
    if isinstance(error, OSError):
        return _fail(_os_message(error))
    raise error


def _os_message(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}." if error.filename else f"{reason}."


def _tolerate_unencodable_output() -> None:
    """A title the terminal's encoding cannot show is escaped rather than a crash."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="backslashreplace")


def _open_window(args: argparse.Namespace) -> int:
    from planner.launch import run_app

    try:
        return run_app(db=args.db, demo=args.demo)
    except PlannerError as e:  # a --db or PLANNER_DB that cannot name a plan
        return _fail(str(e))


def _fail(message: str) -> int:
    print(f"planner: {message}", file=sys.stderr)
    return 1


# -- commands --------------------------------------------------------------------------


def cmd_group(service: PlanService, args: argparse.Namespace) -> int:
    outcome = service.create_group(args.name)
    print(outcome.ids[0])
    return 0


def cmd_add(service: PlanService, args: argparse.Namespace) -> int:
    parent_id = args.group if args.group is not None else args.under
    parent = service.get(parent_id)
    if args.group is not None and not parent.is_group:
        raise InvalidInput(f"{parent_id} is not a group; use --under for a task.")
    if args.under is not None and parent.is_group:
        raise InvalidInput(f"{parent_id} is a group; use --group for a goal.")
    kwargs: dict[str, Any] = {"priority": parse_priority(args.priority), "notes": args.notes}
    if args.due is not None:
        kwargs["due"] = _due(args.due)
    outcome = service.create_item(parent_id, args.title, index=args.position, **kwargs)
    print(outcome.ids[0])
    return 0


def _due(text: str) -> Any:
    return None if text.strip().lower() == "none" else parse_date(text)


def cmd_edit(service: PlanService, args: argparse.Namespace) -> int:
    fields: dict[str, Any] = {}
    if args.title is not None:
        fields["title"] = args.title
    if args.due is not None:
        fields["due"] = _due(args.due)
    if args.priority is not None:
        fields["priority"] = parse_priority(args.priority)
    if args.notes is not None:
        fields["notes"] = args.notes
    if not fields:
        raise InvalidInput("Nothing to change: give --title, --due, --priority or --notes.")
    service.edit(args.id, **fields)
    return 0


def cmd_move(service: PlanService, args: argparse.Namespace) -> int:
    if args.top:
        parent = None
    else:
        parent = args.group if args.group is not None else args.under
        target = service.get(parent)
        if args.group is not None and not target.is_group:
            raise InvalidInput(f"{parent} is not a group; use --under to move under an item.")
        if args.under is not None and target.is_group:
            raise InvalidInput(f"{parent} is a group; use --group to move into a group.")
    service.move(args.ids, parent, args.position)
    return 0


def _status_command(action: Callable[[PlanService, list[int]], Any]) -> Callable[..., int]:
    def command(service: PlanService, args: argparse.Namespace) -> int:
        outcome = action(service, args.ids)
        if getattr(outcome, "note", ""):
            print(outcome.note, file=sys.stderr)
        return 0

    return command


def cmd_list(service: PlanService, args: argparse.Namespace) -> int:
    if args.assignee is not None:
        return list_assigned(service, args.assignee)
    records = service.all_items()
    if args.json:
        nested = json_format.export_document(service)
        if not args.all:
            _drop_inactive(nested["groups"])
        print(json_format.to_json(nested["groups"]))
        return 0
    children: dict[int | None, list[ItemRecord]] = defaultdict(list)
    for r in sorted(records, key=lambda r: (r.position, r.id)):
        children[r.parent_id].append(r)
    today = service.today()
    lines: list[str] = []
    _list_level(children, None, 0, args.all, today, lines)
    if not lines:
        lines.append("The plan is empty. Add a group: planner group add NAME")
    print("\n".join(lines))
    return 0


def _drop_inactive(nodes: list[dict[str, Any]]) -> None:
    stack = [nodes]
    while stack:
        level = stack.pop()
        level[:] = [n for n in level if n["status"] == "active"]
        for node in level:
            stack.append(node.get("items", node.get("children", [])))


def _list_level(
    children: dict[int | None, list[ItemRecord]],
    parent: int | None,
    depth: int,
    show_all: bool,
    today: Any,
    lines: list[str],
) -> None:
    # An explicit stack keeps very deep plans printable.
    stack: list[tuple[str, Any, int]] = [("parent", parent, depth)]
    while stack:
        kind, value, level = stack.pop()
        if kind == "line":
            lines.append(value)
            continue
        if kind == "item":
            record: ItemRecord = value
            lines.append("  " * level + _line(record, today))
            stack.append(("parent", record.id, level + 1))
            continue
        kids = children.get(value, [])
        todo: list[tuple[str, Any, int]] = [
            ("item", r, level) for r in kids if r.status is Status.ACTIVE
        ]
        if show_all:
            for status, label in ((Status.DONE, "Done"), (Status.DELETED, "Deleted")):
                section = [r for r in kids if r.status is status]
                if section:
                    todo.append(("line", "  " * level + f"{label} ({len(section)})", level))
                    todo.extend(("item", r, level + 1) for r in section)
        stack.extend(reversed(todo))


def _line(record: ItemRecord, today: Any) -> str:
    if record.kind is Kind.GROUP:
        return f"{record.title}  #{record.id}"
    countdown = countdown_text(
        record.due, record.status, record.done_at and record.done_at.astimezone().date(), today
    )
    extras = [
        x
        for x in (
            countdown,
            record.priority.label.lower() and f"{record.priority.label.lower()} priority",
        )
        if x
    ]
    tail = f"  ({', '.join(extras)})" if extras else ""
    box = {"active": "[ ]", "done": "[x]", "deleted": "[-]"}[record.status.value]
    return f"{box} {record.title}  #{record.id}{tail}"


def cmd_show(service: PlanService, args: argparse.Namespace) -> int:
    record = service.get(args.id)
    path = service.path(args.id)
    counts = service.counts([args.id])[args.id]
    if args.json:
        data = json_format.group_dict(record) if record.is_group else json_format.item_dict(record)
        data["kind"] = "group" if record.is_group else ("goal" if path[-1].is_group else "task")
        data["path"] = [p.title for p in path]
        data["parent_id"] = record.parent_id
        data["children"] = {s.value: n for s, n in counts.items()}
        data |= show_costs(service, record)
        data |= show_people(service, record)
        print(json_format.to_json(data))
        return 0
    today = service.today()
    kind = "Group" if record.is_group else ("Goal" if path[-1].is_group else "Task")
    rows = [
        (kind, f"{record.title}  #{record.id}"),
        ("Path", " › ".join(p.title for p in path) if path else ""),
        ("Status", record.status.value),
    ]
    if not record.is_group:
        done_on = record.done_at.astimezone().date() if record.done_at else None
        rows += [
            ("Due", record.due.isoformat() if record.due else "none"),
            ("Countdown", countdown_text(record.due, record.status, done_on, today)),
            ("Priority", record.priority.name.lower()),
        ]
    rows.append(("Created", record.created.astimezone().strftime("%Y-%m-%d %H:%M")))
    if record.done_at:
        rows.append(("Done", record.done_at.astimezone().strftime("%Y-%m-%d %H:%M")))
    if record.deleted_at:
        rows.append(("Deleted", record.deleted_at.astimezone().strftime("%Y-%m-%d %H:%M")))
    rows.append(("Children", ", ".join(f"{n} {s.value}" for s, n in counts.items())))
    rows += show_people_lines(service, record)
    for label, value in rows:
        if value:
            print(f"{label + ':':<11}{value}")
    if record.notes:
        print("Notes:")
        print("\n".join("  " + line for line in record.notes.splitlines()))
    total = total_line(service, record)
    if total:
        print(f"{'Total:':<11}{total}")
    for line in show_people_texts(service, record):
        print(line)
    return 0


def cmd_import(service: PlanService, args: argparse.Namespace) -> int:
    kind, nodes, currency, people = args.document
    target = args.group if args.group is not None else args.under
    if target is not None:
        parent = service.get(target)
        if args.group is not None and not parent.is_group:
            raise InvalidInput(f"{target} is not a group; use --under to import under an item.")
        if args.under is not None and parent.is_group:
            raise InvalidInput(f"{target} is a group; use --group to import into a group.")
        if kind == "groups":
            nodes = [item for group in nodes for item in group.children]
    elif kind == "item":
        first = service.first_group()
        if first is None:
            raise InvalidInput("The plan has no group to import into; add one first.")
        target = first.id
    costs = CostService(service.store)
    plan_currency = costs.currency()
    had_lines = costs.has_lines()
    outcome = service.add_trees(target, nodes, people)
    if currency and currency != plan_currency:
        if had_lines:
            print(
                f"The export's amounts are in {currency}; they are kept as they are, "
                f"in this plan's {plan_currency}.",
                file=sys.stderr,
            )
        else:
            costs.set_currency(currency)
    print(" ".join(str(i) for i in outcome.ids))
    return 0


def cmd_check(service: PlanService, args: argparse.Namespace) -> int:
    problems = service.check()
    if problems:
        for problem in problems:
            print(problem)
        many = "problem" if len(problems) == 1 else "problems"
        return _fail(f"The plan has {len(problems)} {many}, listed above.")
    with service.store.read() as unit:
        n = unit.count_items()
    print(f"The plan is sound: {n:,} items and groups, integrity check passed.")
    return 0


COMMANDS: dict[str, Callable[[PlanService, argparse.Namespace], int]] = {
    "group": cmd_group,
    "add": cmd_add,
    "list": cmd_list,
    "show": cmd_show,
    "edit": cmd_edit,
    "move": cmd_move,
    "done": _status_command(lambda s, ids: s.mark_done(ids)),
    "undone": _status_command(lambda s, ids: s.mark_undone(ids)),
    "delete": _status_command(lambda s, ids: s.delete(ids)),
    "restore": _status_command(lambda s, ids: s.restore(ids)),
    "purge": _status_command(lambda s, ids: s.purge(ids)),
    "export": cmd_export,
    "import": cmd_import,
    "check": cmd_check,
    "cost": cmd_cost,
    "currency": cmd_currency,
    "image": cmd_image,
    "person": cmd_person,
    "assign": cmd_assign,
    "unassign": cmd_unassign,
    "metric": cmd_metric,
    "checkin": cmd_checkin,
    "journal": cmd_journal,
    **SHARE_COMMANDS,
}
