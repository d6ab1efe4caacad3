"""Kill a process in the middle of changing a plan, and check that nothing it reported done
is lost. Shared by tests/unit/store/test_crash_safety.py and benchmarks/bench_crash.py.

The child (forked from a warm process, `python -m tests.helpers.crash_harness`, that
has imported Planner and SQLAlchemy) applies a random sequence of changes through
PlanService on a real plan file. Before each one it writes an intent line naming
every item the change may touch; after the call returns (the transaction is committed) it
writes a done line with the state of those items as the plan now holds them. The parent
SIGKILLs it at a random moment, reads what reached the pipe, reopens the plan and checks:

- `PRAGMA integrity_check` is ok and the plan's own invariants hold;
- every item reported by a done line is exactly as reported (later reports win), or gone
  when reported gone;
- no item is in the plan that was never reported, except the ones the change in flight
  when the kill came may have made.

The change in flight may or may not be in the plan: the kill may come after its commit
and before its report.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TextIO

ROOT = Path(__file__).resolve().parents[2]

Fact = list[Any] | None  # [parent_id, status, title, notes] or None: not in the plan


def _fact(record: Any) -> Fact:
    return [record.parent_id, record.status.value, record.title, record.notes]


# -- the child ---------------------------------------------------------------------------


def child(path: Path, seed: int) -> None:  # pragma: no cover - runs in a child process
    from planner.app import open_plan
    from planner.domain.errors import PlannerError
    from planner.domain.new_node import NewNode

    rng = random.Random(seed)
    service = open_plan(path, create=True)
    out = sys.stdout

    def say(kind: str, data: Any) -> None:
        out.write(f"{kind} {json.dumps(data, ensure_ascii=False)}\n")
        out.flush()

    with service.store.write() as unit:  # ready to write (SQLAlchemy loaded) before "S":
        ids = [r.id for r in unit.all_items()]  # the kill's clock starts at "S"
    say("S", len(ids))
    undo: list[Any] = []  # inverses of the last changes, to apply some back (undo)
    step = 0
    while True:
        step += 1
        text = f"{seed}-{step} " + rng.choice(["Plan", "Buy", "Écrire", "写", "שלום", "🚀"])
        roll = rng.random()
        creating = False
        target = rng.choice(ids) if ids else 0
        others = [rng.choice(ids) for _ in range(rng.randint(1, 3))] if ids else []
        if not ids or roll < 0.02:
            name, creating = "group", True
            action: Any = partial(service.create_group, text)
            touched = []
        elif roll < 0.25:
            name, creating = "create", True
            action = partial(service.create_item, target, text, notes="n" * rng.randint(0, 50))
            touched = [target]
        elif roll < 0.32:
            name, creating = "import", True
            nodes = [
                NewNode(
                    title=f"{text} {i}",
                    children=[NewNode(title=f"{text} {i}.{j}") for j in range(5)],
                )
                for i in range(rng.randint(1, 40))
            ]
            action = partial(service.add_trees, target, nodes)
            touched = [target]
        elif roll < 0.45:
            name = "edit"
            action = partial(service.edit, target, title=text, notes=f"notes {step}")
            touched = [target]
        elif roll < 0.55:
            name = "done"
            action = partial(service.mark_done, others)
            touched = others
        elif roll < 0.62:
            name = "undone"
            action = partial(service.mark_undone, others)
            touched = others
        elif roll < 0.70:
            name = "delete"
            action = partial(service.delete, others)
            touched = others
        elif roll < 0.77:
            name = "restore"
            action = partial(service.restore, others)
            touched = others
        elif roll < 0.87:
            name = "move"
            action = partial(service.move, others, target, rng.choice([None, 0, 1]))
            touched = [*others, target]
        elif roll < 0.92:
            name = "purge"
            action = partial(service.purge, [target])
            touched = [target]
        else:
            if not undo:
                continue
            name = "undo"
            inverse = undo.pop()
            action = partial(service.apply, inverse)
            touched = list(getattr(inverse, "ids", ()))
            touched += [r.id for r in getattr(inverse, "records", ())]
            touched += [p.id for p in getattr(inverse, "placements", ())]
            touched += [v.id for v in getattr(inverse, "values", ())]
            if hasattr(inverse, "id"):
                touched.append(inverse.id)
        # Everything the change may touch: the items, what is below and above them.
        may: set[int] = set(touched)
        with service.store.read() as unit:
            for i in touched:
                if unit.get(i) is None:
                    continue
                may.update(r.id for r in unit.subtree(i))
                may.update(r.id for r in unit.ancestors(i))
        say("I", {"step": step, "op": name, "may": sorted(may), "creates": creating})
        try:
            outcome = action()
        except PlannerError:
            say("R", step)  # refused: nothing changed
            continue
        changed = set(may) | set(outcome.ids)
        if creating:
            with service.store.read() as unit:
                for root in outcome.ids:
                    changed.update(r.id for r in unit.subtree(root))
        with service.store.read() as unit:
            found = unit.get_many(changed)
        facts = {i: (_fact(found[i]) if i in found else None) for i in sorted(changed)}
        say("D", {"step": step, "facts": facts})
        for i, fact in facts.items():
            if fact is None:
                if i in ids:
                    ids.remove(i)
            elif i not in ids:
                ids.append(i)
        undo.append(outcome.inverse)
        del undo[:-5]


# -- the parent ----------------------------------------------------------------------------


@dataclass
class Round:
    reported: int  # done lines read in this round
    in_flight: bool  # an intent without its done line when the kill came
    items: int  # items in the plan afterwards
    check_ms: float  # reopen + integrity check + comparison


@dataclass
class Expected:
    """What the plan must hold: every reported item's last reported state."""

    facts: dict[int, Fact] = field(default_factory=dict)

    def load(self, path: Path) -> None:
        self.facts = dict(read_items(path))


