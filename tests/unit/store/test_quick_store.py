"""A plan opened before SQLAlchemy is loaded: the quick store reads what the full store
reads, hands over to it, and never loses a write or a read it cannot serve itself."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.app import make_demo_plan, open_plan
from planner.domain.errors import PlanFileError, StorageError
from planner.domain.items import Status
from planner.domain.structure import ACTIVE, DONE, Structure
from planner.services.plan import PlanService
from planner.store import quick_store
from planner.store.failures import read_only_message
from planner.store.plan_check import HEAD_REVISION, InspectAhead
from planner.store.plan_file import open_store
from planner.store.quick_store import QuickStore, open_quick, read_tree
from planner.store.repository import Unit
from tests.helpers.clock import FakeClock


@pytest.fixture
def demo(tmp_path: Path, clock: FakeClock) -> Path:
    return make_demo_plan(tmp_path, clock=clock)


@pytest.fixture
def quick(demo: Path) -> Iterator[QuickStore]:
    store = open_quick(demo)
    yield store
    store.close()


def everything_read(store: object) -> dict[str, object]:
    """What a window reads to show a plan, from every corner of the demo plan."""
    with store.read() as unit:  # type: ignore[attr-defined]
        items = unit.get_many(range(1, unit.next_id()))
        ids = sorted(items)
        seen: dict[str, object] = {
            "children": [unit.children(p, [Status.ACTIVE]) for p in [None, *ids]],
            "pages": [unit.children(p, after=(0, 0), limit=2, descending=True) for p in ids],
            "counts": unit.count_children([None, *ids]),
            "child_ids": [unit.child_ids(p) for p in ids],
            "one": [unit.get(i) for i in ids] + [unit.get(2**70)],
            "subtree": [list(unit.structure(i)) for i in ids],
            "tree": vars_of(unit.tree_structure()),
            "amounts": sorted(unit.line_amounts()),
            "lines": unit.lines(ids),
            "people": unit.people(),
            "persons": [unit.person(p.id) for p in unit.people()],
            "metrics": unit.metrics(),
            "metric": [unit.metric(i) for i in ids],
            "checkins": unit.checkins(None) + unit.checkins(ids),
            "journal": unit.journal(None) + unit.journal(ids),
            "images": unit.images(ids),
            "thumbnails": unit.thumbnails(i.id for i in unit.images(ids)),
            "image": [(unit.get_image(i.id), unit.image_data(i.id)) for i in unit.images(ids)],
            "image_counts": (unit.image_counts(), unit.image_counts(ids)),
            "currency": unit.setting("currency", "?"),
            "open": unit.has_open_items(),
        }
    return seen


def full_units(store: QuickStore) -> bool:
    """Whether the store's units are now the full store's (SQLAlchemy's): once it has
    taken over, every unit is."""
    with store.read() as unit:
        return isinstance(unit, Unit)


def vars_of(structure: object) -> dict[str, object]:
    return {name: getattr(structure, name) for name in structure.__slots__}  # type: ignore[attr-defined]


def test_reads_what_the_full_store_reads_without_loading_it(demo: Path, quick: QuickStore) -> None:
    full = open_store(demo)
    try:
        expected = everything_read(full)
    finally:
        full.close()
    assert everything_read(quick) == expected
    assert expected["lines"] and expected["checkins"] and expected["images"]  # all exercised
    assert not full_units(quick)


def test_a_read_it_has_not_is_the_full_stores_in_the_same_unit(quick: QuickStore) -> None:
    with quick.read() as unit:
        (hit,) = [r for r in unit.all_items() if r.title == "Book flights"]
        assert unit.rank(hit) >= 0  # a read only the full store has
        assert unit.ancestors(hit.id)[0].id == hit.parent_id
        assert unit.get(hit.id) == hit  # its own reads still work beside the loaded ones
    assert full_units(quick)  # from now on every unit is the full store's


def test_a_write_loads_the_full_store_and_later_reads_see_it(
    demo: Path, quick: QuickStore, clock: FakeClock
) -> None:
    service = PlanService(quick, clock=clock)
    group = service.first_group()
    assert group is not None
    new = service.create_item(group.id, "Written through the full store").ids[0]
    assert full_units(quick)
    assert service.get(new).title == "Written through the full store"
    quick.close()
    again = open_plan(demo)
    try:
        assert again.get(new).title == "Written through the full store"
    finally:
        again.store.close()


def test_warm_up_loads_the_full_store_in_the_background(quick: QuickStore) -> None:
    with quick.read() as unit:
        before = unit.children(None)
    quick.warm_up()
    quick.warm_up()  # once only
    quick.full()  # waits for the loader
    assert full_units(quick)
    with quick.read() as unit:
        assert unit.children(None) == before


def test_closed_while_loading_leaves_nothing_open(
    demo: Path, quick: QuickStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[object] = []  # kept here: closed by the quick store, not merely let go
    load = quick_store._full_store

    def load_and_read(*args: Any) -> Any:
        store = load(*args)
        with store.read():  # its pool now holds a connection to the plan
            loaded.append(store)
        return store

    monkeypatch.setattr(quick_store, "_full_store", load_and_read)
    assert open_files(demo)
    quick.warm_up()
    quick.close()  # waits for the loader and closes what it made
    assert loaded and open_files(demo) == []


def open_files(plan: Path) -> list[str]:
    """This process's open descriptors on the plan and the files SQLite keeps beside it."""
    names = {str(plan), f"{plan}-wal", f"{plan}-shm"}
    found = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the listing's own descriptor, gone by now
            if (target := os.readlink(f"/proc/self/fd/{fd}")) in names:
                found.append(target)
    return found


def test_a_quick_unit_inside_a_quick_unit(quick: QuickStore) -> None:
    with quick.read() as outer, quick.read() as inner:
        assert inner.children(None) == outer.children(None)


def test_the_quick_connection_is_set_up_like_the_full_stores(quick: QuickStore) -> None:
    with quick.read() as unit:
        cursor = unit.cursor()
        assert cursor.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert cursor.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_a_read_only_plan_reads_quickly_and_refuses_writes(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("planner.store.quick_store.is_writable", lambda path: False)
    store = open_quick(demo)
    assert store.read_only
    try:
        with store.read() as unit:
            assert unit.children(None)
        with pytest.raises(StorageError, match=re.escape(read_only_message())), store.write():
            pass
        assert not full_units(store)
    finally:
        store.close()


def test_an_sqlite_error_in_a_quick_unit_gets_a_message(quick: QuickStore) -> None:
    with pytest.raises(StorageError, match="could not be read"), quick.read() as unit:
        unit.cursor().execute("SELECT * FROM no_such_table")


@pytest.mark.e2e
def test_opening_a_plan_and_reading_its_first_screen_loads_no_sqlalchemy(demo: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from planner.app import open_plan
        service = open_plan(Path({str(demo)!r}))
        group = service.first_group()
        service.children(group.id)
        assert "sqlalchemy" not in sys.modules, "loaded before the first change"
        service.create_item(group.id, "A change")
        assert "sqlalchemy" in sys.modules
        print([r.title for r in service.children(group.id)][-1])
        service.store.close()
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "A change"


def test_plain_reads_in_the_full_stores_units_fail_with_a_message(demo: Path) -> None:
    full = open_store(demo)
    try:
        for unit_of in (full.read, full.write):
            with pytest.raises(StorageError, match="could not be"), unit_of() as unit:
                unit.cursor().execute("SELECT * FROM no_such_table")
    finally:
        full.close()


def test_the_full_store_serves_any_thread(quick: QuickStore) -> None:
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(read_groups(quick)))
    worker.start()
    worker.join()
    assert full_units(quick)  # another thread read through the full store, which serves
    assert found == [read_groups(quick)]  # this one next


def read_groups(store: QuickStore) -> list[str]:
    with store.read() as unit:
        return [r.title for r in unit.children(None)]


def test_a_plan_locked_by_another_program_gets_a_message(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("planner.store.connection.BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(demo, isolation_level=None)
    try:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("UPDATE settings SET value = value")
        with pytest.raises(PlanFileError, match="cannot be opened: The plan is busy"):
            open_quick(demo)
    finally:
        other.close()


def tree_of(store: object) -> Structure:
    with store.read() as unit:  # type: ignore[attr-defined]
        tree: Structure = unit.tree_structure()
        return tree


def test_the_tree_read_ahead_serves_the_first_ask_while_the_plan_is_unchanged(
    demo: Path, clock: FakeClock
) -> None:
    fresh = open_quick(demo)
    expected = vars_of(tree_of(fresh))
    fresh.close()
    reads: list[Structure] = []
    read_done = threading.Event()

    def read_ahead(path: Path) -> Structure:
        reads.append(read_tree(path))
        read_done.set()
        return reads[-1]

    def look(path: Path) -> tuple[QuickStore, InspectAhead]:
        reads.clear()
        read_done.clear()
        ahead = InspectAhead(path, read_ahead)
        assert ahead.revision(path) == HEAD_REVISION
        return open_quick(path, ahead), ahead

    store, _ = look(demo)
    assert tree_of(store) is reads[0] and vars_of(reads[0]) == expected
    assert tree_of(store) is not reads[0]  # the next ask reads the plan again
    store.close()

    store, ahead = look(demo)  # then the plan is written to, by this window...
    service = PlanService(store, clock=clock)
    group = service.first_group()
    assert group is not None
    new = service.create_item(group.id, "Written after the read").ids[0]
    tree = tree_of(store)
    assert tree is not ahead.read(demo)[0] and tree.status[new] == ACTIVE
    store.close()

    store, _ = look(demo)  # ...or by another program, once the tree was read ahead
    assert read_done.wait(timeout=30)
    other = sqlite3.connect(demo)
    other.execute("UPDATE items SET status = 'done' WHERE id = 2")
    other.commit()
    other.close()
    tree = tree_of(store)
    assert tree is not reads[0] and reads[0].status[2] != DONE and tree.status[2] == DONE
    store.close()


def test_its_own_hand_over_is_not_a_change_made_elsewhere(demo: Path) -> None:
    """A plan whose log still holds commits (its last writer was killed): the quick
    connection, closed at the hand-over to the full store, was the last one open, so
    SQLite merged the log into the file; the window took that for another program's
    change and reloaded every row (1.5 s with 100,000 rows open)."""
    script = textwrap.dedent(
        f"""
        import os, sqlite3
        con = sqlite3.connect({str(demo)!r})
        con.execute("PRAGMA wal_autocheckpoint = 0")
        con.execute("UPDATE items SET title = title || '!' WHERE id = 1")
        con.commit()
        os._exit(0)  # killed: the log is left as it is
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    assert Path(f"{demo}-wal").stat().st_size > 0
    store = open_quick(demo)
    try:
        with store.read() as unit:
            title = unit.get(1).title
        store.full()
        with store.read() as unit:  # the hand-over: the quick connection closes
            assert unit.get(1).title == title
        assert not store.changed_elsewhere()
    finally:
        store.close()
