"""A new plan for a test: a copy of one made once in the process (making one runs every
migration: 40 ms of CPU and as much again waiting for the disk)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from planner.app import open_plan
from planner.i18n import _
from planner.services.plan import Clock, PlanService, system_clock
from planner.store.plan_file import open_store

_made: dict[str, Path] = {}  # by the name of the first group (the language made in)


def new_plan(path: Path, clock: Clock = system_clock) -> PlanService:
    """A new plan at `path` (its folder there), open on the full store as
    `open_plan(path, create=True, clock=clock)` leaves it: a copy of the new plan made in
    this process in the language of the moment, closed."""
    first_group = _("Goals")
    made = _made.get(first_group)
    if made is None:
        folder = tempfile.mkdtemp(prefix="planner-new-plan-")
        atexit.register(shutil.rmtree, folder, True)
        made = Path(folder) / "plan.sqlite3"
        open_plan(made, create=True).store.close()
        _made[first_group] = made
    shutil.copyfile(made, path)
    return PlanService(open_store(path), clock=clock)
