"""`planner agenda`, typed due dates and `add --parse` (run in this process; one view and
the modules a view loads in real processes): what each view prints (its headings, rows and
paths; as JSON), the date a typed `--due` set and said back, a quick entry with every
part, and every refusal: exit 1, one line on standard error, the plan file unchanged."""

from __future__ import annotations

import re
import subprocess
import sys
from calendar import monthrange
from datetime import date, timedelta
from typing import Any

import pytest

from planner.domain.days import after_weekday, next_week_day
from planner.formats import day_heading, weekday_short
from tests.helpers.built_plan import TODAY, Plan
from tests.helpers.cli import ROOT, Cli
from tests.helpers.unchanged import unchanged


def added(cli: Cli, plan: Plan, *args: object) -> tuple[int, str]:
    """`planner add ...`: the new id, and what it said on standard error."""
    result = cli(plan.path, "add", *args).ok()
    return int(result.out), result.err


def due_of(cli: Cli, plan: Plan, item_id: int) -> str | None:
    due: str | None = cli(plan.path, "show", item_id, "--json").ok().json["due"]
    return due


@pytest.fixture
def agenda_plan(cli: Cli, plan: Plan) -> dict[str, Any]:
    """The built plan (Sleep 8 hours 3 days overdue, Run a marathon high priority, Buy
    shoes done today), the kitchen moved out of this month, and two items due soon, added
    with typed dates."""
    for name in ("Renovate kitchen", "Pick tiles"):
        cli(plan.path, "edit", plan[name], "--due", "in 100 days").ok()
    tomorrow, said = added(
        cli, plan, "Call the coach", "--under", plan["Run a marathon"], "--due", "tomorrow"
    )
    soon, _ = added(cli, plan, "Stretch", "--group", plan["Health"], "--due", "in 3 days")
    return {"tomorrow": tomorrow, "soon": soon, "said": said}


@pytest.mark.e2e
def test_today_lists_what_is_overdue_first(cli_process: Cli, plan: Plan, agenda_plan: Any) -> None:
    """As a real process (the rest of this file runs in this one)."""
    cli = cli_process
    out = cli(plan.path, "agenda").ok().out
    assert out == (
        f"Overdue\n  [ ] Sleep 8 hours  #{plan['Sleep 8 hours']}  (3 days overdue)\n      Health\n"
    )
    assert cli(plan.path, "agenda", "overdue").ok().out == (
        f"[ ] Sleep 8 hours  #{plan['Sleep 8 hours']}  (3 days overdue)\n    Health\n"
    )


def test_upcoming_has_a_heading_per_day(cli: Cli, plan: Plan, agenda_plan: Any) -> None:
    out = cli(plan.path, "agenda", "upcoming").ok().out
    assert out == (
        "Tomorrow\n"
        f"  [ ] Call the coach  #{agenda_plan['tomorrow']}  (Due tomorrow)\n"
        "      Health › Run a marathon\n"
        f"{day_heading(TODAY + timedelta(days=3), TODAY)}\n"
        f"  [ ] Stretch  #{agenda_plan['soon']}  (3 days left)\n"
        "      Health\n"
    )
    assert agenda_plan["said"] == f"Due: {weekday_short(TODAY + timedelta(days=1))}\n"
    two_days = cli(plan.path, "agenda", "upcoming", "--days", 2, "--json").ok().json
    ids = [item["id"] for section in two_days["sections"] for item in section["items"]]
    assert agenda_plan["tomorrow"] in ids


def test_the_json_has_every_field_of_a_row(cli: Cli, plan: Plan, agenda_plan: Any) -> None:
    shown = cli(plan.path, "agenda", "high", "--json").ok().json
    assert shown == {
        "view": "high",
        "today": TODAY.isoformat(),
        "count": 1,
        "currency": "EUR",
        "sections": [
            {
                "heading": "",
                "day": None,
                "items": [
                    {
                        "id": plan["Run a marathon"],
                        "title": "Run a marathon",
                        "path": ["Health"],
                        "status": "active",
                        "due": (TODAY + timedelta(days=60)).isoformat(),
                        "countdown": "60 days left",
                        "priority": "high",
                        "done_at": None,
                        "assignee": None,
                        "total": None,
                        "turn": None,
                    }
                ],
            }
        ],
    }


def test_the_logbook_and_one_persons_view(cli: Cli, plan: Plan) -> None:
    out = cli(plan.path, "agenda", "logbook").ok().out
    assert out == (
        "Done today\n"
        f"  [x] Buy shoes  #{plan['Buy shoes']}  (Done 60 days early)\n"
        "      Health › Run a marathon\n"
    )
    ana = int(cli(plan.path, "person", "add", "Ana Silva").ok().out)
    line = "Buy gels fri !high @Ana €12.50 #Run_a_marathon"
    gels, said = added(cli, plan, line, "--parse")
    friday = after_weekday(TODAY, 4)
    assert said.splitlines() == [
        "Added: Buy gels",
        "In: Health › Run a marathon",
        f"Due: {weekday_short(friday)}",
        "Priority: high",
        "Assigned to: Ana Silva",
        "Cost: €12.50",
    ]
    days = (friday - TODAY).days
    left = "Due tomorrow" if days == 1 else f"{days} days left"
    assert cli(plan.path, "agenda", "assigned", "--assignee", ana).ok().out == (
        f"[ ] Buy gels  #{gels}  ({left}, high priority, Ana Silva, €12.50)\n"
        "    Health › Run a marathon\n"
    )
    shown = cli(plan.path, "show", gels, "--json").ok().json
    assert (shown["due"], shown["priority"], shown["assignee"]["id"]) == (
        friday.isoformat(),
        "high",
        ana,
    )
    assert [(x["description"], x["quantity"], x["unit_price"]) for x in shown["lines"]] == [
        ("Buy gels", "1", "12.5")
    ]


