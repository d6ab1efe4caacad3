"""`planner export` in every format (JSON, OPML, Markdown, CSV, iCalendar, and the card as
HTML, PDF or PNG) and `planner import` (its files are read by exports.exchange.read_import,
which the window's import uses too)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.domain.errors import InvalidInput
from planner.exports.exchange import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    export_bytes,
)
from planner.exports.files import plan_files, plan_name, write_atomically
from planner.i18n import _, pgettext
from planner.services.costs import CostService
from planner.services.plan import PlanService

CARD_FORMATS = ("html", "pdf", "png")


def add_exchange_parsers(sub: Any) -> None:
    export = sub.add_parser("export", help=_("export the plan or one item"))
    export.add_argument("--item", type=int, metavar="ID")
    export.add_argument(
        "--format",
        choices=[*EXPORT_FORMATS, *CARD_FORMATS],
        required=True,
        help=_("html, pdf and png: the read-only card of one item (--item)"),
    )
    export.add_argument("--page", choices=["a4", "letter"], default="a4", help=_("pdf page size"))
    export.add_argument(
        "-o", "--output", metavar=pgettext("metavar", "FILE"), help=_("default: standard output")
    )

    imp = sub.add_parser("import", help=_("import a Planner JSON, OPML or Markdown checklist file"))
    imp.add_argument("file", metavar=pgettext("metavar", "file"))
    imp.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help=_("default: from the file name (.json, .opml, .md), else from its contents"),
    )
    into = imp.add_mutually_exclusive_group()
    into.add_argument("--group", type=int, metavar="ID")
    into.add_argument("--under", type=int, metavar="ID")


def card_bytes(service: PlanService, item_id: int, fmt: str, plan: Path, page: str) -> bytes:
    from planner.exports.card import build_card
    from planner.exports.card_render import render

    return render(build_card(service, item_id, plan_name(plan)), fmt, page)


def cmd_export(service: PlanService, args: argparse.Namespace) -> int:
    if args.format in CARD_FORMATS:
        if args.item is None:
            raise InvalidInput(_("A card shows one goal or task: give --item ID."))
        data = card_bytes(service, args.item, args.format, args.plan_path, args.page)
    else:
        data = export_bytes(service, args.format, args.item, plan_name(args.plan_path))
    if args.output:
        # Named on the command line: a device or pipe there is written into (`/dev/null`).
        write_atomically(Path(args.output), data, plan_files(args.plan_path), devices=True)
        return 0
    if args.format in ("pdf", "png"):
        raise InvalidInput(
            _("A {format} card is written to a file: give -o FILE.").format(
                format=args.format.upper()
            )
        )
    # Text formats are UTF-8 whatever the console's encoding. A closed standard output is
    # the command line's to report (planner.cli.output).
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    elif out is not None:
        out.write(data.decode("utf-8"))
    return 0


def cmd_import(service: PlanService, args: argparse.Namespace) -> int:
    kind, nodes, currency, people = args.document
    target = args.group if args.group is not None else args.under
    if target is not None:
        parent = service.get(target)
        if args.group is not None and not parent.is_group:
            raise InvalidInput(
                _("{id} is not a group; use --under to import under an item.").format(id=target)
            )
        if args.under is not None and parent.is_group:
            raise InvalidInput(
                _("{id} is a group; use --group to import into a group.").format(id=target)
            )
        if kind == "groups":
            nodes = [item for group in nodes for item in group.children]
    elif kind == "item":
        first = service.first_group()
        if first is None:
            raise InvalidInput(_("The plan has no group to import into; add one first."))
        target = first.id
    costs = CostService(service.store)
    plan_currency = costs.currency()
    had_lines = costs.has_lines()
    outcome = service.add_trees(target, nodes, people)
    if currency and currency != plan_currency:
        if had_lines:
            print(
                _(
                    "The export's amounts are in {currency}; they are kept as they are, "
                    "in this plan's {plan_currency}."
                ).format(currency=currency, plan_currency=plan_currency),
                file=sys.stderr,
            )
        else:
            costs.set_currency(currency)
    print(" ".join(str(i) for i in outcome.ids))
    return 0
