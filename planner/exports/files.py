"""Writing an export or a card file: whole or not at all (a temporary file beside it, then
a rename), never over the plan itself."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from planner.domain.errors import InvalidInput


def plan_files(plan: Path) -> list[Path]:
    """The plan file and SQLite's companions of it."""
    return [plan, Path(f"{plan}-wal"), Path(f"{plan}-shm")]


def write_atomically(path: Path, data: bytes, protected: Iterable[Path] = ()) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never a
    part. `protected` files (the plan) are refused as targets."""
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give the name of a file to write.")
    for own in protected:
        if path.exists() and own.exists():
            same = path.samefile(own)
        else:
            same = path.resolve() == own.resolve()
        if same:
            raise InvalidInput(f"{path} is the plan file itself; write to another file.")
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(path)
    except OSError as e:
        raise InvalidInput(f"Cannot write {path}: {e.strerror or e}.") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def plan_name(plan: Path) -> str:
    """What a plan is called on a card or in an export: its file name without the folder
    (no path of this computer) nor the extension."""
    return plan.stem
