"""Composition root: where the plan lives, opening it, and wiring store and services."""

from __future__ import annotations

import os
from pathlib import Path

from planner.services.plan import Clock, PlanService, system_clock

APP_NAME = "Planner"
PLAN_FILE_NAME = "plan.sqlite3"


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_plan_path() -> Path:
    return data_dir() / PLAN_FILE_NAME


def plan_path(db_arg: str | None) -> Path:
    """--db first, then PLANNER_DB, then the default plan in the user data directory."""
    if db_arg:
        return Path(db_arg).expanduser()
    env = os.environ.get("PLANNER_DB")
    if env:
        return Path(env).expanduser()
    return default_plan_path()


def open_plan(path: Path, create: bool = False, clock: Clock = system_clock) -> PlanService:
    """Open (or, with `create`, make) the plan at `path` and return its services. Raises
    PlanFileError with a message for the user when the file cannot be used."""
    from planner.store.plan_file import open_plan as open_engine
    from planner.store.repository import PlanStore

    engine = open_engine(path, create=create)
    return PlanService(PlanStore(engine), clock=clock)
