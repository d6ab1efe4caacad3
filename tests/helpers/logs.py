"""Plans whose changes are still in their write-ahead log, as a crash leaves them, and ways
to damage that log: shared by the log tests of the store, the command line and the window."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import json, os, sys
from pathlib import Path
from planner.app import open_plan
service = open_plan(Path(sys.argv[1]), create=True)
group = service.first_group().id
ids = [service.create_item(group, title).ids[0] for title in json.loads(sys.argv[2])]
print(json.dumps(ids), flush=True)
os._exit(0)  # as a crash would: the log is left as it is, never merged into the plan
"""


def plan_left_with_log(path: Path, titles: list[str]) -> list[int]:
    """Make a plan, add `titles` one commit each in a child process that then dies without
    closing the plan; return their ids. The commits are in `path`-wal only."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), json.dumps(titles)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert Path(f"{path}-wal").stat().st_size > 0
    return list(json.loads(done.stdout))


def frames(log: bytes) -> list[tuple[int, int]]:
    """(offset, commit size) of every whole frame of a log."""
    (page_size,) = struct.unpack(">I", log[8:12])
    size = 24 + page_size
    found = []
    for offset in range(32, len(log) - size + 1, size):
        (commit,) = struct.unpack(">I", log[offset + 4 : offset + 8])
        found.append((offset, commit))
    return found


def junk_in_log(path: Path, at: int) -> bytes:
    """Eight junk bytes at `at` (negative: from the end) of the plan's log, as a faulty
    disk or a careless program would leave them; returns the damaged log."""
    wal = Path(f"{path}-wal")
    log = bytearray(wal.read_bytes())
    start = at if at >= 0 else len(log) + at
    log[start : start + 8] = b"JUNKJUNK"
    wal.write_bytes(bytes(log))
    return bytes(log)
