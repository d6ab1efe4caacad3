"""Making, refreshing and revoking shares: the card rendered, its file written atomically,
the record kept. Used by the window and the command line alike (no widgets here)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from planner.domain.errors import InvalidInput, PlannerError
from planner.domain.shares import ShareRecord, clean_format
from planner.exports.card import Card, build_card, plan_name, render_html
from planner.exports.files import plan_files, write_atomically
from planner.services.plan import PlanService
from planner.services.shares import ShareService
from planner.ui.card_render import render


def fingerprint(card: Card, fmt: str, page: str) -> str:
    """A digest of everything the card shows (its HTML holds it all) and how it is made."""
    text = f"{fmt}\n{page}\n{render_html(card)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_share(
    service: PlanService,
    item_id: int,
    fmt: str,
    file: Path,
    live: bool,
    plan: Path,
    page: str | None = None,
) -> ShareRecord:
    """Write the card of an item to `file` and record the share."""
    fmt = clean_format(fmt)
    shares = ShareService(service)
    page = page or shares.page()
    card = build_card(service, item_id, plan_name(plan))
    target = file.expanduser().absolute()
    write_atomically(target, render(card, fmt, page), plan_files(plan))
    return shares.add(item_id, fmt, str(target), live, fingerprint(card, fmt, page))


def refresh_live(service: PlanService, plan: Path) -> tuple[list[int], list[str]]:
    """Rewrite every live share whose card changed since it was written. Returns the ids of
    the shares rewritten, and a note for each share that could not be brought up to date
    (its item deleted, its folder gone...); those keep their last file."""
    shares = ShareService(service)
    live = shares.live()
    if not live:
        return [], []
    page = shares.page()
    notes: list[str] = []
    rewritten: list[int] = []
    name = plan_name(plan)
    for share in live:
        try:
            card = build_card(service, share.item_id, name)
            digest = fingerprint(card, share.format, page)
            if digest == share.fingerprint:
                continue
            write_atomically(Path(share.file), render(card, share.format, page), plan_files(plan))
            shares.written(share.id, digest)
            rewritten.append(share.id)
        except PlannerError as e:
            notes.append(f"Share {share.id} ({Path(share.file).name}) not updated: {e}")
    return rewritten, notes


def revoke(service: PlanService, share_id: int) -> str:
    """Delete a share's file and its record; what happened, in words. A file already gone
    is reported, not an error; a file that cannot be deleted keeps the share."""
    shares = ShareService(service)
    share = shares.get(share_id)
    path = Path(share.file)
    try:
        path.unlink()
        note = f"Deleted {path}."
    except FileNotFoundError:
        note = f"{path} was already gone (moved or deleted); the share is withdrawn."
    except IsADirectoryError:
        raise InvalidInput(f"{path} is now a folder; the share is kept.") from None
    except OSError as e:
        raise InvalidInput(f"Cannot delete {path}: {e.strerror or e}. The share is kept.") from None
    shares.remove(share_id)
    return note