def test_nothing_to_show_says_what_the_view_is_for(cli: Cli, plan: Plan) -> None:
    assert cli(plan.path, "agenda", "nodate").ok().out == ("Every open item has a due date.\n")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("fri", lambda: after_weekday(TODAY, 4)),
        ("next friday", lambda: next_week_day(TODAY, 4)),
        ("in 3 days", lambda: TODAY + timedelta(days=3)),
        ("end of month", lambda: TODAY.replace(day=monthrange(TODAY.year, TODAY.month)[1])),
        ("2031-05-06", lambda: date(2031, 5, 6)),
    ],
)  # fmt: skip
def test_a_typed_due_date_in_add_and_edit(cli: Cli, plan: Plan, typed: str, expected: Any) -> None:
    item, said = added(cli, plan, "Typed", "--group", plan["Health"], "--due", typed)
    assert due_of(cli, plan, item) == expected().isoformat()
    # Said back when typed in words; an ISO date is said as it was typed.
    assert said == ("" if typed[0].isdigit() else f"Due: {weekday_short(expected())}\n")
    edited = cli(plan.path, "edit", plan["Week 1"], "--due", typed).ok()
    assert edited.out == ""
    assert due_of(cli, plan, plan["Week 1"]) == expected().isoformat()
    cli(plan.path, "edit", plan["Week 1"], "--due", "none").ok()
    assert due_of(cli, plan, plan["Week 1"]) is None


REFUSED = [
    (("add", "x", "--group", "Health", "--due", "32.13"), "'32.13' is not a valid date"),
    (("add", "x", "--group", "Health", "--due", "fri fri"), "'fri fri' is not a date Planner"),
    (("add", "x", "--group", "Health", "--due", "fri " * 30_000), "at most 100 characters"),
    (("edit", "Week 1", "--due", "feb 30"), "'feb 30' is not a valid date"),
    # A date typed in words is said back only once the change is made: one line here.
    (("add", "x", "--under", "Old idea", "--due", "fri"), "'Old idea' is deleted; restore it"),
    (("edit", "Health", "--due", "tomorrow"), "A group has only a name."),
    (("agenda", "today", "--days", "3"), "Only the upcoming and logbook views cover"),
    (("agenda", "upcoming", "--days", "0"), "must be from 1 to 366"),
    (("agenda", "assigned"), "the assigned view needs a person"),
    (("agenda", "today", "--assignee", "999"), "There is no person with id 999."),
    (("add", "Task #Nowhere", "--parse"), "Nothing open in the plan is called '#Nowhere'"),
    (("add", "Task @Nobody", "--parse"), "Nobody in the plan is called 'Nobody'"),
    (("add", "Task $5", "--parse"), "The plan counts in EUR; '$' is another currency."),
    (("add", "!high @Ana", "--parse"), "A title is required."),
    (("add", "Task !soon", "--parse"), "'!soon' is not a priority"),
    (("add", "Task fri", "--parse", "--due", "sat"), "The due date is given twice"),
    (("add", "Task !low", "--parse", "--priority", "high"), "The priority is given twice"),
    (("add", "Task #Old_idea", "--parse"), "Nothing open in the plan is called '#Old_idea'"),
]


@pytest.mark.parametrize(("args", "message"), REFUSED, ids=[" ".join(a)[:40] for a, _ in REFUSED])
def test_refused_with_one_line_and_the_plan_unchanged(
    cli: Cli, plan: Plan, args: tuple[str, ...], message: str
) -> None:
    argv = [str(plan.ids.get(a, a)) if a in ("Health", "Week 1", "Old idea") else a for a in args]
    with unchanged(plan.path):
        cli(plan.path, *argv).refused(re.escape(message))


def test_add_needs_a_place_unless_it_parses_one(cli: Cli, plan: Plan, tmp_path: Any) -> None:
    new = tmp_path / "new.sqlite3"
    result = cli(new, "add", "Nowhere to go")
    assert result.code == 2 and "one of the arguments --group --under is required" in result.err
    assert not new.exists()
    item, _said = added(cli, plan, "Goes to the first group", "--parse")
    assert cli(plan.path, "show", item, "--json").ok().json["path"] == ["Goals"]
    result = cli(plan.path, "agenda", "someday")
    assert result.code == 2 and "invalid choice: 'someday'" in result.err


# Run as `planner` is, then tell whether SQLAlchemy was loaded (it costs 0.3-0.9 s).
LOADS_NO_SQLALCHEMY = """
import sys
from planner.cli.main import run
status = run(sys.argv[1:])
print("sqlalchemy" in sys.modules)
sys.exit(status)
"""


@pytest.mark.e2e
@pytest.mark.parametrize("view", ["today", "upcoming", "logbook", "high"])
def test_a_view_never_loads_sqlalchemy(base_env: dict[str, str], plan: Plan, view: str) -> None:
    """A view only reads: no share is refreshed after it, so the full store never loads."""
    proc = subprocess.run(
        [sys.executable, "-c", LOADS_NO_SQLALCHEMY, "--db", str(plan.path), "agenda", view],
        capture_output=True,
        text=True,
        env=base_env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "False"
