"""A window and the command line on one plan at once, in processes of their own: every
change either side reported done is in the plan, whatever the other does (backups,
checks, its own changes), after each side closes and after either is killed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from planner.app import open_plan
from tests.helpers.cli import Cli
from tests.helpers.plan_sides import Side

pytestmark = pytest.mark.e2e


def plan_titles(cli: Cli, plan: Path) -> dict[int, str]:
    """Every item of the plan as `planner list --all --json` reads it afresh (in the test's
    process, which holds no connection to the plan: the two sides' processes do)."""
    found: dict[int, str] = {}
    stack = cli(plan, "list", "--all", "--json").ok().json
    while stack:
        node = stack.pop()
        found[node["id"]] = node.get("title", node.get("name"))
        stack.extend(node.get("items", node.get("children", [])))
    return found


class Plan:
    """What both sides were told is saved, checked against the file."""

    def __init__(self, path: Path, group: int) -> None:
        self.path, self.group = path, group
        self.saved: dict[int, str] = {}
        self.n = 0

    def took(self, new_id: int | None, title: str) -> None:
        assert new_id is not None, f"{title!r} was refused"
        assert new_id not in self.saved, f"id {new_id} handed out twice"
        self.saved[new_id] = title

    def window_adds(self, window: Side) -> None:
        self.n += 1
        title = f"W{self.n}"
        self.took(window.ask("add", under=self.group, title=title), title)

    def cli_adds(self, cli: Side) -> None:
        self.n += 1
        title = f"C{self.n}"
        answer = cli.ask("run", argv=["add", title, "--group", str(self.group)])
        assert answer["status"] == 0, answer
        self.took(int(answer["out"]), title)

    def all_there(self, found: dict[int, str]) -> None:
        missing = {i: t for i, t in self.saved.items() if found.get(i) != t}
        assert not missing, f"acknowledged, then lost: {missing}"


def test_a_window_and_the_command_line_lose_none_of_each_others_changes(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "plan.sqlite3"
    service = open_plan(path, create=True)
    group = service.first_group()
    assert group is not None
    service.store.close()
    plan = Plan(path, group.id)
    settings = tmp_path / "settings.ini"
    window, command_line = Side("window", str(path), str(settings)), Side("cli", str(path))
    rng = random.Random(14)

    for step in range(200):
        roll = rng.random()
        if roll < 0.35:
            plan.window_adds(window)
        elif roll < 0.7:
            plan.cli_adds(command_line)
        elif roll < 0.78:
            window.ask("backup")  # reads the plan's files in the window's process
        elif roll < 0.84:
            assert command_line.ask("run", argv=["backup", "now"])["status"] == 0
        elif roll < 0.9:
            assert window.ask("check") == []
        else:
            assert command_line.ask("run", argv=["check"])["status"] == 0
        if step % 25 == 24:  # what each side sees, while both are open
            plan.all_there(plan_titles(cli, path))
            plan.all_there({int(i): t for i, t in window.ask("titles").items()})

    window.close()
    plan.all_there(plan_titles(cli, path))
    for _ in range(5):
        plan.cli_adds(command_line)
    command_line.close()
    plan.all_there(plan_titles(cli, path))

    # Killed: the window, then the command line, each after changes of both.
    window, command_line = Side("window", str(path), str(settings)), Side("cli", str(path))
    for _ in range(10):
        plan.window_adds(window)
        window.ask("backup")
        plan.cli_adds(command_line)
    window.kill()
    plan.all_there(plan_titles(cli, path))
    window = Side("window", str(path), str(settings))
    for _ in range(10):
        plan.cli_adds(command_line)
        plan.window_adds(window)
        window.ask("backup")
    command_line.kill()
    plan.all_there(plan_titles(cli, path))
    plan.window_adds(window)
    window.close()
    found = plan_titles(cli, path)
    plan.all_there(found)
    assert len(plan.saved) > 100


def test_undo_in_the_window_never_destroys_what_the_command_line_made(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "plan.sqlite3"
    service = open_plan(path, create=True)
    group = service.first_group()
    assert group is not None
    service.store.close()
    window = Side("window", str(path), str(tmp_path / "settings.ini"))
    command_line = Side("cli", str(path))

    x = window.ask("add", under=group.id, title="X")
    answer = command_line.ask("run", argv=["add", "Y", "--under", str(x)])
    y = int(answer["out"])
    window.ask("undo")  # would delete X, and Y with it
    assert window.ask("said") == [
        "New goal cannot be undone: 'Y' was added under 'X' elsewhere since; undo would delete it."
    ]
    assert plan_titles(cli, path)[x] == "X" and plan_titles(cli, path)[y] == "Y"
    assert window.ask("shows", id=y)  # the window picked up what was made elsewhere

    # An edit made elsewhere is not overwritten either; the window's own steps still undo.
    z = window.ask("add", under=group.id, title="Z")
    assert window.ask("rename", id=z, title="Z renamed")
    edit = ["edit", str(z), "--title", "Z by the command line"]
    assert command_line.ask("run", argv=edit)["status"] == 0
    window.ask("undo")
    assert window.ask("said") == [
        "Rename cannot be undone: 'Z by the command line' was changed elsewhere since "
        "(title); undo would overwrite that change."
    ]
    assert plan_titles(cli, path)[z] == "Z by the command line"
    w = window.ask("add", under=group.id, title="W")
    window.ask("undo")
    assert window.ask("said") == [] and w not in plan_titles(cli, path)
    window.close()
    command_line.close()
