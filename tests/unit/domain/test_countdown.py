from datetime import date

import pytest

from planner.domain.countdown import countdown_text, is_overdue
from planner.domain.items import Status

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 12, 4), "12 days left"),
        (date(2026, 11, 24), "2 days left"),
        (date(2026, 11, 23), "Due tomorrow"),
        (date(2026, 11, 22), "Due today"),
        (date(2026, 11, 21), "1 day overdue"),
        (date(2026, 11, 19), "3 days overdue"),
        (None, ""),
    ],
)
def test_active_countdown(due: date | None, expected: str) -> None:
    assert countdown_text(due, Status.ACTIVE, None, TODAY) == expected


@pytest.mark.parametrize(
    ("done_on", "expected"),
    [
        (date(2026, 11, 20), "Done 2 days early"),
        (date(2026, 11, 21), "Done 1 day early"),
        (date(2026, 11, 22), "Done on time"),
        (date(2026, 11, 23), "Done 1 day late"),
        (date(2026, 11, 27), "Done 5 days late"),
    ],
)
def test_done_countdown(done_on: date, expected: str) -> None:
    assert countdown_text(date(2026, 11, 22), Status.DONE, done_on, TODAY) == expected


def test_done_without_due_and_deleted() -> None:
    assert countdown_text(None, Status.DONE, TODAY, TODAY) == "Done"
    assert countdown_text(TODAY, Status.DELETED, None, TODAY) == "Deleted"


def test_overdue_only_when_active_and_past() -> None:
    assert is_overdue(date(2026, 11, 21), Status.ACTIVE, TODAY)
    assert not is_overdue(date(2026, 11, 22), Status.ACTIVE, TODAY)
    assert not is_overdue(date(2026, 11, 21), Status.DONE, TODAY)
