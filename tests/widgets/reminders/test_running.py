"""Planner kept in the notification area (asked once, on the first reminder), File › Quit
and the tray's Quit, the Reminder Settings dialog (autostart, digest), the morning
digest."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.domain.agenda import AgendaCounts
from planner.services.reminders import ReminderService
from planner.ui.reminders.digest import digest_due, digest_text
from planner.ui.reminders.preferences import ReminderPreferences
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.window import MakeWindow, service_of


def _with_tray(window: MainWindow) -> list[tuple[str, str]]:
    """The window as on a desktop with a notification area: its messages, listed."""
    messages: list[tuple[str, str]] = []
    tray = window.reminder_actions.tray
    tray.available = lambda: True

    def message(title: str, text: str) -> bool:
        messages.append((title, text))
        return True

    def set_shown(shown: bool) -> None:
        messages.append(("icon", "shown" if shown else "hidden"))

    tray.message = message  # type: ignore[method-assign]
    tray.set_shown = set_shown  # type: ignore[method-assign]
    return messages


def _fire_one(window: MainWindow, clock: FakeClock, title: str) -> None:
    service = service_of(window)
    group = service.first_group()
    assert group is not None
    item = service.create_item(group.id, title, due=date(2027, 5, 4)).ids[0]
    at = clock.now + timedelta(seconds=30)
    ReminderService(service.store, clock).add_at(item, at)
    scheduler = window.reminder_actions.scheduler
    scheduler.start()
    clock.now = at
    scheduler.timer.timeout.emit()


def _question(window: MainWindow) -> QMessageBox | None:
    return window.reminder_actions.question


def test_keep_running_is_asked_once_on_the_first_reminder(
    make_window: MakeWindow, clock: FakeClock, qtbot: Any
) -> None:
    clock.now = datetime(2027, 5, 3, 7, tzinfo=UTC)
    window = make_window()
    messages = _with_tray(window)
    _fire_one(window, clock, "Bins out")
    assert messages == [("Bins out", "Due tomorrow")]
    box = _question(window)
    assert box is not None and box.isVisible()
    assert box.text() == (
        "Keep Planner running in the notification area when its window is closed, "
        "so that reminders still come?"
    )
    box.button(QMessageBox.StandardButton.Yes).click()
    assert window.reminder_actions.settings.keep_running() is True
    assert messages[-1] == ("icon", "shown")
    _fire_one(window, clock, "Feed the cat")
    assert _question(window) is None  # not again
    # Closed: the window hides, the plan stays open and its reminders come.
    window.close()
    assert not window.isVisible() and window.session is not None
    _fire_one(window, clock, "Water the plants")
    assert [c.title.text() for c in window.reminder_actions.popup.cards][-1] == ("Water the plants")
    # The tray's Show Planner brings it back; its Quit closes it for good.
    window.reminder_actions.tray.showRequested.emit()
    qtbot.waitUntil(window.isVisible, timeout=2000)
    quits: list[bool] = []
    window.reminder_actions.quit_application = lambda: quits.append(True)
    window.reminder_actions.tray.quitRequested.emit()
    assert not window.isVisible() and window.session is None and quits == [True]
    assert messages[-1] == ("icon", "hidden")


def test_no_answers_no_and_is_not_asked_again(
    make_window: MakeWindow, clock: FakeClock, make_settings: Any
) -> None:
    clock.now = datetime(2027, 5, 3, 7, tzinfo=UTC)
    window = make_window()
    _with_tray(window)
    _fire_one(window, clock, "Bins out")
    box = _question(window)
    assert box is not None
    box.button(QMessageBox.StandardButton.No).click()
    window.close()
    assert window.session is None  # closed for real
    again = make_window(create=False)
    _with_tray(again)
    _fire_one(again, clock, "Feed the cat")
    assert _question(again) is None
    assert make_settings().value("reminders/keep_running") == "no"


def test_not_asked_where_there_is_no_notification_area(
    make_window: MakeWindow, clock: FakeClock
) -> None:
    clock.now = datetime(2027, 5, 3, 7, tzinfo=UTC)
    window = make_window()
    window.reminder_actions.tray.available = lambda: False
    _fire_one(window, clock, "Bins out")
    assert _question(window) is None
    assert window.reminder_actions.popup.isVisible()  # Planner's own notification


def test_file_quit_closes_even_when_kept_running(make_window: MakeWindow, clock: FakeClock) -> None:
    window = make_window()
    _with_tray(window)
    window.reminder_actions.settings.set_keep_running(True)
    window.actions_by_name["quit"].trigger()
    assert not window.isVisible() and window.session is None


def test_the_settings_dialog_from_the_menu(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    """File › Reminder Settings: start at login writes the XDG entry (and takes it away),
    the digest's time is kept."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "planner.desktop"
    window = make_window()
    window.actions_by_name["reminder_settings"].trigger()
    dialog = window.reminder_actions.dialog
    assert isinstance(dialog, ReminderPreferences) and dialog.isVisible()
    assert not dialog.login.isChecked() and not dialog.digest.isChecked()
    assert not dialog.digest_time.isEnabled()
    assert dialog.no_tray.isVisibleTo(dialog)  # offscreen: no notification area
    dialog.login.setChecked(True)
    dialog.digest.setChecked(True)
    dialog.digest_time.setTime(dialog.digest_time.time().fromString("07:30", "HH:mm"))
    dialog.accept()
    assert entry.is_file() and "Exec=" in entry.read_text()
    settings = window.reminder_actions.settings
    assert settings.digest_time() == time(7, 30)
    window.actions_by_name["reminder_settings"].trigger()
    dialog = window.reminder_actions.dialog
    assert dialog is not None and dialog.login.isChecked() and dialog.digest.isChecked()
    dialog.login.setChecked(False)
    dialog.digest.setChecked(False)
    dialog.accept()
    assert not entry.exists() and settings.digest_time() is None


