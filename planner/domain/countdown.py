"""The days-left text of an item, as one pure function of its dates and today."""

from __future__ import annotations

from datetime import date

from planner.domain.items import Status


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def countdown_text(due: date | None, status: Status, done_on: date | None, today: date) -> str:
    """'12 days left', 'Due tomorrow', 'Due today', '3 days overdue', 'Done 2 days early', ..."""
    if status is Status.DELETED:
        return "Deleted"
    if status is Status.DONE:
        if due is None or done_on is None:
            return "Done"
        early = (due - done_on).days
        if early > 0:
            return f"Done {_days(early)} early"
        if early < 0:
            return f"Done {_days(-early)} late"
        return "Done on time"
    if due is None:
        return ""
    left = (due - today).days
    if left > 1:
        return f"{_days(left)} left"
    if left == 1:
        return "Due tomorrow"
    if left == 0:
        return "Due today"
    return f"{_days(-left)} overdue"


def is_overdue(due: date | None, status: Status, today: date) -> bool:
    return status is Status.ACTIVE and due is not None and due < today
