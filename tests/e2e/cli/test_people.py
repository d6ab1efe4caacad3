"""People, assignees and measurable targets on the command line: person add/list/edit/rm,
assign, unassign, list --assignee, metric set/rm, checkin, journal add, show (text and
JSON), export and import; bad input exits 1 with one line and leaves the plan
byte-identical."""

from __future__ import annotations

from datetime import date, timedelta

from planner import formats
from tests.helpers.built_plan import Plan
from tests.helpers.cli import Cli
from tests.helpers.unchanged import unchanged


def test_people_and_assignees(cli: Cli, plan: Plan) -> None:
    run, shoes, week = plan["Run a marathon"], plan["Buy shoes"], plan["Week 1"]
    ana = int(cli(plan.path, "person", "add", "Ana", "--email", "ana@example.org").ok().out)
    bob = int(cli(plan.path, "person", "add", "Bob", "--note", "Neighbour").ok().out)
    cli(plan.path, "assign", run, shoes, week, ana).ok()
    cli(plan.path, "assign", plan["Sleep 8 hours"], bob).ok()
    out = cli(plan.path, "person", "list").ok().out
    assert (
        out == f"#{ana}  Ana  <ana@example.org>  (3 items)\n#{bob}  Bob  (1 item)\n    Neighbour\n"
    )

    shown = cli(plan.path, "show", run, "--json").ok().json
    assert shown["assignee"] == {"id": ana, "name": "Ana", "email": "ana@example.org"}
    assert f"Assignee:  Ana  #{ana}" in cli(plan.path, "show", run).ok().out

    listing = cli(plan.path, "list", "--assignee", ana).ok().out.splitlines()
    assert listing[0] == f"Ana  #{ana}: 2 active (0 overdue), 1 done"
    assert listing[1].startswith(f"  [ ] Run a marathon  #{run}  (60 days left)")
    assert listing[2] == "      Health"
    assert listing[3].startswith(f"  [x] Buy shoes  #{shoes}  (Done")
    assert listing[6] == "      Health › Run a marathon › Training plan"
    overdue = cli(plan.path, "list", "--assignee", bob).ok().out
    assert overdue.startswith(f"Bob  #{bob}: 1 active (1 overdue), 0 done\n")
    assert "(3 days overdue)" in overdue

    cli(plan.path, "unassign", week).ok()
    assert cli(plan.path, "show", week, "--json").ok().json["assignee"] is None
    cli(plan.path, "person", "edit", ana, "--name", "Ana Lima", "--email", "").ok()
    assert cli(plan.path, "show", run, "--json").ok().json["assignee"]["name"] == "Ana Lima"

    # Removing someone with items asks for --force and says how many.
    with unchanged(plan.path):
        cli(plan.path, "person", "rm", ana).refused(
            "Ana Lima has 2 items assigned, which would become unassigned; run again with --force"
        )
    removed = cli(plan.path, "person", "rm", ana, "--force").ok()
    assert removed.err == "2 items are now unassigned.\n"
    assert cli(plan.path, "show", run, "--json").ok().json["assignee"] is None
    cli(plan.path, "person", "rm", bob, "--force").ok()
    assert cli(plan.path, "person", "list").ok().out.startswith("Nobody yet.")


def test_bad_people_commands_change_nothing(cli: Cli, plan: Plan) -> None:
    run, group = plan["Run a marathon"], plan["Health"]
    ana = cli(plan.path, "person", "add", "Ana").ok().out.strip()
    cases = [
        (("person", "add", "ANA"), "already a person named 'Ana'"),
        (("person", "add", "  "), "A person needs a name"),
        (("person", "add", "Eve", "--email", "eve@"), "'eve@' is not an email address"),
        (("person", "edit", ana), "Nothing to change"),
        (("person", "edit", "99", "--name", "X"), "There is no person with id 99"),
        (("person", "rm", "99"), "There is no person with id 99"),
        (("assign", run), "Give the items, then the person"),
        (("assign", run, "99"), "There is no person with id 99"),
        (("assign", "999", ana), "There is no item with id 999"),
        (("assign", group, ana), "groups have no assignee"),
        (("list", "--assignee", "99"), "There is no person with id 99"),
    ]
    for args, pattern in cases:
        with unchanged(plan.path):
            cli(plan.path, *args).refused(pattern)


