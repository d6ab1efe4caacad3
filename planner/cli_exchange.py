"""`planner export` in every format (JSON, OPML, Markdown, CSV, iCalendar, and the card as
HTML, PDF or PNG), and the arguments of `planner import` (its files are read by
exports.exchange.read_import, which the window's import uses too)."""

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
from planner.services.plan import PlanService

CARD_FORMATS = ("html", "pdf", "png")


def add_exchange_parsers(sub: Any) -> None:
    export = sub.add_parser("export", help="export the plan or one item")
    export.add_argument("--item", type=int, metavar="ID")
    export.add_argument(
        "--format",
        choices=[*EXPORT_FORMATS, *CARD_FORMATS],
        required=True,
        help="html, pdf and png: the read-only card of one item (--item)",
    )
    export.add_argument("--page", choices=["a4", "letter"], default="a4", help="pdf page size")
    export.add_argument("-o", "--output", metavar="FILE", help="default: standard output")

    imp = sub.add_parser("import", help="import a Planner JSON, OPML or Markdown checklist file")
    imp.add_argument("file")
    imp.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help="default: from the file name (.json, .opml, .md), else from its contents",
    )
    into = imp.add_mutually_exclusive_group()
    into.add_argument("--group", type=int, metavar="ID")
    into.add_argument("--under", type=int, metavar="ID")


def card_bytes(service: PlanService, item_id: int, fmt: str, plan: Path, page: str) -> bytes:
    from planner.exports.card import build_card
    from planner.ui.card_render import render

    return render(build_card(service, item_id, plan_name(plan)), fmt, page)


def cmd_export(service: PlanService, args: argparse.Namespace) -> int:
    if args.format in CARD_FORMATS:
        if args.item is None:
            raise InvalidInput("A card shows one goal or task: give --item ID.")
        data = card_bytes(service, args.item, args.format, args.plan_path, args.page)
    else:
        data = export_bytes(service, args.format, args.item, plan_name(args.plan_path))
    if args.output:
        write_atomically(Path(args.output), data, plan_files(args.plan_path))
        return 0
    if args.format in ("pdf", "png"):
        raise InvalidInput(f"A {args.format.upper()} card is written to a file: give -o FILE.")
    # Text formats are UTF-8 whatever the console's encoding.
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    return 0
