"""iCalendar (RFC 5545), made with the icalendar library: a VTODO for every item with a
due date (deleted ones left out), due as an all-day date; done items COMPLETED with their
done time, the others NEEDS-ACTION."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar, Todo

from planner.domain.items import Priority, Status
from planner.exports.outline import Outline, walk

# RFC 5545 PRIORITY: 1 highest, 9 lowest, 0 undefined.
_PRIORITY = {Priority.HIGH: 1, Priority.MEDIUM: 5, Priority.LOW: 9}


def dumps(outline: Outline, title: str, now: datetime, uid_domain: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Planner//Planner goals//EN")  # not-ui: an identifier
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    for node, _depth in walk(outline.roots):
        r = node.record
        if r.is_group or r.due is None:
            continue
        todo = Todo()
        todo.add("uid", f"item-{r.id}@{uid_domain}")
        todo.add("dtstamp", now.astimezone(UTC))
        todo.add("created", r.created.astimezone(UTC))
        todo.add("summary", r.title)
        if r.notes:
            todo.add("description", r.notes)
        todo.add("due", r.due)
        if r.priority:
            todo.add("priority", _PRIORITY[r.priority])
        if r.status is Status.DONE:
            todo.add("status", "COMPLETED")
            todo.add("percent-complete", 100)
            if r.done_at is not None:
                todo.add("completed", r.done_at.astimezone(UTC))
        else:
            todo.add("status", "NEEDS-ACTION")
        calendar.add_component(todo)
    return calendar.to_ical()
