"""`planner backup list|now|restore`: the plan's backups from the command line.

These work on the plan file without opening it through the services, so that a plan that
is damaged can still be replaced by one of its backups."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from planner.domain.errors import InvalidInput, PlanFileMissing
from planner.store.backups import (
    Backup,
    backup_dir,
    describe_file,
    list_backups,
    make_backup,
    restore_backup,
)
from planner.store.plan_lock import in_use_message, is_in_use


def add_backup_parsers(sub: Any) -> None:
    backup = sub.add_parser("backup", help="list, make or restore backups of the plan")
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="the backups, newest first, with date and item count")
    actions.add_parser("now", help="make a backup now")
    restore = actions.add_parser(
        "restore", help="put a backup in place of the plan (the plan is backed up first)"
    )
    restore.add_argument(
        "backup", metavar="BACKUP", help="its number in `backup list`, its file name or path"
    )


def cmd_backup(plan: Path, args: argparse.Namespace) -> int:
    if args.backup_command == "list":
        found = list_backups(plan)
        if not found and not plan.exists():
            raise PlanFileMissing(f"There is no plan at {plan}, and no backups of it.")
        if not found:
            print(
                f"No backups of {plan} yet. The window makes one each day it opens the plan; "
                "`planner backup now` makes one."
            )
            return 0
        print(f"Backups in {backup_dir(plan)}, newest first:")
        for n, backup in enumerate(found, 1):
            what = f"{backup.items:,} items" if backup.items is not None else "cannot be read"
            print(f"{n:>3}  {backup.made:%Y-%m-%d %H:%M:%S}  {what:>14}  {backup.path.name}")
        return 0
    if args.backup_command == "now":
        made = make_backup(plan)
        print(made)
        return 0
    backup = _find(plan, args.backup)
    if backup.items is None:
        raise InvalidInput(f"{backup.path} cannot be read: {backup.problem}")
    if is_in_use(plan):
        raise InvalidInput(in_use_message(plan) + " A backup is restored with the plan closed.")
    kept = restore_backup(plan, backup.path)
    print(f"Restored the backup of {backup.made:%Y-%m-%d %H:%M:%S} ({backup.items:,} items).")
    if kept is not None:
        print(f"The plan as it was is kept in {kept}")
    return 0


def _find(plan: Path, name: str) -> Backup:
    """Backup N of the list, a backup named by its file name, or any plan file (a copy kept
    elsewhere): whatever it is, it must be a sound plan to be restored."""
    found = list_backups(plan)
    if name.isdigit() and 1 <= int(name) <= len(found):
        return found[int(name) - 1]
    for backup in found:
        if (
            name in (backup.path.name, str(backup.path))
            or Path(name).resolve() == backup.path.resolve()
        ):
            return backup
    other = Path(name).expanduser()
    if other.is_file() and other.resolve() == plan.resolve():
        raise InvalidInput(f"{name} is the plan itself; name a backup or another copy.")
    if other.is_file():
        return describe_file(other)
    raise InvalidInput(
        f"There is no backup {name!r} of {plan}, nor a file of that name; "
        "`planner backup list` shows the backups."
    )
