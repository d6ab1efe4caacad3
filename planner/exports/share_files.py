"""Making, refreshing and revoking shares: the card rendered, its file written atomically,
the record kept. Used by the window and the command line alike (no widgets here).

Only a share this user made for this plan file (`made_here`, services.share_trust) has its
file written or deleted; any other is listed, noted, and left alone."""

from __future__ import annotations

import dataclasses
import hashlib
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.errors import InvalidInput, PlannerError
from planner.domain.shares import ShareRecord, clean_format
from planner.exports.files import (
    SetAside,
    plan_files,
    plan_name,
    set_aside,
    stage,
    write_atomically,
)
from planner.i18n import _
from planner.services.plan import PlanService
from planner.services.shares import ShareService

if TYPE_CHECKING:
    from planner.exports.card import Card


def fingerprint(card: Card, fmt: str, page: str) -> str:
    """A digest of everything the card shows (its HTML holds it all) and how it is made."""
    from planner.exports.card import render_html

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
    """Write the card of an item to `file` and record the share: both, or neither (the
    file is put in place inside the step that records it)."""
    fmt = clean_format(fmt)
    shares = ShareService(service, plan)
    page = page or shares.page()
    from planner.exports.card import build_card
    from planner.exports.card_render import render

    card = build_card(service, item_id, plan_name(plan))
    target = file.expanduser().absolute()
    staged = stage(target, render(card, fmt, page), plan_files(plan))
    try:
        return shares.add(
            item_id, fmt, str(target), live, fingerprint(card, fmt, page), staged.place, page
        )
    finally:
        staged.discard()


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
        """Render and write the file; a note when that failed (the old file stays)."""
        from planner.exports.card_render import render

        try:
            write_atomically(self.file, render(self.card, self.format, self.page), self.protected)
        except (PlannerError, OSError) as e:
            return _not_updated(self.file.name, e)
        return None


def not_made_here(share: ShareRecord) -> str:
    return _("{file} not updated: share {id} was not made on this computer.").format(
        file=Path(share.file).name, id=share.id
    )


def _not_updated(name: str, reason: object) -> str:
    return _("{file} not updated: {reason}").format(file=name, reason=reason)


def pending_rewrites(service: PlanService, plan: Path) -> tuple[list[Rewrite], list[str]]:
    """The live shares whose card changed since they were written (their cards built from
    the plan now), and a note for each share whose card cannot be made any more (its item
    deleted or removed; those keep their last file) or that this user did not make."""
    shares = ShareService(service, plan)
    live = shares.live()
    if not live:
        return [], []
    # The card's template engine loads only once a plan has live shares (not at start-up).
    from planner.exports.card import build_card

    plan_page = shares.page()  # for shares made before each kept its own
    name = plan_name(plan)
    protected = tuple(plan_files(plan))
    jobs: list[Rewrite] = []
    notes: list[str] = []
    for share in live:
        if not share.made_here:
            notes.append(not_made_here(share))
            continue
        try:
            card = build_card(service, share.item_id, name)
        except PlannerError as e:
            notes.append(_not_updated(Path(share.file).name, e))
            continue
        page = share.page or plan_page
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


def revoke(service: PlanService, share_id: int, plan: Path) -> str:
    """Withdraw a share: its record, and its file when this user made it and it is still
    the regular file Planner wrote. What happened, in words. The file is moved aside in
    the step that removes the record and deleted once that is saved, so a refused revoke
    (a read-only plan) deletes nothing."""
    shares = ShareService(service, plan)
    share = shares.get(share_id)
    path = Path(share.file)
    if not share.made_here:
        shares.remove(share_id)
        return _(
            "Share {id} was not made on this computer: its record is removed, and {path} "
            "was left alone."
        ).format(id=share_id, path=path)
    taken: list[SetAside] = []

    def take_file(_share: ShareRecord) -> None:
        try:
            found = set_aside(path)
        except OSError as e:
            raise InvalidInput(
                _("Cannot delete {path}: {reason}. The share is kept.").format(
                    path=path, reason=e.strerror or e
                )
            ) from None
        if found is not None:
            taken.append(found)

    try:
        shares.remove(share_id, take_file)
    except BaseException:  # any failure, even an interrupt, and raised on
        for found in taken:  # the record could not be removed: the file goes back
            found.put_back()
        raise
    if taken:
        taken[0].delete()
        return _("Deleted {path}.").format(path=path)
    return _left_note(path)


def _left_note(path: Path) -> str:
    try:
        mode = path.lstat().st_mode
    except OSError:
        mode = None
    if mode is None:
        text = _("{path} was already gone (moved or deleted); the share is withdrawn.")
    elif stat.S_ISLNK(mode):
        text = _(
            "{path} is now a link, not the card Planner wrote: left alone; the share is withdrawn."
        )
    elif stat.S_ISDIR(mode):
        text = _(
            "{path} is now a folder, not the card Planner wrote: left alone; the share is "
            "withdrawn."
        )
    else:
        text = _(
            "{path} is now a device, a pipe or a socket, not the card Planner wrote: left "
            "alone; the share is withdrawn."
        )
    return text.format(path=path)
