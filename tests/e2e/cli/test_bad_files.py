"""Files that are not right, on the command line: each refused with one clear line and
exit 1, its bytes the same afterwards; a read-only plan is read and not changed; a plan
that fills the disk mid-change fails that change and stays sound."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planner.app import open_plan
from tests.helpers.bad_files import CASES, Writer, cap_growth
from tests.helpers.cli import ROOT, Cli
from tests.helpers.clock import FakeClock
from tests.helpers.other_user import as_other_user


def digests(folder: Path) -> dict[str, str]:
    """Every file in the folder and its hash: a changed byte or a new file shows."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
        and not (p.name.endswith("-shm") or (p.name.endswith("-wal") and not p.stat().st_size))
    }


@pytest.mark.parametrize(("write", "message"), CASES, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("command", [("list",), ("check",), ("add", "X", "--group", "1")])
def test_a_file_that_is_not_right_is_refused_and_left_as_it_was(
    cli: Cli, tmp_path: Path, write: Writer, message: str, command: tuple[str, ...]
) -> None:
    path = tmp_path / "plan.sqlite3"
    write(path, FakeClock(datetime(2026, 11, 22, 12, tzinfo=UTC)))
    before = digests(tmp_path)
    result = cli(path, *command)
    assert result.code == 1, result
    assert result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith("planner: ") and message in line and str(path) in line
    assert digests(tmp_path) == before


def test_a_missing_plan_is_named_and_not_made(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "no such plan.sqlite3"
    result = cli(path, "check")
    assert result.code == 1 and "There is no plan at" in result.err
    assert list(tmp_path.iterdir()) == []


# -- read-only plans -------------------------------------------------------------------


def run_as_other(
    base_env: dict[str, str], db: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    env = dict(base_env)
    env.pop("PYTHONPYCACHEPREFIX", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["HOME"] = "/tmp"
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [*as_other_user(), sys.executable, "-m", "planner", "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd="/",
        timeout=120,
        check=False,
    )


@pytest.mark.e2e
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_plan_is_read_and_refuses_changes(
    base_env: dict[str, str], shared_dir: Path, what: str
) -> None:
    folder = shared_dir / "plans"
    folder.mkdir()
    path = folder / "plan.sqlite3"
    service = open_plan(path, create=True)
    group = service.first_group()
    assert group is not None
    service.create_item(group.id, "Readable")
    service.store.close()
    for side in ("-wal", "-shm"):  # closed cleanly: the plan is one file
        Path(f"{path}{side}").unlink(missing_ok=True)
    folder.chmod(0o755)
    path.chmod(0o444 if what == "file" else 0o644)
    if what == "folder":
        folder.chmod(0o555)
    before = digests(folder)
    listed = run_as_other(base_env, path, "list")
    assert listed.returncode == 0, listed.stderr
    assert "Readable" in listed.stdout
    checked = run_as_other(base_env, path, "check")
    assert checked.returncode == 0 and "sound" in checked.stdout
    added = run_as_other(base_env, path, "add", "Nope", "--group", str(group.id))
    assert added.returncode == 1
    assert added.stderr.startswith("planner: This plan is open read-only")
    assert len(added.stderr.splitlines()) == 1
    assert digests(folder) == before


# -- a disk that fills up --------------------------------------------------------------


def test_a_full_disk_fails_the_change_and_keeps_the_plan_sound(
    plan_path: Path, clock: FakeClock
) -> None:
    from planner.domain.errors import StorageError

    service = open_plan(plan_path, create=True, clock=clock)
    try:
        group = service.first_group()
        assert group is not None
        service.create_item(group.id, "Before")
        before = [(r.id, r.title) for r in service.all_items()]
        engine = service.store.engine  # type: ignore[attr-defined]

        cap_growth(engine)

        with pytest.raises(StorageError, match=r"The disk is full\. The change was not saved\."):
            service.create_item(group.id, "Big", notes="x" * 200_000)
        assert [(r.id, r.title) for r in service.all_items()] == before
        assert service.check() == []
    finally:
        service.store.close()
