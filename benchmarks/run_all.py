"""Every benchmark in one run, every figure in one table beside its target.

    uv run python benchmarks/run_all.py [--only NAME ...] [--crash-rounds 1000] [--log FILE]

Runs each script of SCRIPTS that exists (a missing one is listed as skipped), one after
the other in its own process, keeps each one's full report in the log, and reads the
figures it printed as `FIGURE` lines (see figures.py). A script that fails is reported as
such; the others still run. Exit status 1 when any figure misses its target or a script
failed.

To add a benchmark: write benchmarks/bench_x.py printing its figures with
`figures.figure(...)`, and add a line to SCRIPTS.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from figures import parse

HERE = Path(__file__).resolve().parent

# (script, what it measures, extra arguments)
SCRIPTS: list[tuple[str, str, list[str]]] = [
    ("bench_tree.py", "tree operations on 100,000 items", []),
    ("bench_window.py", "window start-up, memory, expand, actions", []),
    ("bench_costs.py", "calculation totals", []),
    ("bench_cards.py", "share cards", []),
    ("bench_images.py", "thumbnails", []),
    ("bench_people.py", "people and metrics", []),
    ("bench_repeat.py", "repeating items, reminders, habits", []),
    ("bench_filter_sort.py", "the tree's filter bar and sorted columns", []),
    ("bench_calendar.py", "the calendar's month and week", []),
    ("bench_crash.py", "crash-kill rounds", ["--rounds", "{crash_rounds}"]),
]


@dataclass
class Ran:
    script: str
    status: str  # "ok", "failed (exit N)", "skipped: not there"
    seconds: float
    figures: list[dict[str, object]]


def run(script: str, args: list[str], log: Path) -> Ran:
    path = HERE / script
    if not path.exists():
        return Ran(script, "skipped: not there yet", 0.0, [])
    print(f"== {script} {' '.join(args)}", flush=True)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(path), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=HERE.parent,
        check=False,
    )
    seconds = time.perf_counter() - started
    with log.open("a", encoding="utf-8") as f:
        f.write(f"\n===== {script} {' '.join(args)} (exit {proc.returncode}, {seconds:.0f} s)\n")
        f.write(proc.stdout)
        f.write(proc.stderr)
    status = "ok" if proc.returncode == 0 else f"failed (exit {proc.returncode})"
    return Ran(script, status, seconds, parse(proc.stdout))


def value_text(value: object, unit: object) -> str:
    if isinstance(value, float):
        number = (
            f"{value:,.2f}"
            if abs(value) < 10
            else f"{value:,.1f}"
            if abs(value) < 100
            else f"{value:,.0f}"
        )
    else:
        number = f"{value:,}" if isinstance(value, int) else str(value)
    return f"{number} {unit}".strip()


def table(results: list[Ran]) -> list[str]:
    rows = [("figure", "measured", "target", "")]
    for ran in results:
        if not ran.figures:
            rows.append((f"[{ran.script}]", "", "", ran.status))
            continue
        for fig in ran.figures:
            ok = fig.get("ok")
            verdict = "" if ok is None else ("OK" if ok else "MISSED")
            name = str(fig["name"])
            rows.append(
                (
                    name,
                    value_text(fig["value"], fig.get("unit", "")),
                    str(fig.get("target", "")),
                    verdict,
                )
            )
        if ran.status != "ok":
            rows.append((f"[{ran.script}]", "", "", ran.status))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = []
    for n, (name, value, target, verdict) in enumerate(rows):
        cells = f"| {name:<{widths[0]}} | {value:>{widths[1]}} | {target:<{widths[2]}} |"
        lines.append(f"{cells} {verdict} |")
        if n == 0:
            lines.append(
                f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 1)}:|{'-' * (widths[2] + 2)}|----|"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="e.g. bench_tree bench_crash")
    parser.add_argument("--crash-rounds", type=int, default=1000)
    parser.add_argument("--log", default=str(Path("/tmp") / "planner-benchmarks.log"))
    args = parser.parse_args(argv)
    log = Path(args.log)
    log.write_text("", encoding="utf-8")
    results = []
    for script, _about, extra in SCRIPTS:
        if args.only and Path(script).stem not in {Path(o).stem for o in args.only}:
            continue
        extra_args = [a.format(crash_rounds=args.crash_rounds) for a in extra]
        results.append(run(script, extra_args, log))
    print()
    print("\n".join(table(results)))
    print()
    for ran in results:
        print(f"{ran.script}: {ran.status}" + (f", {ran.seconds:.0f} s" if ran.seconds else ""))
    print(f"Full reports: {log}")
    missed = any(f.get("ok") is False for r in results for f in r.figures)
    failed = any(r.status.startswith("failed") for r in results)
    return 1 if missed or failed else 0


if __name__ == "__main__":
    sys.exit(main())
