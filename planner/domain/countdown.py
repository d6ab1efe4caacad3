"""The days-left text of an item, as one pure function of its dates, today and the plan's
calendar (calendar days, or working days: see domain.workdays)."""

from __future__ import annotations

from datetime import date

from planner.domain.items import Status
from planner.domain.workdays import CALENDAR_DAYS, WorkCalendar
from planner.i18n import _, ngettext, pgettext


def countdown_text(
    due: date | None,
    status: Status,
    done_on: date | None,
    today: date,
    calendar: WorkCalendar = CALENDAR_DAYS,
) -> str:
    """'12 days left', 'Due tomorrow', 'Due today', '3 days overdue', 'Done 2 days early', ...
    in the current language (each number with its language's plural form); with a working
    calendar, '12 working days left', '3 working days overdue', 'Done 2 working days
    early'."""
    if status is Status.DELETED:
        return pgettext("status", "Deleted")
    if status is Status.DONE:
        if due is None or done_on is None:
            return pgettext("status", "Done")
        if calendar.on:
            return _done_working(due, done_on, calendar)
        early = (due - done_on).days
        if early > 0:
            return ngettext("Done {n} day early", "Done {n} days early", early).format(n=early)
        if early < 0:
            return ngettext("Done {n} day late", "Done {n} days late", -early).format(n=-early)
        return _("Done on time")
    if due is None:
        return ""
    left = (due - today).days
    if left == 1:
        return _("Due tomorrow")
    if left == 0:
        return _("Due today")
    if calendar.on:
        return _left_working(due, today, calendar)
    if left > 1:
        return ngettext("{n} day left", "{n} days left", left).format(n=left)
    return ngettext("{n} day overdue", "{n} days overdue", -left).format(n=-left)


def _left_working(due: date, today: date, calendar: WorkCalendar) -> str:
    if due > today:
        n = calendar.working_days(today, due)
        return ngettext("{n} working day left", "{n} working days left", n).format(n=n)
    n = calendar.working_days(due, today)
    if n == 0:  # due on a day off, and no working day has passed since
        return pgettext("status", "Overdue")
    return ngettext("{n} working day overdue", "{n} working days overdue", n).format(n=n)


def _done_working(due: date, done_on: date, calendar: WorkCalendar) -> str:
    if done_on < due:
        n = calendar.working_days(done_on, due)
        if n:
            return ngettext("Done {n} working day early", "Done {n} working days early", n).format(
                n=n
            )
    elif done_on > due:
        n = calendar.working_days(due, done_on)
        if n:
            return ngettext("Done {n} working day late", "Done {n} working days late", n).format(
                n=n
            )
    return _("Done on time")


def is_overdue(due: date | None, status: Status, today: date) -> bool:
    return status is Status.ACTIVE and due is not None and due < today
