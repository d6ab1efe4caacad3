"""A backup of a plan as the window and the command line list it: where, when, how big."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner import formats
from planner.i18n import _, ngettext


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime  # local time, naive, as in the file name
    items: int | None  # items and groups in it; None when it cannot be read
    problem: str = ""  # why it cannot be read, in plain words

    @property
    def label(self) -> str:
        """When it was made (to the second: backups can be a minute apart) and its size, in
        the current language."""
        when = formats.moment(self.made, seconds=True)
        if self.items is None:
            return _("{when}  (damaged: cannot be restored)").format(when=when)
        return ngettext("{when}  ({n} item)", "{when}  ({n} items)", self.items).format(
            when=when, n=formats.number(self.items)
        )
