"""`planner group add`, `add`, `list`, `show`, `edit`, `move`, `done`, `undone`, `delete`,
`restore`, `purge` and `check`: the plan's tree from the command line."""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from planner import formats
from planner.cli.costs import show_costs, total_line
from planner.cli.output import fail, labelled
from planner.cli.people import list_assigned, show_people, show_people_lines, show_people_texts
from planner.cli.routines import plan_calendar, show_schedule_lines, show_schedules
from planner.domain.countdown import countdown_text
from planner.domain.errors import InvalidInput
from planner.domain.items import ItemRecord, Kind, Priority, Status, status_label
from planner.domain.money import format_money
from planner.domain.typed_dates import normalize, parse_typed_date
from planner.domain.validation import parse_priority, position
from planner.domain.workdays import WorkCalendar
from planner.exports import json_format
from planner.exports.json_text import to_json
from planner.exports.outline import MAX_INDENT, indentation
from planner.i18n import N_, _, ngettext, pgettext
from planner.services.costs import CostService
from planner.services.plan import PlanService
from planner.services.quick_add import QuickAddService, QuickPlan

_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_DUE_HELP = N_("a date typed as YYYY-MM-DD or in words: today, fri, next fri, in 3 days, dec 24")


def add_item_parsers(sub: Any) -> None:
    group = sub.add_parser("group", help=_("manage groups"))
    group_sub = group.add_subparsers(
        dest="group_command", metavar=pgettext("metavar", "ACTION"), required=True
    )
    group_add = group_sub.add_parser("add", help=_("add a group; prints its id"))
    group_add.add_argument("name", metavar=pgettext("metavar", "name"))

    add = sub.add_parser("add", help=_("add a goal or task; prints its id"))
    add.add_argument("title", metavar=pgettext("metavar", "title"))
    where = add.add_mutually_exclusive_group()
    where.add_argument("--group", type=int, metavar="ID", help=_("as a goal of this group"))
    where.add_argument("--under", type=int, metavar="ID", help=_("as a task under this item"))
    add.add_argument("--due", metavar=pgettext("metavar", "DATE"), help=_(_DUE_HELP))
    add.add_argument("--priority", metavar="none|low|medium|high")  # typed so
    add.add_argument(
        "--parse",
        action="store_true",
        help=_(
            "read the title as a quick entry: a date at its end, !priority, @person, "
            "€amount, #place (which wins over --group and --under; without either, the "
            "first group)"
        ),
    )
    add.set_defaults(check_usage=_add_usage(add))
    add.add_argument("--notes", default="", metavar=pgettext("metavar", "NOTES"))
    add.add_argument(
        "--position", type=position, metavar="N", help=_("place among the active children")
    )

    lst = sub.add_parser("list", help=_("the tree with ids and countdowns"))
    lst.add_argument("--all", action="store_true", help=_("also the Done and Deleted sections"))
    lst.add_argument("--json", action="store_true")
    lst.add_argument(
        "--assignee",
        type=int,
        metavar=pgettext("metavar", "PERSON_ID"),
        help=_("one person's items"),
    )

    show = sub.add_parser("show", help=_("one item in full"))
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")

    edit = sub.add_parser("edit", help=_("change an item's fields (a group's name with --title)"))
    edit.add_argument("id", type=int)
    edit.add_argument("--title", metavar=pgettext("metavar", "TITLE"))
    edit.add_argument("--due", metavar=pgettext("metavar", "DATE") + "|none", help=_(_DUE_HELP))
    edit.add_argument("--priority", metavar="none|low|medium|high")  # typed so
    edit.add_argument("--notes", metavar=pgettext("metavar", "NOTES"))

    move = sub.add_parser("move", help=_("move items (or groups)"))
    move.add_argument("ids", type=int, nargs="+", metavar="ID")
    target = move.add_mutually_exclusive_group(required=True)
    target.add_argument("--under", type=int, metavar="ID", help=_("as tasks of this item"))
    target.add_argument("--group", type=int, metavar="ID", help=_("as goals of this group"))
    target.add_argument("--top", action="store_true", help=_("groups: reorder among groups"))
    move.add_argument("--position", type=position, metavar="N")

    for name, text in [
        ("done", N_("mark items done")),
        ("undone", N_("mark items not done")),
        ("delete", N_("move items (or groups) to Deleted")),
        ("restore", N_("bring deleted items back where they were")),
        ("purge", N_("delete items for good, with everything below them")),
    ]:
        p = sub.add_parser(name, help=_(text))
        p.add_argument("ids", type=int, nargs="+", metavar="ID")

    check = sub.add_parser("check", help=_("check the plan file and the tree"))
    check.add_argument(
        "--accept-damaged-log",
        action="store_true",
        help=_(
            "open a plan whose log is damaged without the changes that cannot be read "
            "(a copy of the log is kept)"
        ),
    )


