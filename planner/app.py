"""Composition root: where the plan lives, opening it, and wiring store and services (the
window is started by `launch`, so that the command line never imports it)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.errors import InvalidInput, PlanFileError, PlannerError
from planner.i18n import _
from planner.services.plan import Clock, PlanService, system_clock

if TYPE_CHECKING:
    from planner.services.ports import PlanFiles
    from planner.store.plan_check import InspectAhead

APP_NAME = "Planner"  # not-ui: the folder of the user's data
PLAN_FILE_NAME = "plan.sqlite3"


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_plan_path() -> Path:
    return data_dir() / PLAN_FILE_NAME


def plan_path(db_arg: str | None) -> Path:
    """--db first, then PLANNER_DB, then the default plan in the user data directory."""
    named = db_arg or os.environ.get("PLANNER_DB")
    if not named:
        return default_plan_path()
    try:
        return Path(named).expanduser()
    except RuntimeError:  # "~someone" for a user this system does not know
        raise InvalidInput(
            _("{path}: there is no user whose home folder '~' names.").format(path=named)
        ) from None


def plan_exists(path: Path) -> bool:
    """Whether a plan file is at `path`; PlanFileError when the path cannot name one (too
    long, or a link to nothing, which must not be replaced by a new plan)."""
    try:
        if path.exists():
            return True
        if path.is_symlink():
            raise PlanFileError(
                _(
                    "{path} is a link to {target}, which does not exist. Make the plan there "
                    "first, or give another path; the link was left as it is."
                ).format(path=path, target=os.readlink(path))
            )
    except OSError as e:
        raise PlanFileError(
            _("{path} cannot name a plan file: {reason}.").format(path=path, reason=e.strerror)
        ) from None
    return False


def discard_new_plan(service: PlanService, path: Path) -> None:
    """Close a plan this opening made and take it away again, if it still holds nothing
    but its first group (a refused first command leaves no trace)."""
    try:
        with service.store.read() as unit:
            pristine = service.store.created and unit.count_items() == 1
    except PlannerError:
        pristine = False
    finally:
        service.store.close()
    if pristine:
        from planner.store.plan_file import discard_new_plan as discard

        discard(path)


def open_plan(
    path: Path,
    create: bool = False,
    clock: Clock = system_clock,
    ahead: InspectAhead | None = None,
    accept_damaged_log: bool = False,
) -> PlanService:
    """Open (or, with `create`, make) the plan at `path` and return its services. Raises
    PlanFileError with a message for the user when the file cannot be used. `ahead`: a
    look at the file started earlier, used when it was a look at this file.
    `accept_damaged_log`: open a plan whose log is damaged without the changes it cannot
    read (`DamagedLog` names them)."""
    from planner.store.plan_check import HEAD_REVISION, inspect_plan
    from planner.store.quick_store import open_quick

    if accept_damaged_log:
        from planner.store.plan_file import accept_damaged_log as accept

        accept(path)
        ahead = None  # it looked at the file as it was
    revision = ahead.revision(path) if ahead is not None else None
    if plan_exists(path) or not create:
        revision = revision or inspect_plan(path)  # PlanFileError when it cannot be opened
        if revision == HEAD_REVISION:
            return PlanService(open_quick(path, ahead), clock=clock)
    # A new plan, or one to migrate: SQLAlchemy and Alembic at once.
    from planner.store.plan_file import open_store

    # A new plan's first group is named in the language it is made in.
    first_group = _("Goals") if create else None
    return PlanService(open_store(path, first_group, revision), clock=clock)


def plan_files() -> PlanFiles:
    """The files beside each plan (backups, the window lock), as the window reaches them."""
    from planner.store.plan_files import StorePlanFiles

    return StorePlanFiles()


def make_demo_plan(folder: Path, clock: Clock = system_clock) -> Path:
    """A fresh sample plan in `folder` (never the user's own plan)."""
    from planner.services.demo import build_demo

    path = folder / "Demo plan.sqlite3"  # not-ui: a file name
    service = open_plan(path, create=True, clock=clock)
    try:
        build_demo(service)
    finally:
        service.store.close()
    return path
