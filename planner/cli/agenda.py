"""`planner agenda`: a ready-made view (today, upcoming, overdue, no due date, high
priority, one person's, the logbook) printed with the window's grouping, or as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from planner.domain.agenda import Agenda, AgendaRow, View
from planner.domain.items import Priority, Status
from planner.domain.money import format_money
from planner.exports.json_text import to_json
from planner.i18n import N_, _, pgettext
from planner.services.agenda import AgendaService
from planner.services.costs import CostService
from planner.services.plan import PlanService
from planner.services.queries import TreeQueries

_PRIORITY_TEXTS = {
    Priority.HIGH: N_("high priority"),
    Priority.MEDIUM: N_("medium priority"),
    Priority.LOW: N_("low priority"),
}


def add_agenda_parsers(sub: Any) -> None:
    agenda = sub.add_parser(
        "agenda", help=_("a ready-made view: what is due today, upcoming, overdue...")
    )
    agenda.add_argument(
        "view",
        nargs="?",
        metavar=pgettext("metavar", "VIEW"),
        default=View.TODAY.value,
        choices=[v.value for v in View],
        help=_(
            "today (overdue and due today, the default), upcoming, overdue, nodate, high, "
            "assigned (one person's: with --assignee), logbook (done, newest first)"
        ),
    )
    agenda.add_argument(
        "--days",
        type=int,
        metavar="N",
        help=_("upcoming: the days ahead (default 14); logbook: the days back (default all)"),
    )
    agenda.add_argument(
        "--assignee",
        type=int,
        metavar=pgettext("metavar", "PERSON_ID"),
        help=_("only that person's items"),
    )
    agenda.add_argument("--json", action="store_true", help=_("print it as JSON"))


def cmd_agenda(service: PlanService, args: argparse.Namespace) -> int:
    view = View(args.view)
    costs = CostService(service.store)
    queries = TreeQueries(service.store)
    # The tree's links and the totals from one read of the tree (no totals without lines).
    links, totals = queries.rollups() if costs.has_lines() else (queries.rollup(), None)
    agenda = AgendaService(service.store).view(
        view,
        service.today(),
        days=args.days,
        person_id=args.assignee,
        tree=links,
        totals=totals.totals if totals is not None else None,
    )
    currency = costs.currency()
    if args.json:
        print(to_json(_as_json(agenda, service, currency)))
        return 0
    if not agenda.sections:
        print(agenda.empty_text)
    for section in agenda.sections:
        indent = "  " if section.heading else ""
        if section.heading:
            print(section.heading)
        for row in section.rows:
            print(indent + _row_line(row, currency))
            if row.path:
                print(indent + "    " + " › ".join(row.path))
    return 0


def _row_line(row: AgendaRow, currency: str) -> str:
    record = row.record
    box = "[x]" if record.status is Status.DONE else "[ ]"
    extras = [
        _("a past turn: it repeats") if row.turn else "",
        row.countdown,
        _(_PRIORITY_TEXTS[record.priority]) if record.priority in _PRIORITY_TEXTS else "",
        row.assignee,
        format_money(row.total.headline, currency) if row.total else "",
    ]
    shown = ", ".join(x for x in extras if x)
    return f"{box} {record.title}  #{record.id}" + (f"  ({shown})" if shown else "")


def _as_json(agenda: Agenda, service: PlanService, currency: str) -> dict[str, Any]:
    return {
        "view": agenda.view.value,
        "today": service.today().isoformat(),
        "count": agenda.total,
        "currency": currency,
        "sections": [
            {
                "heading": section.heading,
                "day": section.day.isoformat() if section.day else None,
                "items": [_row_json(row) for row in section.rows],
            }
            for section in agenda.sections
        ],
    }


def _row_json(row: AgendaRow) -> dict[str, Any]:
    record = row.record
    return {
        "id": record.id,
        "title": record.title,
        "path": list(row.path),
        "status": record.status.value,
        "due": record.due.isoformat() if record.due else None,
        "countdown": row.countdown,
        "priority": record.priority.name.lower(),
        "done_at": record.done_at.isoformat() if record.done_at else None,
        "assignee": (
            {"id": record.assignee_id, "name": row.assignee}
            if record.assignee_id is not None
            else None
        ),
        "total": row.total.as_strings() if row.total else None,
        "turn": row.turn or None,  # a repeating item's past turn (its occurrence's id)
    }
