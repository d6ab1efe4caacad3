"""Output files and exit statuses on the command line (lost output and another user as
real processes).

Files: a planted link where a temporary file would go is never followed; `-o` onto a link,
a socket or a device that was not asked for is refused and left as it was; a device or a
pipe named on purpose (`/dev/null`, `/dev/stdout`, a FIFO) is written straight through.

Exit status: 0 means done, 1 means nothing changed. A change saved whose follow-up (a live
share) or whose printed output failed exits 0 with a warning; a command whose only job is
its output exits 1 when that output is lost; closed standard streams give no traceback.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.built_plan import Plan
from tests.helpers.cli import ROOT, WORKERS, Cli
from tests.helpers.image_files import image_bytes
from tests.helpers.other_user import as_other_user
from tests.helpers.unchanged import unchanged


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def titles(cli: Cli, plan: Plan) -> list[str]:
    out = cli(plan.path, "list", "--all").ok().out
    return [line.split("] ", 1)[1].split("  #")[0] for line in out.splitlines() if "] " in line]


# -- planted links where a temporary file goes (item 6) -------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ("export", "--item", "Run a marathon", "--format", "html"),
        ("export", "--format", "json"),
        ("share", "Run a marathon", "--format", "html"),
    ],
    ids=["card", "json", "share"],
)
def test_a_planted_temporary_link_is_not_followed(
    cli: Cli, plan: Plan, tmp_path: Path, command: tuple[str, ...]
) -> None:
    victim = tmp_path / "victim" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("alias ls='ls --color'\n")
    before = sha(victim)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "card.html"
    planted = out_dir / ".card.html.tmp"
    planted.symlink_to(victim)
    args = [plan.ids.get(a, a) for a in command]
    cli(plan.path, *args, "-o", target).ok()
    assert sha(victim) == before
    assert planted.is_symlink() and planted.readlink() == victim
    assert target.is_file() and not target.is_symlink() and target.stat().st_size > 0
    # Nothing else is left in the folder: no temporary file of this write.
    assert sorted(p.name for p in out_dir.iterdir()) == [".card.html.tmp", "card.html"]


def test_a_planted_part_link_is_not_followed_by_image_save(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    picture = tmp_path / "pic.png"
    picture.write_bytes(image_bytes("PNG", (40, 30)))
    image = int(cli(plan.path, "image", "add", plan["Run a marathon"], picture).ok().out)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    before = sha(victim)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    planted = out_dir / ".pic.png.part"
    planted.symlink_to(victim)
    saved = out_dir / "pic.png"
    assert cli(plan.path, "image", "save", image, saved).ok().out.strip() == str(saved)
    assert sha(victim) == before and planted.is_symlink()
    assert saved.read_bytes() == picture.read_bytes()
    assert sorted(p.name for p in out_dir.iterdir()) == [".pic.png.part", "pic.png"]
    # Nor over the plan itself, which an image saved there would destroy.
    with unchanged(plan.path):
        cli(plan.path, "image", "save", image, plan.path).refused("is the plan file itself")


def test_an_image_saved_into_a_folder_takes_only_the_last_part_of_its_stored_name(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    """A plan from elsewhere can hold any file name for an image, `../../.bashrc` too."""
    import sqlite3

    picture = tmp_path / "pic.png"
    picture.write_bytes(image_bytes("PNG", (40, 30)))
    image = int(cli(plan.path, "image", "add", plan["Run a marathon"], picture).ok().out)
    with sqlite3.connect(plan.path) as con:
        con.execute("UPDATE images SET filename = '../../escaped.png' WHERE id = ?", (image,))
    con.close()
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    saved = Path(cli(plan.path, "image", "save", image, folder).ok().out.strip())
    assert saved == folder / "escaped.png"
    assert not (tmp_path / "escaped.png").exists()


# -- -o onto what is not a regular file -----------------------------------------------


def test_output_onto_a_link_is_refused_and_the_link_left_alone(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    real = tmp_path / "real.json"
    real.write_text("keep me")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    picture = tmp_path / "pic.png"
    picture.write_bytes(image_bytes("PNG", (40, 30)))
    image = int(cli(plan.path, "image", "add", plan["Run a marathon"], picture).ok().out)
    with unchanged(plan.path):
        for target in (link, dangling):
            cli(plan.path, "export", "--format", "json", "-o", target).refused("is a symbolic link")
            cli(plan.path, "share", plan["Week 1"], "--format", "html", "-o", target).refused(
                "is a symbolic link"
            )
            cli(plan.path, "image", "save", image, target).refused("is a symbolic link")
    assert real.read_text() == "keep me" and link.is_symlink() and dangling.is_symlink()
    assert not (tmp_path / "nowhere.json").exists()


@pytest.fixture
def listening_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "planner.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


def test_output_onto_a_socket_is_refused(
    cli: Cli, plan: Plan, tmp_path: Path, listening_socket: Path
) -> None:
    with unchanged(plan.path):
        cli(plan.path, "export", "--format", "json", "-o", listening_socket).refused(
            "not a regular file"
        )
    assert stat.S_ISSOCK(listening_socket.lstat().st_mode)


def test_output_onto_a_fifo_named_on_purpose_is_written_through(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    # A reader that does not wait for a writer, so that a broken write cannot hang the test.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        cli(plan.path, "export", "--format", "json", "-o", fifo).ok()
        data = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert data.startswith(b'{\n  "format": "planner"')
    assert sorted(p.name for p in folder.iterdir()) == ["pipe"]


def test_output_onto_a_character_device_is_written_through(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    """`-o /dev/null` must leave /dev/null a device (as root it was replaced by a file).
    Tested on a twin of /dev/null made here, never on the system's own."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    folder = tmp_path / "out"
    folder.mkdir()
    null = folder / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    try:
        with null.open("wb") as f:
            f.write(b"x")
    except OSError as e:
        pytest.skip(f"device nodes cannot be opened here: {e}")
    cli(plan.path, "export", "--format", "json", "-o", null).ok()
    cli(plan.path, "export", "--item", plan["Week 1"], "--format", "pdf", "-o", null).ok()
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert sorted(p.name for p in folder.iterdir()) == ["null"]


