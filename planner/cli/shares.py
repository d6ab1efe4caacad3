"""`planner share`, `planner shares`, `planner revoke`, and the refresh of live shares after
any command that changed the plan."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner import formats
from planner.cli.output import shown_width, warn
from planner.domain.errors import PlannerError
from planner.domain.shares import PAGE_SIZES, SHARE_FORMATS
from planner.i18n import _, pgettext
from planner.services.plan import PlanService
from planner.services.shares import ShareService

# Commands that never change the plan: no live share can need a rewrite after them.
# Commands that change nothing a card shows (search writes only its own index).
READ_ONLY = {"list", "show", "agenda", "export", "check", "shares", "share", "revoke", "search"}


def add_share_parsers(sub: Any) -> None:
    share = sub.add_parser(
        "share", help=_("write a read-only card of an item; prints the share id")
    )
    share.add_argument("id", type=int)
    share.add_argument("--format", choices=SHARE_FORMATS, required=True)
    share.add_argument("-o", "--output", metavar=pgettext("metavar", "FILE"), required=True)
    share.add_argument("--live", action="store_true", help=_("rewrite it whenever it changes"))
    share.add_argument("--page", choices=PAGE_SIZES, help=_("pdf page size (default: the plan's)"))

    shares = sub.add_parser("shares", help=_("list the shares of the plan"))
    shares.add_argument("--json", action="store_true")

    revoke = sub.add_parser("revoke", help=_("withdraw a share: delete its file and its record"))
    revoke.add_argument("share_id", type=int, metavar=pgettext("metavar", "SHARE_ID"))


def cmd_share(service: PlanService, args: argparse.Namespace) -> int:
    from planner.exports.share_files import make_share

    share = make_share(
        service, args.id, args.format, Path(args.output), args.live, args.plan_path, args.page
    )
    print(share.id)
    return 0


def cmd_shares(service: PlanService, args: argparse.Namespace) -> int:
    shares = ShareService(service, args.plan_path).all()
    found = service.get_many(s.item_id for s in shares) if shares else {}
    titles = {i: r.title for i, r in found.items()}
    if args.json:
        from planner.exports.json_text import to_json

        rows = [
            {
                "id": s.id,
                "item": s.item_id,
                "title": titles.get(s.item_id),
                "format": s.format,
                "file": s.file,
                "made": s.made.isoformat(),
                "updated": s.updated.isoformat(),
                "live": s.live,
                "made_here": s.made_here,
            }
            for s in shares
        ]
        print(to_json(rows))
        return 0
    if not shares:
        print(_("No shares. Make one: planner share ID --format html -o FILE"))
        return 0
    kinds = (pgettext("share", "live"), pgettext("share", "once"))
    kind_width = max(map(shown_width, kinds))
    for s in shares:
        title = titles.get(s.item_id, _("(item removed)"))
        live = kinds[0] if s.live else kinds[1]
        live += " " * (kind_width - shown_width(live))
        updated = formats.moment(s.updated)
        line = f"{s.id:>4}  {s.format:<4}  {live}  {updated}  {title}  #{s.item_id}  →  {s.file}"
        if not s.made_here:
            line += "  " + _("(not made on this computer: never written nor deleted)")
        print(line)
    return 0


def cmd_revoke(service: PlanService, args: argparse.Namespace) -> int:
    from planner.exports.share_files import revoke

    print(revoke(service, args.share_id, args.plan_path), file=sys.stderr)
    return 0


def refresh_after(service: PlanService, args: argparse.Namespace) -> None:
    """After a command that may have changed the plan: bring live shares up to date. The
    change is saved already, so whatever goes wrong here is a warning, not a failure."""
    if args.command in READ_ONLY:
        return
    try:
        if not ShareService(service).live():
            return
        from planner.exports.share_files import refresh_live

        _rewritten, notes = refresh_live(service, args.plan_path)
    except (PlannerError, OSError) as e:
        notes = [_("live shares not updated: {reason}").format(reason=e)]
    for note in notes:
        warn(note)


SHARE_COMMANDS = {"share": cmd_share, "shares": cmd_shares, "revoke": cmd_revoke}
