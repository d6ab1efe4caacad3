"""The days-left text of an item, as one pure function of its dates and today."""

from __future__ import annotations

from datetime import date

from planner.domain.items import Status
from planner.i18n import _, ngettext, pgettext


def countdown_text(due: date | None, status: Status, done_on: date | None, today: date) -> str:
    """'12 days left', 'Due tomorrow', 'Due today', '3 days overdue', 'Done 2 days early', ...
    in the current language (each number with its language's plural form)."""
    if status is Status.DELETED:
        return pgettext("status", "Deleted")
    if status is Status.DONE:
        if due is None or done_on is None:
            return pgettext("status", "Done")
        early = (due - done_on).days
        if early > 0:
            return ngettext("Done {n} day early", "Done {n} days early", early).format(n=early)
        if early < 0:
            return ngettext("Done {n} day late", "Done {n} days late", -early).format(n=-early)
        return _("Done on time")
    if due is None:
        return ""
    left = (due - today).days
    if left > 1:
        return ngettext("{n} day left", "{n} days left", left).format(n=left)
    if left == 1:
        return _("Due tomorrow")
    if left == 0:
        return _("Due today")
    return ngettext("{n} day overdue", "{n} days overdue", -left).format(n=-left)


def is_overdue(due: date | None, status: Status, today: date) -> bool:
    return status is Status.ACTIVE and due is not None and due < today
