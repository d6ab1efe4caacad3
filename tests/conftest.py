"""Shared fixtures: a real plan file on disk, a clock tests can move."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

# Qt tests run without a display; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read English, whatever the machine's language (children inherit it).
os.environ["LANGUAGE"] = ""
os.environ["LC_ALL"] = ""
os.environ["LC_MESSAGES"] = ""
os.environ["LANG"] = "C.UTF-8"


from planner.app import open_plan
from planner.services.plan import PlanService
from planner.store import connection
from tests.helpers.clock import FakeClock
from tests.helpers.keys import let_go_of_keys


def _guard_plan_files(event: str, args: tuple[object, ...]) -> None:
    """Fail any test in which Planner (or the test) opens a plan file, its -wal or -shm
    directly while this process has an SQLite connection on it: closing that descriptor
    would drop SQLite's POSIX locks, and another process would delete the live log."""
    if event != "open" or not isinstance(args[0], str | bytes | os.PathLike):
        return
    name = os.fsdecode(args[0])
    for suffix in ("-wal", "-shm", "-journal"):
        name = name.removesuffix(suffix)
    with connection.unshared(Path(name)) as safe:
        if not safe:
            raise AssertionError(f"{args[0]} opened directly while SQLite has the plan open")


sys.addaudithook(_guard_plan_files)


WIDGETS = Path(__file__).parent / "widgets"


def pytest_configure(config: pytest.Config) -> None:
    """Where Python is asked not to write bytecode, every process of a run (the parallel
    run's workers, the commands the tests start) compiled all it imports that has none:
    pytest, the tests (6 s to collect them), SQLAlchemy, Planner... Each caches it in the
    temporary folder instead, kept from run to run, out of the source tree. (Before any
    worker starts.)"""
    if not (os.environ.get("PYTHONDONTWRITEBYTECODE") or sys.flags.dont_write_bytecode):
        return
    key = hashlib.sha256(sys.prefix.encode()).hexdigest()[:12]
    folder = str(Path(tempfile.gettempdir()) / f"planner-pyc-{key}")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = sys.pycache_prefix = folder
    sys.dont_write_bytecode = False


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject.toml's addopts): the suite or a folder in one process a core;
    the tests of a file or a name in this process alone (a process started costs more than
    those tests take)."""
    if any("::" in arg or arg.endswith(".py") for arg in config.args):
        return 0
    if hasattr(os, "sched_getaffinity"):  # the cores this process may use (Linux)
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of the window's widgets is marked `gui` (`-m "not gui"` leaves them out)."""
    for item in items:
        if item.path.is_relative_to(WIDGETS):
            item.add_marker(pytest.mark.gui)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Delete the widgets a test left, once pytest-qt has closed them: its deleteLater()
    runs outside any event loop, where no later processEvents() deletes them, so every
    window ever made stayed alive, and each language switch went through all of them.
    And let go of the keys QTest left held (the next test would click with Ctrl down)."""
    try:
        yield
    finally:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        let_go_of_keys()


@pytest.fixture(scope="session", autouse=True)
def _one_application_for_all_tests(qapp: object) -> object:
    """The widgets' QApplication made first: a card rendered before any widget test would
    otherwise make a bare QGuiApplication, and pytest-qt could not make its own after it."""
    return qapp


@pytest.fixture(scope="session", autouse=True)
def _own_config_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Never the user's settings (the key that marks the shares made here lives there) nor
    data folder; and each process of a parallel run has folders of its own."""
    saved = {name: os.environ.get(name) for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME")}
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("xdg-config"))
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))
    yield
    for name, before in saved.items():
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


@pytest.fixture
def clock() -> FakeClock:
    # Noon UTC keeps the local date the same in any test machine's time zone but the wildest.
    return FakeClock(datetime(2026, 11, 22, 12, 0, tzinfo=UTC))


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return tmp_path / "plan.sqlite3"


@pytest.fixture
def service(plan_path: Path, clock: FakeClock) -> Iterator[PlanService]:
    # Made, not a copy of tests/helpers/new_plan.py's: with a copy, a window test that
    # filtered the tree, then test_idle_gc.py, then test_keyboard.py crashed (a timer
    # of a freed object fired); not found yet.
    svc = open_plan(plan_path, create=True, clock=clock)
    yield svc
    svc.store.close()


# -- read-only files: file modes do not stop root (see helpers.other_user) -----------


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the other user can reach (pytest's are private to the user running it)."""
    folder = Path(tempfile.mkdtemp(prefix="planner-ro-"))
    folder.chmod(0o755)
    yield folder
    for p in folder.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    shutil.rmtree(folder, ignore_errors=True)
