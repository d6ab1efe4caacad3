"""The command line end to end: every command of the README run on a real plan file, its
exit status, its output, and what it leaves on disk.

A refused command must exit 1 with one line on standard error and leave the plan file
byte-for-byte as it was; wrong usage exits 2 (argparse).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.built_plan import TODAY, Plan
from tests.helpers.cli import Cli, Result, walk
from tests.helpers.unchanged import changes, state, unchanged

# Commands that only read, run on one shared copy of the built plan. Names stand for the
# built plan's ids.
READS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "list --all": ("list", "--all"),
    "list --json": ("list", "--json"),
    "list --all --json": ("list", "--all", "--json"),
    "show task": ("show", "Week 1"),
    "show goal": ("show", "Run a marathon"),
    "show done --json": ("show", "Buy shoes", "--json"),
    "show group --json": ("show", "Archive", "--json"),
    "export": ("export", "--format", "json"),
    "export item": ("export", "--item", "Training plan", "--format", "json"),
    "check": ("check",),
}


@pytest.fixture(scope="session")
def reads(
    cli: Cli, built_plan: Plan, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Result]:
    path = tmp_path_factory.mktemp("reads") / "plan.sqlite3"
    shutil.copyfile(built_plan.path, path)
    before = state(path)

    def run(args: tuple[str, ...]) -> Result:
        return cli(path, *(built_plan.ids.get(a, a) for a in args))

    results = {name: run(args) for name, args in READS.items()}
    assert changes(path, before) == [], "a command that only reads changed the plan"
    return results


# -- looking at a plan file ------------------------------------------------------------


def without_ids(value: Any) -> Any:
    """A copy of an export's tree without the ids, which an import renews."""
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k not in ("id", "exported_at")}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def titles(nodes: list[dict[str, Any]]) -> list[str]:
    return [n["title"] if "title" in n else n["name"] for n in nodes]


def tree_of(cli: Cli, plan: Plan) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = cli(plan.path, "list", "--all", "--json").ok().json
    return groups


def find(groups: list[dict[str, Any]], title: str) -> dict[str, Any]:
    return next(n for n in walk(groups) if n.get("title", n.get("name")) == title)


# -- groups and items ------------------------------------------------------------------


def test_group_add_and_add_with_every_option(cli: Cli, plan: Plan) -> None:
    group = int(cli(plan.path, "group", "add", "Travel").ok().out)
    due = (TODAY + timedelta(days=12)).isoformat()
    goal = int(
        cli(
            plan.path,
            *("add", "Visit Rome", "--group", group, "--due", due),
            *("--priority", "medium", "--notes", "Flights.\nHotel near Trastevere."),
        )
        .ok()
        .out
    )
    last = int(cli(plan.path, "add", "Book flights", "--under", goal).ok().out)
    first = int(cli(plan.path, "add", "Renew passport", "--under", goal, "--position", 0).ok().out)
    middle = int(cli(plan.path, "add", "  Pack  ", "--under", goal, "--position", 1).ok().out)
    assert len({group, goal, last, first, middle}) == 5

    shown = cli(plan.path, "show", goal, "--json").ok().json
    assert shown["title"] == "Visit Rome"
    assert shown["kind"] == "goal"
    assert shown["path"] == ["Travel"]
    assert shown["parent_id"] == group
    assert shown["due"] == due
    assert shown["priority"] == "medium"
    assert shown["notes"] == "Flights.\nHotel near Trastevere."
    assert shown["status"] == "active"
    assert shown["children"] == {"active": 3, "done": 0, "deleted": 0}

    travel = find(tree_of(cli, plan), "Travel")
    rome = travel["items"][0]
    assert titles(rome["children"]) == ["Renew passport", "Pack", "Book flights"]
    # A task's due date defaults to its parent's.
    assert {c["due"] for c in rome["children"]} == {due}


def test_a_new_goal_is_due_in_30_days_by_default(cli: Cli, plan: Plan) -> None:
    goal = cli(plan.path, "add", "Learn Italian", "--group", plan["Home"]).ok().out
    shown = cli(plan.path, "show", goal.strip(), "--json").ok().json
    assert shown["due"] == (TODAY + timedelta(days=30)).isoformat()


