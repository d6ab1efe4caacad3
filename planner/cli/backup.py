"""`planner backup list|now|restore`: the plan's backups from the command line.

These work on the plan file without opening it through the services, so that a plan that
is damaged can still be replaced by one of its backups."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from planner import formats
from planner.domain.errors import InvalidInput, PlanFileMissing
from planner.i18n import _, ngettext, pgettext
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
    backup = sub.add_parser("backup", help=_("list, make or restore backups of the plan"))
    actions = backup.add_subparsers(
        dest="backup_command", metavar=pgettext("metavar", "ACTION"), required=True
    )
    actions.add_parser("list", help=_("the backups, newest first, with date and item count"))
    actions.add_parser("now", help=_("make a backup now"))
    restore = actions.add_parser(
        "restore", help=_("put a backup in place of the plan (the plan is backed up first)")
    )
    restore.add_argument(
        "backup",
        metavar=pgettext("metavar", "BACKUP"),
        help=_("its number in `backup list`, its file name or path"),
    )


def cmd_backup(plan: Path, args: argparse.Namespace) -> int:
    if args.backup_command == "list":
        found = list_backups(plan)
        if not found and not plan.exists():
            raise PlanFileMissing(
                _("There is no plan at {path}, and no backups of it.").format(path=plan)
            )
        if not found:
            print(
                _(
                    "No backups of {path} yet. The window makes one each day it opens the plan; "
                    "`planner backup now` makes one."
                ).format(path=plan)
            )
            return 0
        print(_("Backups in {folder}, newest first:").format(folder=backup_dir(plan)))
        for n, backup in enumerate(found, 1):
            print(f"{n:>3}  {backup.label}  {backup.path.name}")
        return 0
    if args.backup_command == "now":
        made = make_backup(plan)
        print(made)
        return 0
    backup = _find(plan, args.backup)
    if backup.items is None:
        raise InvalidInput(
            _("{path} cannot be read: {reason}").format(path=backup.path, reason=backup.problem)
        )
    if is_in_use(plan):
        raise InvalidInput(
            in_use_message(plan) + " " + _("A backup is restored with the plan closed.")
        )
    kept = restore_backup(plan, backup.path)
    print(
        ngettext(
            "Restored the backup of {when} ({n} item).",
            "Restored the backup of {when} ({n} items).",
            backup.items,
        ).format(when=formats.moment(backup.made, seconds=True), n=formats.number(backup.items))
    )
    if kept is not None:
        print(_("The plan as it was is kept in {path}").format(path=kept))
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
        raise InvalidInput(
            _("{name} is the plan itself; name a backup or another copy.").format(name=name)
        )
    if other.is_file():
        return describe_file(other)
    raise InvalidInput(
        _(
            "There is no backup {name} of {plan}, nor a file of that name; "
            "`planner backup list` shows the backups."
        ).format(name=repr(name), plan=plan)
    )
