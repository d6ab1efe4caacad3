"""Hostile import files and numbers on the command line, as real `python -m planner`
processes: positions and ids beyond 64 bits. Each is refused with one line
on standard error and exit 1, the plan byte for byte as it was (or taken correctly)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.e2e.test_cli import WORKERS, Cli, Plan, unchanged

HUGE = 2**64  # beyond SQLite's 64-bit integers


# -- positions beyond 64 bits ----------------------------------------------------------


def test_a_position_beyond_64_bits_is_the_last_place(cli: Cli, plan: Plan) -> None:
    health = plan["Health"]
    new = int(cli(plan.path, "add", "Last", "--group", health, "--position", HUGE).ok().out)
    goals = [g["title"] for g in cli(plan.path, "list", "--json").ok().json[1]["items"]]
    assert goals[-1] == "Last"
    cli(plan.path, "move", plan["Sleep 8 hours"], "--group", health, "--position", HUGE).ok()
    goals = [g["id"] for g in cli(plan.path, "list", "--json").ok().json[1]["items"]]
    assert goals[-1] == plan["Sleep 8 hours"] and new in goals
    cli(plan.path, "move", plan["Health"], "--top", "--position", str(HUGE * HUGE)).ok()
    groups = [g["name"] for g in cli(plan.path, "list", "--json").ok().json]
    assert groups[-1] == "Health"
    cli(plan.path, "cost", "on", plan["Run a marathon"]).ok()
    cli(plan.path, "cost", "add", plan["Run a marathon"], "Shoes", "1", "2").ok()
    cli(plan.path, "cost", "add", plan["Run a marathon"], "Socks", "1", "2", "--position", HUGE)
    lines = cli(plan.path, "export", "--item", plan["Run a marathon"], "--format", "json")
    assert [x["description"] for x in lines.ok().json["item"]["lines"]] == ["Shoes", "Socks"]


@pytest.mark.parametrize(
    "args",
    [
        ("add", "X", "--group", "{Health}", "--position", str(-HUGE)),
        ("move", "{Sleep 8 hours}", "--group", "{Health}", "--position", str(-HUGE)),
        ("move", "{Health}", "--top", "--position", str(-HUGE)),
    ],
)
def test_a_negative_position_beyond_64_bits_is_refused(
    cli: Cli, plan: Plan, args: tuple[str, ...]
) -> None:
    argv = [plan[a[1:-1]] if a.startswith("{") else a for a in args]
    with unchanged(plan.path):
        cli(plan.path, *argv).refused("A position cannot be negative")


# Every command that takes an id, given one beyond SQLite's integers.
ID_COMMANDS = [
    "show {N}", "edit {N} --title x", "move {N} --group {G}", "move {I} --group {N}",
    "move {I} --under {N}", "done {N}", "undone {N}", "delete {N}", "restore {N}",
    "purge {N}", "export --format json --item {N}", "export --format html --item {N}",
    "add X --group {N}", "add X --under {N}", "list --assignee {N}", "cost on {N}",
    "cost list {N}", "cost add {N} d 1 2", "cost edit {N} --description x", "cost rm {N}",
    "image list {N}", "image rm {N}", "image move {N} 0", "image save {N} {F}",
    "person rm {N}", "person edit {N} --name y", "assign {N} 1", "assign {I} {N}",
    "unassign {N}", "metric rm {N}", "checkin {N} 1", "journal add {N} hi",
    "share {N} --format html -o {F}", "revoke {N}", "import {J} --group {N}",
    "import {J} --under {N}",
]  # fmt: skip


def test_ids_beyond_64_bits_name_nothing_in_every_command(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "in.md").write_text("- [ ] x\n")
    names = {"G": plan["Health"], "I": plan["Week 1"], "F": folder / "out", "J": folder / "in.md"}
    runs = [  # each sign for every other command
        command.format(N=-HUGE if i % 2 else HUGE, **names).split()
        for i, command in enumerate(ID_COMMANDS)
    ]
    with unchanged(plan.path), ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda args: cli(plan.path, *args), runs))
    for args, result in zip(runs, results, strict=True):
        assert result.code == 1 and "Traceback" not in result.err, (args, result.err)
        result.refused(r"There is no (item|person|image|cost line|share) with id -?\d{20}\.$")
    assert sorted(p.name for p in folder.iterdir()) == ["in.md"]