def test_metric_checkins_and_journal(cli: Cli, plan: Plan) -> None:
    run = plan["Run a marathon"]
    set_metric = ("metric", "set", run, "--name", "Distance", "--unit", "km")
    cli(plan.path, *set_metric, "--baseline", "10", "--target", "42", "--stretch", "50").ok()
    today = date.today()
    first = int(cli(plan.path, "checkin", run, "26", "--date", today - timedelta(days=2)).ok().out)
    second = int(cli(plan.path, "checkin", run, "58").ok().out)
    assert second > first
    cli(plan.path, "journal", "add", run, "Long run", "--date", today - timedelta(days=1)).ok()
    cli(plan.path, "journal", "add", run, "Race day\nFinished!").ok()
    shown = cli(plan.path, "show", run, "--json").ok().json
    assert shown["metric"] == {
        "name": "Distance",
        "unit": "km",
        "baseline": "10",
        "target": "42",
        "stretch": "50",
        "direction": "increase",
        "current": "58",
    }
    # The progress `show` prints, for programs: the value that counts and its share.
    assert shown["metric_progress"] == {"value": "58", "progress": "1.5", "within": None}
    assert [c["value"] for c in shown["checkins"]] == ["26", "58"]
    assert [e["text"] for e in shown["journal"]] == ["Race day\nFinished!", "Long run"]
    text = cli(plan.path, "show", run).ok().out
    assert "Metric:    Distance: 58 km (increase from 10 to 42, stretch 50) — 150%" in text
    assert f"Journal:\n  {formats.date_short(today)}  Race day\n" in text

    cli(
        plan.path,
        "metric",
        "set",
        run,
        "--name",
        "Rest",
        "--baseline",
        "3",
        "--target",
        "1",
        "--direction",
        "at-most",
    ).ok()
    assert (
        "Rest: 58 (stay at most from 3 to 1) — Over the limit"
        in cli(plan.path, "show", run).ok().out
    )
    shown = cli(plan.path, "show", run, "--json").ok().json
    assert shown["metric_progress"] == {"value": "58", "progress": None, "within": False}
    # A value not reached yet is never the current one.
    tomorrow = (today + timedelta(days=1)).isoformat()
    with unchanged(plan.path):
        cli(plan.path, "checkin", run, "1", "--date", tomorrow).refused(
            "A check-in cannot be dated after today"
        )
    cli(plan.path, "metric", "rm", run).ok()
    shown = cli(plan.path, "show", run, "--json").ok().json
    assert (shown["metric"], shown["checkins"], shown["metric_progress"]) == (None, [], None)


def test_bad_metric_commands_change_nothing(cli: Cli, plan: Plan) -> None:
    run, group = plan["Run a marathon"], plan["Health"]
    base = ("metric", "set", run, "--name", "D")
    cases = [
        ((*base, "--baseline", "10", "--target", "10"), "The target equals the baseline"),
        (
            (*base, "--baseline", "10", "--target", "5", "--direction", "increase"),
            r"To increase, the target \(5\) must be above the baseline \(10\)",
        ),
        ((*base, "--baseline", "nan", "--target", "5"), "The baseline: 'nan' is not a number"),
        ((*base, "--baseline", "1", "--target", "inf"), "The target: 'inf' is not a number"),
        ((*base, "--baseline", "1", "--target", "1e400"), "The target is too large"),
        ((*base, "--baseline", "1", "--target", "5", "--stretch", "4"), "must be above 5"),
        (
            (*base, "--baseline", "1", "--target", "5", "--direction", "up"),
            "'up' is not a direction",
        ),
        (("metric", "set", group, "--name", "D", "--baseline", "1", "--target", "2"), "is a group"),
        (("metric", "rm", run), "has no metric"),
        (("checkin", run, "5"), "has no metric; set one first"),
        (("journal", "add", run, "  "), "A journal entry needs some text"),
        (("journal", "add", run, "x", "--date", "2026-02-30"), "no such day"),
    ]
    for args, pattern in cases:
        with unchanged(plan.path):
            cli(plan.path, *args).refused(pattern)
    cli(plan.path, *base, "--baseline", "1", "--target", "2").ok()
    for args, pattern in [
        (("checkin", run, "abc"), "A check-in: 'abc' is not a number"),
        (("checkin", run, "NaN"), "not a number"),
        (("checkin", run, "1", "--date", "yesterday"), "'yesterday' is not a date"),
    ]:
        with unchanged(plan.path):
            cli(plan.path, *args).refused(pattern)


def test_export_and_import_carry_people_and_metrics(cli: Cli, plan: Plan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run = plan["Run a marathon"]
    ana = cli(plan.path, "person", "add", "Ana", "--email", "ana@example.org").ok().out.strip()
    cli(plan.path, "assign", run, ana).ok()
    cli(plan.path, "metric", "set", run, "--name", "D", "--baseline", "1", "--target", "2").ok()
    cli(plan.path, "checkin", run, "1.5", "--date", "2026-11-01").ok()
    cli(plan.path, "journal", "add", run, "Note", "--date", "2026-11-02").ok()
    cli(plan.path, "edit", run, "--notes", "n").ok()
    export = tmp_path / "run.json"
    cli(plan.path, "export", "--format", "json", "--item", run, "-o", export).ok()
    other = tmp_path / "other.sqlite3"
    new_id = int(cli(other, "import", export).ok().out)
    shown = cli(other, "show", new_id, "--json").ok().json
    assert shown["assignee"]["name"] == "Ana"
    assert shown["assignee"]["email"] == "ana@example.org"
    assert shown["metric"]["current"] == "1.5"
    assert shown["journal"][0]["text"] == "Note"
