"""A share: a read-only card of one item written to a file, recorded in the plan so that
it can be kept up to date and withdrawn."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from planner.domain.errors import InvalidInput
from planner.i18n import N_, _

SHARE_FORMATS = ("html", "pdf", "png")
# Said of a share whose record this user's key does not vouch for (services.share_trust);
# translated where shown.
NOT_MADE_HERE = N_("not made on this computer")
PAGE_SIZES = ("a4", "letter")


@dataclasses.dataclass(frozen=True, slots=True)
class ShareRecord:
    id: int
    item_id: int  # the shared item; it may have been removed since (then nothing is written)
    format: str  # html | pdf | png
    file: str  # where the card is written (an absolute path on this computer)
    made: datetime
    updated: datetime
    live: bool  # rewritten whenever the card would change
    fingerprint: str = ""  # a digest of the card's content when it was last written
    # Signed by this user's key for this plan file: only then is its file written or deleted.
    made_here: bool = False
    # The PDF page size it was made with (a4 | letter); None: a share made before pages
    # were kept, which follows the plan's page size setting.
    page: str | None = None


def clean_format(value: str) -> str:
    fmt = value.strip().lower()
    if fmt not in SHARE_FORMATS:
        raise InvalidInput(_("A card is HTML, PDF or PNG, not {value}.").format(value=repr(value)))
    return fmt


def clean_page(value: str) -> str:
    page = value.strip().lower()
    if page not in PAGE_SIZES:
        raise InvalidInput(
            _("The page size is A4 or Letter, not {value}.").format(value=repr(value))
        )
    return page
