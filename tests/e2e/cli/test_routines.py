"""Repeating items, reminders, habits and working days from the command line (working
days as a real process, the rest in this process): `repeat`, `done` on a repeating item,
`remind`, `reminders`, `habit`, `tick`, `untick`, `habits`, `workdays`, `show --json`, and
their exports. Bad input exits 1 with one line on standard error and leaves the plan byte
for byte as it was."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers.built_plan import Plan
from tests.helpers.cli import Cli
from tests.helpers.unchanged import unchanged


def test_repeating_goal_from_words_and_rrule(cli: Cli, plan: Plan) -> None:
    run = plan["Run a marathon"]
    cli(plan.path, "edit", run, "--due", "2099-01-31").ok()
    out = cli(plan.path, "repeat", run, "monthly on the last day").ok().out
    assert out == "Monthly on the last day, from the due date\n"
    shown = cli(plan.path, "show", run, "--json").ok().json
    assert shown["repeat"]["rule"] == "FREQ=MONTHLY;BYMONTHDAY=-1"
    assert shown["repeat"]["words"] == "Monthly on the last day"
    assert shown["repeat"]["next"] == "2099-02-28"
    assert shown["repeat"]["then"] == ["2099-03-31", "2099-04-30", "2099-05-31"]

    # Done: it comes back due on the next day, its subtree undone and moved as far.
    week1 = plan["Week 1"]
    cli(plan.path, "edit", week1, "--due", "2099-01-30").ok()
    cli(plan.path, "done", week1).ok()
    cli(plan.path, "done", run).ok()
    shown = cli(plan.path, "show", run, "--json").ok().json
    assert (shown["status"], shown["due"]) == ("active", "2099-02-28")
    (occurrence,) = shown["repeat"]["occurrences"]
    assert occurrence["due"] == "2099-01-31" and occurrence["done_at"] is not None
    task = cli(plan.path, "show", week1, "--json").ok().json
    assert (task["status"], task["due"]) == ("active", "2099-02-27")
    text = cli(plan.path, "show", run).ok().out
    assert "Repeats:   Monthly on the last day, from the due date\n" in text
    assert "Next date: Mar 31, 2099\n" in text
    assert re.search(r"^History:   Done 1 time, last on \w{3} \d{1,2}, \d{4}$", text, re.M)
    logbook = cli(plan.path, "agenda", "logbook").ok().out  # the turn: the goal came back
    assert f"[x] Run a marathon  #{run}  (a past turn: it repeats, Done " in logbook
    turns = cli(plan.path, "agenda", "logbook", "--json").ok().json["sections"][0]["items"]
    assert [(i["id"], i["status"], i["due"], bool(i["turn"])) for i in turns] == [
        (run, "done", "2099-01-31", True)
    ]

    out = cli(plan.path, "repeat", run, "--rrule", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,MO").ok().out
    assert out == "Every 2 weeks on Mon, Thu, from the due date\n"
    out = cli(plan.path, "repeat", run, "every 3 days", "--from-done").ok().out
    assert out == "Every 3 days, from the day it is done\n"
    today = date.today()
    cli(plan.path, "done", run).ok()
    assert cli(plan.path, "show", run, "--json").ok().json["due"] == str(today + timedelta(3))

    assert cli(plan.path, "repeat", run, "--skip").ok().out.startswith("Next due: ")
    cli(plan.path, "repeat", run, "--pause").ok()
    assert "(paused)" in cli(plan.path, "show", run).ok().out
    cli(plan.path, "repeat", run, "--resume").ok()
    cli(plan.path, "repeat", run, "--off").ok()
    assert cli(plan.path, "show", run, "--json").ok().json["repeat"] is None
    cli(plan.path, "done", run).ok()
    assert cli(plan.path, "show", run, "--json").ok().json["status"] == "done"


def test_bad_repeats_change_nothing(cli: Cli, plan: Plan) -> None:
    run, group = plan["Run a marathon"], plan["Health"]
    cli(plan.path, "repeat", run, "weekly").ok()
    due = cli(plan.path, "show", run, "--json").ok().json["due"]
    cases = [
        (("repeat", run, "--rrule", "FREQ=DAILY;COUNT=0"), "COUNT must be from 1 to 100000"),
        (
            ("repeat", run, "--rrule", "FREQ=DAILY;INTERVAL=1000000000"),
            "An interval must be from 1 to 999; this rule has 1000000000.",
        ),
        (
            ("repeat", run, "--rrule", "FREQ=DAILY;UNTIL=20200101"),
            rf"The rule ends \(UNTIL 2020-01-01\) before it starts \({due}\)\.",
        ),
        (("repeat", run, "every week, 0 times"), "COUNT must be from 1"),
        (("repeat", run, "fortnightly"), "'fortnightly' is not a repeat rule Planner reads"),
        (("repeat", run, "--rrule", "FREQ=HOURLY"), "FREQ=HOURLY is not a frequency"),
        (("repeat", run, "--rrule", "every day"), "--rrule takes an iCalendar rule"),
        (("repeat", run, "daily", "--rrule", "FREQ=DAILY"), "Give one rule"),
        (("repeat", run, "daily", "--off"), "take no rule"),
        (("repeat", run), "Give one rule"),
        (("repeat", group, "daily"), "'Health' is a group"),
        (("repeat", plan["Pick tiles"], "--off"), "'Pick tiles' does not repeat"),
        (("repeat", 999, "daily"), "There is no item with id 999"),
    ]
    for args, pattern in cases:
        with unchanged(plan.path):
            cli(plan.path, *args).refused(pattern)


def test_reminders(cli: Cli, plan: Plan) -> None:
    run = plan["Run a marathon"]
    cli(plan.path, "edit", run, "--due", "2099-06-10").ok()
    cli(plan.path, "remind", run, "--before", "1d", "--time", "18:00").ok()
    cli(plan.path, "remind", run, "--before", "1w").ok()
    cli(plan.path, "remind", run, "--at", "2099-06-01 07:30").ok()
    listed = cli(plan.path, "reminders").ok().out.splitlines()
    assert listed == [
        "Jun 1, 2099, 7:30\u202fAM  Run a marathon  #3  (At Jun 1, 2099, 7:30\u202fAM)",
        "Jun 3, 2099, 9:00\u202fAM  Run a marathon  #3  (1 week before at 9:00\u202fAM)",
        "Jun 9, 2099, 6:00\u202fPM  Run a marathon  #3  (1 day before at 6:00\u202fPM)",
    ]
    until = cli(plan.path, "reminders", "--until", "2099-06-05 00:00", "--json").ok().json
    assert [(r["item"]["id"], r["reminder"]["days_before"], r["late"]) for r in until] == [
        (run, None, False),
        (run, 7, False),
    ]
    shown = cli(plan.path, "show", run, "--json").ok().json["reminders"]
    assert [r["words"] for r in shown] == [
        "1 day before at 6:00\u202fPM",
        "1 week before at 9:00\u202fAM",
        "At Jun 1, 2099, 7:30\u202fAM",
    ]
    # The plan's default reminder for new items: off, then on, then off.
    fresh = int(cli(plan.path, "add", "No reminder", "--group", plan["Home"]).ok().out)
    cli(plan.path, "remind", "--default", "--before", "0d", "--time", "09:00").ok()
    reminded = int(cli(plan.path, "add", "With one", "--group", plan["Home"]).ok().out)
    assert cli(plan.path, "show", fresh, "--json").ok().json["reminders"] == []
    (default,) = cli(plan.path, "show", reminded, "--json").ok().json["reminders"]
    assert default["words"] == "On the day at 9:00\u202fAM"
    cli(plan.path, "remind", "--default", "--off").ok()
    cli(plan.path, "remind", run, "--clear").ok()
    assert cli(plan.path, "show", run, "--json").ok().json["reminders"] == []


def test_bad_reminders_change_nothing(cli: Cli, plan: Plan) -> None:
    run = plan["Run a marathon"]
    cli(plan.path, "remind", run, "--before", "1d").ok()
    cases = [
        (("remind", run, "--before", "1d", "--time", "25:61"), "'25:61' is not a time of day"),
        (("remind", run, "--at", "2099-06-01 25:61"), "'25:61' is not a time of day"),
        (("remind", run, "--at", "2099-02-30 09:00"), "2099-02-30 is not a valid date"),
        (("remind", run, "--at", "tomorrow"), "'tomorrow' is not a date and time"),
        (("remind", run, "--at", "2001-01-01 09:00"), "That moment has passed"),
        (("remind", run, "--before", "soon"), "'soon' is not a time before the due date"),
        (("remind", run, "--before", "1d"), "'Run a marathon' has this reminder already"),
        (("remind", run), "Say when"),
        (("remind", run, "--time", "09:00"), "--time goes with --before"),
        (("remind", plan["Pick tiles"], "--clear"), "'Pick tiles' has no reminders"),
        (("remind", plan["Health"], "--before", "1d"), "'Health' is a group"),
        (("remind", "--before", "1d"), "Give the item's id"),
        (("remind", "--default", "--clear"), "--default takes"),
        (("reminders", "--until", "soon"), "'soon' is not a date and time"),
    ]
    for args, pattern in cases:
        with unchanged(plan.path):
            cli(plan.path, *args).refused(pattern)


def test_habits(cli: Cli, plan: Plan) -> None:
    sleep = plan["Sleep 8 hours"]
    today = date.today()
    cli(plan.path, "habit", sleep, "daily").ok()
    cli(plan.path, "tick", sleep).ok()
    cli(plan.path, "tick", sleep, "--date", str(today - timedelta(1))).ok()
    cli(plan.path, "tick", sleep, "--date", str(today - timedelta(3))).ok()
    again = cli(plan.path, "tick", sleep).ok()
    assert again.err.startswith("'Sleep 8 hours' was already ticked on ")
    (entry,) = cli(plan.path, "habits", "--json").ok().json
    assert (entry["id"], entry["current_streak"], entry["best_streak"]) == (sleep, 2, 2)
    assert [d["ticked"] for d in entry["strip"][-4:]] == [True, False, True, True]
    assert entry["strip"][-1]["date"] == str(today)
    cli(plan.path, "untick", sleep).ok()
    shown = cli(plan.path, "show", sleep, "--json").ok().json["habit"]
    assert (shown["current_streak"], shown["habit"]["cadence"]) == (1, "daily")
    text = cli(plan.path, "habits").ok().out.splitlines()
    # Yesterday ticked, today open: a streak of one; the day before yesterday went unticked.
    assert text[0].startswith(f"Sleep 8 hours  #{sleep}  streak of 1 day (best 1), kept ")
    assert text[1] == "  " + "□" * 26 + "■□■□"
    cli(plan.path, "habit", sleep, "on mon,wed,fri").ok()
    assert cli(plan.path, "show", sleep, "--json").ok().json["habit"]["habit"]["days"] == [
        "mon",
        "wed",
        "fri",
    ]
    cli(plan.path, "habit", sleep, "--off").ok()
    assert cli(plan.path, "show", sleep, "--json").ok().json["habit"] is None


def test_bad_habits_change_nothing(cli: Cli, plan: Plan) -> None:
    sleep, run = plan["Sleep 8 hours"], plan["Run a marathon"]
    cli(plan.path, "habit", sleep, "3 per week").ok()
    tomorrow = str(date.today() + timedelta(1))
    cases = [
        (("tick", sleep, "--date", tomorrow), "has not come yet"),
        (("tick", sleep, "--date", "2027-02-30"), "2027-02-30 is not a valid date"),
        (("tick", run), "'Run a marathon' is not a habit; make it one first"),
        (("untick", run), "'Run a marathon' is not a habit"),
        (("habit", run, "sometimes"), "'sometimes' is not how often a habit is kept"),
        (("habit", run, "8 per week"), "from 1 to 7 times a week"),
        (("habit", run), "Say how often"),
        (("habit", plan["Health"], "daily"), "'Health' is a group"),
        (("tick", 999), "There is no item with id 999"),
    ]
    for args, pattern in cases:
        with unchanged(plan.path):
            cli(plan.path, *args).refused(pattern)


@pytest.mark.e2e
def test_working_days(cli_process: Cli, plan: Plan) -> None:
    """As a real process: the holidays are read on first use."""
    cli = cli_process
    assert cli(plan.path, "workdays").ok().out == (
        "Countdowns count calendar days (working week mon,tue,wed,thu,fri).\n"
    )
    out = cli(plan.path, "workdays", "on", "--country", "de").ok().out
    assert out == (
        "Countdowns count working days: mon,tue,wed,thu,fri, without the public holidays of DE.\n"
    )
    listing = cli(plan.path, "list").ok().out
    assert "working days left" in listing
    # Due 3 days ago: overdue by the working days since (none, over a weekend).
    assert re.search(r"Sleep 8 hours  #\d+  \((\d working days? overdue|Overdue)\)", listing)
    with unchanged(plan.path):
        cli(plan.path, "workdays", "on", "--country", "ZZ").refused(
            "ZZ is not a country Planner knows the holidays of"
        )
        cli(plan.path, "workdays", "on", "--week", "funday").refused(
            "'funday' is not a working week"
        )
    cli(plan.path, "workdays", "off").ok()
    assert "working day" not in cli(plan.path, "list").ok().out


def test_exports_carry_them(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    run, sleep = plan["Run a marathon"], plan["Sleep 8 hours"]
    cli(plan.path, "edit", run, "--due", "2099-06-10").ok()
    cli(plan.path, "repeat", run, "every 2 weeks on mon,thu").ok()
    cli(plan.path, "remind", run, "--before", "1d", "--time", "18:00").ok()
    cli(plan.path, "remind", run, "--at", "2099-06-01 07:30").ok()
    cli(plan.path, "habit", sleep, "on mon,wed").ok()
    cli(plan.path, "tick", sleep).ok()
    ics = cli(plan.path, "export", "--format", "ics").ok().out
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH" in ics
    assert "TRIGGER;RELATED=END:-PT6H" in ics
    assert "TRIGGER;VALUE=DATE-TIME:20" in ics and ics.count("BEGIN:VALARM") == 2
    exported = tmp_path / "plan.json"
    cli(plan.path, "export", "--format", "json", "-o", exported).ok()
    document = json.loads(exported.read_text())
    assert document["version"] == 4
    other = tmp_path / "other.sqlite3"
    cli(other, "import", exported).ok()
    copies = json.loads(cli(other, "list", "--json").ok().out)
    health = next(g for g in copies if g["name"] == "Health")
    marathon = next(i for i in health["items"] if i["title"] == "Run a marathon")
    assert marathon["repeat"]["rule"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"
    assert [r["days_before"] for r in marathon["reminders"]] == [1, None]
    sleeping = next(i for i in health["items"] if i["title"] == "Sleep 8 hours")
    assert sleeping["habit"]["days"] == ["mon", "wed"] and sleeping["ticks"] == [str(date.today())]
    # A version 3 export (before all this) still reads.
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"format": "planner", "version": 3, "item": {"title": "Old"}}))
    cli(other, "import", old).ok()
    # One that says two things at once is refused, nothing added.
    bad = tmp_path / "bad.json"
    item = {"title": "Both", "habit": {"cadence": "daily", "since": "2027-01-01"}}
    item["repeat"] = {"rule": "FREQ=DAILY", "anchor": "2027-01-01"}
    bad.write_text(json.dumps({"format": "planner", "version": 4, "item": item}))
    with unchanged(other):
        cli(other, "import", bad).refused("a habit does not repeat")
    bad.write_text(
        json.dumps(
            {
                "format": "planner",
                "version": 4,
                "item": {
                    "title": "Zero",
                    "repeat": {"rule": "FREQ=DAILY;COUNT=0", "anchor": "2027-01-01"},
                },
            }
        )
    )
    with unchanged(other):
        cli(other, "import", bad).refused(r"item: COUNT must be from 1")
