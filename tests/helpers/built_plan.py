"""The plan the command-line tests work on: built once through the services, copied for
every test that changes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from planner.app import open_plan
from planner.domain.items import Priority


@dataclass
class Plan:
    path: Path
    ids: dict[str, int]

    def __getitem__(self, name: str) -> int:
        return self.ids[name]


TODAY = date.today()


def build_plan(path: Path) -> Plan:
    """Built once through the services, copied for every test that changes it.

    Goals #1
    Health
      Run a marathon (due in 60 days, high, notes)
        Buy shoes (done)
        Training plan
          Week 1
          Week 2
        Old idea (deleted)
      Sleep 8 hours (due 3 days ago)
    Home
      Renovate kitchen
        Pick tiles
    Archive (deleted group)
      Forgotten
    """
    service = open_plan(path, create=True)
    ids: dict[str, int] = {}
    try:
        first = service.first_group()
        assert first is not None
        ids["Goals"] = first.id

        def group(name: str) -> int:
            ids[name] = service.create_group(name).ids[0]
            return ids[name]

        def item(parent: int, title: str, **kwargs: Any) -> int:
            ids[title] = service.create_item(parent, title, **kwargs).ids[0]
            return ids[title]

        health = group("Health")
        run = item(
            health,
            "Run a marathon",
            due=TODAY + timedelta(days=60),
            priority=Priority.HIGH,
            notes="Train slowly.\nRest on Sundays.",
        )
        item(run, "Buy shoes")
        training = item(run, "Training plan")
        item(training, "Week 1")
        item(training, "Week 2")
        item(run, "Old idea")
        item(health, "Sleep 8 hours", due=TODAY - timedelta(days=3))
        home = group("Home")
        kitchen = item(home, "Renovate kitchen")
        item(kitchen, "Pick tiles")
        archive = group("Archive")
        item(archive, "Forgotten")
        service.mark_done([ids["Buy shoes"]])
        service.delete([ids["Old idea"]])
        service.delete([archive])
    finally:
        service.store.close()
    assert not Path(f"{path}-wal").exists()
    return Plan(path, ids)
