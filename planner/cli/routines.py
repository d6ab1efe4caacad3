"""Repeating items, reminders, habits and working days on the command line: `planner
repeat`, `remind`, `reminders`, `habit`, `tick`, `untick`, `habits`, `workdays`, and their
part of `planner show`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from planner import formats
from planner.domain.errors import InvalidInput
from planner.domain.habits import Figures, Habit
from planner.domain.items import ItemRecord
from planner.domain.reminders import (
    DEFAULT_TIME,
    parse_at,
    parse_before,
    parse_clock,
    reminder_words,
)
from planner.domain.turn_words import turns_text
from planner.domain.validation import parse_date
from planner.domain.workdays import WorkCalendar, week_text
from planner.exports.schedule_format import habit_dict, occurrence_dict, reminder_dict, repeat_dict
from planner.i18n import N_, _, ngettext, pgettext
from planner.services.habits import HabitService, HabitView
from planner.services.plan import PlanService
from planner.services.reminders import ReminderService
from planner.services.repeats import RepeatService
from planner.services.workdays import WorkdayService, read_calendar

STRIP_MARKS = {"ticked": "■", "due": "□", "free": "·"}  # not-ui: the strip's marks


def add_routine_parsers(sub: Any) -> None:
    """The `repeat`, `remind`, `reminders`, `habit`, `tick`, `untick`, `habits` and
    `workdays` subcommands."""
    repeat = sub.add_parser("repeat", help=_("make a goal or task repeat, or stop it"))
    repeat.add_argument("id", type=int)
    repeat.add_argument(
        "rule",
        nargs="?",
        metavar=pgettext("metavar", "RULE"),
        help=_("in words: 'every 2 weeks on mon,thu', 'monthly on the last day', ..."),
    )
    repeat.add_argument(
        "--rrule",
        metavar="RRULE",  # not-ui: the iCalendar property's own name
        help=_("an iCalendar rule: 'FREQ=...'"),
    )
    repeat.add_argument(
        "--from-done", action="store_true", help=_("repeat from the day it is done")
    )
    what = repeat.add_mutually_exclusive_group()
    what.add_argument("--off", action="store_true", help=_("stop repeating"))
    what.add_argument("--pause", action="store_true", help=_("pause repeating"))
    what.add_argument("--resume", action="store_true", help=_("resume repeating"))
    what.add_argument("--skip", action="store_true", help=_("skip this one: due next time"))

    remind = sub.add_parser("remind", help=_("set or clear an item's reminders"))
    remind.add_argument("id", type=int, nargs="?", help=_("the item (not with --default)"))
    when = remind.add_mutually_exclusive_group()
    when.add_argument(
        "--at", metavar=pgettext("metavar", "'YYYY-MM-DD HH:MM'"), help=_("at this local time")
    )
    when.add_argument(
        "--before", metavar="1d|1w", help=_("days (d) or weeks (w) before the due date")
    )
    when.add_argument("--clear", action="store_true", help=_("take its reminders away"))
    when.add_argument("--off", action="store_true", help=_("with --default: no default"))
    remind.add_argument(
        "--time", metavar=pgettext("metavar", "HH:MM"), help=_("with --before (default: 09:00)")
    )
    remind.add_argument(
        "--default", action="store_true", help=_("the reminder new goals and tasks get")
    )

    reminders = sub.add_parser("reminders", help=_("the reminders that would fire"))
    reminders.add_argument("--until", metavar=pgettext("metavar", "'YYYY-MM-DD HH:MM'"))
    reminders.add_argument("--json", action="store_true")

    habit = sub.add_parser("habit", help=_("keep a goal or task as a habit"))
    habit.add_argument("id", type=int)
    habit.add_argument(
        "how",
        nargs="?",
        metavar=pgettext("metavar", "HOW"),
        help=_("daily, weekdays, '3 per week', 'on mon,wed,fri'"),
    )
    habit.add_argument("--off", action="store_true", help=_("an ordinary item again"))

    for name, text in (("tick", N_("tick a habit for a day")), ("untick", N_("untick a day"))):
        tick = sub.add_parser(name, help=_(text))
        tick.add_argument("id", type=int)
        tick.add_argument(
            "--date", metavar=pgettext("metavar", "YYYY-MM-DD"), help=_("default: today")
        )

    habits = sub.add_parser("habits", help=_("every habit with its streaks and shares kept"))
    habits.add_argument("--json", action="store_true")

    workdays = sub.add_parser(
        "workdays", help=_("count working days or calendar days; show the setting")
    )
    workdays.add_argument(
        "state", nargs="?", choices=["on", "off"], metavar=pgettext("metavar", "on|off")
    )
    workdays.add_argument(
        "--country",
        metavar="CC",
        help=_("the country whose public holidays are days off ('none': no country)"),
    )
    workdays.add_argument(
        "--week",
        metavar="mon,tue,...",  # not-ui: typed as it is, in English
        help=_("the working week"),
    )


# -- repeat --------------------------------------------------------------------------------


def cmd_repeat(service: PlanService, args: argparse.Namespace) -> int:
    repeats = RepeatService(service.store, service.clock)
    given = [x for x in (args.rule, args.rrule) if x is not None]
    if args.off or args.pause or args.resume or args.skip:
        if given or args.from_done:
            raise InvalidInput(_("--off, --pause, --resume and --skip take no rule."))
        if args.off:
            repeats.stop(args.id)
        elif args.skip:
            repeats.skip(args.id)
            due = service.get(args.id).due
            assert due is not None  # it repeats: it has a due date
            print(_("Next due: {day}").format(day=formats.date_short(due)))
        else:
            repeats.pause(args.id, paused=args.pause)
        return 0
    if len(given) != 1:
        raise InvalidInput(
            _("Give one rule: in words ('every 2 weeks on mon,thu') or --rrule 'FREQ=...'.")
        )
    rule = given[0]
    if args.rrule is not None and "=" not in rule:
        raise InvalidInput(_("--rrule takes an iCalendar rule such as 'FREQ=WEEKLY;BYDAY=MO'."))
    repeats.set_repeat(args.id, rule, from_done=args.from_done)
    view = repeats.view(args.id)
    assert view is not None
    print(_repeat_line(view.words, view.repeat.from_done))
    return 0


def _repeat_line(words: str, from_done: bool) -> str:
    if from_done:
        return _("{rule}, from the day it is done").format(rule=words)
    return _("{rule}, from the due date").format(rule=words)


# -- reminders -----------------------------------------------------------------------------


def cmd_remind(service: PlanService, args: argparse.Namespace) -> int:
    reminders = ReminderService(service.store, service.clock)
    if args.time is not None and args.before is None:
        raise InvalidInput(_("--time goes with --before (a time on that day)."))
    at_time = parse_clock(args.time) if args.time is not None else DEFAULT_TIME
    if args.default:
        if args.id is not None or args.at or args.clear:
            raise InvalidInput(_("--default takes --before (and --time), or --off; no item."))
        if args.off:
            reminders.set_default(None)
        elif args.before is not None:
            reminders.set_default(parse_before(args.before), at_time)
        else:
            raise InvalidInput(_("--default takes --before 1d (and --time 09:00), or --off."))
        return 0
    if args.id is None:
        raise InvalidInput(_("Give the item's id (or --default)."))
    if args.off:
        raise InvalidInput(_("--off goes with --default; --clear takes an item's reminders away."))
    if args.clear:
        reminders.clear(args.id)
    elif args.at is not None:
        reminders.add_at(args.id, parse_at(args.at))
    elif args.before is not None:
        reminders.add_before(args.id, parse_before(args.before), at_time)
    else:
        raise InvalidInput(_("Say when: --at 'YYYY-MM-DD HH:MM', or --before 1d --time 09:00."))
    return 0


def cmd_reminders(service: PlanService, args: argparse.Namespace) -> int:
    until = parse_at(args.until) if args.until is not None else None
    coming = ReminderService(service.store, service.clock).coming(until)
    if args.json:
        from planner.exports.json_text import to_json

        entries = [
            {
                "moment": c.moment.isoformat(),
                "late": c.late,
                "item": {"id": c.record.id, "title": c.record.title},
                "reminder": {"id": c.reminder.id} | reminder_dict(c.reminder),
            }
            for c in coming
        ]
        print(to_json(entries))
        return 0
    if not coming:
        print(_("No reminders to come."))
    for c in coming:
        late = "  " + _("(late: fires at the next look)") if c.late else ""
        words = reminder_words(c.reminder)
        print(f"{formats.moment(c.moment)}  {c.record.title}  #{c.record.id}  ({words}){late}")
    return 0


# -- habits --------------------------------------------------------------------------------


def cmd_habit(service: PlanService, args: argparse.Namespace) -> int:
    habits = HabitService(service.store, service.clock)
    if args.off:
        if args.how is not None:
            raise InvalidInput(_("--off takes no frequency."))
        habits.stop(args.id)
        return 0
    if args.how is None:
        raise InvalidInput(
            _("Say how often: daily, weekdays, '3 per week', 'on mon,wed,fri' (or --off).")
        )
    habits.set_habit(args.id, args.how)
    return 0


def _tick_command(on: bool) -> Any:
    def command(service: PlanService, args: argparse.Namespace) -> int:
        day = parse_date(args.date) if args.date else None
        outcome = HabitService(service.store, service.clock).tick(args.id, day, on=on)
        if outcome.note:
            print(outcome.note, file=sys.stderr)
        return 0

    return command


def cmd_habits(service: PlanService, args: argparse.Namespace) -> int:
    views = HabitService(service.store, service.clock).views()
    if args.json:
        from planner.exports.json_text import to_json

        print(
            to_json([{"id": v.record.id, "title": v.record.title} | habit_part(v) for v in views])
        )
        return 0
    if not views:
        print(_("No habits yet. Make one: planner habit ID daily"))
    for view in views:
        print(f"{view.record.title}  #{view.record.id}  {figures_line(view.habit, view.figures)}")
        print("  " + strip_text(view.figures))
    return 0


def strip_text(found: Figures) -> str:
    return "".join(
        STRIP_MARKS["ticked" if d.ticked else "due" if d.due else "free"] for d in found.strip
    )


def figures_line(habit: Habit, found: Figures) -> str:
    """ "streak of 3 days (best 7), kept 80% of the last 30 days, 75% of the last 90"."""
    kept_30 = "–" if found.kept_30 is None else formats.percent(found.kept_30)
    kept_90 = "–" if found.kept_90 is None else formats.percent(found.kept_90)
    n = found.current
    if found.in_weeks:
        streak = ngettext("streak of {n} week", "streak of {n} weeks", n).format(n=n)
    else:
        streak = ngettext("streak of {n} day", "streak of {n} days", n).format(n=n)
    return _(
        "{streak} (best {best}), kept {kept_30} of the last 30 days, {kept_90} of the last 90"
    ).format(streak=streak, best=found.best, kept_30=kept_30, kept_90=kept_90)


def habit_part(view: HabitView) -> dict[str, Any]:
    found = view.figures
    return {
        "habit": habit_dict(view.habit),
        "strip": [
            {"date": d.day.isoformat(), "ticked": d.ticked, "due": d.due} for d in found.strip
        ],
        "current_streak": found.current,
        "best_streak": found.best,
        "streak_in": "weeks" if found.in_weeks else "days",
        "kept_30": found.kept_30,
        "kept_90": found.kept_90,
        "ticks": found.ticks,
    }


# -- working days --------------------------------------------------------------------------


def cmd_workdays(service: PlanService, args: argparse.Namespace) -> int:
    workdays = WorkdayService(service.store, service.clock)
    if args.state is None and args.country is None and args.week is None:
        print(calendar_line(workdays.calendar()))
        return 0
    current = workdays.calendar()
    on = current.on if args.state is None else args.state == "on"
    country = args.country
    if country is not None and country.strip().lower() in ("", "none"):
        country = ""
    workdays.set_calendar(on, args.week, country)
    print(calendar_line(workdays.calendar()))
    return 0


def calendar_line(calendar: WorkCalendar) -> str:
    week = week_text(calendar.week)
    if not calendar.on:
        return _("Countdowns count calendar days (working week {week}).").format(week=week)
    if calendar.country:
        return _(
            "Countdowns count working days: {week}, without the public holidays of {country}."
        ).format(week=week, country=calendar.country)
    return _("Countdowns count working days: {week}.").format(week=week)


def plan_calendar(service: PlanService) -> WorkCalendar:
    """The plan's calendar for countdowns (read from its settings: no library loaded)."""
    with service.store.read() as unit:
        return read_calendar(unit)


