"""Making, refreshing and revoking shares: the card rendered, its file written atomically,
the record kept. Used by the window and the command line alike (no widgets here)."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.errors import InvalidInput, PlannerError
from planner.domain.shares import ShareRecord, clean_format
from planner.exports.files import plan_files, plan_name, write_atomically
from planner.services.plan import PlanService
from planner.services.shares import ShareService

if TYPE_CHECKING:
    from planner.exports.card import Card


def fingerprint(card: Card, fmt: str, page: str) -> str:
    from planner.exports.card import render_html

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
    from planner.exports.card import build_card
    from planner.ui.card_render import render

    card = build_card(service, item_id, plan_name(plan))
    target = file.expanduser().absolute()
    write_atomically(target, render(card, fmt, page), plan_files(plan))
    return shares.add(item_id, fmt, str(target), live, fingerprint(card, fmt, page))


@dataclasses.dataclass(frozen=True, slots=True)
class Rewrite:
    """A live share whose card changed: what to write where. Rendering and writing it need
    no plan file, so the window does it off the main thread."""

    share_id: int
    card: Card
    format: str
    page: str
    file: Path
    digest: str
    protected: tuple[Path, ...]

    def run(self) -> str | None:
        from planner.ui.card_render import render

        """Render and write the file; a note when that failed (the old file stays)."""
        try:
            write_atomically(self.file, render(self.card, self.format, self.page), self.protected)
        except PlannerError as e:
            return f"{self.file.name} not updated: {e}"
        return None


def pending_rewrites(service: PlanService, plan: Path) -> tuple[list[Rewrite], list[str]]:
    """The live shares whose card changed since they were written (their cards built from
    the plan now), and a note for each share whose card cannot be made any more (its item
    deleted or removed); those keep their last file."""
    shares = ShareService(service)
    live = shares.live()
    if not live:
        return [], []
    # The card's template engine loads only once a plan has live shares (not at start-up).
    from planner.exports.card import build_card

    page = shares.page()
    name = plan_name(plan)
    protected = tuple(plan_files(plan))
    jobs: list[Rewrite] = []
    notes: list[str] = []
    for share in live:
        try:
            card = build_card(service, share.item_id, name)
        except PlannerError as e:
            notes.append(f"{Path(share.file).name} not updated: {e}")
            continue
        digest = fingerprint(card, share.format, page)
        if digest != share.fingerprint:
            file = Path(share.file)
            jobs.append(Rewrite(share.id, card, share.format, page, file, digest, protected))
    return jobs, notes


def refresh_live(service: PlanService, plan: Path) -> tuple[list[int], list[str]]:
    """Rewrite every live share whose card changed since it was written, now. Returns the
    ids of the shares rewritten, and a note for each that could not be."""
    jobs, notes = pending_rewrites(service, plan)
    rewritten: list[int] = []
    for job in jobs:
        note = job.run()
        if note is None:
            ShareService(service).written(job.share_id, job.digest)
            rewritten.append(job.share_id)
        else:
            notes.append(note)
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
