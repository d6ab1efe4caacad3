"""A plan file left as it was: its bytes and its log's the same, no new file beside it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path


def snapshot(path: Path) -> dict[str, bytes]:
    """The bytes of the plan and of its write-ahead log, where the last commits may sit."""
    files = {}
    for p in (path, Path(f"{path}-wal")):
        if p.exists():
            files[p.name] = p.read_bytes()
    return files


State = tuple[dict[str, bytes], set[str]]


def state(path: Path) -> State:
    return snapshot(path), {p.name for p in path.parent.iterdir()}


def changes(path: Path, before: State) -> list[str]:
    """How the plan file, its log and its folder differ from `before` (nothing: [])."""
    (files, names), (now, now_names) = before, state(path)
    found = []
    if now.get(path.name) != files.get(path.name):
        found.append("the plan file changed")
    wal = f"{path.name}-wal"
    # Opening a WAL plan read-only (to inspect it) may leave an empty log behind.
    if now.get(wal, b"") != files.get(wal, b""):
        found.append("the plan's log changed")
    new = now_names - names - {wal, f"{path.name}-shm"}
    if new:
        found.append(f"new files beside the plan: {sorted(new)}")
    return found


@contextlib.contextmanager
def unchanged(path: Path) -> Iterator[None]:
    """The plan file (and its log) are byte-identical afterwards, and no other file appeared
    beside it."""
    before = state(path)
    yield
    assert changes(path, before) == []