def test_list_shows_active_items_and_all_shows_sections(
    reads: dict[str, Result], built_plan: Plan
) -> None:
    plan = built_plan
    out = reads["list"].ok().out
    lines = out.splitlines()
    assert lines[0] == f"Goals  #{plan['Goals']}"
    assert f"Health  #{plan['Health']}" in lines
    marathon = f"  [ ] Run a marathon  #{plan['Run a marathon']}  (60 days left, high priority)"
    assert marathon in lines
    assert f"    [ ] Training plan  #{plan['Training plan']}  (60 days left)" in lines
    assert f"      [ ] Week 1  #{plan['Week 1']}  (60 days left)" in lines
    assert f"  [ ] Sleep 8 hours  #{plan['Sleep 8 hours']}  (3 days overdue)" in lines
    for hidden in ("Buy shoes", "Old idea", "Archive", "Forgotten", "Done (", "Deleted ("):
        assert hidden not in out

    every = reads["list --all"].ok().out.splitlines()
    marathon = f"  [ ] Run a marathon  #{plan['Run a marathon']}  (60 days left, high priority)"
    run = every.index(marathon)
    assert every[run + 1 :][:8] == [
        f"    [ ] Training plan  #{plan['Training plan']}  (60 days left)",
        f"      [ ] Week 1  #{plan['Week 1']}  (60 days left)",
        f"      [ ] Week 2  #{plan['Week 2']}  (60 days left)",
        "    Done (1)",
        f"      [x] Buy shoes  #{plan['Buy shoes']}  (Done 60 days early)",
        "    Deleted (1)",
        f"      [-] Old idea  #{plan['Old idea']}  (Deleted)",
        f"  [ ] Sleep 8 hours  #{plan['Sleep 8 hours']}  (3 days overdue)",
    ]
    assert every[-3:] == [
        "Deleted (1)",
        f"  Archive  #{plan['Archive']}",
        # Under a deleted group its goal is listed as it is (active).
        f"    [ ] Forgotten  #{plan['Forgotten']}  (30 days left)",
    ]


def test_list_json(reads: dict[str, Result], built_plan: Plan) -> None:
    active = reads["list --json"].ok().json
    assert titles(active) == ["Goals", "Health", "Home"]
    assert all(n["status"] == "active" for n in walk(active))
    run = find(active, "Run a marathon")
    assert titles(run["children"]) == ["Training plan"]

    every = reads["list --all --json"].ok().json
    assert titles(every) == ["Goals", "Health", "Home", "Archive"]
    run = find(every, "Run a marathon")
    assert [(c["title"], c["status"]) for c in run["children"]] == [
        ("Buy shoes", "done"),
        ("Training plan", "active"),
        ("Old idea", "deleted"),
    ]
    assert run["id"] == built_plan["Run a marathon"]
    assert set(run) == {
        "id",
        "title",
        "notes",
        "status",
        "created",
        "due",
        "done_at",
        "deleted_at",
        "priority",
        "calc_on",
        "lines",
        "children",
        "assignee",
        "why",
        "examples",
        "metric",
        "checkins",
        "journal",
    }


def test_show_text_and_json(reads: dict[str, Result], built_plan: Plan) -> None:
    plan = built_plan
    out = reads["show task"].ok().out
    assert f"Task:      Week 1  #{plan['Week 1']}" in out
    assert "Path:      Health › Run a marathon › Training plan" in out
    assert "Countdown: 60 days left" in out
    assert "Status:    Active" in out  # as the window names it

    out = reads["show goal"].ok().out
    assert out.startswith(f"Goal:      Run a marathon  #{plan['Run a marathon']}\n")
    assert "Priority:  High" in out
    assert "Children:  1 active, 1 done, 1 deleted" in out
    assert out.endswith("Notes:\n  Train slowly.\n  Rest on Sundays.\n")

    data = reads["show done --json"].ok().json
    assert data["status"] == "done" and data["done_at"] is not None
    assert data["kind"] == "task"
    assert data["path"] == ["Health", "Run a marathon"]

    group = reads["show group --json"].ok().json
    assert group["kind"] == "group"
    assert group["name"] == "Archive" and group["status"] == "deleted"
    assert group["children"] == {"active": 1, "done": 0, "deleted": 0}


