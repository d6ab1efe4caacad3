"""Planner's own notification with many reminders at once: a list, the first few in view
and the others scrolled to; past thirty, the rest wait (counted) and come as cards go."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from planner.ui.reminders.popup import MOST_CARDS, Notice, ReminderPopup


@pytest.fixture
def popup(qtbot: Any) -> Iterator[ReminderPopup]:
    shown = ReminderPopup()
    qtbot.addWidget(shown)
    yield shown
    shown.dismiss_all()


def _notices(n: int) -> list[Notice]:
    start = datetime(2027, 5, 3, 7, tzinfo=UTC)
    return [
        Notice(100 + k, 1000 + k, f"Item {k}", "Goals", "Due today", False, start, True)
        for k in range(n)
    ]


def test_many_at_once(popup: ReminderPopup) -> None:
    notices = _notices(MOST_CARDS + 5)
    popup.add(notices, "35 reminders while Planner was closed")
    assert popup.isVisible() and len(popup.cards) == MOST_CARDS
    assert popup.more.isVisibleTo(popup)
    assert popup.more.text() == "5 more reminders come as these go"
    assert popup.scroller.verticalScrollBar().maximum() > 0  # the rest scrolled to
    popup.add(notices[:3])  # listed already: not twice
    assert len(popup.cards) == MOST_CARDS and popup.more.text().startswith("5 more")
    popup.cards[0].dismiss_button.click()
    assert len(popup.cards) == MOST_CARDS
    assert [c.notice.title for c in popup.cards][-1] == f"Item {MOST_CARDS}"
    assert popup.more.text() == "4 more reminders come as these go"
    popup.remove_item(100 + MOST_CARDS + 4)  # a waiting one marked done
    assert popup.more.text() == "3 more reminders come as these go"
    for _card in range(MOST_CARDS + 3):
        popup.cards[0].dismiss_button.click()
    assert popup.cards == [] and not popup.isVisible()


def test_the_newest_last_under_the_heading(popup: ReminderPopup) -> None:
    first, second = _notices(2)
    popup.add([first])
    assert popup.heading.text() == "Planner: reminders"
    popup.add([second])
    assert [c.title.text() for c in popup.cards] == ["Item 0", "Item 1"]
    assert not popup.more.isVisibleTo(popup)
    assert popup.y() + popup.height() <= popup.screen().availableGeometry().bottom() + 1