def test_autostart_that_cannot_be_written_says_why(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "config"
    blocked.write_text("a file where the folder goes")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocked))
    errors = _start_at_login_chosen(make_window())
    assert errors == ["Starting Planner at login could not be changed: Not a directory."]


def test_autostart_entry_that_is_a_link_is_refused_with_the_reason(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    (config / "autostart").mkdir(parents=True)
    link = config / "autostart" / "planner.desktop"
    link.symlink_to(tmp_path / "elsewhere.desktop")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    errors = _start_at_login_chosen(make_window())
    assert len(errors) == 1
    assert errors[0].startswith("Starting Planner at login could not be changed. ")
    assert "planner.desktop is a symbolic link" in errors[0]
    assert link.is_symlink() and not (tmp_path / "elsewhere.desktop").exists()


def _start_at_login_chosen(window: MainWindow) -> list[str]:
    """Reminder Settings… opened, Start Planner when I log in ticked, OK: the errors said."""
    errors: list[str] = []
    window.reminder_actions.messages.error = errors.append  # type: ignore[method-assign]
    window.actions_by_name["reminder_settings"].trigger()
    dialog = window.reminder_actions.dialog
    assert dialog is not None
    dialog.login.setChecked(True)
    dialog.accept()
    return errors


def _counts(today: int, overdue: int) -> AgendaCounts:
    return AgendaCounts(today, 0, overdue, 0, 0, 0, {})


def test_the_digest_text() -> None:
    assert digest_text(_counts(5, 2)) == "Today: 3 due, 2 overdue"
    assert digest_text(_counts(1, 0)) == "Today: 1 due, 0 overdue"
    assert digest_text(_counts(0, 0)) == "Today: nothing due, nothing overdue."
    morning = datetime(2027, 5, 3, 8, 0)
    assert digest_due(morning, time(8), None)
    assert not digest_due(morning, time(8, 1), None)
    assert not digest_due(morning, time(8), date(2027, 5, 3))  # shown today
    assert digest_due(morning, time(8), date(2027, 5, 2))
    assert not digest_due(morning, None, None)  # off


def test_the_digest_comes_once_at_its_time(
    make_window: MakeWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    import time as system_time

    system_time.tzset()
    clock.now = datetime(2027, 5, 3, 7, 58, tzinfo=UTC)
    window = make_window()
    service = service_of(window)
    group = service.first_group()
    assert group is not None
    for title, day in (("Taxes", 3), ("Rent", 3), ("Late", 1), ("Next week", 10)):
        service.create_item(group.id, title, due=date(2027, 5, day))
    messages = _with_tray(window)
    window.reminder_actions.settings.set_digest_time(time(8))
    scheduler = window.reminder_actions.scheduler
    scheduler.start()
    scheduler.coarse.timeout.emit()
    assert messages == []
    clock.now = datetime(2027, 5, 3, 8, 0, 30, tzinfo=UTC)
    for _look in range(3):
        scheduler.coarse.timeout.emit()
    assert messages == [("Planner", "Today: 2 due, 1 overdue")]  # once
    clock.now = datetime(2027, 5, 4, 8, 0, tzinfo=UTC)
    scheduler.coarse.timeout.emit()
    assert len(messages) == 2
    monkeypatch.undo()
    system_time.tzset()


def test_a_logout_while_hidden_closes_the_plan(make_window: MakeWindow) -> None:
    """Planner kept in the notification area, the window hidden: when the application is
    told to quit (the session ends), the window closes its plan first."""
    window = make_window()
    _with_tray(window)
    window.reminder_actions.settings.set_keep_running(True)
    window.close()
    assert window.session is not None  # hidden, not closed
    app = QApplication.instance()
    assert app is not None
    app.aboutToQuit.emit()  # type: ignore[attr-defined]
    assert window.session is None


def test_without_a_notification_area_the_digest_is_a_message(
    make_window: MakeWindow, clock: FakeClock, qtbot: Any
) -> None:
    clock.now = datetime(2027, 5, 3, 12, 0, tzinfo=UTC)
    window = make_window()
    window.reminder_actions.tray.available = lambda: False
    window.reminder_actions.settings.set_digest_time(time(8))
    window.reminder_actions.scheduler.start()
    window.reminder_actions.scheduler.coarse.timeout.emit()  # started after 8:00: shown now
    box = window.reminder_actions.digest_box
    assert box is not None and box.isVisible()
    assert box.text() == "Today: nothing due, nothing overdue."
    assert window.statusBar().currentMessage() == "Today: nothing due, nothing overdue."
    window.reminder_actions.scheduler.coarse.timeout.emit()
    assert window.reminder_actions.digest_box is box  # once a day
    window.close()
    assert not box.isVisible()


def test_started_at_login_the_window_stays_hidden_only_when_kept_in_the_tray(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    actions = window.reminder_actions
    events = _with_tray(window)
    assert not actions.starts_hidden()  # not chosen: the window is shown
    actions.settings.set_keep_running(True)
    assert actions.starts_hidden() and events[-1] == ("icon", "shown")
    actions.tray.available = lambda: False
    assert not actions.starts_hidden()  # nowhere to be: the window is shown