# -- show ----------------------------------------------------------------------------------


def show_schedules(service: PlanService, record: ItemRecord) -> dict[str, Any]:
    """The repeating (with the next due date), reminders and habit for `show --json`."""
    if record.is_group:
        return {}
    view = RepeatService(service.store, service.clock).view(record.id)
    repeat = None
    if view is not None:
        repeat = repeat_dict(view.repeat) | {
            "words": view.words,
            "next": None if view.next_due is None else view.next_due.isoformat(),
            "then": [d.isoformat() for d in view.then],
            "occurrences": [occurrence_dict(o) for o in view.occurrences],
        }
    reminders = ReminderService(service.store, service.clock)
    coming = reminders.next_moments(record.id)
    habit = HabitService(service.store, service.clock).view(record.id)
    return {
        "repeat": repeat,
        "reminders": [
            {"id": r.id, "words": reminder_words(r)}
            | reminder_dict(r)
            | {"next": coming[r.id].isoformat() if r.id in coming else None}
            for r in reminders.reminders(record.id)
        ],
        "habit": None if habit is None else habit_part(habit),
    }


def show_schedule_lines(service: PlanService, record: ItemRecord) -> list[tuple[str, str]]:
    """Rows for the text of `planner show`."""
    if record.is_group:
        return []
    rows: list[tuple[str, str]] = []
    view = RepeatService(service.store, service.clock).view(record.id)
    if view is not None:
        line = _repeat_line(view.words, view.repeat.from_done)
        if view.repeat.paused:
            line = _("{rule} (paused)").format(rule=line)
        rows.append((pgettext("show", "Repeats:"), line))
        if view.next_due is not None and not view.repeat.paused:
            rows.append((pgettext("show", "Next date:"), formats.date_short(view.next_due)))
        turns = turns_text(view.occurrences, view.currency)
        if turns:
            rows.append((pgettext("show", "History:"), turns))
    for reminder in ReminderService(service.store, service.clock).reminders(record.id):
        rows.append((pgettext("show", "Reminder:"), reminder_words(reminder)))
    habit = HabitService(service.store, service.clock).view(record.id)
    if habit is not None:
        rows.append((pgettext("show", "Habit:"), figures_line(habit.habit, habit.figures)))
        rows.append(("", strip_text(habit.figures)))
    return rows


ROUTINE_COMMANDS = {
    "repeat": cmd_repeat,
    "remind": cmd_remind,
    "reminders": cmd_reminders,
    "habit": cmd_habit,
    "tick": _tick_command(True),
    "untick": _tick_command(False),
    "habits": cmd_habits,
    "workdays": cmd_workdays,
}
