"""The window's reminders with the clock moved: each fires once at its time (midnight, a
sleep of three days, daylight saving, a new time zone), done or deleted items never, and
the notification's actions (Open, Mark done, Snooze) act as the window's own steps."""

from __future__ import annotations

import time as system_time
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from planner.domain.items import Section
from planner.domain.reminders import Snooze
from planner.services.plan import PlanService
from planner.services.reminders import ReminderService
from planner.ui.reminders.popup import ReminderPopup
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import MakeWindow, model_of, service_of


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """zone("Europe/Berlin"): the system's time zone, as a user changing it makes it."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        system_time.tzset()

    yield use
    monkeypatch.undo()
    system_time.tzset()


class Fired:
    """Every reminder the window fired, by its id, in order."""

    def __init__(self, window: MainWindow) -> None:
        self.ids: list[int] = []
        self.missed: list[bool] = []
        self.looks: list[datetime] = []  # the clock when each fired
        self.clock = window.clock
        window.reminder_actions.scheduler.fired.connect(self._fired)

    def _fired(self, firings: list[Any], _at_start: bool) -> None:
        self.ids.extend(f.reminder.id for f in firings)
        self.missed.extend(f.missed for f in firings)
        self.looks.extend(self.clock() for _f in firings)


def _item(service: PlanService, title: str, due: date | None, parent: int | None = None) -> int:
    group = service.first_group()
    assert group is not None
    return service.create_item(parent or group.id, title, due=due).ids[0]


def _remind(window: MainWindow, item_id: int, days: int, at: time) -> int:
    service = service_of(window)
    ReminderService(service.store, service.clock).add_before(item_id, days, at)
    return ReminderService(service.store, service.clock).reminders(item_id)[-1].id


def _started(window: MainWindow) -> Fired:
    fired = Fired(window)
    window.reminder_actions.scheduler.start()  # not the late start: at once
    return fired


def _walk(window: MainWindow, clock: FakeClock, until: datetime, step: timedelta) -> None:
    """The clock going on, the window looking each `step` (the coarse timer's looks); an
    index a look starts making (a new time zone) is handed over before the next look."""
    scheduler = window.reminder_actions.scheduler
    while clock.now < until:
        clock.now = min(clock.now + step, until)
        scheduler.coarse.timeout.emit()
        deadline = system_time.monotonic() + 10
        while scheduler.building and system_time.monotonic() < deadline:
            QCoreApplication.processEvents()
            system_time.sleep(0.001)


def _popup(window: MainWindow) -> ReminderPopup:
    return window.reminder_actions.popup


def test_a_reminder_fires_once_at_its_time(
    make_window: MakeWindow, clock: FakeClock, zone: Any
) -> None:
    zone("Europe/Berlin")
    clock.now = datetime(2027, 1, 9, 16, 0, tzinfo=UTC)  # 17:00 in Berlin
    window = make_window()
    dentist = _item(service_of(window), "Dentist", date(2027, 1, 10))
    _remind(window, dentist, 1, time(18))  # 9 Jan 18:00 Berlin = 17:00 UTC
    fired = _started(window)
    scheduler = window.reminder_actions.scheduler
    assert fired.ids == [] and not _popup(window).isVisible()
    # The single-shot timer is set to the moment: an hour from now.
    assert scheduler.timer.isActive() and scheduler.timer.interval() == 3_600_000
    clock.advance(minutes=59, seconds=59)
    scheduler.timer.timeout.emit()  # early (a clock put back meanwhile): nothing
    assert fired.ids == []
    clock.advance(seconds=1)
    scheduler.timer.timeout.emit()
    assert len(fired.ids) == 1 and fired.missed == [False]
    popup = _popup(window)
    assert popup.isVisible()
    [card] = popup.cards
    assert (card.title.text(), card.path.text(), card.countdown.text()) == (
        "Dentist",
        "Goals",
        "Due tomorrow",
    )
    for _look in range(3):
        scheduler.timer.timeout.emit()
        scheduler.coarse.timeout.emit()
    assert len(fired.ids) == 1 and len(popup.cards) == 1
    assert not scheduler.timer.isActive()  # nothing more to come


def test_across_midnight_each_fires_once(
    make_window: MakeWindow, clock: FakeClock, zone: Any
) -> None:
    zone("Europe/Berlin")
    clock.now = datetime(2027, 3, 1, 21, 0, tzinfo=UTC)  # 22:00 in Berlin
    window = make_window()
    service = service_of(window)
    first = _item(service, "Pay rent", date(2027, 3, 2))
    ids = [
        _remind(window, first, 1, time(23, 59)),
        _remind(window, first, 0, time(0, 0)),
        _remind(window, first, 0, time(0, 1)),
    ]
    fired = _started(window)
    _walk(window, clock, datetime(2027, 3, 2, 3, tzinfo=UTC), timedelta(seconds=30))
    assert fired.ids == ids and not any(fired.missed)
    assert fired.looks == [
        datetime(2027, 3, 1, 22, 59, tzinfo=UTC),
        datetime(2027, 3, 1, 23, 0, tzinfo=UTC),
        datetime(2027, 3, 1, 23, 1, tzinfo=UTC),
    ]


def test_a_sleep_of_three_days_fires_each_once(
    make_window: MakeWindow, clock: FakeClock, zone: Any
) -> None:
    zone("Europe/Berlin")
    clock.now = datetime(2027, 5, 2, 18, 0, tzinfo=UTC)
    window = make_window()
    service = service_of(window)
    ids = [
        _remind(window, _item(service, "Taxes", date(2027, 5, 3)), 0, time(9)),
        _remind(window, _item(service, "Call mum", date(2027, 5, 4)), 0, time(9)),
        _remind(window, _item(service, "Later", date(2027, 5, 9)), 0, time(9)),
    ]
    fired = _started(window)
    clock.advance(days=3)  # asleep: no timer ran
    window.reminder_actions.scheduler.coarse.timeout.emit()
    assert fired.ids == ids[:2] and fired.missed == [True, True]
    assert len(_popup(window).cards) == 2
    _walk(window, clock, datetime(2027, 5, 10, tzinfo=UTC), timedelta(hours=1))
    assert fired.ids == ids and fired.missed == [True, True, False]


@pytest.mark.parametrize(
    ("day", "at"),
    [
        (date(2027, 3, 28), time(2, 30)),  # not on the clock: 02:00 jumps to 03:00
        (date(2027, 10, 31), time(2, 30)),  # twice on the clock: 03:00 falls back to 02:00
    ],
)
def test_daylight_saving_changes_fire_each_once(
    make_window: MakeWindow, clock: FakeClock, zone: Any, day: date, at: time
) -> None:
    zone("Europe/Berlin")
    clock.now = datetime.combine(day - timedelta(days=1), time(20), tzinfo=UTC)
    window = make_window()
    item = _item(service_of(window), "Night shift", day)
    ids = [_remind(window, item, 0, at), _remind(window, item, 0, time(4))]
    fired = _started(window)
    _walk(window, clock, clock.now + timedelta(hours=12), timedelta(minutes=5))
    assert fired.ids == ids and not any(fired.missed)
    # 02:30 that is not on the clock comes as 03:30 summer time (01:30 UTC); 02:30 that
    # comes twice fires the first time (00:30 UTC); 04:00 at 04:00 either way.
    first = {date(2027, 3, 28): time(1, 30), date(2027, 10, 31): time(0, 30)}[day]
    last = {date(2027, 3, 28): time(2, 0), date(2027, 10, 31): time(3, 0)}[day]
    assert fired.looks == [
        datetime.combine(day, first, tzinfo=UTC),
        datetime.combine(day, last, tzinfo=UTC),
    ]


def test_a_new_time_zone_neither_skips_nor_repeats(
    make_window: MakeWindow, clock: FakeClock, zone: Any
) -> None:
    """9:00 wherever the user is: flying west brings 9:00 round again (it does not fire
    twice); flying east past 21:00 fires that one at once, late."""
    zone("Asia/Tokyo")
    day = date(2027, 6, 10)
    clock.now = datetime(2027, 6, 9, 12, tzinfo=UTC)
    window = make_window()
    item = _item(service_of(window), "Conference", day)
    morning, evening = _remind(window, item, 0, time(9)), _remind(window, item, 0, time(21))
    fired = _started(window)
    _walk(window, clock, datetime(2027, 6, 10, 1, 30, tzinfo=UTC), timedelta(minutes=10))
    assert fired.ids == [morning]  # 9:00 in Tokyo
    zone("America/New_York")  # landed: 21:30 of the 9th there; 9:00 comes round again
    _walk(window, clock, datetime(2027, 6, 11, 4, tzinfo=UTC), timedelta(minutes=10))
    assert fired.ids == [morning, evening]  # 21:00 New York, once; 9:00 not again
    # Each at its wall-clock time where the user was (the walk looks every 10 minutes).
    assert fired.looks == [
        datetime(2027, 6, 10, 0, 0, tzinfo=UTC),  # 9:00 in Tokyo
        datetime(2027, 6, 11, 1, 0, tzinfo=UTC),  # 21:00 in New York
    ]


def test_done_and_deleted_items_do_not_fire(make_window: MakeWindow, clock: FakeClock) -> None:
    clock.now = datetime(2027, 5, 2, 12, tzinfo=UTC)
    window = make_window()
    service = service_of(window)
    done = _item(service, "Done", date(2027, 5, 3))
    deleted = _item(service, "Deleted", date(2027, 5, 3))
    goal = _item(service, "Goal", date(2027, 5, 9))
    inside = _item(service, "Inside", date(2027, 5, 3), parent=goal)
    for item in (done, deleted, inside):
        _remind(window, item, 0, time(9))
    fired = _started(window)
    window.reveal([done])
    window.items.toggle_done()
    window.reveal([deleted])
    window.items.delete()
    window.reveal([goal])
    window.items.toggle_done()
    assert window.reminder_actions.scheduler.next_moment() is None
    _walk(window, clock, datetime(2027, 5, 4, tzinfo=UTC), timedelta(hours=1))
    assert fired.ids == []
    window.undo()  # the goal active again: what is inside it fires (late, once)
    window.reminder_actions.scheduler.coarse.timeout.emit()
    assert len(fired.ids) == 1


def _fired_card(window: MakeWindow, clock: FakeClock) -> tuple[MainWindow, int, Fired]:
    clock.now = datetime(2027, 5, 3, 6, 59, 30, tzinfo=UTC)
    win = window()
    item = _item(service_of(win), "Water the plants", date(2027, 5, 3))
    ReminderService(service_of(win).store, clock).add_at(item, datetime(2027, 5, 3, 7, tzinfo=UTC))
    fired = _started(win)
    clock.advance(seconds=30)
    win.reminder_actions.scheduler.timer.timeout.emit()
    assert len(_popup(win).cards) == 1
    return win, item, fired


def test_snooze_ten_minutes_fires_again_ten_minutes_later(
    make_window: MakeWindow, clock: FakeClock
) -> None:
    window, item, fired = _fired_card(make_window, clock)
    popup = _popup(window)
    popup.cards[0].snooze_actions[Snooze.MINUTES].trigger()
    assert popup.cards == [] and not popup.isVisible()
    stack = window.session.controller.stack  # type: ignore[union-attr]
    assert stack.undoText() == "Snooze 'Water the plants'"
    scheduler = window.reminder_actions.scheduler
    assert scheduler.timer.interval() == 600_000
    _walk(window, clock, clock.now + timedelta(minutes=9, seconds=59), timedelta(minutes=1))
    assert len(fired.ids) == 1
    clock.advance(seconds=1)
    scheduler.timer.timeout.emit()
    assert len(fired.ids) == 2 and [c.notice.item_id for c in popup.cards] == [item]
    assert fired.missed == [False, False]


def test_mark_done_from_the_notification_is_one_step(
    make_window: MakeWindow, clock: FakeClock
) -> None:
    window, item, fired = _fired_card(make_window, clock)
    service = service_of(window)
    popup = _popup(window)
    popup.cards[0].done_button.click()
    assert service.get(item).status.value == "done"
    assert popup.cards == []
    stack = window.session.controller.stack  # type: ignore[union-attr]
    assert stack.undoText() == "Mark done 'Water the plants'"
    window.undo()
    assert service.get(item).status.value == "active"
    window.reminder_actions.scheduler.coarse.timeout.emit()
    assert len(fired.ids) == 1  # fired once: the undo does not bring it back


def test_open_shows_the_window_and_selects_the_item(
    make_window: MakeWindow, clock: FakeClock, qtbot: Any
) -> None:
    window, item, _fired = _fired_card(make_window, clock)
    window.hide()
    _popup(window).cards[0].open_button.click()
    qtbot.waitUntil(window.isVisible, timeout=2000)
    record = window.navigator.current_record()
    assert record is not None and record.id == item
    assert _popup(window).cards == []


def test_dismiss_and_dismiss_all(make_window: MakeWindow, clock: FakeClock) -> None:
    window, _item_id, _fired = _fired_card(make_window, clock)
    popup = _popup(window)
    popup.cards[0].dismiss_button.click()
    assert popup.cards == [] and not popup.isVisible()


def test_missed_reminders_are_listed_once_at_start(
    make_window: MakeWindow, plan_path: Path, clock: FakeClock, zone: Any
) -> None:
    zone("Europe/Berlin")
    clock.now = datetime(2027, 5, 1, 12, tzinfo=UTC)
    window = make_window()
    service = service_of(window)
    for title, day in (("Taxes", 3), ("Call mum", 4), ("Dentist", 5), ("Later", 20)):
        _remind(window, _item(service, title, date(2027, 5, day)), 0, time(9))
    window.close()
    clock.now = datetime(2027, 5, 6, 12, tzinfo=UTC)  # Planner was closed meanwhile
    again = make_window(create=False)
    fired = _started(again)
    popup = _popup(again)
    assert popup.heading.text() == "3 reminders while Planner was closed"
    assert [c.title.text() for c in popup.cards] == ["Taxes", "Call mum", "Dentist"]
    assert [c.when.text().endswith(", missed") for c in popup.cards] == [True] * 3
    assert [c.countdown.text() for c in popup.cards] == [
        "3 days overdue",
        "2 days overdue",
        "1 day overdue",
    ]
    popup.cards[0].done_button.click()  # the same actions
    assert len(popup.cards) == 2
    again.close()
    third = make_window(create=False)
    fired = _started(third)
    assert fired.ids == [] and _popup(third).cards == []
    assert not _popup(third).isVisible()


def test_a_change_made_by_another_program_is_followed(
    make_window: MakeWindow, plan_path: Path, clock: FakeClock, qtbot: Any
) -> None:
    """A reminder the command line adds while the window is open fires at its time."""
    from planner.app import open_plan

    clock.now = datetime(2027, 5, 3, 6, tzinfo=UTC)
    window = make_window()
    item = _item(service_of(window), "Bins out", date(2027, 5, 4))
    fired = _started(window)
    other = open_plan(plan_path, clock=clock)
    try:
        ReminderService(other.store, clock).add_at(item, datetime(2027, 5, 3, 7, tzinfo=UTC))
    finally:
        other.store.close()
    assert window.pick_up_outside_changes()
    expected = datetime(2027, 5, 3, 7, tzinfo=UTC)  # read again beside the window
    qtbot.waitUntil(lambda: window.reminder_actions.scheduler.next_moment() == expected)
    clock.now = datetime(2027, 5, 3, 7, tzinfo=UTC)
    window.reminder_actions.scheduler.timer.timeout.emit()
    assert len(fired.ids) == 1


def test_at_start_the_plan_is_read_beside_the_window(
    make_window: MakeWindow, clock: FakeClock, qtbot: Any, zone: Any
) -> None:
    """As the window opens a plan: the index is made a moment after, from a read on a
    thread of its own; what came while Planner was closed is then shown."""
    zone("Europe/Berlin")
    clock.now = datetime(2027, 5, 1, 12, tzinfo=UTC)
    window = make_window()
    _remind(window, _item(service_of(window), "Taxes", date(2027, 5, 3)), 0, time(9))
    window.close()
    clock.now = datetime(2027, 5, 6, 12, tzinfo=UTC)
    again = make_window(create=False)
    scheduler = again.reminder_actions.scheduler
    assert scheduler.index is None  # not while the window opens
    popup = _popup(again)
    qtbot.waitUntil(lambda: bool(popup.cards), timeout=10_000)
    assert popup.heading.text() == "1 reminder while Planner was closed"
    assert scheduler.coarse.isActive()


def test_a_change_while_the_plan_is_read_at_start_is_followed(
    make_window: MakeWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan read on its thread before an item's due date moves, the index made after:
    the reminder comes on the day before the new due date, not the old."""
    from types import SimpleNamespace

    from planner.ui.reminders import scheduler as scheduler_module

    clock.now = datetime(2027, 5, 2, 12, tzinfo=UTC)
    window = make_window()
    item = _item(service_of(window), "Taxes", date(2027, 5, 3))
    _remind(window, item, 0, time(9))
    scheduler = window.reminder_actions.scheduler
    assert scheduler.service is not None
    read_before = scheduler.service.index_rows()
    started: list[Any] = []

    class Held:  # the thread, run when the test says
        def __init__(self, target: Any, **_options: Any) -> None:
            self.target = target

        def start(self) -> None:
            started.append(self.target)

    monkeypatch.setattr(scheduler_module, "threading", SimpleNamespace(Thread=Held))
    monkeypatch.setattr(scheduler.service, "index_rows", lambda **_options: read_before)
    scheduler.start_in_background()
    window.items.edit_item(item, due=date(2027, 5, 10))
    [read] = started
    read()  # the rows, read before the change, come now
    assert scheduler.index is not None
    moment = scheduler.next_moment()
    assert moment is not None and moment.astimezone().date() == date(2027, 5, 10)
    fired = Fired(window)
    _walk(window, clock, datetime(2027, 5, 4, tzinfo=UTC), timedelta(hours=1))
    assert fired.ids == []


def _read_only_plan(
    make_window: MakeWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, zone: Any
) -> tuple[MainWindow, Fired, tuple[int, int]]:
    """A window at 6:59 on a plan that cannot remember what fired (its writes refused),
    with an item due today reminded on the day at 7:00 and at 8:00 (their ids)."""
    from planner.domain.errors import StorageError

    zone("UTC")
    clock.now = datetime(2027, 5, 3, 6, 59, tzinfo=UTC)
    window = make_window()
    item = _item(service_of(window), "Bins out", date(2027, 5, 3))
    first, second = _remind(window, item, 0, time(7)), _remind(window, item, 0, time(8))
    scheduler = window.reminder_actions.scheduler
    fired = _started(window)
    assert scheduler.service is not None

    def cannot(**_options: Any) -> None:
        raise StorageError("This plan is read-only.")

    monkeypatch.setattr(scheduler.service, "fire", cannot)
    return window, fired, (first, second)


def test_a_plan_that_cannot_be_written_fires_each_once_while_the_window_runs(
    make_window: MakeWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, zone: Any
) -> None:
    """A read-only plan cannot remember what fired: the window fires each reminder once
    all the same (and never in a loop)."""
    window, fired, _reminders = _read_only_plan(make_window, clock, monkeypatch, zone)
    _walk(window, clock, clock.now + timedelta(hours=3), timedelta(minutes=1))
    assert len(fired.ids) == 2 and len(set(fired.ids)) == 2
    assert len(_popup(window).cards) == 2


def test_a_habits_reminder_ticks_it_for_today(make_window: MakeWindow, clock: FakeClock) -> None:
    """A habit is not marked done: its reminder's button ticks it for today (one step)."""
    from planner.services.habits import HabitService

    window, item, _fired = _fired_card(make_window, clock)
    service = service_of(window)
    habits = HabitService(service.store, clock)
    habits.set_habit(item, "daily")
    window.reminder_actions.popup.dismiss_all()
    clock.advance(minutes=1)
    ReminderService(service.store, clock).add_at(item, clock.now + timedelta(seconds=30))
    scheduler = window.reminder_actions.scheduler
    scheduler.rebuild()
    clock.advance(seconds=30)
    scheduler.timer.timeout.emit()
    [card] = _popup(window).cards
    assert card.done_button.text() == "Tick today"
    card.done_button.click()
    with service.store.read() as unit:
        assert unit.ticks([item]) == [(item, clock.now.astimezone().date())]
    assert service.get(item).status.value == "active"
    stack = window.session.controller.stack  # type: ignore[union-attr]
    assert stack.undoText() == "Tick 'Water the plants'"
    window.undo()
    with service.store.read() as unit:
        assert unit.ticks([item]) == []


class HeldThreads:
    """The scheduler's threads, each run when the test says (`run(k)`), on this thread."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from types import SimpleNamespace

        from planner.ui.reminders import scheduler as scheduler_module

        self.targets: list[Any] = []
        held = self

        class Held:
            def __init__(self, target: Any, **_options: Any) -> None:
                self.target = target

            def start(self) -> None:
                held.targets.append(self.target)

        monkeypatch.setattr(scheduler_module, "threading", SimpleNamespace(Thread=Held))
        monkeypatch.setattr(scheduler_module, "REST_S", 0, raising=False)

    def run(self, k: int) -> None:
        self.targets[k]()


def test_changes_while_the_index_is_made_on_a_thread_are_followed(
    make_window: MakeWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, zone: Any
) -> None:
    """The plan read and the tree's links copied as the build starts; meanwhile a goal is
    marked done, an item deleted, another moved into the done goal, a due date brought
    forward, a done item marked not done and a reminder added: what fires is what the
    window shows, each once, at its time."""
    zone("UTC")
    clock.now = datetime(2027, 5, 2, 12, tzinfo=UTC)
    window = make_window()
    service = service_of(window)
    goal = _item(service, "Trip", date(2027, 5, 9))
    inside = _item(service, "Pack", date(2027, 5, 3), parent=goal)
    into_goal = _item(service, "Tickets", date(2027, 5, 3))
    deleted = _item(service, "Cancelled", date(2027, 5, 3))
    earlier = _item(service, "Dentist", date(2027, 5, 10))
    revived = _item(service, "Taxes", date(2027, 5, 3))
    kept = _item(service, "Bins out", date(2027, 5, 3))
    added = _item(service, "Call mum", date(2027, 5, 3))
    for item in (inside, into_goal, deleted):
        _remind(window, item, 0, time(9))
    fire = [_remind(window, item, 0, time(9)) for item in (earlier, revived, kept)]
    service.mark_done([revived])
    model_of(window).ensure_rollup()  # the tree's links, as the window has them once shown
    scheduler = window.reminder_actions.scheduler
    assert scheduler.service is not None
    read_before = scheduler.service.index_rows()
    monkeypatch.setattr(scheduler.service, "index_rows", lambda **_options: read_before)
    threads = HeldThreads(monkeypatch)
    scheduler.start_in_background()  # the links are copied now
    window.reveal([goal])
    window.items.toggle_done()
    window.reveal([deleted])
    window.items.delete()
    window.items.drop([into_goal], goal, -1, Section.ACTIVE)
    window.items.edit_item(earlier, due=date(2027, 5, 3))
    window.steps.run_in_place("Not done", lambda: service.mark_undone([revived]))
    reminders = ReminderService(service.store, clock)
    window.steps.run_in_place("Add", lambda: reminders.add_before(added, 0, time(10)))
    assert (
        service.get(into_goal).parent_id == goal and service.get(revived).status.value == "active"
    )
    threads.run(0)  # the index made of the plan as it was read, handed over now
    assert scheduler.index is not None
    fired = Fired(window)
    _walk(window, clock, datetime(2027, 5, 4, tzinfo=UTC), timedelta(minutes=30))
    assert fired.ids == [*fire, reminders.reminders(added)[-1].id]
    assert fired.looks == [datetime(2027, 5, 3, 9, tzinfo=UTC)] * 3 + [
        datetime(2027, 5, 3, 10, tzinfo=UTC)
    ]


def test_a_build_started_while_another_runs_keeps_every_change(
    make_window: MakeWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, zone: Any
) -> None:
    """A build asked for while one is under way (the plan changed by another program as it
    ran) is made once that one is handed over (one at a time, each handed over), and a due
    date brought forward between the two is followed, though the second read the plan
    before it: the reminder comes on the new day."""
    zone("UTC")
    clock.now = datetime(2027, 5, 2, 12, tzinfo=UTC)
    window = make_window()
    item = _item(service_of(window), "Taxes", date(2027, 5, 10))
    reminder = _remind(window, item, 0, time(9))
    scheduler = window.reminder_actions.scheduler
    assert scheduler.service is not None
    read_before = scheduler.service.index_rows()
    monkeypatch.setattr(scheduler.service, "index_rows", lambda **_options: read_before)
    threads = HeldThreads(monkeypatch)
    scheduler.start_in_background()
    scheduler.start_in_background()
    scheduler.start_in_background()
    assert len(threads.targets) == 1
    threads.run(0)
    assert len(threads.targets) == 2 and scheduler.building
    window.items.edit_item(item, due=date(2027, 5, 3))
    threads.run(1)
    assert len(threads.targets) == 2 and not scheduler.building
    assert scheduler.next_moment() == datetime(2027, 5, 3, 9, tzinfo=UTC)
    fired = Fired(window)
    _walk(window, clock, datetime(2027, 5, 4, tzinfo=UTC), timedelta(minutes=30))
    assert fired.ids == [reminder] and fired.looks == [datetime(2027, 5, 3, 9, tzinfo=UTC)]


def test_a_plan_that_cannot_be_written_fires_each_once_when_read_again(
    make_window: MakeWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, zone: Any
) -> None:
    """A read-only plan does not remember what fired: the index made again (as after a new
    time zone or a change by another program) does not fire it a second time."""
    window, fired, (first, second) = _read_only_plan(make_window, clock, monkeypatch, zone)
    _walk(window, clock, datetime(2027, 5, 3, 7, 30, tzinfo=UTC), timedelta(minutes=1))
    assert fired.ids == [first]
    window.reminder_actions.scheduler.rebuild()
    _walk(window, clock, datetime(2027, 5, 3, 9, tzinfo=UTC), timedelta(minutes=1))
    assert fired.ids == [first, second] and len(_popup(window).cards) == 2


def test_the_links_a_build_reads_are_a_copy(make_window: MakeWindow, clock: FakeClock) -> None:
    """The tree's links the thread reads stay as they were copied while the window changes
    its own (a goal marked done, an item moved under it)."""
    from planner.ui.reminders.scheduler import LinksCopy

    clock.now = datetime(2027, 5, 2, 12, tzinfo=UTC)
    window = make_window()
    service = service_of(window)
    goal = _item(service, "Trip", date(2027, 5, 9))
    item = _item(service, "Tickets", date(2027, 5, 3))
    links = model_of(window).ensure_rollup()
    copy = LinksCopy.of(links)
    assert copy is not None
    before = (bytes(copy.parent), bytes(copy.status))
    window.items.drop([item], goal, -1, Section.ACTIVE)
    window.reveal([goal])
    window.items.toggle_done()
    assert links.parent[item] == goal and links.status[goal] != before[1][goal]
    assert (bytes(copy.parent), bytes(copy.status)) == before


def test_a_build_that_fails_on_its_thread_is_made_again_at_the_next_look(
    make_window: MakeWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, zone: Any
) -> None:
    """A build whose thread stops on an error nobody expected (a bug): the next look of
    the coarse timer makes the index again, and the reminder fires at its time."""
    zone("UTC")
    clock.now = datetime(2027, 5, 2, 12, tzinfo=UTC)
    window = make_window()
    reminder = _remind(window, _item(service_of(window), "Taxes", date(2027, 5, 3)), 0, time(9))
    scheduler = window.reminder_actions.scheduler
    assert scheduler.service is not None
    threads = HeldThreads(monkeypatch)
    with monkeypatch.context() as broken:
        broken.setattr(scheduler.service, "index_rows", lambda **_options: 1 / 0)
        scheduler.start_in_background()
        with pytest.raises(ZeroDivisionError):
            threads.run(0)
    assert scheduler.index is None and not scheduler.building
    scheduler.coarse.timeout.emit()
    threads.run(1)
    assert scheduler.next_moment() == datetime(2027, 5, 3, 9, tzinfo=UTC)
    fired = Fired(window)
    _walk(window, clock, datetime(2027, 5, 4, tzinfo=UTC), timedelta(minutes=30))
    assert fired.ids == [reminder]


def test_a_build_on_its_thread_waits_while_the_user_is_at_work(
    qtbot: Any, make_window: MakeWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index made on a thread rests while the user types or scrolls (frames waited
    for Python's lock while a piece ran), and is made all the same once they stop, or
    after MOST_WAIT_S of waiting in all."""
    window = make_window()
    _remind(window, _item(service_of(window), "Bins out", date(2027, 5, 3)), 0, time(7))
    scheduler = window.reminder_actions.scheduler
    busy = [True]
    scheduler.user_busy = lambda: busy[0]
    scheduler.start_in_background()
    qtbot.wait(400)
    assert scheduler.building and scheduler.index is None  # waiting, the user at work
    busy[0] = False
    qtbot.waitUntil(lambda: not scheduler.building, timeout=5000)
    assert scheduler.index is not None and scheduler.index.next() is not None

    monkeypatch.setattr("planner.ui.reminders.scheduler.MOST_WAIT_S", 0.2)
    busy[0] = True  # never idle: the build waits no longer than that
    scheduler.start_in_background()
    qtbot.waitUntil(lambda: not scheduler.building, timeout=5000)
