"""People, assignees and measurable targets on the command line: `planner person
add|list|rm|edit`, `planner assign`, `planner unassign`, `planner list --assignee`,
`planner metric set|rm`, `planner checkin`, `planner journal add`, and their part of
`planner show`."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

from planner import formats
from planner.cli.output import shown_width
from planner.domain import metrics as mt
from planner.domain.countdown import countdown_text
from planner.domain.errors import InvalidInput, Refused
from planner.domain.items import ItemRecord, Status
from planner.domain.money import decimal_text
from planner.domain.validation import parse_date
from planner.i18n import _, ngettext, pgettext
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.services.workdays import WorkdayService


def add_people_parsers(sub: Any) -> None:
    """The `person`, `assign`, `unassign`, `metric`, `checkin` and `journal` subcommands."""
    person = sub.add_parser("person", help=_("people items can be assigned to"))
    person_sub = person.add_subparsers(
        dest="person_command", metavar=pgettext("metavar", "ACTION"), required=True
    )
    add = person_sub.add_parser("add", help=_("add a person; prints their id"))
    add.add_argument("name", metavar=pgettext("metavar", "name"))
    add.add_argument("--email", default="", metavar=pgettext("metavar", "EMAIL"))
    add.add_argument("--note", default="", metavar=pgettext("metavar", "NOTE"))
    person_sub.add_parser("list", help=_("everyone, with their ids and item counts"))
    rm = person_sub.add_parser(
        "rm",
        help=_("remove a person (with items assigned: only with --force; they become unassigned)"),
    )
    rm.add_argument("id", type=int)
    rm.add_argument("--force", action="store_true", help=_("remove even with items assigned"))
    edit = person_sub.add_parser("edit", help=_("change a person's name, email or note"))
    edit.add_argument("id", type=int)
    edit.add_argument("--name", metavar=pgettext("metavar", "NAME"))
    edit.add_argument(
        "--email", metavar=pgettext("metavar", "EMAIL"), help=_('"" takes the email away')
    )
    edit.add_argument("--note", metavar=pgettext("metavar", "NOTE"))

    assign = sub.add_parser("assign", help=_("assign items to a person: assign ID... PERSON_ID"))
    assign.add_argument("ids", type=int, nargs="+", metavar="ID")
    unassign = sub.add_parser("unassign", help=_("take the assignee off items"))
    unassign.add_argument("ids", type=int, nargs="+", metavar="ID")

    metric = sub.add_parser("metric", help=_("a goal's measurable target"))
    metric_sub = metric.add_subparsers(
        dest="metric_command", metavar=pgettext("metavar", "ACTION"), required=True
    )
    mset = metric_sub.add_parser("set", help=_("give a goal a metric, or change it"))
    mset.add_argument("id", type=int)
    mset.add_argument("--name", required=True, metavar=pgettext("metavar", "NAME"))
    mset.add_argument("--unit", default="", metavar=pgettext("metavar", "UNIT"))
    mset.add_argument("--baseline", required=True, metavar=pgettext("metavar", "NUMBER"))
    mset.add_argument("--target", required=True, metavar=pgettext("metavar", "NUMBER"))
    mset.add_argument("--stretch", metavar=pgettext("metavar", "NUMBER"))
    mset.add_argument(
        "--direction",
        metavar="increase|decrease|at-most|at-least",  # typed as they are
        help=_("default: increase when the target is above the baseline, else decrease"),
    )
    metric_sub.add_parser(
        "rm", help=_("take a goal's metric away, with its check-ins")
    ).add_argument("id", type=int)

    checkin = sub.add_parser("checkin", help=_("record a value of a goal's metric"))
    checkin.add_argument("id", type=int)
    checkin.add_argument("value", metavar=pgettext("metavar", "value"))
    checkin.add_argument(
        "--date", metavar=pgettext("metavar", "YYYY-MM-DD"), help=_("default: today")
    )

    journal = sub.add_parser("journal", help=_("dated progress reports on a goal"))
    journal_sub = journal.add_subparsers(
        dest="journal_command", metavar=pgettext("metavar", "ACTION"), required=True
    )
    jadd = journal_sub.add_parser("add", help=_("add an entry; prints its id"))
    jadd.add_argument("id", type=int)
    jadd.add_argument("text", metavar=pgettext("metavar", "text"))
    jadd.add_argument("--date", metavar=pgettext("metavar", "YYYY-MM-DD"), help=_("default: today"))


def cmd_person(service: PlanService, args: argparse.Namespace) -> int:
    people = PeopleService(service.store)
    action = args.person_command
    if action == "add":
        print(people.add_person(args.name, args.email, args.note).people[0])
    elif action == "list":
        everyone = people.people()
        counts = people.counts_by_person()
        if not everyone:
            print(_("Nobody yet. Add someone: planner person add NAME"))
        for person in everyone:
            n = counts.get(person.id, 0)
            email = f"  <{person.email}>" if person.email else ""
            items = (
                "  " + ngettext("({n} item)", "({n} items)", n).format(n=formats.number(n))
                if n
                else ""
            )
            print(f"#{person.id}  {person.name}{email}{items}")
            if person.note:
                print("\n".join("    " + line for line in person.note.splitlines()))
    elif action == "rm":
        person = people.person(args.id)
        n = people.assigned_count(args.id)
        if n and not args.force:
            raise Refused(
                ngettext(
                    "{name} has {n} item assigned, which would become unassigned; run again "
                    "with --force to remove {name} anyway.",
                    "{name} has {n} items assigned, which would become unassigned; run again "
                    "with --force to remove {name} anyway.",
                    n,
                ).format(name=person.name, n=formats.number(n))
            )
        outcome = people.remove_person(args.id)
        if outcome.ids:
            n = len(outcome.ids)
            print(
                ngettext("{n} item is now unassigned.", "{n} items are now unassigned.", n)
                .format(n=formats.number(n)),
                file=sys.stderr,
            )  # fmt: skip
    else:
        fields = {
            k: v
            for k, v in (("name", args.name), ("email", args.email), ("note", args.note))
            if v is not None
        }
        if not fields:
            raise InvalidInput(_("Nothing to change: give --name, --email or --note."))
        people.edit_person(args.id, **fields)
    return 0


def cmd_assign(service: PlanService, args: argparse.Namespace) -> int:
    if len(args.ids) < 2:
        raise InvalidInput(_("Give the items, then the person: planner assign ID... PERSON_ID"))
    *items, person_id = args.ids
    PeopleService(service.store).assign(items, person_id)
    return 0


def cmd_unassign(service: PlanService, args: argparse.Namespace) -> int:
    PeopleService(service.store).assign(args.ids, None)
    return 0


def list_assigned(service: PlanService, person_id: int) -> int:
    """`planner list --assignee PERSON_ID`: the person's items with countdown and path."""
    today = service.today()
    calendar = WorkdayService(service.store, service.clock).calendar()
    view = PeopleService(service.store).assigned(person_id, today)
    c = view.counts
    print(
        # TRANSLATORS: the counts of a person's items; the name and #id come first.
        _("{name}  #{id}: {active} active ({overdue} overdue), {done} done").format(
            name=view.person.name,
            id=view.person.id,
            active=formats.number(c.active),
            overdue=formats.number(c.overdue),
            done=formats.number(c.done),
        )
    )
    if not view.items:
        print("  " + _("Nothing is assigned to {name}.").format(name=view.person.name))
    for entry in view.items:
        r = entry.record
        done_on = r.done_at.astimezone().date() if r.done_at else None
        countdown = countdown_text(r.due, r.status, done_on, today, calendar)
        box = "[x]" if r.status is Status.DONE else "[ ]"
        tail = f"  ({countdown})" if countdown else ""
        print(f"  {box} {r.title}  #{r.id}{tail}")
        print(f"      {' › '.join(entry.path)}")
    return 0


