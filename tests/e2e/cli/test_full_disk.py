"""A plan on a real, tiny file system that fills up: the change that does not fit is
refused with "The disk is full", every change acknowledged before it stays, and once room
is made again every command reads the plan as SQLite does (the header's size check knows
the pages may still be in the log)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import Cli

NOTES = "x" * 20_000  # five pages or so an item: the disk fills within a dozen or two


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs, where this machine lets the tests mount one."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_refuses_the_change_and_keeps_every_saved_one(
    cli: Cli, small_disk: Path
) -> None:
    plan = small_disk / "plan.sqlite3"
    group = int(cli(plan, "group", "add", "Things").ok().out)
    ballast = small_disk / "ballast"  # room to make again later
    ballast.write_bytes(b"\0" * 600_000)
    saved: list[str] = []
    refused = None
    for n in range(200):
        title = f"Item {n}"
        result = cli(plan, "add", title, "--group", group, "--notes", NOTES)
        if result.code != 0:
            refused = result
            break
        saved.append(title)
    assert refused is not None, "the disk never filled"
    assert len(saved) > 5
    refused.refused("The disk is full. The change was not saved.")

    # Room again: every command reads the plan, with every saved item and none other.
    with contextlib.suppress(FileNotFoundError):
        ballast.unlink()
    for leftover in small_disk.glob("backups/*"):
        leftover.unlink()
    os.sync()
    listed = cli(plan, "list").ok().out
    titles = [line.split("  #")[0].removeprefix("  [ ] ") for line in listed.splitlines()[2:]]
    assert titles == saved
    cli(plan, "check").ok()
    assert "Item 0" in cli(plan, "export", "--format", "md").ok().out
    cli(plan, "backup", "now").ok()
    cli(plan, "add", "After the room was made", "--group", group).ok()