def cmd_group(service: PlanService, args: argparse.Namespace) -> int:
    outcome = service.create_group(args.name)
    print(outcome.ids[0])
    return 0


def _add_usage(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], None]:
    """`add` needs a place: --group, --under, or a quick entry's own (#place)."""

    def check(args: argparse.Namespace) -> None:
        if args.group is None and args.under is None and not args.parse:
            parser.error(_("one of the arguments --group --under is required (or --parse)"))

    return check


def cmd_add(service: PlanService, args: argparse.Namespace) -> int:
    parent_id = args.group if args.group is not None else args.under
    if parent_id is not None:
        parent = service.get(parent_id)
        if args.group is not None and not parent.is_group:
            raise InvalidInput(
                _("{id} is not a group; use --under for a task.").format(id=parent_id)
            )
        if args.under is not None and parent.is_group:
            raise InvalidInput(_("{id} is a group; use --group for a goal.").format(id=parent_id))
    if args.parse:
        return _quick_add(service, args, parent_id)
    priority = parse_priority(args.priority or "none")
    kwargs: dict[str, Any] = {"priority": priority, "notes": args.notes}
    if args.due is not None:
        kwargs["due"] = _due(service, args.due)
    outcome = service.create_item(parent_id, args.title, index=args.position, **kwargs)
    print(outcome.ids[0])
    if args.due is not None:
        _say_due(args.due, kwargs["due"])
    return 0


def _quick_add(service: PlanService, args: argparse.Namespace, parent_id: int | None) -> int:
    """`add --parse`: the title read as a quick entry; --due and --priority add what the
    text does not say (saying it twice is refused)."""
    quick = QuickAddService(service)
    entry = quick.read(args.title)
    if args.due is not None:
        if entry.due is not None:
            raise InvalidInput(_("The due date is given twice: in the text and with --due."))
        entry = dataclasses.replace(entry, due=_due(service, args.due))
    if args.priority is not None:
        if entry.priority is not None:
            raise InvalidInput(_("The priority is given twice: in the text and with --priority."))
        entry = dataclasses.replace(entry, priority=parse_priority(args.priority))
    found = quick.resolve(entry, parent_id)
    outcome = quick.make(found, notes=args.notes, index=args.position)
    print(outcome.ids[0])
    for line in _understood(service, outcome.ids[0], found):
        print(line, file=sys.stderr)
    return 0


def _understood(service: PlanService, item_id: int, found: QuickPlan) -> list[str]:
    """What a quick entry was read as, a line a part, as `planner show` says it."""
    record = service.get(item_id)
    path = " › ".join(r.title for r in service.path(item_id))
    lines = [_("Added: {title}").format(title=record.title), _("In: {path}").format(path=path)]
    if record.due is not None:
        lines.append(_("Due: {day}").format(day=formats.weekday_short(record.due)))
    if found.entry.priority is not None:
        lines.append(_("Priority: {priority}").format(priority=_priority_name(record.priority)))
    if found.person is not None:
        lines.append(_("Assigned to: {name}").format(name=found.person.name))
    if found.entry.cost is not None:
        amount = format_money(found.entry.cost.amount, CostService(service.store).currency())
        lines.append(_("Cost: {amount}").format(amount=amount))
    return lines


def _priority_name(priority: Priority) -> str:
    return {
        Priority.NONE: pgettext("priority", "none"),
        Priority.LOW: pgettext("priority", "low"),
        Priority.MEDIUM: pgettext("priority", "medium"),
        Priority.HIGH: pgettext("priority", "high"),
    }[priority]


def _due(service: PlanService, text: str) -> date | None:
    """A due date as typed ("fri", "in 3 days", 2026-12-24), or none."""
    if text.strip().casefold() == "none":
        return None
    return parse_typed_date(text, service.today())


