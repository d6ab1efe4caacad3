"""The files beside a plan (backups, the window lock), as the window reaches them through
the `PlanFiles` port that the composition root hands it."""

from __future__ import annotations

from pathlib import Path

from planner.domain.backups import Backup
from planner.store import backups
from planner.store.plan_lock import PlanLock


class StorePlanFiles:
    """`services.ports.PlanFiles` over store.backups and store.plan_lock."""

    def backups(self, plan: Path) -> list[Backup]:
        return backups.list_backups(plan)

    def backup_folder(self, plan: Path) -> Path:
        return backups.backup_dir(plan)

    def daily_backup(self, plan: Path) -> Path | None:
        return backups.daily_backup(plan)

    def restore(self, plan: Path, backup: Path) -> Path | None:
        return backups.restore_backup(plan, backup)

    def lock(self, plan: Path) -> PlanLock:
        return PlanLock(plan)