def cmd_metric(service: PlanService, args: argparse.Namespace) -> int:
    metrics = MetricService(service.store, service.clock)
    if args.metric_command == "rm":
        metrics.remove_metric(args.id)
        return 0
    metrics.set_metric(
        args.id,
        name=args.name,
        unit=args.unit,
        baseline=args.baseline,
        target=args.target,
        stretch=args.stretch,
        direction=args.direction,
    )
    return 0


def cmd_checkin(service: PlanService, args: argparse.Namespace) -> int:
    metrics = MetricService(service.store, service.clock)
    day = parse_date(args.date) if args.date else None
    outcome = metrics.add_checkin(args.id, args.value, day)
    print(outcome.entries[0])
    return 0


def cmd_journal(service: PlanService, args: argparse.Namespace) -> int:
    metrics = MetricService(service.store, service.clock)
    day = parse_date(args.date) if args.date else None
    print(metrics.add_journal(args.id, args.text, day).entries[0])
    return 0


def show_people(service: PlanService, record: ItemRecord) -> dict[str, Any]:
    """The assignee, metric, check-ins, journal, why and examples for `show --json`."""
    if record.is_group:
        return {}
    from planner.exports.goal_format import goal_extras_dict

    people = PeopleService(service.store)
    assignee = None
    if record.assignee_id is not None:
        p = people.person(record.assignee_id)
        assignee = {"id": p.id, "name": p.name, "email": p.email}
    metrics = MetricService(service.store, service.clock)
    metric = metrics.metric(record.id)
    data: dict[str, Any] = {"assignee": assignee, "metric_progress": _metric_progress(metric)}
    data |= goal_extras_dict(
        record,
        metric,
        metrics.checkins(record.id),
        metrics.journal(record.id),
    )
    return data


