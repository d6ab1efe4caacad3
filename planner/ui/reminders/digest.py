"""The morning digest: "Today: 3 due, 2 overdue", once a day at the time the user set."""

from __future__ import annotations

from datetime import date, datetime, time

from planner.domain.agenda import AgendaCounts
from planner.i18n import _, ngettext

DEFAULT_TIME = time(8, 0)


def digest_text(counts: AgendaCounts) -> str:
    """What the digest says, from the Today view's counts (its overdue items among them)."""
    overdue = counts.overdue
    due = counts.today - overdue
    if not due and not overdue:
        return _("Today: nothing due, nothing overdue.")
    return ngettext(
        "Today: {n} due, {overdue} overdue", "Today: {n} due, {overdue} overdue", due
    ).format(n=due, overdue=overdue)


def digest_due(now: datetime, at: time | None, shown: date | None) -> bool:
    """Whether the digest is to be shown at `now` (local): its time has come today and it
    was not shown today."""
    return at is not None and now.time() >= at and shown != now.date()
