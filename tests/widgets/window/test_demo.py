"""`planner --demo`: a sample plan made for the occasion, never the user's own plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings

from planner.app import default_plan_path, make_demo_plan
from planner.domain.items import Status
from planner.services.costs import CostService
from planner.services.habits import HabitService
from planner.services.images import ImageService
from planner.services.metrics import MetricService
from planner.services.people import PeopleService
from planner.services.reminders import ReminderService
from planner.services.repeats import RepeatService
from planner.ui.tree.model import Column
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import AppRun, MakeWindow, model_of, rows, service_of


def all_rows(window: MainWindow) -> list[tuple[str, str]]:
    """(title, countdown) of every row, everything loaded."""
    model = model_of(window)
    out = []
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        model.load_rows(parent)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            out.append((str(index.data()), str(index.siblingAtColumn(Column.DUE).data() or "")))
            stack.append(index)
    return out


def test_demo_plan_is_a_copy_with_every_feature(
    monkeypatch: Any, tmp_path: Path, clock: FakeClock, make_window: MakeWindow
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("PLANNER_DB", raising=False)
    default = default_plan_path()
    assert tmp_path in default.parents
    default.parent.mkdir(parents=True)
    default.write_bytes(b"")  # a stand-in for the user's own plan: it must stay as it is
    demo_dir = tmp_path / "demo"
    demo_dir.mkdir()

    path = make_demo_plan(demo_dir, clock=clock)
    assert path.parent == demo_dir and path.exists()
    assert default.read_bytes() == b""

    window = make_window(path, create=False)
    model = model_of(window)
    assert rows(model) == ["Health", "Career", "Home", "Deleted (1)"]
    shown = all_rows(window)
    titles = [t for t, _ in shown]
    countdowns = [c for _, c in shown]
    assert any(t.startswith("Done (") for t in titles)
    assert sum(t.startswith("Deleted (") for t in titles) >= 2
    assert any(c.endswith("overdue") for c in countdowns)
    assert any(c.endswith("left") for c in countdowns)
    assert "Due today" in countdowns and "Due tomorrow" in countdowns
    assert any(c.startswith("Done") for c in countdowns)
    records = service_of(window).all_items()
    statuses = {r.status for r in records}
    assert statuses == {Status.ACTIVE, Status.DONE, Status.DELETED}
    depth = max(len(service_of(window).path(r.id)) for r in records)
    assert depth >= 3  # group › goal › task › subtask
    store = service_of(window).store
    assert CostService(store).has_lines()
    assert len(PeopleService(store).people()) >= 2
    assert any(r.assignee_id for r in records)
    assert MetricService(store).all_metrics()
    assert ImageService(store).counts()
    (habit,) = HabitService(store, clock).views()  # kept for weeks: a streak to show
    assert habit.figures.best > 5 and habit.figures.kept_30 is not None
    (repeating,) = RepeatService(store, clock).repeating()
    view = RepeatService(store, clock).view(repeating)
    assert view is not None and len(view.occurrences) == 1  # one turn done, in the Logbook
    assert ReminderService(store, clock).coming()
    assert default.read_bytes() == b""


def test_demo_from_the_entry_point_leaves_the_default_plan_alone(
    monkeypatch: Any, tmp_path: Path, qtbot: Any
) -> None:
    run = AppRun(monkeypatch, tmp_path)
    default = default_plan_path()
    assert run.data_home in default.parents
    seen: dict[str, Any] = {}

    def session(window: MainWindow) -> None:
        assert window.plan_path is not None
        seen["path"] = window.plan_path
        seen["groups"] = rows(model_of(window))
        window.close()

    assert run(["--demo"], session) == 0
    assert seen["groups"] == ["Health", "Career", "Home", "Deleted (1)"]
    assert seen["path"] != default and not default.exists()
    assert not seen["path"].exists()  # the copy is removed when the app ends
    # The demo is not remembered as the plan to open next time.
    settings = QSettings(str(run.settings_files[0]), QSettings.Format.IniFormat)
    assert settings.value("plans/last") is None
    assert not settings.value("plans/recent")
