"""The calculation's commands: `planner cost on|off|add|edit|rm|list` and `planner
currency`, and the cost part of `planner show`."""

from __future__ import annotations

import argparse
import re
from typing import Any

from planner.cli.output import labelled
from planner.domain.costs import LineKind, line_cost
from planner.domain.errors import InvalidInput
from planner.domain.items import ItemRecord, Section
from planner.domain.money import format_cost, format_number, parse_price, parse_quantity
from planner.domain.validation import position
from planner.exports import json_format
from planner.i18n import N_, _, pgettext
from planner.services.costs import CostService
from planner.services.plan import PlanService

# What argparse should take for a (negative, infinite, not a) number rather than an option,
# so that "-5", "-inf", "-1e3" or "-12,5" reach the checks that explain what is wrong.
_NUMBER_LIKE = re.compile(r"^-(\d|[.,]\d|inf|nan)", re.IGNORECASE)


def add_cost_parsers(sub: Any) -> None:
    """The `cost` and `currency` subcommands."""
    cost = sub.add_parser("cost", help=_("calculation: cost lines and totals"))
    cost_sub = cost.add_subparsers(
        dest="cost_command", metavar=pgettext("metavar", "ACTION"), required=True
    )
    for name, text in [
        ("on", N_("switch calculation on")),
        ("off", N_("switch it off (lines kept)")),
    ]:
        cost_sub.add_parser(name, help=_(text)).add_argument("id", type=int)
    cost_add = cost_sub.add_parser("add", help=_("add a line; prints its id"))
    cost_add.add_argument("id", type=int)
    cost_add.add_argument("description", metavar=pgettext("metavar", "description"))
    cost_add.add_argument("quantity", metavar=pgettext("metavar", "quantity"))
    cost_add.add_argument("unit_price", metavar=pgettext("metavar", "unit_price"))
    cost_add.add_argument("--unit", default="", metavar=pgettext("metavar", "UNIT"))
    cost_add.add_argument("--income", action="store_true", help=_("an income, not an expense"))
    cost_add.add_argument("--position", type=position, metavar="N", help=_("place among the lines"))
    cost_edit = cost_sub.add_parser("edit", help=_("change a line"))
    cost_edit.add_argument("line_id", type=int, metavar=pgettext("metavar", "line_id"))
    cost_edit.add_argument("--description", metavar=pgettext("metavar", "DESCRIPTION"))
    cost_edit.add_argument("--quantity", metavar=pgettext("metavar", "QUANTITY"))
    cost_edit.add_argument("--unit-price", metavar=pgettext("metavar", "UNIT_PRICE"))
    cost_edit.add_argument("--unit", metavar=pgettext("metavar", "UNIT"))
    kind = cost_edit.add_mutually_exclusive_group()
    kind.add_argument("--income", dest="kind", action="store_const", const=LineKind.INCOME)
    kind.add_argument("--expense", dest="kind", action="store_const", const=LineKind.EXPENSE)
    for parser in (cost_add, cost_edit):
        parser._negative_number_matcher = _NUMBER_LIKE  # argparse has no public hook for it
    cost_sub.add_parser("rm", help=_("remove a line")).add_argument(
        "line_id", type=int, metavar=pgettext("metavar", "line_id")
    )
    cost_sub.add_parser("list", help=_("an item's lines and totals")).add_argument("id", type=int)

    currency = sub.add_parser("currency", help=_("show or set the plan's currency"))
    currency.add_argument(
        "code",
        nargs="?",
        metavar=pgettext("metavar", "code"),
        help=_("an ISO 4217 code such as EUR or USD"),
    )


def show_costs(service: PlanService, record: ItemRecord) -> dict[str, Any]:
    costs = CostService(service.store)
    lines = [] if record.is_group else costs.lines(record.id)
    return {
        "currency": costs.currency(),
        "lines": [json_format.line_dict(line) for line in lines],
        "totals": costs.totals(record.id).as_strings(),
    }


def total_line(service: PlanService, record: ItemRecord) -> str:
    """The item's total for `planner show` (empty when nothing counts)."""
    costs = CostService(service.store)
    totals = costs.totals(record.id)
    return _money(totals.headline, costs.currency()) if totals.lines else ""