def _say_due(text: str, day: date | None) -> None:
    """Once the change is made: a date typed in words, said back on standard error ("Due:
    Fri, Dec 11, 2026"), so that a refused command still says one line only."""
    if day is not None and not _ISO_DAY.fullmatch(normalize(text)):
        print(_("Due: {day}").format(day=formats.weekday_short(day)), file=sys.stderr)


def cmd_edit(service: PlanService, args: argparse.Namespace) -> int:
    fields: dict[str, Any] = {}
    if args.title is not None:
        fields["title"] = args.title
    if args.due is not None:
        fields["due"] = _due(service, args.due)
    if args.priority is not None:
        fields["priority"] = parse_priority(args.priority)
    if args.notes is not None:
        fields["notes"] = args.notes
    if not fields:
        raise InvalidInput(_("Nothing to change: give --title, --due, --priority or --notes."))
    service.edit(args.id, **fields)
    if args.due is not None:
        _say_due(args.due, fields["due"])
    return 0


def cmd_move(service: PlanService, args: argparse.Namespace) -> int:
    if args.top:
        parent = None
    else:
        parent = args.group if args.group is not None else args.under
        target = service.get(parent)
        if args.group is not None and not target.is_group:
            raise InvalidInput(
                _("{id} is not a group; use --under to move under an item.").format(id=parent)
            )
        if args.under is not None and target.is_group:
            raise InvalidInput(
                _("{id} is a group; use --group to move into a group.").format(id=parent)
            )
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
        print(to_json(nested["groups"]))
        return 0
    children: dict[int | None, list[ItemRecord]] = defaultdict(list)
    for r in sorted(records, key=lambda r: (r.position, r.id)):
        children[r.parent_id].append(r)
    today = service.today()
    calendar = plan_calendar(service)
    empty = True
    # Line by line: a plan nested 100,000 deep makes more lines than fit in memory at once.
    for line in _list_lines(children, args.all, today, calendar):
        print(line)
        empty = False
    if empty:
        print(_("The plan is empty. Add a group: planner group add NAME"))
    return 0


def _drop_inactive(nodes: list[dict[str, Any]]) -> None:
    stack = [nodes]
    while stack:
        level = stack.pop()
        level[:] = [n for n in level if n["status"] == "active"]
        for node in level:
            stack.append(node.get("items", node.get("children", [])))


def _list_lines(
    children: dict[int | None, list[ItemRecord]],
    show_all: bool,
    today: Any,
    calendar: WorkCalendar,
) -> Iterator[str]:
    """The lines of `planner list`, depth first by an explicit stack (a plan has no depth
    limit), indented up to MAX_INDENT levels and marked with their level past that."""
    stack: list[tuple[str, Any, int]] = [("parent", None, 0)]
    while stack:
        kind, value, level = stack.pop()
        if kind == "line":
            yield _indented(level, value)
            continue
        if kind == "item":
            record: ItemRecord = value
            yield _indented(level, _line(record, today, calendar))
            stack.append(("parent", record.id, level + 1))
            continue
        kids = children.get(value, [])
        todo: list[tuple[str, Any, int]] = [
            ("item", r, level) for r in kids if r.status is Status.ACTIVE
        ]
        if show_all:
            for status in (Status.DONE, Status.DELETED):
                section = [r for r in kids if r.status is status]
                if section:
                    todo.append(("line", _section_line(status, len(section)), level))
                    todo.extend(("item", r, level + 1) for r in section)
        stack.extend(reversed(todo))


def _section_line(status: Status, n: int) -> str:
    """ "Done (3)": a section's name and how many are in it."""
    if status is Status.DONE:
        return pgettext("section", "Done ({n})").format(n=n)
    return pgettext("section", "Deleted ({n})").format(n=n)


def _indented(level: int, text: str) -> str:
    marker = _("(level {n})").format(n=level) + " " if level > MAX_INDENT else ""
    return indentation(level) + marker + text