def test_output_to_standard_output_through_a_link_named_on_purpose(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    """What `-o /dev/stdout` is: a link to the process's own standard output (a pipe
    here). A twin of it is used so that a broken version cannot replace /dev/stdout."""
    folder = tmp_path / "out"
    folder.mkdir()
    twin = folder / "stdout"
    twin.symlink_to("/proc/self/fd/1")
    result = cli(plan.path, "export", "--format", "json", "-o", twin).ok()
    assert result.out.startswith('{\n  "format": "planner"')
    assert twin.is_symlink() and sorted(p.name for p in folder.iterdir()) == ["stdout"]


def test_a_replaced_file_keeps_its_permissions(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old")
    target.chmod(0o640)
    cli(plan.path, "export", "--format", "json", "-o", target).ok()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text() != "old"


# -- standard output that cannot be written (items 9 and 13) --------------------------


def run_shell(base_env: dict[str, str], db: Path, redirect: str, *args: object) -> Any:
    """`planner --db DB ARGS REDIRECT` through the shell (`>&-` closes standard output)."""
    command = " ".join(
        f"'{a}'" for a in [sys.executable, "-m", "planner", "--db", db, *map(str, args)]
    )
    return subprocess.run(
        ["/bin/sh", "-c", f"{command} {redirect}"],
        capture_output=True,
        text=True,
        env=base_env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")


@pytest.mark.e2e
@needs_dev_full
@pytest.mark.parametrize("redirect", [">/dev/full", ">&-"])
def test_a_change_whose_output_is_lost_is_saved_and_exits_0(
    base_env: dict[str, str], cli: Cli, plan: Plan, redirect: str
) -> None:
    result = run_shell(base_env, plan.path, redirect, "add", "Lost print", "--group", 1)
    assert result.returncode == 0, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("planner: warning: the output could not be written")
    assert line.endswith("the change is saved.")
    assert titles(cli, plan).count("Lost print") == 1


@pytest.mark.e2e
@needs_dev_full
@pytest.mark.parametrize("redirect", [">/dev/full", ">&-"])
@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("show", 1),
        ("agenda", "upcoming"),
        ("export", "--format", "json"),
        ("shares",),
        ("check",),
        ("reminders",),
        ("habits", "--json"),
        ("workdays",),
    ],
    ids=lambda c: c[0],
)
def test_a_command_whose_only_job_is_output_exits_1_when_it_is_lost(
    base_env: dict[str, str], plan: Plan, redirect: str, command: tuple[object, ...]
) -> None:
    with unchanged(plan.path):
        result = run_shell(base_env, plan.path, redirect, *command)
    assert result.returncode == 1, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("planner: Cannot write to standard output: "), line


# Every kind of command, with one standard stream closed: a clean exit, never a traceback.
CLOSED_CASES: list[tuple[str, ...]] = [
    ("list", "--all"),
    ("show", "Week 1"),
    ("export", "--format", "json"),
    ("export", "--format", "md"),
    ("check",),
    ("agenda", "logbook"),
    ("shares",),
    ("currency",),
    ("cost", "list", "Run a marathon"),
    ("person", "list"),
    ("backup", "list"),
    ("reminders", "--json"),
    ("habits",),
    ("workdays",),
    ("repeat", "Run a marathon", "weekly"),
    ("add", "Closed", "--group", "Health"),
    ("edit", "Week 1", "--title", "Renamed"),
    ("done", "99999"),  # refused
    ("export", "--format", "pdf", "--item", "Week 2"),  # refused: no -o
]


@pytest.mark.e2e
@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_a_closed_standard_stream_gives_a_clean_exit(
    base_env: dict[str, str], plan: Plan, stream: str
) -> None:
    redirect = ">&-" if stream == "stdout" else "2>&-"

    def run(command: tuple[str, ...]) -> Any:
        return run_shell(base_env, plan.path, redirect, *(plan.ids.get(a, a) for a in command))

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:  # processes side by side
        results = list(pool.map(run, CLOSED_CASES))
    for command, result in zip(CLOSED_CASES, results, strict=True):
        other = result.stderr if stream == "stdout" else result.stdout
        assert "Traceback" not in other, (command, other)
        assert result.returncode in (0, 1), (command, result.returncode, other)
        refused = command[0] == "done" or "pdf" in command
        printed = command[0] in ("list", "show", "agenda", "export", "check", "shares")
        printed = printed or command[0] in ("currency", "cost", "person", "backup")
        printed = printed or command[0] in ("reminders", "habits") or command == ("workdays",)
        expected = 1 if refused or (stream == "stdout" and printed) else 0
        assert result.returncode == expected, (command, result.returncode, other)


# -- a follow-up that fails after a saved change (item 8) -----------------------------


def other_user_env(base_env: dict[str, str], shared: Path) -> dict[str, str]:
    env = dict(base_env)
    env.pop("PYTHONPYCACHEPREFIX", None)
    env |= {
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(shared),
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(shared / "config"),
    }
    return env


def as_other(env: dict[str, str], db: Path, *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*as_other_user(), sys.executable, "-m", "planner", "--db", str(db), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd="/",
        timeout=120,
        check=False,
    )


def share_made_by_this_user(cli: Cli, env: dict[str, str], db: Path, item: int, card: Path) -> int:
    """A live share made by the user running the tests, its key then readable by the other
    user (so that both count as its maker: one person, two accounts)."""
    share = int(cli(db, "share", item, "--format", "html", "-o", card, "--live", env=env).ok().out)
    for path in Path(env["XDG_CONFIG_HOME"]).rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return share


@pytest.fixture
def shared_plan(shared_dir: Path, plan: Plan) -> Plan:
    folder = shared_dir / "plans"
    folder.mkdir()
    folder.chmod(0o777)
    path = folder / "plan.sqlite3"
    shutil.copyfile(plan.path, path)
    path.chmod(0o666)
    (shared_dir / "config").mkdir(mode=0o777)
    (shared_dir / "config").chmod(0o777)
    return Plan(path, plan.ids)


@pytest.mark.e2e
def test_a_change_whose_live_share_cannot_be_written_exits_0_with_a_warning(
    cli: Cli, base_env: dict[str, str], shared_dir: Path, shared_plan: Plan
) -> None:
    env = other_user_env(base_env, shared_dir)
    cards = shared_dir / "cards"
    cards.mkdir(mode=0o777)
    card = cards / "card.html"
    share_made_by_this_user(cli, env, shared_plan.path, shared_plan["Run a marathon"], card)
    before = sha(card)
    cards.chmod(0o700)  # the other user cannot even look into it
    edited = as_other(env, shared_plan.path, "edit", shared_plan["Week 2"], "--title", "Week two")
    assert edited.returncode == 0, edited.stderr
    [warning] = edited.stderr.splitlines()
    assert warning.startswith("planner: card.html not updated: ") and "ermission denied" in warning
    added = as_other(env, shared_plan.path, "add", "Week 3", "--under", shared_plan["Week 1"])
    assert added.returncode == 0 and added.stdout.strip().isdigit(), added.stderr
    assert "not updated" in added.stderr
    assert sha(card) == before
    listed = cli(shared_plan.path, "list", env=env).ok().out
    assert "Week two" in listed and "Week 3" in listed
    # Once the folder can be written again, the next change brings the card up to date.
    cards.chmod(0o777)
    as_other(env, shared_plan.path, "edit", shared_plan["Week 1"], "--title", "Week one")
    assert "Week two" in card.read_text() and "Week 3" in card.read_text()


@pytest.mark.e2e
def test_revoke_on_a_read_only_plan_deletes_nothing(
    cli: Cli, base_env: dict[str, str], shared_dir: Path, shared_plan: Plan
) -> None:
    env = other_user_env(base_env, shared_dir)
    cards = shared_dir / "cards"
    cards.mkdir(mode=0o777)
    cards.chmod(0o777)
    card = cards / "card.html"
    share = share_made_by_this_user(cli, env, shared_plan.path, shared_plan["Run a marathon"], card)
    before = sha(card)
    shared_plan.path.chmod(0o644)
    shared_plan.path.parent.chmod(0o755)  # read-only to the other user
    plan_before = sha(shared_plan.path)
    result = as_other(env, shared_plan.path, "revoke", share)
    assert result.returncode == 1
    assert result.stderr.startswith("planner: This plan is open read-only")
    assert card.exists() and sha(card) == before
    assert sha(shared_plan.path) == plan_before
    assert [s["id"] for s in cli(shared_plan.path, "shares", "--json", env=env).ok().json] == [
        share
    ]


@pytest.mark.e2e
def test_share_on_a_read_only_plan_writes_no_card(
    base_env: dict[str, str], shared_dir: Path, plan: Plan
) -> None:
    env = other_user_env(base_env, shared_dir)
    (shared_dir / "config").mkdir(mode=0o777)
    (shared_dir / "config").chmod(0o777)
    cards = shared_dir / "cards"
    cards.mkdir()
    cards.chmod(0o777)
    folder = shared_dir / "plans"
    folder.mkdir()
    path = folder / "plan.sqlite3"
    shutil.copyfile(plan.path, path)
    path.chmod(0o644)
    before = sha(path)
    result = as_other(
        env, path, "share", plan["Week 1"], "--format", "html", "-o", cards / "c.html"
    )
    assert result.returncode == 1 and "read-only" in result.stderr, result.stderr
    assert list(cards.iterdir()) == [] and sha(path) == before


def test_revoke_deletes_the_file_only_with_the_record(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    """The record goes in the same step as the file: a revoke refused keeps both."""
    card = tmp_path / "card.html"
    share = int(cli(plan.path, "share", plan["Week 1"], "--format", "html", "-o", card).ok().out)
    result = cli(plan.path, "revoke", share).ok()
    assert result.err.strip() == f"Deleted {card}." and not card.exists()
    assert cli(plan.path, "shares", "--json").ok().json == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.sqlite3"]