def read_items(path: Path) -> dict[int, Fact]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT id, parent_id, status, title, notes FROM items").fetchall()
    finally:
        con.close()
    return {r[0]: [r[1], r[2], r[3], r[4]] for r in rows}


class WarmChildren:
    """A process that imports Planner and SQLAlchemy once, then forks a fresh child for
    each round (`python -m tests.helpers.crash_harness`). Each child opens the plan
    itself and is killed with SIGKILL like any process; forked warm, it does not spend the
    second a fresh interpreter spends importing before it is ready."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.crash_harness"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=os.environ | {"PYTHONPATH": str(ROOT)},
            text=True,
        )
        assert self._answer() == "ready"

    def __enter__(self) -> WarmChildren:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        assert self.proc.stdout is not None
        self.proc.stdout.close()

    def _ask(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def _answer(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def run(
        self, path: Path, seed: int, kill_after: float, reports: int = 0
    ) -> tuple[list[str], str]:
        """Fork a child on the plan, let it work for `kill_after` seconds once it has said it
        is ready (and once it has reported `reports` changes done), SIGKILL it, and return
        its complete lines and any cut-off tail."""
        with tempfile.TemporaryDirectory(prefix="planner-child-") as folder:
            fifo, err = Path(folder) / "reports", Path(folder) / "stderr"
            os.mkfifo(fifo)
            reader = _Reader(fifo)
            self._ask(json.dumps([str(path), seed, str(fifo), str(err)]))
            assert self._answer() == "forked"
            reader.wait(reports)
            time.sleep(kill_after)
            self._ask("kill")  # the child is not reaped before it is killed: no stale pid
            ended = self._answer()
            reader.finish()
            if ended != f"signal {signal.SIGKILL}":
                text = err.read_text("utf-8", "replace") if err.exists() else ""
                raise AssertionError(f"the child ended on its own ({ended}): {text}")
            *lines, tail = reader.text().split("\n")
            return lines, tail


class _Reader:
    """Reads what a child writes to its reports pipe, on a thread of its own."""

    def __init__(self, fifo: Path) -> None:
        self.fifo = fifo
        self.chunks: list[bytes] = []
        self.changed = threading.Condition()
        self.ended = False
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        fd = os.open(self.fifo, os.O_RDONLY)  # until the child opens it to write
        try:
            while chunk := os.read(fd, 65536):
                with self.changed:
                    self.chunks.append(chunk)
                    self.changed.notify_all()
        finally:
            os.close(fd)
            with self.changed:
                self.ended = True
                self.changed.notify_all()

    def text(self) -> str:
        return b"".join(self.chunks).decode("utf-8", "replace")

    def wait(self, reports: int) -> None:
        """Until the child said it is ready and reported `reports` changes done (or ended)."""

        def enough() -> bool:
            lines = self.text().split("\n")
            done = sum(line.startswith("D ") for line in lines[:-1])
            return self.ended or (len(lines) > 1 and done >= reports)

        with self.changed:
            assert self.changed.wait_for(enough, timeout=60), "the child never got ready"

    def finish(self) -> None:
        if self.thread.is_alive() and not self.chunks:
            # A child that died before opening the pipe: open it once, so the read ends.
            with contextlib.suppress(OSError):
                os.close(os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK))
        self.thread.join(timeout=30)


def warm(requests: TextIO, answers: TextIO) -> None:  # pragma: no cover - a child process
    """The warm process: for each request (plan, seed, reports pipe, error file) fork a
    child running `child`, say "forked"; on "kill" SIGKILL it, reap it and say how it
    ended ("signal 9", or "exit N" when it ended on its own)."""
    # What every child needs, imported once: Planner, and SQLAlchemy's ORM with the store.
    import planner.app
    import planner.store.repository  # noqa: F401

    def say(text: str) -> None:
        answers.write(text + "\n")
        answers.flush()

    say("ready")
    for request in requests:
        path, seed, fifo, err = json.loads(request)
        pid = os.fork()
        if pid == 0:
            _forked_child(Path(path), seed, fifo, err)
        say("forked")
        assert requests.readline().strip() == "kill"
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            say(f"signal {os.WTERMSIG(status)}")
        else:
            say(f"exit {os.waitstatus_to_exitcode(status)}")


def _forked_child(path: Path, seed: int, fifo: str, err: str) -> NoReturn:  # pragma: no cover
    """In the fork: reports to the pipe (standard output), errors to the file; never back
    into the warm process's loop."""
    try:
        os.close(0)
        os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT, 0o600), 2)
        os.dup2(os.open(fifo, os.O_WRONLY), 1)
        child(path, seed)
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    os._exit(0)