def test_edit(cli: Cli, plan: Plan) -> None:
    goal = plan["Renovate kitchen"]
    cli(
        plan.path,
        *("edit", goal, "--title", "Renovate the kitchen", "--due", "2027-03-01"),
        *("--priority", "low", "--notes", "Ask for three quotes."),
    ).ok()
    data = cli(plan.path, "show", goal, "--json").ok().json
    assert (data["title"], data["due"], data["priority"], data["notes"]) == (
        "Renovate the kitchen",
        "2027-03-01",
        "low",
        "Ask for three quotes.",
    )
    cli(plan.path, "edit", goal, "--due", "none").ok()
    cli(plan.path, "edit", plan["Home"], "--title", "House").ok()
    groups = tree_of(cli, plan)
    assert find(groups, "Renovate the kitchen")["due"] is None
    assert "House" in titles(groups)


def test_move_under_into_group_to_top_and_position(cli: Cli, plan: Plan) -> None:
    # A task becomes a goal of another group, first among its goals.
    cli(plan.path, "move", plan["Week 2"], "--group", plan["Home"], "--position", 0).ok()
    # Two goals move together, in the order given, under a task.
    cli(
        plan.path,
        *("move", plan["Sleep 8 hours"], plan["Renovate kitchen"]),
        *("--under", plan["Week 1"]),
    ).ok()
    # A group moves to the top.
    cli(plan.path, "move", plan["Home"], "--top", "--position", 0).ok()
    groups = tree_of(cli, plan)
    assert titles(groups) == ["Home", "Goals", "Health", "Archive"]
    assert titles(groups[0]["items"]) == ["Week 2"]
    week1 = find(groups, "Week 1")
    assert titles(week1["children"]) == ["Sleep 8 hours", "Renovate kitchen"]
    assert titles(find(groups, "Renovate kitchen")["children"]) == ["Pick tiles"]


def test_done_and_undone_put_an_item_back_where_it_was(cli: Cli, plan: Plan) -> None:
    health = plan["Health"]
    third = int(cli(plan.path, "add", "Drink water", "--group", health).ok().out)
    cli(plan.path, "done", plan["Run a marathon"], plan["Sleep 8 hours"]).ok()
    active = cli(plan.path, "list", "--json").ok().json
    assert titles(find(active, "Health")["items"]) == ["Drink water"]
    shown = cli(plan.path, "show", plan["Run a marathon"], "--json").ok().json
    assert shown["status"] == "done" and shown["done_at"]

    cli(plan.path, "undone", plan["Run a marathon"], plan["Sleep 8 hours"]).ok()
    health_items = find(tree_of(cli, plan), "Health")["items"]
    assert titles(health_items) == ["Run a marathon", "Sleep 8 hours", "Drink water"]
    assert health_items[0]["done_at"] is None
    assert health_items[2]["id"] == third


def test_delete_and_restore_with_the_note_for_a_deleted_parent(cli: Cli, plan: Plan) -> None:
    training, week2 = plan["Training plan"], plan["Week 2"]
    cli(plan.path, "delete", week2).ok()
    cli(plan.path, "delete", training).ok()
    run = find(tree_of(cli, plan), "Run a marathon")
    assert [(c["title"], c["status"]) for c in run["children"]] == [
        ("Buy shoes", "done"),
        ("Training plan", "deleted"),
        ("Old idea", "deleted"),
    ]
    restored = cli(plan.path, "restore", week2).ok()
    assert restored.out == ""
    assert restored.err == "Also restored 'Training plan', which was deleted above it.\n"
    run = find(tree_of(cli, plan), "Run a marathon")
    assert [(c["title"], c["status"]) for c in run["children"]] == [
        ("Buy shoes", "done"),
        ("Training plan", "active"),
        ("Old idea", "deleted"),
    ]
    assert [c["status"] for c in run["children"][1]["children"]] == ["active", "active"]

    # A deleted done item comes back to Done; a deleted group comes back.
    cli(plan.path, "delete", plan["Buy shoes"]).ok()
    plain = cli(plan.path, "restore", plan["Buy shoes"], plan["Archive"]).ok()
    assert plain.err == ""
    groups = tree_of(cli, plan)
    assert find(groups, "Buy shoes")["status"] == "done"
    assert find(groups, "Archive")["status"] == "active"


