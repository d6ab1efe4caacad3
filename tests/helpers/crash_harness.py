"""Kill a process in the middle of changing a plan, and check that nothing it reported done
is lost. Shared by tests/unit/store/test_crash_safety.py and benchmarks/bench_crash.py.

The child (`python -m tests.helpers.crash_harness PLAN SEED`) applies a random sequence of changes
through PlanService on a real plan file. Before each one it writes an intent line naming
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

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

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


def run_child(path: Path, seed: int, kill_after: float) -> tuple[list[str], str]:
    """Start a child, let it work for `kill_after` seconds once it has said it is ready,
    SIGKILL it, and return its complete lines and any cut-off tail."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.crash_harness", str(path), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None and proc.stderr is not None
    chunks: list[bytes] = []
    started = threading.Event()

    def reader() -> None:
        assert proc.stdout is not None
        while True:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                return
            chunks.append(chunk)
            started.set()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    started.wait(timeout=60)
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    thread.join(timeout=30)
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stdout.close()
    proc.stderr.close()
    if proc.returncode != -signal.SIGKILL:
        raise AssertionError(f"the child ended on its own ({proc.returncode}): {err}")
    data = b"".join(chunks).decode("utf-8", "replace")
    *lines, tail = data.split("\n")
    return lines, tail


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


def kill_rounds(path: Path, rounds: int, seed: int, max_delay: float = 0.6) -> list[Round]:
    """Run `rounds` children on one plan, each killed after a random time; check after each."""
    from planner.app import open_plan

    rng = random.Random(seed)
    if not path.exists():
        open_plan(path, create=True).store.close()
    expected = Expected()
    expected.load(path)
    results = []
    for _ in range(rounds):
        lines, tail = run_child(path, rng.randrange(1 << 30), rng.uniform(0.02, max_delay))
        results.append(verify(path, expected, lines, tail))
    return results


if __name__ == "__main__":  # pragma: no cover
    child(Path(sys.argv[1]), int(sys.argv[2]))
