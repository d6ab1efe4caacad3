"""`planner search TEXT [--limit N] [--json]`: the true number of matches and the ranked
hits with their paths, through the same search as the window's (services/search.py). The
plan's search index is brought up to date first (a read-only plan's cannot be: the items
it has not caught up with are checked one by one, with the same rule)."""

from __future__ import annotations

import argparse
from typing import Any

from planner import formats
from planner.cli.output import fail
from planner.domain.items import ItemRecord
from planner.domain.search_text import matches_text, needles
from planner.exports.json_text import to_json
from planner.i18n import _, ngettext, pgettext
from planner.services.plan import PlanService
from planner.services.search import Hit, SearchService

DEFAULT_LIMIT = 20


def add_search_parser(sub: Any) -> None:
    search = sub.add_parser(
        "search",
        help=_("find items by the words of their titles and notes"),
        description=_(
            "Every word must be found in the title or the notes, in any case and without "
            "accents; a word of three letters or more anywhere, a shorter one at the start "
            "of a word. Titles rank before notes, whole words before parts."
        ),
    )
    search.add_argument(
        "text", nargs="+", metavar=pgettext("metavar", "TEXT"), help=_("the words to find")
    )
    search.add_argument(
        "--limit",
        type=_limit,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=_("show at most N hits (default {n}; 0: only how many)").format(n=DEFAULT_LIMIT),
    )
    search.add_argument("--json", action="store_true", help=_("the count and hits as JSON"))


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(_("a whole number, 0 or more: {text}").format(text=text))
    return value


def cmd_search(service: PlanService, args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    if not needles(text):
        return fail(_("Nothing to search for: give a word to find."))
    search = SearchService(service.store)
    search.catch_up()  # the whole index, before answering (nothing on a read-only plan)
    page = search.search(text, 0, args.limit)
    hits = page.hits
    if args.json:
        document = {
            "query": text,
            "count": page.count,
            "hits": [_hit_dict(hit) for hit in hits],
        }
        print(to_json(document))
        return 0
    print(matches_text(page.count))
    for hit in hits:
        print(_line(hit))
    more = page.count - len(hits)
    if more > 0:
        text = ngettext(
            "… and {n} more (--limit N shows more)", "… and {n} more (--limit N shows more)", more
        )
        print(text.format(n=formats.number(more)))
    return 0


def _kind(hit: Hit) -> str:
    if hit.record.is_group:
        return "group"
    return "goal" if len(hit.path) == 1 else "task"


def _hit_dict(hit: Hit) -> dict[str, Any]:
    record = hit.record
    return {
        "id": record.id,
        "title": record.title,
        "kind": _kind(hit),
        "status": record.status.value,
        "path": hit.path,
    }


def _line(hit: Hit) -> str:
    record: ItemRecord = hit.record
    if record.is_group:
        group = _("group")
        return f"{record.title}  #{record.id}  ({group})"
    box = {"active": "[ ]", "done": "[x]", "deleted": "[-]"}[record.status.value]
    return f"{box} {record.title}  #{record.id}  ({' › '.join(hit.path)})"