def test_purge_removes_an_item_with_its_subtree(cli: Cli, plan: Plan) -> None:
    cli(plan.path, "purge", plan["Training plan"]).ok()
    with unchanged(plan.path):
        cli(plan.path, "show", plan["Week 1"]).refused(f"no item with id {plan['Week 1']}")
    run = find(tree_of(cli, plan), "Run a marathon")
    assert titles(run["children"]) == ["Buy shoes", "Old idea"]


# -- export and import -----------------------------------------------------------------


def test_export_to_standard_output_and_to_a_file(
    cli: Cli, reads: dict[str, Result], plan: Plan, tmp_path: Path
) -> None:
    stdout = reads["export"].ok()
    document = stdout.json
    assert stdout.out.endswith("}\n")
    assert (document["format"], document["version"]) == ("planner", 4)
    assert titles(document["groups"]) == ["Goals", "Health", "Home", "Archive"]
    out = tmp_path / "export.json"
    assert cli(plan.path, "export", "--format", "json", "-o", out).ok().out == ""
    from_file = json.loads(out.read_text(encoding="utf-8"))
    assert without_ids(from_file) == without_ids(document)
    assert from_file["groups"][1]["id"] == plan["Health"]

    one = reads["export item"].ok().json
    assert set(one) == {"format", "version", "exported_at", "currency", "people", "item"}
    assert one["item"]["title"] == "Training plan"
    assert titles(one["item"]["children"]) == ["Week 1", "Week 2"]
    assert one["item"] == find(document["groups"], "Training plan")


