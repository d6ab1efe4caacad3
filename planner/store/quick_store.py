"""A plan shown before SQLAlchemy is loaded.

Loading SQLAlchemy's ORM costs about 0.3 s and 35 MB on a small machine: more than Qt's
window, and more than everything Planner itself does to show a 100,000-item plan. So a
plan whose schema is current opens on a bare `sqlite3` connection. `PlainReads` (the same
code the full store reads with) serves the first screen; once the window is idle,
`warm_up` loads the full store (SQLAlchemy, `repository.PlanStore`) on a second thread,
and from then on every unit is the full store's. A write, or a read PlainReads does not
have, that comes earlier waits for the full store (or loads it there and then): nothing
behaves differently, it only takes longer.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.domain.errors import PlanFileError, StorageError
from planner.domain.structure import Structure
from planner.i18n import _
from planner.store.connection import connect
from planner.store.damage import VALUE_ERRORS, damaged_plan
from planner.store.failures import describe_failure, read_only_message
from planner.store.plan_check import ChangeWatch, file_state, is_writable
from planner.store.schedule_rows import ScheduleReads

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from planner.store.plan_check import InspectAhead
    from planner.store.repository import PlanStore, Unit


def open_quick(path: Path, ahead: InspectAhead | None = None) -> QuickStore:
    """The plan at `path` (its schema this version's: see plan_check) ready to read at
    once. Raises PlanFileError when SQLite cannot open it. `ahead`: the look at the file
    that vouched for it, with the tree it read (`read_tree`), if it read one."""
    read_only = not is_writable(path)
    try:
        con = connect(path, read_only)
    except sqlite3.Error as e:
        raise PlanFileError(
            _("{path} cannot be opened: {reason}").format(
                path=path, reason=describe_failure(e, False)
            )
        ) from e
    store = QuickStore(path, read_only, con)
    store.ahead = ahead
    return store


def read_tree(path: Path) -> Structure:
    """The plan's tree (for progress and totals), read on the thread that looks at the
    file at start-up (InspectAhead): its SQLite steps hold no GIL, so while Python
    imports the window, the tree costs the first screen nothing."""
    con = connect(path, read_only=True)
    try:
        return _Reads(con).tree_structure()
    finally:
        con.close()


def _full_store(path: Path, read_only: bool, watch: ChangeWatch) -> PlanStore:
    from planner.store.plan_file import make_engine
    from planner.store.repository import PlanStore

    return PlanStore(make_engine(path, read_only=read_only), read_only, watch)


class _Reads(ScheduleReads):
    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con

    def cursor(self) -> sqlite3.Cursor:
        return self._con.cursor()


class QuickUnit(_Reads):
    """A read unit on the quick connection; anything PlainReads lacks is the full store's
    (loaded when first needed, read in a unit of its own: a second snapshot, which only a
    writer outside this window, between the two, could make differ)."""

    def __init__(self, con: sqlite3.Connection, full: Any, tree: Any) -> None:
        super().__init__(con)
        self._full = full  # () -> a full read unit, opened on first call
        self._tree = tree  # () -> the tree read ahead, or None

    def tree_structure(self) -> Structure:
        tree: Structure | None = self._tree()
        return super().tree_structure() if tree is None else tree

    def __getattr__(self, name: str) -> Any:
        return getattr(self._full(), name)


class QuickStore:
    """The Store of a plan opened for reading at once (see the module's text). The quick
    connection is used on the thread that opened the plan only; any thread may ask for
    the full store."""

    def __init__(self, path: Path, read_only: bool, con: sqlite3.Connection) -> None:
        self.path = path
        self.read_only = read_only
        self._con: sqlite3.Connection | None = con
        self._thread = threading.get_ident()  # the quick connection's
        self._lock = threading.Lock()  # around the hand-over to the full store
        self._full: PlanStore | None = None
        self._loader: threading.Thread | None = None
        self._loaded: PlanStore | BaseException | None = None  # what the loader made
        # The look at the file that vouched for it: the first unit to ask for the tree
        # gets the one it read, if nothing was written since.
        self.ahead: InspectAhead | None = None
        self.watch = ChangeWatch(path)
        self.created = False  # an existing plan

    @property
    def engine(self) -> Engine:
        """The full store's engine (loaded now if it was not)."""
        return self.full().engine

    def warm_up(self) -> None:
        """Load the full store on a second thread (nothing when loaded or loading)."""
        with self._lock:
            if self._full is None and self._loader is None and self._con is not None:
                self._loader = threading.Thread(
                    target=self._load, name="planner-store", daemon=True
                )
                self._loader.start()

    def _load(self) -> None:
        try:
            self._loaded = _full_store(self.path, self.read_only, self.watch)
        except BaseException as e:  # handed to the thread that asks for the store
            self._loaded = e

    def full(self) -> PlanStore:
        """The full store: waits for the loader, or loads it now."""
        with self._lock:
            if self._full is None:
                if self._loader is not None:
                    self._loader.join()
                    self._loader = None
                    loaded, self._loaded = self._loaded, None
                    if isinstance(loaded, BaseException):
                        raise loaded
                    assert loaded is not None
                    self._full = loaded
                else:
                    self._full = _full_store(self.path, self.read_only, self.watch)
            return self._full

    def _take_over(self) -> bool:
        """Hand over to the full store if it is there (or ready): then the quick connection
        is closed, on its own thread and never during a quick unit."""
        loader = self._loader
        if self._full is None and loader is not None and not loader.is_alive():
            self.full()
        con = self._con
        on_own_thread = threading.get_ident() == self._thread
        if self._full is not None and con is not None and on_own_thread and not con.in_transaction:
            self._con = None
            self.watch.own(con.close)
        return self._full is not None

    def _take_tree(self) -> Structure | None:
        ahead, self.ahead = self.ahead, None
        tree, state = ahead.read(self.path) if ahead is not None else (None, None)
        if not isinstance(tree, Structure) or state is None or file_state(self.path) != state:
            return None
        return tree

    @contextmanager
    def read(self) -> Iterator[Any]:  # a QuickUnit, or the full store's Unit
        con = self._con
        if (
            threading.get_ident() != self._thread  # the quick connection is this thread's
            or self._take_over()
            or con is None
            or con.in_transaction  # a unit inside a unit
        ):
            with self.full().read() as unit:
                yield unit
            return
        with ExitStack() as fallback:
            full_unit: list[Unit] = []

            def full() -> Unit:
                if not full_unit:
                    full_unit.append(fallback.enter_context(self.full().read()))
                return full_unit[0]

            try:
                con.execute("BEGIN")
                try:
                    yield QuickUnit(con, full, self._take_tree)
                finally:
                    con.execute("COMMIT")  # a read unit: nothing to keep or undo
            except sqlite3.Error as e:
                raise StorageError(describe_failure(e, writing=False)) from e
            except VALUE_ERRORS as e:  # a stored value that does not read
                damage = damaged_plan(e, con)
                if damage is None:
                    raise
                raise damage from e

    @contextmanager
    def write(self) -> Iterator[Unit]:
        if self.read_only:
            raise StorageError(read_only_message())
        self.ahead = None  # what it read is no longer the plan's tree
        self._take_over()
        with self.full().write() as unit:
            yield unit

    @contextmanager
    def side_read(self) -> Iterator[Any]:
        """Plain reads on any thread, on a read-only connection of their own (opened and
        closed here, in one transaction): the calculation totals are added up on a second
        thread while the window takes input."""
        if self._full is not None:
            with self._full.read() as unit:
                yield unit
            return
        try:
            con = connect(self.path, read_only=True)
        except sqlite3.Error as e:
            raise StorageError(describe_failure(e, writing=False)) from e
        try:
            con.execute("BEGIN")
            yield _Reads(con)
            con.execute("COMMIT")
        except sqlite3.Error as e:
            raise StorageError(describe_failure(e, writing=False)) from e
        except VALUE_ERRORS as e:  # a stored value that does not read
            con.rollback()
            damage = damaged_plan(e, con)
            if damage is None:
                raise
            raise damage from e
        finally:
            con.close()

    @contextmanager
    def plain_write(self) -> Iterator[Any]:
        """A write of plain SQL only (the search index): on the quick connection while the
        full store has not taken over, so that the command line's search loads no
        SQLAlchemy; in a write unit of the full store afterwards."""
        if self.read_only:
            raise StorageError(read_only_message())
        con = self._con
        if (
            threading.get_ident() != self._thread
            or self._take_over()
            or con is None
            or con.in_transaction
        ):
            with self.full().write() as unit:
                yield unit
            return
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield _Reads(con)
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        except sqlite3.Error as e:
            raise StorageError(describe_failure(e, writing=True)) from e
        except VALUE_ERRORS as e:  # a stored value that does not read (rolled back)
            damage = damaged_plan(e, con)
            if damage is None:
                raise
            raise damage from e
        self.watch.wrote()

    def changed_elsewhere(self) -> bool:
        """Whether another program changed the plan since this one last wrote or asked."""
        return self.watch.changed_elsewhere()

    def close(self) -> None:
        if self._loader is not None:  # its store is closed below with the rest
            self._loader.join()
            if not isinstance(self._loaded, BaseException) and self._loaded is not None:
                self._loaded.close()
            self._loader = self._loaded = None
        if self._full is not None:
            self._full.close()
            self._full = None
        if self._con is not None:
            self._con.close()
            self._con = None
