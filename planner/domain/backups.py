"""A backup of a plan as the window and the command line list it: where, when, how big."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime  # local time, naive, as in the file name
    items: int | None  # items and groups in it; None when it cannot be read
    problem: str = ""  # why it cannot be read, in plain words

    @property
    def label(self) -> str:
        when = self.made.strftime("%Y-%m-%d %H:%M:%S")
        if self.items is None:
            return f"{when}  (damaged: cannot be restored)"
        return f"{when}  ({self.items:,} items)"