def test_import_of_a_whole_plan_gives_the_same_tree_with_new_ids(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    exported = tmp_path / "plan.json"
    cli(plan.path, "export", "--format", "json", "-o", exported).ok()
    original = json.loads(exported.read_text(encoding="utf-8"))
    n = len(original["groups"])

    # Into the same plan: its groups are added after the ones there.
    new_ids = cli(plan.path, "import", exported).ok().out.split()
    assert len(new_ids) == n
    again = cli(plan.path, "export", "--format", "json").ok().json
    assert without_ids(again["groups"][n:]) == without_ids(original["groups"])
    assert without_ids(again["groups"][:n]) == without_ids(original["groups"])
    old = {node["id"] for node in walk(original["groups"])}
    added = {node["id"] for node in walk(again["groups"][n:])}
    assert len(added) == len(old) and not added & old
    assert [g["id"] for g in again["groups"][n:]] == [int(i) for i in new_ids]

    # Into a plan that does not exist yet: import makes it (with its first group).
    fresh = tmp_path / "fresh" / "other.sqlite3"
    cli(fresh, "import", exported).ok()
    copy = cli(fresh, "export", "--format", "json").ok().json
    assert titles(copy["groups"]) == ["Goals", *titles(original["groups"])]
    assert without_ids(copy["groups"][1:]) == without_ids(original["groups"])


def test_import_of_one_item_and_into_a_group_or_under_an_item(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    item_file = tmp_path / "item.json"
    cli(
        plan.path, "export", "--item", plan["Run a marathon"], "--format", "json", "-o", item_file
    ).ok()
    source = without_ids(json.loads(item_file.read_text(encoding="utf-8"))["item"])

    # One item goes to the first group unless told otherwise.
    (first,) = cli(plan.path, "import", item_file).ok().out.split()
    (into_group,) = cli(plan.path, "import", item_file, "--group", plan["Home"]).ok().out.split()
    (under,) = cli(plan.path, "import", item_file, "--under", plan["Pick tiles"]).ok().out.split()
    groups = tree_of(cli, plan)
    goals = find(groups, "Goals")["items"]
    assert [g["id"] for g in goals] == [int(first)]
    assert without_ids(goals[0]) == source
    home = find(groups, "Home")["items"]
    assert [g["id"] for g in home] == [plan["Renovate kitchen"], int(into_group)]
    assert without_ids(home[1]) == source
    tiles = find(groups, "Pick tiles")["children"]
    assert [t["id"] for t in tiles] == [int(under)]
    assert without_ids(tiles[0]) == source

    # A whole-plan export with --group: its goals go there.
    whole = tmp_path / "whole.json"
    cli(plan.path, "export", "--item", plan["Health"], "--format", "json", "-o", whole).ok()
    ids = cli(plan.path, "import", whole, "--group", plan["Goals"]).ok().out.split()
    assert len(ids) == 2
    goals = find(tree_of(cli, plan), "Goals")["items"]
    assert titles(goals) == ["Run a marathon", "Run a marathon", "Sleep 8 hours"]


def test_a_plan_nested_past_pythons_recursion_limit_exports_and_imports(
    cli: Cli, tmp_path: Path
) -> None:
    depth = sys.getrecursionlimit() + 100  # code that recursed would raise RecursionError
    # Written by hand: json.dumps itself would hit the recursion limit.
    item = '{"title": "Level %d", "children": ['
    text = (
        '{"format": "planner", "version": 1, "item": '
        + "".join(item % i for i in range(depth))
        + "]}" * depth
        + "}"
    )
    source = tmp_path / "deep.json"
    source.write_text(text, encoding="utf-8")
    path = tmp_path / "deep.sqlite3"
    cli(path, "import", source).ok()
    exported = tmp_path / "exported.json"
    cli(path, "export", "--format", "json", "-o", exported).ok()
    other = tmp_path / "other.sqlite3"
    cli(other, "import", exported).ok()
    again = tmp_path / "again.json"
    cli(other, "export", "--format", "json", "-o", again).ok()

    def chain(file: Path) -> list[str]:
        # The titles in the order they stand: json.loads cannot read the file either.
        return re.findall(r'"(?:title|name)": "([^"]*)"', file.read_text(encoding="utf-8"))

    first = chain(exported)
    assert first == ["Goals", *(f"Level {i}" for i in range(depth))]
    assert chain(again) == ["Goals", *first]
    assert cli(other, "check").ok().out.startswith("The plan is sound")


# -- check -----------------------------------------------------------------------------


def test_check_passes_on_a_sound_plan_and_lists_problems(
    cli: Cli, reads: dict[str, Result], plan: Plan
) -> None:
    result = reads["check"].ok()
    assert result.out == "The plan is sound: 14 items and groups, integrity check passed.\n"

    with contextlib.closing(sqlite3.connect(plan.path)) as con, con:
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("UPDATE items SET parent_id = 99999 WHERE id = ?", (plan["Pick tiles"],))
    broken = cli(plan.path, "check")
    assert broken.code == 1
    assert f"Item {plan['Pick tiles']} points to a missing parent 99999." in broken.out
    assert broken.err == "planner: The plan has 2 problems, listed above.\n"


# -- refused: exit 1, one line, the plan unchanged ---------------------------------------
#
# Each of these is one command on its own copy of a plan. They all run at the first test
# that asks; every case is still a test of its own.

# Names of the built plan's items and groups stand for their ids (not an `add`'s title).
REFUSED = [
    (("add", "", "--group", "Health"), "A title is required"),
    (("add", "x" * 501, "--group", "Health"), "at most 500 characters; this one has 501"),
    (("add", "Swim", "--group", "Health", "--due", "2026-02-30"), "2026-02-30.*no such day"),
    (("add", "Swim", "--group", "Health", "--priority", "urgent"), "not a priority"),
    (("add", "Swim", "--group", "Run a marathon"), "not a group; use --under"),
    (("add", "Swim", "--under", "Health"), "is a group; use --group"),
    (("add", "Swim", "--under", "Old idea"), "'Old idea' is deleted; restore it first"),
    (("show", 99999), "no item with id 99999"),
    (("done", "Week 1", 99999), "no item with id 99999"),
    (("edit", "Week 1"), "Nothing to change"),
    (("move", "Run a marathon", "--under", "Week 1"), "cannot be moved into its own subtree"),
    (("move", "Week 1", "--top"), "Only groups stand at the top level"),
    (("move", "Week 1", "--group", "Week 2"), "not a group"),
    (("export", "--item", 99999, "--format", "json"), "no item with id 99999"),
]

BAD_IMPORTS = [
    ('{"format": "planner", "version": 1, "groups": [', r"Not valid JSON: .* line 1"),
    ('[{"title": "A list"}]', "not a Planner JSON export"),
    ('{"format": "planner", "version": 5, "groups": []}', "version 5"),
    ('{"format": "planner", "version": 1, "item": {"title": ""}}', "item: A title is req"),
    (
        '{"format": "planner", "version": 1, "item": {"title": "A", "children": '
        '[{"title": "B", "due": "2026-02-30"}]}}',
        r"item\.children\[0\]: due '2026-02-30' is not a date",
    ),
    (
        '{"format": "planner", "version": 1, "item": {"title": "A", '
        '"created": "0001-01-01T00:00:00+05:00"}}',
        "item: created .* is out of range",
    ),
]


def text_file(path: Path, built: Plan) -> None:
    path.write_text("Shopping list:\n- eggs\n- milk\n" * 50, encoding="utf-8")


def truncated_plan(path: Path, built: Plan) -> None:
    data = built.path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def newer_plan(path: Path, built: Plan) -> None:
    shutil.copyfile(built.path, path)
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    assert not Path(f"{path}-wal").exists()


NOT_PLANS = [
    (text_file, "not a Planner plan"),
    (truncated_plan, "is damaged"),
    (newer_plan, "written by a newer version of Planner"),
]
NOT_PLAN_COMMANDS = [("list",), ("add", "Swim", "--group", 1)]

WRONG_USAGE = [
    ("frobnicate",),
    ("show",),
    ("show", "abc"),
    ("add", "Swim", "--group", "1", "--under", "2"),
    ("export", "--format", "xml"),
    ("--demo", "list"),
    ("--in-tray", "list"),
]


@dataclass
class Isolated:
    """One command run on its own plan file, and how the file changed (nothing: [])."""

    result: Result
    changes: list[str]


def _copy_of(built: Plan) -> Any:
    def prepare(path: Path) -> None:
        shutil.copyfile(built.path, path)

    return prepare


@pytest.fixture(scope="session")
def isolated(
    cli: Cli, built_plan: Plan, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, int, int], Isolated]:
    """Every one-off case above, run concurrently, by (kind, case, command)."""
    cases: dict[tuple[str, int, int], tuple[Any, list[object]]] = {}
    for i, (args, _) in enumerate(REFUSED):
        argv: list[object] = [built_plan.ids.get(a, a) if isinstance(a, str) else a for a in args]
        if args[0] == "add":
            argv[1] = args[1]
        cases["refused", i, 0] = (_copy_of(built_plan), argv)
    for i, (content, _) in enumerate(BAD_IMPORTS):

        def with_import(path: Path, content: str = content) -> None:
            shutil.copyfile(built_plan.path, path)
            path.with_name("import.json").write_text(content, encoding="utf-8")

        cases["import", i, 0] = (with_import, ["import", "import.json"])
    for i, (make, _) in enumerate(NOT_PLANS):
        for j, command in enumerate(NOT_PLAN_COMMANDS):
            cases["not a plan", i, j] = (lambda p, make=make: make(p, built_plan), list(command))
    for i, args in enumerate(WRONG_USAGE):
        cases["usage", i, 0] = (_copy_of(built_plan), list(args))

    root = tmp_path_factory.mktemp("isolated")

    def run(key: tuple[str, int, int]) -> Isolated:
        prepare, argv = cases[key]
        folder = root / "-".join(map(str, key)).replace(" ", "_")
        folder.mkdir()
        path = folder / "plan.sqlite3"
        prepare(path)
        before = state(path)
        # Relative file names in a command are beside the plan.
        argv = [folder / a if a == "import.json" else a for a in argv]
        result = cli(path, *argv)
        return Isolated(result, changes(path, before))

    return {key: run(key) for key in cases}


@pytest.mark.parametrize(
    ("case", "message"),
    list(enumerate(m for _, m in REFUSED)),
    ids=[" ".join(map(str, args))[:50] for args, _ in REFUSED],
)
def test_refused_input(isolated: dict[Any, Isolated], case: int, message: str) -> None:
    outcome = isolated["refused", case, 0]
    outcome.result.refused(message)
    assert outcome.changes == []


@pytest.mark.parametrize(
    ("case", "message"), list(enumerate(m for _, m in BAD_IMPORTS)), ids=lambda v: str(v)[:40]
)
def test_import_of_a_bad_file_is_refused(
    isolated: dict[Any, Isolated], case: int, message: str
) -> None:
    outcome = isolated["import", case, 0]
    outcome.result.refused(message)
    assert outcome.changes == []


@pytest.mark.parametrize(
    ("case", "message"),
    list(enumerate(m for _, m in NOT_PLANS)),
    ids=[make.__name__ for make, _ in NOT_PLANS],
)
def test_a_file_that_is_not_a_usable_plan_is_refused_and_left_alone(
    isolated: dict[Any, Isolated], case: int, message: str
) -> None:
    for command in range(len(NOT_PLAN_COMMANDS)):
        outcome = isolated["not a plan", case, command]
        outcome.result.refused(message)
        assert outcome.changes == []


@pytest.mark.parametrize("case", range(len(WRONG_USAGE)), ids=[" ".join(a) for a in WRONG_USAGE])
def test_wrong_usage_exits_2(isolated: dict[Any, Isolated], case: int) -> None:
    outcome = isolated["usage", case, 0]
    assert outcome.result.code == 2, outcome.result
    assert outcome.result.out == ""
    assert "usage: planner" in outcome.result.err
    assert outcome.changes == []


def test_import_of_a_missing_or_binary_file_is_refused(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with unchanged(plan.path):
        cli(plan.path, "import", tmp_path / "missing.json").refused("Cannot read .*missing.json")
        cli(plan.path, "import", binary).refused("not a text file")


def test_export_never_overwrites_the_plan_itself(cli: Cli, plan: Plan) -> None:
    with unchanged(plan.path):
        cli(plan.path, "export", "--format", "json", "-o", plan.path).refused(
            "is the plan file itself"
        )


# -- plans that are not there ------------------------------------------------------


def test_a_missing_plan_is_not_made_by_a_command_that_only_reads(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "typo.sqlite3"
    cli(path, "list").refused("There is no plan at")
    cli(path, "done", 5).refused("There is no plan at")
    assert list(tmp_path.iterdir()) == []


def test_a_refused_command_leaves_no_new_plan_behind(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    cli(path, "add", "", "--group", 1).refused("A title is required")
    cli(path, "add", "Swim", "--group", 1, "--due", "2026-02-30").refused("no such day")
    assert list(tmp_path.iterdir()) == []
    # The same command, right this time, makes the plan.
    assert cli(path, "add", "Swim", "--group", 1).ok().out.strip() == "2"
    assert path.exists()


# -- where the plan is -----------------------------------------------------------------


def test_planner_db_names_the_plan_and_db_wins_over_it(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    env = {"PLANNER_DB": str(plan.path)}
    group = cli(None, "group", "add", "From the environment", env=env).ok().out.strip()
    assert cli(plan.path, "show", group, "--json").ok().json["name"] == "From the environment"
    other = tmp_path / "other.sqlite3"
    cli(other, "group", "add", "From --db", env=env).ok()
    assert "From --db" not in cli(None, "list", env=env).ok().out
    # A plan named in PLANNER_DB is not made by a command that only reads.
    missing = {"PLANNER_DB": str(tmp_path / "missing.sqlite3")}
    cli(None, "list", env=missing).refused("There is no plan at .*missing.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="XDG_DATA_HOME moves the data folder on Linux"
)
def test_the_default_plan_is_in_the_user_data_folder(cli: Cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"XDG_DATA_HOME": str(data), "HOME": str(tmp_path / "home")}
    out = cli(None, "list", env=env).ok().out
    assert out == "Goals  #1\n"
    default = data / "Planner" / "plan.sqlite3"
    assert default.is_file()
    cli(None, "group", "add", "Health", env=env).ok()
    assert "Health  #2" in cli(default, "list").ok().out
