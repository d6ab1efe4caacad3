"""Opening plan files: what is not a usable plan is refused with a clear message and left
exactly as it was; a plan opens with the pragmas that keep it safe."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from planner.app import open_plan
from planner.domain.errors import PlanFileError, PlanFileMissing
from planner.services.plan import PlanService
from planner.store import plan_check, plan_file
from tests.helpers.bad_files import BAD_FILES, make_plan, write_newer
from tests.helpers.clock import FakeClock


@pytest.mark.parametrize(("write", "message"), BAD_FILES, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("create", [False, True])
def test_unusable_file_refused_and_left_untouched(
    plan_path: Path,
    clock: FakeClock,
    write: Callable[[Path, FakeClock], None],
    message: str,
    create: bool,
) -> None:
    write(plan_path, clock)
    before = plan_path.read_bytes()
    with pytest.raises(PlanFileError, match=message) as raised:
        open_plan(plan_path, create=create, clock=clock)
    # The message names the file, so the user knows which one it is about.
    assert str(plan_path) in str(raised.value)
    assert plan_path.read_bytes() == before
    # Nothing is waiting in a write-ahead log to be copied into the file later.
    wal = Path(f"{plan_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    # And it stays refused, the same way, on a second try.
    with pytest.raises(PlanFileError, match=message):
        open_plan(plan_path, clock=clock)
    assert plan_path.read_bytes() == before


def test_newer_plan_message_says_what_to_do(plan_path: Path, clock: FakeClock) -> None:
    write_newer(plan_path, clock)
    with pytest.raises(PlanFileError) as raised:
        open_plan(plan_path, clock=clock)
    text = str(raised.value)
    assert "9999" in text
    assert "Update Planner" in text
    assert "not changed" in text


def test_missing_path(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "nowhere" / "plan.sqlite3"
    with pytest.raises(PlanFileMissing, match="no plan"):
        open_plan(path, clock=clock)
    assert not path.exists()
    assert not path.parent.exists()


def test_folder_refused(tmp_path: Path, clock: FakeClock) -> None:
    with pytest.raises(PlanFileError, match="folder"):
        open_plan(tmp_path, clock=clock)
    with pytest.raises(PlanFileError, match="folder"):
        open_plan(tmp_path, create=True, clock=clock)


def test_create_makes_new_plan_and_reopen_keeps_it(plan_path: Path, clock: FakeClock) -> None:
    service = open_plan(plan_path, create=True, clock=clock)
    group = service.first_group()
    assert group is not None and group.title == "Goals"
    item = service.create_item(group.id, "Run a 10k").ids[0]
    service.store.close()
    again = open_plan(plan_path, create=True, clock=clock)
    try:
        assert [r.title for r in again.all_items()] == ["Goals", "Run a 10k"]
        assert again.get(item).parent_id == group.id
        assert again.check() == []
    finally:
        again.store.close()
    # No temporary files are left beside the plan.
    assert sorted(p.name for p in plan_path.parent.iterdir() if ".new-plan-" in p.name) == []


def test_new_plan_is_marked_and_at_head_revision(plan_path: Path, clock: FakeClock) -> None:
    make_plan(plan_path, clock, items=2)
    con = sqlite3.connect(plan_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
        (plan_file.HEAD_REVISION,)
    ]
    (app_id,) = con.execute("PRAGMA application_id").fetchone()
    con.close()
    assert app_id == plan_file.APPLICATION_ID


@pytest.mark.parametrize("name", ["what? plan.sqlite3", "a#b.sqlite3", "50%41 off.sqlite3"])
def test_paths_with_url_characters(tmp_path: Path, clock: FakeClock, name: str) -> None:
    path = tmp_path / name
    make_plan(path, clock, items=1)
    service = open_plan(path, clock=clock)
    try:
        assert [r.title for r in service.all_items()] == ["Goals", "Item 0"]
    finally:
        service.store.close()
    # The plan went into the file that was named, and nowhere else.
    plan_files = [p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))]
    assert plan_files == [name]


def _pragma(service: PlanService, name: str) -> object:
    engine = service.store.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_connection_pragmas(service: PlanService) -> None:
    assert _pragma(service, "foreign_keys") == 1
    assert _pragma(service, "journal_mode") == "wal"
    assert _pragma(service, "synchronous") == 2  # FULL
    busy = _pragma(service, "busy_timeout")
    assert isinstance(busy, int) and busy > 0


def test_write_units_use_the_pragmas(service: PlanService) -> None:
    with service.store.write() as unit:
        session = unit.session  # type: ignore[attr-defined]
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2


def test_changes_are_on_disk_when_the_call_returns(service: PlanService, plan_path: Path) -> None:
    group = service.first_group()
    assert group is not None
    service.create_item(group.id, "Saved at once")
    # Another connection (another process, say) sees it without any save or close.
    con = sqlite3.connect(plan_path)
    titles = [r[0] for r in con.execute("SELECT title FROM items ORDER BY id")]
    con.close()
    assert titles == ["Goals", "Saved at once"]


@pytest.mark.e2e
def test_changes_survive_a_killed_process(plan_path: Path) -> None:
    # A process that made changes and was killed (no close, no checkpoint: the changes are
    # only in the write-ahead log) leaves a plan that opens with all of them.
    script = f"""
