"""The notification, the list of missed reminders, the keep-running question and the
Reminder Settings dialog in every language: each word from the catalog (shown in a
pseudo-language), none cut short."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QWidget

from planner import formats
from planner.services.reminders import ReminderService
from planner.ui import language
from planner.ui.window.main_window import MainWindow
from tests.helpers.clock import FakeClock
from tests.helpers.i18n_checks import clipped, plain, settle, unmarked, window_texts
from tests.helpers.window import MakeDemoWindow, service_of

LANGUAGES = ["en", "ru", "pt_BR", "zh_CN", "de", "pseudo"]


def _shown(window: MainWindow, clock: FakeClock) -> tuple[list[QWidget], list[str]]:
    """Two reminders fired (one missed), the question asked, the settings open: those
    windows, and the user's own words they show (titles, paths, moments)."""
    service = service_of(window)
    items = [
        r for r in service.all_items() if not r.is_group and r.status.value == "active" and r.due
    ][:2]
    reminders = ReminderService(service.store, clock)
    start = clock.now
    for k, record in enumerate(items):
        reminders.add_at(record.id, start + timedelta(minutes=1 + k))
    actions = window.reminder_actions
    actions.tray.available = lambda: True
    actions.tray.message = lambda _title, _text: True  # type: ignore[method-assign]
    actions.tray.set_shown = lambda _shown: None  # type: ignore[method-assign]
    actions.scheduler.start()
    clock.now = start + timedelta(minutes=5)  # the first late: missed
    actions.scheduler.check()
    actions.preferences()
    assert actions.question is not None and actions.dialog is not None
    own = [r.title for r in items]
    own += [p.title for r in items for p in service.path(r.id)]
    own += [formats.moment(start + timedelta(minutes=1 + k)) for k in range(2)]
    settle()
    return [actions.popup, actions.question, actions.dialog], own


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_word_from_the_catalog_and_none_cut(
    make_demo_window: MakeDemoWindow, clock: FakeClock, code: str
) -> None:
    if code == "zh_CN" and not language.chinese_font_installed():
        pytest.skip("no font with Chinese glyphs installed")
    clock.now = datetime.now(UTC).replace(microsecond=0)  # the demo's dates are from today
    window = make_demo_window(code)
    tops, own = _shown(window, clock)
    assert len(window.reminder_actions.popup.cards) == 2
    if code == "pseudo":
        texts = [text for top in tops for text in window_texts(top)]
        texts += [
            ("QAction", a.text())
            for c in window.reminder_actions.popup.cards
            for a in c.snooze_menu.actions()
        ]
        assert len(texts) > 30
        found = [(where, t) for where, t in texts if unmarked(plain(t), own)]
        assert found == []
    cut = [line for top in tops for line in clipped(top)]
    assert cut == [], "\n".join(cut)


def test_a_word_not_from_the_catalog_would_be_found(
    make_demo_window: MakeDemoWindow, clock: FakeClock
) -> None:
    clock.now = datetime.now(UTC).replace(microsecond=0)
    window = make_demo_window("pseudo")
    tops, own = _shown(window, clock)
    window.reminder_actions.popup.cards[0].dismiss_button.setText("Dismiss")
    texts = window_texts(tops[0])
    assert [(w, t) for w, t in texts if unmarked(plain(t), own)] == [("QPushButton", "Dismiss")]