def verify(path: Path, expected: Expected, lines: list[str], tail: str) -> Round:
    """Fold the child's reports into `expected`, then check the plan against them."""
    started = time.perf_counter()
    reported = 0
    intent: dict[str, Any] | None = None
    for line in lines:
        kind, _, payload = line.partition(" ")
        data = json.loads(payload)
        if kind == "I":
            intent = data
        elif kind == "R":
            intent = None
        elif kind == "D":
            assert intent is not None and intent["step"] == data["step"]
            for key, fact in data["facts"].items():
                expected.facts[int(key)] = fact
            intent = None
            reported += 1
    in_flight = intent is not None or bool(tail)
    may = set(intent["may"]) if intent else set()
    creates = bool(intent and intent["creates"])

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check")]
        assert problems == ["ok"], problems
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()
    actual = read_items(path)
    for item_id, fact in expected.facts.items():
        if item_id in may:
            continue
        if fact is None:
            assert item_id not in actual, f"item {item_id} was purged, but is back"
        else:
            assert actual.get(item_id) == fact, (
                f"item {item_id}: reported {fact}, found {actual.get(item_id)}"
            )
    known = {i for i, f in expected.facts.items() if f is not None} | may
    extra = set(actual) - known
    if extra:
        assert creates, f"items never reported: {sorted(extra)[:10]}"
        assert min(extra) > max((i for i in expected.facts), default=0)
    # From now on the plan as it is, in-flight change included or not, is the truth.
    expected.facts = dict(actual)
    check_ms = (time.perf_counter() - started) * 1000
    return Round(reported, in_flight, len(actual), check_ms)


def tree_check(path: Path) -> list[str]:
    """The plan opens and passes Planner's own check (integrity and invariants)."""
    from planner.app import open_plan

    service = open_plan(path)
    try:
        return service.check()
    finally:
        service.store.close()


def kill_rounds(
    children: WarmChildren, path: Path, rounds: int, seed: int, max_delay: float = 0.6
) -> list[Round]:
    """Run `rounds` children on one plan, each killed after a random time; check after each."""
    from planner.app import open_plan

    rng = random.Random(seed)
    if not path.exists():
        open_plan(path, create=True).store.close()
    expected = Expected()
    expected.load(path)
    results = []
    for _ in range(rounds):
        round_seed, delay = rng.randrange(1 << 30), rng.uniform(0.02, max_delay)
        lines, tail = children.run(path, round_seed, delay)
        results.append(verify(path, expected, lines, tail))
    return results


if __name__ == "__main__":  # pragma: no cover
    warm(sys.stdin, sys.stdout)