import os, pathlib
from planner.app import open_plan
service = open_plan(pathlib.Path({str(plan_path)!r}), create=True)
group = service.first_group().id
for i in range(5):
    service.create_item(group, f"Task {{i}}")
os._exit(0)
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert Path(f"{plan_path}-wal").stat().st_size > 0
    service = open_plan(plan_path)
    try:
        assert [r.title for r in service.all_items()] == ["Goals"] + [f"Task {i}" for i in range(5)]
        assert service.check() == []
    finally:
        service.store.close()


def test_known_revisions_match_the_migration_scripts() -> None:
    scripts = ScriptDirectory(str(plan_file.MIGRATIONS_DIR))
    assert scripts.get_heads() == [plan_file.HEAD_REVISION]
    # Oldest first, as walk_revisions gives them newest first.
    chain = [s.revision for s in scripts.walk_revisions()][::-1]
    assert tuple(chain) == plan_check.KNOWN_REVISIONS
    assert plan_check.KNOWN_REVISIONS[-1] == plan_file.HEAD_REVISION


def test_a_look_ahead_gives_its_finding_once_and_only_while_the_file_is_unchanged(
    plan_path: Path,
) -> None:
    open_plan(plan_path, create=True).store.close()
    con = sqlite3.connect(plan_path)  # closed cleanly: the log merged, nothing beside it
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for sidecar in ("-wal", "-shm"):
        Path(f"{plan_path}{sidecar}").unlink(missing_ok=True)
    ahead = plan_check.InspectAhead(plan_path)  # its look leaves an empty log beside it
    assert ahead.revision(plan_path.with_name("other.sqlite3")) is None
    assert ahead.revision(plan_path) == plan_check.HEAD_REVISION
    assert ahead.revision(plan_path) is None  # once only

    ahead = plan_check.InspectAhead(plan_path)
    service = open_plan(plan_path)  # writes to the plan: the look is out of date
    service.create_item(service.first_group().id, "Written meanwhile")  # type: ignore[union-attr]
    service.store.close()
    assert ahead.revision(plan_path) is None


def _damage_items_table(path: Path) -> None:
    """Garbage over the items table's first b-tree page: only SQLite's check can tell."""
    con = sqlite3.connect(path)
    (root,) = con.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'items'").fetchone()
    (page_size,) = con.execute("PRAGMA page_size").fetchone()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xfe" * (page_size - 8))


@pytest.mark.parametrize(
    "write",
    [w for w, _ in BAD_FILES]
    + [lambda path, clock: (make_plan(path, clock, items=30), _damage_items_table(path))],
    ids=[w.__name__ for w, _ in BAD_FILES] + ["damaged_btree"],
)
def test_a_look_ahead_at_a_bad_file_leaves_the_usual_message(
    plan_path: Path, clock: FakeClock, write: Callable[[Path, FakeClock], None]
) -> None:
    write(plan_path, clock)
    before = plan_path.read_bytes()
    ahead = plan_check.InspectAhead(plan_path)
    with pytest.raises(PlanFileError) as looked_ahead:
        open_plan(plan_path, ahead=ahead)
    with pytest.raises(PlanFileError) as looked_now:
        open_plan(plan_path)
    assert str(looked_ahead.value) == str(looked_now.value)
    assert plan_path.read_bytes() == before
