"""Crash-kill rounds: a child process changes a plan through PlanService and is killed with
SIGKILL at a random moment; after each kill the plan is reopened and checked (integrity
check, every change the child reported done is there, nothing it did not report).

    uv run python benchmarks/bench_crash.py [--rounds 1000] [--seed N] [--max-delay 0.6]

Prints the rounds run, the changes reported and checked, how many kills came in the middle
of a change, and the time a reopen and check takes. Any lost change stops the run with the
round's details (exit 1).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from figures import figure  # noqa: E402

from tests.helpers.crash_harness import (  # noqa: E402
    Expected,
    WarmChildren,
    read_items,
    tree_check,
    verify,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--max-delay", type=float, default=0.6, help="seconds before a kill")
    args = parser.parse_args(argv)

    import random

    from planner.app import open_plan

    rng = random.Random(args.seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="planner-crash-") as tmp, WarmChildren() as children:
        path = Path(tmp) / "plan.sqlite3"
        open_plan(path, create=True).store.close()
        expected = Expected()
        expected.load(path)
        rounds = []
        for n in range(args.rounds):
            seed, delay = rng.randrange(1 << 30), rng.uniform(0.02, args.max_delay)
            lines, tail = children.run(path, seed, delay)
            try:
                rounds.append(verify(path, expected, lines, tail))
            except AssertionError as e:
                print(f"round {n + 1} (seed {args.seed}): LOST: {e}")
                figure("crash-kill rounds without loss", n, "rounds", f">= {args.rounds}", False)
                return 1
            if (n + 1) % 50 == 0:
                print(f"  {n + 1} rounds, {rounds[-1].items:,} items", flush=True)
            if rounds[-1].items > 20_000:  # a fresh plan now and then keeps rounds alike
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                open_plan(path, create=True).store.close()
                expected.load(path)
        problems = tree_check(path)
        final_items = len(read_items(path))
    seconds = time.perf_counter() - started
    reported = sum(r.reported for r in rounds)
    in_flight = sum(r.in_flight for r in rounds)
    check_ms = statistics.median(r.check_ms for r in rounds)
    print(f"seed {args.seed}: {len(rounds)} kills in {seconds:.0f} s")
    print(f"changes reported done and found after the kill: {reported:,}")
    print(f"kills in the middle of a change: {in_flight} of {len(rounds)}")
    print(f"reopen + integrity check + comparison, median: {check_ms:.1f} ms")
    print(f"items in the last plan: {final_items:,}; Planner's check: {problems or 'sound'}")
    ok = not problems
    figure("crash-kill rounds without loss", len(rounds), "rounds", f">= {args.rounds}", ok)
    figure("  changes reported and found after kills", reported, "changes")
    figure("  kills in the middle of a change", in_flight, "kills")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