def _metric_progress(metric: mt.Metric | None) -> dict[str, Any] | None:
    """What `show` prints of a metric's progress, for programs: the value that counts now,
    the progress as a ratio (1.5 is 150 %, 4 places; None for a limit) and whether a limit
    is kept (None for increase / decrease)."""
    if metric is None:
        return None
    progress = metric.progress
    return {
        "value": decimal_text(metric.value),
        "progress": None
        if progress is None
        else decimal_text(progress.quantize(Decimal("0.0001"))),
        "within": metric.within,
    }


def show_people_lines(service: PlanService, record: ItemRecord) -> list[tuple[str, str]]:
    """Rows for the text of `planner show`."""
    if record.is_group:
        return []
    rows: list[tuple[str, str]] = []
    if record.assignee_id is not None:
        person = PeopleService(service.store).person(record.assignee_id)
        rows.append((pgettext("show", "Assignee:"), f"{person.name}  #{person.id}"))
    metric = MetricService(service.store, service.clock).metric(record.id)
    if metric is not None:
        unit = f" {metric.unit}" if metric.unit else ""
        text = _metric_text(metric.direction, metric.stretch is not None).format(
            name=metric.name,
            current=formats.number(metric.value) + unit,
            baseline=formats.number(metric.baseline),
            target=formats.number(metric.target),
            stretch=formats.number(metric.stretch) if metric.stretch is not None else "",
            status=metric.status_text(),
        )
        rows.append((pgettext("show", "Metric:"), text))
    return rows


def _metric_text(direction: mt.Direction, stretch: bool) -> str:
    """The metric line of `planner show`, one whole sentence per direction."""
    if direction is mt.Direction.INCREASE:
        if stretch:
            return _(
                "{name}: {current} (increase from {baseline} to {target}, stretch {stretch})"
                " — {status}"
            )
        return _("{name}: {current} (increase from {baseline} to {target}) — {status}")
    if direction is mt.Direction.DECREASE:
        if stretch:
            return _(
                "{name}: {current} (decrease from {baseline} to {target}, stretch {stretch})"
                " — {status}"
            )
        return _("{name}: {current} (decrease from {baseline} to {target}) — {status}")
    if direction is mt.Direction.AT_MOST:
        if stretch:
            return _(
                "{name}: {current} (stay at most from {baseline} to {target}, stretch {stretch})"
                " — {status}"
            )
        return _("{name}: {current} (stay at most from {baseline} to {target}) — {status}")
    if stretch:
        return _(
            "{name}: {current} (stay at least from {baseline} to {target}, stretch {stretch})"
            " — {status}"
        )
    return _("{name}: {current} (stay at least from {baseline} to {target}) — {status}")


def show_people_texts(service: PlanService, record: ItemRecord) -> list[str]:
    """Why, examples and journal for the text of `planner show`."""
    out: list[str] = []
    for label, text in (
        (pgettext("show", "Why it matters:"), record.why),
        (pgettext("show", "Examples:"), record.examples),
    ):
        if text:
            out.append(label)
            out.extend("  " + line for line in text.splitlines())
    if not record.is_group:
        entries = MetricService(service.store, service.clock).journal(record.id)
        if entries:
            out.append(pgettext("show", "Journal:"))
            for entry in entries:
                first, *rest = entry.text.splitlines() or [""]
                day = formats.date_short(entry.day)
                out.append(f"  {day}  {first}")
                out.extend(" " * (shown_width(day) + 4) + line for line in rest)
    return out