def cmd_cost(service: PlanService, args: argparse.Namespace) -> int:
    costs = CostService(service.store)
    action = args.cost_command
    if action in ("on", "off"):
        costs.set_calc(args.id, action == "on")
    elif action == "add":
        outcome = costs.add_line(
            args.id,
            args.description,
            parse_quantity(args.quantity),
            parse_price(args.unit_price),
            unit=args.unit,
            kind=LineKind.INCOME if args.income else LineKind.EXPENSE,
            index=args.position,
        )
        print(outcome.lines[0])
    elif action == "edit":
        fields: dict[str, Any] = {}
        if args.description is not None:
            fields["description"] = args.description
        if args.quantity is not None:
            fields["quantity"] = parse_quantity(args.quantity)
        if args.unit_price is not None:
            fields["unit_price"] = parse_price(args.unit_price)
        if args.unit is not None:
            fields["unit"] = args.unit
        if args.kind is not None:
            fields["kind"] = args.kind
        if not fields:
            raise InvalidInput(
                _(
                    "Nothing to change: give --description, --quantity, --unit-price, --unit, "
                    "--income or --expense."
                )
            )
        costs.edit_line(args.line_id, **fields)
    elif action == "rm":
        costs.remove_line(args.line_id)
    else:
        print("\n".join(_cost_report(service, costs, args.id)))
    return 0


def _cost_report(service: PlanService, costs: CostService, item_id: int) -> list[str]:
    """An item's lines, its totals split expense / income and done / remaining, and the
    part of each child."""
    record = service.get(item_id)
    currency = costs.currency()
    breakdown = costs.breakdown(item_id)
    if record.is_group:
        out = [f"{record.title}  #{record.id}"]
    elif record.calc_on:
        out = [_("{title}  #{id}  (calculation on)").format(title=record.title, id=record.id)]
    else:
        out = [_("{title}  #{id}  (calculation off)").format(title=record.title, id=record.id)]
    for line in breakdown.own_lines:
        unit = f" {line.unit}" if line.unit else ""
        if line.kind is LineKind.INCOME:
            text = _("line #{id}  {description} (income): {quantity} × {price} = {amount}")
        else:
            text = _("line #{id}  {description}: {quantity} × {price} = {amount}")
        out.append(
            "  "
            + text.format(
                id=line.id,
                description=line.description,
                quantity=format_number(line.quantity) + unit,
                price=format_number(line.unit_price),
                amount=_money(line_cost(line), currency),
            )
        )
    children = {c.id: c.title for c in service.children(item_id, Section.ACTIVE)}
    children |= {c.id: c.title for c in service.children(item_id, Section.DONE)}
    for child_id, part in breakdown.children:
        if part.lines:
            out.append(
                "  "
                + _("from {title}  #{id}: {amount}").format(
                    title=children[child_id], id=child_id, amount=_money(part.headline, currency)
                )
            )
    t = breakdown.total
    if not t.lines:
        out.append(_("Nothing counts here yet."))
        return out
    split = _("{total}  (done {done}, remaining {remaining})")
    rows = [
        (
            _("Expenses:"),
            split.format(
                total=_money(t.expense, currency),
                done=_money(t.expense_done, currency),
                remaining=_money(t.expense_remaining, currency),
            ),
        ),
        (
            _("Incomes:"),
            split.format(
                total=_money(-t.income, currency),
                done=_money(-t.income_done, currency),
                remaining=_money(-t.income_remaining, currency),
            ),
        ),
        (_("Net:"), _money(t.cost, currency)),
    ]
    return out + labelled(rows)


def _money(cost: Any, currency: str) -> str:
    """Money as Planner shows it everywhere: a cost plain, money in with "+"."""
    return format_cost(cost, currency)


def cmd_currency(service: PlanService, args: argparse.Namespace) -> int:
    costs = CostService(service.store)
    if args.code is None:
        print(costs.currency())
    else:
        costs.set_currency(args.code)
    return 0