def _line(record: ItemRecord, today: Any, calendar: WorkCalendar) -> str:
    if record.kind is Kind.GROUP:
        return f"{record.title}  #{record.id}"
    done_on = record.done_at and record.done_at.astimezone().date()
    countdown = countdown_text(record.due, record.status, done_on, today, calendar)
    priority = record.priority.phrase
    if countdown and priority:
        # TRANSLATORS: after an item's title in `planner list`.
        tail = _("({countdown}, {priority})").format(countdown=countdown, priority=priority)
    elif countdown or priority:
        # TRANSLATORS: after an item's title in `planner list`: its countdown or priority.
        tail = _("({details})").format(details=countdown or priority)
    else:
        tail = ""
    tail = f"  {tail}" if tail else ""
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
        data |= show_schedules(service, record)
        print(to_json(data))
        return 0
    today = service.today()
    labels = _show_labels()
    if record.is_group:
        kind = labels["group"]
    else:
        kind = labels["goal"] if path[-1].is_group else labels["task"]
    rows = [
        (kind, f"{record.title}  #{record.id}"),
        (labels["path"], " › ".join(p.title for p in path) if path else ""),
        (labels["status"], status_label(record.status)),
    ]
    if not record.is_group:
        done_on = record.done_at.astimezone().date() if record.done_at else None
        rows += [
            (
                labels["due"],
                formats.date_short(record.due) if record.due else pgettext("due", "none"),
            ),
            (
                labels["countdown"],
                countdown_text(record.due, record.status, done_on, today, plan_calendar(service)),
            ),
            (labels["priority"], record.priority.label or pgettext("priority", "None")),
        ]
    rows.append((labels["created"], formats.moment(record.created)))
    if record.done_at:
        rows.append((labels["done"], formats.moment(record.done_at)))
    if record.deleted_at:
        rows.append((labels["deleted"], formats.moment(record.deleted_at)))
    rows.append((labels["children"], _children_text(counts)))
    rows += show_people_lines(service, record)
    rows += show_schedule_lines(service, record)
    total = total_line(service, record)
    for line in labelled(rows, labels.values()):
        print(line)
    if record.notes:
        print(labels["notes"])
        print("\n".join("  " + line for line in record.notes.splitlines()))
    if total:
        print(*labelled([(labels["total"], total)], labels.values()))
    for line in show_people_texts(service, record):
        print(line)
    return 0


def _show_labels() -> dict[str, str]:
    """The labels of `planner show`, in the current language (their widest sets where the
    values start)."""
    return {
        "group": pgettext("show", "Group:"),
        "goal": pgettext("show", "Goal:"),
        "task": pgettext("show", "Task:"),
        "path": pgettext("show", "Path:"),
        "status": pgettext("show", "Status:"),
        "due": pgettext("show", "Due:"),
        "countdown": pgettext("show", "Countdown:"),
        "priority": pgettext("show", "Priority:"),
        "created": pgettext("show", "Created:"),
        "done": pgettext("show", "Done:"),
        "deleted": pgettext("show", "Deleted:"),
        "children": pgettext("show", "Children:"),
        "assignee": pgettext("show", "Assignee:"),
        "metric": pgettext("show", "Metric:"),
        "notes": pgettext("show", "Notes:"),
        "total": pgettext("show", "Total:"),
    }


def _children_text(counts: dict[Status, int]) -> str:
    """ "1 active, 1 done, 1 deleted" """
    # TRANSLATORS: counts of an item's children; "active: {active}, ..." fits any number.
    return _("{active} active, {done} done, {deleted} deleted").format(
        active=formats.number(counts.get(Status.ACTIVE, 0)),
        done=formats.number(counts.get(Status.DONE, 0)),
        deleted=formats.number(counts.get(Status.DELETED, 0)),
    )


def cmd_check(service: PlanService, args: argparse.Namespace) -> int:
    problems = service.check()
    if problems:
        for problem in problems:
            print(problem)
        n = len(problems)
        return fail(
            ngettext(
                "The plan has {n} problem, listed above.",
                "The plan has {n} problems, listed above.",
                n,
            ).format(n=formats.number(n))
        )
    with service.store.read() as unit:
        n = unit.count_items()
    print(
        ngettext(
            "The plan is sound: {n} item or group, integrity check passed.",
            "The plan is sound: {n} items and groups, integrity check passed.",
            n,
        ).format(n=formats.number(n))
    )
    return 0


ITEM_COMMANDS: dict[str, Callable[[PlanService, argparse.Namespace], int]] = {
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
    "check": cmd_check,
}
