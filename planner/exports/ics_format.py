"""iCalendar (RFC 5545), made with the icalendar library: a VTODO for every item with a
due date (deleted ones left out), due as an all-day date; done items COMPLETED with their
done time, the others NEEDS-ACTION. A repeating item carries its RRULE (from its due date
as DTSTART; one repeated from the day it is done says so in X-PLANNER-REPEAT-FROM, which
iCalendar has no word for), and each reminder is a VALARM: at its moment, or relative to
the due date (the start of its day) for "1 day before at 18:00"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Todo, vRecur

from planner.domain.items import Priority, Status
from planner.domain.reminders import Reminder
from planner.exports.outline import Outline, walk
from planner.exports.schedule_format import ScheduleData

# RFC 5545 PRIORITY: 1 highest, 9 lowest, 0 undefined.
_PRIORITY = {Priority.HIGH: 1, Priority.MEDIUM: 5, Priority.LOW: 9}


def dumps(
    outline: Outline,
    title: str,
    now: datetime,
    uid_domain: str,
    schedules: ScheduleData | None = None,
) -> bytes:
    schedules = schedules or ScheduleData()
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
        repeat = schedules.repeats.get(r.id)
        if repeat is not None and not repeat.paused:
            todo.add("dtstart", r.due)
            todo.add("rrule", vRecur.from_ical(repeat.rule))
            if repeat.from_done:
                todo.add("x-planner-repeat-from", "DONE")
        for reminder in schedules.reminders.get(r.id, []):
            todo.add_component(_alarm(reminder, r.title))
        calendar.add_component(todo)
    return calendar.to_ical()


def _alarm(reminder: Reminder, title: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    if reminder.at is not None:
        alarm.add("trigger", reminder.at.astimezone(UTC), parameters={"VALUE": "DATE-TIME"})
        return alarm
    assert reminder.days_before is not None and reminder.time is not None
    # From the start of the due day: "1 day before at 18:00" is 6 hours before it.
    offset = timedelta(
        days=-reminder.days_before, hours=reminder.time.hour, minutes=reminder.time.minute
    )
    alarm.add("trigger", offset, parameters={"RELATED": "END"})
    return alarm
